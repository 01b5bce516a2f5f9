"""A side-by-side sheet for a person to review rewrites: HTML (highlighted) and CSV.

These are the only files the project writes with original personal data in them, on purpose: a
reviewer must see what was removed to judge the rewrite. Both files open with a warning, are
created readable by their owner only (mode 0600), and the functions print nothing. Keep them
local; do not commit, upload or attach them.
"""

from __future__ import annotations

import csv
import html
import math
import os
from collections.abc import Sequence
from pathlib import Path

from pseudonym_lab.anonymize.evaluate import Outcome

WARNING = (
    "WARNING: this file contains ORIGINAL PERSONAL DATA next to its anonymized rewrite. "
    "Keep it on this machine; do not commit, upload, e-mail or attach it. Delete it after review."
)
CSV_COLUMNS = ("id", "mode", "note", "gold_leaks", "redetected", "utility", "original", "rewrite")


def _private(path: Path) -> Path:
    """Create (or truncate) `path` readable and writable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    return path


def _marked(text: str, spans: Sequence[tuple[int, int]], css: str) -> str:
    out, pos = [], 0
    for a, b in sorted(spans):
        if a < pos:
            continue
        out += [html.escape(text[pos:a]), f'<mark class="{css}">', html.escape(text[a:b]), "</mark>"]
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>\n")


def _utility(o: Outcome) -> str:
    return "" if math.isnan(o.utility) else f"{o.utility:.3f}"


def write_csv(outcomes: Sequence[Outcome], path: str | Path) -> Path:
    """One row per text after a first line with the warning (read it with ``skiprows=1``)."""
    path = _private(Path(path))
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# " + WARNING + "\n")
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for o in outcomes:
            leaks = sum(leak.any for leak in o.leaks)
            note = "; ".join(o.result.notes)
            writer.writerow([o.id, o.result.mode, note, leaks, o.redetected, _utility(o), o.original, o.result.text])
    return path


def write_html(outcomes: Sequence[Outcome], path: str | Path, title: str = "Anonymization review") -> Path:
    """Originals with the replaced spans marked, beside the rewrite with its descriptions marked."""
    path = _private(Path(path))
    rows = []
    for o in outcomes:
        before = _marked(o.original, [(r.start, r.end) for r in o.result.replacements], "orig")
        after = _marked(o.result.text, [(r.new_start, r.new_end) for r in o.result.replacements], "desc")
        leaks = sum(leak.any for leak in o.leaks)
        flags = f"leaks: {leaks}, re-detected: {o.redetected}, utility: {_utility(o) or '–'}"
        notes = "".join(f"<div class=note>{html.escape(n)}</div>" for n in o.result.notes)
        bad = " class=bad" if leaks or o.redetected else ""
        rows.append(
            f"<tr{bad}><td>{html.escape(o.id)}<br><small>{html.escape(o.result.mode)}; {flags}</small>{notes}</td>"
            f"<td>{before}</td><td>{after}</td></tr>"
        )
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<title>{html.escape(title)}</title>
<style>
body{{font-family:system-ui,sans-serif;margin:1.5em}} table{{border-collapse:collapse;width:100%}}
td,th{{border:1px solid #bbb;padding:.5em;vertical-align:top}} .warning{{background:#b00020;color:#fff;
padding:1em;font-weight:bold}} mark.orig{{background:#ffd0d0}} mark.desc{{background:#d0f0d0}}
tr.bad{{outline:3px solid #b00020}} .note{{color:#b00020}}
</style></head><body>
<div class="warning">{html.escape(WARNING)}</div>
<h1>{html.escape(title)}</h1>
<table><tr><th>text</th><th>original (replaced spans marked)</th><th>rewrite (descriptions marked)</th></tr>
{chr(10).join(rows)}
</table></body></html>
"""
    path.write_text(page, encoding="utf-8")
    return path
