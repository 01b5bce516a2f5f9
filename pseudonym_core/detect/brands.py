"""Organizations known by a short name, found by what the text does with them.

Banks, telcos, insurers and universities are mostly written as an acronym or a brand ("BCA",
"MACIF", "hdfc", "NTUA") that no model or legal-form rule knows. Four contexts give them away:

- an acronym spelled out just before it: "National Technical University of Athens (NTUA)";
- an account, card or app of it: "your BCA account", "my OTP account", "GTBank card";
- a chat speaker's affiliation: "[11:03] Zainab (MTN): Good morning";
- an insurer or bank cue: "insured with Admiral", "assuré MACIF", "Carrier: Keystone Mutual".

The name must not be an ordinary word in the first three ("my savings account", "the user
account"); after an insurer or bank cue a capitalised English word is a brand ("Admiral").
Account kinds written as acronyms ("ISA", "IRA", "HSA") are products, not organizations.
"""

from __future__ import annotations

import re

from .base import BaseDetector, Span

BRAND_SCORE = 0.6
#: Account and product kinds that precede "account" as acronyms but name no organization.
ACCOUNT_KINDS = frozenset(
    "isa lisa sipp ira hsa fsa rrsp tfsa resp cd 401k 403b ach atm pin sms nfc vip pro id user admin demo".split()
)
_FUNCTION = frozenset("of and the for de des du la le di del der und für & at in on".split())
_NAME = r"[A-Z][A-Za-z&]+|[A-Za-z]*[A-Z][A-Za-z]*|[a-z][a-z]{2,}"
_ACCOUNT = re.compile(
    rf"(?<![\w@.-])(?P<name>{_NAME})(?P<gap>[ ]+)(?:bank[ ]+)?(?:account|acct|card|app|online banking|"
    r"customer (?:care|service)|helpline|branch|savings|mortgage|loan|policy|sim|bundle)s?\b",
)
_SPEAKER = re.compile(r"(?m)(?:^|\]\s*)[A-Z][\w'’-]+(?:[ ][A-Z][\w'’-]+)?[ ]\((?P<name>[A-Z][A-Za-z&]{1,11})\):")
_CUE = re.compile(
    r"(?i:\binsured[ ]with|\binsurance[ ]with|\binsurer:?|\bassur[ée]e?|\bcarrier:|\bbank:|\bbanks[ ]with|"
    r"\bbanking[ ]with|\bmortgage[ ](?:from|with)|\bloan[ ]from)[ \t]+"
    r"(?P<name>[A-Z][\w&'’-]*(?:[ ](?:&[ ])?[A-Z][\w&'’-]*){0,3})"
)
_EXPANSION = re.compile(r"(?P<long>(?:[A-Z][\w'’-]*[ ]+(?:(?:of|and|for|the|de|du|des|di|del|der|für|&)[ ]+)*){2,9})"
                        r"\((?P<name>[A-Z]{2,8})\)")  # fmt: skip


def _ordinary(name: str) -> bool:
    """An English word or one the dictionary lists: no brand on its own ("savings", "Premium")."""
    from ..decide.words import is_common_word, is_dictionary_word, zipf

    folded = name.casefold()
    if folded in ACCOUNT_KINDS or folded in _FUNCTION:
        return True
    if name.isupper() and len(name) <= 6:
        return zipf(folded) >= 3.0  # "MY ACCOUNT" in capitals, but not "BCA"
    return is_dictionary_word(name) or is_common_word(name) or zipf(folded) >= 3.0


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.casefold() not in _FUNCTION).upper()


class BrandDetector(BaseDetector):
    """Acronyms and brands of banks, telcos, insurers and institutions, by context."""

    name = "brands"
    labels: frozenset[str] = frozenset({"ORGANIZATION"})
    reads_case = True  # an acronym is its capitals: reads the text as written, not the re-cased view

    def detect(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for m in _EXPANSION.finditer(text):
            words = m.group("long").split()
            for k in range(len(words) - 1):  # the longest tail of the run whose initials spell it
                if _initials(words[k:]) == m.group("name"):
                    long_start = m.start("long") + m.group("long").index(words[k])
                    long_end = m.start("long") + len(m.group("long").rstrip())
                    spans.append(Span(long_start, long_end, "ORGANIZATION", BRAND_SCORE, self.name))
                    spans.append(self._span(m, "name"))
                    break
        for pattern in (_ACCOUNT, _SPEAKER):
            spans.extend(self._span(m, "name") for m in pattern.finditer(text) if not _ordinary(m.group("name")))
        for m in _CUE.finditer(text):
            name = m.group("name")
            if not (name.casefold() in _FUNCTION or name.casefold() in ACCOUNT_KINDS):
                spans.append(self._span(m, "name"))
        return spans

    def _span(self, m: re.Match[str], group: str) -> Span:
        return Span(m.start(group), m.end(group), "ORGANIZATION", BRAND_SCORE, self.name)
