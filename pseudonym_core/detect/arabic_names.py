"""Names inside Arabic sentences, found by the words that introduce them.

Arabic has no capitals, and its given names are ordinary words too ("أمل", hope; "سعيد", happy;
"جميل", beautiful), so neither a word's shape nor its frequency tells a name. What does is the word
in front of it, as in any Arabic text: "اسمه محمود سيد" (his name is), "السيدة فاطمة" (Mrs),
"الدكتور", "المهندس", a greeting ("السلام عليكم فاطمة،", "شكرا سلمى") or the vocative "يا" before a
given name of Faker's Arabic pools ("يا أحمد", not "يا جماعة", folks).

After the cue the name runs for at most three words and stops at punctuation, a word that opens
with the conjunction "و" ("ورقمه", and his number) or a frequent function word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from .base import Span

SCORE = 0.6
_AR_WORD = r"[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06fa-\u06ff]+"
_CUES = (
    "اسمي اسمه اسمها اسمك السيد السيدة السيده الأستاذ الأستاذة الاستاذ الاستاذة أستاذ استاذ الدكتور الدكتورة "
    "دكتور دكتورة المهندس المهندسة الحاج الحاجة الشيخ الأخ الأخت المريض المريضة الطفل الطفلة عليكم مرحبا "
    "أهلا اهلا شكرا"
).split()
_CUE = re.compile(rf"(?<![\u0600-\u06ff])(?:{'|'.join(_CUES)}|د\.)\s+({_AR_WORD})")
_VOCATIVE = re.compile(rf"(?<![\u0600-\u06ff])يا\s+({_AR_WORD})")
_NEXT = re.compile(rf"\s+({_AR_WORD})")
#: Words that end a name even without punctuation: pronouns, prepositions, verbs of speech.
_STOP = frozenset(
    "في من إلى الى على عن مع هو هي هذا هذه التي الذي قال قالت يقول بيقول كان كانت لم لن قد و أو او ثم "
    "انا أنا انت أنت احنا نحن عند عندي عشان علشان بس لكن جزيلا جزيلاً كتير كثيرا كثيراً جدا جداً لك لكم ليك بك "
    "بيك بكم يا حبيبي حبيبتي عزيزي عزيزتي صديقي ممكن لو سمحت حضرتك".split()
)
#: A second or third word this frequent is the sentence going on, not the name.
_NAME_ZIPF = 5.0


@lru_cache(maxsize=1)
def _given() -> frozenset[str]:
    from .scripts import script_names

    return script_names()[0]


def _name_word(word: str, zipf: Callable[[str, str], float]) -> bool:
    """A given name of the pools, or a word too rare to be the sentence going on ("سيد" but not
    "الرئيس", the president, nor "جزيلا" of "شكرا جزيلا")."""
    if word in _STOP or (word.startswith("و") and word not in _given()):
        return False
    return word in _given() or zipf(word, "ar") < _NAME_ZIPF


def arabic_spans(text: str) -> Iterator[Span]:
    """PERSON spans of names introduced by a title, "his name is", a greeting or the vocative."""
    from wordfreq import zipf_frequency

    for pattern, first_needs_pool in ((_CUE, False), (_VOCATIVE, True)):
        for m in pattern.finditer(text):
            word = m.group(1)
            if word.startswith("ال") and word not in _given():
                continue  # "السيد المدير", the director: a given name takes no article
            if not _name_word(word, zipf_frequency) or (first_needs_pool and word not in _given()):
                continue
            end = m.end(1)
            for _ in range(0 if first_needs_pool else 2):  # "يا أحمد تعال": after a vocative comes the verb
                nxt = _NEXT.match(text, end)
                if nxt is None or not _name_word(nxt.group(1), zipf_frequency):
                    break
                end = nxt.end(1)
            yield Span(m.start(1), end, "PERSON", SCORE, "scripts")
