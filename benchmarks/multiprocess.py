"""Several processes writing one session at once: do they agree, and does everything restore?

    python benchmarks/multiprocess.py [--workers 4] [--texts 50] [--backends sqlite redis postgresql]
                                      [--detectors default|remask|deny] [--redis-url URL] [--postgres-url URL]

`--workers` spawned processes (fresh interpreters, as web workers or cluster nodes would be) open
the same session id in one vault and pseudonymize `--texts` support-ticket texts each, all at the
same time; the texts share people (full names, family names after a title, lower case, e-mail
addresses built from the names, phone numbers). Then every writer, and one process that wrote
nothing, restores all the pseudonymized texts. Targets (issue 10): 0 originals with more than one
surrogate, and 100 % of texts restored exactly by every process, for SQLite, Redis and PostgreSQL.

Redis and PostgreSQL are throw-away servers on 127.0.0.1 started here (tests/vault/servers.py)
unless URLs are given. Writes benchmarks/results/multiprocess.md and .json; only counts and
timings are written, never entity text.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "vault"))

RESULTS = ROOT / "benchmarks" / "results"
KEY = "benchmark-vault-key"
FIRST = ["Alice", "Robert", "Nadia", "Victor", "Helen", "Samuel", "Clara", "Martin", "Olivia", "George", "Priya",
         "Tomasz", "Ingrid", "Kwame", "Lucia", "Hiroshi", "Fatima", "Daniel", "Sofia", "Marek", "Elena", "Omar",
         "Grace", "Lars"]  # fmt: skip
LAST = ["Johnson", "Hartley", "Kowalski", "Brennan", "Lindqvist", "Okafor", "Moretti", "Delacroix", "Fairbanks",
        "Whitaker", "Raman", "Nowicki", "Berg", "Mensah", "Ferreira", "Tanaka", "Haddad", "Schultz", "Alvarez",
        "Dvorak", "Petrova", "Farouk", "Whitmore", "Eriksen"]  # fmt: skip
PEOPLE = [f"{f} {last}" for f, last in zip(FIRST, LAST, strict=True)]


def _email(person: str) -> str:
    first, last = person.lower().split()
    return f"{first}.{last}@example.com"


def _phone(i: int) -> str:
    return f"+1 415 555 {1000 + i * 37:04d}"


def ticket(worker: int, i: int) -> str:
    """One support-ticket text; people overlap between texts and between workers."""
    n = len(PEOPLE)
    a, b, c = (worker * 5 + i) % n, (worker * 3 + i * 7 + 1) % n, (i * 11 + 2) % n
    pa, pb, pc = PEOPLE[a], PEOPLE[b], PEOPLE[c]
    forms = [
        f"Ticket {worker}-{i}: {pa} reports that the invoice sent to {_email(pa)} is wrong. "
        f"Please ask {pb} to call her back at {_phone(a)}.",
        f"{pb} escalated the case; Ms. {pb.split()[1]} wants {pa} to confirm the refund by Friday.",
        f"Note from {pc}: spoke with {pa.lower()} on the phone ({_phone(a)}); {pb} is in copy.",
        f"Mr. {pc.split()[1]} and {pa} met on site. Contact: {_email(pc)}, {_phone(c)}.",
        f"Hello {pa.split()[0]}, {pb} from billing here. {pc} asked me to check the contract with you.",
    ]
    return forms[i % len(forms)]


def _pseudonymizer(detectors: str) -> Any:
    from pseudonym_core import Pseudonymizer

    if detectors == "deny":
        names = PEOPLE + [p.lower() for p in PEOPLE] + [p.split()[1] for p in PEOPLE]
        return Pseudonymizer(detectors=["patterns"], deny_list={"PERSON": names})
    if detectors == "remask":  # a real name equal to an earlier surrogate is a new original
        return Pseudonymizer(surrogates_in_input="remask")
    return Pseudonymizer()


def _open(target: str) -> Any:
    from pseudonym_core.vault import open_vault

    return open_vault(target, key=KEY)


def writer(
    target: str, session_id: str, worker: int, n: int, detectors: str, barriers: Any, handoff: str, queue: Any
) -> None:
    p = _pseudonymizer(detectors)
    p.pseudonymize("Warm-up text about nobody in particular.")  # load models before the start line
    session = p.session(id=session_id, vault=_open(target))
    texts = [ticket(worker, i) for i in range(n)]
    barriers[0].wait(900)
    started = time.perf_counter()
    results = [p.pseudonymize(t, session=session) for t in texts]
    elapsed = time.perf_counter() - started
    barriers[1].wait(900)
    queue.put(("wrote", worker, {
        "texts": texts, "out": [r.text for r in results], "seconds": elapsed, "conflicts": session.conflicts,
        "pairs": [(e.text, e.surrogate) for r in results for e in r.entities],
    }))  # fmt: skip
    barriers[2].wait(900)  # the parent has written every writer's output to `handoff`
    everybody = json.loads(Path(handoff).read_text())
    queue.put(("restored", worker, [p.restore(t, session=session) for t in everybody]))


def reader(target: str, session_id: str, texts: list[str], detectors: str, queue: Any) -> None:
    p = _pseudonymizer(detectors)
    session = p.session(id=session_id, vault=_open(target), create=False)
    queue.put(("restored", "fresh", [p.restore(t, session=session) for t in texts]))


def run_backend(name: str, target: str, workers: int, n: int, detectors: str) -> dict[str, Any]:
    return summarize(name, *run_raw(target, workers, n, detectors))


def run_raw(target: str, workers: int, n: int, detectors: str) -> tuple[Any, ...]:
    """(texts, pseudonymized texts, per-writer reports, restorations per process, wall seconds)."""
    ctx = multiprocessing.get_context("spawn")
    session_id = f"bench-{uuid.uuid4().hex[:8]}"
    handoff = Path(tempfile.mkstemp(suffix=".json")[1])
    barriers = (ctx.Barrier(workers + 1), ctx.Barrier(workers + 1), ctx.Barrier(workers + 1))
    queue = ctx.Queue()
    procs = [ctx.Process(target=writer, args=(target, session_id, w, n, detectors, barriers, str(handoff), queue))
             for w in range(workers)]  # fmt: skip
    for proc in procs:
        proc.start()
    barriers[0].wait(900)
    started = time.perf_counter()
    barriers[1].wait(900)
    wall = time.perf_counter() - started
    wrote = [queue.get(timeout=600) for _ in procs]
    texts = [t for _, _, d in sorted(wrote, key=lambda x: x[1]) for t in d["texts"]]
    outputs = [o for _, _, d in sorted(wrote, key=lambda x: x[1]) for o in d["out"]]
    handoff.write_text(json.dumps(outputs))
    barriers[2].wait(900)
    restored = [queue.get(timeout=600) for _ in procs]
    for proc in procs:
        proc.join(120)
    fresh = ctx.Process(target=reader, args=(target, session_id, outputs, detectors, queue))
    fresh.start()
    restored.append(queue.get(timeout=600))
    fresh.join(120)
    handoff.unlink()
    return texts, outputs, wrote, restored, wall


def summarize(
    name: str, texts: list[str], outputs: list[str], wrote: Any, restored: Any, wall: float
) -> dict[str, Any]:
    surrogates: dict[str, set[str]] = defaultdict(set)
    for _, _, d in wrote:
        for original, surrogate in d["pairs"]:
            surrogates[original.casefold()].add(surrogate.casefold())
    exact = {str(who): sum(a == b for a, b in zip(got, texts, strict=True)) for _, who, got in restored}
    name_words = {w.casefold() for person in PEOPLE for w in person.split()}
    issued = {w for _, _, d in wrote for _, s in d["pairs"] for w in re.findall(r"\w+", s.casefold())}
    return {
        "backend": name,
        "texts": len(texts),
        "originals": len(surrogates),
        "originals_with_several_surrogates": sum(len(s) > 1 for s in surrogates.values()),
        "restored_exactly": exact,
        "all_exact": all(v == len(texts) for v in exact.values()),
        "leaked_texts": sum(any(p in o for p in PEOPLE) for o in outputs),
        "redone_calls": sum(d["conflicts"] for _, _, d in wrote),
        # a surrogate word drawn before a text with a real person of that name came along (see README)
        "surrogates_equal_to_later_names": len(issued & name_words),
        "wall_s": round(wall, 2),
        "ms_per_text": round(1000 * sum(d["seconds"] for _, _, d in wrote) / len(texts), 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--texts", type=int, default=50, help="texts per worker")
    ap.add_argument("--backends", nargs="+", default=["sqlite", "redis", "postgresql", "sql-sqlite"])
    ap.add_argument("--detectors", choices=["default", "remask", "deny"], default="default",
                    help="default pipeline (spaCy), the same with surrogates_in_input='remask', "
                         "or a deny list + patterns (no model; for a quick run)")  # fmt: skip
    ap.add_argument("--rounds", type=int, default=1, help="repeat each backend with a fresh session")
    ap.add_argument("--out", default="multiprocess", help="results file name (without .md/.json)")
    ap.add_argument("--redis-url")
    ap.add_argument("--postgres-url")
    args = ap.parse_args()

    from servers import PostgresServer, RedisServer

    servers: list[Any] = []
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        try:
            for backend in args.backends:
                if backend == "sqlite":
                    target = str(Path(tmp) / "vault.sqlite3")
                elif backend == "sql-sqlite":
                    target = f"sqlite:///{Path(tmp) / 'sqlvault.db'}"
                elif backend == "redis":
                    target = args.redis_url or (servers.append(RedisServer(durable=True)) or servers[-1].url)
                else:
                    target = args.postgres_url or (servers.append(PostgresServer()) or servers[-1].url)
                for n in range(args.rounds):
                    print(f"{backend} round {n + 1}: {args.workers} processes × {args.texts} texts …", flush=True)
                    rows.append(run_backend(backend, target, args.workers, args.texts, args.detectors))
                    print(json.dumps(rows[-1]), flush=True)
        finally:
            for server in servers:
                server.stop()
    write_report(rows, args)


def write_report(rows: list[dict[str, Any]], args: argparse.Namespace) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    (RESULTS / f"{args.out}.json").write_text(json.dumps({"run": when, "args": vars(args), "rows": rows}, indent=2))
    lines = [
        "# Several processes writing one session",
        "",
        f"Run {when}; {args.workers} spawned processes write one session id at once, {args.texts} texts each "
        f"(overlapping people), detectors: {args.detectors}; then every writer and one fresh process restore "
        "all texts. Command: `python benchmarks/multiprocess.py "
        f"--workers {args.workers} --texts {args.texts} --detectors {args.detectors} --rounds {args.rounds}"
        f"{'' if args.out == 'multiprocess' else ' --out ' + args.out} --backends {' '.join(args.backends)}`.",
        "",
        "| vault | texts | originals | originals with >1 surrogate | restored exactly (per process) | "
        "leaked texts | surrogate = a later name | redone calls | wall s | ms / text |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        per = ", ".join(f"{v}/{r['texts']}" for v in r["restored_exactly"].values())
        lines.append(
            f"| {r['backend']} | {r['texts']} | {r['originals']} | {r['originals_with_several_surrogates']} | "
            f"{per} | {r['leaked_texts']} | {r['surrogates_equal_to_later_names']} | {r['redone_calls']} | "
            f"{r['wall_s']} | {r['ms_per_text']} |"
        )
    lines += [
        "",
        "'redone calls': calls that found another process had written to the session since they caught "
        "up, undid their own additions and decided again (the compare-and-set commit of rule 12). "
        "'ms / text' is the mean time of one pseudonymize call inside a writer, detection included, while "
        "all writers run at once on the same CPUs; 'wall s' is the time until the last writer finished. "
        "'surrogate = a later name': surrogate words that are also words of a real name that reached the "
        "session only later; such a name is then taken for a surrogate already in the text and passes "
        "unmasked (a leak and a wrong restoration, in one process as in several; see the README).",
        "",
    ]
    (RESULTS / f"{args.out}.md").write_text("\n".join(lines))


if __name__ == "__main__":
    main()
