"""User names, record IDs and people's names that their layout gives away: table columns, log
lines, and name-bearing logins.

A CSV export with a "recruiter" column, a Markdown table with a "Discord" column, an sshd line
"Accepted publickey for a.sokolova from …", or a token like "nguyen.huong" that joins a known given
or family name with a dot or underscore: no cue word stands right before these, but the structure
says what they are. A column headed "name", "Nachname", "fornamn", "nguoi_nhan" or "patient" in a
CSV, semicolon or Markdown export holds people, whatever the words ("Summer;Rose").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .base import Span

_USER_COLUMN = re.compile(
    r"(?i)^(?:user(?:[ _-]?name)?|login|handle|owner|agent|assignee|assigned[ _]to|recruiter|reviewer|author|"
    r"created[ _]by|updated[ _]by|closed[ _]by|handled[ _]by|account|discord|slack|github|gitlab|twitter|x|"
    r"instagram|telegram|reddit|nick(?:name)?|alias|screen[ _]name|user[ _]?id|login[ _]id|gamertag|"
    r"(?:sam)?account[ _]?name|user[ _]?principal[ _]?name|upn|login[ _]?name|benutzer(?:name)?|kennung|utente|"
    r"usuario|usuário|utilisateur|tunnus)$"
)
#: A column of record identifiers: "cand_id", "emp_id", "Member No.", "Claim #", "id" (not a zip,
#: phone, product or row number: those say what else the value is).
_ID_COLUMN = re.compile(
    r"(?i)^(?:(?!(?:zip|postal|post|area|country|currency|product|sku|item|line|row|page|version|model|part|"
    r"phone|tel|mobile|fax|room|unit|flight|seat|tax[ _-]?rate)\b)[a-z]+[ _-]?)?(?:id|no\.?|nr\.?|number|num|ref|#)$"
    # a record's noun alone heads its numbers too: "| Case | Action |", "Ticket,Status"
    r"|^(?:case|ticket|claim|order|invoice|policy|booking|reservation|voucher|consignment|waybill|rx|"
    r"incident|request|member|candidate|cand|patient|employee|matter|docket|file|dossier|akte|aktenzeichen|"
    r"expediente|pedido|commande|bestellung|zamówienie|sprawa|caso|pratica|zaak)$"
)
#: A date in an ID column is the record's date, not its number.
_DATE_VALUE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
#: Columns of people's names, in the languages of the exports seen (headers folded to ASCII): the
#: header is one of these, or ends in a name word after a word naming a person's role.
_PERSON_COLUMNS = frozenset(
    """
    surname forename firstname lastname fullname givenname familyname vorname nachname familienname prenom
    nombre nombres apellido apellidos imie nazwisko fornamn efternamn fornavn etternavn efternavn cognome nome
    etunimi sukunimi voornaam achternaam jmeno prijmeni hoten hovaten nguoinhan patient employee candidate
    tenant guest passenger student applicant manager chef supervisor physician doctor referrer ansprechpartner
    betreuer vorgesetzter displayname forenames givennames firstnames surnames lastnames prescriber
    """.split()
)
_NAME_WORDS = frozenset("name nom nombre naam nome ten navn namn nimi imie jmeno".split())
_PERSON_ROLES = frozenset(
    """
    first last given family middle maiden full legal preferred display customer client patient employee candidate
    tenant guest passenger student applicant contact holder accountholder recipient sender beneficiary payee driver
    member person parent guardian child spouse emergencycontact manager nguoinhan
    """.split()
)
_PLACEHOLDERS = frozenset("n/a na none null unknown tbd tba - — x nil".split())
_ID_VALUE = re.compile(r"(?=(?:[^\d\n]*\d){3})[A-Za-z0-9][\w./-]{2,40}")
_CELL = re.compile(r'"(?:[^"\n]|"")*"|[^,\n]*')
_HANDLE = re.compile(r"[A-Za-z0-9_][\w.\-]{1,31}")
_LOG = re.compile(
    r"\b(?:for|user)[ \t]+(?:invalid user[ \t]+)?(?P<a>[A-Za-z0-9_][\w.\-]{1,31})[ \t]+from[ \t]+[\d\[]"
    r"|\bsudo:[ \t]+(?P<b>[A-Za-z0-9_][\w.\-]{1,31})[ \t]+:"
)
_JOINED = re.compile(r"(?<![\w.@/+#-])[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+){1,2}(?![\w@/(-]|\.[A-Za-z0-9])")
USERNAME_SCORE = 0.75


#: A cell of a fixed-width table: words one blank apart; two blanks or a tab end it.
_FIXED_CELL = re.compile(r"\S+(?: \S+)*")
_FIXED_GAP = re.compile(r"\S(?: {2,}|\t)(?=\S)")


def _cells(line: str, offset: int, sep: str) -> list[tuple[int, str]]:
    """(start offset, stripped text) of each cell of a CSV, semicolon, Markdown or fixed-width row."""
    out = []
    if sep == "  ":
        return [(offset + m.start(), m.group()) for m in _FIXED_CELL.finditer(line)]
    if sep == ",":
        for m in _CELL.finditer(line):
            if m.start() > 0 and line[m.start() - 1] != ",":
                continue  # the empty match right after a cell
            raw = m.group()
            lead = len(raw) - len(raw.lstrip())
            out.append((offset + m.start() + lead, raw.strip().strip('"')))
        return out
    pos = 0
    for part in line.split(sep):
        lead = len(part) - len(part.lstrip())
        out.append((offset + pos + lead, part.strip()))
        pos += len(part) + 1
    return out


def _person_column(head: str) -> bool:
    """Whether a header names a column of people: "name", "Nachname", "customer_name", "Guest Name"
    ("product_name", "bank_name", "user_name" are not)."""
    from ..normalize import fold_accents

    words = [w for w in re.split(r"[ _.-]+", fold_accents(head).casefold()) if w]
    if not words:
        return False
    if "".join(words) in _PERSON_COLUMNS:
        return True
    return (words[-1] in _NAME_WORDS and (len(words) == 1 or "".join(words[:-1]) in _PERSON_ROLES)) or (
        words[0] in _NAME_WORDS and len(words) > 1 and "".join(words[1:]) in _PERSON_ROLES  # "ten_nguoi_nhan"
    )


def _bare_name(head: str) -> bool:
    return head.strip().casefold() in _NAME_WORDS


def _person_value(value: str, bare_name: bool = False) -> bool:
    """A cell that can be a name: letters, one to five words, no digits, no address or link signs;
    under a bare "name" header a known given or family name among them ("Widget Pro" has a name too)."""
    if value.casefold() in _PLACEHOLDERS or len(value) > 60 or any(c.isdigit() or c in "@/:#" for c in value):
        return False
    if not (any(c.isalpha() for c in value) and 1 <= len(value.split()) <= 5):
        return False
    if bare_name:
        from ..decide.words import is_known_name

        return any(is_known_name(w) for w in value.split())
    return True


def _table_usernames(text: str) -> list[Span]:
    spans: list[Span] = []
    offset = 0
    # column → label, from the table's header row; "NAME" for a bare "name" header (products have
    # names too): a person there needs a known name in the cell
    columns: dict[int, str] = {}
    width = 0
    sep = ","
    for line in text.split("\n"):
        is_csv = line.count(",") >= 2
        is_md = line.count("|") >= 3  # with or without the outer pipes
        is_ssv = line.count(";") >= 2 and not is_md  # a semicolon export (European spreadsheets)
        # a printed report: columns padded with blanks ("Rx#        Drug        Sig")
        is_fixed = not (is_csv or is_md or is_ssv) and len(_FIXED_GAP.findall(line)) >= 2
        if not (is_csv or is_md or is_ssv or is_fixed):
            columns, width = {}, 0
        else:
            sep = "  " if is_fixed else "|" if is_md else ";" if is_ssv and (not is_csv or sep == ";") else ","
            cells = _cells(line, offset, sep)
            if not columns and not re.fullmatch(r"[|\s:-]+", line):
                for i, (_, c) in enumerate(cells):
                    head = c.replace("*", "").strip()
                    if _USER_COLUMN.match(head):
                        columns[i] = "USERNAME"
                    elif _ID_COLUMN.match(head):
                        columns[i] = "IDENTIFIER"
                    elif _person_column(head):
                        columns[i] = "NAME" if _bare_name(head) else "PERSON"
                width = len(cells) if columns else 0
            elif columns and len(cells) == width:
                for i, label in columns.items():
                    start, value = cells[i]
                    handle = _HANDLE.fullmatch(value) is not None and any(c.isalpha() for c in value)
                    # a printed report's "Owner" column also holds teams ("ops", "dev"): a login there
                    # must not be a word
                    if handle and label == "USERNAME" and sep == "  " and _team_word(value):
                        continue
                    if label == "USERNAME" and handle:
                        spans.append(Span(start, start + len(value), label, USERNAME_SCORE, "pattern:username"))
                    elif label == "IDENTIFIER" and _ID_VALUE.fullmatch(value) and not _DATE_VALUE.fullmatch(value):
                        spans.append(Span(start, start + len(value), label, USERNAME_SCORE, "pattern:table-id"))
                    elif label in ("PERSON", "NAME") and _person_value(value, bare_name=label == "NAME"):
                        spans.append(Span(start, start + len(value), "PERSON", USERNAME_SCORE, "pattern:table-name"))
        offset += len(line) + 1
    return spans


#: Teams that own a report's rows: "ops", "dev", "sre".
_TEAMS = frozenset(
    "ops dev devops qa sre it hr sec secops infra platform backend frontend data ml support sales finance legal "
    "admin team unassigned".split()
)


def _team_word(value: str) -> bool:
    from .usernames import wordlike

    return value.casefold() in _TEAMS or wordlike(value)


def _initial_login(value: str) -> bool:
    """An initial and a name that is no word, in lower case: "s.haddad", "farook.m" (not "e.target",
    "x.shape", "f.write", "a.out", a file "r.yaml" or a host "x.io")."""
    from ..decide.words import is_common_word, is_dictionary_word

    parts = value.split(".")
    if len(parts) != 2 or not value.islower() or sorted(len(p) for p in parts)[0] != 1:
        return False
    name = max(parts, key=len)
    if len(name) < 4 or not name.isalpha() or is_dictionary_word(name) or is_common_word(name):
        return False
    return len(parts[0]) != 1 or parts[1] not in _file_extensions()  # "r.yaml" is a file


@lru_cache(maxsize=1)
def _file_extensions() -> frozenset[str]:
    """File extensions of Python's built-in MIME table plus common data and code formats. The
    built-in table, not `mimetypes.types_map`: that one grows with the system's mime.types once any
    code calls `mimetypes.init()`, which made the answer depend on what ran before."""
    import mimetypes

    builtin = mimetypes.MimeTypes().types_map[True]
    extra = "yaml yml toml ini cfg conf log md rst ipynb parquet jsonl ndjson docx xlsx pptx".split()
    return frozenset(ext.lstrip(".") for ext in builtin) | frozenset(extra)


def _joined_names(text: str) -> list[Span]:
    """ "nguyen.huong", "m_wozniak", "knitwitch_dana": a login built from a known name."""
    from ..decide.words import zipf
    from ..surrogate.pools import name_index
    from .usernames import username_shaped, wordlike

    index = name_index()
    spans = []
    for m in _JOINED.finditer(text):
        value = m.group()
        if value.isupper() or not username_shaped(value) or text[m.start() - 1 : m.start()] == "`":
            continue
        parts = [p for p in re.split(r"[._]", value) if len(p) >= 3 and p.isalpha()]
        # "siyuan_chen98", "KuyaMarc0_PH2": a name part closed by a number or a second capital, where
        # a name that is also a rare word ("chen", "marc") still counts
        marked = [
            p
            for chunk in re.split(r"[._]", value)
            if chunk[-1:].isdigit() or re.fullmatch(r"[A-Z][a-z]+[A-Z]\w*", chunk)  # not code's "minVersion"
            for p in re.split(r"(?<=[a-z])(?=[A-Z])", re.sub(r"\d+$", "", chunk))
            if len(p) >= 3 and p.isalpha()
        ]
        named = any((index.is_given(p) or index.is_family(p)) and not wordlike(p) for p in parts)
        named = named or any((index.is_given(p) or index.is_family(p)) and zipf(p.casefold()) < 4.5 for p in marked)
        if named or _initial_login(value):
            spans.append(Span(m.start(), m.end(), "USERNAME", USERNAME_SCORE, "pattern:username"))
    return spans


def layout_usernames(text: str) -> list[Span]:
    """Table columns, log lines and name-bearing logins."""
    tabular = "," in text or "|" in text or ";" in text or "  " in text or "\t" in text
    spans = _table_usernames(text) if tabular else []
    from .usernames import username_shaped

    for m in _LOG.finditer(text):
        group = "a" if m.group("a") else "b"
        if username_shaped(m.group(group)):  # "invalid user admin / oracle / root" are scanners' guesses
            spans.append(Span(m.start(group), m.end(group), "USERNAME", USERNAME_SCORE, "pattern:username"))
    if "." in text or "_" in text:
        spans.extend(_joined_names(text))
    return spans
