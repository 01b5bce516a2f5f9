"""Where mappings live: in memory by default, in an (encrypted) SQLite file, in Redis, or in a SQL
database (PostgreSQL, SQLite) shared by several processes and machines.

`RedisVault` and `SQLVault` import their client libraries (the `vault` extra) only when used.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .base import Delta, MappingRecord, StoredSession, Vault
from .memory import MemoryVault
from .sqlite import SQLiteVault

if TYPE_CHECKING:
    from .redis import RedisVault
    from .sql import SQLVault

__all__ = [
    "Delta",
    "MappingRecord",
    "MemoryVault",
    "RedisVault",
    "SQLVault",
    "SQLiteVault",
    "StoredSession",
    "Vault",
    "migrate_v1",
    "open_vault",
]


def __getattr__(name: str) -> Any:
    if name == "RedisVault":
        from .redis import RedisVault

        return RedisVault
    if name == "SQLVault":
        from .sql import SQLVault

        return SQLVault
    if name == "migrate_v1":
        from .migrate import migrate_v1

        return migrate_v1
    raise AttributeError(name)


def open_vault(target: str | os.PathLike[str], key: str | bytes | None = None, **options: Any) -> Vault:
    """A vault from a path or URL: `redis://…`/`rediss://…`/`unix://…` → RedisVault, any other
    `scheme://…` (`postgresql://…`, `sqlite:///…`) → SQLVault, a plain path → SQLiteVault.

    `options` go to the vault's constructor (`ttl=` for Redis and SQL).
    """
    text = os.fspath(target)
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in ("redis", "rediss", "unix"):
        from .redis import RedisVault

        return RedisVault(text, key=key, **options)
    if scheme:
        from .sql import SQLVault

        return SQLVault(text, key=key, **options)
    return SQLiteVault(text, key=key, **options)
