"""Real Redis and PostgreSQL servers for the vault tests, and one fixture per backend.

The servers are started once per test run on 127.0.0.1 (tests/servers.py) and stopped at the end.
A server that cannot start fails the tests that need it with the reason. Only when its binary is
not installed *and* the CI environment variable is unset (a developer's machine) are those tests
skipped instead — and the skip message says so; in CI a missing binary is a failure.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import PostgresServer, RedisServer, start_for_tests
from vault_workers import Spec

BACKENDS = ["memory", "sqlite", "sql-sqlite", "sql-postgresql", "redis"]
SHARED = [b for b in BACKENDS if b != "memory"]


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    server = start_for_tests(RedisServer, "redis-server")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = start_for_tests(PostgresServer, "PostgreSQL")
    yield server
    server.stop()


def make_spec(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Spec:
    """A fresh, empty store of `kind` (its own file, key prefix or table prefix)."""
    scope = "t" + uuid.uuid4().hex[:12]
    if kind == "memory":
        return Spec("memory", scope=scope)
    if kind == "sqlite":
        return Spec("sqlite", str(tmp_path / f"{scope}.sqlite3"), scope)
    if kind == "sql-sqlite":
        return Spec("sql-sqlite", f"sqlite:///{tmp_path / f'{scope}.db'}", scope)
    if kind == "sql-postgresql":
        return Spec("sql-postgresql", request.getfixturevalue("postgres_server").url, scope)
    return Spec("redis", request.getfixturevalue("redis_server").url, scope)


@pytest.fixture(params=BACKENDS)
def spec(request: pytest.FixtureRequest, tmp_path: Path) -> Spec:
    return make_spec(request.param, request, tmp_path)


@pytest.fixture(params=SHARED)
def shared_spec(request: pytest.FixtureRequest, tmp_path: Path) -> Spec:
    return make_spec(request.param, request, tmp_path)
