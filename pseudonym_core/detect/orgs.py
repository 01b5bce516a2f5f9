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
    """.split()
)
#: Words that say "this is an organization" when they end or head a name (legal forms included):
#: the decide stage keeps a guessed organization made of common words only when it has one.
ORG_WORDS = SUFFIXES | frozenset(
    """
    practice surgery pharmacy school college academy council authority agency service services centre center
    health healthcare medical care trust society association union club board office department ministry
    court tribunal church museum library bureau network telecom mobile water power gas electric utilities
    insurance assurance casualty mutual auto motors logistics transport freight consulting consultants
    law legal solicitors attorneys accountants realty properties estates lettings homes housing hotel hotels
    restaurant cafe store stores shop shops market supermarket studio studios media press publishing
    works factory farm farms garage dental optician opticians clinics hospitals laboratories
    """.split()
)
_TRAILERS = frozenset("i ii iii iv v unit units class series preferred shares a b c".split())
_CONNECTORS = frozenset(["&", "and", "-", "de", "für"])
#: Words that head a name with "of": "Bank of …", "University of …".
_HEADS = frozenset(
    "bank university institute college school hospital museum department ministry church board council "
    "society association office bureau center centre academy trust".split()
)
_BAD_START = frozenset("the a an this that our my your their his her we i it in on at for from to of and".split())
_TOKEN = re.compile(r"[\w'’&+.*/-]+")
ORG_SCORE = 0.7


def _norm(tok: str) -> str:
    return tok.casefold().rstrip(".,")


def _capital(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1].isdigit() or tok[:1] in "&+"


class OrganizationDetector(BaseDetector):
    name = "orgs"

    def detect(self, text: str) -> list[Span]:
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        spans: list[Span] = []
        i = 0
        while i < len(toks):
            if _norm(toks[i][2]) not in SUFFIXES or not _capital(toks[i][2]):
                i += 1
                continue
            left = self._grow_left(text, toks, i) if i > 0 else None
            if left is None and _norm(toks[i][2]) in _HEADS and i + 2 < len(toks) and toks[i + 1][2] == "of":
                left = i
            if left is None:
                i += 1
                continue
            right = self._grow_right(text, toks, i)
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
            if not self._gap_ok(text, prev, toks[j], allow_comma) or (
                prev[2].endswith((".", ",")) and len(prev[2]) > 3
            ):
                break
            word = prev[2]
            if _capital(word) and word.casefold() not in _BAD_START:
                j -= 1
                words += 1
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
            if nxt in SUFFIXES or (nxt in _TRAILERS and toks[k + 1][2][:1].isupper()):
                k += 1
            else:
                break
        return k
