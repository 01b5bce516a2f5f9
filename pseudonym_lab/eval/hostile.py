"""The hostile-answer suite: model answers that try to make restoration write originals into URLs,
links, attributes, tool arguments and technical tokens (issue 11). Used by benchmarks/hostile.py and
tests/core/test_restore_policy.py; the cases live in benchmarks/data/hostile.json.

A case is judged three ways: every `keep` fragment comes back with its surrogates, every `restore`
fragment comes back with its originals, and — the headline — no original of the session appears
inside a URL, link destination, HTML attribute, contact link or %-encoded token of the restored
answer (or in a URL-valued tool argument), unless the case's link is itself a surrogate the session
handed out. Streamed restoration must equal whole restoration for every chunk size.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

from pseudonym_core.pipeline import Pseudonymizer
from pseudonym_core.restore.contexts import ContextScanner
from pseudonym_core.restore.forms import address_parts
from pseudonym_core.restore.policy import RestorePolicy, RestoreReport
from pseudonym_core.session import Session

_LINKISH = frozenset({"url", "link", "html_attribute", "contact_link", "percent_encoded"})
_SLOT = re.compile(r"<<(\w+)>>")


def hostile_path() -> Path:
    """Locate benchmarks/data/hostile.json from this checkout (not shipped in the wheel)."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "benchmarks" / "data" / "hostile.json"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("benchmarks/data/hostile.json not found above pseudonym_core/eval")


def load_suite(path: Path | None = None) -> dict[str, Any]:
    return json.loads((path or hostile_path()).read_text(encoding="utf-8"))


def build_session(source: str, seed: int = 0) -> tuple[Pseudonymizer, Session, dict[str, str], dict[str, str]]:
    """A session that knows the suite's person, contacts and address; (p, s, surrogates, originals)."""
    from pseudonym_core.config import PseudonymizerConfig

    p = Pseudonymizer(
        PseudonymizerConfig(
            detectors=["patterns"],
            secret_key=f"hostile-{seed}",
            deny_list={"PERSON": ["Mark Novak"], "LOCATION": ["12 Baker Street, London NW1 6XE"]},
        )
    )
    s = p.session()
    p.pseudonymize(source, session=s)
    by_label = {(m.label, m.kind): m for m in s.mappings()}
    surrogates: dict[str, str] = {}
    originals: dict[str, str] = {}
    for side, pick in ((surrogates, lambda m: m.surrogate), (originals, lambda m: m.original)):
        person = pick(by_label[("PERSON", "entity")])
        first, last = person.split()[0], person.split()[-1]
        phone, iban, card = (pick(by_label[(lab, "entity")]) for lab in ("PHONE_NUMBER", "IBAN_CODE", "CREDIT_CARD"))
        side.update(name=person, first=first, last=last, last_lower=last.lower(), phone=phone, iban=iban, card=card)
        side.update(email=pick(by_label[("EMAIL_ADDRESS", "entity")]), url=pick(by_label[("URL", "entity")]))
        side.update(phone_compact="+" + "".join(filter(str.isdigit, phone)), phone_dots=".".join(phone.split()[1:]))
        side.update(iban_compact=iban.replace(" ", ""), card_dots=card.replace(" ", "."))
    address = by_label[("LOCATION", "entity")]
    for s_part, o_part in address_parts(address.original, address.surrogate):
        key = "street" if o_part[:1].isdigit() else "street_name" if " " in o_part else "city"
        if o_part.isalpha() or " " in o_part:
            surrogates.setdefault(key, s_part)
            originals.setdefault(key, o_part)
    return p, s, surrogates, originals


def fill(template: Any, values: dict[str, str]) -> Any:
    if isinstance(template, str):
        return _SLOT.sub(lambda m: values[m.group(1)], template)
    if isinstance(template, dict):
        return {k: fill(v, values) for k, v in template.items()}
    if isinstance(template, list):
        return [fill(v, values) for v in template]
    return template


@dataclass
class Outcome:
    id: str
    context: str
    keep_ok: int = 0
    keep_total: int = 0
    restore_ok: int = 0
    restore_total: int = 0
    leaks: int = 0  # originals found inside URLs, links, attributes or URL-valued arguments
    stream_same: bool = True
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # fragment ids only, never text

    @property
    def ok(self) -> bool:
        return (
            self.keep_ok == self.keep_total
            and self.restore_ok == self.restore_total
            and self.leaks == 0
            and self.stream_same
        )


def _needles(originals: dict[str, str]) -> tuple[list[str], list[str]]:
    words = [originals[k].casefold() for k in ("first", "last", "email", "street_name", "city") if k in originals]
    words += [originals["email"].split("@")[0].casefold(), originals["email"].split("@")[1].casefold()]
    digits = ["".join(c for c in originals[k] if c.isalnum()).casefold() for k in ("phone", "iban", "card")]
    return words, digits


def leaks_in(text: str, originals: dict[str, str]) -> int:
    """Originals inside link-like regions of `text` (decoded from %-encoding and "+")."""
    words, digits = _needles(originals)
    count = 0
    for r in ContextScanner(_LINKISH).scan(text):
        region = unquote_plus(text[r.start : r.end]).casefold()
        compact = "".join(c for c in region if c.isalnum())
        count += sum(1 for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", region))
        count += sum(1 for d in digits if d and d in compact)
    return count


def run_case(
    p: Pseudonymizer, s: Session, case: dict[str, Any], surrogates: dict[str, str], originals: dict[str, str]
) -> Outcome:
    out = Outcome(case["id"], case["context"])
    policy = RestorePolicy(**case.get("policy", {}))
    report = RestoreReport()
    if "tool" in case:
        args = fill(case["args"], surrogates)
        restored_args = p.restore_obj(args, session=s, policy=policy, tool_name=case["tool"], report=report)
        restored = json.dumps(restored_args, ensure_ascii=False)
        url_values = [
            v
            for k, v in restored_args.items()
            if isinstance(v, str) and (k in policy.url_argument_names or re.match(r"\s*https?://", v))
        ]
        leak_text = " ".join(url_values)
        if not case.get("whole_surrogate"):
            words, digits = _needles(originals)
            low = unquote_plus(leak_text).casefold()
            out.leaks = sum(1 for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low))
            out.leaks += sum(1 for d in digits if d and d in "".join(c for c in low if c.isalnum()))
    else:
        answer = fill(case["answer"], surrogates)
        restored = p.restore(answer, session=s, policy=policy, report=report)
        if not case.get("whole_surrogate"):
            out.leaks = leaks_in(restored, originals)
        for size in (1, 2, 3, 5, 7, 11):
            chunks = [answer[i : i + size] for i in range(0, len(answer), size)]
            streamed = "".join(p.restore_stream(chunks, session=s, policy=policy))
            out.stream_same = out.stream_same and streamed == restored
    for i, fragment in enumerate(case.get("keep", [])):
        out.keep_total += 1
        ok = fill(fragment, surrogates) in restored
        out.keep_ok += ok
        if not ok:
            out.failures.append(f"keep[{i}]")
    for i, fragment in enumerate(case.get("restore", [])):
        out.restore_total += 1
        ok = fill(fragment, originals) in restored
        out.restore_ok += ok
        if not ok:
            out.failures.append(f"restore[{i}]")
    out.notes = report.notes
    return out
