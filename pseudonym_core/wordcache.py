"""A disk cache for word sets derived from large data files, for a fast cold start.

Filtering GeoNames' city lists through the name pools and the English word list costs about a
second of CPU in every new process, for a result that only changes when the data or the code
does. The derived set is written once under `$XDG_CACHE_HOME/llm-pseudonym/` and read back in
milliseconds; its file name is a digest of everything it depends on (the versions of the
packages that ship the data and the source of the modules that derive it), so an upgrade of
either derives it afresh. The cache holds public data only (place names), never a user's text.
A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

FORMAT = "v1"


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "llm-pseudonym"


def _digest(name: str, packages: Iterable[str], sources: Iterable[str | os.PathLike[str]]) -> str:
    h = hashlib.sha256(f"{FORMAT}|{name}".encode())
    for pkg in packages:
        try:
            h.update(f"|{pkg}={version(pkg)}".encode())
        except PackageNotFoundError:
            h.update(f"|{pkg}=absent".encode())
    for src in sources:
        h.update(b"|" + Path(src).read_bytes())
    return h.hexdigest()[:20]


def cached_words(
    name: str,
    build: Callable[[], frozenset[str]],
    *,
    packages: Iterable[str] = (),
    sources: Iterable[str | os.PathLike[str]] = (),
) -> frozenset[str]:
    """`build()`, or the set it returned last time for the same packages and sources (one word a line)."""

    def encode(words: frozenset[str]) -> bytes | None:
        if any("\n" in w for w in words):
            return None  # not representable one per line; never the case for place names
        return ("\n".join(sorted(words)) + "\n").encode("utf-8")

    def decode(data: bytes) -> frozenset[str]:
        return frozenset(data.decode("utf-8").split("\n")) - {""}

    return _cached(lambda: f"{name}-{_digest(name, packages, sources)}.txt", build, encode, decode)


def cached_value(
    name: str,
    build: Callable[[], Any],
    *,
    packages: Iterable[str] = (),
    sources: Iterable[str | os.PathLike[str]] = (),
) -> Any:
    """`build()`, or the value it returned last time for the same packages and sources. The value
    must be made of plain types (dict, list, set, tuple, str, int): it is stored with `marshal`,
    which rebuilds data and never runs code when it reads."""
    return _cached(lambda: f"{name}-{_digest(name, packages, sources)}.marshal", build, marshal.dumps, marshal.loads)


def _without_gc(decode: Callable[[bytes], Any], data: bytes) -> Any:
    """Decoding allocates a few hundred thousand objects, none of them garbage: with the collector
    running it rescans the growing heap many times and takes twice as long (cold start)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return decode(data)
    finally:
        if enabled:
            gc.enable()


def _cached(
    file_name: Callable[[], str],
    build: Callable[[], Any],
    encode: Callable[[Any], bytes | None],
    decode: Callable[[bytes], Any],
) -> Any:
    """Read the cache file `file_name()` names, or build, store and return; a cache that cannot be
    read or written (or whose sources cannot be read to name it) is simply not used."""
    try:
        path = cache_dir() / file_name()
        if path.is_file():
            return _without_gc(decode, path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return build()
    value = build()
    try:
        data = encode(value)
        if data is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)  # readers see the whole file or none
    except (OSError, ValueError):
        pass
    return value
