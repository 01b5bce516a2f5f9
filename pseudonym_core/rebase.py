"""Whether a call's new mappings can be committed on top of what another process stored meanwhile.

A session's commit is optimistic: it succeeds only if nobody wrote since the call caught up
(rule 12). With several batch workers on one session, the other worker has almost always
written something during a call, and deciding again costs a whole batch's decisions (issue 10:
two workers spent a quarter more CPU per KB than one). Most of those writes concern other
people and values. When nothing the other process stored could have changed this call's
decisions, the call adopts those mappings and commits its own on top ("rebase") instead.

The test is conservative: any doubt means deciding again, which is always correct.
A clash is any of
- the same original, or the same surrogate, or a surrogate equal to an original (one key space);
- a surrogate word in both (rule 4: no word of a surrogate stands for two things);
- a surrogate word of one side that is a word of the other side's texts;
- an original, a name part or a lower-case surrogate form of theirs that this call's texts
  contain (known-entity matching would have found it), compared word by word;
- a value (phone, account, ID) of theirs whose digits this call's texts contain in any layout.
The vault's unique keys stay the last guard: a clash this test missed fails loudly there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from .normalize import clean_form, clean_key
from .restore.forms import compact
from .vault.base import Delta, MappingRecord

_WORD = re.compile(r"\w+")
#: Digits of a value compared with the texts: enough to tell two numbers apart, few enough to
#: match a phone written with or without its country code.
_VALUE_DIGITS = 7


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(clean_form(text))}


def clashes(
    theirs: Delta,
    ours: Sequence[MappingRecord],
    our_word_hashes: set[bytes],
    texts: Iterable[str],
    hash_word: Callable[[str], bytes],
) -> bool:
    """True when `theirs` (stored by another process since this call caught up) may change what
    this call decided for `texts`, whose new mappings are `ours` and new text words `our_word_hashes`."""
    if not theirs.records and not theirs.lowercase and not theirs.word_hashes:
        return False
    our_keys = {clean_key(r.original) for r in ours} | {r.surrogate.casefold() for r in ours}
    their_keys = {clean_key(r.original) for r in theirs.records} | {r.surrogate.casefold() for r in theirs.records}
    if our_keys & their_keys:
        return True
    our_surrogate_words = set().union(*(_words(r.surrogate) for r in ours))
    their_surrogate_words = set().union(*(_words(r.surrogate) for r in theirs.records))
    if our_surrogate_words & their_surrogate_words:
        return True
    if any(hash_word(w) in theirs.word_hashes for w in our_surrogate_words):
        return True
    if any(hash_word(w) in our_word_hashes for w in their_surrogate_words):
        return True
    bodies = list(texts)
    text_words = set().union(*(_words(t) for t in bodies))
    if any(w in text_words for form in theirs.lowercase for w in _words(form)):
        return True
    for rec in theirs.records:
        if (words := _words(rec.original)) and words <= text_words:
            return True
    values = [digits[-_VALUE_DIGITS:] for r in theirs.records if len(digits := _digits(r.original)) >= _VALUE_DIGITS]
    if values:
        compacted = [_digits(t) for t in bodies]
        if any(v in c for v in values for c in compacted):
            return True
    return False


def _digits(text: str) -> str:
    return "".join(c for c in compact(text) if c.isdigit())
