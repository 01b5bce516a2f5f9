"""Side-by-side table of the paper's framework combinations (PRR, PPS, SCS, leak, restoration, speed).

    python benchmarks/framework.py [--set handwritten|generated] [--n N] [--combo NAME ...] [--no-pps] [--no-scs]

The same code as `pseudonym eval` (pseudonym_lab/eval/paper.py), with the benchmark's fixed places:
results go to benchmarks/results/framework/<set>/ (results.md, results.json, privacy_utility.png)
and the generated set is cached next to the detection benchmark's, so both score the same texts.
Only aggregate figures are written, never entity text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pseudonym_lab.eval.combos import COMBINATIONS, DEFAULT_COMBOS  # noqa: E402
from pseudonym_lab.eval.paper import run_paper_eval  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "framework"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--set", choices=["handwritten", "generated"], default="handwritten")
    ap.add_argument("--n", type=int, default=None, help="samples (default: all hand-written / 200 generated)")
    ap.add_argument(
        "--combo", nargs="+", default=list(DEFAULT_COMBOS), choices=[*COMBINATIONS, "paper", "all"], metavar="NAME"
    )
    ap.add_argument("--no-pps", action="store_true")
    ap.add_argument("--no-scs", action="store_true")
    ap.add_argument("--lm", default=None, help="local causal LM folder for SCS (default: SmolLM2-135M)")
    ap.add_argument("--threads", type=int, default=1, help="torch threads for SCS (0 = torch's default)")
    args = ap.parse_args(argv)
    out = RESULTS / args.set
    run_paper_eval(
        set_name=args.set,
        n=args.n,
        combos=args.combo,
        out=out,
        pps=not args.no_pps,
        scs=not args.no_scs,
        lm_path=args.lm,
        cache_dir=ROOT / "benchmarks" / "results" / "cache",
        lm_threads=args.threads or None,
    )
    print((out / "results.md").read_text(encoding="utf-8"), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
