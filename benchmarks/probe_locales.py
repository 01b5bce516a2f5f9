"""Synthetic probe: names, companies, IBANs and phone numbers of many countries, in the evasion suite's forms.

    python benchmarks/probe_locales.py [--out benchmarks/results]

The evaluation sets hold a few hundred names; this probe asks the default pipeline about thousands
of values made by generators, so a gap of one country's format shows without anybody writing a
text for it:

- names: a given and a family name from Faker's person provider of 50 locales (family name first
  and unspaced for Chinese, Japanese and Korean, as they are written), in six short templates,
  as written and lower-cased, upper-cased, broken over a line, with a zero-width space, a
  non-breaking space and a Cyrillic look-alike (`benchmarks/evasion_transforms.py`);
- companies: Faker's company names of 43 locales (legal forms of each country: "Žagar d.d.",
  "Handke i syn s.c.", "유한회사 백제바이오") in six templates;
- IBANs: Faker's IBANs of 37 locales, upper and lower case, grouped and compact, in four templates;
- phones: libphonenumber's example mobile and fixed numbers of every region it supports, in its
  international, E.164, "00" and national layouts, after "Mobile:" and inside a sentence.

A value *leaks* when one of its letters or digits is not inside a replaced span. Numbers shorter
than seven digits (national numbers of some islands) are left out: without a country code they are
not told from any other number. The generators are seeded, so a run repeats. The probe found the
gaps mended at stops 34 and 35, so it is a development tool like the dev half, not a frozen test.
A company of several family names ("Gupta, Goyal and Vala") counts as leaked by its "and" too.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.evasion_transforms import BY_NAME, _iban, _phone  # noqa: E402
from pseudonym_core import Pseudonymizer  # noqa: E402
from pseudonym_lab.eval.metrics import coverage  # noqa: E402

NAME_LOCALES = (
    "en_GB en_US en_IE fr_FR de_DE es_ES es_MX it_IT pt_BR pt_PT nl_NL pl_PL cs_CZ sk_SK hu_HU ro_RO tr_TR "
    "vi_VN id_ID fil_PH en_IN hi_IN sw yo_NG zu_ZA fi_FI sv_SE no_NO da_DK et_EE lv_LV lt_LT hr_HR sl_SI ga_IE "
    "el_GR ru_RU uk_UA ar_AA he_IL ja_JP ko_KR zh_CN th_TH fa_IR bn_BD ne_NP ka_GE az_AZ hy_AM"
).split()
FAMILY_FIRST = ("ja_JP", "ko_KR", "zh_CN")
NAME_TEMPLATES = (
    "I spoke with {} yesterday about the refund.",
    "Patient: {}\nDOB: 12/03/1980",
    "Thanks {}, see you Monday.",
    "{} called again about the invoice.",
    "The form was signed by {} on 3 May.",
    "hi, this is {} from accounts",
)
NAME_FORMS = ("original", "lowercase", "uppercase", "line_break", "zero_width_space", "nbsp", "homoglyph_cyrillic")
IBAN_LOCALES = (
    "de_DE fr_FR es_ES it_IT nl_NL pl_PL pt_PT en_GB fi_FI sv_SE no_NO da_DK cs_CZ sk_SK hu_HU ro_RO el_GR "
    "tr_TR de_AT de_CH fr_CH nl_BE fr_BE en_IE hr_HR sl_SI bg_BG lt_LT lv_LV et_EE uk_UA az_AZ ka_GE he_IL "
    "ar_SA fa_IR pt_BR"
).split()
IBAN_TEMPLATES = (
    "Please transfer the deposit to {} by Friday.",
    "IBAN: {}\nName: account holder",
    "pay into {} thanks",
    "Konto {} (Hausbank).",
)
COMPANY_LOCALES = (
    "en_GB en_US en_IE fr_FR de_DE de_AT de_CH es_ES es_MX it_IT pt_BR pt_PT nl_NL nl_BE pl_PL cs_CZ sk_SK hu_HU "
    "ro_RO tr_TR vi_VN id_ID fil_PH en_IN fi_FI sv_SE no_NO da_DK et_EE lv_LV lt_LT hr_HR sl_SI el_GR ru_RU uk_UA "
    "ja_JP ko_KR zh_CN fr_CH en_AU en_CA bg_BG"
).split()
COMPANY_TEMPLATES = (
    "I work at {} as a nurse.",
    "{} confirmed the order yesterday.",
    "Invoice from {} attached.",
    "The contract between us and {} ends in May.",
    "Employer: {}\nStart date: 01/02/2020",
    "we switched our supplier to {} last year",
)
PHONE_LAYOUTS = ("intl", "e164", "00", "national")
PHONE_TEMPLATES = ("Mobile: {}", "If anything changes, call {} or email me.")


def leaks(p: Pseudonymizer, text: str, value: str) -> bool:
    """Whether a letter or digit of `value` (first occurrence) stays outside every replaced span."""
    result = p.pseudonymize(text, session=p.session())
    at = text.index(value)
    covered = coverage(len(text), [(e.start, e.end) for e in result.entities])
    return any(text[i].isalnum() and not covered[i] for i in range(at, at + len(value)))


def name_cases(per_locale: int = 6) -> list[tuple[str, str, str, str]]:
    """(locale, form, text, value) for every name, template and form."""
    from faker import Faker

    out = []
    for loc in NAME_LOCALES:
        fake = Faker(loc)
        fake.seed_instance(5)
        for k in range(per_locale):
            given, family = fake.first_name(), fake.last_name()
            name = f"{family}{given}" if loc in FAMILY_FIRST else f"{given} {family}"
            template = NAME_TEMPLATES[k % len(NAME_TEMPLATES)]
            for form in NAME_FORMS:
                if form in ("lowercase", "uppercase"):
                    text, value = template.format(name), name
                    change = str.lower if form == "lowercase" else str.upper
                    text, value = change(text), change(value)
                else:
                    value = BY_NAME[form].entity(name, "PERSON")
                    text = template.format(value)
                if value in text:
                    out.append((loc, form, text, value))
    return out


def company_cases(per_locale: int = 4) -> list[tuple[str, str, str, str]]:
    from faker import Faker

    out = []
    for loc in COMPANY_LOCALES:
        fake = Faker(loc)
        fake.seed_instance(11)
        for k in range(per_locale):
            value = fake.company()
            out.append((loc, "company", COMPANY_TEMPLATES[k % len(COMPANY_TEMPLATES)].format(value), value))
    return out


def iban_cases() -> list[tuple[str, str, str, str]]:
    from faker import Faker

    out = []
    for loc in IBAN_LOCALES:
        fake = Faker(loc)
        fake.seed_instance(7)
        for k in range(3):
            iban = fake.iban()
            for lower in (False, True):
                for spaced in (False, True):
                    value = _iban(lower, spaced)(iban)
                    form = ("lower" if lower else "upper") + ("-grouped" if spaced else "-compact")
                    template = IBAN_TEMPLATES[(k + lower + spaced) % len(IBAN_TEMPLATES)]
                    out.append((loc, form, template.format(value), value))
    return out


def phone_cases() -> list[tuple[str, str, str, str]]:
    import phonenumbers

    out = []
    kinds = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in kinds:
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
            for layout in PHONE_LAYOUTS:
                value = _phone(layout)(e164)
                if sum(c.isdigit() for c in value) < 7:
                    continue
                out.extend((region, layout, t.format(value), value) for t in PHONE_TEMPLATES)
    return out


def run(p: Pseudonymizer, cases: list[tuple[str, str, str, str]]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Per form: cases, leaks; per locale or region: leaks."""
    total: Counter[str] = Counter()
    leaked: Counter[str] = Counter()
    where: Counter[str] = Counter()
    for loc, form, text, value in cases:
        total[form] += 1
        if leaks(p, text, value):
            leaked[form] += 1
            where[loc] += 1
    return total, leaked, where


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results"))
    args = ap.parse_args()
    p = Pseudonymizer()
    lines = [
        "# Synthetic probe of many countries' names, companies, IBANs and phones",
        "",
        f"`python benchmarks/probe_locales.py` — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Default `Pseudonymizer()`, a "
        "fresh session per case; *leaked*: a letter or digit of the value outside every replaced span.",
    ]
    sections = (
        ("Names", name_cases()),
        ("Companies", company_cases()),
        ("IBANs", iban_cases()),
        ("Phones", phone_cases()),
    )
    for title, cases in sections:
        total, leaked, where = run(p, cases)
        head = f"## {title}: {sum(leaked.values())} of {sum(total.values())} leaked"
        lines += ["", head, "", "| form | cases | leaked |", "|---|---:|---:|"]
        lines += [f"| {form} | {n} | {leaked[form]} |" for form, n in total.items()]
        worst = ", ".join(f"{k} {v}" for k, v in where.most_common(12))
        lines += ["", f"Leaks by locale or region: {worst or 'none'}."]
        print(f"{title}: {sum(leaked.values())}/{sum(total.values())} leaked", flush=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "probe_locales.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out / 'probe_locales.md'}")


if __name__ == "__main__":
    main()
