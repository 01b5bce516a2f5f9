"""Type resolution between detectors: a person found by a name list, a cue or a person model
beats the statistical model's ORGANIZATION or LOCATION guess for the same words.

spaCy's small model calls many unfamiliar names organizations ("Sigrid Haugen", "Aleksandra
Wiśniewska"), even after "My name is". A person typed as an organization gets an organization
surrogate, so "Ms. Haugen" in the model's answer is never restored. A statistical guess is
overruled when a person-typing detector covers most of it, or when the words are shaped like a
person's name and nothing says organization.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..detect.base import Span
from ..detect.fields import ORG_FIELD_SOURCE
from ..detect.places import is_place_name
from .explain import Trace
from .resolve import GREETINGS, TITLES
from .words import is_known_name

if TYPE_CHECKING:
    from ..surrogate.pools import NameIndex

#: Detectors that type a span PERSON from name lists, cues or a person-aware model.
PERSON_SOURCES = (
    "gazetteer",
    "cues",
    "layouts",
    "fields",
    "rampart",
    "hf_ner",
    "known",
    "prompt",
    "tag_",
    "custom",
    "deny_list",
)
#: Detectors that type ORGANIZATION / LOCATION from form or context, not from a guess.
PLACE_ORG_SOURCES = (
    "orgs",
    "institutions",
    "brands",
    "fields",
    "cues",
    "cities",
    "address",
    "gazetteer",
    "custom",
    "deny_list",
    "known",
    "banks",
)
_GUESSERS = ("spacy",)
#: Models that only know people and address parts: any capitalized unknown word looks like a
#: name to them, so a context that says "organization" ("employer: Pfizer") overrules them.
_WORD_MODELS = ("rampart",)
_CONTEXT_TYPERS = ("orgs", "fields", "cues", "address")
#: Detectors that type a name by its legal form, institution word or an organization's field
#: label ("Krankenkasse:"), which outweigh NER's PERSON.
_FORM_TYPERS = ("orgs", "institutions", ORG_FIELD_SOURCE)
_WORDS = re.compile(r"\S+")
#: Marks a chat closes a word with, cut off a name's last word ("will!!"); never "." (initials).
_EDGE_MARKS = "!?,;:"


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def looks_like_person(value: str) -> bool:
    """Two to four words, the first a known given name that is no common word, the last no
    English word, no digits, no legal form or institution word: "Sigrid Haugen"."""
    from ..detect.orgs import SUFFIXES
    from ..surrogate.pools import name_index
    from .words import is_common_word, is_dictionary_word

    words = value.replace(",", " ").split()
    if not 2 <= len(words) <= 4 or any(c.isdigit() or c in "&@/" for c in value):
        return False
    if any(w.casefold().rstrip(".") in SUFFIXES for w in words):
        return False
    index = name_index()
    first, last = words[0], words[-1]
    return (
        index.is_given(first)
        and not is_common_word(first)
        and (index.is_family(last) or not is_dictionary_word(last))
        and all(w[:1].isupper() for w in words)
    )


def _strong_person_vote(vote: Span, text: str) -> bool:
    """A cue, a form field, a person model or the vault; a name list only for a full name."""
    if vote.source.startswith("gazetteer"):
        return len(text[vote.start : vote.end].split()) >= 2
    return True


def _context_type(
    s: Span,
    ordered: list[Span],
    starts: list[int],
    longest: int,
    trace: Trace,
    typers: tuple[str, ...] = _CONTEXT_TYPERS,
) -> Span:
    window = ordered[bisect_left(starts, s.start - longest) : bisect_right(starts, s.end)]
    for o in window:
        if o.label in ("ORGANIZATION", "LOCATION") and o.source.startswith(typers) and _overlap(o, s) >= 0.8 * s.length:
            new = Span(s.start, s.end, o.label, s.score, s.source)
            trace.note(new, f"typed {o.label} by {o.source} (context) over PERSON by {s.source}")
            return new
    return s


def retype(text: str, spans: list[Span], trace: Trace) -> list[Span]:
    """Relabel the statistical model's ORGANIZATION/LOCATION guesses that are people."""
    out: list[Span] = []
    ordered = sorted(spans, key=lambda x: x.start)
    starts = [x.start for x in ordered]
    longest = max((x.length for x in spans), default=0)
    for s in spans:
        if s.source.startswith(_WORD_MODELS) and s.label == "PERSON":
            out.append(_context_type(s, ordered, starts, longest, trace))
            continue
        if s.source.startswith(_GUESSERS) and s.label == "PERSON":
            # a legal form says what a family name is part of: "Žagar d.d.", "Ciril Bergant s.p."
            out.append(_context_type(s, ordered, starts, longest, trace, _FORM_TYPERS))
            continue
        if not (s.source.startswith(_GUESSERS) and s.label in ("ORGANIZATION", "LOCATION")):
            out.append(s)
            continue
        window = ordered[bisect_left(starts, s.start - longest) : bisect_right(starts, s.end)]
        others = [o for o in window if o is not s and _overlap(o, s) > 0]
        if any(o.label == s.label and o.source.startswith(PLACE_ORG_SOURCES) for o in others):
            out.append(s)
            continue
        listed = [
            o
            for o in others
            if o.label in ("ORGANIZATION", "LOCATION")
            and o.source.startswith(PLACE_ORG_SOURCES)
            and _overlap(o, s) >= 0.8 * s.length
        ]
        if listed:
            new = Span(s.start, s.end, listed[0].label, s.score, s.source)
            trace.note(new, f"typed {new.label} by {listed[0].source} over {s.label} by {s.source}")
            out.append(new)
            continue
        value = text[s.start : s.end]
        greeting = GREETINGS.match(text, s.start, s.end)  # "Bonjour Madame Marchand"
        title = TITLES.match(text, greeting.end() if greeting else s.start, s.end)
        if title and _titled_person(text, title.group(), title.end(), s.end):
            new = Span(s.start, s.end, "PERSON", s.score, s.source)  # the title is trimmed in `resolve`
            trace.note(new, f"typed PERSON over {s.label}: a personal title opens it ('Madame Marchand')")
            out.append(new)
            continue
        people = [
            o
            for o in others
            if o.label == "PERSON"
            and o.source.startswith(PERSON_SOURCES)
            and (_strong_person_vote(o, text) or not (s.label == "LOCATION" and is_place_name(value)))
        ]
        # one vote over most of it, or the name's parts voted one by one ("Nilesh" + "Bhatt")
        if _covered(s, people) >= 0.8 * s.length:
            new = Span(s.start, s.end, "PERSON", s.score, s.source)
            voters = ", ".join(sorted({p.source for p in people}))
            trace.note(new, f"typed PERSON by {voters} over {s.label} by {s.source}")
        elif looks_like_person(value) and not is_place_name(value):
            new = Span(s.start, s.end, "PERSON", s.score, s.source)
            trace.note(new, f"typed PERSON over {s.label}: a known given name heads it and no organization word")
        else:
            out.append(s)
            continue
        out.append(new)
    return out


def _covered(span: Span, others: list[Span]) -> int:
    """How many of the span's characters the others cover together."""
    return len({i for o in others for i in range(max(o.start, span.start), min(o.end, span.end))})


def _titled_person(text: str, title: str, start: int, end: int) -> bool:
    """A title written as one ("Madame", "Dr."; not "DR Congo", "MS Society") before a known name
    ("Marchand"), and no place or organization word after it ("Lord Howe Island", "Judge Business
    School")."""
    from ..detect.org_words import ORG_WORDS

    words = re.findall(r"[^\W\d_][\w'’-]*", text[start:end])
    head = title.strip().rstrip(".")
    if not words or head.isupper() or not head[:1].isupper() or not is_known_name(words[0]):
        return False
    return not any(w.casefold() in ORG_WORDS or w.casefold() in _PLACE_WORDS for w in words)


#: Words that end a place's name ("Lord Howe Island").
_PLACE_WORDS = frozenset("island islands isle bay mount lake river valley county city town port cape".split())


def trim_person_words(text: str, span: Span, trace: Trace) -> Span:
    """Cut lower-case ordinary words off the edges of a PERSON span ("ronan mcdonagh called"):
    detectors read a re-cased copy of the text, where a verb after a name can look like a name."""
    if span.label != "PERSON":
        return span
    from ..surrogate.pools import name_index

    index = name_index()
    words = _words_of(text, span)
    lo, hi = 0, len(words)
    while hi - lo > 1 and _ordinary(words[hi - 1][2], index) and not _family_after_given(words, hi - 1, index):
        hi -= 1
    while hi - lo > 1 and _ordinary(words[lo][2], index):
        lo += 1
    if hi - lo >= 3 and _capitalised_word_before_name(words[lo][2], words[lo + 1][2], index):
        lo += 1  # "Annual Hannah Schmidt": a heading's word the model took into the name
    end = words[hi - 1][1] - (len(words[hi - 1][2]) - len(words[hi - 1][2].rstrip(_EDGE_MARKS)))
    if (lo, hi) == (0, len(words)) and end == span.end:
        return span
    new = Span(words[lo][0], end, span.label, span.score, span.source)
    trace.note(new, "cut ordinary words off the name's edges")
    return new


def ordinary_words_only(text: str, span: Span) -> bool:
    """Every word of the span is one `trim_person_words` cuts: a field that took a chat line whole
    ("Customer: thank u will") leaves one such word standing, which names no one."""
    from ..surrogate.pools import name_index

    index = name_index()
    return all(_ordinary(w, index) for _, _, w in _words_of(text, span))


def _words_of(text: str, span: Span) -> list[tuple[int, int, str]]:
    return [
        (m.start() + span.start, m.end() + span.start, m.group()) for m in _WORDS.finditer(text[span.start : span.end])
    ]


def _ordinary(w: str, index: NameIndex) -> bool:
    from .words import CHAT_CUE_WORDS, NAME_PARTICLES, is_dictionary_word, is_function_word, zipf

    w = w.strip(_EDGE_MARKS)
    if not any(c.isalpha() for c in w):
        return True  # an emoji or a mark a chat puts after the name ("thank u will!! 🙏")
    known = index.is_given(w) or index.is_family(w) or w in NAME_PARTICLES
    if w.islower() and w in CHAT_CUE_WORDS and not known:
        return True  # "jestem katarzyna", "salamat kristine": the greeting before a lower-case name
    return w.islower() and (is_function_word(w) or zipf(w) >= 3.5 or is_dictionary_word(w)) and not known


def _family_after_given(words: list[tuple[int, int, str]], k: int, index: NameIndex) -> bool:
    """Word `k` is a family name English hardly uses right after a given name: "neves" of "mara
    neves" (a dictionary lists "neves" as the plural of "neve")."""
    if k == 0:
        return False
    given, word = words[k - 1][2].strip(_EDGE_MARKS), words[k][2].strip(_EDGE_MARKS)
    return index.is_given(given) and _rare_pool_name(word)


def _rare_pool_name(word: str) -> bool:
    """A family name of a culture's own pool that English hardly uses: "neves" (which a dictionary
    lists as the plural of "neve") in "mara neves" is the family name. (Given names of the pools
    are too many short words of other languages: "buna" of the Romanian "buna ziua".)"""
    from .words import is_family_name, zipf

    return zipf(word) < RARE_IN_ENGLISH and is_family_name(word)


#: A word rarer than this in English is no English word a name was mistaken for ("neves" 0.0).
RARE_IN_ENGLISH = 1.5


def _capitalised_word_before_name(word: str, following: str, index: NameIndex) -> bool:
    """A frequent capitalised English word that is no name part, before a given name; not a word of
    another language ("Taller Paz Hnos." is a Spanish workshop) nor a place's first word ("San Pedro")."""
    from .words import is_common_word, is_foreign_word

    if not word[:1].isupper() or index.is_given(word) or index.is_family(word) or not is_common_word(word):
        return False
    if is_foreign_word(word) or is_place_name(f"{word} {following}"):
        return False
    return bool(index.is_given(following)) or _pool_given(following)


def _pool_given(word: str) -> bool:
    """A given name of a culture's own pool ("Kenji", "Chinedu"), which Faker's lists may lack."""
    from ..surrogate.namepools import origin_index

    return bool(origin_index().locales(word, "given"))


_NAME_WORD = r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*"  # letters, inner hyphens and apostrophes
_BEFORE = re.compile(rf"(?<![\w'’.@-])({_NAME_WORD})[ ]$")
_AFTER = re.compile(rf"[ ]({_NAME_WORD})(?![\w'’@-]|\.\w)")
#: At most this many words are added on each side (a name has few parts; a run of typos is no name).
GROW_WORDS = 2
#: A name-pool word this frequent in English is the word, not a name part ("grant", "sue", "chase").
FREQUENT_NAME_WORD = 3.5
#: The same before a family name that English hardly uses: "maya" (3.9) of "maya berglund".
SURE_FAMILY_NAME_WORD = 4.0


def grow_lowercase_name(text: str, span: Span, trace: Trace, others: list[Span] | None = None) -> Span:
    """Take in the rest of a name typed in lower case ("priya whitaker", "noa ben-david").

    A model reading a re-cased copy of the text often finds only the part it is surest of. In lower
    case, a given name to the left and a family name to the right are the name's other parts, if
    they are no frequent English word, or the text also writes the two together as one login or
    e-mail ("grace whitaker … grace.whitaker@…"); so is a word wordfreq does not know at all, and a hyphenated
    word made of name-pool words. A function word, a frequent or dictionary word, a digit or another
    span of another type (`others`) ends it: "can you grant nguyen access" keeps "grant", "priya hdfc
    account" leaves a detected "hdfc" to the organization it is. Chat shorthand that wordfreq ranks
    as rare as a surname ("mike tmrw") is taken in: a few masked letters, against a leaked surname.
    """
    if span.label != "PERSON" or not text[span.start : span.end].islower():
        return span
    # "mbak" alone is a title (trimmed away later): the name after it may join, no words before it
    # ("matur nuwun mbak sekar": "matur nuwun" is Javanese thanks)
    title = TITLES.fullmatch(text[span.start : span.end] + " ") is not None
    from ..surrogate.pools import name_index
    from .words import (
        CHAT_CUE_WORDS,
        NAME_PARTICLES,
        is_dictionary_word,
        is_family_name,
        is_foreign_word,
        is_function_word,
        is_given_name,
        zipf,
    )

    index = name_index()
    free = unclaimed(span, others or ())

    folded: list[str] = []  # the case-folded text, made only when a frequent given name needs it

    def written_together(a: str, b: str) -> bool:
        """ "grace.whitaker@…": an e-mail or login that joins the two words names one person."""
        if not folded:
            folded.append(text.casefold())
        return re.search(rf"(?<![\w.]){re.escape(a)}[._-]?{re.escape(b)}(?=[@\d]|\b)", folded[0]) is not None

    def part(word: str, known: bool, other: str = "") -> bool:
        if not word.islower() or is_function_word(word):
            return False
        if "-" in word.strip("-"):  # "ben-david": each piece a name or no word ("free-range" is neither)
            pieces = [w for w in word.split("-") if w]
            return all(index.is_given(w) or index.is_family(w) or part(w, False) for w in pieces)
        if word in CHAT_CUE_WORDS or TITLES.fullmatch(word + " "):
            return False  # "salamat kristine", "mbak sri": the line's greeting or a title, not a name part
        if known:
            # before a surname no English text uses ("maya berglund"), a given name may be a rarer word
            limit = SURE_FAMILY_NAME_WORD if other and _rare_pool_name(other) else FREQUENT_NAME_WORD
            return zipf(word) < limit or (bool(other) and written_together(word, other))
        # a frequent word of the chat's own language is the sentence going on ("pak budi nanti saya
        # kirim"); a rarer one may be a surname that is a word somewhere ("sekar"): a name part
        return zipf(word) == 0.0 and not is_dictionary_word(word) and not is_foreign_word(word, _ABROAD_ZIPF)

    start, end = span.start, span.end
    for _ in range(0 if title else GROW_WORDS):
        m = _BEFORE.search(text, max(0, start - 64), start)
        nxt = text[start:end].split()[0] if m is not None else ""
        if m is None or not part(m.group(1), is_given_name(m.group(1)), nxt) or not free(m.start(1), m.end(1)):
            break
        start = m.start(1)
    added, pos = 0, end
    while added < GROW_WORDS and (m := _AFTER.match(text, pos)) is not None and free(m.start(1), m.end(1)):
        word = m.group(1)
        if word in NAME_PARTICLES:  # "jan van der berg": particles count once a name part follows
            pos = m.end(1)
            continue
        if not part(word, is_family_name(word)) and text[start:end].split()[-1] not in _NEVER_LAST:
            break
        end = pos = m.end(1)
        added += 1
    return widened(span, start, end, trace, "took in the lower-case name's other parts")


#: A word this frequent in another language the engine reads ends a lower-case name ("nanti", later;
#: "kemarin", yesterday); below it a word may be a surname ("sekar", 3.8 in Indonesian).
_ABROAD_ZIPF = 4.5


#: Vietnamese middle names that a given name always follows: "nguyễn văn an", "trần thị mai" take
#: their last word even when it is an English word ("an", "mai", "long").
_NEVER_LAST = frozenset("văn thị".split())


def unclaimed(span: Span, others: Sequence[Span]) -> Callable[[int, int], bool]:
    """Whether [a, b) overlaps no span of another type: a person's name grows only over words that
    nothing else claims ("priya hdfc account" leaves "hdfc" to its organization)."""

    def free(a: int, b: int) -> bool:  # scans only when asked: most names have no part to take in
        return not any(o.start < b and a < o.end for o in others if o is not span and o.label != "PERSON")

    return free


def widened(span: Span, start: int, end: int, trace: Trace, why: str) -> Span:
    """`span` stretched to [start, end), noted in the trace; `span` itself when nothing was added."""
    if (start, end) == (span.start, span.end):
        return span
    new = Span(start, end, span.label, span.score, span.source)
    trace.note(new, why)
    return new


_INITIALS = re.compile(r"(?<![\w.'’-])(?:[A-Z]\.(?:[ \t]?|-)){1,3}$")  # "A.-I. Mureșan", "J.-F. Roy"
_WORD_BEFORE_INITIALS = re.compile(r"([^\W\d_]+\.?)[ \t]+$")
#: The same in a text written in lower case: "signed: r. fielding", "serkan a."; never "e.g." or "i.e.".
_LOWER_INITIALS = re.compile(r"(?<![\w.'’-])(?:[a-z]\.(?:[ \t]?|-)){1,3}$")
_LOWER_INITIAL_AFTER = re.compile(r"[ \t][a-z]\.(?![\w'’]|\.\w)")


#: One or two initials after a family name in capitals, as bank statements and registers write it:
#: "FASTER PAYMENT FROM GILL K REF RENT", "KOWALSKI J. A."; not "I" or "A" without a dot (words).
_INITIALS_AFTER = re.compile(r"(?:[ \t](?:[B-HJ-Z]|[A-Z]\.)(?![\w'’]|\.\w)){1,2}")


def with_initials(text: str, span: Span, trace: Trace) -> Span:
    """Take in the initials before a family name ("N. P. Dlamini", "D. Wickramasinghe") and after
    one written in capitals ("GILL K"): models find the name and leave the initials, which with the
    surrogate's family name still point at one person in a signature block."""
    if span.label != "PERSON":
        return span
    value = text[span.start : span.end]
    if value.islower():
        return _with_lower_initials(text, span, trace)
    if not value[:1].isupper():
        return span
    after = _INITIALS_AFTER.match(text, span.end) if value.isupper() and len(value) > 2 else None
    if after is not None:
        span = Span(span.start, after.end(), span.label, span.score, span.source)
        trace.note(span, "took in the initials after the name")
    m = _INITIALS.search(text, max(0, span.start - 9), span.start)
    if m is None or re.fullmatch(r"(?:[A-Z]\.){2,}\s*", m.group()):
        return span  # "U.S. Biden": an abbreviation, not initials ("N. P. Dlamini" has spaces)
    before = _WORD_BEFORE_INITIALS.search(text, max(0, m.start() - 30), m.start())
    if before and before.group(1)[:1].isupper() and not TITLES.fullmatch(before.group(1) + " "):
        return span  # "Plan B. Jones": the letter ends a name of its own
    new = Span(m.start(), span.end, span.label, span.score, span.source)
    trace.note(new, "took in the initials before the name")
    return new


def _with_lower_initials(text: str, span: Span, trace: Trace) -> Span:
    """`with_initials` for a name in lower case: one to three initials before it, one after it."""
    start, end = span.start, span.end
    m = _LOWER_INITIALS.search(text, max(0, start - 9), start)
    if m is not None and not re.fullmatch(r"(?:[a-z]\.){2,}\s*", m.group()):
        start = m.start()
    after = _LOWER_INITIAL_AFTER.match(text, end)
    if after is not None:
        end = after.end()
    if (start, end) == (span.start, span.end):
        return span
    new = Span(start, end, span.label, span.score, span.source)
    trace.note(new, "took in the initials of the name")
    return new


_HYPHEN_TAIL = re.compile(r"-([^\W\d_]{2,})(?![\w'’-])")
_HYPHEN_HEAD = re.compile(r"(?<![\w'’-])([^\W\d_]{2,})-$")


def with_hyphen_parts(text: str, span: Span, trace: Trace) -> Span:
    """Take in the other half of a hyphenated name ("Han Ji" + "-woo", "Jean-" + "Pierre Martin"):
    a model's word pieces stop at the hyphen, and "Ji-woo" is one given name, whatever the case of
    its second half."""
    if span.label != "PERSON":
        return span
    start, end = span.start, span.end
    from .words import is_dictionary_word, is_known_name

    def word(w: str) -> bool:
        return is_dictionary_word(w) and not is_known_name(w)

    tail_at = end - 1 if text[end - 1 : end] == "-" else end  # the model's "Park Jae-" keeps the hyphen
    if (m := _HYPHEN_TAIL.match(text, tail_at)) is not None and not word(m.group(1)):
        end = m.end()  # "Ji-woo", not "Trump-era" or "Merkel-led"
    head = _HYPHEN_HEAD.search(text, max(0, start - 30), start)
    if head is not None and head.group(1)[:1].isupper() and not word(head.group(1)):
        start = head.start(1)  # "Jean-Pierre", not "Anti-Trump" or "Post-Merkel"
    if (start, end) == (span.start, span.end):
        return span
    new = Span(start, end, span.label, span.score, span.source)
    trace.note(new, "took in the other half of a hyphenated name")
    return new


_NATIVE = re.compile(r"[ \t]*\(([^()\n]{1,40})\)")


def _script(value: str) -> str:
    """The script of the first letter ("LATIN", "HANGUL", "CJK", "DEVANAGARI"…), "" without letters."""
    first = next((c for c in value if c.isalpha()), "")
    return unicodedata.name(first, "").split(" ")[0] if first else ""


def native_script_names(text: str, kept: list[Span], trace: Trace) -> list[Span]:
    """A name followed by its spelling in another script ("Park Ji-hoon (박지훈)", "sunita patil
    (सुनीता पाटील)", "Abebe Tesfaye (አበበ ተስፋዬ)") names the same person: the bracket is a span of the
    name's type. Only letters of scripts without Latin letters count, so "(she/her)" stays."""
    out = []
    taken = [(s.start, s.end) for s in kept]
    for s in kept:
        if s.label not in ("PERSON", "ORGANIZATION", "LOCATION"):
            continue
        m = _NATIVE.match(text, s.end)
        if m is None:
            continue
        inner = m.group(1).strip()
        if any(c.isdigit() for c in inner) or len(inner.split()) > 4 or "," in inner:
            continue  # "Иван 42 года": an age or a sentence, not the name again; a list
        if _script(text[s.start : s.end]) == _script(inner):
            continue  # "임대차계약서(임대인 최동욱, …)": not the same name in another script
        letters = [c for c in inner if c.isalpha()]
        if not letters or any(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in letters):
            continue
        a = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        b = a + len(inner)
        if any(x < b and a < y for x, y in taken):
            continue
        span = Span(a, b, s.label, s.score, s.source)
        trace.note(span, "the name written again in another script, in brackets after it")
        out.append(span)
    return out
