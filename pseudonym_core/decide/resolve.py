"""Turn many overlapping proposals into one clean, non-overlapping list of entities.

Order of trust: user rules and checksum-validated patterns first, then the longest span.
Same-label spans that touch are merged so "John" + "Smith" or street + city become one entity;
titles and possessives are trimmed so "Dr." and "'s" survive replacement untouched (rule 3).
"""

from __future__ import annotations

import re

from ..detect.base import Span
from ..labels import mergeable
from .explain import Trace

#: Titles before a name. No "^": `TITLES.match(text, start)` anchors at `start`, and a "^" there
#: matched only at the start of the whole text, so "Monsieur" stayed in a name on any later line.
#: The academic titles of Central Europe and Italy ("Ing.", "Mgr.", "Avv.", "Dott.ssa") count only as
#: written: "ING" is a bank.
TITLES = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Dra|Prof|Sir|Dame|Lord|Lady|Rev|Fr|Herrn|Herr|Frau|Doña|Dña|(?-i:Dott\.ssa|Dott|Avv|Mgr|Ing)|Mme|Mlle|Madame|Monsieur|Mademoiselle|Señor|Señora|Signor|Signora|Pan|Pani|Sr|Sra|Sig|Sgt|Capt|"
    r"Col|Gen|Lt|Hon|Judge|Doctor|Professor|Mister|Madam|Nurse|Officer|Agent|Detective|Ibu|Bapak|Encik|"
    # honorifics of Indonesia, Malaysia and the Philippines ("kak dimas"); not "Tito", "Mas", "Tuan", "Pak"
    # or "Puan": names too (Pak Se-ri, Puan Maharani), which then stay inside the name's span
    r"Mbak|Kak|Kakak|Kuya|Cik|Datuk|"
    # Turkish letters: "Sayın" (dear) and offices written as a title ("Sayın Müdür")
    r"Sayın|Müdür|Müdürü|Başkan|Başkanı|Hocam)\.?\s+)+",
    re.IGNORECASE,
)
#: Greetings that open a letter or a chat line, which models take into the name after them
#: ("Merhaba Elif", "Gentilissima Signora Maria Rossi", "Bonjour Madame Marchand"). Greetings that
#: are also names ("Salam", "Selam", "Shalom", "Moin", "Hei", "Gentile", "Lieber", "Caro") are not
#: listed: "Moin Khan" and "Gentile Rossi" are people.
GREETINGS = re.compile(
    r"(?<![^\W\d_])(?:(?:Dear|Hi|Hello|Hey|Hiya|Bonjour|Bonsoir|Salut|Hola|Buenos\s+d[ií]as|Buenas\s+tardes|Ol[áa]|"
    r"Ciao|Buongiorno|Buonasera|Gentilissim[oa]|Egregi[oa]|Estimad[oa]|Querid[oa]|Prezad[oa]|Hallo|Servus|"
    r"Sehr\s+geehrter?|Merhaba|Sayın|Szanown[ya]|Witaj|Witam|Geachte|Kedves|Dobr[ýy]\s+den|Zdravo|Namaste|"
    r"Kia\s+ora|Assalamu\s+alaikum|Xin\s+chào|Chào)"
    r",?\s+)+",
    re.IGNORECASE,
)
#: Honorifics written after a name ("Elif Hanım", "Ahmet Bey", "Tanaka-san", "Sharma ji").
#: ("-ji", "-chan" end Korean given names: "Park Eun-ji"; "Bey" is a family name too: "Turhan Bey".)
HONORIFICS_AFTER = re.compile(r"(?: (?:Hanım|Hanim)|-(?:san|sama|sensei))+$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_EDGE = " \t\r\n,.;:!?\"'()[]{}<>“”‘’«»-–—*_/\\|"
_STRONG_SOURCES = ("custom", "deny_list", "surrogate", "known-value")


def _strong(span: Span) -> bool:
    """Spans whose boundaries we trust more than any statistical guess.

    Vault matches are not among them: "H. Schmidt" found by NER must beat the known "Schmidt" inside it.
    """
    return span.source.startswith(_STRONG_SOURCES) or (span.source.startswith("pattern") and span.score >= 0.6)


#: Opening quotes of a quoted company name and the marks that close each.
_QUOTE_CLOSERS = {"«": "»", "„": "“”", "“": "”", '"': '"'}


def _unclosed_quote(value: str, after: str) -> bool:
    """Whether `after` closes a quote that opens inside `value` and is not closed there."""
    for opener, closers in _QUOTE_CLOSERS.items():
        if after in closers and opener in value:
            opened = value.count(opener) - (value.count(after) if after != opener else 0)
            return opened % 2 == 1 if opener == '"' else opened > 0
    return False


def _opens_closed_bracket(text: str, start: int, end: int) -> bool:
    """A bracket of one to three letters of East Asian script, closed inside the span, is part of
    the name: "(주)한빛모빌리티", "(株)山田商事", where "(주)" and "(株)" mark a company limited by
    shares. A bracket of Latin letters ("(HR) Jane") is still trimmed."""
    close = text.find(")", start, end)
    return text[start] == "(" and close in range(start + 2, start + 5) and not text[start + 1 : close].isascii()


def trim(text: str, span: Span) -> Span | None:
    """Strip punctuation, titles and possessives from a span's edges; None if nothing is left."""
    start, end = span.start, span.end
    keep_dot = not mergeable(span.label)  # "J. Smith" loses no dot, "Acme Inc." keeps its own
    while start < end and text[start] in _EDGE and not _opens_closed_bracket(text, start, end):
        start += 1
    while (
        end > start
        and text[end - 1] in _EDGE
        and not (text[end - 1] == "." and (keep_dot or _abbrev(text, start, end)))
    ):
        end -= 1
    if span.label in ("PERSON", "ORGANIZATION", "LOCATION"):
        m = _ARTICLE.match(text, start, end)
        if m and (span.label != "PERSON" or m.group(1) in _PERSON_OPENERS or TITLES.match(text, m.end(), end)):
            start = m.end()  # "the High Court of Lagos State", "das Postfach", "du Dr Awa Diop"
    placed = span.label in ("LOCATION", "ADDRESS", "ORGANIZATION")
    if placed and text.startswith(")", end) and text.count("(", start, end) > text.count(")", start, end):
        end += 1  # "Chieti (CH": a model stopped before the bracket that closes the province
    if span.label == "ORGANIZATION" and end < len(text) and _unclosed_quote(text[start:end], text[end]):
        end += 1  # "ООО «Ромашка»": the name's closing quote belongs to it as its opening one does
    if mergeable(span.label):
        m = _POSSESSIVE.search(text, start, end)
        if m and m.start() > start:
            end = m.start()
    if span.label in ("PERSON", "ORGANIZATION", "LOCATION"):
        if HONORIFICS_AFTER.fullmatch(" " + text[start:end]):
            return None  # an honorific alone names nobody
        m = _greeting(text, start, min(len(text), end + 1))  # one more: the space after a lone greeting
        if m and m.end() >= end and re.match(r"[ \t]*[,!\n]|[ \t]+[A-Z]", text[end : end + 2]):
            return None  # "Merhaba" before a name or a comma: the greeting, split off by a model
        if m and m.end() < end and text[m.end()].isalpha():
            start = m.end()  # an entity never opens with "Dear" or "Merhaba"
    if span.label == "PERSON":
        if TITLES.fullmatch(text[start:end] + " "):
            return None  # a bare "Dr" or "Dra" is no person
        m = TITLES.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
        m = HONORIFICS_AFTER.search(text, start, end)
        if m and m.start() > start:
            end = m.start()
    if end <= start:
        return None
    return Span(start, end, span.label, span.score, span.source)


#: A lower-case article, preposition or conjunction before a capitalised word: the sentence's, not
#: the name's, which a model takes along ("the NSW Civil and Administrative Tribunal", "el Notario
#: Público", "al Servicio de Reclamaciones"). A person keeps the words that are also particles of
#: names ("del Piero", "du Pont", "al Rashid"): only articles and conjunctions leave a person, and
#: a particle before a title ("du Dr Awa Diop"), so that the title is trimmed in turn.
_ARTICLE = re.compile(
    r"(the|das|die|der|dem|den|el|la|le|les|los|las|il|lo|gli|het|al|del|della|dello|dei|du|des|au|aux|"
    r"y|und|and|et)[ \t]+(?=[A-ZÀ-ÖØ-Þ])"
)
_PERSON_OPENERS = frozenset("the das die dem den y und and et".split())


_ABBREVS = frozenset(
    """
    inc ltd co corp jr sr st ave rd bros llc plc ag gmbh sa blvd apt ste
    """.split()
)


_GREETINGS_BEFORE = re.compile(f"(?:{GREETINGS.pattern})$", re.IGNORECASE)
_OPENS = re.compile(r"(?:^|[.!?:;>\n(\[\"“]|\n[ \t]*[-*•]|\]\s*\w*:)[ \t]*$")


def _greeting(text: str, start: int, end: int) -> re.Match[str] | None:
    """A greeting at `start` that opens a line or a sentence ("Selam Tesfaye is listed" after "yes,"
    is a name), and is no given name on its own ("Cara Smith", "Salam Fayyad")."""
    from .words import is_known_name

    m = GREETINGS.match(text, start, end)
    if m is None:
        return None
    before = _GREETINGS_BEFORE.search(text, max(0, start - 40), start)  # "Hi Dear Sam": "Dear" opens too
    at = before.start() if before else start
    if not _OPENS.search(text, max(0, at - 40), at):
        return None
    words = m.group().replace(",", " ").split()
    if len(words) == 1 and is_known_name(words[0]):
        # "Sayın" is a family name too, but before a given name it is the letter's "Dear"
        following = re.match(r"[^\W\d_]+", text[m.end() : m.end() + 40])
        if following is None or not _given_only(following.group()):
            return None
    return m


def _given_only(word: str) -> bool:
    """A given name of the pools that no pool holds as a family name ("Mehmet", not "Fayyad")."""
    from ..surrogate.namepools import origin_index
    from ..surrogate.pools import name_index

    index, pools = name_index(), origin_index()
    given = index.is_given(word) or bool(pools.locales(word, "given"))
    return given and not index.is_family(word) and not pools.locales(word, "family")


def _abbrev(text: str, start: int, end: int) -> bool:
    """A trailing dot belongs to the entity when it closes an initial or an abbreviation ("J.", "Inc.")."""
    words = text[start : end - 1].split()
    word = words[-1] if words else ""
    dotted = "." in word and word.replace(".", "").isalpha() and len(word) <= 8  # "S.r.l.", "e.V.", "E.I.R.L"
    if (len(word) == 1 and word.isalpha()) or word.casefold() in _ABBREVS or dotted:
        return True
    from ..detect.org_words import foreign_forms

    long_forms, short_forms = foreign_forms()  # "Kovács Építő Zrt.", "Vlaams Bouw Bvba."
    return word.casefold() in long_forms or ((word.isupper() or word.istitle()) and word.casefold() in short_forms)


def resolve(text: str, spans: list[Span], trace: Trace | None = None) -> list[Span]:
    """Pick a non-overlapping set: strong spans by length, then the rest; then merge neighbours."""
    trace = trace or Trace()
    trimmed = []
    for s in spans:
        t = trim(text, s)
        if t is None:
            trace.drop(s, "nothing left after trimming titles and punctuation")
        else:
            if (t.start, t.end) != (s.start, s.end):
                trace.note(t, "trimmed titles, possessive or punctuation at the edges")
            trimmed.append(t)
    chosen: list[Span] = []
    occupied = bytearray(len(text) + 1)

    def free(s: Span) -> bool:
        return not any(occupied[s.start : s.end])

    for group in (
        [s for s in trimmed if s.source == "surrogate"],  # the session's own output is never re-detected
        [s for s in trimmed if _strong(s) and s.source != "surrogate"],
        [s for s in trimmed if not _strong(s)],
    ):
        for s in sorted(group, key=lambda s: (-(s.end - s.start), -s.score, s.start)):
            if not free(s):
                if mergeable(s.label) and _mostly_value(occupied, s):
                    trace.drop(s, "a value (ID, card, phone, user name) holds a third of it: NER misread the value")
                    continue  # "Customer ID CUST-…" or "Card 4111…" as one name: no leftover
                left = _leftover(text, s, occupied)
                if left is None:
                    trace.drop(s, "overlapped by a stronger or longer span")
                    continue
                trace.note(left, "kept the part not covered by a stronger span")
                s = left
            chosen.append(s)
            occupied[s.start : s.end] = (b"\x01" if mergeable(s.label) else b"\x02") * (s.end - s.start)
    chosen.sort(key=lambda s: s.start)
    return _particle_tails(text, _merge(text, chosen, trace), trace)


def _mostly_value(occupied: bytearray, span: Span) -> bool:
    """Whether a value span (ID, card, phone, user name) holds a third or more of `span`, or `span`
    ends inside one ("Atto n. 412" of "Atto n. 412/P/2024"): either way NER misread the value."""
    taken = occupied[span.start : span.end].count(2)
    return taken * 3 >= span.end - span.start or (occupied[span.end - 1] == 2 and occupied[span.end] == 2)


def _leftover(text: str, span: Span, occupied: bytearray) -> Span | None:
    """The larger free piece of a partly covered span, when it is still a whole word or more."""
    pieces: list[tuple[int, int]] = []
    start = None
    for i in range(span.start, span.end + 1):
        is_free = i < span.end and not occupied[i]
        if is_free and start is None:
            start = i
        elif not is_free and start is not None:
            pieces.append((start, i))
            start = None
    best = max(pieces, key=lambda p: p[1] - p[0], default=None)
    if best is None:
        return None
    s, e = best
    if (s > 0 and text[s - 1].isalnum() and text[s].isalnum()) or (e < len(text) and text[e].isalnum()):
        return None  # would cut a word in two
    cand = trim(text, Span(s, e, span.label, span.score, span.source))
    if cand is None or cand.end - cand.start < 2:
        return None
    if _joined_word(text, span, cand):
        return None  # "Paris - merci", "Berlin - ASAP": the model ran past the place into the sentence
    return cand


def _joined_word(text: str, span: Span, piece: Span) -> bool:
    """A single common word (of English or another language) that the span reached across a spaced
    dash or slash: what is left of it once the name is taken is the sentence, not a name."""
    from .words import is_common_word, is_foreign_word

    word = text[piece.start : piece.end]
    if " " in word or not word.isalpha():
        return False
    across = text[span.start : piece.start] if piece.start > span.start else text[piece.end : span.end]
    if not re.search(r"[ \t][-–—/|][ \t]", across):
        return False  # not across a comma: "SMITH, WILL" is a name turned round
    return is_common_word(word) or is_foreign_word(word)


#: "Son of" / "daughter of" in Malay, Tamil and Arabic naming: "a/l Rajendran", "d/o Selvam", "binte Rahman".
_PARENT_CONNECTORS = r"s/o|d/o|a/l|a/p|bin|binti|binte|bte|ibn"
_PARTICLE_GAP = re.compile(
    rf"[ ](?i:da|de|do|dos|das|del|della|di|du|van|von|der|den|la|le|al|el|{_PARENT_CONNECTORS})"
    r"(?:[ ](?i:la|der|den|los|las))?[ ]"
)


#: A family name's particles after a detected name, and the capitalised word they lead to:
#: "Lucía Fernández" de la "Fuente", "Jan" van der "Meer", "Ana Paula" dos "Santos".
_PARTICLE_TAIL = re.compile(
    r"[ ](?P<particle>de la|de las|de los|del|van der|van den|van de|von der|von dem|von|van|da|das|dos|do|della|"
    r"degli|di|du|des|ter|ten|de)[ ](?P<word>[A-ZÀ-ÖØ-Þ][^\W\d_]+(?:-[A-ZÀ-ÖØ-Þ][^\W\d_]+)?)(?![\w-])"
)


_FROM_PARTICLES = frozenset("de di da du von van des".split())
#: A father's name after "son of" / "daughter of" in Malay, Tamil and Arabic naming: "Muthu Kumar a/l
#: Rajendran", "Priya d/o Selvam", "Nur Aisyah binte Rahman". The connector names a parent, so the
#: capitalised words after it are a name whatever else they could be ("Rahman", "Suresh").
_PATRONYMIC_TAIL = re.compile(
    rf"[ ](?i:{_PARENT_CONNECTORS})[ ]"
    r"(?P<word>[A-ZÀ-ÖØ-Þ][^\W\d_]+(?:-[A-ZÀ-ÖØ-Þ][^\W\d_]+)?(?:[ ][A-ZÀ-ÖØ-Þ][^\W\d_]+)?)(?![\w-])"
)


def _parent_word(word: str) -> bool:
    """A word that can be a parent's name: no function word, weekday or month, and no dictionary word
    unless a name list knows it ("Rahman" yes, "Monday", "Department", "Manager" no)."""
    from .words import calendar_words, is_dictionary_word, is_function_word, is_known_name

    folded = word.casefold()
    if is_function_word(word) or folded in calendar_words():
        return False
    return is_known_name(word) or not is_dictionary_word(folded)


def _parent_tail(text: str, span: Span, after: Span | None) -> Span | None:
    """`span` with the parent's name after "s/o", "bin", "A/P" (whose "A" a detector may have taken
    as an initial: "PRIYA A" + "/P SUBRAMANIAM"), or None. A person found in the parent's name is
    taken in; anything else found there leaves the name as it was."""
    m = _PATRONYMIC_TAIL.match(text, span.end)
    if m is None and text[span.end - 2 : span.end] in (" A", " S", " D") and text[span.end : span.end + 1] == "/":
        m = _PATRONYMIC_TAIL.match(text, span.end - 2)
    if m is None:
        return None
    words = m.group("word").split(" ")
    if len(words) == 2 and not _parent_word(words[1]):
        words = words[:1]  # "Priya d/o Selvam The manager…": the sentence goes on
    end = m.start("word") + len(" ".join(words))
    if not _parent_word(words[0]) or (after is not None and after.start < end and after.label != "PERSON"):
        return None  # "Sarah A/L Monday" (annual leave), "Maria A/P Department" (accounts payable)
    if after is not None and after.start < end:
        end = max(end, after.end)
    return Span(span.start, end, span.label, span.score, span.source)


#: A married or maiden name after its marker: "Nadia Benali épouse Haddad", "Anna Müller geb. Schmidt",
#: "Anna Nowak z domu Kowalska", "Jana Nováková roz. Dvořáková", "Marie Dupont née Martin".
_MAIDEN_TAIL = re.compile(
    r"[ ](?:épouse|ép\.|née|veuve|geb\.|geborene|verh\.|verw\.|z domu|roz\.|rozená|rozený|szül\.|született)"
    r"[ ](?P<word>[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]+(?:-[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]+)?)(?![\w'’-])"
)


def _maiden_tail(text: str, span: Span, after: Span | None) -> Span | None:
    """`span` with the name after "épouse", "geb.", "z domu" …, or None; a span found over that name
    (a family name NER took for an organization: "Kowalska") is taken in."""
    m = _MAIDEN_TAIL.match(text, span.end)
    if m is None:
        return None
    end = m.end()
    if after is not None and after.start < end:
        if after.label not in ("PERSON", "ORGANIZATION", "LOCATION"):
            return None
        end = max(end, after.end)
    return Span(span.start, end, span.label, span.score, span.source)


def _particle_tails(text: str, spans: list[Span], trace: Trace) -> list[Span]:
    """Extend a person over "de la Fuente": the word after the particles is a family name even
    when it is also a word ("Fuente", "Berg", "Santos") that no detector vouched for. Not a place
    ("Pedro de Madrid" is from Madrid); after a lone "de", only a family name of the pools."""
    from ..detect.places import is_place_name
    from ..surrogate.pools import name_index
    from .words import is_function_word

    out = list(spans)
    absorbed: set[int] = set()
    for i, s in enumerate(out):
        if s.label != "PERSON" or i in absorbed:
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        if (parent := _parent_tail(text, s, nxt) or _maiden_tail(text, s, nxt)) is not None:
            out[i] = parent
            trace.note(parent, "the parent's or the maiden name after 's/o', 'bin', 'née', 'geb.' joins the name")
            if i + 1 < len(out) and out[i + 1].end <= parent.end:
                absorbed.add(i + 1)
            continue
        m = _PARTICLE_TAIL.match(text, s.end)
        if m is None or (i + 1 < len(out) and out[i + 1].start < m.end()):
            continue
        word, particle = m.group("word"), m.group("particle")
        family = name_index().is_family(word)
        place = is_place_name(word)
        # one short particle before a place is "from": "di Milano", "de Madrid", "von Berlin"
        if is_function_word(word) or (place and (not family or particle in _FROM_PARTICLES)):
            continue
        if particle == "de" and not family:
            continue
        out[i] = Span(s.start, m.end(), s.label, s.score, s.source)
        trace.note(out[i], "the family name after its particles joins the name ('de la Fuente')")
    return [s for i, s in enumerate(out) if i not in absorbed]


#: Words between an institution and its place: "Court in Prague", "Consulat général du Sénégal à Paris".
_SEAT_GAP = re.compile(r"[ ](?i:in|at|of|for|de|du|des|di|del|della|à|a|w|we|v|ve|im|in der|zu|für|i|en)[ ]")
#: Institutions named after the place they serve; a firm ("Acme Ltd in London") is not.
_SEATED = frozenset(
    """
    court courts tribunal hospital clinic university college school consulate embassy ministry office council
    police station prison registry register agency authority commission department museum library church
    cathedral parish diocese bureau centre center institute academy
    """.split()
)


def _seat_of(text: str, prev: Span, nxt: Span, gap: str) -> bool:
    """An institution word closing an organization, then "in"/"of"/"à" … and a place: one body."""
    if prev.label != "ORGANIZATION" or nxt.label not in ("LOCATION", "ADDRESS") or not _SEAT_GAP.fullmatch(gap):
        return False
    last = text[prev.start : prev.end].split()[-1].casefold().rstrip(".,")
    return last in _SEATED and "\n" not in text[nxt.start : nxt.end]


def _merge(text: str, spans: list[Span], trace: Trace) -> list[Span]:
    """Join same-label neighbours separated by spaces only (by ", " too for address parts)."""
    out: list[Span] = []
    for s in spans:
        if out:
            prev = out[-1]
            gap = text[prev.end : s.start]
            joinable = prev.label == s.label and mergeable(s.label)
            # address lines may break ("12 Main St\nSpringfield") when the address detector read both
            # sides; a place at a line's end and a guess on the next ("Berlin\nDanke") stay apart
            addressy = "address" in (prev.source, s.source) and ("\n" not in gap or prev.source == s.source)
            # a particle joins two parts of one person ("JOÃO PEDRO CARVALHO" DA "SILVA", "Ana" de la "Cruz")
            particle = s.label == "PERSON" and _PARTICLE_GAP.fullmatch(gap) is not None
            # a tab or a run of three spaces is a form's next column ("Dawn M. Whitaker      Date:")
            spaced = gap.strip() == "" and "\n" not in gap and "\t" not in gap and "   " not in gap
            if joinable and (spaced or (addressy and gap.strip() in ("", ",")) or particle):
                source = prev.source if prev.score >= s.score else s.source
                out[-1] = Span(prev.start, s.end, s.label, max(prev.score, s.score), source)
                trace.note(out[-1], f"merged adjacent {s.label} parts into one entity")
                continue
            if _seat_of(text, prev, s, gap):
                out[-1] = Span(prev.start, s.end, "ORGANIZATION", max(prev.score, s.score), prev.source)
                trace.note(out[-1], "merged an institution with the place it is of ('Municipal Court in Prague')")
                continue
        out.append(s)
    return out
