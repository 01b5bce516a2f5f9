"""Seeded synthetic labeled sentences from presidio-evaluator, mapped to the engine's labels.

`PresidioSentenceFaker` fills ~200 templates with Faker values and records where each slot
landed. We use it offline and reproducibly:

- the hospital provider is left out: it queries WikiData at construction (no template uses it);
- template escapes (a literal backslash-n, ``\\,``) become the characters they stand for, so
  addresses are real multi-line text rather than one line with backslashes;
- its own lower-casing is broken in 0.3.2 (lowers the values, not the text), so we lower-case a
  seeded 5 % of whole samples ourselves, like chat input typed without capitals;
- `random` is seeded before construction too: the person table draws middle initials while
  loading, before the faker seeds itself, which otherwise makes runs differ;
- slot values are cleaned to the hand-written set's conventions (see `_rebuild`);
- `date_time` is drawn from a fixed 1970-2024 window instead of counting back from now;
- the result is cached as JSONL so every benchmark run scores the very same texts.

Label decisions (template slot → engine label):

- PERSON: any name slot (full, first, last, gendered). LOCATION: city, country, state and every
  address component (street, building number, secondary address, postcode, ZIP), each its own
  entity. ORGANIZATION, PHONE_NUMBER, EMAIL_ADDRESS, CREDIT_CARD, IBAN_CODE, IP_ADDRESS, URL,
  US_SSN, US_DRIVER_LICENSE as named. DATE_TIME: full dates and dates of birth.
- ignored (neither PII nor non-PII): nationality (NRP, not masked by default), age, a bare year,
  a weekday; whether to mask them is a policy choice, not a detection error.
- not labeled at all, so masking them counts as over-masking: titles (Mr., Dr.; rule 3 keeps
  titles outside the span) and job titles.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import warnings
from datetime import datetime
from pathlib import Path

from pseudonym_lab.eval.data import GoldSpan, LabeledSample

GENERATOR_VERSION = "2"

SLOT_LABELS: dict[str, str] = {
    **dict.fromkeys(
        [
            "person",
            "name",
            "name_female",
            "name_male",
            "first_name",
            "first_name_male",
            "first_name_female",
            "first_name_nonbinary",
            "last_name",
            "last_name_male",
            "last_name_female",
        ],
        "PERSON",
    ),
    **dict.fromkeys(
        [
            "city",
            "country",
            "state",
            "state_abbr",
            "address",
            "street_name",
            "building_number",
            "secondary_address",
            "postcode",
            "zipcode",
        ],
        "LOCATION",
    ),
    "organization": "ORGANIZATION",
    "phone_number": "PHONE_NUMBER",
    "email": "EMAIL_ADDRESS",
    "credit_card_number": "CREDIT_CARD",
    "credit_card": "CREDIT_CARD",
    "iban": "IBAN_CODE",
    "ip_address": "IP_ADDRESS",
    "url": "URL",
    "ssn": "US_SSN",
    "us_driver_license": "US_DRIVER_LICENSE",
    "date_time": "DATE_TIME",
    "date_of_birth": "DATE_TIME",
    "birthday": "DATE_TIME",
}
IGNORED_SLOTS: frozenset[str] = frozenset(
    {"nationality", "nation_woman", "nation_man", "nation_plural", "age", "year", "day_of_week"}
)
UNLABELED_SLOTS: frozenset[str] = frozenset({"prefix", "prefix_male", "prefix_female", "job"})
LOWER_CASE_RATIO = 0.05


def _fixed_clock_provider() -> type:
    """Faker's `date_time` counts back from *now*, so the same seed gave other texts each second."""
    from faker.providers import BaseProvider

    class FixedClockDateTime(BaseProvider):
        def date_time(self) -> datetime:
            start, end = datetime(1970, 1, 1), datetime(2024, 12, 31)
            return self.generator.date_time_between(start_date=start, end_date=end).replace(microsecond=0)

    return FixedClockDateTime


def _templates() -> list[str]:
    from presidio_evaluator.data_generator import presidio_sentence_faker as psf

    lines = psf.presidio_templates_file_path.read_text(encoding="utf-8").splitlines()
    unescape = {"\\n": "\n", "\\,": ",", "\\|": "|"}
    out = []
    for ln in lines:
        for esc, ch in unescape.items():
            ln = ln.replace(esc, ch)
        if ln.strip():
            out.append(ln.strip())
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_TITLES = re.compile(r"((Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+)+")
_CREDENTIALS = re.compile(r",?\s+(MD|DDS|DVM|PhD)$")
_CORNER = re.compile(r"the corner of ", re.IGNORECASE)
_ADDRESS_SLOTS = frozenset({"address", "street_name", "secondary_address", "city", "state"})


def _clean(slot: str, value: str) -> tuple[str, list[tuple[int, int]]]:
    """Fix one filled slot; return the new value and the gold sub-spans inside it."""
    if SLOT_LABELS.get(slot) == "LOCATION":
        value = re.sub(r"\bnan\b,? ?", "", value).strip()  # pandas NaN printed for a missing state
    if SLOT_LABELS.get(slot) == "PERSON":
        value = _CREDENTIALS.sub("", value[m.end() :] if (m := _TITLES.match(value)) else value)
    subs = [(0, len(value))]
    if slot in _ADDRESS_SLOTS:
        head = m.end() if (m := _CORNER.match(value)) else 0
        cuts = [(head, head)] + [(m.start(), m.end()) for m in re.finditer(" and ", value) if m.start() >= head]
        subs = [(a_end, b_start) for (_, a_end), (b_start, _) in zip(cuts, [*cuts[1:], (len(value), 0)], strict=True)]
    return value, [ab for a, b in subs if (ab := _strip(value, a, b))[1] > ab[0]]


def _rebuild(text: str, slots: list[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    """Rebuild the sentence from its template text and cleaned slot values, with exact offsets.

    Cleaning keeps the gold data to the project's conventions: titles (Mr., Dr.) and credentials
    (MD) stay outside PERSON spans; "the corner of A and B" gives two LOCATION spans A and B, not
    one spanning ordinary words; a "nan" printed for a missing state is dropped.
    """
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = length = 0
    for start, end, slot in sorted(slots):
        out.append(text[pos:start])
        length += start - pos
        value, subs = _clean(slot, text[start:end])
        spans += [(length + a, length + b, slot) for a, b in subs]
        out.append(value)
        length += len(value)
        pos = end
    out.append(text[pos:])
    return "".join(out), spans


def generate(n: int = 1000, seed: int = 42) -> list[LabeledSample]:
    """Generate `n` labeled samples deterministically for `seed` (offline; no network access)."""
    from presidio_evaluator.data_generator import presidio_sentence_faker as psf

    providers = [p for p in psf.presidio_additional_entity_providers if p.__name__ != "HospitalProvider"]
    providers.append(_fixed_clock_provider())
    identity = {slot: slot for slot in [*SLOT_LABELS, *IGNORED_SLOTS, *UNLABELED_SLOTS]}
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # The person table draws middle initials with `random` before the faker seeds itself.
        psf.PresidioSentenceFaker.seed(seed)
        faker = psf.PresidioSentenceFaker(
            locale="en_US",
            lower_case_ratio=0.0,
            sentence_templates=_templates(),
            entity_providers=providers,
            entity_type_mapping=identity,
            random_seed=seed,
        )
        raw = faker.generate_new_fake_sentences(num_samples=n)
    rng = random.Random(seed)
    samples: list[LabeledSample] = []
    for i, r in enumerate(raw):
        text, slots = _rebuild(r.full_text, [(sp.start_position, sp.end_position, sp.entity_type) for sp in r.spans])
        if rng.random() < LOWER_CASE_RATIO and len(text.lower()) == len(text):
            text = text.lower()
        spans: list[GoldSpan] = []
        ignore: list[GoldSpan] = []
        for start, end, slot in slots:
            if slot in SLOT_LABELS:
                spans.append(GoldSpan(start, end, SLOT_LABELS[slot], slot))
            elif slot in IGNORED_SLOTS:
                ignore.append(GoldSpan(start, end, slot.upper(), slot))
            elif slot not in UNLABELED_SLOTS:
                raise ValueError(f"unmapped presidio-evaluator slot {slot!r}; add it to SLOT_LABELS")
        meta = {"template_id": str(r.template_id)}
        samples.append(LabeledSample(f"gen-{i:05d}", "generated", text, spans, meta, ignore))
    return samples


def _to_json(s: LabeledSample) -> str:
    def enc(spans: list[GoldSpan]) -> list[list[object]]:
        return [[g.start, g.end, g.label, g.detail] for g in spans]

    return json.dumps(
        {
            "id": s.id,
            "kind": s.kind,
            "text": s.text,
            "spans": enc(s.spans),
            "ignore": enc(s.ignore),
            "meta": s.meta,
        },
        ensure_ascii=False,
    )


def _from_json(line: str) -> LabeledSample:
    d = json.loads(line)

    def dec(rows: list[list[object]]) -> list[GoldSpan]:
        return [GoldSpan(int(a), int(b), str(c), str(e)) for a, b, c, e in rows]  # type: ignore[call-overload]

    return LabeledSample(d["id"], d["kind"], d["text"], dec(d["spans"]), d["meta"], dec(d["ignore"]))


def load_or_generate(n: int, seed: int, cache_dir: str | Path) -> list[LabeledSample]:
    """Return the cached set for (n, seed) or generate and cache it, so runs are repeatable."""
    path = Path(cache_dir) / f"generated-v{GENERATOR_VERSION}-n{n}-seed{seed}.jsonl"
    if path.is_file():
        return [_from_json(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    # Generation is sequential, so a larger cached set for the same seed starts with this one.
    for bigger in sorted(Path(cache_dir).glob(f"generated-v{GENERATOR_VERSION}-n*-seed{seed}.jsonl")):
        m = re.search(r"-n(\d+)-", bigger.name)
        if m and int(m.group(1)) >= n:
            lines = bigger.read_text(encoding="utf-8").splitlines()[:n]
            return [_from_json(ln) for ln in lines]
    samples = generate(n, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(_to_json(s) + "\n" for s in samples), encoding="utf-8")
    tmp.replace(path)
    return samples
