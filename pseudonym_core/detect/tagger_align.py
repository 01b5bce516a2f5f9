"""Reading a DET_tag output (`tagger_format`) back into character spans of the input.

A small model's output is never trusted to be the exact input plus tags. Both formats are read by
aligning the tag-free output to the input on characters (difflib), so changed whitespace, a dropped
or altered word, a missing closing tag or a hallucinated entity cost at most that one entity: what
cannot be located in the input is dropped and counted, never guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from pseudonym_core.detect.tagger_format import label_of

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z_]{0,24})>")
#: Below this share of the input reproduced, an output is no tagged copy and yields no spans.
MIN_COPIED = 0.5
#: A span longer than this many times its text in the output is an alignment accident, not an entity.
_MAX_STRETCH = 2.0


@dataclass
class Parsed:
    """A model output split into its tag-free text and tag positions in that text."""

    plain: str
    #: mark: (start, end, tag) in `plain`; rep: (position, position, tag).
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    events: Counter[str] = field(default_factory=Counter)


def parse_output(output: str, mode: str) -> Parsed:
    """Strip tags from an output and record where they were; tolerate unbalanced or stray tags."""
    plain: list[str] = []
    length = 0
    spans: list[tuple[int, int, str]] = []
    events: Counter[str] = Counter()
    open_tag: tuple[str, int] | None = None
    pos = 0
    for m in _TAG.finditer(output):
        chunk = output[pos : m.start()]
        plain.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, tag = m.group(1) == "/", m.group(2).upper()
        if mode == "rep":
            if closing:
                events["stray_closing_tag"] += 1
            else:
                spans.append((length, length, tag))
            continue
        if closing:
            if open_tag is not None:
                if length > open_tag[1]:
                    spans.append((open_tag[1], length, open_tag[0]))
                else:
                    events["empty_tag"] += 1
                open_tag = None
            else:
                events["stray_closing_tag"] += 1
        else:
            if open_tag is not None:
                _close_unclosed(spans, events, "".join(plain), open_tag)
            open_tag = (tag, length)
    plain.append(output[pos:])
    text = "".join(plain)
    if open_tag is not None:
        _close_unclosed(spans, events, text, open_tag)
    return Parsed(text, spans, events)


def _close_unclosed(
    spans: list[tuple[int, int, str]], events: Counter[str], text: str, open_tag: tuple[str, int]
) -> None:
    """An opened tag never closed: guess the entity as the first word plus following capitalised words.

    "<PER>John Smith lives …" gives "John Smith"; "<EMAIL>ann@x.org, …" gives "ann@x.org". The run
    stops at a line break or after a word ending a clause. The event is counted either way.
    """
    tag, start = open_tag
    events["unclosed_tag"] += 1
    end = start
    for i, m in enumerate(re.finditer(r"\S+", text[start:])):
        word = m.group()
        gap = text[end : start + m.start()]
        if i and ("\n" in gap or (not word[0].isupper() and not word[0].isdigit())):
            break
        end = start + m.end()
        if word[-1] in ",;:!?" or (word[-1] == "." and len(word) > 2):
            break
    while end > start and text[end - 1] in ",;:!?.)\"'":
        end -= 1
    if end > start:
        spans.append((start, end, tag))


def _out_to_in(plain: str, source: str) -> list[int]:
    """For each character of the model's tag-free output, the input position it copies (or -1).

    One-character matches and short runs of spaces or punctuation are left out: they are what
    difflib pairs up by accident around a changed word, and they would pull a boundary astray.
    """
    mapping = [-1] * len(plain)
    matcher = SequenceMatcher(None, plain, source, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        if size < 2 or (size < 4 and not any(ch.isalnum() for ch in plain[a : a + size])):
            continue
        for k in range(size):
            mapping[a + k] = b + k
    return mapping


def _word_edges(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim whitespace and widen to whole words, so a span never cuts "Smith" out of "Smithson"."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


@dataclass
class Alignment:
    """Spans found in the input, problems counted by kind (never with text), and how much was copied."""

    spans: list[tuple[int, int, str]]
    events: Counter[str]
    #: Share of the input's non-space characters the output reproduced; near 0 means "not a copy".
    copied: float


def align(source: str, output: str, mode: str, labels: Iterable[str] | None = None) -> Alignment:
    """Character spans (start, end, label) in `source` for a model `output`."""
    parsed = parse_output(output, mode)
    events = parsed.events
    mapping = _out_to_in(parsed.plain, source)
    exact = _rep_exact(source, parsed) if mode == "rep" else None
    spans: list[tuple[int, int, str]] = []
    for k, (start, end, tag) in enumerate(parsed.spans):
        label = label_of(tag, labels)
        if label is None:
            events["unknown_tag"] += 1
            continue
        if exact is not None:
            found = exact[k]
        elif mode == "mark":
            found = _mark_region(parsed.plain, mapping, start, end)
        else:
            found = _rep_region(mapping, start, source)
        if found is None:
            events["unaligned"] += 1
            continue
        edges = _word_edges(source, *found)
        if edges is not None and mode == "rep" and exact is None:
            # a gap found around a deviation may swallow the sentence's final punctuation
            while edges[1] - edges[0] > 1 and source[edges[1] - 1] in ".,;:!?":
                edges = (edges[0], edges[1] - 1)
        if edges is None:
            events["unaligned"] += 1
            continue
        spans.append((edges[0], edges[1], label))
    spans = _dedupe(spans)
    hit = set(mapping)
    for s, e, _ in spans:  # a replaced entity is not expected to be copied
        hit.update(range(s, e))
    solid = [i for i, ch in enumerate(source) if not ch.isspace()]
    copied = 1.0 if exact is not None or not solid else sum(1 for i in solid if i in hit) / len(solid)
    if copied < MIN_COPIED:  # not a tagged copy: whatever its tags cover in the input is chance
        events["not_a_copy"] += 1
        spans = []
    return Alignment(spans, events, copied)


def _mark_region(plain: str, mapping: list[int], start: int, end: int) -> tuple[int, int] | None:
    """Input region copied by a tagged output region; None when most of it is not in the input."""
    hits = [mapping[i] for i in range(start, end) if mapping[i] >= 0]
    alnum = [i for i in range(start, end) if plain[i].isalnum()]
    matched = [i for i in alnum if mapping[i] >= 0]
    if not hits or (alnum and len(matched) * 2 < len(alnum)):
        return None
    lo, hi = min(hits), max(hits) + 1
    if hi - lo > _MAX_STRETCH * (end - start) + 4:
        return None
    return lo, hi


def _rep_exact(source: str, parsed: Parsed) -> list[tuple[int, int] | None] | None:
    """Gaps of a rep output whose literal text is copied exactly; None when it is not an exact copy.

    The text after the last tag is anchored at the end of the input, so "is <PER>." finds
    "Frank M. Lindholm" rather than stopping at the first period. Tags separated only by
    whitespace stay ambiguous ("<LOC> <LOC>" over three words); the earliest split is taken.
    Adjacent tags share one gap (the first tag's gap; the second is dropped as unaligned).
    """
    cuts = [p for p, _, _ in parsed.spans]
    literals = [parsed.plain[a:b] for a, b in zip([0, *cuts], [*cuts, len(parsed.plain)], strict=True)]
    head, tail = literals[0], literals[-1]
    stop = len(source) - len(tail)
    if not source.startswith(head) or not source.endswith(tail) or stop < len(head):
        return None
    gaps: list[tuple[int, int] | None] = []
    cursor = len(head)
    for lit in literals[1:-1]:
        if not lit:
            gaps.append(None)  # adjacent tags: this tag's gap merges into the next one
            continue
        pos = source.find(lit, cursor + 1, stop)
        if pos < 0:
            return None
        gaps.append((cursor, pos))
        cursor = pos + len(lit)
    if stop <= cursor:
        return None
    gaps.append((cursor, stop))
    # an empty literal gave its tag no gap: hand that tag the following gap, drop the later tag
    for i in range(len(gaps) - 1, 0, -1):
        if gaps[i - 1] is None:
            gaps[i - 1], gaps[i] = gaps[i], None
    return gaps


def _rep_region(mapping: list[int], pos: int, source: str) -> tuple[int, int] | None:
    """Input text between the copied characters left and right of a replacement tag."""
    left = next((mapping[i] + 1 for i in range(pos - 1, -1, -1) if mapping[i] >= 0), 0)
    right = next((mapping[i] for i in range(pos, len(mapping)) if mapping[i] >= 0), len(source))
    if right <= left:
        return None
    return left, right


def _dedupe(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop repeated and overlapping spans (two rep tags next to each other can claim one gap)."""
    out: list[tuple[int, int, str]] = []
    for s in sorted(set(spans), key=lambda t: (t[0], -(t[1] - t[0]))):
        if not out or s[0] >= out[-1][1]:
            out.append(s)
    return out
