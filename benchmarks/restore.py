"""Restoration benchmark: does the model's rephrasing of a surrogate come back as the original?

    python benchmarks/restore.py [--seed 0] [--rounds 3]

Every hand-written text is pseudonymized in its own session. For each replaced entity we write
the surrogate the way a chat model might echo it (exact, lower, UPPER, Title, possessive,
first name, surname, "Dr. <surname>", "<initial>. <surname>", "<surname>, <first>", numbers
and emails reformatted, the surrogate split across streamed chunks), restore it, and classify:

- restored: the region came back as the original (case-insensitively for case forms, digits
  only for reformatted numbers) and the context around it is untouched;
- missed: the text came back unchanged;
- wrong: anything else, including text that must never change (the original text itself,
  innocent sentences, longer words that merely contain a surrogate).

Target: restoration rate ≥ 0.98 and 0 wrong. Writes benchmarks/results/restore.md and .json;
only counts are written, never entity text.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pseudonym_lab.eval.data import handwritten_path, load_marked  # noqa: E402
from pseudonym_lab.eval.report import table  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
PREFIX, SUFFIX = "Update from the assistant: ", " is on the list now."
INNOCENT = [
    "The annual report is due; Mark all as read before Friday.",
    "Will the grace period in May apply to the bill?",
    "Frank feedback on the rose garden design was welcome.",
    "Summer interns will join the Paris agreement study group.",
    "Johnson's baby powder and Jordan almonds were on the shopping list.",
]


@dataclass(frozen=True)
class Case:
    """One rephrasing: `region` replaces the surrogate in the answer, `expected` is the original."""

    form: str
    label: str
    region: str
    expected: str
    compare: str  # exact | case | digits | alnum
    before: str = PREFIX
    after: str = SUFFIX


def _norm(s: str, mode: str) -> str:
    if mode == "case":  # upper() first: Turkish "ı" upper-cases to "I", so "YILMAZ" is "Yılmaz"
        return s.upper().casefold()
    if mode == "digits":
        return "".join(c for c in s if c.isdigit())
    if mode == "alnum":
        return "".join(c for c in s if c.isalnum()).casefold()
    return s


def _name_parts(name: str) -> tuple[str, str] | None:
    """(first, last) for "First Last" or "Last, First"; None when there is no clean pair."""
    if "," in name:
        last, first = (p.strip() for p in name.split(",", 1))
    else:
        toks = name.split()
        if len(toks) < 2:
            return None
        first, last = toks[0], toks[-1]
    if len(first) < 2 or len(last) < 2 or first.endswith("."):
        return None
    return first, last


def person_cases(orig: str, sur: str) -> list[Case]:
    out: list[Case] = []
    po, ps = _name_parts(orig), _name_parts(sur)
    if po and ps and ("," in orig) == ("," in sur) and len(orig.split()) == len(sur.split()):
        (of, ol), (sf, sl) = po, ps
        out += [
            Case("first name only", "PERSON", sf, of, "exact"),
            Case("surname only", "PERSON", sl, ol, "exact"),
            Case("Dr. <surname>", "PERSON", sl, ol, "exact", before=PREFIX + "Dr. "),
            Case("<initial>. <surname>", "PERSON", f"{sf[0]}. {sl}", f"{of[0]}. {ol}", "exact"),
            Case("<surname>, <first>", "PERSON", f"{sl}, {sf}", f"{ol}, {of}", "exact"),
        ]
    return out


def _digit_groups(s: str) -> list[str]:
    return re.findall(r"\+?\d+", s)


def value_cases(label: str, orig: str, sur: str) -> list[Case]:
    if label in ("PHONE_NUMBER", "CREDIT_CARD"):
        groups = _digit_groups(sur)
        out = [Case("number, other separators (-)", label, "-".join(groups), orig, "digits")]
        out.append(Case("number, other separators (.)", label, ".".join(groups), orig, "digits"))
        out.append(Case("number, no separators", label, "".join(groups), orig, "digits"))
        return out
    if label == "IBAN_CODE":
        compact = sur.replace(" ", "")
        grouped = " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
        return [Case("IBAN, other grouping", label, grouped if " " not in sur else compact, orig, "alnum")]
    if label == "EMAIL_ADDRESS":
        return [
            Case("email UPPER", label, sur.upper(), orig, "case"),
            Case("email in <brackets>", label, sur, orig, "exact", before=PREFIX + "<", after=">" + SUFFIX),
        ]
    return []


def cases_for(label: str, orig: str, sur: str, person_forms: bool = True) -> list[Case]:
    """All rephrasings of one entity; name-part forms only for correctly detected full names."""
    out = [Case("exact", label, sur, orig, "exact")]
    if label in ("PERSON", "LOCATION", "ORGANIZATION"):
        out += [
            Case("lower", label, sur.lower(), orig, "case"),
            Case("UPPER", label, sur.upper(), orig, "case"),
            Case("Title", label, sur.title(), orig, "case"),
            Case("possessive 's", label, sur + "'s", orig + "'s", "exact"),
            Case("possessive ’s", label, sur + "’s", orig + "’s", "exact"),
        ]
    if label == "PERSON" and person_forms:
        out += person_cases(orig, sur)
    return out + value_cases(label, orig, sur)


def chunkings(text: str, region_at: int, region_len: int, rng: random.Random) -> Iterator[tuple[str, list[str]]]:
    mid = region_at + max(1, region_len // 2)
    yield "stream: split mid-surrogate", [text[:mid], text[mid:]]
    yield "stream: 1-char chunks", list(text)
    cuts, i = [], 0
    while i < len(text):
        step = rng.randint(1, 6)
        cuts.append(text[i : i + step])
        i += step
    yield "stream: random 1-6 char chunks", cuts


def classify(out: str, case: Case, answer: str) -> str:
    if out == answer:
        return "missed"
    if not (out.startswith(case.before) and out.endswith(case.after)):
        return "wrong"
    middle = out[len(case.before) : len(out) - len(case.after)]
    if _norm(middle, case.compare) == _norm(case.expected, case.compare):
        return "restored"
    return "case differs" if _norm(middle, "case") == _norm(case.expected, "case") else "wrong"


def longer_words(label: str, sur: str) -> list[str]:
    """Words that contain a surrogate (component) but are not it; restoring them is wrong."""
    if label in ("PHONE_NUMBER", "CREDIT_CARD"):
        return [f"Ref 9{''.join(c for c in sur if c.isdigit())}7 closed."]
    toks = [t for t in re.findall(r"\w+", sur) if len(t) >= 3 and t.isalpha()]
    return [f"The {t}ianer and neo{t.lower()} styles." for t in toks]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=0, help="seeds surrogate keys and stream chunking")
    ap.add_argument("--rounds", type=int, default=3, help="passes over the set, each with other surrogates")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    from pseudonym_core import Pseudonymizer, PseudonymizerConfig

    rng = random.Random(args.seed)
    stats: dict[str, Counter[str]] = {}
    by_label: dict[str, Counter[str]] = {}
    guards: Counter[str] = Counter()

    def record(form: str, label: str, outcome: str) -> None:
        stats.setdefault(form, Counter())[outcome] += 1
        by_label.setdefault(label, Counter())[outcome] += 1

    rounds = [(k, sample) for k in range(args.rounds) for sample in load_marked(handwritten_path())]
    engines: dict[int, Pseudonymizer] = {}
    for k, sample in rounds:
        # A secret key makes each round's surrogates reproducible; rounds differ by key.
        p = engines.setdefault(k, Pseudonymizer(PseudonymizerConfig(secret_key=f"restore-{args.seed}-{k}")))
        s = p.session()
        try:
            r = p.pseudonymize(sample.text, session=s)
        except Exception as exc:  # reported, not fatal: the other samples still measure restoration
            guards[f"pseudonymize failed ({type(exc).__name__})"] += 1
            continue
        whole = p.restore(r.text, session=s)
        record("whole pseudonymized text", "(text)", "restored" if whole == sample.text else "wrong")
        for text in [sample.text, *INNOCENT]:
            guards["unchanged-text checks"] += 1
            guards["wrong"] += p.restore(text, session=s) != text
        gold_names = {sample.text[g.start : g.end] for g in sample.spans if g.label == "PERSON"}
        seen = set()
        for e in r.entities:
            if (e.label, e.text, e.surrogate) in seen:
                continue
            seen.add((e.label, e.text, e.surrogate))
            for text in longer_words(e.label, e.surrogate):
                guards["unchanged-text checks"] += 1
                guards["wrong"] += p.restore(text, session=s) != text
            for case in cases_for(e.label, e.text, e.surrogate, person_forms=e.text in gold_names):
                answer = case.before + case.region + case.after
                record(case.form, e.label, classify(p.restore(answer, session=s), case, answer))
            exact = Case("exact", e.label, e.surrogate, e.text, "exact")
            answer = exact.before + exact.region + exact.after
            for form, chunks in chunkings(answer, len(exact.before), len(exact.region), rng):
                out = "".join(p.restore_stream(iter(chunks), session=s))
                record(form, e.label, classify(out, exact, answer))

    def row(name: str, c: Counter[str]) -> list[object]:
        n, ok = sum(c.values()), c["restored"] + c["case differs"]
        return [name, n, ok, c["case differs"], c["missed"], c["wrong"], f"{ok / n:.3f}"]

    tot: Counter[str] = sum(stats.values(), Counter())
    rows = [row(form, c) for form, c in stats.items()] + [row("**all forms**", tot)]
    lrows = [row(lab, c) for lab, c in sorted(by_label.items())]
    header = ["form", "tested", "restored", "…case differs", "missed", "wrong", "rate"]
    n = sum(tot.values())
    wrong_total = tot["wrong"] + guards["wrong"]
    rate = (tot["restored"] + tot["case differs"]) / n
    md = [
        "# Restoration benchmark",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; hand-written set, one session per text, "
        f"{args.rounds} rounds with surrogates keyed by seed {args.seed}.",
        "",
        table(header, rows),
        "",
        "'case differs': restored to the right original but not in the expected letter case (counted as",
        "restored). Name-part forms are built only for full names the engine detected exactly as in the gold",
        "data, so a detection error does not show up as a restoration error.",
        "",
        "By entity type (all forms):",
        "",
        table(["type", *header[1:]], lrows),
        "",
        f"Texts that must come back unchanged (original texts, innocent sentences, longer words containing "
        f"a surrogate): {guards['unchanged-text checks']} checked, {guards['wrong']} changed.",
        "",
        *[f"Samples skipped, {k}: {v}" for k, v in guards.items() if k.startswith("pseudonymize failed")],
        "",
        f"- {'PASS' if rate >= 0.98 else 'FAIL'}: restoration rate {rate:.3f} ≥ 0.98",
        f"- {'PASS' if wrong_total == 0 else 'FAIL'}: wrong restorations {wrong_total} = 0",
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "restore.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    data = {
        "forms": {f: dict(c) for f, c in stats.items()},
        "by_label": {k: dict(v) for k, v in by_label.items()},
    }
    data |= {"guards": dict(guards), "rate": round(rate, 4), "wrong_total": wrong_total}
    (args.out / "restore.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
