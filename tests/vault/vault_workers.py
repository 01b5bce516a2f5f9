"""Backends as picklable specs, and the code child processes run in the vault tests.

Child processes are started with the `spawn` method (a fresh interpreter, as a second web worker
or a machine of a cluster would be); they import this module by name, so it holds no fixtures.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from pseudonym_core.vault import MemoryVault, SQLiteVault, Vault
from pseudonym_core.vault.base import MappingRecord

KEY = "contract-test-key"
#: People whose names overlap between texts and workers: full names, family names alone, lower case.
PEOPLE = [
    "Alice Johnson", "Robert Miller", "Nadia Kowalski", "Victor Brennan",
    "Helen Lindqvist", "Samuel Okafor", "Clara Moretti", "Martin Delacroix",
]  # fmt: skip
EMAILS = [f"{p.split()[0].lower()}.{p.split()[1].lower()}@example.com" for p in PEOPLE]
DENY = {"PERSON": PEOPLE + [p.lower() for p in PEOPLE], "EMAIL_ADDRESS": EMAILS}
_MEMORY: dict[str, MemoryVault] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Spec:
    """How to open one backend: `kind` in memory | sqlite | sql-sqlite | sql-postgresql | redis."""

    kind: str
    target: str = ""
    scope: str = "pseudonym"

    @property
    def shared(self) -> bool:
        """Whether another process can open the same store."""
        return self.kind != "memory"

    def open(self, key: str | None = KEY, **options: Any) -> Vault:
        if self.kind == "memory":
            with _LOCK:
                return _MEMORY.setdefault(self.scope, MemoryVault())
        if self.kind == "sqlite":
            return SQLiteVault(self.target, key=key)
        if self.kind == "redis":
            from pseudonym_core.vault import RedisVault

            return RedisVault(self.target, key=key, prefix=self.scope, **options)
        from pseudonym_core.vault import SQLVault

        return SQLVault(self.target, key=key, table_prefix=self.scope + "_", **options)


def text_for(worker: int, i: int) -> str:
    """Texts of one worker: two or three people each, some by family name or in lower case."""
    a, b, c = PEOPLE[(worker + i) % 8], PEOPLE[(worker * 3 + i * 5 + 1) % 8], PEOPLE[(i * 7 + 2) % 8]
    forms = [
        f"{a} met {b} on day {i}; {b.split()[1]} took notes.",
        f"Please forward the file to {EMAILS[PEOPLE.index(a)]} and copy {c}.",
        f"{c.lower()} said {a.split()[1]} would call {b} about ticket {worker * 100 + i}.",
    ]
    return forms[i % 3]


def deny_pseudonymizer() -> Any:
    """A real pipeline whose detection is a deny list: no model to load, so children start fast."""
    from pseudonym_core import Pseudonymizer

    return Pseudonymizer(detectors=[], deny_list=DENY)


def race_get_or_create(spec: Spec, session_id: str, worker: int, n: int, barrier: Any, queue: Any) -> None:
    vault = spec.open()
    barrier.wait(60)
    won = {}
    for i in range(n):
        rec = vault.get_or_create(session_id, MappingRecord(f"Person {i}", f"Cand{worker}x{i}", "PERSON"))
        won[i] = rec.surrogate
    queue.put((worker, won))


def pseudonymize_worker(spec: Spec, session_id: str, worker: int, n: int, barrier: Any, queue: Any) -> None:
    p = deny_pseudonymizer()
    session = p.session(id=session_id, vault=spec.open())
    texts = [text_for(worker, i) for i in range(n)]
    barrier.wait(120)
    out = []
    for t in texts:
        r = p.pseudonymize(t, session=session)
        out.append((t, r.text, [(e.text, e.surrogate) for e in r.entities]))
    queue.put((worker, out))


def restore_worker(spec: Spec, session_id: str, texts: list[str], queue: Any) -> None:
    p = deny_pseudonymizer()
    session = p.session(id=session_id, vault=spec.open(), create=False)
    queue.put([p.restore(t, session=session) for t in texts])
