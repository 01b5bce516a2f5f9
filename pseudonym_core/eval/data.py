"""Labeled evaluation data: the hand-written marked-up set and the sample types shared by all sets.

Gold offsets are never typed by hand: they are computed while stripping the inline markup
``{{John Smith|PERSON}}``, so a typo in the data can change a label but never misplace a span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

#: Labels the engine can produce; gold data may only use these.
KNOWN_LABELS: frozenset[str] = frozenset(
    {
        "PERSON",
        "LOCATION",
        "ORGANIZATION",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "CREDIT_CARD",
        "IBAN_CODE",
        "IP_ADDRESS",
        "URL",
        "US_SSN",
        "US_DRIVER_LICENSE",
        "US_PASSPORT",
        "US_BANK_NUMBER",
        "US_ITIN",
        "UK_NHS",
        "DATE_TIME",
        "CRYPTO",
        "MEDICAL_LICENSE",
        "NRP",
        # realistic set (issue 9): a whole street address, labelled identifiers, user names,
        # and any country's national ID number
        "ADDRESS",
        "IDENTIFIER",
        "USERNAME",
        "NATIONAL_ID",
    }
)

#: Markup label for text the gold data leaves undecided (an age, a nationality, a public brand
#: named in passing): counted neither as personal data nor as innocent text.
IGNORE_LABEL = "IGNORE"

#: Kinds of realistic text the hand-written set covers (the first header line names one).
KINDS: frozenset[str] = frozenset(
    {"support_ticket", "email", "clinical_note", "chat_prompt", "rag_chunk", "hr_record", "finance", "travel"}
)

_HEADER = re.compile(r"^# (?P<id>[\w-]+): (?P<kind>\w+)\s*$")
_META = re.compile(r"^# (?P<key>\w+): (?P<value>.*)$")
_MARK = re.compile(r"\{\{(?P<text>[^{}|]+)\|(?P<label>[A-Z_]+)\}\}")


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """A gold entity as offsets into the sample text (the text itself is looked up, never stored).

    `detail` optionally names the finer source type (e.g. ``street_name`` for a LOCATION) so a
    benchmark can show which part of a type a detector misses; it is ignored by equality.
    """

    start: int
    end: int
    label: str
    detail: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class LabeledSample:
    """One evaluation text with its gold entities.

    ``meta`` carries optional header fields; ``ignore`` marks text the gold data leaves undecided
    (e.g. a nationality or an age), which metrics count neither as PII nor as non-PII.
    """

    id: str
    kind: str
    text: str
    spans: list[GoldSpan]
    meta: dict[str, str] = field(default_factory=dict)
    ignore: list[GoldSpan] = field(default_factory=list)


def parse_marked(marked: str) -> tuple[str, list[GoldSpan]]:
    """Strip ``{{entity|LABEL}}`` markup and return the plain text with exact gold offsets.

    ``{{text|IGNORE}}`` spans come back with label ``IGNORE``; `split_ignored` separates them.
    """
    out: list[str] = []
    spans: list[GoldSpan] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(marked):
        before = marked[pos : m.start()]
        out.append(before)
        length += len(before)
        ent = m.group("text")
        spans.append(GoldSpan(length, length + len(ent), m.group("label")))
        out.append(ent)
        length += len(ent)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def _parse_block(block: str, source: str) -> LabeledSample:
    lines = block.strip("\n").split("\n")
    header = _HEADER.match(lines[0]) if lines else None
    if header is None:
        raise ValueError(f"{source}: block must start with '# id: kind', got {lines[:1]!r}")
    meta: dict[str, str] = {}
    body_start = 1
    while body_start < len(lines) and (m := _META.match(lines[body_start])):
        meta[m.group("key")] = m.group("value").strip()
        body_start += 1
    text, spans = parse_marked("\n".join(lines[body_start:]))
    gold, ignore = split_ignored(spans)
    return LabeledSample(header.group("id"), header.group("kind"), text, gold, meta, ignore)


def split_ignored(spans: list[GoldSpan]) -> tuple[list[GoldSpan], list[GoldSpan]]:
    """(gold entities, undecided spans) from parsed markup."""
    return [s for s in spans if s.label != IGNORE_LABEL], [s for s in spans if s.label == IGNORE_LABEL]


def load_marked(path: str | Path) -> list[LabeledSample]:
    """Read a marked-up file: blocks separated by a line ``---``, each opening with ``# id: kind``."""
    raw = Path(path).read_text(encoding="utf-8")
    blocks = re.split(r"^---[ \t]*$", raw, flags=re.MULTILINE)
    return [_parse_block(b, f"{path}#{i}") for i, b in enumerate(blocks) if b.strip()]


def handwritten_path() -> Path:
    """Locate ``tests/data/handwritten.txt`` from this checkout (the set is not shipped in the wheel)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "tests" / "data" / "handwritten.txt"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        "tests/data/handwritten.txt not found above pseudonym_core/eval; run from a source checkout"
    )
