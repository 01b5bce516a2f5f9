"""Thai names, found by the title written onto them.

Thai runs its words together and puts spaces only between phrases, so neither spaces nor capitals
mark a name, and no word list (wordfreq has none for Thai) tells a name from a word. What does is
the title, which Thai writes glued to the given name: "นางสาวพิมพ์ชนก" (Miss Phimchanok), "นพ.ธนกฤต"
(Dr., a physician), "ภญ.กมลวรรณ" (a pharmacist). The given name is one word up to the next space or
other script, of at most twelve letters and none of the words a title's letters also open
("นายจ้าง", employer; "นางพยาบาล", nurse). The family name is the phrase after that space when the
pools know it, when the name ends there (a line's end, punctuation, Latin text), or after a
profession's dotted title when it is long and opens no clause ("ไป", go; "ที่", at; "ครับ", a polite
particle). "คุณ" is also "you", so after it only a given name of the pools counts. A nickname is
quoted after "ชื่อเล่น" (nickname).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .base import Span

SCORE = 0.6
_TH = "[\u0e01-\u0e4e]"
#: Titles of people (Mr, Mrs, Miss, boy, girl) and of professions (physician, dentist, pharmacist,
#: nurse, doctor of philosophy, professors), longest first so "นางสาว" is not read as "นาง" + "สาว…".
_TITLES = sorted(
    "นาย นาง นางสาว น.ส. ด.ช. ด.ญ. เด็กชาย เด็กหญิง นพ. พญ. ทพ. ทพญ. ภก. ภญ. พว. ดร. ศ. รศ. ผศ. ศ.ดร. รศ.ดร. "
    "ผศ.ดร.".split(),
    key=len,
    reverse=True,
)
#: Words that open with a title's letters but are words: prime minister, employer, broker, capitalist,
#: district chief, officer ranks; nurse, model, beauty queen, angel; "that boy". A given name never
#: starts with them.
_NOT_NAMES = {
    "นาย": ("ก", "จ้าง", "หน้า", "ทุน", "อำเภอ", "ร้อย", "พล", "ท่าน", "สิบ", "ตำรวจ", "ช่าง", "ด่าน", "ประกัน", "ห้าง"),
    "นาง": ("พยาบาล", "แบบ", "งาม", "ฟ้า", "สนม", "เอก", "ร้าย", "ใน"),
    "เด็กชาย": ("คน", "ที่", "อายุ"),
    "เด็กหญิง": ("คน", "ที่", "อายุ"),
}
#: A given name is one word: longer runs are a title glued to a clause ("นายกรัฐมนตรีกล่าวว่า").
_LONGEST_GIVEN = 12
#: Titles written with a dot (the professions', and "น.ส.", "ด.ช.", "ด.ญ." for Miss, boy, girl): no word
#: opens with them, so after them a longer family name may stand mid-sentence.
_DOTTED = frozenset(t for t in _TITLES if t.endswith("."))
_TITLED = re.compile(rf"(?<!{_TH})(?P<title>{'|'.join(map(re.escape, _TITLES))}|คุณ)(?P<given>{_TH}{{2,20}})(?!{_TH})")
_FAMILY = re.compile(rf"[ ](?P<family>{_TH}{{3,20}})(?!{_TH})")
_MORE_THAI = re.compile(rf"[ ]{_TH}")
_NICKNAME = re.compile(rf"ชื่อเล่น\s*[\"“'‘]?(?P<nick>{_TH}{{2,12}})[\"”'’]")
#: Words that open a clause, not a family name: verbs of motion, prepositions, particles.
_CLAUSE_OPENERS = (
    "ไป มา ที่ ได้ จะ ให้ ใน กับ และ ว่า เป็น มี ไม่ ของ ครับ ค่ะ คะ นะ จ้ะ แล้ว โดย จาก ซึ่ง เพื่อ ตาม หรือ แต่ ก็ อยู่ ยัง ทาง โทร "
    "ขอบคุณ สวัสดี ขอ"
).split()
#: Polite particles end a sentence, never a family name: "นายสมชาย ขอบคุณมากครับ" (… thank you very much).
_PARTICLE_ENDS = ("ครับ", "ค่ะ", "คะ", "นะ", "จ้ะ", "จ้า")


def _pools() -> tuple[frozenset[str], frozenset[str]]:
    from .scripts import script_names

    return script_names()


def thai_spans(text: str) -> Iterator[Span]:
    """PERSON spans of titled Thai names and quoted nicknames."""
    if re.search(_TH, text) is None:
        return
    given_pool, family_pool = _pools()
    for m in _TITLED.finditer(text):
        title, given = m.group("title"), m.group("given")
        if title == "คุณ" and given not in given_pool:
            continue  # "คุณต้อง…" is "you must…"
        if given not in given_pool and (len(given) > _LONGEST_GIVEN or given.startswith(_NOT_NAMES.get(title, ()))):
            continue  # "นายจ้าง" (employer), "นางพยาบาล" (nurse), "นายกรัฐมนตรีกล่าวว่า" (the PM said)
        end = m.end("given")
        if (f := _FAMILY.match(text, end)) is not None:
            family = f.group("family")
            ends_here = _MORE_THAI.match(text, f.end()) is None  # a line's end, punctuation, Latin text
            # "มีชัย" ends the line as a family name; "ไปโรงพยาบาลเมื่อวาน" (went to hospital yesterday) is a clause
            opens = family.startswith(tuple(_CLAUSE_OPENERS))
            clause = family in _CLAUSE_OPENERS or (opens and (not ends_here or len(family) > 10))
            clause = clause or family.endswith(_PARTICLE_ENDS)
            professional = title in _DOTTED and len(family) >= 5  # "นพ.ธนกฤต วงศ์ไพศาล เลขที่…"
            if family in family_pool or (not clause and (ends_here or professional)):
                end = f.end("family")
        yield Span(m.start("given"), end, "PERSON", SCORE, "scripts")
    for m in _NICKNAME.finditer(text):
        yield Span(m.start("nick"), m.end("nick"), "PERSON", SCORE, "scripts")
