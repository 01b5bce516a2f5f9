"""DET_prompt: ask the local instruct LLM for the personal data in a text, as JSON.

The model only names strings; offsets come from finding those strings in the text, so a model
can never make a span point at text it did not name, and a string that is not in the text (a
hallucination) simply yields nothing. A 135M model is weak at this (the paper's DET_prompt uses
a large model), so everything it returns is treated as untrusted: malformed JSON, items without
fields, unknown types and implausible values (an "email" without "@") are dropped and counted,
and a chunk whose answer cannot be read at all yields no spans and counts as a fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import regex

from ..llm.jsonparse import extract_json
from ..llm.local import UsesLocalLM
from ..stats import StrategyStats
from .base import BaseDetector, Span

if TYPE_CHECKING:
    from ..config import PseudonymizerConfig

STRATEGY = "DET_prompt"
SCORE = 0.6
#: Characters per prompt: short chunks keep a small model on task and its JSON short.
CHUNK_CHARS = 600
#: Longest entity string accepted; anything longer is the model quoting whole sentences.
MAX_ENTITY_CHARS = 80

#: What a model may call each of our labels (keys normalised: lower case, single spaces).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "PERSON": ("person", "per", "name", "full name", "first name", "last name", "surname", "given name",
               "family name", "people", "individual", "patient", "doctor", "customer", "user", "contact",
               "employee", "human", "person name"),
    "LOCATION": ("location", "loc", "place", "city", "town", "village", "country", "state", "region",
                 "province", "address", "street", "street address", "home address", "postal address", "gpe",
                 "zip", "zip code", "postcode", "postal code", "area", "county"),
    "ORGANIZATION": ("organization", "organisation", "org", "company", "employer", "business", "institution",
                     "hospital", "clinic", "school", "university", "bank", "agency", "firm", "corporation",
                     "brand", "store", "shop", "team", "club", "charity", "department"),
    "EMAIL_ADDRESS": ("email", "email address", "e mail", "e mail address", "mail", "mail address"),
    "PHONE_NUMBER": ("phone", "phone number", "telephone", "telephone number", "mobile", "mobile number",
                     "cell", "cell phone", "fax", "tel", "number"),
    "DATE_TIME": ("date", "time", "datetime", "date time", "birthday", "date of birth", "dob", "birth date",
                  "timestamp", "day"),
    "CREDIT_CARD": ("credit card", "credit card number", "card", "card number", "cc", "debit card"),
    "IBAN_CODE": ("iban", "iban code", "bank account", "account number", "bank account number"),
    "IP_ADDRESS": ("ip", "ip address", "ipv4", "ipv6", "ipv4 address", "ipv6 address"),
    "URL": ("url", "website", "web site", "link", "web address", "homepage", "domain", "profile"),
    "US_SSN": ("ssn", "us ssn", "social security number", "social security", "social security no"),
    "CRYPTO": ("crypto", "crypto wallet", "bitcoin address", "wallet", "wallet address", "btc"),
    "MAC_ADDRESS": ("mac", "mac address"),
}  # fmt: skip
TYPE_MAP: dict[str, str] = {syn: label for label, syns in _SYNONYMS.items() for syn in syns}
TYPE_MAP.update({label.lower().replace("_", " "): label for label in _SYNONYMS})

_DIGITS = re.compile(r"\d")
_EMAIL = re.compile(r"^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$")
_MONTHS = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.IGNORECASE,
)
#: Salutations and titles the model tends to include; rule 3 keeps titles outside a person's span.
_TITLES = regex.compile(
    r"^(?:(?:dear|hi|hello|mr|mrs|ms|miss|mx|dr|prof|professor|sir|madam|rev)\.?\s+)+", regex.IGNORECASE
)

SYSTEM = (
    "You find personal data in texts. Answer only with a JSON list of objects "
    '{"text": ..., "type": ...}, copying each text exactly as written. Types: person, location, '
    "organization, email, phone, date, credit card, iban, ip address, url, ssn. "
    "Answer [] when there is none."
)
#: Few-shot turns (user text, assistant answer): a small model copies the format much more reliably.
EXAMPLES: tuple[tuple[str, str], ...] = (
    (
        "Maria Lopez moved from Madrid to work at Acme Corp. Call her at 555-123-4567 or write to "
        "maria.lopez@gmail.com.",
        '[{"text": "Maria Lopez", "type": "person"}, {"text": "Madrid", "type": "location"}, '
        '{"text": "Acme Corp", "type": "organization"}, {"text": "555-123-4567", "type": "phone"}, '
        '{"text": "maria.lopez@gmail.com", "type": "email"}]',
    ),
    ("The meeting is about the new budget.", "[]"),
    (
        "Dr. Ken Adams saw the patient on 3 May 2021 at Riverside Clinic in Ohio.",
        '[{"text": "Ken Adams", "type": "person"}, {"text": "3 May 2021", "type": "date"}, '
        '{"text": "Riverside Clinic", "type": "organization"}, {"text": "Ohio", "type": "location"}]',
    ),
)


def parse_entities(raw: str) -> tuple[list[tuple[str, str]], int] | None:
    """(entity string, our label) pairs from a model answer, plus how many items were dropped.

    None means the answer held no readable list at all (the caller's fallback case). A dict with a
    list inside ("entities": [...]) is accepted, as is a dict mapping types to strings or lists.
    """
    value = extract_json(raw)
    if isinstance(value, dict):
        inner = next((v for v in value.values() if isinstance(v, list)), None)
        value = inner if inner is not None and all(isinstance(i, dict) for i in inner) else _from_mapping(value)
    if not isinstance(value, list):
        return None
    out: list[tuple[str, str]] = []
    dropped = 0
    seen: set[str] = set()
    for item in value:
        pair = _item(item)
        if pair is None or pair[0].casefold() in seen:  # one string, one label: the first one given
            dropped += pair is None
            continue
        seen.add(pair[0].casefold())
        out.append(pair)
    return out, dropped


def _from_mapping(value: dict[Any, Any]) -> list[dict[str, Any]]:
    """{"person": ["Ann Lee"], "city": "Oslo"} → the usual list of items."""
    items: list[dict[str, Any]] = []
    for key, val in value.items():
        for text in val if isinstance(val, list) else [val]:
            items.append({"text": text, "type": key})
    return items


def _item(item: Any) -> tuple[str, str] | None:
    if not isinstance(item, dict):
        return None
    text = next((item[k] for k in ("text", "value", "entity", "name", "string") if k in item), None)
    kind = next((item[k] for k in ("type", "label", "category", "entity_type", "kind") if k in item), None)
    if not isinstance(text, str) or not isinstance(kind, str):
        return None
    label = normalise_type(kind)
    text = clean_entity(text, label) if label else ""
    if not label or not text or not plausible(text, label):
        return None
    return text, label


def normalise_type(kind: str) -> str | None:
    """Our label for a type name the model used, or None when it is not personal data we mask."""
    key = " ".join(re.sub(r"[_\-./]", " ", kind).lower().split())
    if key in TYPE_MAP:
        return TYPE_MAP[key]
    key = key.removesuffix(" name") if key.endswith(" name") and key != "name" else key
    key = key.removesuffix("s") if key.endswith("s") and key[:-1] in TYPE_MAP else key
    # "tracking address", "work phone": the head noun decides
    return TYPE_MAP.get(key) or TYPE_MAP.get(key.rsplit(" ", 1)[-1])


def clean_entity(text: str, label: str) -> str:
    """Trim quotes, whitespace, trailing punctuation and (for people) titles the model included."""
    text = text.strip().strip("\"'`“”‘’").strip()
    text = text.rstrip(",;:!?") if label != "URL" else text.rstrip(",;:!?.)")
    if label in ("EMAIL_ADDRESS", "PHONE_NUMBER", "IP_ADDRESS", "LOCATION", "DATE_TIME"):
        text = text.rstrip(".")
    if label == "PERSON":
        text = _TITLES.sub("", text).strip().rstrip(",.")
    return text


def plausible(text: str, label: str) -> bool:
    """Cheap shape checks: a 135M model mislabels freely, and a wrong label picks a wrong surrogate."""
    if len(text) < 2 or len(text) > MAX_ENTITY_CHARS or "\n" in text:
        return False
    digits = len(_DIGITS.findall(text))
    if label == "EMAIL_ADDRESS":
        return bool(_EMAIL.match(text))
    if label in ("PHONE_NUMBER",):
        return 7 <= digits <= 15 and digits >= len(re.sub(r"\W", "", text)) - 3
    if label == "CREDIT_CARD":
        return 12 <= digits <= 19
    if label == "US_SSN":
        return digits == 9
    if label == "IBAN_CODE":
        return bool(re.match(r"^[A-Z]{2}\d{2}", text.replace(" ", ""))) and digits >= 8
    if label == "IP_ADDRESS":
        return text.count(".") == 3 or text.count(":") >= 2
    if label == "URL":
        return "." in text and " " not in text
    if label == "DATE_TIME":
        return bool(digits or _MONTHS.search(text))
    if label in ("PERSON", "LOCATION", "ORGANIZATION"):
        return any(c.isalpha() for c in text) and len(text.split()) <= 8 and digits <= (0 if label == "PERSON" else 8)
    return True


def _boundary(value: str) -> str:
    return r"(?<![\p{L}\p{N}])" + regex.escape(value) + r"(?![\p{L}\p{N}])"


def locate(text: str, value: str) -> list[tuple[int, int]]:
    """Every whole-word occurrence of `value` in `text`: exact ones, else any-case ones."""
    for flags in (0, regex.IGNORECASE):
        found = [m.span() for m in regex.finditer(_boundary(value), text, flags)]
        if found:
            return found
    return []


def spans_for(text: str, items: list[tuple[str, str]], offset: int = 0) -> tuple[list[Span], int]:
    """Spans of the named strings in `text` (shifted by `offset`), and how many were not found."""
    spans: list[Span] = []
    missing = 0
    for value, label in items:
        found = locate(text, value)
        missing += not found
        spans.extend(Span(offset + s, offset + e, label, SCORE, "prompt") for s, e in found)
    return spans, missing


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pieces of at most ~`size` characters, cut after line or sentence ends."""
    start = 0
    while start < len(text):
        if len(text) - start <= size:
            yield start, text[start:]
            return
        window = text[start : start + size]
        # end just after a line break or a sentence's trailing space, else after any space, else anywhere
        cut = max(window.rfind("\n") + 1, *(window.rfind(p) + 2 for p in (". ", "! ", "? ", "; ")))
        cut = cut if cut > size // 3 else (window.rfind(" ") + 1 or size)
        yield start, text[start : start + cut]
        start += cut


def prompt_ids(tokenizer: Any, chunk: str) -> list[int]:
    """The few-shot chat as token ids, the answer begun with "[" so the model goes straight to JSON."""
    from ..llm.chat import chat_prompt

    shots = [("Text: " + user, answer) for user, answer in EXAMPLES]
    return chat_prompt(tokenizer, "Text: " + chunk, system=SYSTEM, assistant_prefix="[", examples=shots)


class PromptDetector(UsesLocalLM, BaseDetector):
    """DET_prompt over the configured local LM (loaded on first use, shared with the other LLM strategies)."""

    name = "prompt"

    def __init__(self, cfg: PseudonymizerConfig | None = None, max_new_tokens: int = 256) -> None:
        UsesLocalLM.__init__(self, cfg.local_lm if cfg is not None else None)
        self.max_new_tokens = max_new_tokens
        self.stats = StrategyStats()

    def detect(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for offset, chunk in chunks(text):
            if chunk.strip():
                spans.extend(self._detect_chunk(chunk, offset))
        return spans

    def ask(self, chunk: str) -> str:
        """The model's raw answer for one chunk, greedy (so reproducible), the list's brackets included."""
        from ..llm.chat import generate

        lm = self.lm
        # an answer rarely needs more tokens than the chunk has characters / 2
        budget = min(self.max_new_tokens, 48 + len(chunk) // 2)
        return "[" + generate(lm, prompt_ids(lm.tokenizer, chunk), max_new_tokens=budget, stop=("}]",)) + "}]"

    def _detect_chunk(self, chunk: str, offset: int) -> list[Span]:
        self.stats.count("calls")
        try:
            raw = self.ask(chunk)
        except OverflowError:
            self.stats.fallback(STRATEGY, "chunk too long for the local model")
            return []
        parsed = parse_entities(raw)
        if parsed is None:
            self.stats.fallback(STRATEGY, "unparseable model output")
            return []
        items, dropped = parsed
        spans, missing = spans_for(chunk, items, offset)
        for event, n in (
            ("items dropped (no fields, unknown type or implausible)", dropped),
            ("hallucinated (not in the text)", missing),
            ("spans", len(spans)),
        ):
            if n:
                self.stats.count(event, n)
        return spans
