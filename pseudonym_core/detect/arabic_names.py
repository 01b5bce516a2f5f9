"""Names and institutions inside Arabic sentences, found by the words that introduce them.

Arabic has no capitals, and its given names are ordinary words too ("أمل", hope; "سعيد", happy;
"جميل", beautiful), so neither a word's shape nor its frequency tells a name. What does is the word
in front of it, as in any Arabic text: "اسمه محمود سيد" (his name is), "السيدة فاطمة" (Mrs),
"الدكتور", "المهندس" (then a known given name or a rare word), a greeting ("السلام عليكم فاطمة،",
"شكرا سلمى") or the vocative "يا" (then only a given name of the pools: "يا أحمد", not "يا جماعة").

After the cue the name runs for at most three parts ("عبد الرحمن" is one part of two words, and the
initials of the father and grandfather may follow: "محمود ف. ع.") and stops at punctuation, a word that
opens with the conjunction "و" ("ورقمه", and his number) or a frequent function word. After "I am",
"the customer", "the agent" a frequent given name may be an adjective ("أنا سعيد", I am happy): it
counts only before a speaker's colon or with a second name. A kunya ("أبو يوسف") is part of the name.

An institution opens with its kind, as in English "Bank of …": "مستشفى الجامعة الأردنية"
(hospital), "البنك العربي" (bank), "شركة الشرق العربي للتأمين" (company), "المؤسسة العامة للضمان
الاجتماعي". The name runs up to punctuation, a line's end or five words; a kind alone, or with one
word that is no name ("الشركة", "شركة التأمين", the insurance company), names nobody.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from .base import Span

SCORE = 0.6
_AR_WORD = r"[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06fa-\u06ff]+"
#: Words that name the person right after them: "his name is", titles. After these a rare word will
#: do ("اسمه أنوب"); after greetings and the vocative only a given name of the pools.
_NAMING = (
    "اسمي اسمه اسمها اسمك السيد السيدة السيده الأستاذ الأستاذة الاستاذ الاستاذة أستاذ استاذ الدكتور الدكتورة "
    "دكتور دكتورة المهندس المهندسة الحاج الحاجة الشيخ"
).split()
_GREETING = "عليكم مرحبا أهلا اهلا شكرا شكراً شكرًا الأخ الأخت المريض المريضة".split()
#: Words after which a given name of the pools is a person: "I am", "this is" (Egyptian "معاك"), "in
#: the name of", kin ("my wife", "my brother"), a chat's speaker roles ("الموظف كريم:", the agent
#: Karim; "العميل", the customer). Like the greetings they need a known given name after them.
_KIN = "مراتي زوجتي جوزي زوجي أخويا اخويا أخي اخي أختي اختي ابني بنتي ابنتي أمي".split()
#: Cues after which a given name may be an adjective in its predicate: "أنا سعيد" (I am happy),
#: "العميل سعيد بالخدمة" (the customer is happy). After them a frequent given name counts only before
#: a speaker's colon or with a second name part.
_PREDICATIVE = frozenset("أنا انا الموظف الموظفة العميل العميلة المندوب المندوبة الوكيل".split())
_INTRODUCING = [
    *"معاك معك معاكي باسم".split(),
    *sorted(_PREDICATIVE),
    *_KIN,
    *("ل" + w for w in _KIN),  # "لمراتي منى", to my wife Mona
]
_PREDICATE_ZIPF = 3.5
#: A kunya ("father of …") is part of the name it opens: "أبو يوسف"; not Abu Dhabi. ("أم", mother
#: of, is also the conjunction "or".)
_KUNYA = ("أبو", "ابو")
_NOT_KUNYA = frozenset({"ظبي"})
_CUE = re.compile(
    rf"(?<![\u0600-\u06ff])(?P<cue>{'|'.join(_NAMING + _GREETING + _INTRODUCING)}|{'|'.join(_KUNYA)}|د\.|يا)"
    rf"/?\s+(?=({_AR_WORD}))"  # a letter's address writes "السيد/ عبدالله"
)
#: The lineage inside a name: "son of" / "daughter of" and the father's name ("عبدالله بن سعد بن
#: محمد القحطاني", "هيفاء بنت خالد الشمري"). It makes a name of the word before it, however common.
_NASAB = re.compile(rf"\s+(?:بن|بنت|ابن|ابنة)\s+({_AR_WORD})")
_NEXT = re.compile(rf"\s+({_AR_WORD})")
_INITIALS = re.compile(r"\.(?:\s?[\u0621-\u064a]\.)*")
_SPEAKER_COLON = re.compile(r"\s*:")
#: Words that end a name even without punctuation: pronouns, prepositions, verbs of speech.
_STOP = frozenset(
    "في من إلى الى على عن مع هو هي هذا هذه التي الذي قال قالت يقول بيقول كان كانت لم لن قد و أو او ثم "
    "انا أنا انت أنت احنا نحن عند عندي عشان علشان بس لكن جزيلا جزيلاً كتير كثيرا كثيراً جدا جداً لك لكم ليك بك "
    "بيك بكم يا حبيبي حبيبتي عزيزي عزيزتي صديقي ممكن لو سمحت حضرتك رقم رقمه رقمها رقمي رقمك القومي عنوانه "
    "عنوانها المحترم المحترمة حفظه حفظها".split()
)
#: A first word after a naming cue is a name below this frequency ("أنوب"), not "يعاني" (suffers).
_RARE_ZIPF = 3.0
#: A second or third word after a name this frequent is the sentence going on.
_NAME_ZIPF = 5.0


@lru_cache(maxsize=8192)
def _known_given(word: str) -> bool:
    """A given name of Faker's Arabic pools or of any origin pool ("فاطمة", which Faker's lacks)."""
    from ..surrogate.namepools import origin_index
    from .scripts import script_names

    return word in script_names()[0] or bool(origin_index().locales(word, "given"))


def _next_word(word: str, zipf: Callable[[str, str], float], ceiling: float) -> bool:
    """A further part of the name: a given name, or a word rarer than `ceiling` ("محمود سيد", but
    not "ورقمه", and his number, nor "الرئيس", the president)."""
    if word in _STOP or (word.startswith("و") and not _known_given(word)):
        return False
    return _known_given(word) or zipf(word, "ar") < ceiling


def arabic_spans(text: str) -> Iterator[Span]:
    """PERSON spans of names introduced by a title, "his name is", a greeting or the vocative."""
    from wordfreq import zipf_frequency

    for m in _CUE.finditer(text):
        word, cue = m.group(2), m.group("cue")
        if word in _STOP:
            continue
        naming = cue in _NAMING or cue == "د."
        rare = naming and not word.startswith("ال") and zipf_frequency(word, "ar") < _RARE_ZIPF
        lineage = naming and (n := _NASAB.match(text, m.end(2))) is not None and n.group(1) not in _STOP
        if not (_known_given(word) or rare or lineage):
            continue  # "المريض يعاني" (the patient suffers), "السيد المدير" (the director)
        if cue in _KUNYA and word in _NOT_KUNYA:
            continue  # "أبو ظبي", Abu Dhabi
        end = m.end(2)
        frequent = cue in _PREDICATIVE and zipf_frequency(word, "ar") >= _PREDICATE_ZIPF
        # after a known given name a fairly common word may still be the father's or family name
        # ("محمود سيد"); after a rare word only another rare one ("اسمه أنوب يرسل": "sends" is a verb)
        ceiling = _NAME_ZIPF if _known_given(word) else _RARE_ZIPF
        if (linked := _lineage_end(text, end)) > end:
            end, ceiling = linked, _NAME_ZIPF  # after a lineage a family name may be a common word
        for _ in range(0 if cue == "يا" else 2):  # "يا أحمد تعال": after a vocative comes the verb
            nxt = _NEXT.match(text, end)
            pair = _NEXT.match(text, nxt.end(1)) if nxt is not None and nxt.group(1) == "عبد" else None
            if pair is not None and pair.group(1) not in _STOP:
                end = pair.end(1)  # "عبد الرحمن": one name of two words, "servant of the Merciful"
                frequent = False
                continue
            if nxt is None or not _next_word(nxt.group(1), zipf_frequency, ceiling):
                break
            if frequent and not _known_given(nxt.group(1)):
                break  # "العميل سعيد بالخدمة": the predicate goes on, no second name
            frequent = False
            end = _lineage_end(text, nxt.end(1))
        if frequent and not _SPEAKER_COLON.match(text, end):
            continue  # "أنا سعيد جدا" (I am very happy); but "الموظف كريم:" speaks
        if (dots := _INITIALS.match(text, end)) is not None and end - text.rfind(" ", 0, end) == 2:
            end = dots.end()  # "محمود ف. ع.": the father's and grandfather's initials
        start = m.start("cue") if cue in _KUNYA else m.start(2)
        yield Span(start, end, "PERSON", SCORE, "scripts")


def _lineage_end(text: str, end: int) -> int:
    """The end of the lineage after a name part, if any: up to five "بن/بنت …" links."""
    for _ in range(5):
        link = _NASAB.match(text, end)
        if link is None or link.group(1) in _STOP:
            break
        end = link.end(1)
    return end


#: Kinds of institution that open their name, with and without the article.
_KINDS = (
    "مستشفى مستوصف عيادة صيدلية شركة مؤسسة بنك مصرف جامعة مدرسة وزارة هيئة دائرة بلدية محكمة مركز مجموعة "
    "معهد كلية جمعية نقابة صندوق مديرية"
).split()
_INSTITUTION = re.compile(rf"(?<![\u0600-\u06ff])(?:ال)?(?:{'|'.join(_KINDS)})(?:[ \t]+{_AR_WORD}){{1,5}}")
#: A word after a kind this frequent, with no article, is the sentence going on ("رفضت", refused).
_GENERIC_ZIPF = 4.2


def _name_word(word: str, zipf: Callable[[str, str], float]) -> bool:
    """A word of an institution's name: with the article ("الجامعة", "للتأمين"), an adjective of
    origin ("العربي", "الأردنية") or a rare word (a place, "صويلح"); not a verb ("رفضت")."""
    return word.startswith(("ال", "لل")) or word.endswith(("ي", "ية")) or zipf(word, "ar") < _GENERIC_ZIPF


def arabic_institution_spans(text: str) -> Iterator[Span]:
    """ORGANIZATION spans of institutions named after their kind, up to punctuation."""
    from wordfreq import zipf_frequency

    for m in _INSTITUTION.finditer(text):
        words = m.group().split()
        kept = [words[0]]
        for i, w in enumerate(words[1:], 1):
            place = w == "في" and i + 1 < len(words)  # "… الشامل في صويلح": "in" a place
            if not place and (w in _STOP or not _name_word(w, zipf_frequency)):
                break
            kept.append(w)
        while kept[-1] == "في":
            kept.pop()
        generic = len(kept) == 2 and not kept[1].endswith(("ي", "ية")) and zipf_frequency(kept[1], "ar") >= 4.2
        if len(kept) < 2 or generic:
            continue  # "الشركة" alone, "شركة التأمين" (the insurance company)
        yield Span(m.start(), _end_of(text, m.start(), kept), "ORGANIZATION", SCORE, "scripts")


def _end_of(text: str, start: int, words: list[str]) -> int:
    """Where the kept words end in the text (they may be parted by any run of blanks)."""
    pos = start
    for w in words:
        pos = text.index(w, pos) + len(w)
    return pos
