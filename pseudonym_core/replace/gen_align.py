"""Alignment helpers of REP_gen: where a model's token meets a forced span, where a deviation
rejoins the source, and which deviations count as adaptations. Pure string functions, so the
pointer logic can be tested on token strings without a model."""

from __future__ import annotations

import regex

_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_TOKENS = regex.compile(r"[\p{L}\p{N}]+|\s+|[^\s\p{L}\p{N}]")
#: Words whose form follows an entity (article before a vowel sound, gendered pronouns and titles):
#: the only words the model may swap for others. Anything else it changes is a copying error.
ADAPTABLE = frozenset(
    "a an he she him her his hers himself herself mr mrs ms miss sir madam herr frau monsieur madame".split()
)


def adaptation(said: str, skipped: str, max_words: int = 1) -> bool:
    """Is writing `said` where the source has `skipped` an adaptation rather than a rewrite?

    Word for word the two must agree exactly, except at most `max_words` swaps inside `ADAPTABLE`
    ("a" → "an", "she" → "he", "Mrs" → "Mr"); no word may be added, dropped or re-cased ("can" →
    "Can" would only cost an exact restoration), and whitespace counts (a line break is layout).
    """
    a, b = _TOKENS.findall(said), _TOKENS.findall(skipped)
    if len(a) != len(b):
        return False
    swaps = 0
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        if x.casefold() not in ADAPTABLE or y.casefold() not in ADAPTABLE:
            return False
        swaps += 1
    return swaps <= max_words


def contains_banned(pattern: regex.Pattern[str] | None, tail: str, piece: str) -> bool:
    """True when appending `piece` to the output completes (or runs into) a banned string."""
    if pattern is None:
        return False
    window = tail + piece
    return any(m.end() > len(tail) for m in pattern.finditer(window))


def crossing(src: str, q: int, target: tuple[int, int, str], piece: str, strict: bool = False) -> bool:
    """Does `piece`, read from source position q, reach into the span `target`?

    " John" at the space before "John" does: what it writes before the span matches the source
    gap, and it runs past the span's first character, so the span's replacement is forced instead.
    `strict` (while the output deviates) also needs a non-empty gap and the piece's part inside the
    span to match the span's own beginning, so an unrelated word cannot jump over source text.
    """
    gap = target[0] - q
    if not (0 <= gap < len(piece) and piece[:gap] == src[q : target[0]]):
        return False
    return not strict or (gap > 0 and src.startswith(piece[gap:], target[0]))


def rejoin(
    src: str, start: int, limit: int, window: int, dev_text: str, last_piece: str, max_words: int = 1
) -> int | None:
    """Where a deviating output `dev_text` rejoins the source (the pointer after it), or None.

    The anchor is the last piece (or the last few characters) of the deviation; it must contain a
    letter or digit, or end the source, so a lone space or comma cannot resynchronise by accident.
    Only an `adaptation` counts: what the model wrote before the anchor must match the source it
    stands for up to agreement words; the match starts at most `window` characters after
    the deviation began and may not reach into the next target span (`limit`), so a deviation can
    never drop or add a phrase, reword the text, or skip an entity.
    """
    anchors = [last_piece] if len(last_piece.strip()) >= 2 else []
    if len(dev_text) >= 4:
        anchors.append(dev_text[-max(4, len(last_piece)) :])
    for anchor in anchors:
        at = src.find(anchor, start, limit) if anchor else -1
        if at < 0 or at > start + window:
            continue
        end = at + len(anchor)
        said, skipped = dev_text[: len(dev_text) - len(anchor)], src[start:at]
        if not adaptation(said, skipped, max_words):
            continue
        if _ALNUM.search(anchor) or end == len(src):
            return end
    tail_at = len(src) - len(last_piece)
    if last_piece and limit == len(src) and src.endswith(last_piece) and start <= tail_at <= start + window:
        said, skipped = dev_text[: len(dev_text) - len(last_piece)], src[start:tail_at]
        if adaptation(said, skipped, max_words):
            return len(src)
    return None
