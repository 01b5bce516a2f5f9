"""Name-list detection for what a small NER model misses: lowercase and non-Anglo names.

spaCy's small model rarely tags "chinedu okafor" or a lone "Ágnes". A given name from the
multi-locale pools (Faker's per-locale lists) followed by capitalized or family-name tokens is a
strong enough signal; ordinary English words that happen to be names are excluded.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..surrogate.pools import COMMON_WORDS, is_plain_word, name_index
from .base import BaseDetector, Span
from .han_names import common_han_word

_TOKEN = re.compile(r"[^\W\d_](?:[\w’'-]*[^\W\d_])?\.?")
GAZETTEER_SCORE = 0.6
_LOWER_PAIR_SCORE = 0.55


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _ends_sentence(tok: str) -> bool:
    """ "Kowalczyk." closes a sentence; "B." is a middle initial and does not."""
    return tok.endswith(".") and len(tok) > 2


def _sentence_initial(text: str, start: int) -> bool:
    """A lone capitalized name-word opening a sentence is as likely a noun ("Server", "Grant")."""
    before = text[max(0, start - 64) : start].rstrip()  # a bounded look-back keeps long texts linear
    return not before or before[-1] in ".!?:;\n\"'(" or before.endswith("\\n")


#: Country names that are also common given names or words; left to NER and context.
_AMBIGUOUS_COUNTRIES = frozenset({"jordan", "chad", "georgia", "turkey", "jersey", "guinea", "china", "niger"})


#: Chinese / Japanese / Korean names: 2–4 ideographs or Hangul syllables, optionally "family given".
_EAST_ASIAN = re.compile(
    r"(?<![\u3400-\u9fff\uac00-\ud7af])"
    r"[\u3400-\u9fff\uac00-\ud7af]{1,3}(?:[ \u3000]?[\u3400-\u9fff\uac00-\ud7af]{1,3})"
    r"(?![\u3400-\u9fff\uac00-\ud7af])"
)
_LAST_FIRST = re.compile(r"(?<![\w,] )(?<!\w)([A-ZÀ-ÖØ-Þ][\w'’-]+), ([A-ZÀ-ÖØ-Þ][\w'’-]+)(?!,? [A-Z][\w'’-]*,)")
#: Short forms of given names that are English words and no entry of the name pools ("Will" of
#: William, "Bill", "Pat", "Art").
_NICKNAME_WORDS = frozenset("will bill bob rob pat art sue ray don ron sam ben dan nat val gus ted kit max".split())
_POSTCODE_AFTER = re.compile(r"[ \t]+\d{4,6}(?![\w-])")


def _country_pattern() -> re.Pattern[str]:
    import faker.providers.address.en_US as us

    names = [c for c in us.Provider.countries if c.casefold() not in _AMBIGUOUS_COUNTRIES]
    names += ["USA", "UK", "United States", "United Kingdom", "Czech Republic", "South Korea", "Greenland"]
    body = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


#: Vietnamese family names beyond Faker's ten: about twenty names cover nine in ten Vietnamese people.
_VI_FAMILY_EXTRA = ("Võ", "Hồ", "Ngô", "Đỗ", "Phan", "Huỳnh", "Lưu", "Đinh", "Trương", "Lâm", "Lý", "Đào", "Tô", "Cao")
#: One syllable; its case is checked apart (Latin-1 and Vietnamese ranges mix both cases).
_VI_SYLLABLE = "[^\\W\\d_]{1,7}"


@lru_cache(maxsize=1)
def _vietnamese_name() -> re.Pattern[str]:
    """A Vietnamese family name first, then one to three one-syllable name words: "Nguyễn Thị Thu Hà",
    "Trần Minh Khoa", "Võ Đức Thịnh" (or all in capitals: "NGUYỄN HOÀNG BẢO")."""
    from faker.providers.person.vi_VN import Provider

    family = sorted({*Provider.last_names, *_VI_FAMILY_EXTRA}, key=len, reverse=True)
    title = "|".join(family)
    upper = "|".join(f.upper() for f in family)
    return re.compile(rf"(?<![\w])(?:{title}|{upper})(?:[ ]{_VI_SYLLABLE}){{1,3}}(?![\w])")


@lru_cache(maxsize=1)
def _vi_given() -> frozenset[str]:
    """Vietnamese given and middle names of Faker's pool, folded: "thị", "văn", "minh", "đức"."""
    from faker.providers.person.vi_VN import Provider

    names = [*Provider.first_names_male, *Provider.first_names_female, *Provider.middle_names]
    return frozenset(part.casefold() for name in names for part in name.split())


def _leading_name(value: str) -> str | None:
    """The name at the start of `value`: its words in title case after a title-case family name, or
    in capitals after one in capitals ("Võ Đức Thịnh làm" → "Võ Đức Thịnh"), with a given or middle
    name of the pool among them: not "Lưu Ý" (note), "Hồ Gươm" (a lake), "HỒ SƠ BỆNH ÁN" (a file)."""
    words = value.split()
    upper = words[0].isupper()
    kept = [words[0]]
    for w in words[1:]:
        ok = w.isupper() if upper else w[:1].isupper() and (len(w) == 1 or w[1:].islower())
        if not ok:
            break
        kept.append(w)
    if len(kept) < 2 or not any(w.casefold() in _vi_given() for w in kept[1:]):
        return None
    return " ".join(kept)


def _vietnamese_spans(text: str) -> list[Span]:
    if not any(c in text for c in "ĐđăâêôơưƯƠĂÂÊÔ") and not re.search("[\u1ea0-\u1ef9]", text):
        return []  # no letter of Vietnamese's own: the family names alone ("Mai", "Lê") say too little
    from anyascii import anyascii

    from .places import is_place_name

    spans = []
    for m in _vietnamese_name().finditer(text):
        name = _leading_name(m.group())
        if name is not None and not is_place_name(anyascii(name)):  # "Hồ Chí Minh" is also the city
            spans.append(Span(m.start(), m.start() + len(name), "PERSON", GAZETTEER_SCORE, "gazetteer"))
    return spans


#: One Vietnamese syllable typed without its marks: onset, one to three vowels, coda ("Quoc", "Bao",
#: "Nghia", "Khanh").
_VI_ASCII_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?"
)


@lru_cache(maxsize=1)
def _vi_ascii() -> tuple[re.Pattern[str], frozenset[str]]:
    """A Vietnamese family name typed without marks, then one to three title-case syllables ("Tran
    Quoc Bao", "Bui Van Hung"); and the pools' given syllables so typed."""
    from anyascii import anyascii
    from faker.providers.person.vi_VN import Provider

    families = sorted({anyascii(f) for f in (*Provider.last_names, *_VI_FAMILY_EXTRA)}, key=len, reverse=True)
    pattern = re.compile(rf"(?<![\w'’-])(?:{'|'.join(families)})(?:[ ][A-Z][a-z]{{1,6}}){{1,3}}(?![\w'’-])")
    return pattern, frozenset(anyascii(g) for g in _vi_given())


def _vietnamese_ascii_spans(text: str) -> list[Span]:
    """Vietnamese names in English text, often typed without their marks: every word after the
    family name a Vietnamese syllable, one at least a given name of the pools; after a family name
    that is also an English word ("Do", "To") two of them, both of the pools."""
    from ..decide.words import is_dictionary_word
    from .places import is_place_name

    pattern, given = _vi_ascii()
    spans = []
    for m in pattern.finditer(text):
        family, *rest = m.group().split(" ")
        if not all(_VI_ASCII_SYLLABLE.fullmatch(w.casefold()) for w in rest):
            continue
        pooled = [w.casefold() in given for w in rest]
        if is_dictionary_word(family.casefold()):
            ok = len(rest) >= 2 and all(pooled)
        else:
            ok = any(pooled) and (len(rest) >= 2 or not is_dictionary_word(rest[0].casefold()))
        if ok and not is_place_name(m.group()):  # "Ho Chi Minh" is also the city
            spans.append(Span(m.start(), m.end(), "PERSON", GAZETTEER_SCORE, "gazetteer"))
    return spans


#: An inflected word this frequent in English is the word ("Called" of "Zoran Šitum Called Again").
_INFLECTED_ZIPF = 3.0


def _inflected_word(word: str) -> bool:
    """A frequent English word that the plain word list holds only in its dictionary form."""
    from ..decide.words import is_dictionary_word, zipf

    return len(word) > 3 and zipf(word.casefold()) >= _INFLECTED_ZIPF and is_dictionary_word(word)


class GazetteerDetector(BaseDetector):
    name = "gazetteer"

    def __init__(self) -> None:
        self._index = name_index()
        self._countries = _country_pattern()

    def _last_first_spans(self, text: str) -> list[Span]:
        """ "Bianchi, Giulia": a family name, a comma, then a given name (signatures, citations, forms)."""
        spans = []
        for m in _LAST_FIRST.finditer(text):
            family, given = m.group(1), m.group(2)
            if self._index.is_family(family) and not self._index.is_given(family) and self._given(given):
                spans.append(Span(m.start(), m.end(), "PERSON", 0.7, self.name))
        return spans

    def _east_asian_spans(self, text: str) -> list[Span]:
        """An ideograph or Hangul run starting with a family name from the zh/ja/ko pools."""
        pools = self._index.pools
        families = {f for loc in ("zh_CN", "ja_JP", "ko_KR") for f in pools[loc].family}
        spans = []
        for m in _EAST_ASIAN.finditer(text):
            value = m.group().replace("\u3000", " ")
            compact = value.replace(" ", "")
            if 2 <= len(compact) <= 5 and any(compact.startswith(f) and len(compact) > len(f) for f in families):
                if common_han_word(compact):
                    continue  # "谢谢" (thanks) opens with the family name 谢
                spans.append(Span(m.start(), m.end(), "PERSON", GAZETTEER_SCORE, self.name))
        return spans

    def _country_spans(self, text: str) -> list[Span]:
        """Country names, capitalized or upper case (lower-case "turkey" stays a bird)."""
        spans = []
        all_lower: bool | None = None  # read the whole text once, not per match
        for m in self._countries.finditer(text):
            if not m.group()[:1].isupper() and all_lower is None:
                all_lower = text.islower()
            if m.group()[:1].isupper() or all_lower:
                code = _POSTCODE_AFTER.match(text, m.end())  # "Norway 32045" closes an address block
                spans.append(Span(m.start(), code.end() if code else m.end(), "LOCATION", GAZETTEER_SCORE, self.name))
        return spans

    def _given(self, tok: str) -> bool:
        word = tok.rstrip(".")
        if "-" in word.strip("-"):  # "Bjørn-Are", "Jean-Pierre", "Anna-Lena": a given name first, then title case
            from ..decide.words import is_given_name

            parts = word.split("-")
            return len(parts) <= 3 and all(p.istitle() for p in parts) and is_given_name(parts[0])
        return len(word) > 1 and word.casefold() not in COMMON_WORDS and self._index.is_given(word)

    def _word_given(self, tok: str) -> bool:
        """A given name that is also an English word ("Will", "Hope", "Summer"), capitalised: a name
        only with a family name after it, see `_surname_shaped`."""
        folded = tok.casefold()
        if not tok[:1].isupper() or tok.isupper() or folded not in COMMON_WORDS:
            return False
        return folded in _NICKNAME_WORDS or self._index.is_given(tok)

    def _surname_shaped(self, tok: str) -> bool:
        """Capitalised, no English word and no place: what follows a given name as its family name.
        A family name of the pools counts when no dictionary holds it: the plain word list also
        holds surnames ("Jansen", "Jones", "Thornton"), and "Will Jones" is a person."""
        from ..decide.words import is_dictionary_word
        from .places import is_place_name

        word = tok.rstrip(".")
        if len(word) <= 2 or not word[:1].isupper() or word.isupper() or word != tok or word.casefold() in COMMON_WORDS:
            return False
        if self._family(word) and not is_dictionary_word(word.casefold()):
            return True
        return not is_plain_word(word.casefold()) and not is_place_name(word)

    def _family(self, tok: str) -> bool:
        word = tok.rstrip(".")
        return len(word) > 1 and word.casefold() not in COMMON_WORDS and self._index.is_family(word)

    def _name_part(self, tok: str) -> bool:
        """A follower joins the name when it is an initial or a known name, or at least no English word."""
        word = tok.rstrip(".")
        if len(word) == 1 or self._family(tok) or self._given(tok):
            return True
        return not is_plain_word(word) and not word.isupper() and not _inflected_word(word)

    def detect(self, text: str) -> list[Span]:
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        spans: list[Span] = self._country_spans(text) + self._last_first_spans(text) + _vietnamese_spans(text)
        spans += _vietnamese_ascii_spans(text)
        cjk = sum("\u3400" <= c <= "\ud7af" for c in text)
        if cjk and cjk < 0.3 * sum(c.isalpha() for c in text):  # a name quoted in Latin-script text
            spans += self._east_asian_spans(text)
        i = 0
        while i < len(toks):
            start, end, tok = toks[i]
            if self._word_given(tok) and i + 1 < len(toks) and text[end : toks[i + 1][0]] == " ":
                nxt_end, nxt = toks[i + 1][1], toks[i + 1][2]
                if self._surname_shaped(nxt):  # "Will Ashcroft", "Hope Delgado", not "Will Power"
                    spans.append(Span(start, nxt_end, "PERSON", GAZETTEER_SCORE, self.name))
                    i += 2
                    continue
            if not self._given(tok) or (tok.endswith(".") and len(tok) <= 2):
                i += 1
                continue
            j = i
            if _is_cap(tok):
                # absorb middle initials and capitalized followers: "Dorothy M Faria", "Jennifer B. Eiffel"
                while j + 1 < len(toks) and j - i < 3 and not _ends_sentence(toks[j][2]):
                    nxt_start, _, nxt = toks[j + 1]
                    gap = text[toks[j][1] : nxt_start]
                    if gap.strip() or "\n" in gap or not _is_cap(nxt) or not self._name_part(nxt):
                        break
                    j += 1
                if j > i or not _sentence_initial(text, start):
                    spans.append(Span(start, toks[j][1], "PERSON", GAZETTEER_SCORE, self.name))
            elif tok.islower() and j + 1 < len(toks):
                nxt_start, nxt_end, nxt = toks[j + 1]
                if nxt.islower() and not text[end:nxt_start].strip() and self._family(nxt):
                    j += 1
                    spans.append(Span(start, nxt_end, "PERSON", _LOWER_PAIR_SCORE, self.name))
            i = j + 1
        return spans
