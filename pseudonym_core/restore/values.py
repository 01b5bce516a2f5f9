"""A known value written in another format gets the same surrogate, in that format (rule 2).

"+35315550199" for a session that knows "+353 1 555 0199", an IBAN in lower case or without its
spaces, a card number with dots: the model must see one number per account, so the surrogate is
the session's own, its letters and digits laid out like the occurrence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .index import fold
from .session_index import Known, SessionIndex

if TYPE_CHECKING:
    from ..detect.base import Span


def _layout(template: str, chars: list[str], keep: int) -> str | None:
    """`template` with its letters and digits after the first `keep` replaced by `chars`, in order,
    lower case where the template has it; None when the counts differ."""
    slots = sum(1 for c in template if c.isalnum()) - keep
    if slots != len(chars):
        return None
    out, seen, it = [], 0, iter(chars)
    for c in template:
        if c.isalnum():
            seen += 1
            if seen > keep:
                new = next(it)
                c = new.lower() if c.islower() else new
        out.append(c)
    return "".join(out)


def formatted_surrogate(occurrence: str, known: Known, prefix: str = "") -> str:
    """The surrogate of a value found by `SessionIndex.lookup_value`, in the occurrence's layout.

    `prefix` holds the leading digits of the occurrence that are not part of the known value (the
    country and area code of a phone known only by its local part); they stay as written.
    """
    chars = [c for c in known.surrogate if c.isalnum()]
    laid_out = _layout(occurrence, chars, len(prefix))
    if laid_out is not None:
        return laid_out
    if prefix:
        lead = occurrence[: len(occurrence) - len(occurrence.lstrip("+ "))]
        return f"{lead}{prefix}{''.join(chars)}"
    return known.surrogate


def value_spans(text: str, index: SessionIndex, surrogate_source: str) -> list[Span]:
    """Known values in `text` whatever their format: originals (source "known-value", trusted like a
    checksum-validated pattern, so "4111.1111.1111.1111" is the known card and not a MAC address)
    and the session's own surrogates (`surrogate_source`: "surrogate" keeps them, "conflict" remasks)."""
    from ..detect.base import Span

    _, originals = index.originals_view()
    _, surrogates = index.restore_view()
    if not (len(originals) or len(surrogates)):
        return []
    folded = fold(text)
    out = [Span(s, e, k.label, 1.0, "known-value") for s, e, k in originals.find(text, folded, 0, len(text))]
    out += [Span(s, e, f.label, 1.0, surrogate_source) for s, e, f in surrogates.find(text, folded, 0, len(text))]
    return out
