"""Sessions shared across threads stay consistent; separate sessions never leak into each other (rule 8).

Web servers call one Pseudonymizer from many worker threads and asyncio tasks at once; a race
in the mapping would give one person two pseudonyms (breaking restoration) or hand one user's
mapping to another user's conversation.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from threading import Barrier

from pseudonym_core import Pseudonymizer, PseudonymizeResult, Session
from pseudonym_core.vault import SQLiteVault

PEOPLE = ["Alice Johnson", "Robert Miller", "Nadia Kowalski"]

# Distinct, unambiguous people per task so any crossing is visible (surnames from different origins).
FIRST = ["Alice", "Robert", "Nadia", "Victor", "Helen", "Samuel", "Clara", "Martin", "Olivia", "George"]
LAST = [
    "Johnson",
    "Hartley",
    "Kowalski",
    "Brennan",
    "Lindqvist",
    "Okafor",
    "Moretti",
    "Delacroix",
    "Fairbanks",
    "Whitaker",
]


def _task_people(i: int) -> tuple[str, str, str]:
    first, last = FIRST[i], LAST[i]
    return (
        f"{first} {last}",
        f"{first.lower()}.{last.lower()}@example.com",
        f"{first} {last} wrote from {first.lower()}.{last.lower()}@example.com about the invoice.",
    )


def _surrogates_by_original(results: list[PseudonymizeResult]) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    for r in results:
        for e in r.entities:
            seen.setdefault(e.text, set()).add(e.surrogate)
    return seen


def test_one_session_shared_by_eight_threads(pseudonymizer: Pseudonymizer) -> None:
    """Every thread must see the same surrogate for the same person, and all outputs must restore."""
    session = pseudonymizer.session()
    texts = [
        f"{PEOPLE[i % 3]} met {PEOPLE[(i + 1) % 3]} on day {i}; {PEOPLE[(i + 2) % 3]} took notes." for i in range(8)
    ]
    start = Barrier(8)

    def work(i: int) -> list[PseudonymizeResult]:
        start.wait()  # maximise overlap: all threads hit the session together
        return [pseudonymizer.pseudonymize(texts[(i + k) % 8], session=session) for k in range(3)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        per_thread = list(pool.map(work, range(8)))

    results = [r for batch in per_thread for r in batch]
    by_original = _surrogates_by_original(results)
    for person in PEOPLE:
        assert len(by_original.get(person, set())) == 1, (
            f"{len(by_original.get(person, set()))} surrogates for one person"
        )
    full = {m.surrogate for m in session.mappings() if m.kind == "entity" and m.label == "PERSON"}
    assert len(full) == len(PEOPLE)  # no duplicate entity records were invented by racing threads
    for batch, i in zip(per_thread, range(8), strict=True):
        for k, r in enumerate(batch):
            assert not any(p in r.text for p in PEOPLE)
            assert pseudonymizer.restore(r.text, session=session) == texts[(i + k) % 8]


def _assert_no_crossing(sessions: list[Session], results: list[PseudonymizeResult], texts: list[str]) -> None:
    """Task i's originals and surrogates appear in no other session's mappings."""
    for i, (s, r) in enumerate(zip(sessions, results, strict=True)):
        name, email, _ = _task_people(i)
        assert r.session_id == s.id
        assert {e.text for e in r.entities} >= {name, email}
        # full-name and e-mail surrogates: a chance collision between sessions is ~1e-6
        mine = {e.surrogate for e in r.entities}
        for j, other in enumerate(sessions):
            if j == i:
                continue
            theirs = other.mappings()
            assert {name, email, *name.split()}.isdisjoint(m.original for m in theirs)
            assert mine.isdisjoint(m.surrogate for m in theirs if m.kind == "entity")
        assert s.restore(r.text) == texts[i]


async def test_asyncio_tasks_with_own_sessions_do_not_cross(pseudonymizer: Pseudonymizer) -> None:
    """Ten concurrent apseudonymize calls, one session each: no mapping may leak between them."""
    sessions = [pseudonymizer.session() for _ in range(10)]
    texts = [_task_people(i)[2] for i in range(10)]
    results = await asyncio.gather(
        *(pseudonymizer.apseudonymize(t, session=s) for t, s in zip(texts, sessions, strict=True))
    )
    _assert_no_crossing(sessions, list(results), texts)


def test_sqlite_vault_shared_by_threads(pseudonymizer: Pseudonymizer, tmp_path: Path) -> None:
    """Threads writing their own sessions into one SQLite file: isolated in memory and on disk."""
    path = tmp_path / "shared.sqlite3"
    vault = SQLiteVault(path, key="k3y")
    sessions = [pseudonymizer.session(id=f"t{i}", vault=vault) for i in range(8)]
    texts = [_task_people(i)[2] for i in range(8)]
    start = Barrier(8)

    def work(i: int) -> PseudonymizeResult:
        start.wait()
        return pseudonymizer.pseudonymize(texts[i], session=sessions[i])

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    _assert_no_crossing(sessions, results, texts)
    vault.close()

    reopened = SQLiteVault(path, key="k3y")
    fresh = Pseudonymizer()  # no session cache: everything below comes from the file
    for i, r in enumerate(results):
        again = fresh.session(id=f"t{i}", vault=reopened, create=False)
        assert [(m.original, m.surrogate) for m in again.mappings()] == [
            (m.original, m.surrogate) for m in sessions[i].mappings()
        ]
        assert fresh.restore(r.text, session=again) == texts[i]
    reopened.close()
