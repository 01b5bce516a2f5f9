"""Organizations known by a short name, found by what the text does with them.

Banks, telcos, insurers and universities are mostly written as an acronym or a brand ("BCA",
"MACIF", "GTBank", "NTUA") that no model or legal-form rule knows. Four contexts give them away:

- the organization spelled out just before its acronym: "National Technical University of Athens
  (NTUA)", where the long form holds an organization word (university, bank, hospital, Ltd …), so
  "Service Level Agreement (SLA)" stays;
- an account, card or app of it: "your BCA account", "my OTP account", "GTBank card"; or a service
  bought from it, when the name is no person's: "my Allianz claim", "the Netflix subscription";
- a chat speaker's affiliation: "[11:03] Zainab (MTN): Good morning";
- an insurer or bank cue: "insured with Admiral", "assuré MACIF", "Carrier: Keystone Mutual";
- a channel, seller or employer cue: "via Kazpost", "through CoverMyMeds", "works for Infosys",
  "operated by Ethiopian Airlines", "presso Esselunga", "bij PostNL", where the name must be no
  ordinary word, no person's name and no place ("via Email", "works for Sarah", "via Dubai" stay);
- a document's title line: "MAIF — Déclaration de sinistre", "COMPLAINT FORM — EDF" (`brand_headers`);
- a card payment's payee: "CARD PAYMENT TESCO STORES 3412", "declined at sainsburys" (`merchants`);
- in chats, a lower-case word before an account, app or shop word, or after "my", "via", "akun" …:
  "my gcash wallet", "safaricom shop", "via revolut", when no word list of any language knows it.

In every context the short name must be no ordinary word ("my savings account"), no account or
product kind ("ISA", "LDAP", "Aadhaar card"), no role ("Sam (SRE):") and no family word ("loan
from Dad"); after an insurer or bank cue a capitalised English word may still be a brand
("Admiral"), and the name stops at the next field label ("Barclays Sort Code" is "Barclays").
"""

from __future__ import annotations

import re

from .base import BaseDetector, Span
from .id_words import NATIONAL_KINDS
from .identifiers import currency_codes

BRAND_SCORE = 0.6
MERCHANT_SCORE = 0.8
#: Account, product, document and technical kinds written like brands before "account" or "card".
ACCOUNT_KINDS = frozenset(
    """
    isa lisa sipp ira hsa fsa rrsp tfsa resp cd 401k 403b ach atm pin sms nfc vip pro id user admin demo
    pto ldap sftp ftp imap smtp pop sso mfa totp upi nre nro fd ppf demat ebt ssn kyc aml aadhaar pan
    ration nhs medicare medicaid ehic oyster metro gym visa debit credit prepaid sim esim vpn aws gcp azure
    """.split()
)
#: Roles and kin written where an affiliation or an insurer would stand.
NOT_BRANDS = frozenset(
    """
    sre ceo cfo cto coo cio hr it pm qa dev ops devops mod admin bot ai ta tl em vp md gp rn np pa intern
    dad mum mom mommy mummy mother father parents family friend friends self none n/a na unknown tbc tba
    """.split()
)
#: Words that end a cued name: the next field of a form ("Bank: Barclays Sort Code 20-00-00").
FIELD_WORDS = frozenset(
    "policy number no sort code account ref reference claim reg id member branch iban bic swift tel phone".split()
)
_FUNCTION = frozenset("of and the for de des du la le di del der und für & at in on".split())
_NAME = r"[A-Z][A-Za-z&]+|[a-z]+[A-Z][A-Za-z]*"  # "BCA", "GTBank", "Maybank", "eBay"; never lower case
_ACCOUNT = re.compile(
    rf"(?<![\w@.-])(?P<name>{_NAME})[ ]+(?:bank[ ]+)?(?:account|acct|card|app|online banking|"
    r"customer (?:care|service)|helpline|savings account|mortgage|loan)s?\b",
)
#: The issuer of a card scheme's card: "his Desjardins Visa 4571 …", "Barclays Mastercard ending 4417";
#: not a travel visa ("Schengen Visa application").
_ISSUER = re.compile(
    rf"(?<![\w@.-])(?P<name>{_NAME})[ ]+(?:Visa|VISA|Mastercard|MasterCard|Amex)(?=[ ]+(?:debit|credit|card|ending|\d))"
)
#: A service bought from it: "my State Farm claim", "the Netflix subscription", "a Vodafone router".
_SERVICE = re.compile(
    rf"(?<![\w@.-])(?P<name>{_NAME})[ ]+(?:policy|policies|claim|booking|reservation|order|membership|"
    r"subscription|contract|bill|invoice|loyalty|rewards|router|network|store|branch|outlet|website|portal|"
    r"courier|driver|technician|pharmacist|customer|parcel|shipment|refund)s?\b"
)
#: A brand written in lower case in a chat: "my gcash wallet", "the safaricom shop", "via revolut". It
#: must follow a determiner or channel word and be no word of any dictionary (`lower_brand`).
_LOWER_CUE = r"(?:account|acct|card|app|wallet|bill|store|shop|subscription|sim|router)s?\b"  # not "hotfix branch"
_DETERMINER = r"\b(?:my|your|our|his|her|their|the|via|thru|through|from|to|sa)[ ]"
_LOWER = re.compile(
    rf"(?<![\w@.'’/-])(?P<name>[a-z]{{3,15}})[ ]{_LOWER_CUE}|"
    rf"{_DETERMINER}(?P<alone>[a-z]{{3,15}})(?=[ ]?[.,;!?)\n]|[ ](?:balance|order|plan|customer care|support|"
    r"helpline|hotline|refund|transfer|payment|loan|savings|points|rewards|premium)s?\b)|"
    r"\b(?:via|thru|through|akun|aplikasi|cuenta|conta|compte|konto|rekening|tarjeta|cartão)[ ]"
    r"(?P<via>[a-z]{3,15})\b(?![@.'’/-]\w)"  # a channel, or an account abroad: "akun gopay", "cuenta banorte"
)
#: A shop named in quotes after its kind: 'Toko "Batik Sekar Wangi Official"', 'ร้าน "บ้านผ้าไหมคุณยาย"',
#: 'shop: "CerysCeramicsCymru"', 'la tienda «La Esquina»'.
_QUOTED_SHOP = re.compile(
    r"(?i:\b(?:toko|tienda|loja|boutique|shop|store|seller|vendedor|penjual|magasin|negozio|sklep)\b|ร้าน)"
    r"[ \t]*:?[ \t]*[\"“«„]"
    r"(?P<name>[^\W\d_][^\"”»\n]{1,50}?)[\"”»“]"
)
_SPEAKER = re.compile(r"(?m)(?:^|\]\s*)[A-Z][\w'’-]+(?:[ ][A-Z][\w'’-]+)?[ ]\((?P<name>[A-Z][A-Za-z&]{1,11})\):")
_CUE = re.compile(
    r"(?:\b[Ii]nsured[ ]with|\b[Ii]nsurance[ ]with|\b[Ii]nsurer:?|\b[Aa]ssurée?|\b(?i:carrier):|\b(?i:bank):|"
    r"\bbanks[ ]with|\bbanking[ ]with|\bmortgage[ ](?:from|with)|"
    # a policy or a utility held with a provider: "travel insurance is with Cover-More", "power with Mercury"
    r"\b(?:insurance|kasko|broadband|electricity|power|gas|energy|pension)(?:[ ]is)?[ ]with)[ \t]+"
    r"(?P<name>[A-Z][\w&'’-]*(?:[ ](?:&[ ])?[A-Z][\w&'’-]*){0,3})"
)
#: A person and where they are from, in several languages: "Ahmad från Ramirent", "Budi dari Tokopedia",
#: "Eli from Matrix IT". A given name must come first; the name after is a brand by `_channel` (no
#: place: "Tom from Bristol"; no ordinary word: "Mark from Sales").
_FROM = re.compile(
    r"(?<![\w'’-])(?P<person>[A-Z][a-zà-öø-ÿ]+)[ ](?:from|från|fra|frå|dari|aus|iz|od)[ ]"
    r"(?P<name>(?:[A-Z]|[a-z]+[A-Z])[\w&'’-]*(?:[ ](?:&[ ])?[A-Z][\w&'’-]*){0,2})"
)
_VIA = re.compile(
    r"\b(?:(?P<employer>(?i:(?:works?|worked|working|employed|interned)[ ](?:at|for|by)|"
    # a role or a move at an employer: "Talent Acquisition Lead at Grab", "ex-Accenture, now at Stripe"
    r"(?:manager|lead|engineer|director|head|analyst|consultant|developer|designer|officer|specialist|intern|"
    r"scientist|recruiter|founder|architect|accountant|now|currently|formerly|previously)[ ]at))|"
    r"(?i:via|through|thru|cherez|przez|operated[ ]by|delivered[ ]by|shipped[ ](?:with|by|via)|"
    r"(?:ordered|bought|purchased)[ ](?:from|on|at)|(?:flew|flying|fly)(?:[ ](?:with|on))?|booked[ ](?:with|on)|"
    r"chez|presso|bij))[ \t]+"
    r"(?P<name>(?:[A-Z]|[a-z]+[A-Z])[\w&'’-]*(?:[ ](?:&[ ])?[A-Z][\w&'’-]*){0,3})"
)
#: An acronym dealt with as a party: "register the tenancy with HDB within 7 days", "stamp duty to
#: IRAS.", "you'll hear from the DWP". What follows must close the phrase (a stop, a function word,
#: a verb): "to the ICU team", "with an ATM card" use the acronym as a modifier. A line-start
#: acronym before a colon is a field ("ECG:", "HPI:"), so subjects are left to the models.
#: The same prepositions in other languages: "depusă la ANAF", "zgłoszenie na ZUS", "claim ke BPJS"
#: (not "do", also Portuguese "of the": "do CPF").
#: Spanish, Italian, Portuguese, Dutch, German, Nordic, Polish and Indonesian ones too ("pensión del IMSS en",
#: "iscritta all'INPS e", "brev fra NAV om", "Post vom BAMF", "zgłoszenie do ZUS").
_FOREIGN_PREPOSITIONS = frozenset(
    p.replace("_", " ")
    for p in (
        "la au aux auprès_de bei beim na pe cu ao ke dari del al el alla della dalla por con pela pelo "
        "hos fra från till til vom von zur zum van naar met aan do w sama lapor"
    ).split()
)
#: The English words before a party; the acronyms after every other one pass the foreign checks.
_ENGLISH_PARTY_WORDS = frozenset(
    "with to from at by contact contacted contacting called calling call emailed emailing phoned phoning rang "
    "ringing citing".split()
)
#: An elided preposition joins the acronym with no space: "all'INPS", "dell'ASL". Not the French
#: article alone: "l'AINS", "l'AVC" are kinds of drug and illness far more often than bodies.
_ELIDED = ("all", "dell", "dall", "nell", "sull")
#: What closes the phrase after the acronym in those languages: a conjunction, a preposition or an
#: auxiliary ("all'INPS e aderisce", "del IMSS en mi cuenta", "fra NAV om saken").
_FOREIGN_CLOSERS = "|".join(
    sorted(
        set(
            "e et y und og och en om i para per pour que che ma mais pero ou o oder eller sobre sur auf mit med "
            "dan dengan sama untuk di pada a al nel no na im em hat ist wird ha è es est har er heeft is w z".split()
        )
    )
)
_PARTY = re.compile(
    r"\b(?:(?P<prep>"
    + "|".join(p.replace(" ", "[ ]") for p in sorted(_ENGLISH_PARTY_WORDS | _FOREIGN_PREPOSITIONS))
    + r")[ ](?:the[ ])?|(?P<elided>(?i:"
    + "|".join(_ELIDED)
    + r"))['’])"
    r"(?P<name>[A-Z][A-Z&]{1,7})(?![\w&-])"
    r"(?=[ ]?[.,;!?)\n]|[ ]?$|[ ][–—][ ]|[ ](?:will|would|can|could|has|have|had|is|was|said|says|sent|replied|"
    r"told|asked|and|or|but|within|before|after|for|about|if|when|on|in|by|yet|again|today|yesterday|tomorrow|"
    r"as|via|under|regarding|because|directly|immediately|" + _FOREIGN_CLOSERS + r")\b)"
)
#: Units, kinds and places other languages write as acronyms after those prepositions: intensive care and
#: emergency units (UTI, UCI, SOR, IGD, UGD, HNO), the minimum wage, a ground floor, taxes and terminals,
#: scans, bank details and a kind of care home (EHPAD).
_NOT_PARTIES_ABROAD = frozenset(
    "uti uci sor igd ugd hno ati upu mrt smic rdc tva tpe cvec irm pma ecg ehpad rib tac".split()
)
#: The acronym of a kind of number ("CPF", "NIF", "PESEL"): what the number is, not who holds it.
_ID_KIND = re.compile(rf"(?i:{NATIONAL_KINDS})")
#: Hospital units, channels, methods, roles, departments and arteries: acronyms that name a place, a
#: kind or a means ("by SMS.", "agreed to MFA via", "forwarded to HR.", "2 stents to LAD and"), not a party.
_NOT_PARTIES = frozenset(
    """
    icu nicu picu pacu ccu hdu itu micu sicu cicu ed er or opd ipd amu sdec ae a&e ot pt gp np rn ems cpr
    uk us usa eu un uae gb ok pdf csv api url sla eta faq tba tbc asap fyi am pm utc gmt cet est pst ist
    pcp ecg ekg fbc cbc bmp lmp hpi edd nok prn npo iv im po eft wps ach bacs chaps sepa swift neft rtgs imps
    sms mms mfa 2fa otp sso vpn ssh ftp sftp usb nfc qr sim ivr dm atm pos cod emi upi giro bpay json xml docx
    hr it qa ops cr ceo cfo cto coo pa lad rca lcx rcx cad pci tgv ter rer ice
    """.split()
)
#: A body's acronym with the place it serves, in French: "CPAM de la Gironde", "DSDEN du Rhône",
#: "CAF de Paris", "URSSAF d'Île-de-France" (the place must be a listed city, region or department).
_REGIONAL = re.compile(
    r"(?<![\w'’&-])(?P<name>[A-Z]{3,6}[ ](?:de[ ]la[ ]|de[ ]l['’]|du[ ]|des[ ]|de[ ]|d['’])"
    r"(?P<place>[A-ZÀ-Þ][\w'’-]+(?:[ ][A-ZÀ-Þ][\w'’-]+)?))"
)
#: Starts only at a word's start: from inside a long token every start re-read the token (quadratic).
_EXPANSION = re.compile(r"(?<![\w'’-])"
                        r"(?P<long>(?:[A-Z][\w'’-]*[ ]+(?:(?:of|and|for|the|de|du|des|di|del|der|für|&)[ ]+)*){2,9})"
                        r"\((?P<name>[A-Z]{2,8})\)")  # fmt: skip
_WORD = re.compile(r"\S+")


#: How frequent an acronym may be and still be read as a party where the phrase says it is one
#: ("filed with CBN,", "flagged by MAS in", "a new job at LEGO in"): the frequency lists count every
#: acronym's use, so a well-known body is as frequent as a word; above this it is one ("from MOM.").
PARTY_ACRONYM_ZIPF = 4.0


def _ordinary(name: str, acronym_zipf: float = 3.0) -> bool:
    """An ordinary word, a product kind or a role: no brand on its own ("savings", "ISA", "SRE")."""
    from ..decide.words import is_common_word, is_dictionary_word, zipf

    folded = name.casefold()
    if folded in ACCOUNT_KINDS or folded in NOT_BRANDS or folded in _FUNCTION:
        return True
    if name.isupper() and len(name) <= 6:
        return zipf(folded) >= acronym_zipf  # an acronym: only a frequent one is a word ("OK"), not "BCA"
    return is_dictionary_word(name) or is_common_word(name) or zipf(folded) >= 3.0


def _shouted(text: str, pos: int) -> bool:
    """A line written in capitals, where every word is an acronym's shape."""
    from ..normalize import is_mostly_upper

    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    return is_mostly_upper(text[start : len(text) if end < 0 else end])


def _has_org_word(words: list[str]) -> bool:
    from .institutions import head_language
    from .org_words import SUFFIXES

    return any(w.casefold().strip(".,") in SUFFIXES or head_language(w) is not None for w in words)


def _place(value: str) -> bool:
    from .places import is_place_name, region_names

    return is_place_name(value) or value.casefold() in region_names()


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.casefold() not in _FUNCTION).upper()


def _channel(name: str, employer: bool = False) -> bool:
    """A name after a channel or seller cue is a brand when one of its words is no ordinary word,
    not all of them are given or family names, and the whole is no place. After "works at" even
    ordinary capitalised words name the employer ("Northwestern Medicine"), unless it is one
    dictionary word ("works at Home")."""
    from ..decide.words import calendar_words, is_dictionary_word, is_function_word, is_known_name
    from .places import is_place_name

    words = name.split(" ")
    if all(is_known_name(w) for w in words) or is_place_name(name):
        return False
    if employer:  # one dictionary word is the word ("works at Home"); a phrase of them a name
        if len(words) == 1 and is_dictionary_word(name):
            return False
        return not all(w.casefold() in calendar_words() or is_function_word(w) for w in words)
    return not all(_ordinary(w) and not _CAMEL.search(w) for w in words if w != "&")


def lower_brand(name: str) -> bool:
    """A lower-case word that only a brand can be: unknown to the word-frequency lists of English and
    the other languages, and no name, place or account kind ("my gcash wallet", "via revolut"; not
    "the laptop.", "my finnish account", "my john account" or "the paris branch"). Brands frequent
    enough to be listed ("netflix") are left to their capitalised mentions and propagation."""
    from ..decide.words import is_dictionary_word, is_foreign_word, is_known_name, zipf
    from .places import is_place_name
    from .usernames import initial_and_family

    if name in ACCOUNT_KINDS or name in NOT_BRANDS or zipf(name) >= 1.0 or is_foreign_word(name):
        return False
    if initial_and_family(name):  # a login: "from tbrown,"
        return False
    return not (is_dictionary_word(name) or is_known_name(name) or is_place_name(name))


#: A capital inside a word after a small letter: a brand's spelling ("WhatsApp", "eBay"), however
#: frequent the word is.
_CAMEL = re.compile(r"[a-z][A-Z]")


def _cued_name(name: str) -> str:
    """The cued name up to the next field label."""
    words = name.split(" ")
    for k, w in enumerate(words):
        if w.casefold() in FIELD_WORDS and k > 0:
            return " ".join(words[:k])
    return name


class BrandDetector(BaseDetector):
    """Acronyms and brands of banks, telcos, insurers and institutions, by context."""

    name = "brands"
    labels: frozenset[str] = frozenset({"ORGANIZATION"})
    reads_case = True  # an acronym is its capitals: reads the text as written, not the re-cased view

    def detect(self, text: str) -> list[Span]:
        from .brand_headers import header_brands
        from .merchants import merchant_spans

        spans = self._expansions(text)
        spans.extend(self._span(a, text[a:b]) for a, b in header_brands(text))  # "MAIF — Déclaration de sinistre"
        # "CARD PAYMENT TESCO STORES 3412": the marker says payee, whatever a name model guesses
        spans.extend(Span(a, b, "ORGANIZATION", MERCHANT_SCORE, self.name) for a, b in merchant_spans(text))
        for pattern in (_ACCOUNT, _ISSUER, _SPEAKER):
            spans.extend(self._span(m.start("name"), m.group("name")) for m in pattern.finditer(text)
                         if not _ordinary(m.group("name")))  # fmt: skip
        from ..decide.words import is_common_phrase, is_given_name, is_known_name

        for m in _QUOTED_SHOP.finditer(text):
            name = m.group("name")
            if len(name.split()) <= 6 and not name[:1].islower() and not is_common_phrase(name.casefold()):
                spans.append(self._span(m.start("name"), name))
        for m in _SERVICE.finditer(text):  # a person's name there is a client ("the Johnson account")
            if not _ordinary(m.group("name")) and not is_known_name(m.group("name")):
                spans.append(self._span(m.start("name"), m.group("name")))
        for m in _CUE.finditer(text):
            name = _cued_name(m.group("name").rstrip("&' ").rstrip())
            if name.casefold() not in NOT_BRANDS and name.casefold() not in ACCOUNT_KINDS:
                spans.append(self._span(m.start("name"), name))
        for m in _PARTY.finditer(text):
            name = m.group("name")
            if name.casefold() in _NOT_PARTIES or _ordinary(name, PARTY_ACRONYM_ZIPF) or name in currency_codes():
                continue
            if (m.group("elided") or m.group("prep")) not in _ENGLISH_PARTY_WORDS and (
                _ID_KIND.fullmatch(name) or name.casefold() in _NOT_PARTIES_ABROAD
            ):
                continue  # "la CNP", "na UTI": a kind of number, a hospital unit, a wage, not a body
            if not _shouted(text, m.start("name")):
                spans.append(self._span(m.start("name"), name))
        for m in _REGIONAL.finditer(text):
            acronym = m.group("name").split()[0]
            if _ID_KIND.fullmatch(acronym) or acronym.casefold() in _NOT_PARTIES or _ordinary(acronym):
                continue
            if _place(m.group("place")):
                spans.append(self._span(m.start("name"), m.group("name")))
        for m in _LOWER.finditer(text):
            group = next(g for g in ("name", "alone", "via") if m.group(g))
            if lower_brand(m.group(group)):
                spans.append(self._span(m.start(group), m.group(group)))
        for m in _VIA.finditer(text):
            name = _cued_name(m.group("name").rstrip("&'’ ").rstrip())
            if _channel(name, employer=m.group("employer") is not None):
                spans.append(self._span(m.start("name"), name))
        for m in _FROM.finditer(text):
            name = _cued_name(m.group("name").rstrip("&'’ ").rstrip())
            if is_given_name(m.group("person")) and _channel(name):
                spans.append(self._span(m.start("name"), name))
        return spans

    def _expansions(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for m in _EXPANSION.finditer(text):
            acronym = m.group("name")
            if _ordinary(acronym):
                continue
            words = [(w.start() + m.start("long"), w.group()) for w in _WORD.finditer(m.group("long"))]
            for k in range(len(words) - 1):  # the longest tail of the run whose initials spell it
                tail = [w for _, w in words[k:]]
                if tail[0].casefold() in _FUNCTION or _initials(tail) != acronym:
                    continue
                if _has_org_word(tail):
                    start, (last_start, last) = words[k][0], words[-1]
                    spans.append(self._span(start, text[start : last_start + len(last)]))
                    spans.append(self._span(m.start("name"), acronym))
                break
        return spans

    def _span(self, start: int, value: str) -> Span:
        return Span(start, start + len(value), "ORGANIZATION", BRAND_SCORE, self.name)
