"""Organizations by their legal form: "… Ltd", "… Holdings Inc.", "… UCITS ETF", "… Bank and Trust".

spaCy's small model misses most company names it has not seen; a legal-form or fund suffix
after a run of capitalized words is a reliable, language-independent signal. From each suffix the
name is grown leftwards over capitalized words (and "&", "and", "of" between them) and rightwards
over further suffixes, share classes and roman numerals.
"""

from __future__ import annotations

import re

from .base import BaseDetector, Span

SUFFIXES = frozenset(
    """
    inc incorporated ltd limited llc l.l.c llp lp plc corp corporation co company companies group holding
    holdings gmbh ag kgaa kg sa s.a sas sarl nv n.v bv b.v spa s.p.a srl ab asa a/s oyj oy pty pte bhd tbk
    bancorp bancorporation bancshares bank trust fund funds etf etn ucits partners associates capital
    acquisition foundation university institute hospital clinic industries technologies systems solutions
    pharmaceuticals therapeutics energy financial insurance motors airlines labs co.ltd
    aps a/s oyj s.l s.l.u sarl s.a.r.l s.a.s s.r.l s.p.a e.v ug ohg gbr kk k.k pvt pte sdn bhd ltda lda s.r.o
    a.s kft zrt nyrt d.o.o doo vzw asbl pllc p.c sp.zo.o sp.j sp.k s.c s.a.dec.v gk cic
    practice pharmacy chemists school academy college society association court surgery
    """.split()
)
#: Legal forms that are also ordinary words or initials: they count only in these spellings.
_EXACT: dict[str, frozenset[str]] = {
    "as": frozenset({"AS"}), "asa": frozenset({"ASA"}), "se": frozenset({"SE"}), "sl": frozenset({"SL"}),
    "kk": frozenset({"KK"}), "oy": frozenset({"Oy", "OY"}), "ab": frozenset({"AB"}), "sa": frozenset({"SA"}),
    "ag": frozenset({"AG"}), "kg": frozenset({"KG"}), "ug": frozenset({"UG"}), "spa": frozenset({"SpA", "SPA"}),
    "sas": frozenset({"SAS"}), "bv": frozenset({"BV"}), "nv": frozenset({"NV"}), "lp": frozenset({"LP"}),
    "pc": frozenset({"PC"}), "gk": frozenset({"GK"}), "cic": frozenset({"CIC"}),
    "union": frozenset({"Union"}),
}  # fmt: skip
#: Legal forms written in lower case: "e.V." (eingetragener Verein), "sp. z o.o.".
_LOWER_FORMS = frozenset({"e.v", "sp.zo.o"})
#: Institution words that need a specific word before them: a "Credit Union", not the "European Union".
_NEEDS_BEFORE = {"union": frozenset({"credit"}), "society": frozenset({"building", "housing", "friendly"})}
#: Words that describe a kind of institution without naming one: "Primary School", "Crown Court".
_GENERIC = frozenset(
    """
    dental medical health primary secondary high middle junior senior elementary grammar public private state
    community general district county regional national central family crown supreme magistrates appeal
    appeals building credit university city town village local royal british american european international
    world global new old the our my your small claims family probate employment
    """.split()
)
_TRAILERS = frozenset("i ii iii iv v unit units class series preferred shares a b c".split())
_CONNECTORS = frozenset(["&", "and", "-", "de", "für"])
#: Words that head a name with "of": "Bank of …", "University of …".
_HEADS = frozenset(
    "bank university institute college school hospital museum department ministry church board council "
    "society association office bureau center centre academy trust".split()
)
_BAD_START = frozenset(
    """
    the a an this that our my your their his her we i it in on at for from to of and hi hello dear hey thanks attn
    re fwd cc
    """.split()
)
#: Multi-word legal forms become one token: "Sp. z o.o.", "S.A. de C.V.", "Sp. j.".
_MULTI = r"Sp\.\s?z\s?o\.\s?o\.?|S\.\s?A\.\s?de\s?C\.\s?V\.?|Sp\.\s?[jk]\.|sp\.\s?z\s?o\.\s?o\.?"
_TOKEN = re.compile(rf"{_MULTI}|[\w'’&+.*/-]+")
ORG_SCORE = 0.7


def _norm(tok: str) -> str:
    return tok.casefold().replace(" ", "").rstrip(".,")


def _is_suffix(tok: str) -> bool:
    """A legal form or institution word, in a spelling that cannot be an ordinary word."""
    norm = _norm(tok)
    exact = _EXACT.get(norm)
    if exact is not None:
        return tok.rstrip(".,") in exact
    return norm in SUFFIXES


def _capital(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1].isdigit() or tok[:1] in "&+"


class OrganizationDetector(BaseDetector):
    name = "orgs"

    def detect(self, text: str) -> list[Span]:
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        spans: list[Span] = []
        i = 0
        while i < len(toks):
            if not _is_suffix(toks[i][2]) or not (_capital(toks[i][2]) or _norm(toks[i][2]) in _LOWER_FORMS):
                i += 1
                continue
            needs = _NEEDS_BEFORE.get(_norm(toks[i][2]))
            if needs is not None and (i == 0 or toks[i - 1][2].casefold() not in needs):
                i += 1
                continue
            left = self._grow_left(text, toks, i) if i > 0 else None
            if left is None and _norm(toks[i][2]) in _HEADS and i + 2 < len(toks) and toks[i + 1][2] == "of":
                left = i
            if left is None:
                i += 1
                continue
            right = self._grow_right(text, toks, i)
            if all(_norm(t[2]) in _GENERIC or _is_suffix(t[2]) for t in toks[left : right + 1]):
                i = right + 1  # "Primary School", "Crown Court": a kind of institution, not a name
                continue
            start, end = toks[left][0], toks[right][1]
            while end > start and text[end - 1] in ",;:":
                end -= 1
            spans.append(Span(start, end, "ORGANIZATION", ORG_SCORE, self.name))
            i = right + 1
        return spans

    @staticmethod
    def _gap_ok(text: str, a: tuple[int, int, str], b: tuple[int, int, str], allow_comma: bool) -> bool:
        gap = text[a[1] : b[0]]
        return gap in (" ", "\t") or (allow_comma and gap == ", ")

    def _grow_left(self, text: str, toks: list[tuple[int, int, str]], i: int) -> int | None:
        j = i
        words = 0
        while j > 0 and i - j < 8:
            prev = toks[j - 1]
            allow_comma = j == i and _norm(toks[i][2]) in ("inc", "ltd", "llc", "plc", "co")
            if _norm(toks[i][2]) in _NEEDS_BEFORE and j == i:
                j -= 1  # "Credit" itself is generic but belongs to the name
                continue
            if not self._gap_ok(text, prev, toks[j], allow_comma) or (
                prev[2].endswith((".", ",")) and len(prev[2]) > 3
            ):
                break
            word = prev[2]
            if _norm(word) in _EXACT:
                break  # "AS and AB testing": two bare legal forms make no name
            if _capital(word) and word.casefold() not in _BAD_START:
                j -= 1
                words += 1
            elif word.casefold() in ("and", "&") and not self._one_word_before(text, toks, j - 1):
                break  # "Marks and Spencer", but not "the Social Insurance Institution and PKO Bank"
            elif (
                j - 2 >= 0
                and _capital(toks[j - 2][2])
                and (word.casefold() in _CONNECTORS or (word == "of" and toks[j - 2][2].casefold() in _HEADS))
            ):
                j -= 1
            else:
                break
        while j < i and toks[j][2].casefold() in _CONNECTORS:
            j += 1
        return j if words and j < i else None

    def _one_word_before(self, text: str, toks: list[tuple[int, int, str]], k: int) -> bool:
        """Whether exactly one capitalised word stands before the connector at `k`."""
        if k < 1 or not _capital(toks[k - 1][2]):
            return False
        if k < 2:
            return True
        before = toks[k - 2]
        return not (_capital(before[2]) and self._gap_ok(text, before, toks[k - 1], False))

    def _grow_right(self, text: str, toks: list[tuple[int, int, str]], i: int) -> int:
        k = i
        if _norm(toks[i][2]) in _HEADS and i + 2 < len(toks) and toks[i + 1][2] == "of":
            while k + 2 < len(toks) and k - i < 6 and _capital(toks[k + 2][2]) and toks[k + 1][2] in ("of", "and"):
                k += 2
                while (
                    k + 1 < len(toks)
                    and k - i < 6
                    and self._gap_ok(text, toks[k], toks[k + 1], False)
                    and (_capital(toks[k + 1][2]) and toks[k + 1][2].casefold() not in _BAD_START)
                ):
                    k += 1
        while k + 1 < len(toks) and self._gap_ok(text, toks[k], toks[k + 1], True):
            nxt = _norm(toks[k + 1][2])
            if _is_suffix(toks[k + 1][2]) or (nxt in _TRAILERS and toks[k + 1][2][:1].isupper()):
                k += 1
            else:
                break
        return k
