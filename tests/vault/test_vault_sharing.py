"""Sessions shared by several processes and handles through one vault (design rule 12).

The failure this guards against was seen with the first SQLite vault: four processes using one
session id each minted their own surrogate for the same person, and most texts no longer restored.
Here real Pseudonymizers (deny-list detection, so children start fast; everything after detection
is the default pipeline) write one session at once, and every process must agree on one surrogate
per original and restore every text exactly.
"""

from __future__ import annotations

import multiprocessing
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from vault_workers import PEOPLE, Spec, deny_pseudonymizer, pseudonymize_worker, restore_worker, text_for

from pseudonym_core import SessionNotFoundError


def _one_surrogate_each(pairs: list[tuple[str, str]]) -> dict[str, set[str]]:
    """original (casefolded) → the surrogates it was given; the case of an occurrence may differ."""
    seen: dict[str, set[str]] = defaultdict(set)
    for original, surrogate in pairs:
        seen[original.casefold()].add(surrogate.casefold())
    return {o: s for o, s in seen.items() if len(s) > 1}


def test_four_processes_write_one_session(shared_spec: Spec) -> None:
    """4 spawned workers × 12 texts with overlapping people, one session id, all at once."""
    ctx = multiprocessing.get_context("spawn")
    barrier, queue = ctx.Barrier(4), ctx.Queue()
    procs = [
        ctx.Process(target=pseudonymize_worker, args=(shared_spec, "shared", w, 12, barrier, queue)) for w in range(4)
    ]
    for p in procs:
        p.start()
    outputs = [item for _ in procs for item in queue.get(timeout=300)[1]]
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    pairs = [pair for _, _, entities in outputs for pair in entities]
    assert len({o for o, _ in pairs}) >= len(PEOPLE)  # every person was detected somewhere
    assert _one_surrogate_each(pairs) == {}
    texts, pseudonymized = [o[0] for o in outputs], [o[1] for o in outputs]
    assert [(p, t) for t in pseudonymized for p in PEOPLE if p in t] == []

    restorers = [
        ctx.Process(target=restore_worker, args=(shared_spec, "shared", pseudonymized, queue)) for _ in range(2)
    ]
    for p in restorers:
        p.start()
    restored = [queue.get(timeout=300) for _ in restorers]
    for p in restorers:
        p.join(60)
    p = deny_pseudonymizer()
    here = p.session(id="shared", vault=shared_spec.open(), create=False)
    restored.append([p.restore(t, session=here) for t in pseudonymized])
    for got in restored:
        assert got == texts  # exact restoration from any process


def test_separate_session_objects_in_threads(spec: Spec) -> None:
    """Two pipelines with their own Session objects for one id (as two workers would have), hammered
    from four threads: the compare-and-set commit keeps them on one mapping."""
    pipes = [deny_pseudonymizer(), deny_pseudonymizer()]
    sessions = [pipes[i].session(id="threads", vault=spec.open()) for i in range(2)]
    assert sessions[0] is not sessions[1]

    def work(w: int) -> list[tuple[str, object]]:
        p, s = pipes[w % 2], sessions[w % 2]
        return [(text_for(w, i), p.pseudonymize(text_for(w, i), session=s)) for i in range(9)]

    with ThreadPoolExecutor(4) as pool:
        results = [r for batch in pool.map(work, range(4)) for r in batch]
    pairs = [(e.text, e.surrogate) for _, r in results for e in r.entities]
    assert _one_surrogate_each(pairs) == {}
    for text, r in results:
        for p, s in zip(pipes, sessions, strict=True):
            assert p.restore(r.text, session=s) == text


def test_workers_taking_turns(spec: Spec) -> None:
    """A conversation served by two long-lived workers in strict turns: each restores the answer to
    the other's prompt and reuses its surrogates (including a lower-case form only one has seen)."""
    a, b = deny_pseudonymizer(), deny_pseudonymizer()
    sa, sb = a.session(id="turns", vault=spec.open()), b.session(id="turns", vault=spec.open())
    turns = [
        "Alice Johnson asked Robert Miller for the lease.",
        "robert miller replied to alice.johnson@example.com.",
        "Johnson and Miller met Nadia Kowalski.",
        "Tell Alice Johnson that nadia kowalski agreed.",
    ]
    seen: list[tuple[str, str]] = []
    for i, turn in enumerate(turns):
        writer, ws, reader, rs = (a, sa, b, sb) if i % 2 == 0 else (b, sb, a, sa)
        out = writer.pseudonymize(turn, session=ws)
        seen += [(e.text, e.surrogate) for e in out.entities]
        answer = f"Noted: {out.text}"
        assert reader.restore(answer, session=rs) == f"Noted: {turn}"
        assert "".join(reader.restore_stream(list(answer), session=rs)) == f"Noted: {turn}"
    assert _one_surrogate_each(seen) == {}


def test_forget_reaches_every_handle(spec: Spec) -> None:
    a, b = deny_pseudonymizer(), deny_pseudonymizer()
    sa = a.session(id="gone", vault=spec.open())
    a.pseudonymize("Alice Johnson wrote to Robert Miller.", session=sa)
    sb = b.session(id="gone", vault=spec.open())
    held = len(sa.mappings())
    assert held >= 6 and b.forget("gone", vault=spec.open()) == held
    for p, s in ((a, sa), (b, sb)):
        with pytest.raises(SessionNotFoundError) as info:
            p.restore("anything", session=s)
        assert "Alice" not in str(info.value)
    assert sa.mappings() == [] and sa.forgotten  # nothing of it stays in memory either
    fresh = a.session(id="gone", vault=spec.open())  # the id can start a new conversation
    assert fresh is not sa and len(fresh.mappings()) == 0


def test_a_worker_holding_an_expired_session_starts_afresh(spec: Spec) -> None:
    """Worker B still holds a session that another worker forgot (or that expired) and that a third
    has started again under the same id: B must get the new conversation, not its old mappings."""
    a, b, c = deny_pseudonymizer(), deny_pseudonymizer(), deny_pseudonymizer()
    old_b = b.session(id="reused", vault=spec.open())
    b.pseudonymize("Alice Johnson wrote to Robert Miller.", session=old_b)
    assert a.forget("reused", vault=spec.open()) > 0
    new_c = c.session(id="reused", vault=spec.open())
    for turn in ("Nadia Kowalski called.", "Victor Brennan called.", "Helen Lindqvist called.", "Samuel Okafor."):
        c.pseudonymize(turn, session=new_c)  # more writes than B's old session ever saw
    now_b = b.session(id="reused", vault=spec.open())
    assert now_b is not old_b and old_b.forgotten and old_b.mappings() == []
    assert "Alice Johnson" not in {m.original for m in now_b.mappings()}
    assert {m.original for m in now_b.mappings()} == {m.original for m in new_c.mappings()}


def _decide_while_other_writes(
    spec: Spec, other_text: str, text: str = "Alice Johnson signed the lease."
) -> tuple[Any, Any, Any, list[int], str]:
    """Session A decides "Alice Johnson" in `text`; during its first decision B (another handle of
    the same session, as another worker would hold) pseudonymizes `other_text` and commits first."""
    a, b = deny_pseudonymizer(), deny_pseudonymizer()
    sa, sb = a.session(id="rebase", vault=spec.open()), b.session(id="rebase", vault=spec.open())
    calls: list[int] = []

    def decide() -> str:
        calls.append(1)
        sa.note_words(text)
        surrogate, _ = sa.surrogate_for("PERSON", "Alice Johnson", a._generator.generate)
        if len(calls) == 1:
            b.pseudonymize(other_text, session=sb)
        return surrogate

    return a, sa, (b, sb), calls, sa.transact(decide, texts=[text])


def test_a_write_about_someone_else_is_adopted_without_deciding_again(spec: Spec) -> None:
    a, sa, (b, sb), calls, alice = _decide_while_other_writes(spec, "Robert Miller called.")
    assert len(calls) == 1 and sa.rebased == 1 and sa.conflicts == 0
    robert = sb.lookup("Robert Miller").surrogate
    answer = f"{alice} and {robert} agreed."
    expected = "Alice Johnson and Robert Miller agreed."
    assert a.restore(answer, session=sa) == expected  # A adopted B's mapping
    assert b.restore(answer, session=sb) == expected  # B learns A's from the vault
    c = deny_pseudonymizer()
    assert c.restore(answer, session=c.session(id="rebase", vault=spec.open(), create=False)) == expected


def test_a_write_about_the_same_person_makes_the_call_decide_again(spec: Spec) -> None:
    _, sa, (_, sb), calls, alice = _decide_while_other_writes(spec, "Alice Johnson called.")
    assert len(calls) == 2 and sa.conflicts == 1 and sa.rebased == 0
    assert alice == sb.lookup("Alice Johnson").surrogate  # one surrogate for her, B's


def test_a_write_naming_a_part_of_this_calls_text_makes_it_decide_again(spec: Spec) -> None:
    """B's "Miller" (a part of the name B stored, and a word of A's text) could change A's decisions."""
    text = "Alice Johnson and Mr Miller signed the lease."
    _, sa, _, calls, _ = _decide_while_other_writes(spec, "Robert Miller called.", text)
    assert len(calls) == 2 and sa.conflicts == 1 and sa.rebased == 0


def _many_while_other_writes(
    spec: Spec, other_text: str, texts: list[str]
) -> tuple[Any, Any, Any, list[str], list[Any]]:
    """Session A pseudonymizes `texts` in one call; right after A's first text is decided, B
    (another handle of the session, as another worker holds) pseudonymizes `other_text` and
    commits first. Returns A's pipeline and session, B's, which texts A decided, and A's results."""
    a, b = deny_pseudonymizer(), deny_pseudonymizer()
    sa, sb = a.session(id="keep-up", vault=spec.open()), b.session(id="keep-up", vault=spec.open())
    decided: list[str] = []
    real_decide, real_keep_up = a._decide, sa.keep_up

    def decide(view: Any, *args: Any) -> Any:
        decided.append(view.text)
        return real_decide(view, *args)

    def keep_up(done: Any) -> None:
        if len(decided) == 1:
            b.pseudonymize(other_text, session=sb)
        real_keep_up(done)

    a._decide, sa.keep_up = decide, keep_up  # type: ignore[method-assign]
    return a, sa, (b, sb), decided, a.pseudonymize_many(texts, session=sa)


TEXTS = ["Alice Johnson signed the lease.", "The tenant, Clara Moretti, paid.", "Keys went to Nadia Kowalski."]


def test_a_write_about_others_during_a_call_is_adopted_between_its_texts(spec: Spec) -> None:
    """B's write lands while A is between texts; it names nobody of A's first text, so A adopts it
    there and decides its remaining texts with it, without starting again."""
    a, sa, (b, sb), decided, results = _many_while_other_writes(spec, "Robert Miller called.", TEXTS)
    assert decided == TEXTS and sa.rebased == 1 and sa.conflicts == 0
    robert = sb.lookup("Robert Miller").surrogate
    answer = " ".join(r.text for r in results) + f" {robert}"
    assert a.restore(answer, session=sa) == " ".join(TEXTS) + " Robert Miller"
    assert b.restore(answer, session=sb) == " ".join(TEXTS) + " Robert Miller"


def test_a_clashing_write_during_a_call_stops_it_at_once(spec: Spec) -> None:
    """B stores Clara Moretti while A has decided only its first text, which names her too: A
    stops there (its later texts are not decided twice), starts again with B's surrogate, and
    both restore every text."""
    texts = ["Alice Johnson and Clara Moretti signed the lease.", *TEXTS[1:]]
    a, sa, (b, sb), decided, results = _many_while_other_writes(spec, "Clara Moretti called.", texts)
    assert decided == [texts[0], *texts] and sa.conflicts == 1 and sa.rebased == 0
    clara = sb.lookup("Clara Moretti").surrogate
    assert all(clara in r.text for r in results[:2]) and sa.lookup("Clara Moretti").surrogate == clara
    for p, s in ((a, sa), (b, sb)):
        assert [p.restore(r.text, session=s) for r in results] == texts
