"""The DET_tag text formats (the paper's Table 1): tags, prompt layout and chunking.

Two target formats, both typed:

- ``mark``: the input with each entity wrapped, ``<PER>John Smith</PER> lives in <LOC>Lyon</LOC>.``
- ``rep``: each entity replaced by its tag, ``<PER> lives in <LOC>.``

The paper uses one ``<ENT>`` tag. We keep the type in the tag because the pipeline needs a label to
pick a type-matched surrogate; a typeless tag would force a second classifier. Tags are short
(``PER`` rather than ``PERSON``) because every tag costs tokens in training and in generation: the
SmolLM2 tokenizer spends 5 tokens on ``<PERSON>`` and 3 on ``<PER>``.

Reading a model's output back into spans is `tagger_align`. Both modules are pure Python (no
torch) and part of the runtime, because the detector needs them; building training targets from
gold spans (`to_target`) is training-only and lives in `pseudonym_lab.train.tagger_format`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

MODES: tuple[str, ...] = ("mark", "rep")

#: Engine label → tag name. Labels not listed use their own name as the tag.
SHORT_TAGS: dict[str, str] = {
    "PERSON": "PER",
    "LOCATION": "LOC",
    "ORGANIZATION": "ORG",
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "DATE_TIME": "DATE",
    "CREDIT_CARD": "CARD",
    "IBAN_CODE": "IBAN",
    "IP_ADDRESS": "IP",
    "US_SSN": "SSN",
    "US_DRIVER_LICENSE": "LICENSE",
}
_LABEL_OF_TAG: dict[str, str] = {v: k for k, v in SHORT_TAGS.items()}

INSTRUCTIONS: dict[str, str] = {
    "mark": "Copy the text and wrap personal data in tags.",
    "rep": "Copy the text and replace personal data with tags.",
}


def tag_of(label: str) -> str:
    return SHORT_TAGS.get(label, label)


def label_of(tag: str, labels: Iterable[str] | None = None) -> str | None:
    """The engine label a tag stands for; None if the tag is unknown (not in `labels`, when given)."""
    tag = tag.upper()
    label = _LABEL_OF_TAG.get(tag, tag)
    allowed = set(labels) if labels is not None else None
    if allowed is not None and label not in allowed:
        return None
    return label


def prompt_text(text: str, mode: str) -> str:
    """The model-agnostic prompt layout; the target follows it directly and ends with EOS.

    No chat template: it would add ~20 tokens of default system prompt to every example, and the
    fine-tune teaches the layout anyway.
    """
    return f"{INSTRUCTIONS[mode]}\nText:\n{text}\nTagged:\n"


def split_chunks(text: str, max_chars: int = 400) -> list[tuple[int, str]]:
    """Cut a long text at line or sentence ends into chunks of at most ~`max_chars`, with offsets.

    The tagger was trained on short texts and its context is limited; offsets keep spans exact.
    """
    if len(text) <= max_chars:
        return [(0, text)] if text.strip() else []
    pieces = [m.end() for m in re.finditer(r"\n+|(?<=[.!?])\s+", text)]
    bounds = [0, *[p for p in pieces if 0 < p < len(text)], len(text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    for a, b in pairwise(bounds):
        if b - start > max_chars and a > start:
            chunks.append((start, text[start:a]))
            start = a
        while b - start > max_chars * 2:  # one sentence far too long: cut at a space
            cut = text.rfind(" ", start + 1, start + max_chars)
            cut = cut + 1 if cut > start else start + max_chars
            chunks.append((start, text[start:cut]))
            start = cut
    if start < len(text):
        chunks.append((start, text[start:]))
    return [(o, c) for o, c in chunks if c.strip()]
