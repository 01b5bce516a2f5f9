"""Where mappings live: in memory by default, or in an (encrypted) SQLite file."""

from .base import MappingRecord, StoredSession, Vault
from .memory import MemoryVault
from .sqlite import SQLiteVault

__all__ = ["MappingRecord", "MemoryVault", "SQLiteVault", "StoredSession", "Vault"]
