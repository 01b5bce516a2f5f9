"""Per-candidate rules: configured types and thresholds, allow list, dates, and word protection.

Each rule returns the reason it drops a candidate, so an explanation can quote it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..config import PseudonymizerConfig
from ..detect.base import Span
from ..detect.org_words import FOREIGN_OPENERS, GENERIC, ORG_WORDS
from ..detect.places import is_inflected_place, is_place_name
from ..normalize import GEORGIAN, is_lowercase_style, is_mostly_upper
from ..surrogate.dates import full_date
from .addresses import street_words
from .drugs import is_drug_name
from .evidence import line_of, sentence_initial, title_before
from .frequency import frequent_in_any
from .resolve import TITLES
from .words import (
    COMMON_ZIPF,
    NAME_PARTICLES,
    OTHER_LANGUAGES,
    calendar_words,
    is_common_word,
    is_compound_word,
    is_dictionary_word,
    is_foreign_word,
    is_framework_text,
    is_function_word,
    is_german_word,
    is_known_name,
    words_of,
    zipf,
)

#: Sources the user controls: their spans are kept whatever the other rules say.
USER_SOURCES = ("custom", "deny_list")
#: Acronyms the small NER model likes to call organizations; they name field types, not parties.
NOT_ENTITIES = frozenset(
    """
    iban ssn dob pin cvv cvc id ceo cfo cto coo hr it pdf url api faq eta asap vat zip tin ein bic
    swift gdpr ipv4 ipv6 vpn hipaa pii phi icu er gp dm fyi tbd n/a ok usd eur gbp mrn
    """.split()
)
#: Degrees and post-nominals written after a name; "MD" is Maryland and "PA" Pennsylvania elsewhere.
POST_NOMINALS = frozenset(
    """
    md do dds dmd dvm rn np pa pa-c phd rph pharmd mba cpa esq esq. qc kc jp mbe obe cbe frcs mrcp mbbs bsc msc
    llb llm cfa acca fca ceng
    """.split()
)
_AFTER_NAME = re.compile(r"(?P<word>[^\W\d_][\w.'’-]*),[ \t]*\Z")
#: Sign-offs and greetings before a comma: "Thanks, JP" and "Best regards, KC" sign with initials.
_SIGN_OFFS = frozenset(
    "thanks thank thx ty cheers regards best sincerely yours love hi hello hey dear warmly rgds br wishes "
    "respectfully cordially merci danke gracias grazie obrigado obrigada bye ciao".split()
)
_DAY_AFTER = re.compile(r"[ \t]+\d{1,2}\b")
#: Detectors that type a span by context or a list, so a common word they vouch for may stay.
_TYPED_BY_CONTEXT = (
    "orgs", "institutions", "brands", "fields", "cues", "layouts", "cities", "gazetteer", "address", "known", "banks",
    "pattern:table-name",
)  # fmt: skip
_NAMED = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})
#: Lower-case words that join the words of an organization or place name.
_CONNECTORS = frozenset(
    "of and for the de del la le les des du et y e i w z und für van der den di da do dos das al el on at in".split()
)
_ROMAN = re.compile(r"(?:I{1,3}|IV|V|VI{1,3}|IX|X)")
_DEGREE_NAMES = (
    r"(?:B\.?Sc|M\.?Sc|B\.?A|M\.?A|Ph\.?D|B\.?Eng|M\.?Eng|MBA|LL\.?B|LL\.?M|B\.?Com|M\.?Phil|BBA|MPH|"
    r"B\.?Tech|M\.?Tech|DPhil|MRes|PGCE|HND)\.?"
)
#: A degree as written: "MBA", "Ph.D.", "B.Sc".
DEGREES = re.compile(_DEGREE_NAMES)
_DEGREE = re.compile(_DEGREE_NAMES + r"[ \t]+(?:in[ \t]+)?[A-Z]")
_EPONYM = re.compile(
    r"(?:(?:'s|’s)?[ \t]+(?:disease|syndrome|palsy|ulcer|phenomenon|reflex|contractions?)"
    r"|(?:'s|’s)[ \t]+(?:sign|test|law))\b",  # "Murphy's sign", "Fisher's test"; not "have John Smith sign"
    re.IGNORECASE,
)
#: The possessive eponyms of medicine, whichever detector found the name: "Huntington's disease".
_POSSESSIVE_EPONYM = re.compile(r"(?:'s|’s)[ \t]+(?:disease|syndrome|palsy|phenomenon|ulcer)\b", re.IGNORECASE)
#: Diseases a note names by the possessive alone ("early Alzheimer's", "his Crohn's flared").
_EPONYMS_ALONE = frozenset(
    "alzheimer parkinson crohn hodgkin huntington asperger tourette raynaud sjögren sjogren addison cushing "
    "paget menière meniere kawasaki dupuytren".split()
)
_POSSESSIVE = re.compile(r"'s\b|’s\b")
#: Words before such a possessive that make it the disease ("early Alzheimer's", "his Crohn's"), not
#: a person ("Addison's mother called").
_DISEASE_BEFORE = re.compile(
    r"(?i)\b(?:early|late|advanced|mild|severe|his|her|their|with|has|had|diagnosed|suspected|known|of|for)[ \t]+$"
)
#: Words around a medicine's name that say it is one ("took two Advil", "Ritalin 10 mg", "refill").
_MEDICINE_AROUND = re.compile(
    r"(?i)\b(?:\d+(?:[.,]\d+)?[ \t]?(?:mg|mcg|µg|ml|iu)|tablets?|pills?|capsules?|dose|dosage|prescri\w*|refill\w*|"
    r"pharmac\w*|medicat\w*|medicines?|drugs?|inhaler|injections?|side effects?|generic|take|taking|took|"
    r"suggests?|switch\w*|started|stopped|how much|mg/day)\b"
)
#: A version or model number right after a company's name, then a capitalised word or the end:
#: "Microsoft 365 Business Premium", "Windows 11 Pro"; not an amount ("Allianz 150 EUR") or a year.
_PRODUCT_AFTER = re.compile(
    r"[ \t]+\d{1,3}[ \t]+(?!(?:Euro|Dollar|Pound|Franc|Rand|Peso|Month|Year|Week|Day|Hour|Minute|Jahr|Monat|Tag)"
    r"\w*\b)[A-Z][a-z]"
)
_MEDICATION = re.compile(
    r"\s*(?:\(\s*[a-z]+(?:ine|ide|ol|pril|sartan|statin|mab|azole|cillin|mycin|tide|one|ate|ium|in|am|an|ex|il)"
    r"\b(?![@.]\w)[^)@]{0,20}\)|\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|ml|iu|units?|tablets?|capsules?|puffs?)\b)"
)
#: Reasons a model's PERSON is dropped for reading as another language's words; a part of it kept as a
#: person on other evidence says the words are a name after all (`caps_names.whole_names`).
FOREIGN_OPENER = "opens with a determiner, pronoun or preposition of another language ('Ihre', 'Der', 'Nach')"
FOREIGN_WORDS = "ordinary words of another language"
#: Models that know people: when one of them agrees, a guessed PERSON is not second-guessed.
_PERSON_MODELS = ("rampart", "hf_ner", "tag_", "prompt")
#: Detectors that guess a type from how a word looks (models, name lists), not from its context.
_GUESSING = ("spacy", "rampart", "hf_ner", "gazetteer")
#: Interface verbs before a label that is a button or menu item: "click Mark as Paid", "tap Send".
_UI_VERB = re.compile(r"(?i:\b(?:click|clicks|clicked|tap|taps|tapped|press|pressed|toggle))[ \t]+(?:on[ \t]+)?$")
_LABEL_GOES_ON = re.compile(r"[ \t]+(?:as|to|and|of|for|&)[ \t]+[A-Z]")  # "click Mark| as Paid"
_CONTROL_AFTER = re.compile(r"[\"”']?[ \t]+(?:button|tab|link|menu|icon|option|toggle)\b")
#: A code name: "Project Summer", "Operation Atlas"; the span is the word after the kind, or both.
_CODE_KIND = r"(?:Project|Operation|Programme|Codename)"
_CODENAME = re.compile(rf"{_CODE_KIND}[ \t]+[A-Z][a-z]+")
_CODE_WORD = re.compile(r"[A-Z][a-z]+")
_CODE_KIND_BEFORE = re.compile(rf"\b{_CODE_KIND}[ \t]+$")
_STOP_START = frozenset("my your our his her their the a an per and or to of in on at for with che di".split())


def _non_latin(value: str) -> bool:
    letters = [c for c in value if c.isalpha()]
    return bool(letters) and sum(not c.isascii() and c > "\u024f" for c in letters) > len(letters) / 2


_WORD_BEFORE = re.compile(r"(?<![\w-])([a-z][^\W\d_]{1,20}) $")
_WORD_AFTER = re.compile(r" ([a-z][^\W\d_]{1,20})(?![\w-])")


def _lower_full_name(text: str, span: Span) -> bool:
    """A lower-case given and family name side by side, neither an ordinary word ("yes it's
    bhavesh patel" in a call transcript): a name however it is typed."""

    def name(word: str) -> bool:
        return is_known_name(word) and not is_common_word(word)

    def unknown(word: str) -> bool:
        return not is_dictionary_word(word) and zipf(word) < 3.0

    this = text[span.start : span.end]
    before = _WORD_BEFORE.search(text, max(0, span.start - 22), span.start)
    after = _WORD_AFTER.match(text, span.end)
    for m in (before, after):
        other = m.group(1) if m else None
        if other and (name(this) or unknown(this)) and (name(other) or unknown(other)) and (name(this) or name(other)):
            return True
    return False


def drop_reason(
    cfg: PseudonymizerConfig, text: str, span: Span, sources: set[str], allow: set[str], support: set[str] = frozenset()
) -> str | None:
    """None when the candidate stays; otherwise the rule that drops it.

    `sources` are all detectors that proposed this very extent (their votes add up as evidence);
    `support` holds "source:LABEL" of every proposal covering most of it (a name model agreeing).
    """
    if span.source.startswith(USER_SOURCES):
        return None
    value = text[span.start : span.end]
    if not cfg.wants(span.label):
        return f"{span.label} is not among the configured entity types"
    if span.score < cfg.threshold_for(span.label):
        return f"score {span.score:.2f} below the {span.label} threshold {cfg.threshold_for(span.label):.2f}"
    folded = value.strip().casefold()
    if folded in allow:
        return "on the allow list"
    if folded in NOT_ENTITIES:
        return "a field-type acronym, not a party"
    if span.label in _NAMED and (folded in _CYRILLIC_ID_KINDS or _kind_before_its_value(text, span, folded)):
        return "the name of a kind of ID ('СНИЛС', 'PESEL', 'NINO AB123456C'), not a party"
    if span.label == "DATE_TIME":
        if cfg.date_mode == "all" or (cfg.date_mode == "full" and full_date(value) is not None):
            return None
        return f"not a full date (date_mode={cfg.date_mode!r})"
    if span.source.startswith("pattern:TrLicensePlate") and any(c.islower() for c in value):
        return "a licence plate is written in capitals"
    if span.source.startswith("pattern:TrLicensePlate") and full_date(value) is not None:
        return "a date in capitals (12 JAN 1990), not a licence plate"
    if span.label not in _NAMED:
        return None
    if folded in POST_NOMINALS and _after_a_name(text, span.start):
        return "a degree or post-nominal after a name ('Paolo Bianchi, MD'), not a place or a party"
    if span.label == "PERSON" and folded in calendar_words() and _DAY_AFTER.match(text, span.end):
        return "a month before its day ('Mar 14 07:58:09'), not a name"
    if is_framework_text(value):
        return "a prompt-template word of an LLM framework"
    if span.source == "spacy" and _non_latin(value):
        return "the English statistical model guessing on non-Latin script"
    words = words_of(value)
    if not words:
        return "no letters"
    person_model = span.label == "PERSON" and any(
        v.endswith(":PERSON") and v.startswith(_PERSON_MODELS) for v in support
    )
    if span.source.startswith(_GUESSING) and _ui_label(text, span, words):
        return "a button or menu item after 'click', 'tap' or 'press' ('click Mark as Paid')"
    if _code_name(text, span, value):
        return "a project's code name ('Project Atlas'), not a party"
    if span.source.startswith(("gazetteer", "rampart")) and words[0].casefold() in _STOP_START:
        return "starts with a function word ('my company', 'per otto')"
    single_lower = len(value.split()) == 1 and value.islower()
    if (
        span.source.startswith("rampart")
        and single_lower
        and not _message_typed_small(line_of(text, span.start))
        and not _lower_full_name(text, span)
    ):
        return "a lower-case word the name model guessed outside chat-style text"
    if span.source.startswith("rampart") and _long_hangul_word(value):
        return "one Hangul word of five syllables or more: a noun, not a Korean name ('임대차계약서')"
    if (
        span.source.startswith("rampart")
        and single_lower
        and _function_word_abroad(value)
        and not _addressed(text, span)
    ):
        return "a frequent word of another language the name model guessed in lower case ('Nom : non communiqué')"
    if span.source.startswith(("spacy", "rampart")) and span.label == "PERSON" and _opens_abroad(words):
        return FOREIGN_OPENER
    if span.source == "spacy" and span.label == "ORGANIZATION" and words[0] in _FOREIGN_OPENERS:
        return "opens with a possessive or preposition of another language ('Ihre Krankenkasse')"
    if (
        span.source == "spacy"
        and single_lower
        and span.label != "PERSON"
        and _function_word_abroad(value)
        and not _city_written_small(value, span.label)
    ):
        return "a function word of another language ('que', 'und') the English model guessed"
    if span.source == "cities" and single_lower and is_foreign_word(value, _TRUE_FUNCTION_ZIPF):
        return "a function word of another language written in lower case ('vamos a como se dice'), not the town"
    if len(words) == 1 and is_function_word(words[0]):
        vouched = _named_by_cue(sources) or title_before(text, span.start) or person_model
        from ..detect.cues import ADDRESSED_SOURCE, DEED_SOURCE

        # typed in lower case, a signature ("thanks,⏎will"), a deed ("may asked") or a relation or
        # greeting before a verb or the phrase's end ("my son will is driving") still places a name
        placed = any(s.startswith(("layouts", DEED_SOURCE, ADDRESSED_SOURCE)) for s in sources)
        if not (vouched and (value[:1].isupper() or placed)):
            return "a function word, never a name on its own"
    # the list holds given names too ("Aman", "Kendrick"): only a medicine's context settles it
    around = (max(0, span.start - 60), min(len(text), span.end + 60))
    guess = span.source.startswith(_GUESSING) and not _named_by_cue(sources)
    if guess and is_drug_name(value) and (_MEDICINE_AROUND.search(text, *around) or _drug_near(text, span, around)):
        return "a medicine's name in a medicine's context ('took two Advil'), not a person or a company"
    if (
        value.casefold() in _EPONYMS_ALONE
        and _POSSESSIVE.match(text, span.end)
        and _DISEASE_BEFORE.search(text, max(0, span.start - 16), span.start)
    ):
        return "a disease named after a person ('early Alzheimer's')"
    if _POSSESSIVE_EPONYM.match(text, span.end):
        return "a disease named after a person or place ('Huntington's disease')"
    if span.label == "ORGANIZATION" and _PRODUCT_AFTER.match(text, span.end):
        return "a product line of the company ('Microsoft 365', 'Windows 11 Pro')"
    guessed = not any(s.startswith(_TYPED_BY_CONTEXT) for s in sources)
    placed = any(v.endswith(":LOCATION") and not v.startswith("spacy") for v in support)  # another detector agrees
    return _shape_reason(text, span, value, words, guessed, person_model, placed)


#: Ends of compounds that name an institution, not a thing: "Gesundheitskasse", "HypoVereinsbank",
#: "Steuerberaterkammer", "Elektrikerförbundet", "Studierendenwerk".
_INSTITUTION_TAILS = (
    "bank", "kasse", "versicherung", "klinik", "klinikum", "kammer", "werk", "werke", "förbundet", "forbundet",
    "gesellschaft", "verein", "stiftung", "schule", "akademie", "präsidium", "amt", "gericht", "kommune",
)  # fmt: skip


#: A compound this long typed PERSON is a noun: family names that split into words ("Rosenberg",
#: "Steinmeier") are shorter, and the name pools know most of them anyway.
_LONG_COMPOUND = 14


def _ui_label(text: str, span: Span, words: list[str]) -> bool:
    """A button or menu item after "click", "tap" or "press": a label with a small word inside
    ("Mark as Paid") or a control word after it ("Send Reminder button"). A person clicked on or
    pressed stays one ("click on John's profile", "pressed Smith for comment")."""
    if not _UI_VERB.search(text, max(0, span.start - 12), span.start):
        return False
    inner = any(w.islower() for w in words[1:-1]) or _LABEL_GOES_ON.match(text, span.end) is not None
    return inner or _CONTROL_AFTER.match(text, span.end) is not None


def _code_name(text: str, span: Span, value: str) -> bool:
    """ "Project Atlas" as the span, or "Atlas" right after "Project" (not "Operational", "Projection")."""
    if _CODENAME.fullmatch(value):
        return True
    return bool(_CODE_WORD.fullmatch(value) and _CODE_KIND_BEFORE.search(text, max(0, span.start - 12), span.start))


def _drug_near(text: str, span: Span, around: tuple[int, int]) -> bool:
    """A generic medicine's name near this one, written in lower case as generics are: "Ozempic …
    she takes semaglutide". A capitalised neighbour would not do: the list holds given names too
    ("Aman and Kendrick discussed…")."""
    for m in re.finditer(r"[^\W\d_][\w-]{4,}", text[around[0] : around[1]]):
        start = around[0] + m.start()
        word = m.group()
        if (start < span.start or start >= span.end) and word.islower() and is_drug_name(word):
            return True
    return False


def _compound(word: str) -> bool:
    """A compound of another language's words that is no place ("Johannesburg"), no name, no
    brand in CamelCase ("TransUnion", "ByteDance") and no institution ("Gesundheitskasse")."""
    folded = word.casefold()
    return (
        is_compound_word(word)
        and not any(c.isupper() for c in word[1:])
        and not folded.endswith(_INSTITUTION_TAILS)
        and not is_place_name(word)
        and not is_known_name(word)
    )


#: Asked only of phrases: a single German-listed word is as often a brand or a place of that
#: country ("Medicover", "Oia"). FOREIGN_ZIPF (3.3) would leave most of a German form's nouns to the
#: English model, which reads capitals as names.
def _noun_abroad(word: str) -> bool:
    """A German noun or adjective in ordinary spelling, or a compound of another language's words,
    and no name, place or English word. German only: it writes its nouns with capitals, which the
    English model reads as names; the lists of Polish or Italian hold family names that the name
    pools lack ("Sikora", "Caputo", "Mazza" are words there too)."""
    if not word[:1].isupper() or any(c.isupper() for c in word[1:]) or not word.replace("-", "").isalpha():
        return False
    if zipf(word) >= COMMON_ZIPF or is_place_name(word) or is_known_name(word):
        return False
    return is_german_word(word) or _compound(word)


#: A chat line's stamp and speaker, up to the first ": " ("Fri 6:42 PM  (832) 555-0163: ", "[Sat 07:59]
#: **ailsa.mcg**: ").
_CHAT_PREFIX = re.compile(r"^[^\n]{0,48}?:[ \t]+")
#: Fewer letters than this say nothing of how a message is typed ("· 4 nuits").
_MESSAGE_LETTERS = 20


def _message_typed_small(line: str) -> bool:
    """The message of a line typed without capitals, once its stamp and speaker and the codes with
    digits in it ("A4418229") are set aside: "[Sat 07:59] **ailsa.mcg**: aye me and rory"."""
    if is_lowercase_style(line):
        return True
    body = _CHAT_PREFIX.sub("", line, count=1)
    letters = [c for w in body.split() if not any(c.isdigit() for c in w) for c in w if c.isalpha()]
    # without the stamp every capital counts: "Failed password for invalid user oracle" is a log line
    return len(letters) >= _MESSAGE_LETTERS and not any(c.isupper() for c in letters)


#: A locative preposition right before a capitalised word: "in Kadıköy", "near Caballito", "en Chapinero".
_LOCATIVE_BEFORE = re.compile(r"(?<![\w'’-])(?:in|near|from|around|en|em|à|no|na|nel|nella)[ ]$")


def _place_abroad(text: str, span: Span, word: str) -> bool:
    """A place that its own language's word list holds, as every list holds its towns and regions:
    inflected ("z Krakowa", "we Wrocławiu"), a state or province ("Michoacán"), or a district a model
    typed as a place right after "in" ("in Kadıköy"); a German noun there is a noun ("in Ordnung")."""
    from ..detect.places import region_names

    if is_inflected_place(word) or word.casefold() in region_names():
        return True
    return _LOCATIVE_BEFORE.search(text, max(0, span.start - 8), span.start) is not None and not is_german_word(word)


#: As frequent as the function words of a language ("que", "und", "och", "dan").
_FUNCTION_ZIPF = 5.5


def _long_hangul_word(value: str) -> bool:
    """Korean names are two to four syllables; the name model also tags nouns of Korean text."""
    word = value.strip()
    return " " not in word and len(word) >= 5 and all("\uac00" <= c <= "\ud7a3" for c in word)


def _addressed(text: str, span: Span) -> bool:
    """A relation or a greeting right before it ("my boyfriend oleh", "hola juan"): there a frequent
    word of another language is the person it names."""
    from ..detect.cues import KIN, LOWER_GREETING

    lo = max(0, span.start - 40)
    return any(m.end(1) == span.end for pattern in (KIN, LOWER_GREETING) for m in pattern.finditer(text, lo, span.end))


def _function_word_abroad(word: str) -> bool:
    return is_foreign_word(word, _FUNCTION_ZIPF)


#: Above this in another language a word is one of its function words ("como", "para", "mais"),
#: even where a town has the name; below it a capital city's name is frequent in its own language
#: ("berlin", "paris", "praha").
_TRUE_FUNCTION_ZIPF = 6.0


def _city_written_small(word: str, label: str) -> bool:
    """A city's name in lower case ("i live in berlin now"), not a function word abroad."""
    return label == "LOCATION" and is_place_name(word) and not is_foreign_word(word, _TRUE_FUNCTION_ZIPF)


#: Capitalised, as they open a sentence: "Ihre Krankenkasse" (the lower-case forms open no name either).
_FOREIGN_OPENERS = frozenset(w.capitalize() for w in FOREIGN_OPENERS)


def _opens_abroad(words: list[str]) -> bool:
    """A capitalised function word of another language first: "Ihre Krankenkasse", "Der Unfallgegner",
    "Seine Diabetologin" are German phrases the English model read as names. Name particles ("Van",
    "Da", "Del") and given names that are such words elsewhere ("Will", "Ana") open names."""
    first = words[0]
    if TITLES.fullmatch(first + " "):
        return False  # "Ibu Sri Wahyuni": the title is trimmed off later, the name stays
    if len(words) < 2 or len(first) < 3 or not first[:1].isupper() or first.casefold() in _OPENING_PARTICLES:
        return False
    if is_known_name(first) or is_known_name(words[1]):
        return False  # "Will Smith": a name after the word makes the word a given name
    return _function_word_abroad(first)


#: Particles that open a name on their own ("Van Dijk", "Da Silva"); "der" and "den" only follow one.
_OPENING_PARTICLES = NAME_PARTICLES - {"der", "den", "y", "i", "e"}


def _named_by_cue(sources: set[str]) -> bool:
    return any(s.startswith(("cues", "layouts", "fields", "custom", "deny_list")) for s in sources)


@lru_cache(maxsize=1)
def _roles() -> frozenset[str]:
    """The head nouns of Faker's job titles ("engineer", "scientist", "librarian", "nurse")."""
    from faker.providers.job.en_US import Provider

    return frozenset(job.split(",")[0].split()[-1].casefold() for job in Provider.jobs if job.strip())


#: Last words of a department, a service or a subject rather than a party: "Acute Medicine",
#: "Protein Engineering", "Children's Services", "Postgraduate Admissions", "Head of Engineering".
_DEPARTMENT_TAILS = frozenset(
    """
    engineering medicine sciences science sales marketing finance accounting operations surgery cardiology
    dermatology neurology oncology radiology psychiatry paediatrics pediatrics nursing opd services admissions
    team
    """.split()
)


def _department(words: list[str]) -> bool:
    """Common words (or "Head of …") ending in a department's or subject's word; a company named
    so would carry a legal form, a place or a name, which are not common words."""
    core = [w for w in words if w.casefold() not in _CONNECTORS]
    if not core or core[-1].casefold() not in _DEPARTMENT_TAILS:
        return False
    return all(is_common_word(w) or w.casefold() in GENERIC for w in core)


#: Public bodies are named head-first in English ("Department for Work and Pensions", "Office of the
#: Public Guardian", "Ministry of Justice"); a unit of a hospital or firm head-last ("Emergency
#: Department", "Sales Office").
_BODY_HEADS = frozenset("department ministry office bureau commission administration directorate inspectorate".split())
#: … or head-last after two words at least: "Deposit Protection Service", "Social Security
#: Administration"; "Services" only beside a word that is no common word ("U.S. Citizenship and
#: Immigration Services", not "Social Care Services"), and no "Customer Service".
_BODY_TAILS = frozenset("service services administration commission bureau inspectorate ombudsman".split())
_DESK_WORDS = frozenset("customer customers client clients room guest support field civil secret help".split())


def _public_body(words: list[str]) -> bool:
    core = [w for w in words if w.casefold() != "the"]
    if len(core) >= 3 and core[0].casefold() in _BODY_HEADS and core[1].casefold() in ("of", "for"):
        return core[2][:1].isupper() or (core[2].casefold() == "the" and len(core) > 3 and core[3][:1].isupper())
    content = [w for w in core if w.casefold() not in _CONNECTORS]
    if len(content) < 3 or content[-1].casefold() not in _BODY_TAILS or not all(w[:1].isupper() for w in content):
        return False
    if content[-1].casefold() == "services" and all(is_common_word(w) and not w.isupper() for w in content):
        return False
    return not any(w.casefold() in _DESK_WORDS for w in content)


def _job_title(words: list[str]) -> bool:
    """Common words ending in a job's head noun, a grade after it allowed: "Senior Software
    Engineer", "Research Scientist II". A company named so would carry a legal form or a name."""
    core = [w for w in words if not _ROMAN.fullmatch(w)]
    if len(core) < 2 or core[-1].casefold() not in _roles():
        return False
    return all(is_common_word(w) or w.casefold() in _CONNECTORS for w in core)


#: Initials before a capitalised word: "M. Colombo", "J.-F. Roy", "A. P. Volkov".
_INITIALLED = re.compile(r"(?:[A-Z]\.(?:[ \t]?|-)){1,3}[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]")
#: A value right after an ID's name, over its qualifier and colon: "SV-Nr. 1234", "n.º 14471829".
_VALUE_AFTER = re.compile(r"\.?[ \t]*(?:(?i:no|nr|number|num|n\.?[º°o])\.?[ \t]*)?[:#=]?[ \t]*[A-Za-z0-9./-]*\d")


#: Compound labels that carry "number" inside: "SV-Nr", "Mitgl.-Nr.", "BG-Nummer".
_COMPOUND_LABEL = re.compile(r"[^\W\d_]{2,}(?:-|\.-?)nr\.?|[^\W\d_]{2,}-?nummer")


def _kind_before_its_value(text: str, span: Span, folded: str) -> bool:
    """The name of a kind of ID right before its value: "NINO AB123456C", "nino: AB123456C" (a given
    name elsewhere, "Nino"), "SV-Nr. 1234 150782" (read as an organization)."""
    from ..detect.identifiers import LABEL_WORD

    if _VALUE_AFTER.match(text, span.end) is None:
        return False
    return LABEL_WORD.fullmatch(folded) is not None or _COMPOUND_LABEL.fullmatch(folded) is not None


#: Russian, Ukrainian and Kazakh ID kinds in capitals, which the script rules take for a surname.
#: (Latin ones are only dropped right before a value: "Chi", "Rut", "Pan" and "Fin" are names too.)
_CYRILLIC_ID_KINDS = frozenset("снилс инн иин рнокпп іпн огрн огрнип кпп бик єдрпоу".split())


def _ordinary_heading(text: str, span: Span, value: str, words: list[str]) -> bool:
    """Three or more words in capitals opening a line (or on a line in capitals), at least half of the content words
    ordinary words of a language and one of them no name at all: a document's title ("EMPLOYEE
    MASTER DATA", "CONTRATO DE ARRENDAMIENTO DE VIVIENDA", "ENTRE LES SOUSSIGNÉS"). A name in
    capitals is kept: its content words are all names ("MARY ANN JONES", "ANA DE LA CRUZ"), or there
    are two of them ("JOHN SMITH", where "smith" is also a word)."""
    line_start = text.rfind("\n", 0, span.start) + 1
    at_line_start = not text[line_start : span.start].strip(" \t#*>-•")
    if len(words) < 3 or not value.isupper() or not (at_line_start or is_mostly_upper(line_of(text, span.start))):
        return False  # "I worked at BRITISH AMERICAN TOBACCO" is a name inside a sentence
    content = [w for w in words if w.isalpha() and len(w) >= 3 and w.casefold() not in _CONNECTORS]
    if len(content) < 2 or not any(not is_known_name(w) for w in content):
        return False
    if is_known_name(words[0]) and not is_common_word(words[0]) and not is_common_word(words[1]):
        return False  # "ZHANG LIWEI TEL": a name opens it, whatever label follows on the line
    if any(w.casefold() in ORG_WORDS for w in content):
        return False  # "SPEEDY AUTO GLASS & TINT": a trade word names a business
    return 2 * sum(is_common_word(w) or is_foreign_word(w) for w in content) >= len(content)


#: Right before a guessed one-word party: "the", possibly inside the quotes and bracket of a definition.
_DEFINED_TERM = re.compile(r"\b[Tt]he[ \t]+[\"“']?\Z")
#: A name, "the", a role, then a verb: "Mark the electrician is coming", "Jack the caretaker said".
_APPOSITION = re.compile(
    r"[ \t]+the[ \t]+[a-z]+(?:[ \t]+[a-z]+)?[ \t]+(?:is|was|are|were|will|would|can|could|should|has|had|have|"
    r"said|says|told|asked|called|rang|phoned|emailed|sent|came|comes|left|wants|wanted|did|does|just|also|"
    r"already|never|isn't|wasn't|won't|can't|didn't|doesn't)\b"
)
#: After "the": a household, not a defined term ("the Fox household", "the Baker file").
_HOUSEHOLD_AFTER = re.compile(
    r"[ \t]+(?:household|family|families|residence|house|home|estate|kids|children|twins|brothers|sisters|"
    r"siblings|case|file|account|wedding|funeral)\b",
    re.IGNORECASE,
)
#: Before a lower-case word: a verb that names it ("is called lange", "named mann").
_NAMED_BEFORE = re.compile(r"\b(?:called|named|nicknamed|surname(?: is)?|name is|name's|names)[ \t]+\Z", re.I)
#: What an instruction's object opens with: "Mark the form", "Bill your client", "Grant them access".
_OBJECT_AFTER = re.compile(r"[ \t]+(?:the|a|an|this|that|these|those|your|my|our|their|all|each|every|it|them)\b")


#: A lower-case word this frequent in another language is that word, even where some family is
#: called so ("vamos", "gente", "bom"); "lima" (5.4) or "costa" (5.1) stay names.
EVERYDAY_ABROAD_ZIPF = 5.5


def _phrase_around_name(words: list[str]) -> bool:
    """Two ordinary lower-case words or more beside a name in a model's ORGANIZATION guess: a
    sentence of another language the English model ran together. Organization names hold one
    lower-case word at most besides connectors and legal forms ("Crédit agricole", "… inc.")."""
    if not any(w[:1].isupper() for w in words):
        return False  # a line written all in lower case ("i was at saint mary hospital")
    lower = [w for w in words if w.islower() and w.casefold().strip(".,;:") not in _CONNECTORS | ORG_WORDS]
    return sum(is_common_word(w) or is_foreign_word(w) for w in lower) >= 2


def _everyday_abroad(value: str) -> bool:
    from ..surrogate.pools import name_index

    return frequent_in_any(value, OTHER_LANGUAGES, EVERYDAY_ABROAD_ZIPF) and not name_index().is_given(value)


def _after_a_name(text: str, start: int) -> bool:
    """A word and a comma right before: "Paolo Bianchi, MD". Not a sign-off ("Thanks, JP")."""
    m = _AFTER_NAME.search(text, max(0, start - 40), start)
    return m is not None and m.group("word").casefold() not in _SIGN_OFFS


def _imperative(text: str, span: Span, value: str) -> bool:
    """A frequent English verb opening a sentence before its object: a model reads the capital of
    "Mark the form" as a name. A person is rarely followed by an article without a comma, unless
    the article opens an apposition that a verb follows ("Mark the electrician is coming")."""
    folded = value.casefold()
    return (
        sentence_initial(text, span.start)
        and _OBJECT_AFTER.match(text, span.end) is not None
        and _APPOSITION.match(text, span.end) is None
        and is_dictionary_word(folded)
        and zipf(folded) >= 4.0
    )


def _shape_reason(
    text: str, span: Span, value: str, words: list[str], guessed: bool, person_model: bool, placed: bool = False
) -> str | None:
    """Rules for what a model guessed (no context detector or list vouches for it); `placed`: another
    detector than spaCy calls it a place too."""
    if not guessed:
        return None
    # a particle ("de", "el", "du") or a letter ("O") is part of names, not a name of its own: it
    # must not vouch for "écrire au sujet de mon attestation" or "O novo cartão"
    # nor does a lower-case word that a name list also holds ("na", "que", "kan" in another language)
    # and an all-lower-case span in a line that writes capitals elsewhere counts as named only when
    # all its words are names, not when a name list happens to hold one of them ("Les comunico que en
    # el extracto de febrero"); in a line without capitals one name will do ("st mary's hospital")
    content = [w for w in words if len(w) > 1 and w.casefold() not in NAME_PARTICLES | _CONNECTORS]
    all_named = bool(content) and all(is_known_name(w) for w in content)
    if value.islower() and any(c.isupper() for c in line_of(text, span.start)):
        named = all_named
    else:
        named = any(is_known_name(w) for w in content if w[:1].isupper() or value.islower())
    if not person_model and _ordinary_heading(text, span, value, words):
        return "an ALL-CAPS heading of ordinary words ('EMPLOYEE MASTER DATA', 'CONTRATO DE ARRENDAMIENTO')"
    if _EPONYM.match(text, span.end):
        return "a disease or sign named after a person"
    if any(c in value for c in ";|\t"):
        return "cells of a table row, not one name ('samAccountName;displayName;department')"
    if span.label == "PERSON":
        if any(c.isdigit() for c in value):
            return "digits in a person's name (a code or product, not a person)"
        caps_line = is_mostly_upper(line_of(text, span.start))
        if len(words) == 1 and value.isupper() and 1 < len(value) <= 5 and not (caps_line or named or person_model):
            return "an acronym, not a person"
        lowered = [
            w for w in value.split() if w.islower() and w.casefold() not in NAME_PARTICLES and not GEORGIAN.match(w)
        ]
        mixed = any(w[:1].isupper() for w in value.split())  # capitals beside the lower-case words
        if len(words) > 1 and lowered and (mixed or not is_lowercase_style(line_of(text, span.start))):
            return "a lower-case word inside the span (a phrase, not a name)"
        if len(words) >= 4 and value.islower() and not all_named:
            return "four or more lower-case words, not all names (a sentence of a chat, not a name)"
    if _MEDICATION.match(text, span.end):
        return "followed by a dose or a generic name (a medication)"
    if (
        len(words) == 1
        and is_dictionary_word(value.casefold())
        and _DEFINED_TERM.search(text[max(0, span.start - 8) : span.start])
        and not (is_place_name(value) and value[:1].isupper())  # "the Leeds office"; not "the marina office"
        and not _HOUSEHOLD_AFTER.match(text, span.end)  # "the Fox household"
    ):
        return "a defined term of a contract or judgment ('the Contractor', 'the Claimant'), not a party's name"
    if span.label == "PERSON" and len(words) == 1 and _imperative(text, span, value):
        return "a verb that opens an instruction ('Mark the form as urgent'), not a name"
    lone_lower = span.label == "PERSON" and len(words) == 1 and value.islower()
    if (
        lone_lower
        and span.source == "spacy"  # spaCy read the re-cased view
        and _everyday_abroad(value)
        and not _NAMED_BEFORE.search(text, max(0, span.start - 20), span.start)
    ):
        return "an everyday word of another language in lower case ('vamos'), which a family-name list also holds"
    if span.label != "PERSON" and value.islower() and len(content) >= 4 and not all_named:
        return "four or more lower-case words, not all names (a sentence of a chat, not a name)"
    if span.label == "ORGANIZATION" and named and _phrase_around_name(words):
        return "a clause around a name inside a guessed ORGANIZATION ('La couverture de Léa est souscrite')"
    if named or person_model:
        return None
    if span.label == "LOCATION" and is_place_name(value):
        return None
    english = [w for w in words if is_common_word(w) or is_dictionary_word(w.casefold()) or zipf(w.casefold()) >= 3.0]
    foreign = not english and all(is_foreign_word(w) for w in words)
    alone = span.label == "LOCATION" and span.source == "spacy" and not placed
    if alone and foreign and not (len(words) == 1 and is_inflected_place(words[0])):  # "v Karagandu"
        return "ordinary words of another language typed LOCATION by spaCy alone ('Sosyal Güvence', 'Ihre Adresse')"
    if span.label == "PERSON" and not _INITIALLED.match(value):  # "M. Colombo", "J. Brown": an initial says who
        if all(is_common_word(w) for w in words):
            return "common words typed PERSON by a statistical model alone"
        if all(is_foreign_word(w) or is_common_word(w) for w in words):
            return FOREIGN_WORDS
        long_compounds = [w for w in words if len(w) >= _LONG_COMPOUND and _compound(w)]
        if long_compounds and all(w in long_compounds or is_foreign_word(w) or is_common_word(w) for w in words):
            return "a long compound noun of another language ('Arbeitgeberbescheinigung')"
        content = [w for w in words if w.casefold() not in _CONNECTORS]
        organized = any(w.casefold() in ORG_WORDS for w in content)  # "Autohaus Fleischhauer"
        if len(content) >= 2 and not organized and all(_noun_abroad(w) for w in content):
            return "nouns of another language that no name list holds ('Stationärer Aufenthalt')"
        return None
    # a guessed organization or place: single common words ("Premium", "Teams"), headings on
    # ALL-CAPS lines and phrases with ordinary lower-case words in them are not parties
    if any(w.isdigit() for w in words) and span.label == "ORGANIZATION":
        return "a number inside a guessed organization (an amount, a reading or a product)"
    if any(w.islower() and w not in _CONNECTORS for w in words):
        return f"ordinary lower-case words inside a guessed {span.label}"
    if span.label == "LOCATION" and any(w.isdigit() for w in words):
        return "a number inside a guessed place (addresses come from the address detector)"
    heading = is_mostly_upper(line_of(text, span.start)) and value.isupper()
    common = all(is_common_word(w) or w.isdigit() or w in _CONNECTORS for w in words)
    if common and (len(words) == 1 or heading):
        return f"common words typed {span.label} by a statistical model alone"
    if heading and all(is_common_word(w) or is_foreign_word(w) or not w.isalpha() for w in words):
        return "an ALL-CAPS heading, not a party"
    if _DEGREE.match(value):
        return "a degree and its subject ('MSc Environmental Sciences'), not an organization"
    body = span.label == "ORGANIZATION" and _public_body(words)
    if common and span.label == "ORGANIZATION" and not body and not any(w.casefold() in ORG_WORDS for w in words):
        return "common words without a word naming an organization ('Premium Family', 'Emergency Department')"
    if span.label == "ORGANIZATION" and not body and _department(words):
        return "a department, service or field of study of common words ('Software Engineering', 'Children's Services')"
    if span.label == "ORGANIZATION" and _job_title(words):
        return "a job title ('Senior Software Engineer', 'Research Scientist II'), not an organization"

    def plain_foreign(w: str) -> bool:  # a foreign word in ordinary spelling: no acronym, place or name
        return is_foreign_word(w) and not w.isupper() and not is_place_name(w) and not is_known_name(w)

    street = any(w.casefold().rstrip(".") in street_words() for w in words)  # "Garsfontein Road"
    if (
        not street
        and all(_compound(w) or plain_foreign(w) for w in words if w.casefold() not in _CONNECTORS)
        and any(_compound(w) for w in words)
    ):
        return "a compound noun of another language ('Lohnsteuerbescheinigung', 'Wechsel Steuerklasse')"
    foreign = len(words) == 1 and is_foreign_word(words[0]) and zipf(words[0]) < COMMON_ZIPF and words[0].isalpha()
    # an organization's acronym of four letters at most is no everyday word abroad ("VZP", "SAG"; not "NOTU")
    acronym = span.label == "ORGANIZATION" and words[0].isupper() and len(words[0]) <= 4
    acronym = acronym and not is_foreign_word(words[0], 4.0)
    if foreign and not acronym and not (span.label == "LOCATION" and _place_abroad(text, span, words[0])):
        return "an ordinary word of another language"
    return None
