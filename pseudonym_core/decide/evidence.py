"""Evidence that a string is a name *here*: the context tests that rule 11 asks for.

A common word ("Grant", "Hope", "May") is masked only with evidence: a title before it, a
capital in mid-sentence (not on an ALL-CAPS line), or a detector that found it in a name
position (a greeting, "my name is", a "Name:" field, a speaker label).
"""

from __future__ import annotations

import re

from ..normalize import is_mostly_upper
from .words import calendar_words

#: Detectors whose spans come from the position a name stands in, not from the word itself.
NAME_POSITION_SOURCES = ("cues", "layouts", "fields", "custom", "deny_list")

_TITLE_BEFORE = re.compile(
    r"(?:\b(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|lord|lady|rev|fr|herr|frau|mme|mlle|sr|sra|señor|señora|"
    r"doctor|professor|nurse|officer|agent|detective|judge|capt|sgt|col|lt|hon)\.?|\bM\.)[ \t]+$",
    re.IGNORECASE,
)


def sentence_initial(text: str, start: int) -> bool:
    """A capital that only opens a sentence, a line or a list item says nothing about the word."""
    before = text[max(0, start - 64) : start].rstrip(" \t\"'“‘(*-•>#")  # "#": a Markdown heading
    return not before or before[-1] in ".!?:;\n" or before.endswith("\\n")


#: How far `line_of` looks for the line's ends: a 1 MB text without line breaks is one "line",
#: and reading all of it for every candidate made deciding quadratic (rule 13).
LINE_REACH = 500


def line_of(text: str, start: int) -> str:
    """The line around `start`, at most LINE_REACH characters either side of it."""
    lo = max(0, start - LINE_REACH)
    a = text.rfind("\n", lo, start) + 1 or lo
    hi = min(len(text), start + LINE_REACH)
    b = text.find("\n", start, hi)
    return text[a : b if b >= 0 else hi]


def title_before(text: str, start: int) -> bool:
    return _TITLE_BEFORE.search(text[max(0, start - 16) : start]) is not None


#: Seasons, capitalised in collections, terms and plans ("Spring, Summer, Autumn and Winter",
#: "Summer rota"): like a month, a capital is no evidence that one is a person ("Summer Bishop").
SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})


#: A chat turn's speaker label right before: "[07:06] Dean Campbell: ", "Faith Okonkwo-Reyes: ".
_TURN_START = re.compile(
    r"(?:^|\n)[ \t]*(?:\[[^\]\n]{1,30}\][ \t]*|\d{1,2}[:.]\d{2}[ \t]*)?[^\W\d_][^:\n]{0,40}:[ \t]*\Z"
)


#: What follows a name that a turn calls out: a comma or a mark, the line's end, or a reply word.
#: Not a verb's object ("Hope you are well", "Pat the dog"): there the word is the verb.
_VOCATIVE_AFTER = re.compile(
    r"[ \t]*(?:[,!]|\n|\Z)|[ \t]+(?i:yes|no|ok|okay|thanks|thank|thx|lol|haha|sure|yeah|yep|nope|hi|hey|"
    r"congrats|welcome|pls|please|sorry)\b"
)


def _greeting(word: str) -> bool:
    """ "Hello" opens a turn as often as a name, and a model's "Hello William" made it a name part."""
    from .resolve import GREETINGS

    return GREETINGS.fullmatch(word + " ") is not None


def name_evidence(text: str, start: int, end: int, sources: set[str]) -> str | None:
    """Why this occurrence reads as a name (a rule for the explanation), or None."""
    if any(s.startswith(NAME_POSITION_SOURCES) for s in sources):
        return "found in a name position (cue, field or user rule)"
    if title_before(text, start):
        return "a title precedes it"
    value = text[start:end]
    folded = value.casefold()
    if not value[:1].isupper() or folded in calendar_words() or folded in SEASONS:
        return None  # months and weekdays are capitalised wherever they stand, seasons in names of things
    if value.isupper() and len(value) > 1 and is_mostly_upper(line_of(text, start)):
        return None  # on an ALL-CAPS line a capital is no evidence
    if (
        _TURN_START.search(text, max(0, start - 80), start)
        and _VOCATIVE_AFTER.match(text, end)
        and not _greeting(value)
    ):
        return "opens a chat turn, calling a person the text names ('Faith Okonkwo-Reyes: Dawn yes …')"
    if sentence_initial(text, start):
        return None
    return "capitalised in mid-sentence"
