"""Organizations by their legal form: "… Ltd", "… Holdings Inc.", "… UCITS ETF", "… Bank and Trust".

spaCy's small model misses most company names it has not seen; a legal-form or fund suffix
after a run of capitalized words is a reliable, language-independent signal. From each suffix the
name is grown leftwards over capitalized words (and "&", "and", "of" between them) and rightwards
over further suffixes, share classes and roman numerals.
"""

from __future__ import annotations

import re

from ..surrogate.pools import is_plain_word
from .base import BaseDetector, Span
from .org_words import BAD_START as _BAD_START
from .org_words import CONNECTORS as _CONNECTORS
from .org_words import EXACT as _EXACT
from .org_words import GENERIC as _GENERIC
from .org_words import HEADS as _HEADS
from .org_words import KIN as _KIN
from .org_words import KIN_CONNECTORS as _KIN_CONNECTORS
from .org_words import LOWER_FORMS as _LOWER_FORMS
from .org_words import NEEDS_BEFORE as _NEEDS_BEFORE
from .org_words import PARTICLE_HEADS as _PARTICLE_HEADS
from .org_words import PARTICLES as _PARTICLES
from .org_words import SUFFIXES, WEAK_SUFFIXES, dotted_forms, foreign_forms
from .org_words import TRAILERS as _TRAILERS

#: Turkish forms with the trade words before them: "Ege Tekstil San. ve Tic. A.Ş.", "Yıldız Gıda Ltd. Şti.".
_TURKISH = (
    r"(?:(?:San\.\s?(?:ve|&)\s?)?T[iİ]c\.\s?)?(?:A\.\s?Ş\.|Ltd\.\s?Şti\.)|"
    r"(?:SAN\.\s?(?:VE|&)\s?)?T[İI]C\.\s?(?:A\.\s?Ş\.|LTD\.\s?ŞTİ\.)"
)
#: Multi-word legal forms become one token: "Sp. z o.o.", "S.A. de C.V.", "Sp. j.".
_MULTI = (
    r"(?i:sp\.\s?z\s?o\.\s?o\.?|S\.\s?A\.\s?de\s?C\.\s?V\.?)|Sp\.\s?[jk]\.|"
    r"\((?:Pvt|Pty|Private|Proprietary)\)\s?(?:Ltd|Limited)\.?|"  # "Ceylon Spice Exports (Pvt) Ltd"
    rf"{_TURKISH}"
)
_TURKISH_FORM = re.compile(_TURKISH)
_TOKEN = re.compile(rf"{_MULTI}|[\w'’&+.*/-]+")
_PAREN_CODE = re.compile(r" \([A-Z][\w]{1,12}\) ")
#: A short bracketed part inside a firm's name: "Tai Wah Trading (Holdings) Ltd", "S.F. Express (Hong Kong) Ltd".
_INNER_PAREN = re.compile(r"(?<= )\([A-Z][\w.&]*(?: [A-Z][\w.&]*){0,2}\)(?= )")
#: Two initials before a name ("S.F. Express", "J.P. Morgan") rarely end a sentence; a country's do
#: ("moved to the U.S. Acme Ltd hired me"), and so do three ("U.S.A.").
_INITIALS = re.compile(r"(?!U\.[SK]\.|E\.U\.)[A-Z]\.[A-Z]\.")
#: "inc." in lower case, as Quebec writes it, where it ends the name: "Rénovations Bellerive inc."
_LOWER_INC = re.compile(r"inc\.(?=[ \t]*(?:$|\n|,|\)))", re.M)
_BRANCH_HEADS = _HEADS | {"clinic", "inn", "hotel", "hospital", "university", "college"}
#: Heads that name a public body only with "of" after them: "Department of Basic Education",
#: "Ministry of Health", "Bureau of Labor Statistics"; "the Sales Department" is a team.
_OF_HEADS = frozenset({"department", "ministry", "bureau", "directorate", "secretariat"})
ORG_SCORE = 0.7
#: Courts are named after their seat with "at", "in" or "for" too: "IN THE COUNTY COURT AT BIRMINGHAM",
#: "High Court of Kenya at Nakuru", "Municipal Court in Prague".
_COURTS = frozenset({"court", "tribunal"})
_COURT_LINKS = ("of", "and", "at", "in", "for")
#: Legal forms written before the name (Baltic, Russian, Ukrainian, Kazakh, Indonesian): "UAB
#: „Senukai“", "SIA Rimi Latvia", "ООО «Ромашка»", "ТОВ «Нова Пошта»", "PT Telkom Indonesia".
_PREFIX_FORMS = (
    r"UAB|SIA|OOO|ООО|ОАО|ЗАО|ПАО|АО|ТОВ|ТОО|ПАТ|ПрАТ|АТ|PT|"
    r"НПО|НПП|ИП|ФГУП|ГУП|МУП|АНО|НКО|ОДО|ЧУП|ФОП|ПП|"  # "НПО «Волкова и Лазарева»", "ИП Иванов", "ФОП Коваль"
    r"(?i:công ty(?: tnhh| cổ phần)?|cty(?: tnhh)?|đại học|bệnh viện|ngân hàng|trung tâm)"  # Vietnamese, head first
)
#: A legal form written first, alone: a surrogate keeps it ("ИП Иванов" → "ИП Федоров").
PREFIX_FORM = re.compile(_PREFIX_FORMS)
_QUOTED = r"«[^»\n]{2,60}»|„[^“”\n]{2,60}[“”]|\"[^\"\n]{2,60}\"|“[^”\n]{2,60}”"
PREFIXED = re.compile(
    rf"(?<![\w.])(?P<form>{_PREFIX_FORMS})[ \u00a0]+(?:(?P<quoted>{_QUOTED})|"
    r"(?P<name>(?=[^\W\d_])[\w&'’-]+(?:[ ](?=[^\W_])[\w&'’-]+){0,4}))"
)


def _capitalised_run(words: list[str], bridge: bool = False) -> list[str]:
    """The words up to the first one not capitalised (a number may follow a first word); with
    `bridge`, one lower-case word between capitalised ones stays ("Đại học Bách khoa Hà Nội")."""
    run: list[str] = []
    for k, w in enumerate(words):
        inner = bridge and run and k + 1 < len(words) and words[k + 1][:1].isupper()
        if not (w[:1].isupper() or (run and w[:1].isdigit()) or inner):
            break
        run.append(w)
    return run


def _prefixed(text: str, source: str) -> list[Span]:
    """Names after a legal form written first, the form with them as the register writes it:
    quoted ("ООО «Ромашка»", whose surrogate keeps form and quotes), or capitalised words of which
    one at least is no English word ("PT Telkom Indonesia", not "PT Evaluation Notes"); "PT" needs
    two words."""
    from ..decide.words import is_dictionary_word

    out: list[Span] = []
    for m in PREFIXED.finditer(text):
        if m.group("name") is not None:
            words = _capitalised_run(m.group("name").split(), bridge=not m.group("form").isascii())
            if not words:
                continue
            m_end = m.start("name") + len(" ".join(words))
            if m.group("form") == "PT" and len(words) < 2:
                continue
            if all(w.isascii() and is_dictionary_word(w) for w in words):
                continue
        end = m.end("quoted") if m.group("quoted") else m_end
        start = m.start()
        out.append(Span(start, end, "ORGANIZATION", ORG_SCORE, source))
    return out


#: A bank named in one word: "Vietcombank", "Kutxabank", "Handelsbanken", "Sberbank".
_BANK_COMPOUND = re.compile(r"(?<![\w-])(?P<stem>[A-Z][a-z]{2,})(?:bank|banken|banka)(?![\w-])")


#: Languages that write a bank of something as one word ("Datenbank", "Blutbank", "Slaapbank").
_COMPOUNDING = ("de", "nl", "sv", "da", "nb", "cs", "pl")
_STEM_ZIPF = 2.5


def _bank_compounds(text: str, source: str) -> list[Span]:
    """One-word banks whose first part is a word of no language that compounds: not "Riverbank",
    "Foodbank", "Datenbank" (database), "Blutbank" (blood bank). Banks named after such a word
    ("Rabobank", "Handelsbanken") are left to the bank list."""
    from wordfreq import zipf_frequency

    from ..decide.words import is_dictionary_word

    out = []
    for m in _BANK_COMPOUND.finditer(text):
        stem = m.group("stem").casefold()
        if is_dictionary_word(m.group().casefold()) or is_dictionary_word(stem) or is_plain_word(stem):
            continue
        if any(zipf_frequency(stem, lang) >= _STEM_ZIPF for lang in _COMPOUNDING):
            continue
        out.append(Span(m.start(), m.end(), "ORGANIZATION", ORG_SCORE, source))
    return out


#: A form written with a dot after each letter but the last: "d.d", "k.s", "j.d.o.o" (final dot stripped).
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_CASE_SUFFIX = re.compile(r"['’][a-zçğıöşü]{1,5}$")  # Turkish: "Sigorta'ya", "Müdürlüğü'nden"


def _norm(tok: str) -> str:
    return _CASE_SUFFIX.sub("", tok.casefold().replace(" ", "").rstrip(".,"))


def _is_suffix(tok: str) -> bool:
    """A legal form or institution word, in a spelling that cannot be an ordinary word."""
    if _TURKISH_FORM.fullmatch(tok):
        return True
    norm = _norm(tok)
    exact = _EXACT.get(norm)
    if exact is not None:
        return tok.rstrip(".,") in exact
    if norm in SUFFIXES:
        return True
    long_forms, short_forms = foreign_forms()
    bare = norm.replace(".", "")
    # a dotted form ("s.n.c.") is no word in any case; a bare one only in capitals ("SNC", not "snc")
    if bare in long_forms or (bare in short_forms and ("." in norm or tok.rstrip(".,").isupper())):
        return True
    return bool(_DOTTED.fullmatch(norm)) and bare in dotted_forms()


def name_without_form(value: str) -> str | None:
    """The name of a firm without its trailing legal forms or institution words, which the text may
    use alone ("Netcompany A/S" … "Netcompany skiftede IP"); None where nothing that names it remains
    or what remains is a place ("London Clinic")."""
    from .places import is_place_name

    words = value.split()
    while words and _is_suffix(words[-1]):
        words.pop()
    while words and words[-1] in ("&", "and", "und", "et", "y", "e", "i", ","):
        words.pop()
    core = " ".join(words).rstrip(",")
    if len(words) == len(value.split()) or sum(c.isalpha() for c in core) < 4 or not core[:1].isupper():
        return None
    if all(_norm(w) in _GENERIC for w in words) or is_place_name(core):
        return None
    from ..decide.words import is_dictionary_word

    if all(is_dictionary_word(w.casefold()) for w in words):
        return None  # "Labor Court", "Sponsor Funds": alone, "Labor" and "Sponsor" are the words
    return core


def _lower_form(tok: str) -> bool:
    """A legal form written in lower case: listed ("e.V.", "sp. z o.o.") or dotted ("s.n.c.", "a.s.")."""
    norm = _norm(tok)
    return norm in _LOWER_FORMS or ("." in norm and _is_suffix(tok))


def _legal_form(tok: str) -> bool:
    """A legal form a comma may precede ("Kutxabank, S.A.", "Sunny Park, PLLC", "Acme, Inc."): one
    written with dots or in capitals, or a common English one; not an institution word ("Cork,
    Hospital")."""
    bare = tok.rstrip(".,")
    # two capitals ("SA", "AB") follow a comma as an ordinary abbreviation too: "Paris, SA and AB testing"
    written = "." in bare or (bare.isupper() and len(bare) > 2) or _norm(tok) in _COMMA_FORMS
    return written and _is_suffix(tok)


#: Legal forms a comma precedes however they are written: "Acme, Inc.", "Sardinha & Companhia, Lda.".
_COMMA_FORMS = frozenset({"inc", "ltd", "llc", "plc", "co", "lda", "ltda", "corp", "limited", "gmbh"})
#: A brand's spelling with its capital inside: "mBank", "eBay", "iHerb".
_CAMEL_START = re.compile(r"[a-z]{1,2}[A-Z][a-z]")


def _quebec_firm(named: list[str]) -> bool:
    """Words before a lower-case "inc." that name a firm: letters only, one at least no English word
    and no acronym ("Rénovations Bellerive inc.", not "VAT inc." or "Postage inc.")."""
    from ..decide.words import is_dictionary_word

    if not named or not all(w.isalpha() for w in named):
        return False
    return any(not w.isupper() and not is_dictionary_word(w.casefold()) for w in named)


def _plain_not_place(word: str) -> bool:
    """An English word that names no town: "Fair", "Talent"; not "Jericho" or "Riverside", which
    the dictionary lists too but which name the place an institution serves."""
    from .places import is_place_name

    return is_plain_word(word) and not is_place_name(word)


def _capital(tok: str) -> bool:
    return tok.lstrip("(")[:1].isupper() or tok[:1].isdigit() or tok[:1] in "&+" or bool(_CAMEL_START.match(tok))


class OrganizationDetector(BaseDetector):
    name = "orgs"
    labels: frozenset[str] = frozenset({"ORGANIZATION"})

    def detect(self, text: str) -> list[Span]:
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        parens = {p for m in _INNER_PAREN.finditer(text) for p in (m.start(), m.end() - 1)}
        spans: list[Span] = []
        i = 0
        while i < len(toks):
            of_head = _norm(toks[i][2]) in _OF_HEADS and i + 2 < len(toks) and toks[i + 1][2] == "of"
            lower_inc = not _capital(toks[i][2]) and _LOWER_INC.match(text, toks[i][0]) is not None
            written = _capital(toks[i][2]) or _lower_form(toks[i][2]) or lower_inc
            if not (_is_suffix(toks[i][2]) or of_head) or not written:
                i += 1
                continue
            needs = _NEEDS_BEFORE.get(_norm(toks[i][2]))
            if needs is not None and (i == 0 or toks[i - 1][2].casefold() not in needs):
                i += 1
                continue
            only_of = of_head and not _is_suffix(toks[i][2])
            if only_of and not _capital(toks[i + 2][2]):
                i += 1
                continue
            left = self._grow_left(text, toks, i, parens) if i > 0 and not only_of else None
            if left is None and _norm(toks[i][2]) in _HEADS and i + 2 < len(toks) and toks[i + 1][2].casefold() == "of":
                left = i
            if left is None:
                i += 1
                continue
            right = self._grow_right(text, toks, i)
            if all(_norm(t[2]) in _GENERIC or _is_suffix(t[2]) for t in toks[left : right + 1]):
                i = right + 1  # "Primary School", "Crown Court": a kind of institution, not a name
                continue
            named = [t[2] for t in toks[left:i] if t[2].casefold() not in _CONNECTORS]
            if _norm(toks[i][2]) in WEAK_SUFFIXES and len(named) == 1 and _plain_not_place(named[0]):
                i = right + 1  # "Fair Trading", "Talent Acquisition", "Travel and Police"; but "Thameside Water",
                continue  # "Jericho Health Centre" (a town is a dictionary word too)
            county = _norm(toks[i][2]) == "co" and i + 1 < len(toks) and _capital(toks[i + 1][2])
            if county and not _is_suffix(toks[i + 1][2]) and text[toks[i][1] : toks[i + 1][0]] == " ":
                i += 1  # "Ballincollig, Co. Cork" is an Irish county, not a company
                continue
            start, end = toks[left][0], toks[right][1]
            while end > start and (text[end - 1] in ",;:" or text.endswith("..", start, end)):
                end -= 1
            if text.count(")", start, end) > text.count("(", start, end):
                i = right + 1  # the growth stopped inside a bracket: "the agent (Acme) Ltd will reply"
                continue
            if lower_inc and not _quebec_firm(named):
                i = right + 1  # "(VAT inc.)", "£50 Postage inc.": "including", not a legal form
                continue
            spans.append(Span(start, end, "ORGANIZATION", ORG_SCORE, self.name))
            i = right + 1
        return spans + _prefixed(text, self.name) + _bank_compounds(text, self.name)

    @staticmethod
    def _gap_ok(text: str, a: tuple[int, int, str], b: tuple[int, int, str], allow_comma: bool) -> bool:
        gap = text[a[1] : b[0]]
        return gap in (" ", "\t") or (allow_comma and gap == ", ")

    def _grow_left(self, text: str, toks: list[tuple[int, int, str]], i: int, parens: set[int]) -> int | None:
        """The first token of the name that ends at suffix `i`; `parens` holds the brackets of short
        bracketed parts ("(Holdings)") that a name may contain."""
        j = i
        words = 0
        while j > 0 and i - j < 8:
            prev = toks[j - 1]
            allow_comma = j == i and _legal_form(toks[i][2])
            if _norm(toks[i][2]) in _NEEDS_BEFORE and j == i:
                j -= 1  # "Credit" itself is generic but belongs to the name
                continue
            gap = text[prev[1] : toks[j][0]]
            bracketed = (gap == " (" and prev[1] + 1 in parens) or (gap == ") " and prev[1] in parens)
            if not (bracketed or self._gap_ok(text, prev, toks[j], allow_comma)) or (
                prev[2].endswith((".", ",")) and len(prev[2]) > 3 and not _INITIALS.fullmatch(prev[2])
            ):
                break
            word = prev[2]
            if re.fullmatch(r"\d+\.|[A-Za-z]*\d{3,}\w*", word):
                break  # a list number "1." or a code "COMP2211" opens no name
            if _norm(word) in _EXACT:
                break  # "AS and AB testing": two bare legal forms make no name
            if _capital(word) and word.casefold() not in _BAD_START:
                j -= 1
                words += 1
            elif word.casefold() in ("and", "&") and not self._one_word_before(text, toks, j - 1):
                break  # "Marks and Spencer", but not "the Social Insurance Institution and PKO Bank"
            elif (
                word.casefold() in _KIN
                and j - 3 >= 0
                and toks[j - 2][2].casefold() in _KIN_CONNECTORS
                and _capital(toks[j - 3][2])
                and toks[j - 3][2].casefold() not in _BAD_START
            ):
                j -= 2  # "Handke i syn s.c.": the founder is the name, the kin word and "i" go with it
            elif (
                j - 2 >= 0
                and _capital(toks[j - 2][2])
                and (
                    word.casefold() in _CONNECTORS
                    or (word in _PARTICLES and _capital(toks[j][2]) and toks[j - 2][2] in _PARTICLE_HEADS)
                    or (word == "of" and toks[j - 2][2].casefold() in _HEADS)
                )
            ):
                j -= 1
            else:
                break
        while j < i and (toks[j][2].casefold() in _CONNECTORS or toks[j][2] in _PARTICLES):
            j += 1
        return j if words and j < i else None

    def _one_word_before(self, text: str, toks: list[tuple[int, int, str]], k: int) -> bool:
        """Whether exactly one capitalised word stands before the connector at `k`."""
        if k < 1 or not _capital(toks[k - 1][2]):
            return False
        if k < 2:
            return True
        before = toks[k - 2]
        opener = before[2].casefold() in _BAD_START  # "The Hongkong and Shanghai Banking Corporation"
        return opener or not (_capital(before[2]) and self._gap_ok(text, before, toks[k - 1], False))

    def _grow_right(self, text: str, toks: list[tuple[int, int, str]], i: int) -> int:
        k = i
        links = _COURT_LINKS if _norm(toks[i][2]) in _COURTS else ("of", "and")
        if _norm(toks[i][2]) in _HEADS and i + 2 < len(toks) and toks[i + 1][2].casefold() in links:
            while k + 2 < len(toks) and k - i < 6 and _capital(toks[k + 2][2]) and toks[k + 1][2].casefold() in links:
                k += 2
                while (
                    k + 1 < len(toks)
                    and k - i < 6
                    and self._gap_ok(text, toks[k], toks[k + 1], False)
                    and (_capital(toks[k + 1][2]) and toks[k + 1][2].casefold() not in _BAD_START)
                ):
                    k += 1
        while k + 1 < len(toks):
            paren = _PAREN_CODE.match(text, toks[k][1])  # "Tai Fung Textiles (HK) Limited", "Bank (Egypt) S.A.E."
            if paren and k + 2 < len(toks) and toks[k + 2][0] == paren.end() and _is_suffix(toks[k + 2][2]):
                k += 2
                continue
            if not self._gap_ok(text, toks[k], toks[k + 1], True):
                break
            nxt = _norm(toks[k + 1][2])
            capital = _capital(toks[k + 1][2]) or _lower_form(toks[k + 1][2])
            if (_is_suffix(toks[k + 1][2]) and capital) or (nxt in _TRAILERS and toks[k + 1][2][:1].isupper()):
                k += 1
            else:
                break
        # a campus or branch town after an institution word: "University College Cork", "Clinic London"
        gap = text[toks[k][1] : toks[k + 1][0]] if k + 1 < len(toks) else ""
        sentence_end = toks[k][2].endswith(".")  # "Tan Tock Seng Hospital. Madam Siti would like…"
        if gap == " " and not sentence_end and _norm(toks[k][2]) in _BRANCH_HEADS and _capital(toks[k + 1][2]):
            from .places import is_place_name

            if is_place_name(toks[k + 1][2].rstrip(".,")):
                k += 1
        return k
