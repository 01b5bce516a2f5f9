"""The normalised view every detector reads, with a map back to the caller's characters (rule 10).

Text copied from PDFs, macOS, chat apps or an attacker carries forms that look the same to a
person but not to a model or a regex: zero-width and soft-hyphen characters inside a name
("J\u200bohn"), NFD accents ("Jose\u0301"), fullwidth letters ("Ｊｏｈｎ"), Cyrillic look-alikes
("Jоhn"), a name broken over a line. Detection runs on a view with all of that undone; spans are
mapped back so replacement still cuts the original characters, and the vault stores the clean
form, so every spelling of one name gets one surrogate.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass

import regex

#: Removed from the view: zero-width characters, soft hyphen, BOM, bidirectional controls.
_REMOVE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff") | frozenset(
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
)
#: Cyrillic and Greek letters that look like Latin ones; mapped only inside a Latin word.
_CONFUSABLE = dict(
    zip(
        "аеорсухіјѕԁһӏАВЕКМНОРСТУХІЈЅοαρνυκτιΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
        "aeopcyxijsdhlABEKMHOPCTYXIJSoapvuktiABEZHIKMNOPTYX",
        strict=True,
    )
)
_SPECIAL = re.compile(r"[^\t\n\r\x20-\x7e]")
_CRLF = re.compile(r"\r?\n")


@dataclass(frozen=True, slots=True)
class TextView:
    """`text` is what detectors read; `starts[i]`/`ends[i]` give the original characters of view
    character i (None when the view is the original itself)."""

    original: str
    text: str
    starts: array[int] | None = None
    ends: array[int] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the view span [start, end)."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def make_view(text: str) -> TextView:
    """Normalise (NFKC, composed accents, no invisible characters, look-alikes folded in Latin
    words, controls as spaces); linear in the text, and free for plain ASCII."""
    if _SPECIAL.search(text) is None:
        return TextView(text, _join_broken_names(text))
    out: list[str] = []
    starts = array("l")
    ends = array("l")
    pos = 0
    for m in _SPECIAL.finditer(text):
        i = m.start()
        if i > pos:
            out.append(text[pos:i])
            starts.extend(range(pos, i))
            ends.extend(range(pos + 1, i + 1))
        pos = i + 1
        ch = text[i]
        if ch in _REMOVE:
            continue
        if unicodedata.category(ch) == "Cc":
            out.append(" ")
            starts.append(i)
            ends.append(i + 1)
            continue
        if unicodedata.combining(ch) and out and out[-1]:
            prev = out[-1][-1]
            composed = unicodedata.normalize("NFC", prev + ch)
            if len(composed) == 1:
                out[-1] = out[-1][:-1] + composed
            ends[-1] = i + 1  # the mark belongs to its base letter, composed or not
            continue
        if ch in _CONFUSABLE and (_latin(text[i - 1 : i]) or _latin(text[i + 1 : i + 2])):
            folded = _CONFUSABLE[ch]
        else:
            folded = unicodedata.normalize("NFKC", ch)
        for c in folded:
            out.append(c)
            starts.append(i)
            ends.append(i + 1)
    if pos < len(text):
        out.append(text[pos:])
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    view = "".join(out)
    if len(view) == len(text) and view == text:
        return TextView(text, _join_broken_names(text))
    return TextView(text, _join_broken_names(view), starts, ends)


_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+$")
_BROKEN = regex.compile(
    r"(?<![\w.])(\p{Lu}[\p{Ll}'’-]+)[ \t]*(\r?\n)[ \t]*"
    # an Irish or Scottish particle opens the family name on the next line: "Katriona\nÓ Clúin"
    r"(?=(?:(?:Ó|Ní|Nic|Mac|Mhic|Uí|Ua)[ \t])?(\p{Lu}[\p{Ll}'’-]+)\b([ \t]*:)?)"
)
#: A word of a script without capitals at a line's end and one of the same script opening the next
#: line, each with no more of that script around it on its line: "signed by سفيان\nالزماميري on".
_BROKEN_UNCASED = regex.compile(
    r"(?<![^\W\d_\x00-\x7f][\p{M}]*[ \t]?)([\p{L}\p{M}]+[ \t]*)(\r?\n)[ \t]*"
    r"([\p{L}\p{M}]+)(?![\p{M}]|[ \t]?[^\W\d_\x00-\x7f])"
)


def _join_broken_names(text: str) -> str:
    """ "John\\nSmith", "Ayşe\\nYıldız", "Phạm\\nThu Hà": a name part at a line end followed by a
    name-like word on the next line reads as one name. Same length, so offsets are kept.

    The first part is a known given name, or a known family name (many cultures write it first)
    followed by a word that is no family name, or a word no dictionary lists followed by a known
    given name ("Ayşe", missing from the pools). A list of people, one per line, stays apart: a
    line that already holds a name before the first part ("John Smith\\nMary Jones") is not joined,
    two family names are not joined, and a join never continues into the next line's join. A colon
    after the second word makes it a label ("John\nAddress:") unless the two are a given and a
    family name of one culture's origin pools ("Kwame\nMensah: +233 …", a chat speaker).
    """
    if "\n" not in text:
        return text
    from .decide.words import is_common_word, is_dictionary_word, is_family_name, is_given_name
    from .surrogate.pools import name_index

    index = name_index()

    chars: list[str] | None = None
    last_follower = -1
    for m in _BROKEN.finditer(text):
        first, follower = m.group(1), m.group(3)
        line_start = text.rfind("\n", 0, m.start(1)) + 1
        word = not (is_dictionary_word(follower) or is_common_word(follower))
        # a given and a family name of one culture's pools ("Kwame\nMensah"), neither an English word
        paired = first != follower and word and is_given_name(first) and is_family_name(follower)
        paired = paired and not is_dictionary_word(first)  # not a heading repeated ("Rok\nRok izrade")
        if m.start(1) == last_follower or not (word or index.is_family(follower)):
            continue
        if m.group(4) and not paired:
            continue  # "John\nAddress:" is a label; "Kwame\nMensah: +233 …" a speaker's name
        if not paired and _not_one_name(first, follower):
            continue
        before = _WORD_BEFORE.search(text, line_start, m.start(1))
        if before and (is_given_name(before.group(1)) or is_family_name(before.group(1))):
            continue  # "John Smith\nMary Jones": the line already holds a name
        if text[line_start : m.start(1)].rstrip().endswith((":", ",")) and m.start(1) - line_start > 40:
            continue  # the end of a long labelled line, not a name on its own
        if chars is None:
            chars = list(text)
        for k in range(m.start(2), m.end(2)):
            chars[k] = " "
        last_follower = m.start(3)
    text = text if chars is None else "".join(chars)
    return _join_broken_uncased(text)


def _uncased_script(word: str) -> str | None:
    """The script of a word written in letters that have no case and spaces between words (Arabic,
    Hebrew, Devanagari, Georgian…), or None for a Latin, Greek or Cyrillic word, and for Chinese,
    Japanese, Korean and Thai, whose names a line break does not split ("女\n身份证号" is a field
    and the next label)."""
    if GEORGIAN.match(word):
        return "GEORGIAN"  # lower case to Unicode, but written without capitals
    if any(c.isupper() or c.islower() or c.isascii() for c in word if c.isalpha()):
        return None
    first = next((c for c in word if c.isalpha()), None)
    if first is None:
        return None  # marks only (a combining accent after a space): no script of its own
    script = unicodedata.name(first, "").split(" ")[0]
    return None if not script or script in _UNSPACED_SCRIPTS else script


_UNSPACED_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI", "LAO", "KHMER", "MYANMAR"})


def _join_broken_uncased(text: str) -> str:
    """ "signed by سفيان\nالزماميري on 3 May": a name quoted in its own script and broken across two
    lines of Latin text reads as one name. Only where the text is mostly in other letters (in
    Arabic prose, a line break is a line break) and each line holds no more of that script than
    the name's part (the lookarounds of `_BROKEN_UNCASED`)."""
    if "\n" not in text or text.isascii():
        return text
    breaks = []
    for m in _BROKEN_UNCASED.finditer(text):
        script = _uncased_script(m.group(1).strip())
        if script is not None and script == _uncased_script(m.group(3)):
            breaks.append(m.span(2))
    if not breaks:
        return text  # most texts: no letters counted
    letters = [c for c in text if c.isalpha()]
    if sum(_uncased_script(c) is not None for c in letters) * 2 > len(letters):
        return text
    chars = list(text)
    for a, b in breaks:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _not_one_name(first: str, follower: str) -> bool:
    """By the surrogate pools, the two words are no given name with its family name."""
    from .decide.words import is_common_word, is_dictionary_word
    from .surrogate.pools import name_index

    index = name_index()
    if index.is_given(first):
        return index.is_given(follower) and not index.is_family(follower)  # "Anna\nMaria": two people
    if index.is_family(first):
        return index.is_family(follower)  # "Jones\nBrown": two surnames, two people
    return is_dictionary_word(first) or is_common_word(first) or not index.is_given(follower)


def clean_form(value: str) -> str:
    """An original as detectors saw it: normalised, invisible characters gone, spaces collapsed.

    Normalised until it no longer changes: a look-alike letter is folded only next to a Latin one,
    so one pass over "JдерYm" folds the "р" and the next pass the "е" beside it. Were the form not
    stable, the view's spelling of a name and the raw one would key two entries that share one
    surrogate, and the vault refuses that (the whole call failed on such text)."""
    if value.isascii() and " " not in value and "\n" not in value and "\t" not in value:
        return value
    form = " ".join(make_view(value).text.split())
    for _ in range(len(form)):  # each further pass folds at least one more letter, or stops
        again = " ".join(make_view(form).text.split())
        if again == form:
            break
        form = again
    return form


def fold_accents(word: str) -> str:
    """Case-folded without accents ("Kraków" → "krakow", "Février" → "fevrier"): how month names
    and place names are compared across spellings."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def clean_key(value: str) -> str:
    """The form a session keys an original by, so every spelling of one name is one entry."""
    return clean_form(value).casefold()


def is_mostly_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def is_lowercase_style(line: str) -> bool:
    """A line typed without capitals (chat style): there a lower-case word can be a name."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) <= max(1, len(letters) // 50)


_CAPS_WORD = re.compile(r"\b[^\W\d_]{2,}\b")


#: Georgian's everyday letters (Mkhedruli): lower case to Unicode, but the script writes names
#: without capitals, so neither re-casing nor a "lower-case word" rule applies to them.
GEORGIAN = re.compile("[\u10d0-\u10ff]")


def recase(text: str) -> str:
    """A same-length view for case-sensitive models: ALL-CAPS lines in Title Case, and lowercase
    words that are known names (and no common word) capitalised, so "JOHN SMITH" and
    "ronan mcdonagh" look to NER like the names they are. Only detection reads it."""
    from .decide.words import is_common_word, is_dictionary_word, is_known_name
    from .detect.places import city_names
    from .surrogate.pools import name_index

    index = name_index()
    chars = list(text)
    changed = False
    line_start = 0
    for line in text.split("\n"):
        upper_line = is_mostly_upper(line)
        lower_line = is_lowercase_style(line)
        prev_name = False
        for m in _CAPS_WORD.finditer(line):
            w = m.group()
            start = line_start + m.start()
            new = None
            if upper_line and w.isupper():
                new = w[0] + w[1:].lower()
            elif w.islower() and lower_line and not GEORGIAN.match(w):  # Georgian's capitals are not for names
                known = (is_known_name(w) or w in city_names()) and not is_common_word(w)
                if known or (prev_name and not is_dictionary_word(w)):
                    new = w[0].upper() + w[1:]
            if new is not None and len(new) == len(w) and new != w:
                chars[start : start + len(w)] = new
                changed = True
            prev_name = new is not None and index.is_given(w)
        line_start += len(line) + 1
    return "".join(chars) if changed else text
