"""A vault in Redis, shared by every process and machine that can reach the server (rule 12).

Each write is one Lua script (vault/redis_scripts.py), so Redis applies it atomically; catching up
is one script call that returns only what is newer than the caller's cursor. Sessions may expire:
with a time-to-live, every write moves the expiry of all the session's keys to now + ttl.

Durability is the server's: a Redis without an append-only file loses everything when it dies.
Run it with `appendonly yes` and `appendfsync always` (or `everysec`, accepting the last second)
when the mappings must survive a server crash. `forget` deletes the keys at once; a copy of the
deleted values can linger in an append-only file until Redis rewrites it (BGREWRITEAOF).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import SessionNotFoundError, SurrogateTakenError, VaultError, VaultKeyError, VaultUnavailableError
from . import redis_scripts as lua
from .base import Delta, MappingRecord, StoredSession, first_counter
from .keyring import Keyring, create_header, open_header, rekey_header
from .rows import extras_payload, read_extras

_T = TypeVar("_T")
_REKEYED = "the vault was re-keyed by another process; reopen it with the new key"


class RedisVault:
    """`RedisVault("redis://127.0.0.1:6379/0", key=...)` or `RedisVault(redis.Redis(...), key=...)`.

    `ttl` (seconds) applies to sessions created through this handle; `set_ttl` changes one session's.
    """

    def __init__(
        self,
        url: Any = "redis://127.0.0.1:6379/0",
        key: str | bytes | None = None,
        *,
        ttl: float | None = None,
        prefix: str = "pseudonym",
        client_options: dict[str, Any] | None = None,
    ) -> None:
        import redis

        self._errors = redis.exceptions
        if isinstance(url, str):
            options = {"socket_connect_timeout": 5, "socket_timeout": 30, **(client_options or {})}
            self._r = redis.Redis.from_url(url, **options)
        else:
            self._r = url
        self.ttl = ttl
        self.prefix = prefix
        self._vkey, self._names = f"{prefix}:vault", f"{prefix}:sessions"
        self._scripts = {n: self._r.register_script(getattr(lua, n)) for n in
                         ("CREATE", "COMMIT", "GET_OR_CREATE", "CHANGES", "FORGET", "SET_TTL")}  # fmt: skip
        self._kr = self._call(lambda: self._open(key))
        self.secret = self._kr.hash_secret
        kwargs = self._r.connection_pool.connection_kwargs
        self.cache_key = ("redis", kwargs.get("host"), kwargs.get("port"), kwargs.get("path"), kwargs.get("db"), prefix)

    def __repr__(self) -> str:
        return f"RedisVault(prefix={self.prefix!r}, encrypted={self._kr.encrypted}, ttl={self.ttl})"

    def __reduce__(self) -> Any:
        raise TypeError("a RedisVault holds a connection and its key; open it again in the other process")

    @property
    def encrypted(self) -> bool:
        return self._kr.encrypted

    # -- plumbing -----------------------------------------------------------------------------
    def _call(self, fn: Callable[[], _T]) -> _T:
        """Run one server interaction; driver errors become the vault's own, without chaining."""
        e = self._errors
        failure: Exception
        try:
            return fn()
        except (e.ConnectionError, e.TimeoutError) as exc:
            failure = VaultUnavailableError(
                f"the Redis vault is not reachable ({type(exc).__name__}); nothing was written"
            )
        except e.ResponseError as exc:
            failure = VaultError(f"the Redis vault refused the request ({type(exc).__name__})")
        raise failure

    def _keys(self, sid: bytes) -> tuple[str, ...]:
        base = f"{self.prefix}:s:{sid.hex()}"
        return (f"{base}:m", f"{base}:o", f"{base}:s", f"{base}:f", f"{base}:x")

    def _open(self, key: str | bytes | None) -> Keyring:
        header = {k.decode(): v for k, v in self._r.hgetall(self._vkey).items()}
        if not header:  # a new vault: the first process to write the whole header wins, atomically
            _, fresh = create_header(key)
            flat = [x for kv in fresh.items() for x in kv]
            reply = self._r.eval(lua.INIT, 1, self._vkey, *flat)
            header = {reply[i].decode(): reply[i + 1] for i in range(0, len(reply), 2)}
        return open_header(header, key)

    @staticmethod
    def _status(code: int) -> None:
        if code == -2:
            raise VaultKeyError(_REKEYED)
        if code == -4:
            raise VaultError("a new mapping duplicates a stored one; nothing was written")

    # -- Vault protocol -----------------------------------------------------------------------
    def create_session(self, session_id: str, meta: dict[str, Any]) -> None:
        sid = self._kr.sid(session_id)
        blob = self._kr.seal({"id": session_id, "meta": meta})
        ttl = str(int(self.ttl * 1000)) if self.ttl else ""
        keys = [self._vkey, *self._keys(sid), self._names]
        args = [self._kr.key_id, sid.hex(), blob, ttl, first_counter()]
        code = self._call(lambda: self._scripts["CREATE"](keys=keys, args=args))
        self._status(int(code))

    def load_session(self, session_id: str) -> StoredSession | None:
        sid = self._kr.sid(session_id)
        m_key = self._keys(sid)[0]
        blob, base = self._call(lambda: self._r.hmget(m_key, "meta", "base"))
        delta = self.changes(session_id, int(base)) if base is not None else None
        if blob is None or delta is None:
            return None
        return StoredSession(
            self._kr.open(blob)["meta"], delta.records, delta.word_hashes, delta.lowercase, delta.cursor
        )

    def changes(self, session_id: str, cursor: int) -> Delta | None:
        m, o, _, f, x = self._keys(self._kr.sid(session_id))
        reply = self._call(lambda: self._scripts["CHANGES"](keys=[m, o, f, x], args=[cursor]))
        if not reply:
            return None
        seq, payloads, extras = reply
        delta = Delta([MappingRecord.from_json(self._kr.open(p)) for p in payloads], cursor=int(seq))
        for blob in extras:
            read_extras(self._kr.open(blob), delta)
        return delta

    def commit(self, session_id: str, cursor: int, delta: Delta) -> int | None:
        kr, sid = self._kr, self._kr.sid(session_id)
        args: list[Any] = [kr.key_id, cursor, b"", len(delta.records)]
        extras = extras_payload(delta)
        if extras is not None:
            args[2] = kr.seal(extras)
        for r in delta.records:
            args += [kr.okey(sid, r.original), kr.skey(sid, r.surrogate), kr.seal(r.to_json())]
        keys = [self._vkey, *self._keys(sid)]
        code = int(self._call(lambda: self._scripts["COMMIT"](keys=keys, args=args))[0])
        if code == -1:
            return None
        if code == -3:
            raise SessionNotFoundError(session_id)
        self._status(code)
        return code

    def get_or_create(self, session_id: str, record: MappingRecord) -> MappingRecord:
        kr, sid = self._kr, self._kr.sid(session_id)
        args = [kr.key_id, kr.okey(sid, record.original), kr.skey(sid, record.surrogate), kr.seal(record.to_json())]
        keys = [self._vkey, *self._keys(sid)]
        reply = self._call(lambda: self._scripts["GET_OR_CREATE"](keys=keys, args=args))
        code = int(reply[0])
        if code == -3:
            raise SessionNotFoundError(session_id)
        self._status(code)
        if code == 1:
            return MappingRecord.from_json(kr.open(reply[1]))
        if code == 2:
            raise SurrogateTakenError("that surrogate already belongs to another original of this session")
        return record

    def forget(self, session_id: str) -> int:
        sid = self._kr.sid(session_id)
        keys = [*self._keys(sid), self._names]
        return int(self._call(lambda: self._scripts["FORGET"](keys=keys, args=[sid.hex()])))

    def delete_session(self, session_id: str) -> None:
        self.forget(session_id)

    def set_ttl(self, session_id: str, ttl: float | None) -> None:
        """Give one session a time-to-live in seconds (None: keep it until forgotten), from now on."""
        keys = list(self._keys(self._kr.sid(session_id)))
        arg = str(int(ttl * 1000)) if ttl else ""
        if not int(self._call(lambda: self._scripts["SET_TTL"](keys=keys, args=[arg]))):
            raise SessionNotFoundError(session_id)

    def session_ids(self) -> list[str]:
        def read() -> list[bytes]:
            names = sorted(self._r.smembers(self._names))
            blobs = self._r.pipeline(transaction=False)
            for name in names:
                blobs.hget(f"{self.prefix}:s:{name.decode()}:m", "meta")
            found = blobs.execute()
            gone = [n for n, b in zip(names, found, strict=True) if b is None]  # expired sessions
            if gone:
                self._r.srem(self._names, *gone)
            return [b for b in found if b is not None]

        return [self._kr.open(b)["id"] for b in self._call(read)]

    def rekey(self, new_key: str | bytes | None) -> None:
        """Re-seal everything under `new_key` in one MULTI/EXEC (retried if another client writes
        meanwhile), so the vault is never half under each key."""
        old = self._kr
        new, header = rekey_header(old, new_key)
        self._call(
            lambda: self._r.transaction(lambda pipe: self._rekey(pipe, old, new, header), self._vkey, self._names)
        )
        self._kr = new

    def _rekey(self, pipe: Any, old: Keyring, new: Keyring, header: dict[str, bytes]) -> None:
        if pipe.hget(self._vkey, "kid") != old.key_id:
            raise VaultKeyError(_REKEYED)
        sessions = [self._keys(bytes.fromhex(n.decode())) for n in pipe.smembers(self._names)]
        pipe.watch(*(k for keys in sessions for k in (keys[0], keys[1], keys[4])))
        updates: list[tuple[str, dict[Any, bytes]]] = []
        for m, o, _, _, x in sessions:
            blob = pipe.hget(m, "meta")
            if blob is not None:
                updates.append((m, {"meta": new.seal(old.open(blob))}))
            for key in (o, x):
                values = pipe.hgetall(key)
                if values:
                    updates.append((key, {f: new.seal(old.open(v)) for f, v in values.items()}))
        pipe.multi()
        for key, mapping in updates:
            pipe.hset(key, mapping=mapping)  # HSET keeps each key's expiry
        pipe.delete(self._vkey)
        pipe.hset(self._vkey, mapping=header)

    def close(self) -> None:
        self._r.close()
