"""Per-candidate rules: configured types and thresholds, allow list, dates, and word protection.

Each rule returns the reason it drops a candidate, so an explanation can quote it.
"""

from __future__ import annotations

from ..config import PseudonymizerConfig
from ..detect.base import Span
from ..detect.places import is_place_name
from ..surrogate.dates import parse_full_date
from .words import is_common_phrase, is_framework_text, is_function_word, words_of

#: Sources the user controls: their spans are kept whatever the other rules say.
USER_SOURCES = ("custom", "deny_list")
#: Acronyms the small NER model likes to call organizations; they name field types, not parties.
NOT_ENTITIES = frozenset(
    """
    iban ssn dob pin cvv cvc id ceo cfo cto coo hr it pdf url api faq eta asap vat zip tin ein bic
    swift gdpr ipv4 ipv6 vpn hipaa pii phi icu er gp dm fyi tbd n/a ok usd eur gbp mrn
    """.split()
)
#: Detectors that type a span by context or a list, so a common word they vouch for may stay.
_TYPED_BY_CONTEXT = ("orgs", "fields", "cues", "cities", "gazetteer", "address", "known")
_NAMED = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})


def _non_latin(value: str) -> bool:
    letters = [c for c in value if c.isalpha()]
    return bool(letters) and sum(not c.isascii() and c > "\u024f" for c in letters) > len(letters) / 2


def drop_reason(cfg: PseudonymizerConfig, text: str, span: Span, sources: set[str], allow: set[str]) -> str | None:
    """None when the candidate stays; otherwise the rule that drops it.

    `sources` are all detectors that proposed this very extent (their votes add up as evidence).
    """
    if span.source.startswith(USER_SOURCES):
        return None
    value = text[span.start : span.end]
    if not cfg.wants(span.label):
        return f"{span.label} is not among the configured entity types"
    if span.score < cfg.threshold_for(span.label):
        return f"score {span.score:.2f} below the {span.label} threshold {cfg.threshold_for(span.label):.2f}"
    folded = value.strip().casefold()
    if folded in allow:
        return "on the allow list"
    if folded in NOT_ENTITIES:
        return "a field-type acronym, not a party"
    if span.label == "DATE_TIME":
        if cfg.date_mode == "all" or (cfg.date_mode == "full" and parse_full_date(value) is not None):
            return None
        return f"not a full date (date_mode={cfg.date_mode!r})"
    if span.label not in _NAMED:
        return None
    if is_framework_text(value):
        return "a prompt-template word of an LLM framework"
    if span.source == "spacy" and _non_latin(value):
        return "the English statistical model guessing on non-Latin script"
    words = words_of(value)
    if len(words) == 1 and is_function_word(words[0]) and not any(s.startswith(("cues", "fields")) for s in sources):
        return "a function word, never a name on its own"
    if (
        span.label != "PERSON"
        and not any(s.startswith(_TYPED_BY_CONTEXT) for s in sources)
        and is_common_phrase(value)
        and not (span.label == "LOCATION" and is_place_name(value))
    ):
        return f"common words typed {span.label} by the statistical model alone"
    return None
