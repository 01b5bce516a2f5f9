"""`pseudonym explain`: why each span of a text is masked or left alone.

The terminal output carries offsets, labels, surrogates and rule names, and the pseudonymized
text, never the originals: it ends up in shell scroll-back and CI logs. `--html PAGE` writes the
side-by-side view with the originals to a local file only (created with mode 0600).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any


def register(sub: Any, add_input: Any) -> None:
    ex = sub.add_parser("explain", help="show why each span is masked or dropped (no originals printed)")
    add_input(ex)
    ex.add_argument("--html", metavar="PAGE", help="write a local HTML page that highlights the original text")
    ex.add_argument("--json", action="store_true", help="print entities and dropped candidates as JSON")


def cmd_explain(args: argparse.Namespace, text: str, pseudonymizer: Any) -> int:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session(), explain=True)
    entities = [
        {
            "start": e.start,
            "end": e.end,
            "label": e.label,
            "surrogate": e.surrogate,
            "source": e.source,
            "score": round(e.score, 3),
            "votes": sorted({f"{v.source}:{v.label}" for v in e.explanation.votes}) if e.explanation else [],
            "rules": list(e.explanation.rules) if e.explanation else [],
        }
        for e in result.entities
    ]
    dropped = [
        {"start": d.start, "end": d.end, "label": d.label, "source": d.source, "reason": d.reason}
        for d in result.dropped
    ]
    if args.html:
        from .decide.html import render_html

        page = Path(args.html)
        fd = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(render_html(text, result))
    if args.json:
        print(json.dumps({"text": result.text, "entities": entities, "dropped": dropped}, ensure_ascii=False, indent=2))
        return 0
    print(result.text)
    print(f"\nmasked ({len(entities)}):")
    for e in entities:
        print(f"  [{e['start']}:{e['end']}] {e['label']} -> {e['surrogate']}  votes: {', '.join(e['votes'])}")
        for rule in e["rules"]:
            print(f"      - {rule}")
    print(f"\ndropped ({len(dropped)}):")
    for d in dropped:
        print(f"  [{d['start']}:{d['end']}] {d['label']} from {d['source']}: {d['reason']}")
    if args.html:
        print(f"\nHTML page with the original text (local only): {args.html}")
    return 0
