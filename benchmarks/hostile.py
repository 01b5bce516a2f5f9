"""Hostile-answer suite: does restoration keep originals out of URLs, links, attributes and tools?

    python benchmarks/hostile.py [--seeds 0 1 2]

Runs every case of benchmarks/data/hostile.json (markdown images and links with names and phones in
their destinations, raw URLs with query strings, %-encoded names, HTML attributes, mailto:/tel:
targets, tool calls with URL arguments, code blocks, JSON keys, hashtags, file paths, digit runs glued
by "/" or ".") under the default restore policy, once per seed (each seed draws other surrogates),
and the same cases with `RestorePolicy.permissive()` (restoring everywhere, as before the policy) to
show what the policy prevents. Targets: 0 originals inside a URL or link, every prose mention
restored, every technical token kept, streamed restore equal to whole restore for every chunk size.
Writes benchmarks/results/hostile.md (counts only, never entity text).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pseudonym_lab.eval.hostile import build_session, load_suite, run_case  # noqa: E402
from pseudonym_lab.eval.report import table  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    suite = load_suite()
    per_context: dict[str, Counter[str]] = {}
    totals: Counter[str] = Counter()
    failed: list[str] = []
    for seed in args.seeds:
        p, s, surrogates, originals = build_session(suite["source"], seed)
        for case in suite["cases"]:
            for mode in ("default", "permissive"):
                if mode == "permissive":
                    case = {**case, "policy": {**case.get("policy", {}), "protected": []}}
                o = run_case(p, s, case, surrogates, originals)
                c = per_context.setdefault(o.context, Counter()) if mode == "default" else Counter()
                for counter in (c, totals) if mode == "default" else (totals,):
                    prefix = "" if mode == "default" else "permissive "
                    counter[prefix + "cases"] += 1
                    counter[prefix + "leaks"] += o.leaks
                    counter[prefix + "cases with a leak"] += o.leaks > 0
                    counter[prefix + "keep ok"] += o.keep_ok
                    counter[prefix + "keep"] += o.keep_total
                    counter[prefix + "restore ok"] += o.restore_ok
                    counter[prefix + "restore"] += o.restore_total
                    counter[prefix + "stream differs"] += not o.stream_same
                    counter[prefix + "kept notes"] += len(o.notes)
                if mode == "default" and not o.ok:
                    failed.append(f"{o.id} (seed {seed}): {', '.join(o.failures) or 'leak/stream'}")
    header = ["context", "cases", "originals in URL/link", "technical tokens kept", "prose restored", "stream ≠ whole"]
    rows = [
        [
            ctx,
            c["cases"],
            c["leaks"],
            f"{c['keep ok']}/{c['keep']}",
            f"{c['restore ok']}/{c['restore']}",
            c["stream differs"],
        ]
        for ctx, c in sorted(per_context.items())
    ]
    t = totals
    rows.append(
        [
            "**all**",
            t["cases"],
            t["leaks"],
            f"{t['keep ok']}/{t['keep']}",
            f"{t['restore ok']}/{t['restore']}",
            t["stream differs"],
        ]
    )
    md = [
        "# Hostile-answer suite",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `python benchmarks/hostile.py --seeds "
        f"{' '.join(map(str, args.seeds))}`: {len(suite['cases'])} cases × {len(args.seeds)} sessions, default "
        "restore policy. Streamed restores use chunks of 1, 2, 3, 5, 7 and 11 characters.",
        "",
        table(header, rows),
        "",
        f"Same cases with `RestorePolicy.permissive()` (restore everywhere, the behaviour before the policy): "
        f"{t['permissive leaks']} originals inside URLs or links in {t['permissive cases with a leak']} of "
        f"{t['permissive cases']} cases; technical tokens kept {t['permissive keep ok']}/{t['permissive keep']}.",
        "",
        f'Refusals noted ("kept surrogate in <context> (<type>)", no content): {t["kept notes"]}.',
        "",
        *(["Failed cases:", "", *[f"- {f}" for f in failed], ""] if failed else []),
        f"- {'PASS' if t['leaks'] == 0 else 'FAIL'}: originals inside a URL or link: {t['leaks']} = 0",
        f"- {'PASS' if t['restore ok'] == t['restore'] else 'FAIL'}: prose mentions restored "
        f"{t['restore ok']}/{t['restore']}",
        f"- {'PASS' if t['keep ok'] == t['keep'] else 'FAIL'}: technical tokens kept {t['keep ok']}/{t['keep']}",
        f"- {'PASS' if t['stream differs'] == 0 else 'FAIL'}: streamed restore equals whole restore",
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "hostile.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))
    return 0 if not failed else 1


if __name__ == "__main__":
    raise SystemExit(main())
