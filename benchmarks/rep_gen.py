"""Measure REP_gen on the hand-written set, and what its KV cache saves.

    python benchmarks/rep_gen.py [--limit N] [--kv-compare K]

Prints the share of texts whose REP_gen output was used (no fallback), the restoration rate
(`restore(out) == original`), how many outputs equal REP_direct's, ms per text for the replacer,
the strategy's token counters, and (K > 0) ms per text with the cache against a full recompute
per token on the first K texts. Prints no text from the set (it is PII-shaped).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def measure(limit: int | None = None) -> dict[str, Any]:
    from pseudonym_core.config import PseudonymizerConfig
    from pseudonym_core.pipeline import Pseudonymizer
    from pseudonym_core.replace.base import direct
    from pseudonym_lab.eval.data import handwritten_path, load_marked

    samples = load_marked(handwritten_path())[:limit]
    p = Pseudonymizer(PseudonymizerConfig(replacer="gen"))
    p.pseudonymize("Warm-up for John Smith.")  # loads the detectors and the LM outside the timing
    rep: Any = p._replacer
    spent = [0.0]
    plain = rep.replace

    def timed(text: str, entities: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return plain(text, entities)
        finally:
            spent[0] += time.perf_counter() - t0

    rep.replace = timed
    with_entities = used = restored = identical = 0
    reasons: dict[str, int] = {}
    for sample in samples:
        session = p.session()
        r = p.pseudonymize(sample.text, session=session)
        with_entities += bool(r.entities)
        used += bool(r.entities) and not r.notes
        identical += bool(r.entities) and r.text == direct(sample.text, r.entities)
        restored += p.restore(r.text, session=session) == sample.text
        for note in r.notes:
            reasons[note] = reasons.get(note, 0) + 1
    return {
        "texts": len(samples),
        "with_entities": with_entities,
        "gen_used": used,
        "identical_to_direct": identical,
        "restored": restored,
        "replacer_ms_per_text": round(1000 * spent[0] / max(len(samples), 1)),
        "fallbacks": reasons,
        "stats": p.strategy_stats().get("replacer:gen", {}),
    }


def kv_compare(k: int) -> dict[str, Any]:
    from pseudonym_core.llm import shared_lm
    from pseudonym_core.pipeline import Pseudonymizer
    from pseudonym_core.replace.gen import GenReplacer
    from pseudonym_lab.eval.data import handwritten_path, load_marked

    p = Pseudonymizer()
    cases = [(s.text, p.pseudonymize(s.text, session=p.session()).entities) for s in load_marked(handwritten_path())]
    cases = [c for c in cases if c[1]][:k]
    lm = shared_lm()
    ms: dict[bool, float] = {}
    outs: dict[bool, list[str]] = {}
    for kv in (True, False):
        rep = GenReplacer(lm=lm, kv_cache=kv)
        rep.replace(*cases[0])  # warm-up
        t0 = time.perf_counter()
        outs[kv] = [rep.replace(t, e).text for t, e in cases]
        ms[kv] = 1000 * (time.perf_counter() - t0) / len(cases)
    return {
        "texts": len(cases),
        "ms_per_text_kv_cache": round(ms[True]),
        "ms_per_text_recompute": round(ms[False]),
        "speed_up": round(ms[False] / ms[True], 1),
        "identical_outputs": outs[True] == outs[False],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts")
    parser.add_argument("--kv-compare", type=int, default=5, help="texts for the cache comparison (0: skip)")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    print(measure(args.limit))
    if args.kv_compare > 0:
        print(kv_compare(args.kv_compare))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
