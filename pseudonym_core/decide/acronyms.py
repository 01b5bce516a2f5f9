"""An organization's acronym defined right after its name: "Deutsche Rentenversicherung (DRV)".

Letters and forms refer to a body by its acronym once it has been spelled out ("Techniker
Krankenkasse (TK)", "Information Commissioner's Office (ICO)"). The acronym names the organization
as surely as the full name does, but alone it is three capitals that no model or list knows. Where
an organization was kept and a bracketed run of capitals follows it, the capitals are taken when
they can be read off the name, as the Schwartz-Hearst rule reads abbreviations: every letter in
order, the first one opening a word of the name ("KIT" in "Karlsruher Institut für Technologie",
"DRV" in "Deutsche RentenVersicherung"), so "(PDF)" or "(EUR)" after a name are left alone; the name
has two words at least ("Seoul/Incheon (ICN)" is an airport's code after a place), and the acronym
three letters and no English word: "(DB)" or "(WHO)" would then be masked wherever "DB" or "who"
is written. Other
occurrences of the acronym are then found by known-entity matching.
"""

from __future__ import annotations

import re

from ..detect.base import Span
from .explain import Trace
from .words import is_common_word

_AFTER = re.compile(r"[ \t]*\((?P<acronym>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ&]{2,7})\)")


def acronym_spans(text: str, kept: list[Span], trace: Trace) -> list[Span]:
    """ORGANIZATION spans of the acronyms that kept organizations define right after their name."""
    out = []
    taken = {(s.start, s.end) for s in kept}
    for s in kept:
        if s.label != "ORGANIZATION":
            continue
        m = _AFTER.match(text, s.end)
        if m is None or (m.start("acronym"), m.end("acronym")) in taken:
            continue
        name = text[s.start : s.end]
        acronym = m.group("acronym")
        if len(name.split()) >= 2 and not is_common_word(acronym.lower()) and spells(acronym, name):
            span = Span(m.start("acronym"), m.end("acronym"), "ORGANIZATION", s.score, s.source)
            trace.note(span, "the acronym its organization defines right before it")
            out.append(span)
    return out


def spells(acronym: str, name: str) -> bool:
    """Schwartz-Hearst: the acronym's letters occur in order in the name, read from the end, and its
    first letter opens a word of the name."""
    short, long = acronym.casefold().replace("&", ""), name.casefold()
    j = len(long) - 1
    for i in range(len(short) - 1, -1, -1):
        c = short[i]
        while j >= 0 and (long[j] != c or (i == 0 and j > 0 and long[j - 1].isalnum())):
            j -= 1
        if j < 0:
            return False
        j -= 1
    return True
