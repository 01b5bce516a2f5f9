"""The corpus-wide look-back: rows that still show an original the vault learned elsewhere.

Rows are pseudonymized in parallel and in any order, so a name that the detectors find in row
900 ("Dear Oluwaseun Adeyemi") is unknown while row 12 ("Oluwaseun called") is processed, and
row 12 keeps it. Once every row is done the vault holds every entity of the corpus: each output
row is searched for the vault's originals (under the decide stage's own case and evidence rules;
surrogates never equal an original word, so an original in the output is an unmasked mention),
and the rows that have one are pseudonymized again, this time with known-entity matching that
knows the whole corpus. Their new versions replace the old ones in the output.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..decide.index import TokenIndex, tokens
from ..decide.propagate import case_allows
from .io import Row, RowId, _need_pyarrow, file_format, read_rows
from .worker import Done


def originals_index(store: Any, session_id: str) -> tuple[TokenIndex, set[str]]:
    """Every original the session's vault holds (names and their parts), by first word; and
    every word of its surrogates."""
    index = TokenIndex()
    surrogate_words: set[str] = set()
    stored = store.load_session(session_id)
    for rec in stored.records if stored is not None else ():
        if len(rec.original.strip()) >= 2:
            index.add(rec.original, rec.label, rec.original)
        surrogate_words.update(w for _, _, w in tokens(rec.surrogate))
    return index, surrogate_words


def _output_rows(path: Path, id_field: str, text_field: str) -> Iterator[tuple[RowId, str]]:
    if file_format(path) == "jsonl":
        with path.open("rb") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    yield row[id_field], row[text_field]
        return
    pq = _need_pyarrow()
    for part in sorted(path.glob("part-*.parquet")):
        table = pq.read_table(part, columns=[id_field, text_field])
        yield from zip(table[id_field].to_pylist(), table[text_field].to_pylist(), strict=True)


def leaky_ids(path: Path, id_field: str, text_field: str, known: tuple[TokenIndex, set[str]]) -> set[RowId]:
    """Ids of output rows in which an original of the vault still stands where it would be masked.

    A match made only of surrogate words is a surrogate: the vault may hold originals that never
    occur in the corpus (name aliases such as "Larry" for "Lawrence"), and one of them can equal
    another entity's surrogate. A corpus word never equals a surrogate (rule 4), so skipping those
    loses nothing."""
    index, surrogate_words = known
    found: set[RowId] = set()
    if not len(index):
        return found
    for rid, text in _output_rows(path, id_field, text_field):
        toks = tokens(text)
        for start, end, entry in index.find(text, toks):
            if all(w in surrogate_words for _, _, w in tokens(text[start:end])):
                continue
            if case_allows(text[start:end], entry.payload, text, start, end):
                found.add(rid)
                break
    return found


def replace_rows(path: Path, id_field: str, fixed: dict[RowId, dict[str, Any]]) -> None:
    """Put the re-pseudonymized rows in place of their first versions (atomically per file)."""
    if not fixed:
        return
    if file_format(path) == "jsonl":
        tmp = path.with_name(path.name + ".lookback.tmp")
        with path.open("rb") as src, tmp.open("w", encoding="utf-8") as dst:
            for line in src:
                if not line.strip():
                    continue
                row = json.loads(line)
                new = fixed.get(row[id_field])
                dst.write(line.decode("utf-8") if new is None else json.dumps(new, ensure_ascii=False) + "\n")
        tmp.replace(path)
        return
    pq = _need_pyarrow()
    import pyarrow as pa

    for part in sorted(path.glob("part-*.parquet")):
        table = pq.read_table(part)
        rows = table.to_pylist()
        if not any(r[id_field] in fixed for r in rows):
            continue
        rows = [fixed.get(r[id_field], r) for r in rows]
        tmp = part.with_name("." + part.name + ".tmp")
        pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), tmp)
        tmp.replace(part)


class LookBack:
    """The second phase of a run: find the leaky rows, redo them, and swap their new versions in."""

    def __init__(self, src: Path, dst: Path, fields: tuple[str, str, list[str]], store: Any, session_id: str) -> None:
        self.src, self.dst, self.fields = src, dst, fields
        self.store, self.session_id = store, session_id
        self.ids: set[RowId] | None = None
        self.fixed: dict[RowId, dict[str, Any]] = {}
        self.counts: Counter[str] = Counter()
        self.cpu = 0.0

    def find(self) -> set[RowId]:
        if self.ids is None:
            id_field, text_field, _ = self.fields
            self.ids = leaky_ids(self.dst, id_field, text_field, originals_index(self.store, self.session_id))
        return self.ids

    def rows(self) -> Iterator[Row]:
        ids = self.find()
        if ids:
            id_field, text_field, metadata = self.fields
            for item in read_rows(self.src, id_field, text_field, metadata):
                if isinstance(item, Row) and item.id in ids:
                    yield item

    def on_done(self, done: Done) -> int:
        self.cpu += done.cpu
        id_field = self.fields[0]
        self.fixed.update((row[id_field], row) for row in done.rows)
        self.counts.update(done.counts)
        return 0  # the progress bar counts first passes only

    def finish(self) -> None:
        replace_rows(self.dst, self.fields[0], self.fixed)
