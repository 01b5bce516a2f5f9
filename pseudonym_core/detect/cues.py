"""People announced by the sentence around them: titles, greetings, "my name is", dialogue tags.

These cues hold for names no list or model knows ("Dear Renátó,", "my name is batirbek",
"Karítas: …"), so they complement NER exactly where it is weakest.
"""

from __future__ import annotations

import re

from ..decide.evidence import line_of
from ..decide.frequency import frequent_in_any
from ..decide.words import (
    FOREIGN_ZIPF,
    OTHER_LANGUAGES,
    calendar_words,
    is_foreign_word,
    is_given_name,
    is_known_name,
    is_nickname,
    zipf,
)
from ..normalize import is_lowercase_style
from ..surrogate.pools import COMMON_WORDS, is_plain_word, name_index
from .base import BaseDetector, Span
from .kin_words import KIN_ABROAD
from .places import country_names, is_place_name, region_names

_NAME = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]*"
_LOWER_NAME = r"[^\W\d_][\w'’-]*"
CUE_SCORE = 0.65

#: Honorifics of Indonesia, Malaysia and the Philippines ("Pak Wayan", "Kak Nadia", "Kuya Jojo",
#: "Encik Azman"), counted here only as written with a capital; "Bu" is left out, since Turkish opens
#: sentences with it ("Bu Cuma"), and "Ate" and "Uncle" open English phrases ("Uncle Tom's Cabin").
_HONORIFICS = r"Pak|Bapak|Ibu|Mas|Mbak|Kak|Kakak|Kuya|Tita|Tito|Encik|Cik|Puan|Tuan|Datuk|Dato'?|Haji|Hajjah"
_TITLE = re.compile(
    rf"(?:(?i:\b(?:mr|mrs|ms|miss|mx|dr|prof|herr|frau|sir|madam|mme|mlle|señor|señora|sr|sra)\.?)"
    rf"|\b(?:{_HONORIFICS}))[ \t]+"
    rf"((?-i:{_NAME})(?:[ \t]+(?-i:{_NAME})){{0,2}})"
)
#: Lower-case chat: "frau schneider", "email john", "ask priya"; the name must be in the pools.
_LOWER_CUE = re.compile(
    r"\b(?:(?:mr|mrs|ms|miss|dr|prof|herr|frau)\.?|email|e-mail|call|tell|ask|ping|text|message|cc|remind|thank|"
    # lower-case honorifics that are no English or Spanish word ("mas", "ate" are): "kak nadia", "sis aina"
    r"with|pak|mbak|kak|kuya|sis|tita|tito)[ \t]+"
    r"(?!(?:mr|mrs|ms|miss|dr|prof|herr|frau)\b)([a-zà-öø-ÿ][\w-]*[a-zà-öø-ÿ])"  # "with mr tan": the title's turn
    r"(?!['’](?:t|re|ll|ve|d|m)\b)(?:['’]s)?\b"  # "sis don't post": a contraction, not "Don"
)
#: Introductions and thanks of several languages before a lower-case name: "it's bhavesh patel",
#: "jestem katarzyna", "salamat kristine". They also open ordinary sentences ("it's summer",
#: "i am frank", "thanks will do"), so the name must be a pool name that is rare as an English word.
_LOWER_INTRO = re.compile(
    r"\b(?:this is|it's|it’s|it is|i'm|i am|thanks|thx|jestem|je suis|soy|sou|ich bin|salamat|makasih|"
    r"terima kasih|gracias|merci|obrigad[oa]|danke|grazie|dziękuję|dzięki|asante|shukran)"
    r"[ \t]+([a-zà-öø-ÿ][\w-]*[a-zà-öø-ÿ])\b"
)
#: A pool name rarer than this in English is a name after an introduction ("bhavesh"); "summer",
#: "frank", "rose" and "will" are the words.
INTRO_NAME_ZIPF = 3.5
_ORG_CUE = re.compile(
    rf"(?i:\b(?:merchant|vendor|supplier|employer:?|works? (?:at|for)|worked (?:at|for)|employed (?:by|at)|joined|"
    rf"currently (?:at|with)|intern(?:ing|ed)? at|(?:health )?insurance(?: provider| company| carrier)? is|"
    rf"insurer(?: is)?|banks? with|(?:my|our|her|his|their) bank is))[ \t]+"
    rf"((?-i:{_NAME})(?:[ \t]+(?-i:{_NAME})){{0,2}})"
)
#: A letter or chat addressed to a firm's team or desk: "Dear Emirates NBD team", "Dear Iberia Customer
#: Relations", "Hi Wise support". A department is no firm ("Dear HR team", "Dear Hiring Team").
_TEAM_OF = re.compile(
    rf"\b(?:Dear|Hi|Hello|Hey|Thanks|Thank you|Attn:?|Attention:?|To:?)[ \t]+"
    rf"({_NAME}(?:[ \t]+{_NAME}){{0,3}}?)[ \t]+"
    r"(?i:team|support|customer (?:service|services|care|relations|support)|help ?desk|service desk|claims)\b"
)
_DEPARTMENTS = frozenset(
    """
    hr it qa pr cx ux ui ops sre ap ar bd cs pmo noc soc dba seo crm erp devops sales support billing payroll
    finance legal hiring admissions accounts procurement marketing compliance facilities operations engineering
    security infrastructure platform data product design research recruitment recruiting talent onboarding
    reception housing lettings maintenance admin registrar enrolment enrollment nursing pharmacy it-support
    helpdesk service customer events communications comms partnerships accounting treasury tax audit risk
    """.split()
)
_GREETING = re.compile(
    rf"(?:^|(?<=[\n.!?])\s*)(?:Hi|Hello|Hey|Dear|Thanks|Thank you|Good (?:morning|afternoon|evening)|Bye|Cheers)"
    rf",?[ \t]+({_NAME}(?:[ \t]+{_NAME})?)(?:[ \t]+here)?[ \t]*[,!:.\n]",
    re.MULTILINE,
)
_VOCATIVE = re.compile(
    rf"(?:^|(?<=[\n.!?])[ \t]*)({_NAME}),[ \t]+"
    r"(?:can|could|would|will|please|I|I'm|we|you|thanks|do|did|are|is|have)\b",
    re.MULTILINE,
)
_DIALOGUE = re.compile(rf"(?m)^[ \t]*({_NAME})[ \t]*:")
_CONTEXT = re.compile(
    rf"(?i:\b(?:my name is|name is|name's|i am called|named|last name\??|first name\??|surname\??|maiden name is|"
    rf"name on the account\?(?:[ \t]*user:)?|partner's name|directed by:?|written by:?|signed by:?))[ \t]+"
    rf"({_LOWER_NAME}(?:[ \t]+{_LOWER_NAME}){{0,2}})"
)
#: Field names that follow "surname" in a form or a table header: the next column, not the answer.
_NEXT_FIELDS = frozenset(
    "forename forenames first given middle names name dob date birth title initials sex gender nationality "
    "vorname vornamen prénom prénoms nombre nombres imię imiona".split()
)
#: A word after a cue, with inner apostrophes ("O'Neill") but no possessive ending ("Bell's palsy").
_CUED_WORD = r"[^\W\d_][\w-]*(?:['’](?!s\b)[\w-]+)*"
#: A person introduced by what others call them: "a lady called pat", "a guy called declan", "everyone
#: calls him bill", "she goes by Toni". Only a given name or a short form of the pools, or a word no
#: English list holds, follows as a name ("someone called earlier", "calls him back").
_CALLED = re.compile(
    r"(?i:\b(?:lady|guy|man|woman|girl|boy|bloke|chap|fella|fellow|dude|gentleman|someone|somebody|person|"
    r"lad|kid|driver|agent|nurse|doctor|officer|neighbou?r|colleague|friend|cousin|tenant|landlord)[ \t]+called|"
    r"\bcalls?[ \t]+(?:him|her|me|them)|\bgoes[ \t]+by)[ \t]+"
    rf"({_CUED_WORD})"
)
#: A relative, partner or colleague named right after the relation: "my partner sophie", "my son will
#: is driving", "her son tou vang", "mera bhai vikas". One of the surest cues in chats, in any case.
_KIN_WORDS = (
    r"(?:wife|husband|hubby|partner|bf|gf|"
    r"boyfriend|girlfriend|fianc[ée]e?|son|daughter|kid|child|baby|mom|mum|mother|mama|dad|father|papa|"
    r"brother|sister|bro|sis|nephew|niece|cousin|uncle|aunt|auntie|aunty|grandma|grandmother|grandpa|"
    r"grandfather|gran|nan|nana|grandson|granddaughter|stepson|stepdaughter|colleague|coworker|co-worker|"
    r"manager|boss|friend|neighbou?r|landlord|landlady|flatmate|roommate|housemate|carer|caregiver|"
    r"bhai|behen|didi|bhabhi|esposa|esposo|hijo|hija|hermano|hermana|abuela|abuelo|t[íi]a|t[íi]o)"
)
KIN = re.compile(
    rf"(?i:\b(?:my|his|her|our|your|their|with|mera|meri|mere|mi|mis)[ \t]+{_KIN_WORDS})[ \t]+({_CUED_WORD})"
)  # "attends with wife may rose"
#: A name with its relation in brackets after it, in English: "Will (our son) wants to grab the mic".
_KIN_AFTER = re.compile(rf"(?<![\w'’-])([A-Z][a-z'’-]+)[ ]\((?i:(?:my|our|his|her|their)[ ]{_KIN_WORDS})\)")
#: Lower-case greetings and thanks before the person spoken to: "hi bill", "thank you hunter".
LOWER_GREETING = re.compile(
    r"\b(?:hi|hey|hello|hiya|dear|cheers|bye|congrats(?: to)?|thank you|thank u|thanks|thx|ty|"
    # other languages' greetings in mixed chats: "hola tyler", "oi ana", "ciao marco", "merhaba elif"
    r"hola|olá|ola|oi|bonjour|salut|coucou|ciao|hallo|hej|hei|moi|merhaba|selam|salam|namaste|kumusta|"
    r"halo|cześć|szia),?[ \t]+"  # "thanks, grace"
    rf"(?=[a-zà-öø-ÿ])({_CUED_WORD})"
)
#: After a name: the end of a phrase ("thanks grace!!", "my sister mai⏎") or a verb of which the
#: name is the subject ("my son will is driving"), as opposed to "my son will be there"; not a
#: possessive ("her aunt Bell's palsy" is a disease).
_PHRASE_END = r"[ \t]*(?:[,.!?;:)]|[\U0001F300-\U0001FAFF\u2600-\u27BF]|\n|$)"
_NAME_ENDS = re.compile(
    rf"(?:{_PHRASE_END}"
    r"|[ \t]+(?:is|was|has|had|says|said|and|who|just|got|wants|needs|called|texted|told)\b)"
)
#: After a greeting a reply may follow the name too ("hi bill yes still have it"); not after a
#: relation ("my son will no longer …").
_REPLY = re.compile(r"[ \t]+(?:yes|yeah|yep|ok|okay|sure)\b")
#: A short form after a greeting only at the phrase's end ("thank u will!!"): "thanks will do" answers.
_PHRASE_ENDS = re.compile(_PHRASE_END)
#: A closing salutation of many languages at a line's start, then the writer's name ending the line,
#: after the comma or on the next line: "Pozdrawiam, Kasia", "Mil gracias,\nVale", "Best regards,\n> Ayşe
#: Kaya". The name is checked by `_signed`: "Thanks,\nThe Support Team" signs no person.
_SIGN_OFF = re.compile(
    r"(?im)^[ \t>]*(?:(?:best|kind|warm|many|warmest|with)[ \t]+)?(?:regards|wishes|thanks|thank[ ]you|cheers|"
    r"sincerely|yours(?:[ ](?:sincerely|truly|faithfully))?|love|best|pozdrawiam|z[ ]poważaniem|saludos|un[ ]saludo|"
    r"atentamente|(?:mil[ ]|muchas[ ])?gracias|cordialement|bien[ ]à[ ]vous|amitiés|merci|"
    r"(?:mit[ ])?(?:freundlichen[ ]|viele[ ]|liebe[ ]|beste[ ])?grüßen?|mvh|med[ ]vänlig[ ]hälsning|hälsningar|"
    r"(?:met[ ])?vriendelijke[ ]groet(?:en)?|groetjes|cordiali[ ]saluti|saluti|grazie|abraços|atenciosamente|"
    r"obrigad[oa]|s[ ]pozdravem|pozdrav|üdvözlettel|terima[ ]kasih|saygılarımla|teşekkürler|"
    # German "on behalf" before the clerk's name: "Im Auftrag⏎Schulze", "i. A. Schulze"
    r"im[ ]auftrag|in[ ]vertretung|i\.[ ]?a\.|i\.[ ]?v\.)[ \t]*[,!.]?[ \t]*"
    r"(?:\n[ \t>]*)?(?!(?:im[ ]auftrag|in[ ]vertretung)\b)"
    r"(?-i:([A-ZÀ-ÖØ-Þ][^\W\d_]+(?:[ ][A-ZÀ-ÖØ-Þ][^\W\d_'’-]+){0,2}))[ \t]*$"
)
#: One or two initials before a family name: "J. Wohlfahrt", "E. Ş. Yıldırım", "S. van der Heijden",
#: "Y. El Amrani". The family word is checked (`_family_after_initial`): "A. Background" is a heading.
_INITIALED = re.compile(
    r"(?<![\w./])(?:(?:[A-ZÀ-ÖØ-ÞĀ-Ž]\.[ \t]?){1,2}"
    r"(?P<particles>(?:(?:(?i:van|von|de|der|den|del|da|di|du|le|la)|El|Al|al|el)[ \t]+){0,2})"
    # or one or two initials without dots ("D T Nguyen"), never a letter that is a word in some
    # language: "a", "i", "o", "e", "y", "u", Czech and Polish "k", "s", "v", "w", "z" ("UMOWA O DZIEŁO")
    r"|(?P<bare>(?:[BCDFGHJLMNPQRTX][ \t]){1,2}))"
    r"(?P<family>[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]+)(?![\w'’-]|\.\w)"
)
#: Initials of places and countries, not of a person: "Washington D. C.", "the U. S."
_PLACE_INITIALS = re.compile(r"(?:D\.[ \t]?C|U\.[ \t]?[SK]|N\.[ \t]?[YZ]|L\.[ \t]?A|E\.[ \t]?U)\.")
#: A capitalised word this frequent in another language is a noun there, not a relative's name.
_NOUN_ABROAD_ZIPF = 4.0
#: A name this frequent in English is a word as often ("may", "long"): it needs the phrase around it.
_WORD_ZIPF = 5.0
_SPEAKER_AFTER = re.compile(r"[ \t]*:")
#: Capitalised words after a relation that are no name: the pronoun, holidays, seasons, company forms.
_NOT_KIN_NAMES = frozenset(
    "i christmas easter xmas thanksgiving ramadan eid diwali hanukkah spring summer autumn fall winter ltd llc inc "
    "plc gmbh co corp".split()
)


def _country_or_region(word: str) -> bool:
    """ "Georgia said", "Jordan confirmed": a country speaks through its government. A town of the
    same name ("Grant", "Hope") does not speak, so towns are no reason to doubt."""
    return word in country_names() or word.casefold() in region_names()


#: Roles that pools also hold as names or nicknames: "Pastor confirmed the date", "Nanny said".
_ROLES = frozenset(
    "pastor nanny nana nan granny gran grandma grandpa papa mama mum mom dad doctor nurse coach chef captain "
    "bishop father mother sister brother deacon rabbi imam judge officer sergeant sheriff teacher boss "
    "landlord landlady caretaker driver manager".split()
)
#: What may stand before a name that comes from a team or an office: the start of a sentence or a
#: clause, or a verb of reaching someone ("ask Grant from the letting agency", "a callback from Hope
#: in the executive office"). After another verb
#: the word is an object ("teaches Art at the local school").
_SUBJECT_BEFORE = re.compile(
    r"(?:^|[.!?:;,(\n]|\b(?:and|with|from|ask|asked|ask[ \t]+for|asked[ \t]+for|call|called|email|emailed|contact|"
    r"contacted|tell|told|by|cc|to|"
    r"thank|thanks|spoke[ \t]+(?:to|with)|talked[ \t]+to|met[ \t]+with))[ \t]*\Z",
    re.IGNORECASE,
)
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]+\Z")
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Uncle|Aunt|Auntie)\.?[ \t]+\Z")


def _deed_subject(text: str, start: int, speaks: bool) -> bool:
    """A name that `_DEEDS` may take at `start`: no role, no third word of a capitalised phrase
    ("Council Tax Bill from the council office"), and, for a team or an office, a subject's place."""
    before = text[max(0, start - 30) : start]
    if _CAPITAL_BEFORE.search(before) and not _TITLE_BEFORE.search(before):
        return False
    return speaks or _SUBJECT_BEFORE.search(before) is not None


def _title_case(word: str) -> bool:
    """ "Will", not "I", "TOLD" or "ADHD": a name's capital, then small letters."""
    return len(word) >= 2 and word[:1].isupper() and word[1:].replace("-", "").replace("'", "").islower()


_TITLE_WORD = re.compile(r"(?i:mr|mrs|ms|miss|mx|dr|prof|sir|madam|herr|frau|doctor|professor|uncle|aunt)")
#: Introducing oneself by a capitalised name, then the end of the phrase: "I'm Hope, new in Hackney".
_CAPITAL_INTRO = re.compile(
    rf"\b(?:I'm|I’m|I am|this is|This is|it's|It's|it’s|It’s)[ \t]+({_NAME})(?=[ \t]*[,.!]|[ \t]+here\b)"
)
#: What a greeting may call someone that a name pool also lists.
ENDEARMENTS = frozenset(
    "love angel gang honey darling sweetie babe dear sunshine spring summer autumn winter bro sis mate buddy".split()
)
#: What only a person does right after a given name that is also a word: speaks or writes ("May
#: asked for a copy"), comes from a team or office ("Grant from the letting agency", "Hope in the
#: executive office"), or has family ("Will's mum"). The name must be title-case and in the pools.
_DEEDS = re.compile(
    r"[ \t]+(?P<speaks>asked|said|called|phoned|rang|emailed|e-mailed|texted|messaged|wrote|replied|confirmed|"
    r"mentioned|explained|told|promised|suggested|recommended|requested|agreed|informed|reported)\b"
    r"|[ \t]+(?:from|in|at)[ \t]+(?:the|our|your|their)[ \t]+(?:[\w-]+[ \t]+){0,2}?"
    r"(?:team|agency|office|department|dept|desk|support|helpdesk|reception|branch|clinic|practice|surgery|"
    r"school|council|firm|company|bank|store|shop|stall|counter|kiosk|till|drive-thru|front desk)\b"
    # a department named in capitals: "Grant in IT said", "Hope from Payroll" (not "in it")
    r"|[ \t]+(?:from|in)[ \t]+(?:IT|HR|Finance|Accounts|Payroll|Legal|Sales|Support|Marketing|Procurement|"
    r"Compliance|Billing|Admin|Reception|Facilities|Operations|Ops)\b(?![ \t]+(?:[A-Z]|and|or|of)\w*)"
    r"|['’]s[ \t]+(?:mum|mom|mother|dad|father|wife|husband|partner|son|daughter|brother|sister|kids|children|"
    r"parents|grandmother|grandfather|grandma|grandpa|aunt|uncle|cousin|fianc[ée]e?|boyfriend|girlfriend)\b"
)
_GIVEN_WORD = re.compile(r"(?<![\w'’-])([A-ZÀ-ÖØ-ÞĀ-Ž][\w-]*(?:['’](?!s\b)[\w-]+)*)")
#: The source of a lower-case name that a deed vouches for ("may asked"): decide lets it stand
#: even when it is a function word.
DEED_SOURCE = "cues:deed"
#: The source of a name after a relation or a greeting: `_addressed` admits a frequent word there only
#: when the phrase ends or a verb follows ("my son will is driving", "thank u will!!"), which places
#: it as firmly as a deed does.
ADDRESSED_SOURCE = "cues:addressed"
_LOWER_GIVEN_WORD = re.compile(r"(?<![\w'’-])([a-zà-öø-ÿ][a-zà-öø-ÿ-]+)")
_STOP = frozenset("is was and or but the a an of at in on to for with from by please thanks".split())


class CueDetector(BaseDetector):
    name = "cues"

    def __init__(self) -> None:
        self._index = name_index()
        self._given = self._index.given

    def _plausible(self, word: str) -> bool:
        folded = word.casefold().rstrip("'’s")
        return (
            folded not in COMMON_WORDS and folded not in _STOP and (folded in self._given or not is_plain_word(folded))
        )

    def detect(self, text: str) -> list[Span]:
        spans: list[Span] = []
        lower = text.islower()  # once per text: per match it made long texts quadratic
        for pattern, strict in ((_TITLE, False), (_GREETING, True), (_VOCATIVE, True)):
            for m in pattern.finditer(text):
                spans.extend(self._name_span(text, m.start(1), m.group(1), strict, lower))
        for pattern in (_GREETING, _CAPITAL_INTRO):
            for m in pattern.finditer(text):
                if self._word_name(m.group(1)):
                    spans.append(Span(m.start(1), m.end(1), "PERSON", CUE_SCORE, self.name))
        for m in _GIVEN_WORD.finditer(text):
            word = m.group(1)
            deed = _DEEDS.match(text, m.end(1))
            if (
                deed
                and self._deed_name(word, bool(deed.group("speaks")))
                and not _country_or_region(word)
                and _deed_subject(text, m.start(1), bool(deed.group("speaks")))
            ):
                spans.append(Span(m.start(1), m.end(1), "PERSON", CUE_SCORE, self.name))
        for m in _LOWER_GIVEN_WORD.finditer(text):  # "may asked for a copy" typed in lower case
            deed = _DEEDS.match(text, m.end(1))
            if (
                deed
                and self._deed_name(m.group(1).capitalize(), bool(deed.group("speaks")))
                and _deed_subject(text, m.start(1), False)  # a subject's place even when it speaks: not "i may asked"
                and is_lowercase_style(line_of(text, m.start(1)))
            ):
                spans.append(Span(m.start(1), m.end(1), "PERSON", CUE_SCORE, DEED_SOURCE))
        for m in _DIALOGUE.finditer(text):
            if m.group(1).casefold() in self._given and not is_plain_word(m.group(1)):
                spans.append(Span(m.start(1), m.end(1), "PERSON", CUE_SCORE, self.name))
        for m in _LOWER_CUE.finditer(text):
            word = m.group(1)
            if self._index.is_given(word) or self._index.is_family(word) or self._known_rare(word):
                spans.append(Span(m.start(1), m.end(1), "PERSON", CUE_SCORE, self.name))
        for m in _LOWER_INTRO.finditer(text):
            word = m.group(1)
            pooled = (self._index.is_given(word) or self._index.is_family(word)) and zipf(word) < INTRO_NAME_ZIPF
            if pooled or self._unknown_name(text, word.casefold(), m.end(1)):
                spans.append(Span(m.start(1), m.end(1), "PERSON", CUE_SCORE, self.name))
            elif self._index.is_given(word) and (family_end := self._family_end(text, m.end(1))) > m.end(1):
                # a frequent word that is a given name, then a family name: "hi this is may nguyen"
                spans.append(Span(m.start(1), family_end, "PERSON", CUE_SCORE, ADDRESSED_SOURCE))
        for pattern in (KIN, LOWER_GREETING):
            for m in pattern.finditer(text):
                if self._addressed(text, m.group(1), m.end(1), pattern is KIN):
                    end = self._family_end(text, m.end(1))
                    spans.append(Span(m.start(1), end, "PERSON", CUE_SCORE, ADDRESSED_SOURCE))
        for m in _CALLED.finditer(text):
            if self._called(m.group(1)):
                spans.append(Span(m.start(1), self._family_end(text, m.end(1)), "PERSON", CUE_SCORE, ADDRESSED_SOURCE))
        for m in KIN_ABROAD.finditer(text):
            if self._relative_abroad(text, m.group(1), m.end(1)):
                spans.append(Span(m.start(1), self._family_end(text, m.end(1)), "PERSON", CUE_SCORE, self.name))
        for m in _KIN_AFTER.finditer(text):
            if m.group(1).casefold() not in _STOP and not is_place_name(m.group(1)):
                spans.append(Span(m.start(1), m.end(1), "PERSON", CUE_SCORE, self.name))
        for m in _SIGN_OFF.finditer(text):
            if self._signed(m.group(1)):
                spans.append(Span(m.start(1), m.end(1), "PERSON", CUE_SCORE, self.name))
        for m in _INITIALED.finditer(text):
            if _PLACE_INITIALS.match(text, m.start()):
                continue
            if self._family_after_initial(m.group("family"), bool(m.group("particles")), bool(m.group("bare"))):
                spans.append(Span(m.start(), m.end(), "PERSON", CUE_SCORE, self.name))
        for pattern in (_ORG_CUE, _TEAM_OF):
            for m in pattern.finditer(text):
                value = m.group(1)
                if not is_plain_word(value.split()[0]) and value.casefold() not in _DEPARTMENTS:
                    spans.append(Span(m.start(1), m.start(1) + len(value), "ORGANIZATION", CUE_SCORE, self.name))
        for m in _CONTEXT.finditer(text):
            if _SPEAKER_AFTER.match(text, m.end(1)):
                continue  # "surname? CALLER: kowalski": the next turn's speaker, not the answer
            if m.group(1).split()[0].casefold() in _NEXT_FIELDS:
                continue  # "SURNAME      FORENAMES      DOB": a table's header, the next column's name
            spans.extend(self._name_span(text, m.start(1), m.group(1), False, lower))
        return spans

    def _signed(self, value: str) -> bool:
        """A signature's name: its first word a given name of the pools, or a word that no English
        list holds and no other language uses often ("Kasia"); never a team or a role ("Support")."""
        from ..decide.words import is_dictionary_word

        first = value.split()[0]
        folded = first.casefold()
        if folded in _STOP or folded in COMMON_WORDS or is_dictionary_word(folded):
            return is_given_name(first) and len(value.split()) > 1  # "Faith Adebayo", not "Faith" or "Team"
        return is_given_name(first) or (zipf(folded) < 3.0 and not frequent_in_any(folded, OTHER_LANGUAGES, 4.5))

    def _word_name(self, value: str) -> bool:
        """A given name that is also a word, alone after a greeting or an introduction and before
        the phrase ends: "Hi Hope!!", "I'm Faith, new here". Months and endearments stay words
        ("It's May.", "Hi Love,")."""
        folded = value.casefold()
        return (
            " " not in value
            and self._index.is_given(value)
            and folded not in ENDEARMENTS
            and folded not in calendar_words()
        )

    def _deed_name(self, word: str, speaks: bool) -> bool:
        """A name `_DEEDS` may take: title-case, a given name of the pools or an English nickname
        ("Will", "Rob"), no endearment or role; a month only as the one who speaks ("May asked for a
        copy", but "in May from the tax office")."""
        folded = word.casefold()
        if not _title_case(word) or folded in ENDEARMENTS | _ROLES or (folded in calendar_words() and not speaks):
            return False
        return self._index.is_given(word) or is_nickname(word)

    @staticmethod
    def _unknown_name(text: str, folded: str, end: int) -> bool:
        """After a greeting or thanks, a word no language knows, then the end of the phrase: "hi
        huong!", "makasih rizky 🙏", "gracias juanca." ("hi guys!", "thanks everyone" are words)."""
        if len(folded) < 3 or is_plain_word(folded) or zipf(folded) >= 1.0 or is_foreign_word(folded):
            return False
        if re.search(r"(.)\1\1", folded):
            return False  # "i am okkk", "hi guysss": a word drawn out, not a name
        return _NAME_ENDS.match(text, end) is not None

    @staticmethod
    def _known_rare(word: str) -> bool:
        """A name of the wider name list that is no frequent English word ("ask rory", "call ananya";
        not "ask will", "email grace")."""
        return is_known_name(word) and not is_plain_word(word.casefold()) and zipf(word) < INTRO_NAME_ZIPF

    def _family_after_initial(self, word: str, particles: bool, bare: bool = False) -> bool:
        """A family name of the pools, or a word no dictionary or place list holds ("Wohlfahrt",
        "Mkhize"); after a particle any capitalised word ("El Amrani"). A name of two letters must be
        a family name of the pools ("H. Le"); after initials without dots ("D T Nguyen") no dictionary
        word will do ("Block C Hall", "Vitamin D Levels")."""
        from ..decide.words import is_dictionary_word
        from .places import is_place_name

        if len(word) == 2 and not (word.istitle() and self._index.is_family(word)):
            return False
        if bare and (is_dictionary_word(word.casefold()) or word.isupper() or is_foreign_word(word.casefold())):
            return False
        if particles or self._index.is_family(word):
            return True
        if word.isupper():
            return False  # "SP. Z O.O. WYNAGRODZENIE": in capitals only a listed family name will do
        return not is_plain_word(word.casefold()) and zipf(word) < 3.0 and not is_place_name(word)

    def _addressed(self, text: str, word: str, end: int, kin: bool) -> bool:
        """A word after a relation or a greeting is a name when the pools know it (after a relation,
        a capitalised word or no English word will do), and, if it is also an English word ("grace",
        "hunter") or a very frequent one, when the phrase ends, a verb or a family name follows."""
        folded = word.casefold()
        if folded in _STOP or folded in calendar_words():
            return False  # "my friend Sunday."
        if kin and _title_case(word) and folded not in _NOT_KIN_NAMES and not _TITLE_WORD.fullmatch(word):
            # "my husband Will at 918…": capitalised after the relation; a place only when it is a given name too
            # ("my partner Long": a Vietnamese name and a town)
            return not is_place_name(word) or is_given_name(word)
        # after a relation an English short form counts as a given name ("my son will is driving")
        given = self._index.is_given(word) or (is_nickname(word) and (kin or _PHRASE_ENDS.match(text, end)))
        if folded in COMMON_WORDS and not given:
            return False
        pooled = given or self._index.is_family(word) or is_known_name(word)
        if not pooled and not kin:
            return self._unknown_name(text, folded, end)
        if not (pooled or (kin and (word[:1].isupper() or not is_plain_word(folded)))):
            return False
        if not given and frequent_in_any(folded, OTHER_LANGUAGES, FOREIGN_ZIPF):
            # "mi tía favorita", "oi gente" (a family name of the pools too), unless a family name follows
            # that is no frequent word either ("mi hermana está bien")
            family_end = self._family_end(text, end)
            follower = text[end:family_end].split()[:1]
            return bool(follower) and not frequent_in_any(follower[0].casefold(), OTHER_LANGUAGES, _WORD_ZIPF)
        if not is_plain_word(folded) and zipf(folded) < _WORD_ZIPF:
            return True
        ends = _NAME_ENDS.match(text, end) or (not kin and _REPLY.match(text, end))
        return bool(ends) or self._family_end(text, end) > end

    def _called(self, word: str) -> bool:
        """What others call someone is a name when the pools hold it as a given name or a short form,
        or when it is a rare word that no dictionary or gazetteer holds: "called back", "calls him
        Monday" say when, not who."""
        folded = word.casefold()
        if folded in _STOP or folded in calendar_words():
            return False
        if self._index.is_given(word) or is_nickname(word):
            return True
        return not is_plain_word(folded) and zipf(folded) < _WORD_ZIPF and not is_place_name(word)

    def _relative_abroad(self, text: str, word: str, end: int) -> bool:
        """The word after a relation of another language ("min søster Line", "mein Kollege Will"):
        capitalised, a name unless that language uses it often as a word, since German writes every
        noun with a capital ("mein Sohn Englisch lernt"); in lower case, as after an English relation."""
        folded = word.casefold()
        if folded in _STOP or folded in calendar_words() or _TITLE_WORD.fullmatch(word):
            return False
        if not _title_case(word):  # a frequent word there ("rosa", pink) only where the phrase ends
            if not word.islower() or not (self._index.is_given(word) or is_known_name(word)):
                return False
            return not frequent_in_any(folded, OTHER_LANGUAGES, FOREIGN_ZIPF) or bool(_NAME_ENDS.match(text, end))
        if is_given_name(word) or is_nickname(word):
            return True
        return not frequent_in_any(folded, OTHER_LANGUAGES, _NOUN_ABROAD_ZIPF) and not is_place_name(word)

    def _family_end(self, text: str, end: int) -> int:
        """Extend a lower-case given name over one or two family names of the pools ("tou vang")."""
        for _ in range(2):
            m = re.match(r"[ \t]+([^\W\d_][\w'’-]*)", text[end : end + 40])
            if m is None or not self._index.is_family(m.group(1)) or zipf(m.group(1).casefold()) >= INTRO_NAME_ZIPF:
                break
            end += m.end()
        return end

    def _name_span(self, text: str, start: int, value: str, strict: bool, lower: bool) -> list[Span]:
        """Keep the leading words that can be a name. Where the cue is weak (a greeting), at least
        one of them must be a known given name or no English word; after "Mr." or "my name is", any will do."""
        words = value.split()
        kept: list[str] = []
        for w in words:
            if w.casefold() in _STOP or (kept and not (w[:1].isupper() or lower or len(w) == 1)):
                break
            kept.append(w)
        if not kept or (strict and not any(self._plausible(w) for w in kept)):
            return []
        end = start + len(" ".join(kept)) if " ".join(kept) == value[: len(" ".join(kept))] else start + len(kept[0])
        return [Span(start, end, "PERSON", CUE_SCORE, self.name)]
