"""Which strings are ordinary words, so that masking them needs evidence (rule 11).

A name that is also a frequent English word ("Grant", "Hope", "Will", "May") is a person only
where the text says so: capitalised in mid-sentence, after a title, in a name position. Without
that evidence it is the word, and masking it corrupts what the model reads. Frequencies come
from `wordfreq` (a maintained multi-source word-frequency list) rather than a hand-written list;
dictionary membership from the WordNet lemmas shipped with the spaCy model.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import wordcache
from .frequency import english_zipf, frequent_in_any

#: Zipf frequency (log10 per billion words + 3) above which a dictionary word is "common":
#: "grant" 4.7, "hope" 5.4, "amber" 4.0, "premium" 4.3 are; "kowalczyk" 1.9, "haugen" 2.2 are not.
COMMON_ZIPF = 3.5
#: Above this a word is so frequent that it is never a one-word entity unless it is a known name
#: with a title or a cue ("my", "and", "new", "never", "must").
FUNCTION_ZIPF = 6.0

#: Words of the prompt templates that LangChain and LlamaIndex send with every request (ReAct
#: keywords, the default QA / refine / agent templates). Masking one breaks the framework's
#: output parser, so they are protected in any case. Checked against the installed templates by
#: tests/core/test_decide_words.py.
FRAMEWORK_WORDS = frozenset(
    """
    thought action observation answer question final tool tools input output begin context query
    human ai system assistant user response previous conversation history new input format
    must never always important instructions chat scratchpad agent function functions arguments args
    desc name names description observations
    """.split()
)
FRAMEWORK_PHRASES = frozenset({"action input", "final answer", "thought process", "chat history", "new input"})

#: Lower-case words that do belong inside a name ("Ludwig van Beethoven", "María de la Cruz").
NAME_PARTICLES = frozenset(
    "van von der den de del della di da dos das du le la y i e bin binti bint ibn al el ben ter ten zu ó ní".split()
)

#: Greetings, thanks and introductions of many languages that open a lower-case chat line before a
#: name ("salamat kristine", "jestem katarzyna"): wordfreq's English list does not know them, and
#: they are never a name's part.
CHAT_CUE_WORDS = frozenset(
    "hi hey hello thanks thx ty cheers salamat makasih kasih gracias merci obrigado obrigada danke grazie "
    "asante shukran jestem dzięki dziękuję hola ola oi ciao hallo salut namaste habari sawubona".split()
)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """English Zipf frequency of a word (0 when wordfreq does not know it)."""
    return english_zipf(word)


def _lemmas(word: str) -> tuple[str, ...]:
    """The word and its likely dictionary forms ("teams" → "team", "running" → "run")."""
    forms = [word]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
                         ("ly", "")):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + repl
            forms.append(stem)
            if suffix in ("ed", "ing") and len(stem) > 3 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # "running" → "run"
    return tuple(forms)


@lru_cache(maxsize=1)
def lowercase_words() -> frozenset[str]:
    """Words an English dictionary lists in lower case (Webster's 2nd, public domain, via the
    `english-words` package). Case is the point: it lists "grant", "hope" and "smith" in lower
    case but "John", "Texas" and "Stockholm" only capitalised, which the WordNet lemma list of the
    spaCy model (all lower-cased) cannot tell apart."""
    try:
        from english_words import get_english_words_set
    except ImportError:  # fall back on the spaCy model's lemmas
        from ..surrogate.pools import english_words

        return english_words()

    def build() -> frozenset[str]:
        return frozenset(w for w in get_english_words_set(["web2"], lower=False) if w.islower())

    return wordcache.cached_words("web2-lower", build, packages=("english-words",))  # cold start: 0.1 s saved


def is_dictionary_word(word: str) -> bool:
    words = lowercase_words()
    return any(f in words for f in _lemmas(word.casefold()))


@lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """A frequent word that the dictionary lists in lower case (or an inflection of one): "grant",
    "hope", "Summer" and "Smith" are, "John" and "Berlin" are not."""
    folded = word.casefold()
    if folded in FRAMEWORK_WORDS:
        return True
    return zipf(folded) >= COMMON_ZIPF and is_dictionary_word(folded)


#: Languages whose ordinary words the English models mistake for names ("Cordialement", "Betreff",
#: "Dzień dobry"): a word frequent in one of them and in no name list is that language's word.
OTHER_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "pl", "cs", "sv", "da", "nb", "fi", "id", "tr", "ro", "hu")
FOREIGN_ZIPF = 3.3


#: A German word at least this frequent is one of its nouns or adjectives ("Gutschrift" 2.8,
#: "Reisegepäck" 2.6): far rarer than FOREIGN_ZIPF, since German writes every noun with a capital.
GERMAN_NOUN_ZIPF = 2.5


def is_german_word(word: str) -> bool:
    """In German's frequency list at GERMAN_NOUN_ZIPF: a capitalised German noun, which the English
    model reads as a name and a title line as a brand."""
    from .frequency import listed

    return listed(word.casefold(), "de", GERMAN_NOUN_ZIPF)


@lru_cache(maxsize=65536)
def is_foreign_word(word: str, floor: float = FOREIGN_ZIPF) -> bool:
    """Frequent in another major language (wordfreq), so most likely that language's word; a higher
    `floor` asks for its everyday or function words only."""
    return frequent_in_any(word.casefold(), OTHER_LANGUAGES, floor)


#: Parts of a compound are words of four letters or more: shorter ones ("an", "der", "see") would
#: let half the names of Europe split ("Anders", "Derek").
_PART = 4


@lru_cache(maxsize=65536)
def is_compound_word(word: str) -> bool:
    """A long word that splits into frequent words of another language, the way German, Dutch,
    Scandinavian, Finnish and Hungarian write nouns: "Lohnsteuerbescheinigung", "Versicherungsnehmer",
    "Boekingsbevestiging", "Számlatulajdonos". Such a word is a form label or a noun, never in a
    frequency list whole; a name is rarely two words (known names, places and brands are checked
    by the callers). A linking "s" between the parts is allowed ("Arbeitgeber-s-bescheinigung")."""
    folded = word.casefold()
    if english_zipf(folded) >= COMMON_ZIPF:
        return False  # "Administrative" splits too ("admini" + "strative"?), but is English whole
    return len(folded) >= 2 * _PART + 1 and folded.isalpha() and _splits(folded, 2)


def _splits(folded: str, depth: int) -> bool:
    for i in range(_PART, len(folded) - _PART + 1):
        head, tail = folded[:i], folded[i:]
        if not frequent_in_any(tail, OTHER_LANGUAGES, FOREIGN_ZIPF):
            continue
        heads = (head, head[:-1]) if head.endswith("s") and len(head) > _PART else (head,)
        english = english_zipf(tail) >= COMMON_ZIPF and any(english_zipf(h) >= COMMON_ZIPF for h in heads)
        if english:
            continue  # "Countdown", "Healthcare": English words joined make brands more often than nouns
        if any(frequent_in_any(h, OTHER_LANGUAGES, FOREIGN_ZIPF) for h in heads):
            return True
        if depth > 1 and len(head) >= 2 * _PART and _splits(head, depth - 1):
            return True
    return False


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Month and weekday names: capitalised in any position, so a capital is no name evidence."""
    import calendar

    return frozenset(w.casefold() for w in (*calendar.month_name, *calendar.day_name, *calendar.month_abbr) if w)


@lru_cache(maxsize=65536)
def is_function_word(word: str) -> bool:
    """So frequent that, on its own, it is the word in practically every text."""
    from ..imports import light_import

    light_import("spacy")  # without torch: see pseudonym_core/imports.py
    from spacy.lang.en.stop_words import STOP_WORDS

    folded = word.casefold()
    return folded in STOP_WORDS or zipf(folded) >= FUNCTION_ZIPF


def words_of(value: str) -> list[str]:
    return _WORD.findall(value)


def is_common_phrase(value: str) -> bool:
    """Every word of the string is a common word (or a number): "Round 1", "Premium Plus", "Will".

    A given name followed by a family name ("John Smith", "Grant Young") is a name, however
    common its words are on their own.
    """
    words = words_of(value)
    if not words:
        return True
    if not all(w.isdigit() or is_common_word(w) for w in words):
        return False
    if len(words) >= 2:
        from ..surrogate.pools import name_index

        index = name_index()
        if index.is_given(words[0]) and index.is_family(words[-1]):
            return False
    return True


def is_framework_text(value: str) -> bool:
    """A template keyword or phrase of an LLM framework ("Action Input", "Thought", "MUST")."""
    words = [w.casefold() for w in words_of(value)]
    if len(words) > 1 and words[0] in ("the", "a", "an", "your", "this"):
        words = words[1:]  # "the Action Input"
    folded = " ".join(words)
    return folded in FRAMEWORK_WORDS or folded in FRAMEWORK_PHRASES or all(w in FRAMEWORK_WORDS for w in words)


@lru_cache(maxsize=65536)
def is_known_name(word: str) -> bool:
    """A given or family name in any of the name pools (Faker's 88 person locales and ours)."""
    return is_given_name(word) or is_family_name(word)


def is_given_name(word: str) -> bool:
    """A given name of the surrogate pools or of the origin pools (Turkish, Vietnamese, Ghanaian …)."""
    from ..surrogate.namepools import origin_index
    from ..surrogate.pools import name_index

    return name_index().is_given(word) or bool(origin_index().locales(word, "given"))


def is_family_name(word: str) -> bool:
    """A family name of the surrogate pools or of the origin pools."""
    from ..surrogate.namepools import origin_index
    from ..surrogate.pools import name_index

    return name_index().is_family(word) or bool(origin_index().locales(word, "family"))


@lru_cache(maxsize=1)
def _nicknames() -> frozenset[str]:
    from nicknames import name_triplets

    return frozenset(t.name2 for t in name_triplets() if t.relationship == "has_nickname")


def is_nickname(word: str) -> bool:
    """An English nickname of a given name ("Will" of William, "Liz", "Bill"): Faker's pools hold
    the full forms only, and a nickname that is also a word is read as the word everywhere else."""
    return len(word) >= 2 and word.casefold() in _nicknames()
