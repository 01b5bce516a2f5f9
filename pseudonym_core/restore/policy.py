"""Where restoration may write originals back, and which tools may receive them (rule 14).

Restoring is a privacy decision, not only a text transformation: an original written into a URL,
a link, an image source or an HTML attribute leaves the user's machine as soon as the answer is
rendered, and an original in a tool's arguments goes wherever that tool sends it. One frozen
`RestorePolicy` describes both; the Pseudonymizer's config carries the default, every restore
entry point (text, stream, tool-call arguments, CLI) accepts another.

Defaults, and why:

- **Protected** (the surrogate stays unless the match is the region's whole token): raw URLs
  (paths, queries, fragments; a quoted URL up to its closing quote), markdown link and image
  destinations and reference definitions, HTML attribute values, `mailto:`/`tel:` targets,
  `%`-encoded text — these are exfiltration channels; hashtags, file paths and file names, JSON
  keys, digit runs glued by "/" or "." — identifiers that a rewritten piece corrupts ("v1.14.2",
  "#14", "/home/novak/x"). A whole-token match still restores: a surrogate URL, e-mail or phone
  the session handed out comes back whole, as does a JSON key or a date that is exactly a surrogate.
  A link destination, URL or `href`/`src` value is filled whole only by a URL, e-mail, phone, domain
  or IP surrogate — never by a name (`[x](Novak)` would fetch the name from the page's own host).
- **Code spans and fenced blocks restore** (`code="restore"`): models put drafted letters and
  e-mails in code blocks, and a block is not fetched or run by rendering it; URLs, attributes and
  paths inside code are still protected by their own rules. `code="keep"` leaves code untouched.
- Link text, image alt text and prose restore normally.
- **Tools**: every tool receives originals (`tools=None`), but a URL-valued argument (the value is a
  URL, or its name says it is one: url, href, endpoint, …) only for tools in `url_tools`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .contexts import CONTEXTS

#: Contexts protected by default: everything but code.
DEFAULT_PROTECTED: frozenset[str] = frozenset(c for c in CONTEXTS if c != "code")
#: Argument names whose values are URLs whatever they contain.
URL_ARGUMENT_NAMES: frozenset[str] = frozenset(
    """
    url urls uri href link links src source_url image_url endpoint webhook webhook_url callback callback_url
    redirect redirect_url redirect_uri base_url api_url target_url website homepage
    """.split()
)


class RestorePolicy(BaseModel):
    """Which contexts keep their surrogates and which tools may receive originals."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: Contexts in which originals are not written back (see the module docstring for each name).
    protected: frozenset[str] = DEFAULT_PROTECTED
    #: "restore": code spans and fenced blocks restore like prose; "keep": they keep their surrogates.
    code: Literal["restore", "keep"] = "restore"
    #: Tools whose arguments may receive originals; None means every tool.
    tools: frozenset[str] | None = None
    #: Tools whose URL-valued arguments may receive originals ("*" for all of them).
    url_tools: frozenset[str] = frozenset()
    #: Argument names treated as URL-valued.
    url_argument_names: frozenset[str] = Field(default=URL_ARGUMENT_NAMES)

    @field_validator("protected")
    @classmethod
    def _known_contexts(cls, v: frozenset[str]) -> frozenset[str]:
        unknown = sorted(set(v) - set(CONTEXTS))
        if unknown:
            raise ValueError(f"unknown restore context(s) {unknown}; known: {list(CONTEXTS)}")
        return frozenset(v)

    @classmethod
    def permissive(cls) -> RestorePolicy:
        """Restore everywhere, as before policies existed (not recommended with untrusted answers)."""
        return cls(protected=frozenset())

    @property
    def kinds(self) -> frozenset[str]:
        """Contexts to protect, the code setting included."""
        return self.protected | {"code"} if self.code == "keep" else self.protected - {"code"}

    def tool_allowed(self, tool_name: str | None) -> bool:
        return tool_name is None or self.tools is None or tool_name in self.tools

    def urls_allowed(self, tool_name: str | None) -> bool:
        return tool_name is not None and ("*" in self.url_tools or tool_name in self.url_tools)

    def for_tool(self, tool_name: str | None) -> RestorePolicy | None:
        """The policy for one tool's arguments; None when the tool may not receive originals at all."""
        if not self.tool_allowed(tool_name):
            return None
        if self.urls_allowed(tool_name):
            return self.model_copy(update={"protected": self.protected - {"url", "contact_link", "percent_encoded"}})
        return self


class RestoreReport:
    """What one restore call kept and why, without content: notes like "kept surrogate in url (PERSON)"."""

    __slots__ = ("_sink", "notes")

    def __init__(self, sink: Callable[[str], object] | None = None) -> None:
        self.notes: list[str] = []
        self._sink = sink  # e.g. the session's StrategyStats.count

    def __repr__(self) -> str:
        return f"RestoreReport(kept={len(self.notes)})"

    def attach(self, sink: Callable[[str], object]) -> None:
        """Also count into `sink` (when the report was made without one)."""
        if self._sink is None:
            self._sink = sink

    def kept(self, context: str, label: str) -> None:
        note = f"kept surrogate in {context} ({label or 'value'})"
        self.notes.append(note)
        if self._sink is not None:
            self._sink(note)
