"""Outgoing-guard overhead per call: a 2 KB prompt, guard vs pseudonymize (issue 11, target ≤ 5 %).

    python benchmarks/guard.py [--repeat 15] [--sizes 0 10000]

The prompt is ~2 KB of hand-written samples (names, e-mails, phones, IBANs, addresses). Per session
size: the median time of `Pseudonymizer.pseudonymize` on the prompt (default pipeline, warm), of
`Pseudonymizer.guard` on its pseudonymized text (the usual case: nothing to mask), and of the guard
on the raw prompt (everything to mask). Sessions are grown with filler mappings from the real
generator (see restore_scale.py). Writes benchmarks/results/guard.md (times only).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from restore_scale import filler  # noqa: E402

from pseudonym_core import OutgoingGuard, Pseudonymizer  # noqa: E402
from pseudonym_lab.eval.data import handwritten_path, load_marked  # noqa: E402
from pseudonym_lab.eval.report import table  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def prompt_2kb() -> str:
    text = ""
    for sample in load_marked(handwritten_path()):
        if len(text) + len(sample.text) > 2048:
            break
        text += sample.text + "\n"
    return text


def timed(fn, repeat: int) -> tuple[float, float]:
    """(median wall ms, median CPU ms)."""
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--sizes", type=int, nargs="+", default=[0, 10000])
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    p = Pseudonymizer()
    prompt = prompt_2kb()
    p.pseudonymize("warm up: Hannah Schmidt lives in Berlin.")
    rows, ratios = [], []
    for size in args.sizes:
        s = p.session()
        filler(p, s, size, random.Random(0))
        safe = p.pseudonymize(prompt, session=s).text
        caught = len(OutgoingGuard(s).scan(safe))  # also indexes the session's originals (once)
        pseudo = timed(lambda s=s: p.pseudonymize(prompt, session=s), args.repeat)
        clean = timed(lambda s=s, safe=safe: p.guard(safe, s), args.repeat * 4)
        dirty = timed(lambda s=s: p.guard(prompt, s), args.repeat * 4)
        ratios.append(clean[1] / pseudo[1])
        rows.append(
            [
                len(s), len(prompt), f"{pseudo[0]:.1f}", f"{pseudo[1]:.1f}", f"{clean[0]:.3f}", f"{clean[1]:.3f}",
                f"{dirty[0]:.3f}", f"{dirty[1]:.3f}", f"{100 * clean[1] / pseudo[1]:.2f} %", caught,
            ]
        )  # fmt: skip
        print(rows[-1], flush=True)
    header = [
        "mappings", "prompt chars", "pseudonymize ms", "CPU ms", "guard (nothing to mask) ms", "CPU ms",
        "guard (all masked) ms", "CPU ms", "guard / pseudonymize (CPU)", "originals caught in the pseudonymized prompt",
    ]  # fmt: skip
    md = [
        "# Outgoing guard overhead",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `python benchmarks/guard.py --repeat {args.repeat} --sizes "
        f"{' '.join(map(str, args.sizes))}`; default pipeline; medians. Wall-clock times on a shared machine include "
        "waiting for a core; the ratio uses CPU time.",
        "",
        table(header, rows),
        "",
        "'Originals caught': known originals the guard found (and masked) in the pseudonymizer's own output. In",
        "grown sessions these are names that are at once an original and a surrogate of the session: with",
        '`surrogates_in_input="keep"` an input word equal to a surrogate is shielded and goes out unmasked;',
        "the guard is what stops it.",
        "",
        f"- {'PASS' if max(ratios) <= 0.05 else 'FAIL'}: guard overhead {100 * max(ratios):.2f} % of a pseudonymize "
        "call on the same prompt ≤ 5 %",
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "guard.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
