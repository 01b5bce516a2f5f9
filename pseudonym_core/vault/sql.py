"""A vault in a SQL database through SQLAlchemy 2: PostgreSQL (psycopg) or SQLite, one code path.

The layout and the guarantees are those of the SQLite file vault (vault/base.py, vault/keyring.py):
rows named by keyed hashes, payloads sealed with the user's key, unique keys both ways, one counter
per session. Concurrency rests on the session row: every write updates it first — a compare-and-set
on the counter for `commit`, an increment for `get_or_create` — so PostgreSQL's row lock orders the
writers of one session and the counter is bumped in the same transaction as the rows it announces
(a reader can never see a counter whose rows are not yet visible). Sessions may expire: a session
with a time-to-live gets `expires_at = now + ttl` on every write; reads treat it as gone after
that and `purge_expired()` (also run when a session is created) deletes its rows.

`redis`/`sqlalchemy` are imported here only, so `import pseudonym_core` stays light.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import SessionNotFoundError, SurrogateTakenError, VaultError, VaultKeyError, VaultUnavailableError
from .base import Delta, MappingRecord, StoredSession, first_counter
from .keyring import Keyring, create_header, open_header, rekey_header
from .rows import extras_payload, read_extras
from .sql_schema import Schema


class _Result(Exception):
    """Leave a transaction by rolling it back, with a value to return."""

    def __init__(self, value: Any) -> None:
        self.value = value


class SQLVault:
    """`SQLVault("postgresql+psycopg://user@host/db", key=...)` or `SQLVault("sqlite:///vault.db", key=...)`.

    `ttl` (seconds) applies to sessions created through this handle; `set_ttl` changes one session's.
    """

    def __init__(
        self,
        url: Any,
        key: str | bytes | None = None,
        *,
        ttl: float | None = None,
        table_prefix: str = "pseudonym_",
        engine_options: dict[str, Any] | None = None,
    ) -> None:
        import sqlalchemy as sa

        self._sa = sa
        self._engine = url if isinstance(url, sa.engine.Engine) else _engine(url, engine_options or {})
        self.dialect = self._engine.dialect.name
        if self.dialect not in ("postgresql", "sqlite"):
            raise VaultError(f"SQLVault supports PostgreSQL and SQLite, not {self.dialect!r}")
        self.ttl = ttl
        self._t = Schema(table_prefix)
        self._lock = threading.Lock()
        self._kr = self._open(key)
        self.secret = self._kr.hash_secret
        url_obj = self._engine.url
        self.cache_key = ("sql", url_obj.render_as_string(hide_password=True), table_prefix)

    def __repr__(self) -> str:
        return f"SQLVault(dialect={self.dialect!r}, encrypted={self._kr.encrypted}, ttl={self.ttl})"

    def __reduce__(self) -> Any:
        raise TypeError("a SQLVault holds a connection pool and its key; open it again in the other process")

    @property
    def encrypted(self) -> bool:
        return self._kr.encrypted

    # -- plumbing -----------------------------------------------------------------------------
    @contextmanager
    def _tx(self, write: bool = False) -> Iterator[Any]:
        """One transaction; errors become VaultUnavailableError/VaultError without the driver's text
        (which quotes statement parameters) and without chaining it."""
        sa = self._sa
        failure: Exception | None = None
        try:
            with self._engine.begin() as conn:
                if write:
                    kid = conn.execute(self._t.kid_for_share()).scalar()
                    if kid is None or bytes(kid) != self._kr.key_id:
                        raise VaultKeyError("the vault was re-keyed by another process; reopen it with the new key")
                yield conn
        except (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError) as exc:
            failure = VaultUnavailableError(f"the vault database is not reachable ({_cause(exc)}); nothing was written")
        except sa.exc.IntegrityError:
            failure = VaultError("a new mapping duplicates a stored one; nothing was written")
        except sa.exc.DBAPIError as exc:
            failure = VaultError(f"the vault database refused the request ({_cause(exc)}); nothing was written")
        if failure is not None:
            raise failure

    def _now(self) -> float:
        return time.time()

    def _alive(self, now: float) -> Any:
        s = self._t.sessions.c
        return self._sa.or_(s.expires_at.is_(None), s.expires_at > now)

    def _touch(self, now: float) -> Any:
        """`expires_at` after a write: now + the session's ttl (NULL when it has none)."""
        s = self._t.sessions.c
        return self._sa.case((s.ttl.is_not(None), now + s.ttl), else_=None)

    def _open(self, key: str | bytes | None) -> Keyring:
        with self._tx() as conn:
            if self.dialect == "postgresql":  # CREATE TABLE IF NOT EXISTS races between processes
                conn.execute(self._sa.text("SELECT pg_advisory_xact_lock(7242019)"))
            self._t.metadata.create_all(conn)
            header = {k: bytes(v) for k, v in conn.execute(self._sa.select(self._t.meta.c.k, self._t.meta.c.v))}
            if not header:
                _, header = create_header(key)
                conn.execute(self._t.meta.insert(), [{"k": k, "v": v} for k, v in header.items()])
        return open_header(header, key)

    def _delta(self, conn: Any, sid: bytes, after: int, upto: int) -> Delta:
        sa, m, x = self._sa, self._t.mappings.c, self._t.extras.c
        window = (m.h == sid, m.seq > after, m.seq <= upto)
        rows = conn.execute(sa.select(m.payload).where(*window).order_by(m.seq, m.pos))
        delta = Delta([MappingRecord.from_json(self._kr.open(p)) for (p,) in rows], cursor=upto)
        for (p,) in conn.execute(sa.select(x.payload).where(x.h == sid, x.seq > after, x.seq <= upto)):
            read_extras(self._kr.open(p), delta)
        return delta

    def _erase(self, conn: Any, sid: bytes) -> int:
        sa, t = self._sa, self._t
        count = conn.execute(sa.select(sa.func.count()).where(t.mappings.c.h == sid)).scalar() or 0
        for table in (t.mappings, t.extras, t.sessions):
            conn.execute(table.delete().where(table.c.h == sid))
        return int(count)

    # -- Vault protocol -----------------------------------------------------------------------
    def create_session(self, session_id: str, meta: dict[str, Any]) -> None:
        self.purge_expired()
        sid, now, s = self._kr.sid(session_id), self._now(), self._t.sessions.c
        start = first_counter()
        row = {
            "h": sid,
            "seq": start,
            "base": start,
            "meta": self._kr.seal({"id": session_id, "meta": meta}),
            "ttl": self.ttl,
        }
        row["expires_at"] = now + self.ttl if self.ttl else None
        with self._tx(write=True) as conn:
            stale = conn.execute(self._sa.select(s.h).where(s.h == sid, s.expires_at <= now)).first()
            if stale is not None:  # an expired session of the same id: it is gone, start afresh
                self._erase(conn, sid)
            conn.execute(self._t.insert_ignore(self.dialect, self._t.sessions).values(**row))

    def load_session(self, session_id: str) -> StoredSession | None:
        sid, s = self._kr.sid(session_id), self._t.sessions.c
        with self._tx() as conn:
            found = self._sa.select(s.base, s.seq, s.meta).where(s.h == sid, self._alive(self._now()))
            row = conn.execute(found).first()
            if row is None:
                return None
            delta = self._delta(conn, sid, int(row.base), int(row.seq))
        meta = self._kr.open(row.meta)["meta"]
        return StoredSession(meta, delta.records, delta.word_hashes, delta.lowercase, delta.cursor)

    def changes(self, session_id: str, cursor: int) -> Delta | None:
        sid, s = self._kr.sid(session_id), self._t.sessions.c
        with self._tx() as conn:
            row = conn.execute(self._sa.select(s.base, s.seq).where(s.h == sid, self._alive(self._now()))).first()
            if row is None or not row.base <= cursor <= row.seq:
                return None  # no such session, or the cursor belongs to an earlier one of that id
            return Delta(cursor=cursor) if row.seq == cursor else self._delta(conn, sid, cursor, int(row.seq))

    def commit(self, session_id: str, cursor: int, delta: Delta) -> int | None:
        kr, sid, new, now = self._kr, self._kr.sid(session_id), cursor + 1, self._now()
        rows = [
            {"h": sid, "okey": kr.okey(sid, r.original), "skey": kr.skey(sid, r.surrogate), "seq": new, "pos": i,
             "payload": kr.seal(r.to_json())}
            for i, r in enumerate(delta.records)
        ]  # fmt: skip
        extras = extras_payload(delta)
        s = self._t.sessions
        with self._tx(write=True) as conn:
            cas = s.update().where(s.c.h == sid, s.c.seq == cursor, self._alive(now))
            if conn.execute(cas.values(seq=new, expires_at=self._touch(now)).returning(s.c.seq)).first() is None:
                if conn.execute(self._sa.select(s.c.seq).where(s.c.h == sid, self._alive(now))).first() is None:
                    raise SessionNotFoundError(session_id)
                return None
            if rows:
                conn.execute(self._t.mappings.insert(), rows)
            if extras is not None:
                conn.execute(self._t.extras.insert().values(h=sid, seq=new, payload=kr.seal(extras)))
        return new

    def get_or_create(self, session_id: str, record: MappingRecord) -> MappingRecord:
        kr, sid, now, s, m = self._kr, self._kr.sid(session_id), self._now(), self._t.sessions, self._t.mappings
        okey = kr.okey(sid, record.original)
        row = {
            "h": sid,
            "okey": okey,
            "skey": kr.skey(sid, record.surrogate),
            "pos": 0,
            "payload": kr.seal(record.to_json()),
        }
        try:
            with self._tx(write=True) as conn:
                bump = (
                    s.update()
                    .where(s.c.h == sid, self._alive(now))
                    .values(seq=s.c.seq + 1, expires_at=self._touch(now))
                )
                seq = conn.execute(bump.returning(s.c.seq)).scalar()
                if seq is None:
                    raise SessionNotFoundError(session_id)
                insert = self._t.insert_ignore(self.dialect, m).values(seq=seq, **row).returning(m.c.seq)
                if conn.execute(insert).first() is not None:  # (rowcount is -1 under psycopg)
                    return record
                winner = conn.execute(self._sa.select(m.c.payload).where(m.c.h == sid, m.c.okey == okey)).scalar()
                raise _Result(winner)  # roll back the counter: nothing new to announce
        except _Result as lost:
            if lost.value is None:
                raise SurrogateTakenError(
                    "that surrogate already belongs to another original of this session"
                ) from None
            return MappingRecord.from_json(kr.open(lost.value))

    def forget(self, session_id: str) -> int:
        with self._tx(write=True) as conn:
            count = self._erase(conn, self._kr.sid(session_id))
        self._scrub()
        return count

    def _scrub(self) -> None:
        """SQLite: truncate the write-ahead log, which still holds the erased or re-keyed pages
        (PostgreSQL keeps dead rows until VACUUM reuses their space; with a key they are ciphertext)."""
        if self.dialect != "sqlite":
            return
        with self._engine.connect() as conn, contextlib.suppress(Exception):
            conn.connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def delete_session(self, session_id: str) -> None:
        self.forget(session_id)

    def set_ttl(self, session_id: str, ttl: float | None) -> None:
        """Give one session a time-to-live in seconds (None: keep it until forgotten), from now on."""
        sid, now, s = self._kr.sid(session_id), self._now(), self._t.sessions
        with self._tx(write=True) as conn:
            change = s.update().where(s.c.h == sid, self._alive(now))
            change = change.values(ttl=ttl, expires_at=now + ttl if ttl else None).returning(s.c.seq)
            if conn.execute(change).first() is None:
                raise SessionNotFoundError(session_id)

    def purge_expired(self) -> int:
        """Delete every expired session's rows; returns how many sessions were purged."""
        s = self._t.sessions.c
        with self._tx(write=True) as conn:
            expired = [h for (h,) in conn.execute(self._sa.select(s.h).where(s.expires_at <= self._now()))]
            for sid in expired:
                self._erase(conn, sid)
        return len(expired)

    def session_ids(self) -> list[str]:
        s = self._t.sessions.c
        with self._tx() as conn:
            blobs = [b for (b,) in conn.execute(self._sa.select(s.meta).where(self._alive(self._now())))]
        return [self._kr.open(b)["id"] for b in blobs]

    def rekey(self, new_key: str | bytes | None) -> None:
        """Re-seal every row under `new_key` in one transaction; concurrent writers wait, then get
        VaultKeyError (the counter of every session moves, so no stale compare-and-set succeeds)."""
        old = self._kr
        new, header = rekey_header(old, new_key)
        sa, t = self._sa, self._t
        with self._tx() as conn:
            kid = conn.execute(t.kid_for_share(exclusive=True)).scalar()
            if kid is None or bytes(kid) != old.key_id:
                raise VaultKeyError("the vault was re-keyed by another process; reopen it with the new key")
            for table, col, pk in ((t.sessions, "meta", ("h",)), (t.mappings, "payload", ("h", "okey")),
                                   (t.extras, "payload", ("h", "seq"))):  # fmt: skip
                rows = conn.execute(sa.select(*(table.c[k] for k in pk), table.c[col])).all()
                if not rows:
                    continue
                stmt = table.update().where(*(table.c[k] == sa.bindparam(f"b_{k}") for k in pk))
                conn.execute(
                    stmt.values({col: sa.bindparam("b_new")}),
                    [{**{f"b_{k}": r[i] for i, k in enumerate(pk)}, "b_new": new.seal(old.open(r[-1]))} for r in rows],
                )
            conn.execute(t.sessions.update().values(seq=t.sessions.c.seq + 1))
            conn.execute(t.meta.delete())
            conn.execute(t.meta.insert(), [{"k": k, "v": v} for k, v in header.items()])
        self._kr = new
        self._scrub()

    def close(self) -> None:
        self._engine.dispose()


def _cause(exc: Any) -> str:
    """The driver error's class name only: its message may quote parameters (sealed or not)."""
    return type(getattr(exc, "orig", None) or exc).__name__


def _engine(url: Any, options: dict[str, Any]) -> Any:
    import sqlalchemy as sa

    url = sa.engine.make_url(url)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")  # psycopg 3 ships with the [vault] extra
    opts: dict[str, Any] = {"pool_pre_ping": True, **options}
    if url.get_backend_name() == "postgresql":
        opts.setdefault("connect_args", {}).setdefault("connect_timeout", 5)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
            from pathlib import Path

            from .sqlite import create_private_file

            create_private_file(Path(url.database))  # mode 0600; SQLite gives -wal/-shm the same
        opts.setdefault("connect_args", {}).setdefault("timeout", 30)
        engine = sa.create_engine(url, **opts)
        _sqlite_immediate(engine)
        return engine
    return sa.create_engine(url, **opts)


def _sqlite_immediate(engine: Any) -> None:
    """pysqlite would start transactions lazily (deferred); a writer must hold the lock from its
    first read, or two processes could both pass the compare-and-set (SQLAlchemy's own recipe)."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA secure_delete=ON")

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
