"""Tool-call arguments as JSON text, for the adapters that restore them while they stream.

Providers send tool arguments as JSON strings, whole or in fragments. Restoring through the
decoded values keeps escapes from hiding a surrogate ("Lu\\u00eds") and escapes restored originals
correctly (a quote in a name must come back as \\"). Shared by the LangChain and LlamaIndex
adapters; nothing here knows either framework.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def map_json_text(text: str, obj: Callable[[Any], Any], plain: Callable[[str], str]) -> str:
    """Map a JSON document through its decoded values with `obj`; non-JSON text goes through `plain`."""
    try:
        value = json.loads(text)
    except ValueError:
        return plain(text)
    return json.dumps(obj(value), ensure_ascii=False)


def decode_json_unicode_escapes(text: str) -> tuple[str, str]:
    """Replace `\\uXXXX` escapes of printable characters in JSON text by the characters.

    Returns (decoded, held_back): an escape cut off at the end of a streamed fragment is held back
    for the next one. Models and providers may escape non-ASCII characters in tool arguments, and
    a surrogate such as "Luís" written as "Lu\\u00eds" would not be recognised by the restorer.
    Quotes, backslashes and control characters keep their escapes, so the JSON stays valid.
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] != "\\":
            out.append(text[i])
            i += 1
            continue
        if i + 1 >= n:
            return "".join(out), text[i:]
        if text[i + 1] != "u":
            out.append(text[i : i + 2])  # \\, \", \n ...: kept as a unit so parity stays right
            i += 2
            continue
        if i + 6 > n:
            return "".join(out), text[i:]
        try:
            code = int(text[i + 2 : i + 6], 16)
        except ValueError:
            out.append(text[i : i + 6])
            i += 6
            continue
        if 0xD800 <= code <= 0xDBFF:  # high surrogate: needs its low half
            if i + 12 > n:
                return "".join(out), text[i:]
            low = text[i + 6 : i + 12]
            if low[:2] == "\\u":
                try:
                    low_code = int(low[2:], 16)
                except ValueError:
                    low_code = -1
                if 0xDC00 <= low_code <= 0xDFFF:
                    out.append(chr(0x10000 + ((code - 0xD800) << 10) + (low_code - 0xDC00)))
                    i += 12
                    continue
            out.append(text[i : i + 6])
            i += 6
            continue
        char = chr(code)
        keep_escaped = code < 0x20 or char in '"\\' or 0xDC00 <= code <= 0xDFFF
        out.append(text[i : i + 6] if keep_escaped else char)
        i += 6
    return "".join(out), ""


def json_string_body(value: str) -> str:
    """How `value` is written inside a JSON string (quotes and backslashes escaped, no quotes around)."""
    return json.dumps(value, ensure_ascii=False)[1:-1]


class JsonArgumentStream:
    """A streamed JSON argument string: escapes decoded first, then restored incrementally."""

    def __init__(self, restorer: Any) -> None:
        """`restorer`: a stream restorer whose `escape` is `json_string_body`."""
        self._restorer = restorer
        self._pending = ""

    def feed(self, fragment: str) -> str:
        decoded, self._pending = decode_json_unicode_escapes(self._pending + fragment)
        return self._restorer.feed(decoded)

    def flush(self) -> str:
        rest, self._pending = self._pending, ""
        return self._restorer.feed(rest) + self._restorer.flush()
