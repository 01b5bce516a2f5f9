"""Labelled form fields ("Name: …", "Address: …", `"office": "Cork"`): the label says what the value is.

Forms, CRM exports, ticket headers and JSON records state the type of the value outright; trusting
the label recovers names and addresses that no model knows (rare names, foreign street names). In
JSON only keys that name a person, place or organization without doubt count: "name" may be a
product's, "state" a status, so neither is read.
"""

from __future__ import annotations

import re

import regex

from .base import BaseDetector, Span

_FIELDS = {
    "PERSON": r"(?:full\s+)?name|patient|customer|client|contact(?:\s+person)?|employee|applicant|beneficiary|signed",
    # "Delivery address", "Address for the taxi", "住所 / Address", and the label in other languages;
    # not an e-mail, IP or wallet address
    "LOCATION": r"(?:(?!(?:e-?mail|ip|mac|web|wallet|url|server|host|ipv[46]|bitcoin|btc|eth)\b)[^\W\d_]+[ \t]+){0,3}"
    r"(?:address|addr|residence|adresse|anschrift|adres|adresa|adresă|adress|"
    r"direcci[óo]n|domicilio|indirizzo|residenza|endere[çc]o|morada|đ[ịi]a[ \t]+ch[ỉi]|dia[ \t]+chi|адрес|адреса|"
    r"住所|地址|주소|العنوان|alamat|osoite|postadresse|bosted)(?:[ \t]+(?:for|on|of|in|para|de|at)[ \t]+[^\W\d_]+"
    r"(?:[ \t]+[^\W\d_]+)?)?(?:[ \t]*/[ \t]*[^\W\d_]+)?",
    "ORGANIZATION": r"(?:insurance\s+)?(?:company|provider)|employer|organi[sz]ation|firm|bank|insurer|carrier|"
    r"school|university|college|hospital|clinic|pharmacy|lender|agency|vendor|merchant|seller|workplace|"
    r"isp|courier|airline|union|supplier|broker|hotel|accommodation|nursery|daycare|gym|dentist|gp\s+practice|"
    r"gp\s+surgery|care\s+home|(?:bank|company|employer|school|hospital|hotel)\s+name",
}
#: Where a value ends before the line does: a bracket or semicolon, and for a name a dash that
#: starts a remark ("Union: Teamsters Local 533 — steward Dawn Reyes"; an address keeps its dashes).
_REST = r"[(;][^\n]*"
_NAME_REST = _REST + r"|[—–][^\n]*|-[ \t][^\n]*"
#: A clinician's credentials after a name: "Provider: Hope Adeyemi, NP" names a person.
_CREDENTIAL_WORDS = (
    r"MD|DO|NP|FNP|APRN|DNP|RN|LPN|PA|PA-C|DDS|DMD|PharmD|PhD|MBBS|MBChB|FRCP|MRCP|MRCGP|OD|DPM|LCSW|"
    r"PMHNP|PMHNP-BC|FNP-BC|FNP-C|AGNP|NP-C|CNM|CRNA|PsyD|LMFT|LPC|LCPC|RPh|DPT|OTR|CCC-SLP"
)
#: An organization's name also ends at a comma ("Hotel: Thistle Marble Arch, conf. THL-88201947"),
#: but not before credentials, which say the value is a person (`_CREDENTIALS`).
_ORG_REST = _NAME_REST + rf"|,[ \t](?!(?:{_CREDENTIAL_WORDS})\.?[ \t]*(?:$|[(;]))[^\n]*"
#: A province or state in brackets closing an address, one word: "20006 Donostia (Gipuzkoa)", "20154
#: Milano (MI)"; not a note ("(Ghana Post GPS)").
_PROVINCE = r"(?:[ \t]*\((?-i:[A-ZÀ-Þ])[^\W\d_]{1,20}\))?"
#: An address ends where a sentence starts after it: "… C1195 CABA. Es una valija roja" (a word of
#: three letters or more before the stop, so "Av. Corrientes" and "St. Olavs plass" go on).
_ADDRESS_REST = _REST + r"|(?<=[^\W_]{3})\.[ \t]+(?-i:[A-ZÀ-Þ][a-zß-ÿ]+[ \t]+[a-zß-ÿ])[^\n]*"
_PATTERNS = [
    (
        label,
        re.compile(
            rf"(?im)^[ \t]*(?:[-*•·][ \t]+)?(?:{names})[ \t]*:[ \t]*([^\n:(;]{{2,80}}?"
            rf"{_PROVINCE if label == 'LOCATION' else ''})[ \t]*"
            rf"(?:{_ADDRESS_REST if label == 'LOCATION' else _NAME_REST if label == 'PERSON' else _ORG_REST})?$"
        ),
    )
    for label, names in _FIELDS.items()
]
FIELD_SCORE = 0.75
#: Name fields of forms in the languages seen, the value ending at the line's end or at a column gap
#: (two blanks or a tab), so "Επώνυμο: ΠΑΠΑΔΟΠΟΥΛΟΥ        Όνομα: ΕΛΕΝΗ" gives both.
_NAME_LABELS = (
    r"surname|forenames?|first[ \t]+names?|last[ \t]+name|given[ \t]+names?|family[ \t]+name|middle[ \t]+names?|"
    r"vorname|vornamen|nachname|familienname|geburtsname|pr[ée]noms?|nom[ \t]+de[ \t]+naissance|nom[ \t]+d'usage|"
    r"nombre[ \t]+completo|apellidos?|sobrenome|nome[ \t]+completo|cognome|voornaam|achternaam|imi[ęe]|nazwisko|"
    r"imi[ęe][ \t]+i[ \t]+nazwisko|jm[ée]no|p[řr][íi]jmen[íi]|prenume|soyad[ıi]?|ad[ıi][ \t]+soyad[ıi]|ad[ \t]+soyad|"
    r"f[öo]rnamn|efternamn|fornavn|efternavn|etternavn|etunimi|sukunimi|nama[ \t]+lengkap|h[ọo][ \t]+v[àa][ \t]+t[êe]n|"
    r"h[ọo][ \t]+t[êe]n|επώνυμο|όνομα|πατρώνυμο|μητρώνυμο|ονοματεπώνυμο|фамилия|имя|отчество|фио|прізвище|"
    r"ім['’]я|по[ \t]+батькові|піб|姓名|氏名|성명|الاسم|"
    # whose name: the applicant's, the patient's, a parent's; "बैंक का नाम" and "اسم الشركة" name a bank
    # and a company, so only these qualifiers count
    r"(?:(?:आवेदक|पति|पिता|माता|पत्नी|लाभार्थी|मरीज|रोगी|छात्र|छात्रा|कर्मचारी|अभिभावक)[ \t]+(?:का|की)[ \t]+)?नाम|"
    r"اسم[ \t]+(?:المريض|المريضة|الموظف|الموظفة|العميل|العميلة|الطالب|الطالبة|الأب|الأم|المستفيد|المتقدم|"
    r"الزوج|الزوجة|الكامل|مقدم[ \t]+الطلب)"
)
#: Where a form's field starts: a line's start or a column gap (two blanks or a tab); possessive
#: blanks keep long runs of them linear.
_FIELD_START = r"(?:^[ \t]*+|(?<=[ \t]{2}|\t)(?![ \t]))"
_NAME_FIELD = regex.compile(
    rf"(?im){_FIELD_START}(?:\d{{1,2}}[.)][ \t]+)?(?:{_NAME_LABELS})[ \t]*+[:：][ \t]*+"
    r"(?P<value>[^\s\d:：;(,][^\n\d:：;(]{0,58}?)(?=[ \t]{2,}|\t|[ \t]*$|[ \t]*[;(,])"
)
#: Organization fields of forms in other languages and of insurance cards, the value ending at the
#: line's end, a column gap, a comma or a bracket: "Krankenkasse: AOK NordWest", "Mutuelle : MGEN,
#: n° adhérent …", "Health insurance: 協会けんぽ 愛知支部", "현 직장: 쿠팡 (Coupang)".
_ORG_LABELS = (
    r"health[ \t]+insurance(?:[ \t]+(?:fund|provider|company))?|health[ \t]+insurer|medical[ \t]+aid|"
    r"krankenkasse|krankenversicherung|arbeitgeber|mutuelle|assureur|compagnie[ \t]+d['’]assurance|employeur|"
    r"aseguradora|empleador|empresa|seguradora|operadora|plano[ \t]+de[ \t]+sa[úu]de|empregador|"
    r"zorgverzekeraar|verzekeraar|werkgever|assicurazione|datore[ \t]+di[ \t]+lavoro|ubezpieczyciel|"
    r"pracodawca|zdravotn[íi][ \t]+poji[šs][ťt]ovna|poji[šs][ťt]ovna|zam[ěe]stnavatel|arbetsgivare|"
    r"arbejdsgiver|arbeidsgiver|försäkringsbolag|forsikringsselskab|työnantaja|vakuutusyhtiö|işveren|"
    r"sigorta[ \t]+şirketi|勤務先|会社名|保険者|健康保険|(?:현[ \t]*)?직장|회사명|工作单位|单位名称|公司名称"
)
#: Such a field types its value: "Krankenkasse: AOK NordWest" is no person whatever NER says.
ORG_FIELD_SOURCE = "fields:org"
_ORG_FIELD = regex.compile(
    rf"(?im){_FIELD_START}(?:{_ORG_LABELS})[ \t]*+[:：][ \t]*+"
    r"(?P<value>[^\s\d:：;(,][^\n:：;(,]{0,58}?)(?=[ \t]{2,}|\t|[ \t]*$|[ \t]*[;(,—–]|[ \t]+-[ \t])"
)
_TITLED = re.compile(r"(?i)(?:dr|mr|mrs|ms|mx|miss|prof|sir|dame)\.?[ \t]+[A-Z]")
#: A name, then a clinician's credentials.
_CREDENTIALS = re.compile(rf"(?P<name>[^\W\d_][^,\n]*?),?[ \t]+(?:{_CREDENTIAL_WORDS})\.?$")
#: JSON keys (any case, "_" or camelCase) whose string value is a person, place or organization.
_JSON_KEYS = {
    "PERSON": r"full_?name|first_?name|last_?name|given_?name|family_?name|surname|manager|employee|contact|"
    r"customer|patient|applicant|assignee|reporter|requester|author|owner",
    "LOCATION": r"city|town|office|location|country|country_?or_?region|region|province|hometown|birthplace|"
    r"place_?of_?birth|address|street|suburb|district|site",
    "ORGANIZATION": r"company|employer|organi[sz]ation|bank|insurer|carrier|school|university|hospital|seller|"
    r"merchant|vendor|lender|clinic|pharmacy|landlord|agency|institution|provider|issuer|brokerage|practice|"
    r"isp|courier|last_?mile|airline|union|supplier|broker",
}
_JSON = [
    # a qualifier before the key: "home_address", "homeAddress" (but "website" is no "site")
    (label, re.compile(rf"\"(?:[A-Za-z]+_|[a-z]+(?=[A-Z]))?(?i:{keys})\"[ \t]*:[ \t]*\"([^\"\n]{{2,80}})\""))
    for label, keys in _JSON_KEYS.items()
]
#: JSON keys of a record's own identifiers: "tracking_code", "orderId", "customer_number",
#: "policyNo"; technical ones ("request_id", "status_code", "trace_id") name no person's record.
_JSON_ID = re.compile(
    r"\"(?i:tracking|order|ticket|case|customer|client|account|member|membership|policy|invoice|booking|"
    r"reservation|claim|patient|employee|user|loan|contract|shipment|parcel|consignment|awb|passport|licen[cs]e|"
    r"plate|vehicle|registration|subscriber|student|voucher)[_ -]?(?i:id|code|number|num|no|nr|ref|reference)\""
    r"[ \t]*:[ \t]*\"(?P<value>[A-Za-z0-9][A-Za-z0-9._/-]{2,39})\""
)
#: The place-and-date line of a European letter: "München, den 28.06.2024", "V Praze dne 12. 8.
#: 2024", "Paris, le 3 mars 2024", "Milano, il 5 maggio".
_PLACE_DATE = regex.compile(
    r"(?m)^[ \t]*(?:[VW][ \t]+)?(\p{Lu}[\p{Ll}'’-]+(?:[ -]\p{Lu}[\p{Ll}'’-]+){0,2}),?[ \t]+"
    r"(?:den|le|dne|el|il|lo)[ \t]+\d{1,2}\b"
)


def _ordinary(word: str) -> bool:
    """A frequent word the dictionary lists in lower case ("Hello", "Thanks"); "Paris" and "Nice"
    are places here, where a date follows."""
    from ..decide.words import is_common_word
    from .places import is_place_name

    return is_common_word(word) and not is_place_name(word)


def _personal_name(value: str) -> bool:
    """Two to four words, the first a given name of the pools (a credential then makes it a
    clinician, not a practice: "Hope Adeyemi, NP" but "Riverside Family Practice, PA")."""
    from ..surrogate.pools import name_index

    words = value.split()
    return 2 <= len(words) <= 4 and name_index().is_given(words[0])


def _common(value: str) -> bool:
    from ..decide.words import is_common_phrase

    return is_common_phrase(value)


_INDIC_TITLE = regex.compile(r"(?:श्रीमती|श्री|सुश्री|स्व\.|डॉ\.|कुमारी)[ \t]+")


def _name_value(value: str) -> bool:
    """One to five words, each capitalised or the whole in capitals, or in a script without case:
    "ΠΑΠΑΔΟΠΟΥΛΟΥ", "Kowalska", "रामप्यारी देवी"; not "non communiqué" nor "see attached"."""
    words = value.split()
    if not 1 <= len(words) <= 5 or value.casefold() in _EMPTY:
        return False
    cased = [w for w in words if any(c.isupper() or c.islower() for c in w)]
    return all(w[0].isupper() for w in cased)


#: Values that fill a field without naming anything: empty marks and states ("Pharmacy: Updated").
_EMPTY = frozenset(
    "none null n/a na unknown tbd tbc tba true false yes no updated confirmed pending done ok okay verified "
    "changed removed added same".split()
)


class FieldDetector(BaseDetector):
    name = "fields"

    def detect(self, text: str) -> list[Span]:
        spans = []
        for label, pattern in _PATTERNS:
            for m in pattern.finditer(text):
                value = m.group(1)
                words = value.split()
                if label == "PERSON" and (len(words) > 5 or any(c.isdigit() for c in value)):
                    continue
                if value.casefold() in _EMPTY or (label == "ORGANIZATION" and value[:1].islower() and _common(value)):
                    continue  # "Hotel: TBC", "Employer: the same as above", "Bank: see attached"
                titled = label == "ORGANIZATION" and _TITLED.match(value)  # "Provider: Dr. Anna Lee"
                credited = _CREDENTIALS.fullmatch(value) if label == "ORGANIZATION" else None
                if credited is not None and _personal_name(credited.group("name")):  # "Hope Adeyemi, NP"
                    spans.append(Span(m.start(1), m.start(1) + credited.end("name"), "PERSON", FIELD_SCORE, self.name))
                    continue
                spans.append(Span(m.start(1), m.end(1), "PERSON" if titled else label, FIELD_SCORE, self.name))
        for label, pattern in _JSON:
            for m in pattern.finditer(text):
                value = m.group(1).strip()
                if not value or not any(c.isalpha() for c in value) or value.casefold() in _EMPTY:
                    continue
                if label == "ORGANIZATION" and _common(value):
                    continue  # "agency": "Remote", "institution": "Public"
                free_form = label == "LOCATION" and "address" in m.group(0).casefold()
                if not free_form and (any(c.isdigit() for c in value) or len(value.split()) > 6):
                    continue  # "region": "us-east-1", a sentence: no name
                start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
                spans.append(Span(start, start + len(value), label, FIELD_SCORE, self.name))
        for m in _JSON_ID.finditer(text):
            if any(c.isdigit() for c in m.group("value")):  # "orderId": "pending" is a state
                spans.append(Span(m.start("value"), m.end("value"), "IDENTIFIER", FIELD_SCORE, self.name))
        for m in _NAME_FIELD.finditer(text):
            if _name_value(m.group("value")):
                title = _INDIC_TITLE.match(m.group("value"))  # "स्व. रामसेवक यादव": "the late" stays
                start = m.start("value") + (title.end() if title else 0)
                spans.append(Span(start, m.end("value"), "PERSON", FIELD_SCORE, self.name))
        for m in _ORG_FIELD.finditer(text):
            value = m.group("value")
            if value[:1].islower() or len(value.split()) > 6 or value.casefold() in _EMPTY or _common(value):
                continue  # "Arbeitgeber: selbstständig" (self-employed), "Empresa: N/A"
            spans.append(Span(m.start("value"), m.end("value"), "ORGANIZATION", FIELD_SCORE, ORG_FIELD_SOURCE))
        for m in _PLACE_DATE.finditer(text):
            if not _ordinary(m.group(1).split()[0]):  # "Hello, le 3": no place
                spans.append(Span(m.start(1), m.end(1), "LOCATION", FIELD_SCORE, self.name))
        return spans
