"""Word-level BIO labels for token classification, aligned to a fast tokenizer's sub-tokens.

The label of a *word* is what the model learns, and it is placed on the word's first sub-token only;
the other sub-tokens, the special tokens and every word the data leaves undecided get -100 (ignored by
the loss). That is the convention `detect.hf_ner` reads back: there a word takes its first
sub-token's prediction, so training any other sub-token would teach a signal nobody reads, and a
label on "##son" of "Johnson" would ask the model to tag half a word.

Words are the tokenizer's own (`word_ids`): for BERT-style tokenizers punctuation is its own word,
so "Smith," gives the entity word "smith" and an outside word ",". A word is inside an entity when
it shares a letter or digit with the entity's span; the first such word of a span is B-, the rest
I-, so two adjacent entities of one type ("Berlin, Germany" as two LOCATIONs) stay two.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pseudonym_lab.eval.data import GoldSpan, LabeledSample

#: The types the encoder learns by default. Pattern types (EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD,
#: IBAN_CODE, IP_ADDRESS, URL, US_SSN, DATE_TIME …) are left to the pattern detector: it validates
#: checksums and formats a 22 M-parameter uncased encoder cannot, it is exact and fast, and every
#: pipeline that uses "hf_ner" runs "patterns" beside it. Their words are trained as outside, so the
#: encoder also learns that the "john" in "john.smith@example.com" is no PERSON of its own.
DEFAULT_TYPES: tuple[str, ...] = ("PERSON", "LOCATION", "ORGANIZATION")
IGNORE_INDEX = -100


def bio_labels(types: Sequence[str]) -> list[str]:
    """["O", "B-T1", "I-T1", "B-T2", …] in the given type order (the order fixes the label ids)."""
    out = ["O"]
    for t in types:
        out += [f"B-{t}", f"I-{t}"]
    return out


def types_in(samples: Iterable[LabeledSample]) -> list[str]:
    """Every label the samples use, most frequent first (ties by name), for ``types="all"``."""
    counts: dict[str, int] = {}
    for s in samples:
        for g in s.spans:
            counts[g.label] = counts.get(g.label, 0) + 1
    return sorted(counts, key=lambda t: (-counts[t], t))


def _alnum_overlap(text: str, a: int, b: int, c: int, d: int) -> bool:
    return any(text[i].isalnum() for i in range(max(a, c), min(b, d)))


def word_labels(
    text: str,
    words: Sequence[tuple[int, int]],
    spans: Sequence[GoldSpan],
    ignore: Sequence[GoldSpan] = (),
    types: Sequence[str] = DEFAULT_TYPES,
) -> list[str | None]:
    """BIO label per word (character range), or None for a word the data leaves undecided.

    Undecided: a word touching an ``ignore`` span. Spans of types outside `types` count as outside.
    When spans overlap (they should not), the earlier-starting one wins.
    """
    wanted = sorted((g for g in spans if g.label in types), key=lambda g: (g.start, -g.end))
    out: list[str | None] = []
    seen: set[int] = set()  # spans that already have their B- word
    for ws, we in words:
        if any(_alnum_overlap(text, ws, we, g.start, g.end) for g in ignore):
            out.append(None)
            continue
        hit = next((k for k, g in enumerate(wanted) if _alnum_overlap(text, ws, we, g.start, g.end)), None)
        if hit is None:
            out.append("O")
            continue
        out.append(("I-" if hit in seen else "B-") + wanted[hit].label)
        seen.add(hit)
    return out


def token_word_ranges(offsets: Sequence[Sequence[int]], word_ids: Sequence[int | None]) -> dict[int, tuple[int, int]]:
    """Character range of each word id seen in one encoding (a window may hold part of a word's tokens)."""
    ranges: dict[int, tuple[int, int]] = {}
    for (s, e), w in zip(offsets, word_ids, strict=True):
        if w is None or e <= s:
            continue
        a, b = ranges.get(w, (s, e))
        ranges[w] = (min(a, s), max(b, e))
    return ranges


def align(
    text: str,
    offsets: Sequence[Sequence[int]],
    word_ids: Sequence[int | None],
    spans: Sequence[GoldSpan],
    ignore: Sequence[GoldSpan],
    label2id: dict[str, int],
    types: Sequence[str] = DEFAULT_TYPES,
) -> list[int]:
    """Label ids per token of one encoding: the word's label on its first sub-token, -100 elsewhere."""
    ranges = token_word_ranges(offsets, word_ids)
    order = sorted(ranges)
    labels = dict(zip(order, word_labels(text, [ranges[w] for w in order], spans, ignore, types), strict=True))
    out: list[int] = []
    prev: int | None = None
    for w in word_ids:
        first = w is not None and w != prev
        lab = labels.get(w) if first and w is not None else None
        out.append(label2id[lab] if lab is not None else IGNORE_INDEX)
        prev = w
    return out


def special_tokens(tokenizer: Any) -> tuple[list[int], list[int]]:
    """The ids a tokenizer puts before and after content ([CLS] / [SEP] for BERT), found by probing."""
    probe = tokenizer("a", add_special_tokens=True, return_special_tokens_mask=True)
    ids, mask = list(probe["input_ids"]), list(probe["special_tokens_mask"])
    content = [i for i, m in enumerate(mask) if not m]
    if not content:
        return ids, []
    return ids[: content[0]], ids[content[-1] + 1 :]


def encode_samples(
    tokenizer: Any,
    samples: Sequence[LabeledSample],
    label2id: dict[str, int],
    types: Sequence[str] = DEFAULT_TYPES,
    max_length: int = 128,
    stride: int = 32,
) -> list[tuple[list[int], list[int]]]:
    """(input ids, label ids) per window; texts longer than `max_length` tokens become overlapping windows.

    Windows rather than truncation: truncating would silently drop every entity after token 128 of a
    long distilled paragraph. Labels are aligned on the whole text first and sliced afterwards, so a
    word cut by a window edge keeps its label on its true first sub-token only. Windows without any
    trainable label are dropped.
    """
    prefix, suffix = special_tokens(tokenizer)
    size = max_length - len(prefix) - len(suffix)
    if size < 2:
        raise ValueError(f"max_length={max_length} leaves no room for text next to the special tokens")
    step = max(1, size - max(0, min(stride, size // 2)))
    out: list[tuple[list[int], list[int]]] = []
    for s in samples:
        enc = tokenizer(s.text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
        ids = list(enc["input_ids"])
        labels = align(s.text, enc["offset_mapping"], enc.word_ids(), s.spans, s.ignore, label2id, types)
        for start in range(0, max(1, len(ids) - size + step), step):
            window = labels[start : start + size]
            if any(lab != IGNORE_INDEX for lab in window):
                pad = [IGNORE_INDEX]
                out.append(
                    (prefix + ids[start : start + size] + suffix, pad * len(prefix) + window + pad * len(suffix))
                )
    return out
