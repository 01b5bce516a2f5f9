"""Labeled evaluation data: the hand-written marked-up set and the sample types shared by all sets.

Gold offsets are never typed by hand: they are computed while stripping the inline markup
``{{John Smith|PERSON}}``, so a typo in the data can change a label but never misplace a span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pseudonym_core.labels import KNOWN_LABELS as ENGINE_LABELS

#: Labels gold data may use: the engine's, plus ADDRESS (a whole street address marked as one span,
#: which the engine masks as LOCATION parts).
KNOWN_LABELS: frozenset[str] = ENGINE_LABELS | {"ADDRESS"}

__all__ = ["IGNORE_LABEL", "KINDS", "KNOWN_LABELS", "GoldSpan", "LabeledSample", "handwritten_path", "load_marked"]

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
        raise ValueError(f"{source}: a block must start with a line '# id: kind'")  # never quote the text
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
    out: list[LabeledSample] = []
    line = 1
    for block in re.split(r"^---[ \t]*$", raw, flags=re.MULTILINE):
        if block.strip():
            first = line + block[: len(block) - len(block.lstrip())].count("\n")
            out.append(_parse_block(block, f"{Path(path).name} line {first}"))
        line += block.count("\n")
    return out


def handwritten_path() -> Path:
    """The hand-written set, shipped as package data of `pseudonym_lab` (works from a wheel too).

    The wheel installs it as a plain file, so `files()` hands back a real path; a zipped install
    (not produced by pip) would need `as_file`, which callers that only read the text can skip.
    """
    from importlib.resources import files

    path = Path(str(files("pseudonym_lab") / "data" / "handwritten.txt"))
    if not path.is_file():
        raise FileNotFoundError("pseudonym_lab/data/handwritten.txt is missing from this install; reinstall it")
    return path
