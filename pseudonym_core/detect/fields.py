"""Labelled form fields ("Name: …", "Address: …"): the label says what the value is.

Forms, CRM exports and ticket headers state the type of the value outright; trusting the label
recovers names and addresses that no model knows (rare names, foreign street names).
"""

from __future__ import annotations

import re

from .base import BaseDetector, Span

_FIELDS = {
    "PERSON": r"(?:full\s+)?name|patient|customer|client|contact(?:\s+person)?|employee|applicant|beneficiary|signed",
    "LOCATION": r"(?:home\s+|street\s+|postal\s+|mailing\s+)?address|addr|residence",
    "ORGANIZATION": r"company|employer|organi[sz]ation|firm|bank|insurer",
}
_PATTERNS = [
    (label, re.compile(rf"(?im)^[ \t]*(?:{names})[ \t]*:[ \t]*([^\n:(;]{{2,80}}?)[ \t]*(?:[(;][^\n]*)?$"))
    for label, names in _FIELDS.items()
]
FIELD_SCORE = 0.75


class FieldDetector(BaseDetector):
    name = "fields"

    def detect(self, text: str) -> list[Span]:
        spans = []
        for label, pattern in _PATTERNS:
            for m in pattern.finditer(text):
                value = m.group(1)
                words = value.split()
                if label == "PERSON" and (len(words) > 5 or any(c.isdigit() for c in value)):
                    continue
                spans.append(Span(m.start(1), m.end(1), label, FIELD_SCORE, self.name))
        return spans
