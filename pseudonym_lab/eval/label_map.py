"""Mapping other tools' entity names onto the engine's labels, for scoring a team's own data.

Labelled data comes from many tools (presidio-evaluator, spaCy/CoNLL NER, annotation apps), each
with its own names: ``PER``, ``GPE``, ``STREET_ADDRESS``, ``first_name``. `DEFAULT_LABEL_MAP` maps
the common ones (case-insensitively) onto the engine's labels; ``--label-map`` adds or overrides
entries. Two targets are not engine labels:

- ``IGNORE``: text the gold data leaves undecided (an age, a nationality): counted neither as
  personal data nor as innocent text, as in the project's own sets.
- ``O``: not personal data under this project's conventions (a job title, "Mr."): the span is
  dropped, so masking it counts as over-masking.

A label that maps to nothing is an error naming the label, never a silent guess: guessing would
score a detector against the wrong question.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from pseudonym_core.errors import PseudonymError
from pseudonym_lab.eval.data import IGNORE_LABEL, KNOWN_LABELS
from pseudonym_lab.eval.generated import IGNORED_SLOTS, SLOT_LABELS, UNLABELED_SLOTS

#: Target meaning "not personal data": the span is dropped from the gold data.
OUTSIDE = "O"


class LabelledDataError(PseudonymError, ValueError):
    """A labelled data file or label map cannot be read; the message names a line, never the text."""


def _by_name(targets: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {name: target for target, names in targets.items() for name in names}


#: Other tools' names (upper case) → engine label, IGNORE or O. Engine labels map to themselves.
DEFAULT_LABEL_MAP: dict[str, str] = {
    # presidio-evaluator's sentence faker: its template slot names
    **{k.upper(): v for k, v in SLOT_LABELS.items()},
    **dict.fromkeys((k.upper() for k in IGNORED_SLOTS), IGNORE_LABEL),
    **dict.fromkeys((k.upper() for k in UNLABELED_SLOTS), OUTSIDE),
    **_by_name(
        {
            "PERSON": ("PER", "NAME", "PERSON_NAME", "FULL_NAME", "GIVEN_NAME", "FIRSTNAME", "LASTNAME", "SURNAME"),
            "LOCATION": ("LOC", "GPE", "FAC", "CITY", "COUNTRY", "STATE", "ZIP", "ZIP_CODE", "ZIPCODE", "POSTAL_CODE"),
            "ADDRESS": ("STREET_ADDRESS", "FULL_ADDRESS", "HOME_ADDRESS"),
            "ORGANIZATION": ("ORG", "COMPANY", "ORGANISATION"),
            "EMAIL_ADDRESS": ("EMAIL", "E-MAIL", "MAIL"),
            "PHONE_NUMBER": ("PHONE", "TELEPHONE", "TEL", "MOBILE", "FAX", "PHONENUMBER"),
            "CREDIT_CARD": ("CREDIT_CARD_NUMBER", "CARD_NUMBER", "CC"),
            "IBAN_CODE": ("IBAN",),
            "IP_ADDRESS": ("IP", "IPV4", "IPV6"),
            "URL": ("DOMAIN_NAME", "WEBSITE", "LINK"),
            "DATE_TIME": ("DATE", "DOB", "BIRTH_DATE", "DATE_OF_BIRTH"),
            "US_SSN": ("SSN",),
            "US_DRIVER_LICENSE": ("DRIVER_LICENSE", "DRIVERS_LICENSE"),
            "NATIONAL_ID": ("PASSPORT", "PASSPORT_NUMBER", "ID_NUMBER", "NATIONAL_ID_NUMBER", "TAX_ID"),
            "IDENTIFIER": ("ID", "ACCOUNT_NUMBER", "CUSTOMER_ID", "MRN", "BANK_ACCOUNT"),
            "USERNAME": ("USER", "USER_NAME", "HANDLE", "LOGIN"),
            IGNORE_LABEL: ("AGE", "NATIONALITY", "TIME"),
            OUTSIDE: ("TITLE", "JOB", "JOB_TITLE", "PREFIX", "O"),
        }
    ),
    **{lab: lab for lab in KNOWN_LABELS},  # last: an engine label always means itself
}

TARGETS: frozenset[str] = frozenset({*KNOWN_LABELS, IGNORE_LABEL, OUTSIDE})


def parse_label_map(spec: str | None) -> dict[str, str]:
    """``--label-map``: a JSON file of ``{"theirs": "OURS"}`` or ``THEIRS=OURS,OTHER=IGNORE``."""
    if not spec:
        return {}
    path = Path(spec)
    if path.suffix.lower() == ".json" or path.is_file():
        if not path.is_file():
            raise LabelledDataError(f"label map file not found: {spec}")
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise LabelledDataError(f"label map {path.name}: not valid JSON ({type(exc).__name__})") from None
        if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
            raise LabelledDataError(f'label map {path.name}: expected an object {{"THEIRS": "OURS", ...}}')
        pairs = list(raw.items())
    else:
        pairs = []
        for item in (p.strip() for p in spec.split(",")):
            theirs, sep, ours = item.partition("=")
            if not sep or not theirs.strip() or not ours.strip():
                raise LabelledDataError(f"--label-map entries look like THEIRS=OURS, got {item!r}")
            pairs.append((theirs, ours))
    out: dict[str, str] = {}
    for theirs, ours in pairs:
        target = ours.strip().upper()
        if target not in TARGETS:
            raise LabelledDataError(
                f"--label-map target {ours.strip()!r} is not an engine label; use one of "
                f"{', '.join(sorted(KNOWN_LABELS))}, {IGNORE_LABEL} or {OUTSIDE}"
            )
        out[theirs.strip().upper()] = target
    return out


class LabelMapper:
    """Resolves a source label with the user's map first, then the default map (case-insensitive)."""

    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        self.table = {**DEFAULT_LABEL_MAP, **{k.upper(): v for k, v in (overrides or {}).items()}}

    def __call__(self, label: str, where: str) -> str:
        target = self.table.get(label.strip().upper())
        if target is None:
            raise LabelledDataError(
                f"{where}: unknown label {label!r}; map it with --label-map {label}=PERSON (or another engine "
                f"label, {IGNORE_LABEL}, or {OUTSIDE} for not personal data)"
            )
        return target
