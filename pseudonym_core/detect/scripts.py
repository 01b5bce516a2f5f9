"""Names written in non-Latin scripts: Arabic, Hebrew, Cyrillic, Greek, Devanagari and other
Indic scripts, Thai, Hangul, Chinese and Japanese.

The English models see "محمد الأحمد" or "김민준" as noise: they either skip it or tag the words
around it. In otherwise Latin-script text a short run of another script is almost always a
name, an address or a company quoted in its own writing, so it is proposed by shape (with CJK
company and address markers deciding the type). In text written mostly in that script, only
names confirmed by Faker's per-locale name pools are proposed, with Korean particles split off.
"""

from __future__ import annotations

import importlib
import itertools
import re
from bisect import bisect_left
from functools import lru_cache

from .base import BaseDetector, Span

SCRIPT_SCORE = 0.6
_LETTERS = (
    "\u0370-\u03ff\u0400-\u04ff\u0500-\u052f\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u0750-\u077f"
    "\u0900-\u0dff\u0e00-\u0e7f\u10a0-\u10ff\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\u200c"
)
_WORD = f"[{_LETTERS}]+"
#: Up to four words of one foreign-script run, separated by a space, a middle dot or an ideographic space.
_RUN = re.compile(rf"(?<![{_LETTERS}\w]){_WORD}(?:[ \u3000\u30fb・]{_WORD}){{0,3}}(?![{_LETTERS}\w])")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL_TOKEN = re.compile(r"[\uac00-\ud7af]+")
_CJK_ORG = (
    "有限公司", "股份有限公司", "公司", "株式会社", "有限会社", "大学", "医院", "病院", "银行", "銀行", "集团", "学校",
    "学院", "中心",
)  # fmt: skip
_CJK_PLACE = re.compile(r"〒|[都道府県市区町村省路号街]")
#: Chains of Chinese and Japanese administrative units: "河北省石家庄市", "台北市大安區", "愛知県",
#: "名古屋市". Two characters are too few ("超市" is a supermarket, "城市" a city in general).
#: "都" is a unit only in "東京都": in Chinese it is the adverb "all" ("中国移动都打来电话").
_ADMIN_CHAIN = re.compile(r"(?:[\u4e00-\u9fff]{1,6}?(?:自治区|省|市|区|區|县|縣|(?<=東京)都|府|県|州))+")
_GENERIC_PLACES = frozenset({"大都市", "自治区", "工业区", "開發區", "开发区", "保税区", "市辖区"})
#: Common words ending in a unit character: "超市" (supermarket), "城市" (city), "社区" (community).
_GENERIC_ENDS = frozenset(
    "超市 城市 都市 本市 全市 该市 該市 此市 各市 地区 地區 社区 社區 小区 小區 园区 園區 郊区 郊區 城区 城區 "
    "景区 景區 市区 市區 本区 全区 山区 校区 街区 灾区 本州 全省 本省 各省 外省 首都".split()
)
#: Verbs, prepositions and particles that run into a place name in unspaced text: "去", "住在", "的".
_LEADS = frozenset("我你他她它们們在去到住于於从從来來回的是和与與及往向自")
#: A Korean word this frequent is a word of the text (wordfreq lists famous full names too, so the
#: pools' own names are let through first). Three syllables after a family name are a full name's
#: shape, and a few such names are listed between 3.0 and 3.5 ("김하늘" 3.0, "김민수" 3.1), while
#: the words of forms are far more frequent ("지원자" 3.7, "이메일" 4.4, "주소" 5.1).
KOREAN_WORD_ZIPF = 3.0
KOREAN_NAME_SHAPED_ZIPF = 3.5
#: The Korean mark of a company limited by shares, written before its name.
_KO_FIRM = re.compile(r"(?:\(주\)|㈜|주식회사[ ]?)(?=[\uac00-\ud7af])")
#: Korean case particles and honorifics that follow a name: "김민준씨가" → "김민준".
_KO_SUFFIXES = sorted(
    "씨 님 씨가 씨는 씨를 씨의 씨에게 님이 님은 님을 님의 님께 이 가 은 는 을 를 의 에게 께서 와 과 도 한테".split(),
    key=len,
    reverse=True,
)
_NAME_LOCALES = (
    "ar_AA", "ar_SA", "ar_PS", "bg_BG", "bn_BD", "el_GR", "fa_IR", "gu_IN", "he_IL", "hi_IN", "hy_AM",
    "ja_JP", "ka_GE", "ko_KR", "mk_MK", "mr_IN", "ne_NP", "or_IN", "ru_RU", "ta_IN", "th_TH", "uk_UA",
    "zh_CN", "zh_TW",
)  # fmt: skip


@lru_cache(maxsize=1)
def script_names() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, family names) of Faker's non-Latin locales, as written there."""
    given: set[str] = set()
    family: set[str] = set()
    for loc in _NAME_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            given.update(_names(getattr(provider, attr, ())))
        family.update(_names(getattr(provider, "last_names", ())))
    return frozenset(given), frozenset(family)


@lru_cache(maxsize=1)
def _family_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(f) for f in script_names()[1]}))


def _opens_with_family_name(value: str) -> bool:
    """One set lookup per family-name length, not one prefix test per family name (thousands)."""
    family = script_names()[1]
    return any(value[:k] in family for k in _family_lengths() if k <= len(value))


def _hangul_name(value: str) -> bool:
    """A Hangul run quoted in Latin text has a Korean name's shape: a given name of the pools, or
    two to four syllables (five after a two-syllable family name) opening with a family name, and
    no frequent Korean word ("성명", name; "주소", address) unless the pools hold both its parts."""
    from ..decide.frequency import listed

    given, family = script_names()
    compact = value.replace(" ", "")
    if compact in given:
        return True
    longest = 5 if compact[:2] in family else 4
    if not 2 <= len(compact) <= longest or not _opens_with_family_name(compact):
        return False
    floor = KOREAN_WORD_ZIPF if len(compact) == 2 else KOREAN_NAME_SHAPED_ZIPF
    return not listed(compact, "ko", floor) or (compact[:1] in family and compact[1:] in given)


def _names(pool: object) -> list[str]:
    items = pool.keys() if isinstance(pool, dict) else pool
    return [str(n) for n in items] if isinstance(items, list | tuple | type({}.keys())) else []


def _admin_place(value: str) -> bool:
    """A chain of administrative units of three characters or more, and no generic one."""
    if len(value) < 3 or value in _GENERIC_PLACES or value[-2:] in _GENERIC_ENDS or value[0] in _LEADS:
        return False
    return _ADMIN_CHAIN.fullmatch(value) is not None


#: Addresses, links and codes ("seoyeon.park91@naver.com", "CZ3081") are Latin in any language's text.
_VALUE_TOKEN = re.compile(r"[\w.%+'-]*(?:@|://)[\w./%?=&#:-]*|[\w-]*\d[\w-]*", re.ASCII)


def _foreign_share(text: str, values_out: bool = False) -> float:
    """The share of the script's letters among all letters; with `values_out`, leaving out e-mails,
    links and codes: "이메일은 seoyeon.park91@naver.com로 보내주세요" is Korean text, whose words are
    no names. (Only for a run's whole line: a short window around a run is mostly Latin when an
    address stands beside a name quoted in its script.)"""
    letters = [c for c in (_VALUE_TOKEN.sub(" ", text) if values_out else text) if c.isalpha()]
    if not letters:
        return 0.0
    return sum(not c.isascii() and re.match(f"[{_LETTERS}]", c) is not None for c in letters) / len(letters)


class ScriptNameDetector(BaseDetector):
    name = "scripts"
    labels = frozenset({"PERSON", "ORGANIZATION", "LOCATION"})

    def detect(self, text: str) -> list[Span]:
        if _RUN.search(text) is None:
            return []
        spans = []
        native = False
        # a short message written wholly in the script has nothing around its one run: it is native
        # text too, not a name quoted in Latin text ("山本さんに電話してください。" is no name)
        whole = _foreign_share(text) > 0.5
        breaks = [i for i, c in enumerate(text) if c == "\n"]
        native_lines: dict[int, bool] = {}  # one look per line, not per run (rule 13)
        for m in _RUN.finditer(text):
            value = m.group()
            around = text[max(0, m.start() - 40) : m.start()] + text[m.end() : m.end() + 40]
            k = bisect_left(breaks, m.start())
            if k not in native_lines:
                line = text[breaks[k - 1] + 1 if k else 0 : breaks[k] if k < len(breaks) else len(text)]
                native_lines[k] = _VALUE_TOKEN.search(line) is not None and _foreign_share(line, values_out=True) >= 0.5
            in_script = _foreign_share(around) >= 0.5 or native_lines[k]
            if len(value) > 40 or whole or in_script:
                native = True  # written in the script itself: see _native
                continue
            label = "PERSON"
            if _CJK.search(value):
                if _admin_place(value):
                    label = "LOCATION"
                elif value.endswith(_CJK_ORG):
                    label = "ORGANIZATION"
                elif _CJK_PLACE.search(value) and len(value.replace(" ", "")) > 4:
                    label = "LOCATION"
                elif not _KANA.search(value) and not _opens_with_family_name(value):
                    continue  # ideographs that open with no family name: a word ("番号"), not a name
            elif firm := _KO_FIRM.search(text, max(0, m.start() - 5), m.end()):  # "(주)한빛모빌리티"
                if firm.end() < m.end():
                    spans.append(Span(firm.start(), m.end(), "ORGANIZATION", SCRIPT_SCORE, self.name))
                continue
            elif _HANGUL_TOKEN.fullmatch(value.replace(" ", "")) and not _hangul_name(value):
                continue  # a Korean word of a bilingual form ("성명 Name:", "휴대폰 Mobile:"), not a name
            spans.append(Span(m.start(), m.end(), label, SCRIPT_SCORE, self.name))
        from .arabic_names import arabic_institution_spans, arabic_spans
        from .cased_scripts import cased_spans
        from .han_names import han_spans  # jieba and Janome load only for Chinese or Japanese text
        from .hangul_orgs import hangul_org_spans
        from .thai_names import thai_spans

        found = [*han_spans(text), *arabic_spans(text), *arabic_institution_spans(text), *cased_spans(text)]
        found += hangul_org_spans(text)
        found += thai_spans(text)
        return [*spans, *found, *(self._native(text) if native else [])]

    def _native(self, text: str) -> list[Span]:
        """Text written in the script itself: only names the pools confirm, and administrative
        places by their unit words."""
        given, family = script_names()
        spans = []
        for m in _ADMIN_CHAIN.finditer(text):
            start = m.start()
            while text[start] in _LEADS and m.end() - start > 3:
                start += 1
            if _admin_place(text[start : m.end()]):
                spans.append(Span(start, m.end(), "LOCATION", SCRIPT_SCORE, self.name))
        for m in _HANGUL_TOKEN.finditer(text):
            word = m.group()
            for suffix in _KO_SUFFIXES:
                if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                    word = word[: -len(suffix)]
                    break
            if 2 <= len(word) <= 4 and word[:1] in family and word[1:] in given:
                spans.append(Span(m.start(), m.start() + len(word), "PERSON", SCRIPT_SCORE, self.name))
        words = [(w.start(), w.end(), w.group()) for w in re.finditer(_WORD, text)]
        for (a, _, w1), (b, e, w2) in itertools.pairwise(words):
            if text[a + len(w1) : b] != " " or _HANGUL_TOKEN.fullmatch(w1):
                continue
            if (w1 in given and w2 in family) or (w1 in family and w2 in given):
                spans.append(Span(a, e, "PERSON", SCRIPT_SCORE, self.name))
        return spans
