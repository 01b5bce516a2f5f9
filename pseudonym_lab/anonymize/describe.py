"""Type- and attribute-aware descriptions of detected entities, for `generalize` anonymization.

Each entity becomes what a reader needs to follow the text and nothing that singles anyone out:
"a woman" only where a gendered title or an unambiguous given name says so, "a city in France" from
GeoNames, "a hospital" from the organization's own name, the year of a date and only the decade of a
date of birth. A person mentioned again is "the man", so a story stays readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pseudonym_lab.anonymize.places import describe_place, lookup

MALE_TITLES = frozenset("mr mister sir herr monsieur m señor sr signor sig senhor pan lord".split())
FEMALE_TITLES = frozenset("mrs ms miss madam madame mme mlle frau señora sra signora sig.ra senhora pani lady".split())
#: Titles that say what someone does; the description becomes the role.
ROLE_TITLES: dict[str, str] = {"dr": "doctor", "doctor": "doctor", "prof": "professor", "professor": "professor"}
_TITLE_BEFORE = re.compile(r"(?<![\w.])([A-Za-zñ.]{1,9})\.?\s+$")
_ARTICLE_BEFORE = re.compile(r"(?<!\w)(the|The)\s+$")
_DETERMINER_BEFORE = re.compile(r"(?<!\w)(our|my|your|his|her|their|its|this|that|a|an)\s+$", re.IGNORECASE)

#: Organization kinds by words in the name (casefolded, matched at word starts, so "Klinikum" counts);
#: the first kind whose cue matches wins, so the specific kinds come before "a company".
_KIND_CUES: dict[str, str] = {
    "a hospital": "hospital|hôpital|hopital|klinikum|krankenhaus|szpital|ospedale|medical center|medical centre|"
    "infirmary|nhs trust|health system",
    "a clinic": "clinic|klinik|praxis|practice|surgery|dental|zahnarzt|clínica|medical group",
    "a pharmacy": "pharmacy|apotheke|pharmacie|farmacia|chemist",
    "a bank": "bank|banque|banco|sparkasse|credit union|bancorp|savings|volksbank",
    "an insurance company": "insurance|versicherung|assurance|assurances|seguros|mutual",
    "a university": "university|universität|université|universidad|università|uniwersytet|college|polytechnic|"
    "institute of technology",
    "a school": "school|schule|école|escuela|academy|gymnasium|lycée",
    "a law firm": "law|legal|attorneys|solicitors|rechtsanwälte|avocats|llp",
    "a public authority": "ministry|department of|council|agency|authority|municipality|city of|county|government|"
    "police|court",
    "a hotel": "hotel|hostel|inn|resort",
    "an airline": "airline|airlines|airways|air lines",
    "a charity": "foundation|charity|stiftung|fondation|ngo",
    "a company": "inc|ltd|llc|gmbh|ag|plc|corp|corporation|co|company|s.a|sa|sarl|srl|s.r.l|bv|nv|oy|ab|as|pty|pvt|"
    "kk|group|holdings|technologies|solutions|systems|consulting|services|partners|industries|sp. z o.o",
}
ORG_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = tuple((k, tuple(v.split("|"))) for k, v in _KIND_CUES.items())

VALUE_DESCRIPTIONS: dict[str, str] = {
    "EMAIL_ADDRESS": "an e-mail address",
    "PHONE_NUMBER": "a phone number",
    "CREDIT_CARD": "a card number",
    "IBAN_CODE": "a bank account number",
    "US_BANK_NUMBER": "a bank account number",
    "IP_ADDRESS": "an IP address",
    "URL": "a web address",
    "US_SSN": "a social security number",
    "US_ITIN": "a tax ID",
    "US_PASSPORT": "a passport number",
    "US_DRIVER_LICENSE": "a driving licence number",
    "UK_NHS": "a health service number",
    "MEDICAL_LICENSE": "a licence number",
    "NATIONAL_ID": "an ID number",
    "IDENTIFIER": "a reference number",
    "USERNAME": "a user name",
    "CRYPTO": "a wallet address",
    "NRP": "a group",
    "NUMBER": "a number",
    "NAME": "a name",
}
_DOB_CUE = re.compile(r"(born|birth|dob|d\.o\.b|b\.|birthday|geb\.|geboren|née?)\W{0,4}(on|in|:)?\W{0,3}$", re.I)
#: Labels whose value is a run of digits and separators, so adjacent digit groups belong to it.
_NUMBERS = frozenset({"PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "US_BANK_NUMBER", "UK_NHS", "US_ITIN"})
_DIGITS_BEFORE = re.compile(r"(?<![\w.])\+?\(?\d[\d ()./-]*[ ()./-]$")
_DIGITS_AFTER = re.compile(r"[ ()./-]\d[\d ()./-]*\d(?![\w])|[ ()./-]\d(?![\w.])")
_POSTCODE = re.compile(r"\d[\d -]{2,9}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]{2,}", text)}


def org_kind(name: str) -> str | None:
    """ "a hospital", "a bank", "a company", … from words of the name, or None when nothing says."""
    folded = " " + re.sub(r"[,()]", " ", name.casefold()) + " "
    for kind, cues in ORG_KINDS:
        if any(re.search(r"(?<![^\W\d_])" + re.escape(c) + (r"(?![^\W\d_])" if len(c) <= 4 else ""), folded)
               for c in cues):  # fmt: skip
            return kind
    return None


@dataclass
class Mention:
    """Where a description goes (the span may grow over a title or "the") and what it says."""

    start: int
    end: int
    text: str


@dataclass
class _Person:
    """One person of a text: the words of its longest mention and the evidence for its noun."""

    words: set[str]
    titles: list[str] = field(default_factory=list)
    given_gender: str = ""
    mentioned: bool = False

    @property
    def noun(self) -> str:
        roles = [ROLE_TITLES[t] for t in self.titles if t in ROLE_TITLES]
        male = sum(t in MALE_TITLES for t in self.titles)
        female = sum(t in FEMALE_TITLES for t in self.titles)
        if roles:
            return roles[0]
        if male != female:  # a title is stronger evidence than a given name
            return "man" if male > female else "woman"
        return {"m": "man", "f": "woman"}.get(self.given_gender, "person")


@dataclass
class Describer:
    """Describes the entities of one text; `prepare` first groups the mentions of each person.

    Mentions are one person when the later one's words are a subset of an earlier one's ("Mrs.
    Lefèvre" after "Élodie Lefèvre"), not merely sharing a word ("Ngozi Okafor" after "Chukwuemeka
    Okafor" is someone else). A person's noun comes from all its mentions' titles first, then from an
    unambiguous given name, so "Yuki Tanaka … Ms. Tanaka" is "a woman … the woman" throughout.
    """

    hide_countries: frozenset[str] = frozenset()
    _people: list[_Person] = field(default_factory=list)
    _person_at: dict[int, _Person] = field(default_factory=dict)

    def prepare(self, text: str, people: list[tuple[int, int]]) -> None:
        """Group the PERSON spans [(start, end), ...] of `text` (in text order) into people."""
        from pseudonym_core.surrogate.pools import name_index

        for start, end in people:
            words = _words(text[start:end])
            person = next((p for p in self._people if words and words <= p.words), None)
            if person is None:
                person = _Person(words)
                self._people.append(person)
            title = _TITLE_BEFORE.search(text, max(0, start - 12), start)
            if title is not None:
                person.titles.append(title.group(1).rstrip(".").casefold())
            first = re.match(r"[^\W\d_]{2,}", text[start:end])
            if first is not None and not person.given_gender and len(words) > 1:
                person.given_gender = name_index().gender_of(first.group()) or ""
            self._person_at[start] = person

    def describe(self, text: str, start: int, end: int, label: str) -> Mention:
        original = text[start:end]
        if label == "PERSON":
            return self._person(text, start, end)
        if label == "DATE_TIME":
            return Mention(start, end, self._date(text[:start], original))
        if label in ("LOCATION", "ORGANIZATION", "ADDRESS") or label.endswith(("_PLZ", "_ZIP", "_POSTCODE")):
            desc = self._place_or_org(original, label)
        else:
            desc = VALUE_DESCRIPTIONS.get(label, "an ID number")
            if label in _NUMBERS:  # a number cut short by the detector ("+33 6 [12 34 56 78]"): take it whole
                before = _DIGITS_BEFORE.search(text, 0, start)
                after = _DIGITS_AFTER.match(text, end)
                start = before.start() if before else start
                end = after.end() if after else end
                while start > 0 and text[start - 1] in "+(":
                    start -= 1
        if desc.startswith(("a ", "an ")):
            if (the := _ARTICLE_BEFORE.search(text, 0, start)) is not None:  # "the Mayo Clinic" -> "a clinic"
                return Mention(the.start(), end, desc)
            if _DETERMINER_BEFORE.search(text, 0, start):  # "our Seoul office" -> "our large city … office"
                desc = desc.split(" ", 1)[1]
        return Mention(start, end, desc)

    def _person(self, text: str, start: int, end: int) -> Mention:
        if start not in self._person_at:
            self.prepare(text, [(start, end)])
        person = self._person_at[start]
        title = _TITLE_BEFORE.search(text, max(0, start - 12), start)
        word = title.group(1).rstrip(".").casefold() if title else ""
        if title is not None and (word in MALE_TITLES or word in FEMALE_TITLES or word in ROLE_TITLES):
            start = title.start(1)  # "Mrs. Lefèvre" -> "the woman", not "Mrs. the woman"
        article = "the" if person.mentioned else "a"
        person.mentioned = True
        return Mention(start, end, f"{article} {person.noun}")

    def _date(self, before: str, original: str) -> str:
        from pseudonym_core.surrogate.dates import parse_full_date

        parsed = parse_full_date(original)
        year = parsed[0].year if parsed is not None else None
        if year is None and (m := _YEAR.search(original)):
            year = int(m.group(1))
        if year is None:
            return "a date"
        digits = re.sub(r"\D", "", original)
        if _DOB_CUE.search(before[-24:]) or digits == str(year):  # a birth date, or a bare year: the decade
            return f"the {year // 10 * 10}s"
        return f"a date in {year}"

    def _place_or_org(self, original: str, label: str) -> str:
        if label in ("LOCATION", "ADDRESS") and _POSTCODE.fullmatch(original.strip()):
            return "a postcode"
        kind = org_kind(original)
        if label == "ORGANIZATION":
            return kind or "an organization"
        if kind is not None and kind not in ("a company", "a law firm"):  # "Hôpital Saint-Louis" tagged as a place
            return kind
        if label == "ADDRESS":
            return self._address(original)
        if label != "LOCATION":
            return "a postcode"
        place = lookup(original)
        if place is None:
            return "a place"
        return describe_place(place, hide_country=place.country in self.hide_countries)

    def _address(self, original: str) -> str:
        """ "an address in a city in France": the most telling place named inside the address."""
        parts = [p.strip() for p in re.split(r"[,\n]", original) if p.strip()]
        for part in reversed(parts):
            name = re.sub(r"^[\d\s-]+|[\d\s-]+$|\b[A-Z]{2}\b$", "", part).strip()
            place = lookup(name) if len(name) >= 3 else None
            if place is not None and place.kind == "city":
                return "an address in " + describe_place(place, hide_country=place.country in self.hide_countries)
        return "an address"
