"""Korean institutions, told by the kind word they end in.

Korean writes a hospital, a clinic, a bank or an insurer as one word ending in its kind:
"분당서울대병원", "연세봄소아청소년과", "서울튼튼소아과". A case particle may follow
("서울튼튼소아과는"). Generic kinds are written the same way ("대학병원", university hospital;
"동물병원", animal hospital), so the part before the kind must be a name: three syllables or more,
or two that wordfreq's Korean list does not hold as a word ("대학", "동물" and "삼성" it does).

Places ("정자동", "정자역") are left alone: their units end too many ordinary words ("남자친구",
"자동"), and without MeCab (which wordfreq needs to split Korean) a compound cannot be told from a
name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..decide.frequency import listed
from .base import Span

SCORE = 0.6
_HANGUL_WORD = re.compile(r"[\uac00-\ud7af]{3,}")
#: Kinds that end clinics, schools and foundations. Not "센터", "은행", "보험", "공사": they end
#: generic words too often ("서비스센터", "인터넷은행", "자동차보험", "인테리어공사").
_ORG_KINDS = ("병원", "의원", "소아과", "청소년과", "치과", "한의원", "약국", "대학교", "학교", "협회", "재단")
#: Particles that may follow the word: "서울튼튼소아과는", "분당서울대병원에서".
_PARTICLES = sorted(
    "에서 에게 에는 에도 으로 로 에 은 는 이 가 을 를 의 와 과 도 만 까지 부터 처럼 보다".split(), key=len, reverse=True
)
#: A two-syllable part this frequent in Korean is a word ("대학", university), not a name.
RARE_ZIPF = 3.0


#: Public offices named after their place or field, whatever that word is: "마포경찰서",
#: "서울중앙지방검찰청", "마포구청", "서부교육지원청", "국민건강보험공단", "홍대공인중개사사무소".
_PUBLIC_KINDS = (
    "경찰서", "경찰청", "검찰청", "지방법원", "법원", "구청", "시청", "군청", "교육청", "교육지원청", "세무서",
    "공단", "소비자원", "주민센터", "행정복지센터", "사무소", "국세청", "관세청",
)  # fmt: skip
#: National bodies whose name is their kind: the tax, police, customs, patent and statistics offices.
_NATIONAL_BODIES = frozenset("국세청 경찰청 관세청 병무청 특허청 조달청 통계청 한국소비자원".split())


def _kind(word: str) -> str:
    return max((k for k in _ORG_KINDS + _PUBLIC_KINDS if word.endswith(k)), key=len, default="")


def hangul_org_spans(text: str) -> Iterator[Span]:
    """ORGANIZATION spans of Korean words that end in an institution's kind after a name."""
    for m in _HANGUL_WORD.finditer(text):
        word = m.group()
        if not _kind(word):
            for particle in _PARTICLES:
                if word.endswith(particle) and _kind(word[: -len(particle)]):
                    word = word[: -len(particle)]
                    break
        kind = _kind(word)
        name = word[: len(word) - len(kind)]
        if word in _NATIONAL_BODIES or (kind in _PUBLIC_KINDS and len(name) >= 2):
            yield Span(m.start(), m.start() + len(word), "ORGANIZATION", SCORE, "scripts")  # "마포" + "경찰서"
            continue
        if not kind or len(name) < 2:
            continue
        if not listed(name, "ko", RARE_ZIPF):  # "동물" is a word
            yield Span(m.start(), m.start() + len(word), "ORGANIZATION", SCORE, "scripts")
