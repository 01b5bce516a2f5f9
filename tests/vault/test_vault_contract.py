"""The vault contract (pseudonym_core/vault/base.py), held against every backend on real servers.

Each test runs for memory, the SQLite file, SQLVault on SQLite, SQLVault on PostgreSQL and Redis
(the cross-process ones for the shared stores only): get-or-create is atomic and unique both ways
under races between threads and between spawned processes, commits are compare-and-set and
all-or-nothing, the change feed returns exactly what is newer, and erasure, re-keying and wrong
keys behave the same everywhere.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from vault_workers import KEY, Spec, race_get_or_create

from pseudonym_core import SessionNotFoundError, SurrogateTakenError, VaultError, VaultKeyError
from pseudonym_core.vault import Delta, MappingRecord

META = {"salt": "ab" * 16, "date_offset": 41, "v": 1}
JOHN = MappingRecord("John Smith", "Mark Novak", "PERSON")
SMITH = MappingRecord("Smith", "Novak", "PERSON", "component")
W1, W2 = b"\x01" * 16, b"\x02" * 16


def test_get_or_create_is_unique_both_ways(spec: Spec) -> None:
    vault = spec.open()
    with pytest.raises(SessionNotFoundError):
        vault.get_or_create("nobody", JOHN)
    vault.create_session("s", META)
    assert vault.get_or_create("s", JOHN) == JOHN
    # the same original in another case is the same original: the first surrogate wins
    assert vault.get_or_create("s", MappingRecord("JOHN SMITH", "Paul Grey", "PERSON")) == JOHN
    with pytest.raises(SurrogateTakenError) as info:  # one surrogate never serves two originals
        vault.get_or_create("s", MappingRecord("Jane Doe", "mark novak", "PERSON"))
    assert "Jane" not in str(info.value) and "Novak" not in str(info.value)
    assert [r.surrogate for r in vault.load_session("s").records] == ["Mark Novak"]


def test_get_or_create_race_between_threads(spec: Spec) -> None:
    """Eight threads, each with its own handle and its own candidates for the same 30 originals."""
    spec.open().create_session("race", META)
    start, barrier = spec.open().load_session("race").cursor, Barrier(8)

    def work(worker: int) -> dict[int, str]:
        vault = spec.open()
        barrier.wait()
        return {
            i: vault.get_or_create("race", MappingRecord(f"Person {i}", f"Cand{worker}x{i}", "PERSON")).surrogate
            for i in range(30)
        }

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(work, range(8)))
    for i in range(30):
        winners = {r[i] for r in results}
        assert len(winners) == 1 and winners.pop().endswith(f"x{i}")
    stored = spec.open().load_session("race")
    assert len(stored.records) == 30 and stored.cursor == start + 30  # one write per stored mapping, no more


def test_get_or_create_race_between_processes(shared_spec: Spec) -> None:
    """Four spawned interpreters race for the same 25 originals: every one reads the same winner."""
    shared_spec.open().create_session("race", META)
    ctx = multiprocessing.get_context("spawn")
    barrier, queue = ctx.Barrier(4), ctx.Queue()
    procs = [
        ctx.Process(target=race_get_or_create, args=(shared_spec, "race", w, 25, barrier, queue)) for w in range(4)
    ]
    for p in procs:
        p.start()
    results = dict(queue.get(timeout=180) for _ in procs)
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    for i in range(25):
        assert len({results[w][i] for w in range(4)}) == 1
    stored = shared_spec.open().load_session("race")
    assert sorted(r.original for r in stored.records) == sorted(f"Person {i}" for i in range(25))


def test_commit_is_compare_and_set(spec: Spec) -> None:
    """A writer that did not see the latest write stores nothing and learns what it missed."""
    a, b = spec.open(), spec.open()
    a.create_session("s", META)
    b.create_session("s", {"salt": "other", "date_offset": -99})  # the first creator's meta wins
    c0 = b.load_session("s").cursor
    assert a.commit("s", c0, Delta([JOHN, SMITH], {W1}, {"mark novak"})) == c0 + 1
    assert b.commit("s", c0, Delta([MappingRecord("John Smith", "Paul Grey", "PERSON")], {W2})) is None
    missed = b.changes("s", c0)
    assert missed.cursor == c0 + 1 and missed.records == [JOHN, SMITH]  # in commit order
    assert missed.word_hashes == {W1} and missed.lowercase == {"mark novak"}
    assert b.commit("s", c0 + 1, Delta([], {W2})) == c0 + 2
    stored = a.load_session("s")
    assert stored.meta == META and stored.word_hashes == {W1, W2} and stored.cursor == c0 + 2
    assert [r.surrogate for r in stored.records] == ["Mark Novak", "Novak"]


def test_change_feed_returns_only_newer(spec: Spec) -> None:
    vault = spec.open()
    vault.create_session("s", META)
    c0 = vault.load_session("s").cursor
    assert vault.changes("s", c0) == Delta(cursor=c0)
    vault.commit("s", c0, Delta([JOHN]))
    vault.commit("s", c0 + 1, Delta([SMITH], {W1}))
    vault.get_or_create("s", MappingRecord("Berlin", "Lyon", "LOCATION"))
    assert [r.surrogate for r in vault.changes("s", c0 + 1).records] == ["Novak", "Lyon"]
    last = vault.changes("s", c0 + 2)
    assert [r.original for r in last.records] == ["Berlin"] and last.word_hashes == set()
    assert vault.changes("s", c0 + 3) == Delta(cursor=c0 + 3)
    assert vault.changes("missing", 0) is None


def test_a_cursor_of_an_earlier_session_is_refused(spec: Spec) -> None:
    """After `forget` (or expiry) the id may start a new conversation: a process still holding a
    cursor of the old one must hear "gone", never get the new session's rows on top of its old ones."""
    vault = spec.open()
    vault.create_session("s", META)
    old = vault.load_session("s").cursor
    vault.commit("s", old, Delta([JOHN]))
    vault.forget("s")
    vault.create_session("s", META)
    new = vault.load_session("s").cursor
    for n in range(3):
        vault.commit("s", new + n, Delta([MappingRecord(f"Person {n}", f"Name{n}", "PERSON")]))
    assert vault.changes("s", old + 1) is None and vault.changes("s", old) is None
    assert vault.changes("s", new + 3) == Delta(cursor=new + 3)


def test_a_refused_commit_writes_nothing(spec: Spec) -> None:
    """A batch holding one duplicate is refused whole: no row, no word, no counter move."""
    vault = spec.open()
    vault.create_session("s", META)
    c0 = vault.load_session("s").cursor
    vault.commit("s", c0, Delta([JOHN]))
    fresh = MappingRecord("Berlin", "Lyon", "LOCATION")
    for dup in (MappingRecord("john smith", "Other Name", "PERSON"), MappingRecord("Jane Doe", "MARK NOVAK", "PERSON")):
        with pytest.raises(VaultError):
            vault.commit("s", c0 + 1, Delta([fresh, dup], {W2}))
    assert vault.changes("s", c0).records == [JOHN] and vault.changes("s", c0).cursor == c0 + 1
    assert vault.load_session("s").word_hashes == set()


def test_forget_erases_and_counts(spec: Spec) -> None:
    vault = spec.open()
    for sid in ("a", "b"):
        vault.create_session(sid, META)
    ca, cb = vault.load_session("a").cursor, vault.load_session("b").cursor
    vault.commit("a", ca, Delta([JOHN, SMITH], {W1}))
    vault.commit("b", cb, Delta([MappingRecord("Berlin", "Lyon", "LOCATION")]))
    assert vault.forget("a") == 2
    assert vault.forget("a") == 0 and vault.forget("never-existed") == 0
    assert vault.load_session("a") is None and vault.changes("a", ca + 1) is None
    assert vault.session_ids() == ["b"]
    with pytest.raises(SessionNotFoundError):
        vault.commit("a", ca + 1, Delta([JOHN]))
    assert [r.original for r in vault.load_session("b").records] == ["Berlin"]  # the other session stays


def test_rekey_keeps_everything_and_locks_out_the_old_key(spec: Spec) -> None:
    if spec.kind == "memory":
        pytest.skip("a memory vault has nothing encrypted to re-key")
    vault, stale = spec.open(), spec.open()
    vault.create_session("s", META)
    vault.commit("s", vault.load_session("s").cursor, Delta([JOHN, SMITH], {W1}, {"novak"}))
    vault.rekey("the new key")
    with pytest.raises(VaultKeyError):
        spec.open()  # the old key no longer opens it
    with pytest.raises(VaultKeyError):
        stale.commit("s", 1, Delta([MappingRecord("Berlin", "Lyon", "LOCATION")]))  # a handle from before
    with pytest.raises(VaultKeyError):
        stale.load_session("s")
    vault.commit("s", vault.load_session("s").cursor, Delta([MappingRecord("Berlin", "Lyon", "LOCATION")]))
    reopened = spec.open("the new key").load_session("s")
    assert reopened.meta == META and reopened.word_hashes == {W1} and reopened.lowercase == {"novak"}
    assert [r.original for r in reopened.records] == ["John Smith", "Smith", "Berlin"]
    assert spec.open("the new key").secret == vault.secret  # word hashes stay valid after a rekey


def test_wrong_or_missing_key_is_refused(spec: Spec) -> None:
    if spec.kind == "memory":
        pytest.skip("a memory vault has no key")
    spec.open().create_session("s", META)
    for bad in ("wrong key", None, ""):
        with pytest.raises(VaultKeyError) as info:
            spec.open(bad)
        assert KEY not in str(info.value)
    assert spec.open().load_session("s") is not None  # a refused attempt changed nothing


def test_plaintext_store_refuses_a_key(spec: Spec) -> None:
    if spec.kind == "memory":
        pytest.skip("a memory vault has no key")
    spec.open(None).create_session("s", META)
    with pytest.raises(VaultKeyError):
        spec.open(KEY)
