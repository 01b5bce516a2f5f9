"""A local HTML page of one decision, in the spirit of spaCy's displaCy.

Every masked span is highlighted with its label, surrogate and the rules behind it; every
dropped candidate is underlined with the reason it was dropped. The page necessarily shows the
original text, so it is written only to a local file the user names (mode 0600), never to a log.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from ..types import PseudonymizeResult

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:2.1}
.warn{background:#fff3cd;border:1px solid #e0c060;padding:.5rem 1rem;line-height:1.4}
.text{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;border-radius:.4rem}
mark{padding:.1rem .3rem;border-radius:.3rem;background:#cfe8ff}
mark b{font-size:.65rem;margin-left:.3rem;color:#333}
mark.PERSON{background:#ffd6d6}mark.LOCATION{background:#d6f5d6}mark.ORGANIZATION{background:#e8d6ff}
.dropped{text-decoration:underline dashed #999}
table{border-collapse:collapse;font-size:.85rem;line-height:1.3}td,th{border:1px solid #ddd;padding:.2rem .4rem}
"""


def _pieces(text: str, result: PseudonymizeResult) -> Iterable[str]:
    marks = sorted(result.entities, key=lambda e: e.start)
    drops = sorted(result.dropped, key=lambda d: d.start)
    pos = 0
    for e in marks:
        yield from _plain(text, pos, e.start, drops)
        why = e.explanation.summary() if e.explanation is not None else e.source
        title = html.escape(f"{e.label} → {e.surrogate}\n{why}", quote=True)
        yield (
            f'<mark class="{html.escape(e.label)}" title="{title}">{html.escape(text[e.start : e.end])}'
            f"<b>{html.escape(e.label)} → {html.escape(e.surrogate)}</b></mark>"
        )
        pos = e.end
    yield from _plain(text, pos, len(text), drops)


def _plain(text: str, start: int, end: int, drops: list) -> Iterable[str]:
    """Text between masked spans, with dropped candidates that lie wholly inside it underlined."""
    pos = start
    for d in drops:
        if d.start < pos or d.end > end:
            continue
        yield html.escape(text[pos : d.start])
        title = html.escape(f"dropped {d.label} from {d.source}: {d.reason}", quote=True)
        yield f'<span class="dropped" title="{title}">{html.escape(text[d.start : d.end])}</span>'
        pos = d.end
    yield html.escape(text[pos:end])


def render_html(text: str, result: PseudonymizeResult) -> str:
    """The page for `text` and its `pseudonymize(..., explain=True)` result."""
    rows = "".join(
        f"<tr><td>{e.start}–{e.end}</td><td>{html.escape(e.label)}</td><td>{html.escape(e.surrogate)}</td>"
        f"<td>{html.escape(e.explanation.summary() if e.explanation else e.source)}</td></tr>"
        for e in result.entities
    )
    dropped = "".join(
        f"<tr><td>{d.start}–{d.end}</td><td>{html.escape(d.label)}</td><td>{html.escape(d.source)}</td>"
        f"<td>{html.escape(d.reason)}</td></tr>"
        for d in result.dropped
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>pseudonym explain</title>"
        f"<style>{_STYLE}</style></head><body>"
        "<p class='warn'><strong>This page contains the original personal data.</strong> It was written "
        "for local review only; do not share, upload or commit it.</p>"
        f"<div class='text'>{''.join(_pieces(text, result))}</div>"
        f"<h3>Masked ({len(result.entities)})</h3><table><tr><th>at</th><th>label</th><th>surrogate</th>"
        f"<th>why</th></tr>{rows}</table>"
        f"<h3>Dropped candidates ({len(result.dropped)})</h3><table><tr><th>at</th><th>label</th><th>source</th>"
        f"<th>reason</th></tr>{dropped}</table></body></html>"
    )
