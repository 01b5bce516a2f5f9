"""How much of a leak count is the check: the same rewrites scored with today's and the old check.

    python benchmarks/anonymize_checks.py FILE [FILE ...]

The guard (`pseudonym_lab/anonymize/guard.py`) reads a capitalised name that is a frequent English
word, seen only in plain lower case, as the word ("he will call" after "Will Page" was replaced).
The old check counted it anywhere in any case. Until stop 22 a name's lower-case particles ("van",
"der") counted as name parts too; the third count still counts them. Prints counts only (the files may be frozen test
data): gold entities, and how many leave a trace under each check.
"""

from __future__ import annotations

import argparse

import regex


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("files", nargs="+", help="labelled files (JSON lines or the realistic set's format)")
    args = ap.parse_args()

    from pseudonym_lab.anonymize import Anonymizer
    from pseudonym_lab.anonymize.guard import _NAME_PART, _any_case, _bounded, check, name_parts
    from pseudonym_lab.eval.userdata import load_labelled

    samples = [s for path in args.files for s in load_labelled(path)]
    anonymizer = Anonymizer()
    now = old = particles = total = 0
    for sample in samples:
        out = anonymizer.anonymize(sample.text).text
        for span in sample.spans:
            original = sample.text[span.start : span.end]
            total += 1
            leaked = check(out, original, span.label).any
            now += leaked
            strict = leaked or bool(_bounded(original, regex.IGNORECASE | regex.V1).search(out))
            if span.label == "PERSON":
                parts = [p for p in name_parts(original) if p.casefold() != original.casefold()]
                strict = strict or any(_bounded(p, regex.IGNORECASE).search(out) for p in parts)
            old += strict
            with_particles = leaked
            if span.label == "PERSON":
                every = [p for p in _NAME_PART.findall(original) if len(p) >= 3 and p.casefold() != original.casefold()]
                with_particles = leaked or any(_any_case(p, out) for p in every)
            particles += with_particles
    print(
        f"{len(samples)} texts, {total} gold entities: {now} leave a trace (check now), {old} (old check), "
        f"{particles} (check now, particles counted as name parts)"
    )


if __name__ == "__main__":
    main()
