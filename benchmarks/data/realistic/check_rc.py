"""Check a marked-up realistic file of the later writers `rc` … `rh` (dev-rc.txt …
dev-rh.txt; no split) before it is committed. The writer, and so the id prefix, is read from the
file's name.

Why: the gold offsets come from the markup, so a typo cannot misplace a span, but it can leave
markup in the text, put a space inside a span, use an unknown label, or carry a card number or IBAN
that no validator would accept (which would make a detector's miss look like the data's fault).

Usage: python benchmarks/data/realistic/check_rc.py FILE [FILE ...]   (prints counts; exit 1 on error)
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from pseudonym_lab.eval.data import IGNORE_LABEL, KNOWN_LABELS, load_marked

REQUIRED_META = ("domain", "cultures", "countries", "features")
KINDS = (
    "support_chat", "email", "hr_record", "clinical_note", "contract", "insurance", "legal", "travel", "ecommerce",
    "education", "real_estate", "it_helpdesk", "government", "recruiting", "social", "logistics", "banking", "pharmacy",
)


def luhn_ok(digits: str) -> bool:
    """True when the digit string passes the Luhn check used by payment cards."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        x = int(ch)
        if i % 2:
            x = x * 2 - 9 if x > 4 else x * 2
        total += x
    return total % 10 == 0


def iban_ok(value: str) -> bool:
    """True when the IBAN (any case, spaces allowed) passes ISO 13616 mod-97."""
    s = re.sub(r"\s", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{8,30}", s):
        return False
    return int("".join(str(int(c, 36)) for c in s[4:] + s[:4])) % 97 == 1


def writer_of(path: str) -> str:
    """"rd" of ".../dev-rd.txt": the writer whose ids the file must carry."""
    m = re.search(r"(r[a-z])\.txt$", path)
    if m is None:
        raise SystemExit(f"{path}: not a writer's file (…-rc.txt, …-rd.txt, …)")
    return m.group(1)


def check(path: str) -> tuple[list[str], list]:
    errors: list[str] = []
    writer = writer_of(path)
    samples = load_marked(path)
    for dup, n in Counter(s.id for s in samples).items():
        if n > 1:
            errors.append(f"{dup}: id used {n} times")
    for s in samples:
        where = s.id
        if not re.fullmatch(rf"{writer}-\d{{3}}", s.id):
            errors.append(f"{where}: id not of the form {writer}-NNN")
        for key in REQUIRED_META:
            if key not in s.meta:
                errors.append(f"{where}: missing '# {key}:' line")
        if s.meta.get("domain") not in KINDS or s.kind != s.meta.get("domain"):
            errors.append(f"{where}: domain {s.meta.get('domain')!r} not in KINDS or differs from the kind")
        if "{{" in s.text or "}}" in s.text:
            errors.append(f"{where}: markup left in text (bad label or stray braces)")
        if not 300 <= len(s.text) <= 3000:
            errors.append(f"{where}: length {len(s.text)} outside 300..3000")
        for span in s.spans + s.ignore:
            ent = s.text[span.start : span.end]
            if span.label not in KNOWN_LABELS and span.label != IGNORE_LABEL:
                errors.append(f"{where}: unknown label {span.label}")
            if span.label == "PERSON" and re.match(r"(Mr|Mrs|Ms|Dr|Prof|Herr|Frau|Mme)\.?\s", ent):
                errors.append(f"{where}: title inside person span {ent!r}")
            if ent != ent.strip():
                errors.append(f"{where}: span {ent!r} has outer whitespace")
            if span.label == "CREDIT_CARD":
                digits = re.sub(r"\D", "", ent)
                if not (13 <= len(digits) <= 19 and luhn_ok(digits)):
                    errors.append(f"{where}: card {ent!r} fails Luhn")
            if span.label == "IBAN_CODE" and not iban_ok(ent):
                errors.append(f"{where}: IBAN {ent!r} fails mod-97")
    return errors, samples


def main(paths: list[str]) -> int:
    all_errors: list[str] = []
    samples = []
    for p in paths:
        errs, ss = check(p)
        all_errors += errs
        samples += ss
    labels = Counter(sp.label for s in samples for sp in s.spans + s.ignore)
    domains = Counter(s.meta.get("domain") for s in samples)

    def field(key: str) -> Counter:
        return Counter(v.strip() for s in samples for v in s.meta.get(key, "").split(",") if v.strip() not in ("", "-"))

    print(f"texts: {len(samples)}")
    print("domains:", dict(sorted(domains.items())))
    print("labels:", dict(sorted(labels.items())))
    for key in ("cultures", "countries", "features"):
        c = field(key)
        print(f"{key} ({len(c)}):", ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    for e in all_errors:
        print("ERROR", e)
    return 1 if all_errors else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
