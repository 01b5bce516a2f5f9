"""One measurement of benchmarks/scale.py per fresh interpreter; prints one JSON line.

python benchmarks/scale_parts.py session TURNS [--quick]
python benchmarks/scale_parts.py text CHARS
python benchmarks/scale_parts.py cold PARENT_START_TIME
python benchmarks/scale_parts.py ray WORKERS ROWS
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def session(turns: int, quick: bool) -> dict:
    from scale_data import chat_turn, long_text

    from pseudonym_core import Pseudonymizer

    p = Pseudonymizer()
    texts = [chat_turn(k) for k in range(turns)]
    for t in texts:  # warm every cache the turns touch, in throwaway sessions
        p.pseudonymize(t, session=p.session())
    sizes = (0, 100, 1000) if quick else (0, 1000, 10_000)
    sessions = {}
    for size in sizes[1:]:
        sess, seed = p.session(), 0
        while len(sess) < size:
            p.pseudonymize(long_text(20_000, seed=seed), session=sess)
            seed += 1
        sessions[size] = sess
    actual = {str(size): len(sessions[size]) if size else 0 for size in sizes}
    wall: dict[int, list[float]] = {size: [] for size in sizes}
    cpu: dict[int, list[float]] = {size: [] for size in sizes}
    for t in texts:  # interleaved, so a change in the machine's load hits every size alike
        for size in sizes:
            target = sessions[size] if size else p.session()
            w, c = time.perf_counter(), time.process_time()
            p.pseudonymize(t, session=target)
            cpu[size].append((time.process_time() - c) * 1000)
            wall[size].append((time.perf_counter() - w) * 1000)
    return {
        "turns": turns,
        "ms": {str(k): _median(v) for k, v in wall.items()},
        "cpu_ms": {str(k): _median(v) for k, v in cpu.items()},
        "actual": actual,
    }


def _median(xs: list[float]) -> float:
    s = sorted(xs)
    return s[len(s) // 2] if len(s) % 2 else (s[len(s) // 2 - 1] + s[len(s) // 2]) / 2


def text(chars: int) -> dict:
    from scale_data import long_text

    from pseudonym_core import Pseudonymizer, PseudonymizerConfig

    p = Pseudonymizer(PseudonymizerConfig(max_input_chars=max(chars, 1_000_000)))
    p.pseudonymize(long_text(10_000, seed=99))
    runs = 5 if chars <= 20_000 else 1
    inputs = [long_text(chars, seed=7 + k) for k in range(runs)]
    base = _rss_mb()
    cpu, wall, entities = [], [], 0
    for t in inputs:
        c, w = time.process_time(), time.perf_counter()
        result = p.pseudonymize(t)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
        entities = len(result.entities)
    cpu_s, wall_s = sorted(cpu)[len(cpu) // 2], sorted(wall)[len(wall) // 2]
    return {
        "chars": chars,
        "cpu_s": cpu_s,
        "wall_s": wall_s,
        "cpu_ms_per_kb": cpu_s / chars * 1e6,
        "peak_mb": _rss_mb(),
        "base_mb": base,
        "entities": entities,
    }


def cold(parent_start: float) -> dict:
    start = time.perf_counter()
    import pseudonym_core

    imported = time.perf_counter()
    result = pseudonym_core.Pseudonymizer().pseudonymize(
        "Hi, this is Amelia Hartwell. Please call me on +1 415 555 0142 or write to amelia.hartwell@example.org."
    )
    done = time.perf_counter()
    assert "Hartwell" not in result.text
    heavy = sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in ("torch", "transformers")})
    return {
        "import_s": imported - start,
        "first_call_s": done - imported,
        "wall_s": time.time() - parent_start,
        "heavy": heavy,
    }


def ray_batch(workers: int, rows: int) -> dict:
    import tempfile
    from collections import defaultdict

    from scale_data import long_text

    from pseudonym_core import Pseudonymizer
    from pseudonym_core.batch import pseudonymize_corpus
    from pseudonym_core.batch.worker import open_vault
    from pseudonym_core.detect.pieces import pieces
    from pseudonym_core.normalize import clean_key

    corpus = long_text(rows * 1000, seed=5)  # one pool of people, so they recur across rows
    docs = {f"doc-{i}": piece for i, (_, piece) in enumerate(pieces(corpus, 1000))}
    with tempfile.TemporaryDirectory() as tmp:
        src, dst, vault = Path(tmp, "in.jsonl"), Path(tmp, "out.jsonl"), Path(tmp, "vault.sqlite3")
        src.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in docs.items()), encoding="utf-8")
        report = pseudonymize_corpus(src, dst, vault=vault, num_cpus=workers, workers=workers, progress=False)
        out = {r["id"]: r["text"] for r in map(json.loads, dst.read_text(encoding="utf-8").splitlines())}
        stored = open_vault(str(vault), None).load_session(report.session_id)
        surrogates: dict[str, set[str]] = defaultdict(set)
        for rec in stored.records:
            surrogates[clean_key(rec.original)].add(rec.surrogate)
        p = Pseudonymizer()
        sess = p.session(id=report.session_id, vault=open_vault(str(vault), None), create=False)
        exact = sum(p.restore(out[k], session=sess) == v for k, v in docs.items() if k in out)
    return {
        "workers": report.workers,
        "rows": len(docs),
        "rows_done": report.rows_done,
        "chars": report.chars,
        "seconds": report.seconds,
        "startup_s": report.startup_seconds,
        "shutdown_s": report.shutdown_seconds,
        "check_s": report.check_seconds,
        "chars_per_s": report.chars / report.seconds,
        "worker_cpu_s": report.worker_cpu_seconds,
        "cpu_ms_per_kb": report.worker_cpu_seconds / report.chars * 1e6,
        "redone_calls": report.redone_calls,
        "lookback_rows": report.lookback_rows,
        "errors": len(report.errors),
        "originals": len(surrogates),
        "originals_with_several_surrogates": sum(len(v) > 1 for v in surrogates.values()),
        "exact_restorations": exact,
        "counts": dict(report.counts),
    }


def sequential(rows: int) -> dict:
    """The batch corpus through plain `pseudonymize` calls in one session, for comparison."""
    from scale_data import long_text

    from pseudonym_core import Pseudonymizer
    from pseudonym_core.detect.pieces import pieces

    docs = [piece for _, piece in pieces(long_text(rows * 1000, seed=5), 1000)]
    p = Pseudonymizer()
    session = p.session()
    outs = [p.pseudonymize(d, session=session).text for d in docs]
    exact = sum(p.restore(o, session=session) == d for o, d in zip(outs, docs, strict=True))
    return {"rows": len(docs), "exact_restorations": exact}


if __name__ == "__main__":
    what, rest = sys.argv[1], sys.argv[2:]
    if what == "session":
        res = session(int(rest[0]), "--quick" in rest)
    elif what == "text":
        res = text(int(rest[0]))
    elif what == "cold":
        res = cold(float(rest[0]))
    elif what == "sequential":
        res = sequential(int(rest[0]))
    elif what == "ray":
        res = ray_batch(int(rest[0]), int(rest[1]))
    else:
        raise SystemExit(f"unknown part {what!r}")
    print(json.dumps(res))
