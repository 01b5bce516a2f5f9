"""The one registry of entity labels: what each label means and how every stage treats it.

Before this module the same facts lived in three lists (the config's default entities, the
resolver's mergeable labels, the restorer's "flexible" labels) and a fourth in the evaluation
code, and they drifted apart. Each stage now asks the registry, and a detector declares the
labels it can emit against it, so a new kind of entity is added in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["person", "place", "organization", "contact", "financial", "identifier", "time", "network", "group"]


@dataclass(frozen=True, slots=True)
class LabelInfo:
    """How the engine treats one label.

    `mergeable`: same-label neighbours separated by a space join into one entity ("John" + "Smith").
    `flexible`: restored by letters and digits alone, whatever separators the model writes.
    `default`: masked by the default configuration.
    """

    name: str
    kind: Kind
    description: str
    mergeable: bool = False
    flexible: bool = False
    default: bool = True


_LABELS: dict[str, LabelInfo] = {}


def register_label(info: LabelInfo) -> LabelInfo:
    """Add or replace a label (custom recognizers may invent their own; unknown ones still work)."""
    _LABELS[info.name] = info
    return info


for _info in (
    LabelInfo("PERSON", "person", "a person's name or part of it", mergeable=True),
    LabelInfo("LOCATION", "place", "a street address, city, region or country", mergeable=True),
    LabelInfo("ORGANIZATION", "organization", "an employer, school, clinic, bank, firm…", mergeable=True),
    LabelInfo("EMAIL_ADDRESS", "contact", "an e-mail address, also written with 'at'/'dot'"),
    LabelInfo("PHONE_NUMBER", "contact", "a phone number in any layout", flexible=True),
    LabelInfo("USERNAME", "contact", "a user name, login or @handle"),
    LabelInfo("URL", "contact", "a web address"),
    LabelInfo("CREDIT_CARD", "financial", "a payment card number (Luhn-valid)", flexible=True),
    LabelInfo("IBAN_CODE", "financial", "an IBAN (mod-97 valid)", flexible=True),
    LabelInfo("CRYPTO", "financial", "a cryptocurrency wallet address"),
    LabelInfo("US_BANK_NUMBER", "financial", "a US bank account number", flexible=True, default=False),
    LabelInfo("IDENTIFIER", "identifier", "a customer, account, policy, case or ticket ID", flexible=True),
    LabelInfo("NATIONAL_ID", "identifier", "switch for every country-specific ID label (US_SSN, UK_NHS, …)"),
    LabelInfo("US_SSN", "identifier", "a US social security number", flexible=True),
    LabelInfo("US_ITIN", "identifier", "a US individual taxpayer number", flexible=True),
    LabelInfo("US_PASSPORT", "identifier", "a US passport number", flexible=True),
    LabelInfo("US_DRIVER_LICENSE", "identifier", "a US driver's licence number", flexible=True),
    LabelInfo("UK_NHS", "identifier", "a UK NHS number", flexible=True),
    LabelInfo("MEDICAL_LICENSE", "identifier", "a medical licence number"),
    LabelInfo("DATE_TIME", "time", "a full date (date of birth, visit date), shifted per session"),
    LabelInfo("IP_ADDRESS", "network", "an IPv4 or IPv6 address"),
    LabelInfo("MAC_ADDRESS", "network", "a MAC address"),
    LabelInfo("NRP", "group", "a nationality, religion or political group", default=False),
):
    register_label(_info)

#: Country-specific labels (Presidio's), all switched on together by "NATIONAL_ID".
NATIONAL_ID_PREFIXES: tuple[str, ...] = (
    "US_", "UK_", "DE_", "ES_", "IT_", "IN_", "PL_", "FI_", "SE_", "SG_", "AU_", "CA_",
    "KR_", "NG_", "PH_", "TH_", "TR_", "ZA_",
)  # fmt: skip


def is_national_id(label: str) -> bool:
    """Country-specific labels share one switch so users need not list seventy of them."""
    return label.startswith(NATIONAL_ID_PREFIXES)


def label_info(label: str) -> LabelInfo:
    """The registered info, or a neutral default for a label only a user rule knows."""
    info = _LABELS.get(label)
    if info is not None:
        return info
    if is_national_id(label):
        return LabelInfo(label, "identifier", "a national ID number", flexible=True)
    return LabelInfo(label, "identifier", "a custom label")


def all_labels() -> list[LabelInfo]:
    return list(_LABELS.values())


def default_entities() -> tuple[str, ...]:
    """Switched on by default; the country-specific ones come in through "NATIONAL_ID"."""
    return tuple(info.name for info in _LABELS.values() if info.default and not is_national_id(info.name))


#: Labels the engine can produce (a trained tagger may emit any of them; gold data uses them too).
KNOWN_LABELS: frozenset[str] = frozenset(_LABELS)


def mergeable(label: str) -> bool:
    return label_info(label).mergeable


def flexible(label: str) -> bool:
    return label_info(label).flexible
