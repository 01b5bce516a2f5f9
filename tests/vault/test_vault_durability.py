"""What a shared vault keeps and what it lets go: server crashes, expiry, erasure, data at rest.

A server killed mid-session must cost the caller one clear error (VaultUnavailableError) and no
mapping already handed out; sessions with a time-to-live disappear on time; and neither the
originals nor the session ids are ever stored in clear, not even in the server's own files.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from servers import PostgresServer, RedisServer, start_for_tests
from vault_workers import Spec, deny_pseudonymizer

from pseudonym_core import SessionNotFoundError, VaultUnavailableError
from pseudonym_core.vault import Delta, MappingRecord

TURNS = [
    "Alice Johnson asked Robert Miller for the lease.",
    "Miller sent it to alice.johnson@example.com on Friday.",
    "Nadia Kowalski will countersign for Johnson.",
]
SECRETS = ["Alice Johnson", "Johnson", "Robert Miller", "alice.johnson", "Kowalski", "conv-secret-id"]


@pytest.fixture(params=["redis", "sql-postgresql"])
def own_server(request: pytest.FixtureRequest) -> Iterator[tuple[Any, Spec]]:
    """A private server for a test that kills it (Redis with an fsync'd append-only file)."""
    if request.param == "redis":
        server = start_for_tests(lambda: RedisServer(durable=True), "redis-server")
        spec = Spec("redis", server.url, "kill")
    else:
        server = start_for_tests(PostgresServer, "PostgreSQL")
        spec = Spec("sql-postgresql", server.url, "kill")
    yield server, spec
    server.stop()


def test_server_killed_mid_session(own_server: tuple[Any, Spec]) -> None:
    server, spec = own_server
    p = deny_pseudonymizer()
    session = p.session(id="conv", vault=spec.open())
    first = p.pseudonymize(TURNS[0], session=session)
    known = len(session.mappings())

    server.kill()
    with pytest.raises(VaultUnavailableError) as info:
        p.pseudonymize(TURNS[1], session=session)  # new mappings cannot be stored: nothing is handed out
    error: BaseException | None = info.value
    while error is not None:  # nor in anything chained to it (driver errors quote their parameters)
        assert not any(s in f"{error}{error!r}" for s in SECRETS)
        error = error.__cause__ or error.__context__
    assert len(session.mappings()) == known  # the failed call left nothing half-applied in memory
    with pytest.raises(VaultUnavailableError):
        p.restore(first.text, session=session)  # cannot know what other workers stored meanwhile

    server.start()
    second = p.pseudonymize(TURNS[1], session=session)  # the same handle recovers by itself
    third = p.pseudonymize(TURNS[2], session=session)
    fresh = deny_pseudonymizer()
    reopened = fresh.session(id="conv", vault=spec.open(), create=False)
    assert [fresh.restore(r.text, session=reopened) for r in (first, second, third)] == TURNS


def test_sessions_expire(shared_spec: Spec) -> None:
    if shared_spec.kind in ("memory", "sqlite"):
        pytest.skip("time-to-live is a feature of the Redis and SQL vaults")
    vault = shared_spec.open(ttl=1.0)
    for sid in ("short", "kept"):
        vault.create_session(sid, {"salt": "00", "date_offset": 40})
    c0 = vault.load_session("short").cursor
    vault.commit("short", c0, Delta([MappingRecord("Alice Johnson", "Mara Lind", "PERSON")]))
    vault.set_ttl("kept", None)
    time.sleep(0.5)
    vault.commit("short", c0 + 1, Delta([], {b"\x01" * 16}))  # a write moves the expiry on
    time.sleep(0.7)
    assert vault.load_session("short") is not None
    time.sleep(0.8)
    assert vault.load_session("short") is None and vault.changes("short", c0 + 2) is None
    assert vault.session_ids() == ["kept"]
    with pytest.raises(SessionNotFoundError):
        vault.commit("short", c0 + 2, Delta([MappingRecord("Bob", "Tom", "PERSON")]))
    vault.create_session("short", {"salt": "11", "date_offset": 50})  # the id starts afresh
    assert vault.load_session("short").records == []


def _raw(spec: Spec, server: Any) -> bytes:
    """Everything the store holds, as an attacker with a copy of its files or a dump would see it."""
    if spec.kind in ("sqlite", "sql-sqlite"):
        path = Path(spec.target.removeprefix("sqlite:///"))
        return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    if spec.kind == "redis":
        import redis

        r = redis.Redis.from_url(spec.target)
        out = []
        for k in r.scan_iter(f"{spec.scope}:*"):
            out.append(k)
            kind = r.type(k)
            if kind == b"hash":
                out += [x for kv in r.hgetall(k).items() for x in kv]
            elif kind == b"list":
                out += r.lrange(k, 0, -1)
            elif kind == b"set":
                out += list(r.smembers(k))
        return b"\n".join(out)
    import sqlalchemy as sa

    with sa.create_engine(spec.target, isolation_level="AUTOCOMMIT").connect() as c:
        c.execute(sa.text("CHECKPOINT"))
    return b"".join(p.read_bytes() for p in (server.data / "base").rglob("*") if p.is_file())


@pytest.mark.parametrize("key", ["k3y", None], ids=["encrypted", "plaintext"])
def test_nothing_in_clear_at_rest(shared_spec: Spec, key: str | None, request: pytest.FixtureRequest) -> None:
    """With a key no original and no session id is in the store; after `forget` not even without one.
    The plaintext run proves the scan finds originals when they are there."""
    server = request.getfixturevalue("postgres_server") if shared_spec.kind == "sql-postgresql" else None
    p = deny_pseudonymizer()
    session = p.session(id="conv-secret-id", vault=shared_spec.open(key))
    for turn in TURNS:
        p.pseudonymize(turn, session=session)
    found = [s for s in SECRETS if s.encode() in _raw(shared_spec, server)]
    if key is None:
        assert "Alice Johnson" in found
    else:
        assert found == []
    held = len(session.mappings())
    assert held > 0 and p.forget(session) == held
    if shared_spec.kind == "sql-postgresql" and key is None:
        return  # PostgreSQL keeps deleted rows in its files until VACUUM reuses the space (README)
    assert [s for s in SECRETS[:-1] if s.encode() in _raw(shared_spec, server)] == []
