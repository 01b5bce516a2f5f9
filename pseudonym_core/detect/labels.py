"""The entity labels the engine can produce (a minimal core-side list).

The tagger detector accepts any of them from a trained model, and the lab's gold data may only use
these. It lives in the core because the runtime needs it and the core never imports the lab; a
fuller label registry (`pseudonym_core/labels.py`, with descriptions and aliases) is planned and
would replace this module.
"""

from __future__ import annotations

KNOWN_LABELS: frozenset[str] = frozenset(
    {
        "PERSON",
        "LOCATION",
        "ORGANIZATION",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "CREDIT_CARD",
        "IBAN_CODE",
        "IP_ADDRESS",
        "URL",
        "US_SSN",
        "US_DRIVER_LICENSE",
        "US_PASSPORT",
        "US_BANK_NUMBER",
        "US_ITIN",
        "UK_NHS",
        "DATE_TIME",
        "CRYPTO",
        "MEDICAL_LICENSE",
        "NRP",
        # realistic set (issue 9): a whole street address, labelled identifiers, user names,
        # and any country's national ID number
        "ADDRESS",
        "IDENTIFIER",
        "USERNAME",
        "NATIONAL_ID",
    }
)
