"""Restoring text and structured values (tool-call arguments) under a restore policy.

A tool's arguments go wherever the tool sends them, so the policy decides per tool: a tool not in
`RestorePolicy.tools` receives no original at all, and a URL-valued argument (its name says URL,
or its value starts like one) receives originals only when the tool is in `url_tools` — otherwise
the whole value counts as a URL, restored only when it is itself one surrogate the session handed
out. Everything kept is counted in the session's stats and noted without content.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .contexts import Region
from .policy import RestorePolicy, RestoreReport

if TYPE_CHECKING:
    from ..session import Session

_URL_START = re.compile(r"(?i)\s*(?:[a-z][a-z0-9+.-]{1,15}://|www\d{0,3}\.|(?:mailto|tel|sms|data|javascript):)")


def _report(session: Session, report: RestoreReport | None) -> RestoreReport:
    if report is None:
        return RestoreReport(session.stats.count)
    report.attach(session.stats.count)
    return report


def restore_text(
    session: Session,
    text: str,
    policy: RestorePolicy,
    tool_name: str | None = None,
    report: RestoreReport | None = None,
    url_valued: bool = False,
) -> str:
    report = _report(session, report)
    restorer = session.restorer()
    tool_policy = policy.for_tool(tool_name)
    if tool_policy is None:
        for m in restorer.matches(text):
            report.kept("tool argument", m.form.label)
        return text
    if url_valued and not policy.urls_allowed(tool_name):
        found = restorer.matches(text)
        if not found:
            return text
        stripped = len(text) - len(text.lstrip())
        whole = Region(0, len(text), "url argument", stripped, len(text.rstrip()), url=True)
        regions = sorted([whole, *restorer.regions(text, tool_policy)], key=lambda r: (r.start, -r.end))
        return restorer.splice(text, 0, len(text), found, regions, report=report)
    return restorer.restore(text, policy=tool_policy, report=report)


def restore_obj(
    session: Session,
    obj: Any,
    policy: RestorePolicy,
    tool_name: str | None = None,
    report: RestoreReport | None = None,
) -> Any:
    """Restore every string inside dicts / lists / tuples; keys and non-strings stay as they are."""
    report = _report(session, report)

    def walk(value: Any, url_key: bool) -> Any:
        if isinstance(value, str):
            url_valued = url_key or _URL_START.match(value) is not None
            return restore_text(session, value, policy, tool_name, report, url_valued)
        if isinstance(value, dict):
            return {
                k: walk(v, isinstance(k, str) and k.casefold() in policy.url_argument_names) for k, v in value.items()
            }
        if isinstance(value, list):
            return [walk(v, url_key) for v in value]
        if isinstance(value, tuple):
            return tuple(walk(v, url_key) for v in value)
        return value

    return walk(obj, False)
