"""The decide stage: from every detector's proposals to the spans that get masked.

Detectors only propose; every decision after detection lives here, in one order, and each can
be explained: per-candidate rules (types, thresholds, allow list, dates, common words), type
resolution between detectors, known-entity matching and propagation, overlap resolution and
merging. The pipeline then mints surrogates for what this stage returns.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from ..config import PseudonymizerConfig
from ..detect.base import Span
from ..detect.dates import MONTH_START
from ..labels import mergeable
from ..surrogate.dates import full_date, weekday_before
from .acronyms import acronym_spans
from .address_edges import widen_addresses
from .addresses import join_address_chains
from .caps_names import grow_caps_name, grow_title_name, whole_names
from .codes import whole_codes
from .coordinated import coordinated_names
from .explain import Trace
from .filters import FOREIGN_OPENER, FOREIGN_WORDS, drop_reason
from .index import tokens
from .logins import login_spans
from .nicknames import nickname_spans
from .org_places import org_around_places
from .propagate import known_spans
from .resolve import resolve, trim
from .types import (
    grow_lowercase_name,
    native_script_names,
    ordinary_words_only,
    retype,
    trim_person_words,
    with_hyphen_parts,
    with_initials,
)
from .value_brackets import bracket_holders, registrar_spans
from .words import is_common_word, is_dictionary_word, is_framework_text, is_known_name, words_of

if TYPE_CHECKING:
    from ..session import Session

_DAY_BEFORE = re.compile(r"(?<![\w.,/-])(?:[0-3]?\d)(?:st|nd|rd|th)?\.?\s+(?:of\s+)?$", re.IGNORECASE)
#: A time of day closing a date span: "…, 2025 9:40 PM", "… 16:54:02", "… at 11:42" (an ISO "T08:05"
#: is glued to its date and stays: a surrogate must end where a word does to be restored).
_TIME_AT_END = re.compile(
    r"(?:,?\s+(?:at\s+)?)\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\.\d+)?(?:\s?[AaPp]\.?[Mm]\.?)?"
    r"(?:\s?(?:Z|UTC|GMT|[+-]\d\d:?\d\d))?$"
)
_WORD_BEFORE = re.compile(r"(?<![\w.-])[^\W\d_]{3,}\.?,?[ \t]+$")


@dataclass(frozen=True, slots=True)
class Decision:
    """Final spans (offsets into the analysed view), the raw votes, and the trace behind them."""

    spans: list[Span]
    votes: list[Span]
    trace: Trace


class Decider:
    """One per pipeline; stateless apart from the config, so it is shared across threads."""

    def __init__(self, cfg: PseudonymizerConfig) -> None:
        self.cfg = cfg
        self.allow = {a.casefold() for a in cfg.allow_list}

    def decide(self, text: str, raw: list[Span], sess: Session, explain: bool = False) -> Decision:
        """Must run under the session's lock: it reads the session's vault index."""
        trace = Trace(enabled=explain)
        if not text.strip():
            return Decision([], raw, trace)
        sources: dict[tuple[int, int], set[str]] = defaultdict(set)
        for s in raw:
            sources[(s.start, s.end)].add(s.source)
        raw = [piece for s in raw for piece in split_at_breaks(text, s)]
        kept: list[Span] = []
        foreign_looking: list[tuple[Span, bool]] = []  # a model's PERSON dropped as another language's words
        support = _support(raw)
        for s in raw:
            s = _with_weekday(text, _with_day(text, s)) if s.label == "DATE_TIME" else s
            reason = drop_reason(self.cfg, text, s, sources[(s.start, s.end)], self.allow, support.get(id(s), set()))
            core = capitalised_core(text, s) if reason is not None else s
            if core is not s and drop_reason(self.cfg, text, core, {core.source}, self.allow) is None:
                trace.drop(s, reason)
                trace.note(core, "narrowed a model's guess to its capitalised words")
                s, reason = core, None
            if reason is None:
                trimmed = _without_time(text, s) if s.label == "DATE_TIME" else trim_person_words(text, s, trace)
                if trimmed is not s and trimmed.label == "PERSON":
                    # what is left is judged afresh: "Vamos Mudar" was a name's shape, "vamos" is a word
                    if ordinary_words_only(text, trimmed):
                        reason = "only ordinary words were left of the name"
                    else:
                        reason = drop_reason(self.cfg, text, trimmed, sources[(s.start, s.end)], self.allow)
                s = trimmed
            if reason is None:
                trace.note(s, f"kept {s.label} from {s.source} (score {s.score:.2f})")
                kept.append(s)
            else:
                trace.drop(s, reason)
                if reason in (FOREIGN_OPENER, FOREIGN_WORDS) and s.label == "PERSON":
                    foreign_looking.append((s, reason == FOREIGN_OPENER))
        kept = [grow_caps_name(text, grow_lowercase_name(text, s, trace, kept), trace, kept) for s in kept]
        kept = [grow_title_name(text, s, trace, kept) for s in kept]
        kept = [with_hyphen_parts(text, with_initials(text, s, trace), trace) for s in kept]
        kept = whole_codes(text, kept, trace, lambda label: self.cfg.wants(label))
        kept += native_script_names(text, kept, trace)
        kept = retype(text, kept, trace)
        kept = whole_names(text, kept, foreign_looking, raw, trace)
        kept = org_around_places(text, kept, trace)
        kept += nickname_spans(text, kept, trace)
        kept += coordinated_names(text, kept, trace)
        kept += login_spans(text, kept, trace)
        kept += acronym_spans(text, kept, trace)
        kept += bracket_holders(text, kept, trace)
        kept += registrar_spans(text, kept, trace)
        toks = tokens(text)
        extra = known_spans(text, toks, kept, sess, self.cfg.surrogates_in_input, trace) if self._matching else []
        extra = [s for s in extra if self._free_text(text, s, trace)]
        extra = _unshield(kept + extra, extra, trace)
        extra = _outgrown_shields(text, kept + [s for s in extra if s.source == "known"], extra, trace)
        spans = widen_addresses(text, join_address_chains(text, resolve(text, kept + extra, trace), trace), trace)
        final = []
        for s in spans:
            if s.source == "surrogate":
                continue  # the session's own surrogates ("keep" mode) only shield their text
            if text[s.start : s.end].casefold() in self.allow:
                trace.drop(s, "on the allow list")
                continue
            final.append(s)
        return Decision(final, raw, trace)

    @property
    def _matching(self) -> bool:
        return self.cfg.known_entity_matching

    def _free_text(self, text: str, span: Span, trace: Trace) -> bool:
        value = text[span.start : span.end]
        if value.casefold() in self.allow or is_framework_text(value):
            trace.drop(span, "on the allow list" if value.casefold() in self.allow else "a prompt-template word")
            return False
        return True


def _support(raw: list[Span]) -> dict[int, set[str]]:
    """For each proposal, "source:LABEL" of every proposal that covers at least half of it."""
    ordered = sorted(raw, key=lambda x: x.start)
    starts = [x.start for x in ordered]
    longest = max((x.length for x in raw), default=0)
    out: dict[int, set[str]] = {}
    for s in raw:
        window = ordered[bisect_left(starts, s.start - longest) : bisect_right(starts, s.end)]
        out[id(s)] = {
            f"{o.source}:{o.label}" for o in window if min(o.end, s.end) - max(o.start, s.start) >= s.length / 2
        }
    return out


#: Where a model's guess runs over a break that no name crosses: " — ", " | ", " / ", a line end, a
#: form's column gap of a tab or three spaces ("Dawn M. Whitaker      Date:"); an en dash may join
#: an official name: "Charité – Universitätsmedizin Berlin".
_BREAK = re.compile(
    r"(?<![ \t])(?:[ \t]++[—|/][ \t]++|[ \t]*+\n[ \t]*+|[ ]*+\t[ \t]*+|[ ]{3,}+)"
)  # one try per run of blanks
_SPLIT_SOURCES = ("spacy", "rampart", "hf_ner")


def split_at_breaks(text: str, span: Span) -> list[Span]:
    """A statistical guess cut at dashes, bars and line ends ("University of Chicago Medicine —
    Registered Nurse since 2017", "SOLICITUD DE BENEFICIO — Registro Social"): each piece is then
    judged on its own, so a heading or a job title after the break is not masked with the name."""
    if span.source not in _SPLIT_SOURCES or span.label not in ("PERSON", "ORGANIZATION", "LOCATION"):
        return [span]
    out, start, column = [], span.start, False
    for m in _BREAK.finditer(text, span.start, span.end):
        if m.start() > start:
            out.append(Span(start, m.start(), span.label, span.score, span.source))
        start, column = m.end(), m.group().strip(" \t") == ""
    if start == span.start:
        return [span]
    if start < span.end and not (column and _LABEL_AFTER.match(text, span.end)):
        out.append(Span(start, span.end, span.label, span.score, span.source))  # not "Date" of "…   Date:"
    return out


#: A colon after a piece cut off by a column gap: the piece is the next field's label.
_LABEL_AFTER = re.compile(r"[ \t]*:")


_WORD = re.compile(r"\S+")
_JOINERS = frozenset(
    "of and for the de del la le les des du et y e i w z und für van der den di da do dos das & -".split()
)


def capitalised_core(text: str, span: Span) -> Span:
    """A statistical guess that runs over ordinary lower-case words or a number ("presso Esselunga
    a Sesto", "BDO Unibank Check No. 0012298", "la tienda OXXO más cercana") narrowed to its longest
    run of capitalised words, small joiners allowed inside ("Department of Basic Education"). Tried
    only where the rules drop the whole guess, and kept only where they keep the run: a guess they
    keep is never cut short. Chat-style lower-case names are not narrowed (nothing is capitalised)."""
    if span.source not in _SPLIT_SOURCES or span.label not in ("PERSON", "ORGANIZATION", "LOCATION"):
        return span
    words = [(m.start() + span.start, m.group()) for m in _WORD.finditer(text[span.start : span.end])]
    if not any(w[:1].islower() or any(c.isdigit() for c in w) for _, w in words):
        return span
    runs: list[tuple[int, int]] = []
    run: list[int] = []
    for k, (_, w) in enumerate([*words, (span.end, "")]):
        if w[:1].isupper() and not any(c.isdigit() for c in w):
            run.append(k)
            continue
        if run and w.casefold() in _JOINERS and k + 1 < len(words) and words[k + 1][1][:1].isupper():
            continue  # a joiner between capitalised words stays inside the run
        if run:
            runs.append((run[0], run[-1]))
        run = []
    if not runs:
        return span
    best = max(runs, key=lambda r: r[1] - r[0])  # the first of the longest
    if best[0] == best[1]:  # one capitalised word alone is as often a sentence's first word or a foreign noun
        for k, _ in runs:
            named = _known_name_in(text, span, words, k)
            if named is not span:
                return named
        if span.label == "ORGANIZATION":
            for k, _ in runs:
                brand = _brand_in(text, span, words, k)
                if brand is not span:
                    return brand
        return span
    start = words[best[0]][0]
    end = words[best[1]][0] + len(words[best[1]][1].rstrip(",.;:!?)\"'’”"))
    if (start, end) == (span.start, span.end) or end <= start:
        return span
    return Span(start, end, span.label, span.score, span.source)


def _known_name_in(text: str, span: Span, words: list[tuple[int, str]], k: int) -> Span:
    """The one capitalised word of a dropped guess, as a person, when it is a known name that is no
    common word and does not open the guess ("… accompagnée de sa petite-fille Inês")."""
    from .words import is_common_word, is_known_name

    start, word = words[k]
    word = word.rstrip(",.;:!?)\"'’”")
    if k == 0 or not word or not is_known_name(word) or is_common_word(word):
        return span
    return Span(start, start + len(word), "PERSON", span.score, span.source)


#: A brand is about this frequent in its own country's text ("Cabify", "Esselunga" 3.0); a month or
#: an everyday word is more ("Czerwiec" 4.1).
_EVERYDAY_ABROAD = 3.5
#: How far a number before or after a word in capitals makes it a law's or a number's kind.
_NUMBER_REACH = 4


def _brand_in(text: str, span: Span, words: list[tuple[int, str]], k: int) -> Span:
    """The one capitalised word of a dropped organization guess, when it is written as only a brand
    is, inside a sentence: an acronym that is no word ("OXXO"), or a word that neither English nor
    any other language uses every day ("Cabify", "Jadlog"): "trabajo como diseñadora UX en Cabify",
    "la tienda OXXO más cercana"."""
    from ..detect.brands import ACCOUNT_KINDS
    from ..detect.identifiers import currency_codes
    from ..detect.places import is_place_name
    from .drugs import is_drug_name
    from .evidence import sentence_initial
    from .words import is_common_word, is_compound_word, is_foreign_word, is_known_name, zipf

    start, word = words[k]
    word = word.rstrip(",.;:!?)\"'’”")
    if len(word) < 3 or not word.isalpha() or sentence_initial(text, start):
        return span
    folded = word.casefold()
    if word.isupper():  # not the kind of a number ("KBO 0447…", "ITIN, 912-…", "§ 307 BGB"), a currency or a word
        brand = (
            4 <= len(word) <= 6
            and not any(c.isdecimal() for c in text[max(0, start - _NUMBER_REACH) : start + len(word) + _NUMBER_REACH])
            and folded not in ACCOUNT_KINDS
            and word not in currency_codes()
            and zipf(folded) < 3.0
            and not is_common_word(folded)
            and not is_foreign_word(word, 4.0)
        )
    else:  # a product's CamelCase ("ThinkPad"), a drug, a month abroad or a long compound are no firm
        brand = (
            word[1:].islower()
            and zipf(folded) < 2.0
            and not (is_dictionary_word(folded) or is_foreign_word(word, _EVERYDAY_ABROAD) or is_known_name(word))
            and not (is_place_name(word) or is_drug_name(word) or (len(word) >= 12 and is_compound_word(word)))
        )
    return Span(start, start + len(word), span.label, span.score, span.source) if brand else span


#: Sources that name an original outright: the user's rules and the session's own vault.
_ORIGINAL_SOURCES = ("deny_list", "custom", "known")


def _unshield(candidates: list[Span], extra: list[Span], trace: Trace) -> list[Span]:
    """Drop a "surrogate" shield where the very same text is also a known or user-declared
    original: a real person may carry a name the session once drew as a surrogate (possible when
    another process drew it before this one saw that person), and then masking wins over passing
    the text through as "already pseudonymized"."""
    originals = {(s.start, s.end) for s in candidates if s.source.startswith(_ORIGINAL_SOURCES)}
    if not originals:
        return extra
    out = []
    for s in extra:
        if s.source == "surrogate" and (s.start, s.end) in originals:
            trace.drop(s, "also a known or user-declared original: masked rather than passed through")
            continue
        out.append(s)
    return out


def _outgrown_shields(text: str, detected: list[Span], extra: list[Span], trace: Trace) -> list[Span]:
    """Drop the "surrogate" shields inside a longer detected name that is not itself a surrogate:
    "Brittney Mckenzie" is a new person even when the session once drew "Brittney" (and perhaps
    "Mckenzie", for someone else) as a surrogate part. Shielding would pass the name through in
    clear and restore its words to other people. A name counts as new when a name-like word
    outside every shield remains, or when two shields meet as one name ("Brittney Mckenzie" from two
    surrogates). Text made of whole surrogates and joining words ("Dear Tracie Camacho", "Tracie
    Camacho and Colin Oconnell") stays shielded, so pseudonymized text still passes through.
    A name from the deny list or the vault is new whatever its other words: "Victor Brennan" on
    the user's list stayed in clear when "Brennan" had been drawn for someone else and "Victor"
    reads as a common word."""
    shields = sorted((s for s in extra if s.source == "surrogate"), key=lambda s: (s.start, -s.end))
    names = [d for d in detected if mergeable(d.label)]
    if not shields or not names:
        return extra
    widest: list[Span] = []  # shields not inside a longer one
    for s in shields:
        if not widest or s.start >= widest[-1].end:
            widest.append(s)
    starts = [s.start for s in widest]
    dropped: set[tuple[int, int]] = set()
    for d in names:
        t = trim(text, d)
        if t is None:
            continue
        inside = [s for s in widest[bisect_left(starts, t.start) : bisect_right(starts, t.end)] if s.end <= t.end]
        if not inside or any((s.start, s.end) == (t.start, t.end) for s in inside):
            continue
        gaps = [text[a.end : b.start] for a, b in pairwise(inside)]
        edges = [t.start, *(x for s in inside for x in (s.start, s.end)), t.end]
        residue = [text[a:b] for a, b in zip(edges[::2], edges[1::2], strict=True)]
        declared = d.source.startswith(_ORIGINAL_SOURCES)  # the user's list or the vault says: an original
        joined = any(g.strip(" -") == "" for g in gaps)
        if declared or joined or any(_name_like(w) for r in residue for w in words_of(r)):
            for s in inside:
                dropped.add((s.start, s.end))
    out = []
    for s in extra:
        if s.source == "surrogate" and any(a <= s.start and s.end <= b for a, b in dropped):
            trace.drop(s, "inside a longer detected name that is no surrogate: masked as a new entity")
            continue
        out.append(s)
    return out


def _name_like(word: str) -> bool:
    """A capitalised word that reads as a name part rather than a common word. A given name that
    is also a word ("Victor", "Will", "Rose") counts: inside a detected person it is the person's
    name (salutations and titles were trimmed off the span before)."""
    from ..surrogate.pools import name_index

    if not word[:1].isupper():
        return False
    if name_index().is_given(word):
        return True
    return not is_common_word(word) and (is_known_name(word) or not is_dictionary_word(word))


def _with_day(text: str, span: Span) -> Span:
    """ "13 September 1980" read by the model as "September 1980": the day before the month
    belongs to the date (without it a date of birth is no full date and would pass in clear)."""
    if not MONTH_START.match(text, span.start):
        return span
    m = _DAY_BEFORE.search(text, max(0, span.start - 12), span.start)
    if m is None or not 1 <= int(re.match(r"\d+", m.group()).group()) <= 31:
        return span
    return Span(m.start(), span.end, span.label, span.score, span.source)


def _with_weekday(text: str, span: Span) -> Span:
    """ "Thursday 13 June 2024", "viernes 9 de marzo de 2024": the weekday names the same day, and
    left in clear beside a shifted date it would tell the shift (dates.py writes the new one)."""
    m = _WORD_BEFORE.search(text, max(0, span.start - 16), span.start)
    if m is None or weekday_before(text[m.start() : span.end]) is None:
        return span
    return Span(m.start(), span.end, span.label, span.score, span.source)


def _without_time(text: str, span: Span) -> Span:
    """A date span ends at the date: a time of day after it is no personal data and is written
    back unchanged anyway (dates.py shifts the day, not the hour), so it is not the entity's."""
    value = text[span.start : span.end]
    m = _TIME_AT_END.search(value)
    if m is None or m.start() == 0 or full_date(value[: m.start()]) is None:
        return span
    return Span(span.start, span.start + m.start(), span.label, span.score, span.source)
