"""A team's own labelled data for `pseudonym eval --data FILE`, in three formats.

- **JSON lines** (``.jsonl``), one text a line:
  ``{"id": "t1", "text": "...", "spans": [{"start": 0, "end": 10, "label": "PERSON"}]}``;
  ``id`` is optional, ``ignore`` (spans of the same shape) marks undecided text. Spans may also be
  ``[start, end, label]`` lists, so files written by `pseudonym train data` / `pseudonym synth` load too.
- **presidio-evaluator** (``.json``): a JSON list of ``InputSample.to_dict()`` objects:
  ``full_text`` and ``spans`` of ``{"entity_type", "start_position", "end_position", "entity_value"}``.
- **marked-up text**: the hand-written set's ``{{John Smith|PERSON}}`` blocks (see ``data/README.md``).

Labels go through `label_map.LabelMapper`. Every problem raises `LabelledDataError` naming the line
(or sample number) and the field, never the text: these files hold real personal data and error
messages end up in terminals, CI logs and bug reports.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pseudonym_lab.eval.data import IGNORE_LABEL, GoldSpan, LabeledSample, load_marked
from pseudonym_lab.eval.label_map import OUTSIDE, LabelledDataError, LabelMapper

FORMATS: tuple[str, ...] = ("auto", "jsonl", "presidio", "marked")


def detect_format(path: Path) -> str:
    """From the first non-blank character: ``[`` presidio list, ``{`` JSON lines, else marked-up text."""
    with path.open(encoding="utf-8", errors="replace") as fh:
        while chunk := fh.read(4096):
            if stripped := chunk.lstrip("\ufeff \t\r\n"):
                return {"[": "presidio", "{": "jsonl"}.get(stripped[0], "marked")
    raise LabelledDataError(f"{path.name}: the file is empty")


def load_labelled(
    path: str | Path, fmt: str = "auto", label_map: Mapping[str, str] | None = None
) -> list[LabeledSample]:
    """Read labelled samples with the engine's labels; `label_map` adds to the default mapping."""
    path = Path(path)
    if not path.is_file():
        raise LabelledDataError(f"no such file: {path}")
    if fmt not in FORMATS:
        raise LabelledDataError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    fmt = detect_format(path) if fmt == "auto" else fmt
    mapper = LabelMapper(label_map)
    if fmt == "jsonl":
        samples = _read_jsonl(path, mapper)
    elif fmt == "presidio":
        samples = _read_presidio(path, mapper)
    else:
        samples = _read_marked(path, mapper)
    if not samples:
        raise LabelledDataError(f"{path.name}: no samples found")
    return samples


def _span(raw: Any, where: str, text_len: int, keys: tuple[str, str, str]) -> tuple[int, int, str]:
    """(start, end, source label) from a dict with `keys` or a ``[start, end, label, ...]`` list."""
    if isinstance(raw, dict):
        missing = [k for k in keys if k not in raw]
        if missing:
            raise LabelledDataError(f"{where}: missing {', '.join(missing)}")
        start, end, label = (raw[k] for k in keys)
    elif isinstance(raw, list) and len(raw) >= 3:
        start, end, label = raw[0], raw[1], raw[2]
    else:
        raise LabelledDataError(f"{where}: a span is an object with {', '.join(keys)} (or a [start, end, label] list)")
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        raise LabelledDataError(f"{where}: {keys[0]} and {keys[1]} must be integers")
    if not isinstance(label, str) or not label.strip():
        raise LabelledDataError(f"{where}: {keys[2]} must be a non-empty string")
    if not 0 <= start < end <= text_len:
        raise LabelledDataError(
            f"{where}: offsets {start}..{end} are not a non-empty range inside the text ({text_len} characters)"
        )
    return start, end, label


def _sample(
    sid: str, text: Any, spans: Any, ignore: Any, where: str, mapper: LabelMapper, keys: tuple[str, str, str]
) -> LabeledSample:
    if not isinstance(text, str):
        raise LabelledDataError(f"{where}: the text field must be a string")
    if not isinstance(spans, list) or not isinstance(ignore, list):
        raise LabelledDataError(f"{where}: spans must be a list")
    gold: list[GoldSpan] = []
    undecided: list[GoldSpan] = []
    for j, raw in enumerate([*spans, *ignore]):
        span_where = f"{where}, span {j + 1}" if j < len(spans) else f"{where}, ignore span {j - len(spans) + 1}"
        start, end, source = _span(raw, span_where, len(text), keys)
        target = IGNORE_LABEL if j >= len(spans) else mapper(source, span_where)
        if target == IGNORE_LABEL:
            undecided.append(GoldSpan(start, end, IGNORE_LABEL))
        elif target != OUTSIDE:
            gold.append(GoldSpan(start, end, target, source if source != target else ""))
    return LabeledSample(sid, "user", text, sorted(gold, key=lambda g: (g.start, g.end)), {}, undecided)


def _read_jsonl(path: Path, mapper: LabelMapper) -> list[LabeledSample]:
    out: list[LabeledSample] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path.name} line {lineno}"
            try:
                row = json.loads(line)
            except ValueError as exc:
                col = getattr(exc, "colno", None)
                raise LabelledDataError(f"{where}: not valid JSON" + (f" (column {col})" if col else "")) from None
            if not isinstance(row, dict) or "text" not in row:
                raise LabelledDataError(f'{where}: expected an object with "text" and "spans"')
            sid = str(row.get("id", f"line-{lineno}"))
            keys = ("start", "end", "label")
            out.append(_sample(sid, row["text"], row.get("spans", []), row.get("ignore", []), where, mapper, keys))
    return out


def _read_presidio(path: Path, mapper: LabelMapper) -> list[LabeledSample]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise LabelledDataError(f"{path.name}" + (f" line {line}" if line else "") + ": not valid JSON") from None
    if not isinstance(rows, list):
        raise LabelledDataError(f"{path.name}: expected a JSON list of presidio-evaluator samples")
    out: list[LabeledSample] = []
    keys = ("start_position", "end_position", "entity_type")
    for i, row in enumerate(rows, 1):
        where = f"{path.name} sample {i}"
        if not isinstance(row, dict) or "full_text" not in row:
            raise LabelledDataError(f'{where}: expected an object with "full_text" and "spans"')
        text, spans = row["full_text"], row.get("spans") or []
        sample = _sample(str(row.get("sample_id") or i), text, spans, [], where, mapper, keys)
        for j, raw in enumerate(spans, 1):
            value = raw.get("entity_value") if isinstance(raw, dict) else None
            if isinstance(value, str) and text[raw["start_position"] : raw["end_position"]] != value:
                raise LabelledDataError(f"{where}, span {j}: start_position/end_position do not cover entity_value")
        out.append(sample)
    return out


def _read_marked(path: Path, mapper: LabelMapper) -> list[LabeledSample]:
    try:
        raw = load_marked(path)
    except ValueError as exc:  # the marked-up parser names the line, never the text
        raise LabelledDataError(str(exc)) from None
    out: list[LabeledSample] = []
    for s in raw:
        gold: list[GoldSpan] = []
        ignore = list(s.ignore)
        for g in s.spans:
            target = mapper(g.label, f"{path.name} sample {s.id}")
            if target == IGNORE_LABEL:
                ignore.append(GoldSpan(g.start, g.end, IGNORE_LABEL))
            elif target != OUTSIDE:
                gold.append(GoldSpan(g.start, g.end, target))
        out.append(LabeledSample(s.id, s.kind, s.text, gold, s.meta, ignore))
    return out
