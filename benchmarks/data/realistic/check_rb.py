"""Checks the `rb` part of the realistic set before it is committed.

Why a checker: the labels are the product here, and a typo in markup (an unknown label, a space
inside a span, a card number that fails Luhn) would silently turn into a wrong gold span. The
loader already computes offsets; this adds the rules of the writing brief on top.

Usage: python benchmarks/data/realistic/check_rb.py FILE [FILE ...]
Exit status 1 on an error; warnings (an unmarked repeat of a marked string) are for a human to read.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from pseudonym_lab.eval.data import IGNORE_LABEL, KNOWN_LABELS, load_marked

LABELS = {
    "PERSON",
    "LOCATION",
    "ADDRESS",
    "ORGANIZATION",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "IP_ADDRESS",
    "URL",
    "DATE_TIME",
    "IDENTIFIER",
    "USERNAME",
    "NATIONAL_ID",
    IGNORE_LABEL,
}
META_KEYS = ("domain", "cultures", "countries", "features")
TITLE = re.compile(r"^(Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Mme|Mlle|Sr|Sra|Sig|Dott)\.?\s", re.I)
ID_RE = re.compile(r"^rb-\d{3}$")


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        x = int(ch)
        if i % 2:
            x = x * 2 - 9 if x > 4 else x * 2
        total += x
    return total % 10 == 0


def iban_ok(value: str) -> bool:
    s = re.sub(r"[\s.-]", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{8,30}", s):
        return False
    moved = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def check(path: Path) -> tuple[int, list]:
    errors = 0
    raw = path.read_text(encoding="utf-8")
    headers = re.findall(r"^# (rb-\d{3}): ", raw, flags=re.M)
    samples = load_marked(path)
    if len(headers) != len(samples):
        print(f"ERROR {path}: {len(headers)} headers but {len(samples)} blocks (stray '---'?)")
        errors += 1
    seen: set[str] = set()
    for s in samples:
        where = f"{path.name}:{s.id}"
        if not ID_RE.match(s.id) or s.id in seen:
            print(f"ERROR {where}: bad or duplicate id")
            errors += 1
        seen.add(s.id)
        for key in META_KEYS:
            if not s.meta.get(key):
                print(f"ERROR {where}: missing '# {key}:'")
                errors += 1
        if not 150 <= len(s.text) <= 4200:
            print(f"WARN  {where}: length {len(s.text)}")
        if "{{" in s.text or "}}" in s.text or re.search(r"\|[A-Z_]+\}", s.text):
            print(f"ERROR {where}: markup left in text")
            errors += 1
        for span in [*s.spans, *s.ignore]:
            val = s.text[span.start : span.end]
            if span.label not in LABELS or (span.label != IGNORE_LABEL and span.label not in KNOWN_LABELS):
                print(f"ERROR {where}: unknown label {span.label}")
                errors += 1
            if val != val.strip():
                print(f"ERROR {where}: whitespace at span edge {val!r}")
                errors += 1
            if span.label == "PERSON" and (TITLE.match(val) or re.search(r"['’]s$", val)):
                print(f"ERROR {where}: title or possessive inside {val!r}")
                errors += 1
            if span.label == "CREDIT_CARD" and not luhn(re.sub(r"\D", "", val)):
                print(f"ERROR {where}: Luhn fails {val!r}")
                errors += 1
            if span.label == "IBAN_CODE" and not iban_ok(val):
                print(f"ERROR {where}: IBAN fails {val!r}")
                errors += 1
        # every mention marked: a marked string seen again unmarked is worth a look
        marked = {(sp.start, sp.end) for sp in [*s.spans, *s.ignore]}
        for span in s.spans:
            val = s.text[span.start : span.end]
            if len(val) < 3:
                continue
            for m in re.finditer(r"(?<!\w)" + re.escape(val) + r"(?!\w)", s.text):
                inside = any(a <= m.start() and m.end() <= b for a, b in marked)
                if not inside:
                    print(f"WARN  {where}: unmarked repeat {val!r} ({span.label}) at {m.start()}")
    return errors, samples


def summary(samples: list) -> None:
    dom = Counter(s.meta.get("domain") for s in samples)
    labels = Counter(sp.label for s in samples for sp in s.spans)
    ign = sum(len(s.ignore) for s in samples)
    cult = Counter(c.strip() for s in samples for c in s.meta.get("cultures", "").split(",") if c.strip())
    ctry = Counter(
        c.strip() for s in samples for c in s.meta.get("countries", "").split(",") if c.strip() not in ("", "-")
    )
    feat = Counter(f.strip() for s in samples for f in s.meta.get("features", "").split(",") if f.strip())
    print(f"texts {len(samples)}; domains {dict(sorted(dom.items()))}")
    print(f"entities {sum(labels.values())} (+{ign} IGNORE): {dict(labels.most_common())}")
    print(f"cultures ({len(cult)}): {dict(cult.most_common())}")
    print(f"countries ({len(ctry)}): {dict(ctry.most_common())}")
    print(f"features: {dict(feat.most_common())}")


def main(argv: list[str]) -> int:
    total = 0
    allsamples = []
    for name in argv:
        err, samples = check(Path(name))
        total += err
        allsamples += samples
    ids = [s.id for s in allsamples]
    if len(ids) != len(set(ids)):
        print("ERROR: duplicate ids across files")
        total += 1
    summary(allsamples)
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
