"""DET_NER with any Hugging Face token classifier (BERT, RoBERTa, DeBERTa, XLM-R … fine-tuned for NER).

The model is only a source of per-token labels; everything that decides what a *span* is lives here
and is model independent, so a user can drop in any local checkpoint (or a hub name already in the
local cache) without writing code:

* words come from the fast tokenizer's own word ids and character offsets, and a word takes the label
  of its first sub-token, the one NER fine-tuning scripts train on (the others are usually masked with
  -100, so their predictions are noise);
* BIO / IOB1 / IOB2, BIOES / BILOU and plain (IO) label sets are read alike; contiguous words of one
  type merge, so a span always covers whole words and never a word piece ("Smi" of "Smith");
* texts longer than the model's window are cut into overlapping windows whose edges fall between
  words, and each word keeps the prediction of the window where it sits farthest from an edge (where
  the model saw the most context). Spans are built once, afterwards, from these per-word labels, so an
  overlap can neither duplicate nor split an entity;
* `detect_many` packs the windows of all texts into padded batches.

torch and transformers are imported only when a detector is built, so the core installs and imports
without them (rule: heavy optional dependencies are lazy).
"""

from __future__ import annotations

import os
import re
import threading
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .base import BaseDetector, Span

#: Common NER label names (CoNLL, OntoNotes, WikiNER, i2b2, ai4privacy-style PII sets) → our labels.
#: Keys are entity types without their B-/I- prefix, upper case. Anything else is dropped.
DEFAULT_LABEL_MAP: dict[str, str] = {
    **dict.fromkeys(
        (
            "PER", "PERSON", "PERS", "PEOPLE", "NAME", "FULLNAME", "FULL_NAME", "FIRSTNAME", "FIRST_NAME",
            "GIVENNAME", "GIVEN_NAME", "MIDDLENAME", "MIDDLE_NAME", "LASTNAME", "LAST_NAME", "SURNAME",
            "FAMILYNAME", "FAMILY_NAME", "PATIENT", "DOCTOR", "STAFF",
        ),
        "PERSON",
    ),
    **dict.fromkeys(
        (
            "LOC", "LOCATION", "GPE", "FAC", "FACILITY", "CITY", "TOWN", "STATE", "COUNTY", "COUNTRY",
            "STREET", "STREETADDRESS", "STREET_ADDRESS", "ADDRESS", "BUILDING", "BUILDINGNUM",
            "BUILDINGNUMBER", "BUILDING_NUMBER", "SECONDARYADDRESS", "SECONDARY_ADDRESS", "ZIP", "ZIPCODE",
            "ZIP_CODE", "POSTCODE", "POSTAL_CODE", "HOSPITAL",
        ),
        "LOCATION",
    ),
    **dict.fromkeys(("ORG", "ORGANIZATION", "ORGANISATION", "COMPANY", "COMPANYNAME", "COMPANY_NAME"), "ORGANIZATION"),
    **dict.fromkeys(("EMAIL", "E-MAIL", "EMAIL_ADDRESS", "EMAILADDRESS"), "EMAIL_ADDRESS"),
    **dict.fromkeys(
        ("PHONE", "PHONENUMBER", "PHONE_NUMBER", "TELEPHONE", "TELEPHONENUM", "TEL", "MOBILE", "FAX"), "PHONE_NUMBER"
    ),
    **dict.fromkeys(("CREDITCARD", "CREDIT_CARD", "CREDITCARDNUMBER", "CREDIT_CARD_NUMBER"), "CREDIT_CARD"),
    **dict.fromkeys(("IBAN", "IBAN_CODE"), "IBAN_CODE"),
    **dict.fromkeys(("IP", "IP_ADDRESS", "IPADDRESS", "IPV4", "IPV6"), "IP_ADDRESS"),
    **dict.fromkeys(("URL", "URI", "WEBSITE"), "URL"),
    **dict.fromkeys(("MAC", "MAC_ADDRESS", "MACADDRESS"), "MAC_ADDRESS"),
    **dict.fromkeys(("DATE", "DATE_TIME", "DATETIME", "DOB", "DATEOFBIRTH", "DATE_OF_BIRTH", "BIRTHDATE"), "DATE_TIME"),
    **dict.fromkeys(("SSN", "SOCIALNUM", "US_SSN"), "US_SSN"),
    **dict.fromkeys(
        (
            "ID", "IDNUM", "IDCARDNUM", "ID_NUMBER", "NATIONAL_ID", "PASSPORT", "PASSPORTNUM", "DRIVERLICENSENUM",
            "DRIVERS_LICENSE", "TAXNUM", "TAX_ID", "ACCOUNTNUM", "BANK_ACCOUNT", "MEDICALRECORD", "MRN",
        ),
        "NATIONAL_ID",
    ),
    "NORP": "NRP",
    "CRYPTO": "CRYPTO",
}  # fmt: skip

_PREFIXED = re.compile(r"^([BIESLU])[-_](.+)$", re.IGNORECASE)
_OUTSIDE = {"O", "OUTSIDE", "NONE"}
#: Begins a new entity / continues one / continues and closes it / a one-word entity.
_BEGIN, _INSIDE, _END, _SINGLE = "B", "I", "E", "S"
_PREFIX_ROLE = {"B": _BEGIN, "I": _INSIDE, "E": _END, "L": _END, "S": _SINGLE, "U": _SINGLE}


@dataclass(frozen=True, slots=True)
class Tag:
    """A model label read once: its role in the tagging scheme and its raw entity type (None for O)."""

    role: str
    type: str | None


def parse_label(label: str) -> Tag:
    """'B-PER' → (B, PER); 'I_loc' → (I, LOC); 'PER' (IO scheme) → (I, PER); 'O' → (I, None).

    Plain labels read as "inside", so contiguous words of one plain type merge like I-I in IOB1.
    """
    raw = label.strip()
    if raw.upper() in _OUTSIDE or not raw:
        return Tag(_INSIDE, None)
    m = _PREFIXED.match(raw)
    if m:
        return Tag(_PREFIX_ROLE[m.group(1).upper()], m.group(2).upper())
    return Tag(_INSIDE, raw.upper())


@dataclass(frozen=True, slots=True)
class Word:
    """One tokenizer word: its first sub-token, one past its last, and its character offsets."""

    first: int
    stop: int
    start: int
    end: int


def group_words(text: str, offsets: Sequence[tuple[int, int]], word_ids: Sequence[int | None] | None) -> list[Word]:
    """Group sub-tokens into words, preferring the tokenizer's own word ids.

    Word ids reproduce how the model was trained (one CJK character is one word for BERT). Without
    them, a token continues the previous word only when it touches it and both sides of the junction
    are letters or digits. Whitespace that some tokenizers fold into offsets is trimmed, and words with
    no visible characters are left out (they can never be part of an entity).
    """
    use_ids = word_ids is not None and len(word_ids) == len(offsets) and all(w is not None for w in word_ids)
    groups: list[list[int]] = []
    prev_end = -1
    for t, (s, e) in enumerate(offsets):
        if use_ids:
            assert word_ids is not None
            new = not groups or word_ids[t] != word_ids[t - 1]
        else:
            touching = s == prev_end and 0 < s <= len(text) and s < e
            new = not groups or not (touching and text[s - 1].isalnum() and text[s].isalnum())
        if new:
            groups.append([t])
        else:
            groups[-1].append(t)
        if e > s:
            prev_end = e
    words: list[Word] = []
    for g in groups:
        spans = [offsets[t] for t in g if offsets[t][1] > offsets[t][0]]
        if not spans:
            continue
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            words.append(Word(g[0], g[-1] + 1, start, end))
    return words


def plan_windows(word_firsts: Sequence[int], n_tokens: int, size: int, stride: int) -> list[tuple[int, int]]:
    """Token windows [start, stop) of at most `size` tokens, overlapping by about `stride` tokens.

    Window edges are moved back to a word's first sub-token so no word is cut, except a single word
    longer than a whole window (a base64 blob), which has to be.
    """
    if size <= 0:
        raise ValueError("window size must be positive")
    if n_tokens <= size:
        return [(0, n_tokens)] if n_tokens else []
    stride = max(0, min(stride, size // 2))

    def word_start(t: int) -> int:
        i = bisect_right(word_firsts, t) - 1
        return word_firsts[i] if i >= 0 else t

    windows: list[tuple[int, int]] = []
    start = 0
    while True:
        stop = min(start + size, n_tokens)
        if stop < n_tokens and start < word_start(stop) < stop:
            stop = word_start(stop)
        windows.append((start, stop))
        if stop >= n_tokens:
            return windows
        nxt = max(stop - stride, start + 1)
        aligned = word_start(nxt)
        start = aligned if aligned > start else nxt


def best_predictions(
    n_tokens: int, windows: Sequence[tuple[int, int]], predictions: Sequence[Sequence[tuple[int, float]]]
) -> list[tuple[int, float] | None]:
    """For each token, the (label id, probability) of the window where it is most central.

    A token near a window edge was seen with context on one side only; the window where it sits
    farthest from both cut edges gives the model's best guess (the text's own start and end are not
    cuts). Ties go to the earlier window.
    """
    best: list[tuple[int, float] | None] = [None] * n_tokens
    margin = [-1] * n_tokens
    for (start, stop), preds in zip(windows, predictions, strict=True):
        for k, pred in enumerate(preds):
            t = start + k
            m = min(k if start > 0 else n_tokens, stop - 1 - t if stop < n_tokens else n_tokens)
            if m > margin[t]:
                margin[t] = m
                best[t] = pred
    return best


def aggregate(
    words: Sequence[Word],
    predictions: Sequence[tuple[int, float] | None],
    tags: Mapping[int, Tag],
    label_map: Mapping[str, str],
    threshold: float = 0.0,
    source: str = "hf_ner",
) -> list[Span]:
    """Word-level spans: each word takes its first sub-token's label; contiguous B/I of a type merge.

    Merging uses the model's raw type (B-FIRSTNAME I-FIRSTNAME is one entity, B-FIRSTNAME B-LASTNAME
    two); the resolver later joins touching spans that map to the same label of ours. A word whose type
    is unknown to the label map, or whose probability is below `threshold`, counts as outside. The span
    score is the mean probability of its words.
    """
    spans: list[Span] = []
    cur: list[Any] | None = None  # [type, start, end, score sum, words, closed]

    def close() -> None:
        nonlocal cur
        if cur is not None:
            spans.append(Span(cur[1], cur[2], label_map[cur[0]], cur[3] / cur[4], source))
        cur = None

    for word in words:
        pred = predictions[word.first] if word.first < len(predictions) else None
        tag = tags.get(pred[0]) if pred is not None else None
        if pred is None or tag is None or tag.type is None or tag.type not in label_map or pred[1] < threshold:
            close()
            continue
        continues = cur is not None and cur[0] == tag.type and not cur[5] and tag.role in (_INSIDE, _END)
        if continues:
            assert cur is not None
            cur[2], cur[3], cur[4] = word.end, cur[3] + pred[1], cur[4] + 1
        else:
            close()
            cur = [tag.type, word.start, word.end, pred[1], 1, False]
        if tag.role in (_END, _SINGLE):
            cur[5] = True
    close()
    return spans


def _offline() -> bool:
    flags = (os.environ.get(v, "").strip().lower() for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))
    return any(f in ("1", "true", "yes", "on") for f in flags)


@lru_cache(maxsize=4)
def _load(model: str, device: str, local_files_only: bool) -> tuple[Any, Any, threading.Lock]:
    """Tokenizer, model and their lock, cached so several pipelines over one checkpoint share the weights.

    The lock travels with them: a fast tokenizer raises "Already borrowed" when two threads use it at once.
    """
    try:
        from transformers import AutoModelForTokenClassification, AutoTokenizer
    except ImportError as exc:
        raise ConfigError(
            "the 'hf_ner' detector needs torch and transformers: pip install 'llm-pseudonym[transformers]'"
        ) from exc
    try:
        tokenizer = AutoTokenizer.from_pretrained(model, local_files_only=local_files_only)
        net = AutoModelForTokenClassification.from_pretrained(model, local_files_only=local_files_only)
    except (OSError, ValueError) as exc:
        where = "a local folder or a model already in the Hugging Face cache" if local_files_only else "a model"
        raise ConfigError(f"cannot load token classifier {model!r} ({where} is needed): {exc}") from exc
    if not getattr(tokenizer, "is_fast", False):
        raise ConfigError(
            f"token classifier {model!r} has no fast tokenizer; character offsets need one (save a tokenizer.json)"
        )
    net.eval()
    net.to(device)
    return tokenizer, net, threading.Lock()


class HFTokenClassifierDetector(BaseDetector):
    """Any Hugging Face token-classification checkpoint as a detector.

    `label_map` adds to and overrides `DEFAULT_LABEL_MAP` (keys are entity types without B-/I-;
    map a type to "" to drop it). `max_length` is the window in tokens, special tokens included,
    capped by what the model accepts; `stride` is the overlap between windows. Words whose winning
    probability is below `threshold` count as outside; the pipeline's per-label thresholds apply to
    the span scores afterwards.
    """

    name = "hf_ner"

    def __init__(
        self,
        model: str | Path,
        label_map: Mapping[str, str] | None = None,
        *,
        max_length: int = 512,
        stride: int = 128,
        batch_size: int = 8,
        device: str = "cpu",
        threshold: float = 0.0,
        local_files_only: bool | None = None,
    ) -> None:
        if batch_size < 1:
            raise ConfigError("batch_size must be at least 1")
        if not 0.0 <= threshold <= 1.0:
            raise ConfigError("threshold must be within [0, 1]")
        offline = _offline() if local_files_only is None else local_files_only
        self.tokenizer, self.model, self._lock = _load(str(model), device, offline)
        merged = {**DEFAULT_LABEL_MAP, **{k.upper(): v for k, v in (label_map or {}).items()}}
        self.label_map = {k: v for k, v in merged.items() if v}
        id2label = getattr(self.model.config, "id2label", None) or {}
        self.tags = {int(i): parse_label(str(lab)) for i, lab in id2label.items()}
        self.batch_size = batch_size
        self.threshold = threshold
        self.device = device
        probe = self.tokenizer("a", add_special_tokens=True, return_special_tokens_mask=True)
        ids, mask = list(probe["input_ids"]), list(probe["special_tokens_mask"])
        content = [i for i, m in enumerate(mask) if not m]
        self._prefix = ids[: content[0]] if content else ids
        self._suffix = ids[content[-1] + 1 :] if content else []
        limits = [max_length]
        tok_max = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(tok_max, int) and tok_max < 1_000_000:
            limits.append(tok_max)
        pos_max = getattr(self.model.config, "max_position_embeddings", None)
        if isinstance(pos_max, int) and pos_max > 0:
            # RoBERTa-family models (XLM-R, CamemBERT, MPNet, Longformer) number positions from
            # padding_idx + 1, so 514 position embeddings hold 512 tokens
            offset = getattr(getattr(self.model.base_model, "embeddings", None), "padding_idx", None)
            limits.append(pos_max - (offset + 1 if isinstance(offset, int) else 0))
        self.window = min(limits) - len(self._prefix) - len(self._suffix)
        if self.window < 2:
            raise ConfigError(f"max_length={max_length} leaves no room for text next to the special tokens")
        self.stride = max(0, min(stride, self.window // 2))
        pad = getattr(self.tokenizer, "pad_token_id", None)
        self._pad = pad if isinstance(pad, int) else 0

    def detect(self, text: str) -> list[Span]:
        return self.detect_many([text])[0]

    def detect_many(self, texts: list[str]) -> list[list[Span]]:
        if not texts:
            return []
        with self._lock:
            enc = self.tokenizer(list(texts), add_special_tokens=False, return_offsets_mapping=True, verbose=False)
            per_text: list[tuple[list[int], list[Word], list[tuple[int, int]]]] = []
            jobs: list[tuple[int, int, int]] = []  # (text index, start, stop)
            for i, text in enumerate(texts):
                ids = list(enc["input_ids"][i])
                offsets = [tuple(o) for o in enc["offset_mapping"][i]]
                try:
                    word_ids: list[int | None] | None = enc.word_ids(i)
                except (ValueError, AttributeError):
                    word_ids = None
                words = group_words(text, offsets, word_ids)
                windows = plan_windows([w.first for w in words], len(ids), self.window, self.stride)
                per_text.append((ids, words, windows))
                jobs.extend((i, s, e) for s, e in windows)
            results = self._predict([per_text[i][0][s:e] for i, s, e in jobs])
        out: list[list[Span]] = []
        cursor = 0
        for text_ids, words, windows in per_text:
            preds = results[cursor : cursor + len(windows)]
            cursor += len(windows)
            best = best_predictions(len(text_ids), windows, preds)
            out.append(aggregate(words, best, self.tags, self.label_map, self.threshold, self.name))
        return out

    def _predict(self, windows: list[list[int]]) -> list[list[tuple[int, float]]]:
        """(label id, probability) per content token of each window, batched longest first."""
        import torch

        order = sorted(range(len(windows)), key=lambda k: -len(windows[k]))
        results: list[list[tuple[int, float]]] = [[] for _ in windows]
        lead = len(self._prefix)
        for b in range(0, len(order), self.batch_size):
            chunk = order[b : b + self.batch_size]
            seqs = [self._prefix + windows[k] + self._suffix for k in chunk]
            width = max(len(s) for s in seqs)
            input_ids = torch.tensor([s + [self._pad] * (width - len(s)) for s in seqs], dtype=torch.long)
            mask = torch.tensor([[1] * len(s) + [0] * (width - len(s)) for s in seqs], dtype=torch.long)
            with torch.inference_mode():
                logits = self.model(input_ids=input_ids.to(self.device), attention_mask=mask.to(self.device)).logits
                probs, labels = torch.softmax(logits.float(), dim=-1).max(dim=-1)
            probs_l, labels_l = probs.cpu().tolist(), labels.cpu().tolist()
            for row, k in enumerate(chunk):
                n = len(windows[k])
                results[k] = list(zip(labels_l[row][lead : lead + n], probs_l[row][lead : lead + n], strict=True))
        return results
