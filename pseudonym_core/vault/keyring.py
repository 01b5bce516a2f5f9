"""The keys of a persistent vault: encryption at rest, keyed hashes, and the header recording them.

Every persistent backend stores the same small header (schema version, scrypt salt, a sealed check
value, the sealed hash secret, a key id) and uses one Keyring to seal payloads and to name rows:

* payloads (mappings, metadata) are Fernet tokens under a key stretched from the user's passphrase;
* rows are indexed by keyed hashes — of the session id, of the casefolded original, of the
  casefolded surrogate — so the store holds no session id or original in clear, and the unique
  indexes that make get-or-create atomic never see one either. The hash key is a random per-vault
  secret kept sealed in the header: rotating the passphrase (`rekey`) re-seals it and every payload
  but leaves all hashes, including the word hashes that cannot be recomputed, valid;
* the key id changes with every rekey; writers compare it in the same transaction so a process
  still holding the old key cannot slip rows sealed with it into a re-keyed vault.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from typing import Any

from ..errors import VaultKeyError, VaultSchemaError
from ..normalize import clean_key

SCHEMA = b"2"
_CHECK = b"llm-pseudonym vault v2"


def _derive(key: str | bytes, salt: bytes) -> bytes:
    """Stretch a passphrase into a Fernet key; scrypt makes guessing a weak passphrase costly."""
    raw = key.encode() if isinstance(key, str) else key
    derived = hashlib.scrypt(raw, salt=salt, n=2**14, r=8, p=1, dklen=32)
    return base64.urlsafe_b64encode(derived)


def _fernet(key: str | bytes | None, salt: bytes) -> Any:
    if key is None:
        return None
    if not key:
        raise VaultKeyError("an empty key would not protect anything; pass a real key or None")
    from cryptography.fernet import Fernet

    return Fernet(_derive(key, salt))


class Keyring:
    """Seals payloads and derives row keys; built by `create_header` or `open_header`."""

    def __init__(self, fernet: Any, hash_secret: bytes, key_id: bytes) -> None:
        self._fernet = fernet
        self.hash_secret = hash_secret
        self.key_id = key_id

    def __repr__(self) -> str:
        return f"Keyring(encrypted={self.encrypted})"

    def __reduce__(self) -> Any:
        raise TypeError("a vault keyring holds the vault's secrets and cannot be pickled")

    @property
    def encrypted(self) -> bool:
        return self._fernet is not None

    def seal(self, data: Any) -> bytes:
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        return self._fernet.encrypt(raw) if self._fernet else raw

    def open(self, blob: bytes) -> Any:
        raw = bytes(blob)
        if self._fernet is not None:
            from cryptography.fernet import InvalidToken

            try:
                raw = self._fernet.decrypt(raw)
            except InvalidToken:
                raise VaultKeyError(
                    "a vault row does not decrypt with this key: the vault was re-keyed; reopen it with the new key"
                ) from None
        try:
            return json.loads(raw)
        except ValueError:
            raise VaultKeyError("a vault row is not readable without its key; open the vault with its key") from None

    def _h(self, person: bytes, *parts: bytes) -> bytes:
        h = hashlib.blake2b(key=self.hash_secret, digest_size=16, person=person)
        for p in parts:
            h.update(len(p).to_bytes(4, "big"))
            h.update(p)
        return h.digest()

    def sid(self, session_id: str) -> bytes:
        """The stored name of a session (its id never appears in clear)."""
        return self._h(b"session", session_id.encode())

    def okey(self, sid: bytes, original: str) -> bytes:
        """The unique key of an original within a session (casefolded: "JOHN" is "John")."""
        return self._h(b"original", sid, clean_key(original).encode())

    def skey(self, sid: bytes, surrogate: str) -> bytes:
        return self._h(b"surrogate", sid, surrogate.casefold().encode())


def create_header(key: str | bytes | None, hash_secret: bytes | None = None) -> tuple[Keyring, dict[str, bytes]]:
    """A new vault's keyring and the header to store with it (a random hash secret unless migrating)."""
    return _seal_header(key, os.urandom(32) if hash_secret is None else hash_secret)


def _seal_header(key: str | bytes | None, hash_secret: bytes) -> tuple[Keyring, dict[str, bytes]]:
    salt = os.urandom(16)
    fernet = _fernet(key, salt)
    key_id = os.urandom(16)
    header = {
        "schema": SCHEMA,
        "salt": salt,
        "check": fernet.encrypt(_CHECK) if fernet else _CHECK,
        "hsec": fernet.encrypt(hash_secret) if fernet else hash_secret,
        "kid": key_id,
    }
    return Keyring(fernet, hash_secret, key_id), header


def rekey_header(keyring: Keyring, new_key: str | bytes | None) -> tuple[Keyring, dict[str, bytes]]:
    """The same hash secret sealed under `new_key` with a fresh salt and key id."""
    return _seal_header(new_key, keyring.hash_secret)


def open_header(header: dict[str, bytes], key: str | bytes | None) -> Keyring:
    """The keyring for a stored header; a clear VaultKeyError for a wrong or missing key."""
    header = {k: bytes(v) for k, v in header.items()}
    schema = header.get("schema")
    if schema != SCHEMA:
        if schema is None:
            raise VaultSchemaError(
                "this vault was written by llm-pseudonym 0.1 (schema 1), which stored session ids in clear "
                "and cannot be shared between processes; convert it with `pseudonym vault migrate OLD NEW`"
            )
        raise VaultSchemaError(f"this vault has schema {schema!r}; this version reads schema {SCHEMA.decode()}")
    fernet = _fernet(key, header["salt"])
    check = header["check"]
    if fernet is None:
        if check != _CHECK:
            raise VaultKeyError("this vault is encrypted: pass its key")
        return Keyring(None, header["hsec"], header["kid"])
    if check == _CHECK:
        raise VaultKeyError("this vault was created without a key; open it without one (or rekey it)")
    from cryptography.fernet import InvalidToken

    try:
        ok = fernet.decrypt(check) == _CHECK
        hash_secret = fernet.decrypt(header["hsec"])
    except InvalidToken:
        ok = False
    if not ok:
        raise VaultKeyError("wrong key for this vault")
    return Keyring(fernet, hash_secret, header["kid"])
