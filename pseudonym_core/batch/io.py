"""Corpus files for the batch command: JSONL or Parquet in, JSONL or Parquet out, read in streams.

Rows are checked here, before any worker sees them, and a bad row is reported by its id (or its
line number when it has no usable id), never by content: batch logs end up in CI output and
tickets. Output is written as results arrive, so an interrupted run keeps what it finished;
`done_ids` reads it back and the next run skips those ids (JSONL: a half-written last line from
a crash is cut off first; Parquet: the output is a folder of part files, one per written batch).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
PARQUET_SUFFIXES = (".parquet", ".pq")

RowId = str | int


@dataclass(frozen=True, slots=True)
class Row:
    """One usable input row: its id, the text to pseudonymize and the fields passed through."""

    id: RowId
    text: str
    meta: dict[str, Any]


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row that cannot be processed: where it is (id or line) and why, without its content."""

    where: str
    reason: str


def file_format(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    raise InputError(f"{path.name}: unknown corpus format; use .jsonl (JSON lines) or .parquet")


def _need_pyarrow() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError("Parquet needs pyarrow: pip install 'llm-pseudonym[batch]'") from exc
    return pq


def _raw_records(path: Path, columns: list[str]) -> Iterator[tuple[int, Any]]:
    """(line or row number from 1, parsed record or an exception) in file order."""
    if file_format(path) == "jsonl":
        with path.open("rb") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    yield n, json.loads(line)
                except (ValueError, UnicodeDecodeError) as exc:
                    yield n, exc
        return
    _need_pyarrow()
    import pyarrow.dataset as ds

    dataset = ds.dataset(str(path), format="parquet")
    missing = [c for c in columns if c not in dataset.schema.names]
    wanted = [c for c in columns if c in dataset.schema.names]
    n = 0
    for batch in dataset.to_batches(columns=wanted, batch_size=1024):
        for rec in batch.to_pylist():
            n += 1
            yield n, ({**rec, **dict.fromkeys(missing)} if missing else rec)


def read_rows(path: Path, id_field: str, text_field: str, metadata: list[str]) -> Iterator[Row | BadRow]:
    """Every record of the corpus as a Row, or as a BadRow saying what is wrong with it."""
    if not path.exists():
        raise InputError(f"no such corpus: {path}")
    seen: set[RowId] = set()
    for n, rec in _raw_records(path, [id_field, text_field, *metadata]):
        if isinstance(rec, Exception):
            yield BadRow(f"line {n}", "not valid JSON")
            continue
        if not isinstance(rec, dict):
            yield BadRow(f"line {n}", "not a JSON object")
            continue
        rid = rec.get(id_field)
        if isinstance(rid, bool) or not isinstance(rid, str | int) or rid == "":
            yield BadRow(f"line {n}", f"no usable {id_field!r} field (a non-empty string or an integer)")
            continue
        if rid in seen:
            yield BadRow(f"id {rid!r}", "duplicate id (the first row with it is used)")
            continue
        seen.add(rid)
        text = rec.get(text_field)
        if not isinstance(text, str):
            got = "missing" if text is None else f"a {type(text).__name__}, not a string"
            yield BadRow(f"id {rid!r}", f"field {text_field!r} is {got}")
            continue
        if "\x00" in text:
            yield BadRow(f"id {rid!r}", f"field {text_field!r} contains NUL characters (binary data?)")
            continue
        yield Row(rid, text, {k: rec.get(k) for k in metadata})


def done_ids(path: Path, id_field: str) -> set[RowId]:
    """Ids already in the output (empty when it does not exist yet)."""
    if not path.exists():
        return set()
    if file_format(path) == "jsonl":
        _cut_partial_line(path)
        ids: set[RowId] = set()
        with path.open("rb") as fh:
            for line in fh:
                if line.strip():
                    ids.add(json.loads(line)[id_field])
        return ids
    pq = _need_pyarrow()
    return {
        v
        for part in sorted(path.glob("part-*.parquet"))
        for v in pq.read_table(part, columns=[id_field])[id_field].to_pylist()
    }


def _cut_partial_line(path: Path) -> None:
    """A crash mid-write leaves a last line without its newline: drop it, it is redone."""
    with path.open("rb+") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        if size == 0:
            return
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return
        pos = size
        while pos > 0:
            step = min(65536, pos)
            fh.seek(pos - step)
            chunk = fh.read(step)
            k = chunk.rfind(b"\n")
            if k >= 0:
                fh.truncate(pos - step + k + 1)
                return
            pos -= step
        fh.truncate(0)


class Writer:
    """Appends finished rows to the output; each `write` is durable before the next batch."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.format = file_format(path)
        if self.format == "jsonl":
            path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = path.open("a", encoding="utf-8")
        else:
            self._pq = _need_pyarrow()
            path.mkdir(parents=True, exist_ok=True)
            self._part = len(list(path.glob("part-*.parquet")))

    def write(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if self.format == "jsonl":
            self._fh.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
            self._fh.flush()
            return
        import pyarrow as pa

        tmp = self.path / f".part-{self._part:06d}.parquet.tmp"
        self._pq.write_table(pa.Table.from_pylist(rows), tmp)
        tmp.rename(self.path / f"part-{self._part:06d}.parquet")  # a part is complete or absent
        self._part += 1

    def close(self) -> None:
        if self.format == "jsonl":
            self._fh.close()
