"""Typed fake values from Faker **and** Mimesis, per locale, reseeded per sample.

Two libraries give two styles of fake data: Faker's invented places ("West Davidmouth") and
Mimesis' real-looking ones, different name lists, phone and address formats. Each value is drawn
from one of them at random (where both cover the locale), so a model trained on the result does not
learn one library's quirks. Every value records its origin (``faker:city``, ``mimesis:email``) as
the span's `detail`, which the data set's statistics and error analysis can group by.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

#: Our locale id -> (Faker locale, Mimesis locale); None where a library lacks the locale.
LOCALES: dict[str, tuple[str | None, str | None]] = {
    "en_US": ("en_US", "en"), "en_GB": ("en_GB", "en-gb"), "en_AU": ("en_AU", "en-au"), "en_CA": ("en_CA", "en-ca"),
    "en_IN": ("en_IN", None), "de_DE": ("de_DE", "de"), "de_AT": ("de_AT", "de-at"), "de_CH": ("de_CH", "de-ch"),
    "fr_FR": ("fr_FR", "fr"), "es_ES": ("es_ES", "es"), "es_MX": ("es_MX", "es-mx"), "it_IT": ("it_IT", "it"),
    "pt_BR": ("pt_BR", "pt-br"), "pt_PT": ("pt_PT", "pt"), "nl_NL": ("nl_NL", "nl"), "pl_PL": ("pl_PL", "pl"),
    "cs_CZ": ("cs_CZ", "cs"), "sv_SE": ("sv_SE", "sv"), "da_DK": ("da_DK", "da"), "fi_FI": ("fi_FI", "fi"),
    "no_NO": ("no_NO", "no"), "hu_HU": ("hu_HU", "hu"), "tr_TR": ("tr_TR", "tr"), "el_GR": ("el_GR", "el"),
    "ru_RU": ("ru_RU", "ru"), "uk_UA": ("uk_UA", "uk"), "ja_JP": ("ja_JP", "ja"), "zh_CN": ("zh_CN", "zh"),
    "ko_KR": ("ko_KR", "ko"), "ar_EG": ("ar_AA", "ar-eg"), "fa_IR": ("fa_IR", "fa"), "he_IL": ("he_IL", None),
    "hi_IN": ("hi_IN", None), "vi_VN": ("vi_VN", None), "id_ID": ("id_ID", None), "yo_NG": ("yo_NG", None),
    "ig_NG": ("ig_NG", None), "ha_NG": ("ha_NG", None), "tl_PH": ("tl_PH", None), "th_TH": ("th_TH", None),
}  # fmt: skip
#: Locales whose names Faker can also give in Latin letters (romanized), as people often write them.
ROMANIZED = frozenset({"ja_JP", "zh_CN"})
#: Given names that are also English words: names a model must not learn to skip, nor to mask as words.
WORD_NAMES: tuple[str, ...] = (
    "Grant", "Hope", "Will", "May", "Rose", "Summer", "Faith", "Mark", "Bill", "Dawn", "Joy", "Sky", "Amber",
    "Hunter", "Page", "Stone", "Rich", "Young", "Long", "Brown", "Bishop", "King", "Ash", "Iris", "Jack",
)  # fmt: skip
WORD_NAME_GENDER: dict[str, str] = {n: "f" for n in ("Hope", "May", "Rose", "Summer", "Faith", "Dawn", "Joy",
                                                      "Amber", "Iris")}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Person:
    given: str
    family: str
    gender: str  # "m" / "f"
    origin: str  # "faker:ja_JP"

    @property
    def family_first(self) -> bool:
        """Korean, Chinese and Japanese names in their own script are written family name first."""
        return not self.origin.endswith("romanized") and any(
            "\u1100" <= c <= "\u11ff" or "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af" for c in self.family
        )

    @property
    def full(self) -> str:
        return f"{self.family} {self.given}" if self.family_first else f"{self.given} {self.family}"


def ascii_fold(text: str) -> str:
    """ "Wiśniewska" -> "Wisniewska", for e-mail local parts."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii() and (c.isalnum() or c in ".-_"))


def _sort_set_built_lists(faker: Any) -> None:
    """Faker's it_IT city list is built from a set, so its order (and every seeded city) changes with
    each process's hash seed; sorted, a seed gives the same corpus in every run."""
    for provider in faker.providers:
        cities = getattr(provider, "cities", None)
        if isinstance(cities, list) and provider.__module__.endswith("address.it_IT"):
            provider.cities = sorted(cities)


class ValueSource:
    """Fake values of one locale; `reseed` makes every sample reproducible on its own."""

    def __init__(self, locale: str) -> None:
        from faker import Faker

        fk, mm = LOCALES[locale]
        self.locale = locale
        self.faker = Faker(fk or "en_US")
        _sort_set_built_lists(self.faker)
        self.fallback = Faker("en_US")
        self.mimesis: dict[str, Any] = {}
        if mm is not None:
            from mimesis import Address, Finance, Internet, Locale, Person

            loc = Locale(mm)
            self.mimesis = {"person": Person(loc), "address": Address(loc), "finance": Finance(loc),
                            "internet": Internet()}  # fmt: skip
        self.rng = random.Random(0)

    def reseed(self, seed: int) -> None:
        self.rng.seed(seed)
        self.faker.seed_instance(seed)
        self.fallback.seed_instance(seed)
        for provider in self.mimesis.values():
            provider.reseed(seed)

    def _use_mimesis(self) -> bool:
        return bool(self.mimesis) and self.rng.random() < 0.5

    def _faker(self, method: str, *args: Any) -> str:
        try:
            return str(getattr(self.faker, method)(*args))
        except (AttributeError, NotImplementedError):
            return str(getattr(self.fallback, method)(*args))

    def person(self, word_name: bool = False) -> Person:
        gender = self.rng.choice("mf")
        if word_name:
            given = self.rng.choice(WORD_NAMES)
            gender = WORD_NAME_GENDER.get(given, "m")
            return Person(given, self._faker("last_name"), gender, "word-name")
        if self.locale in ROMANIZED and self.rng.random() < 0.6:
            method = f"first_romanized_name_{'male' if gender == 'm' else 'female'}"
            given = self._faker(method if hasattr(self.faker, method) else "first_romanized_name")
            return Person(given, self._faker("last_romanized_name"), gender, f"faker:{self.locale}:romanized")
        if self._use_mimesis():
            from mimesis import Gender

            p = self.mimesis["person"]
            g = Gender.MALE if gender == "m" else Gender.FEMALE
            return Person(p.first_name(gender=g), p.last_name(gender=g), gender, f"mimesis:{self.locale}")
        given = self._faker(f"first_name_{'male' if gender == 'm' else 'female'}")
        family = self._faker(f"last_name_{'male' if gender == 'm' else 'female'}") if self.locale in (
            "pl_PL", "ru_RU", "uk_UA", "cs_CZ", "el_GR") else self._faker("last_name")  # fmt: skip
        return Person(given, family, gender, f"faker:{self.locale}")

    def city(self) -> tuple[str, str]:
        if self._use_mimesis():
            return self.mimesis["address"].city(), "mimesis:city"
        return self._faker("city"), "faker:city"

    def country(self) -> tuple[str, str]:
        if self._use_mimesis():
            return self.mimesis["address"].country(), "mimesis:country"
        return self._faker("country"), "faker:country"

    def address(self) -> tuple[str, str]:
        """A whole street address on one line: street and number, postcode and city."""
        if self._use_mimesis():
            a = self.mimesis["address"]
            return f"{a.address()}, {a.postal_code()} {a.city()}", "mimesis:address"
        return f"{self._faker('street_address')}, {self._faker('postcode')} {self._faker('city')}", "faker:address"

    def company(self) -> tuple[str, str]:
        if self._use_mimesis():
            return self.mimesis["finance"].company(), "mimesis:company"
        return self._faker("company"), "faker:company"

    def bank(self) -> tuple[str, str]:
        if self._use_mimesis():
            return self.mimesis["finance"].bank(), "mimesis:bank"
        return f"{self._faker('last_name')} {self.rng.choice(('Bank', 'Savings Bank', 'Credit Union'))}", "faker:bank"

    def institution(self, kind: str) -> tuple[str, str]:
        """A hospital, clinic, school or university named after a place or a person."""
        city, family = self.city()[0], self._faker("last_name")
        forms = {
            "hospital": (f"{city} General Hospital", f"St. {family} Hospital", f"Klinikum {city}"),
            "clinic": (f"{family} Family Clinic", f"{city} Dental Practice", f"Praxis Dr. {family}"),
            "school": (f"{city} High School", f"{family} Academy", f"École {family}"),
            "university": (f"University of {city}", f"{city} Institute of Technology", f"Universidad de {city}"),
        }[kind]
        return self.rng.choice(forms), f"template:{kind}"

    def email(self, person: Person | None = None) -> tuple[str, str]:
        local = ascii_fold(f"{person.given}.{person.family}".lower().replace(" ", "")) if person else ""
        if sum(c.isalnum() for c in local) >= 4 and self.rng.random() < 0.6:  # a Latin-script name
            return f"{local}@{self._faker('free_email_domain')}", "person-email"
        if self._use_mimesis():
            return self.mimesis["person"].email(), "mimesis:email"
        return self._faker("email"), "faker:email"

    def phone(self) -> tuple[str, str]:
        if self._use_mimesis():
            return self.mimesis["person"].phone_number(), "mimesis:phone"
        return self._faker("phone_number"), "faker:phone"

    def username(self) -> tuple[str, str]:
        if self._use_mimesis():
            return self.mimesis["person"].username(), "mimesis:username"
        return self._faker("user_name"), "faker:username"

    def ip(self) -> tuple[str, str]:
        if self._use_mimesis():
            return self.mimesis["internet"].ip_v4(), "mimesis:ip"
        return (self._faker("ipv6") if self.rng.random() < 0.2 else self._faker("ipv4_public")), "faker:ip"

    def url(self, username: str) -> tuple[str, str]:
        site = self.rng.choice(
            ("https://www.linkedin.com/in/{}", "https://github.com/{}", "https://{}.blog.example.net")
        )
        return site.format(ascii_fold(username).lower() or "me"), "template:url"

    def date(self, start: int = 1940, end: int = 2025) -> date:
        return date(self.rng.randint(start, end), self.rng.randint(1, 12), self.rng.randint(1, 28))

    def iban(self) -> tuple[str, str]:
        return self._faker("iban"), "faker:iban"

    def card(self) -> tuple[str, str]:
        return self.fallback.credit_card_number(), "faker:card"  # Luhn-valid in every locale

    def national_id(self) -> tuple[str, str, str]:
        """(value, label, detail): a US SSN is US_SSN, any other country's number NATIONAL_ID."""
        value = self._faker("ssn")
        return value, ("US_SSN" if self.locale == "en_US" else "NATIONAL_ID"), f"faker:{self.locale}:ssn"

    def identifier(self) -> tuple[str, str]:
        shape = self.rng.choice(("CUST-####-####", "MBR-#######", "ACC ########", "POL/20##/#####", "INC00#####",
                                 "??#-####-?", "#####-##", "??????"))  # fmt: skip
        return self.fallback.bothify(shape, letters="ABCDEFGHJKLMNPQRSTUVWXYZ"), "template:identifier"
