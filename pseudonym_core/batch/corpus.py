"""`pseudonymize_corpus`: a JSONL or Parquet corpus through many workers with one session.

The driver reads the corpus twice, as streams. First it checks every row and notes every word
of the corpus in the session (rule 4: no surrogate may equal a word that a later row contains,
or that word would read as a surrogate and be restored to the wrong person); then it hands
batches of rows to the workers and appends their results to the output as they arrive. Ids
already in the output are skipped, so an interrupted run is resumed by running it again. Last,
the look-back (lookback.py) redoes the rows that still show an entity found in another row.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from ..config import PseudonymizerConfig
from ..errors import InputError
from .io import BadRow, Row, Writer, done_ids, file_format, read_rows
from .lookback import LookBack
from .worker import KEY_ENV, Done, open_vault

#: Rows per task and the most characters in one, so batches stay similar in cost.
BATCH_ROWS = 16
BATCH_CHARS = 64_000


@dataclass
class BatchReport:
    """What a run did. `errors` name rows by id (or line) and reason, never by content."""

    session_id: str
    output: str
    rows_done: int = 0
    rows_skipped: int = 0
    chars: int = 0
    #: Processing time, from the moment every worker had its models loaded.
    seconds: float = 0.0
    #: Starting Ray (unless already running) and loading the models in every worker.
    startup_seconds: float = 0.0
    #: Stopping the workers and a Ray started by the run, once every row was done.
    shutdown_seconds: float = 0.0
    #: The first pass over the corpus: checking rows and noting its words.
    check_seconds: float = 0.0
    workers: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    errors: list[BadRow] = field(default_factory=list)
    #: CPU seconds the workers spent, and calls redone because another worker wrote first.
    worker_cpu_seconds: float = 0.0
    redone_calls: int = 0
    #: Rows redone once the whole corpus was known (see lookback.py), and their entities.
    lookback_rows: int = 0
    lookback_counts: Counter[str] = field(default_factory=Counter)

    @property
    def rows_per_second(self) -> float:
        return self.rows_done / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        types = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items(), key=lambda kv: -kv[1])) or "none"
        return (
            f"{self.rows_done} rows pseudonymized, {self.rows_skipped} already done, {len(self.errors)} failed; "
            f"{self.chars / 1000:.0f} K characters in {self.seconds:.1f} s on {self.workers} workers "
            f"(+{self.check_seconds:.1f} s checking rows, +{self.startup_seconds:.1f} s start-up, "
            f"+{self.shutdown_seconds:.1f} s shut-down) "
            f"({self.rows_per_second:.1f} rows/s); entities: {types}; {self.lookback_rows} rows redone with "
            f"entities found in other rows; session {self.session_id}"
        )


def _manifest(output: Path) -> Path:
    return output.with_name(output.name + ".batch.json")


def _session_id(output: Path, given: str | None, resuming: bool) -> str:
    """The corpus's session: given, or recorded beside the output by the run being resumed."""
    path = _manifest(output)
    recorded = json.loads(path.read_text(encoding="utf-8")).get("session_id") if path.exists() else None
    if given and recorded and given != recorded and resuming:
        raise InputError(
            f"the output was started with session {recorded!r}; resume with that session (or write to a new output)"
        )
    session_id = given or recorded or uuid.uuid4().hex
    path.write_text(json.dumps({"session_id": session_id}) + "\n", encoding="utf-8")
    return session_id


def _batches(
    rows: Iterator[Row], rows_per: int, chars_per: int, total: int = 0, workers: int = 1
) -> Iterator[list[Row]]:
    """Batches of at most `rows_per` rows and `chars_per` characters. Knowing the `total`, they
    shrink towards the end (guided scheduling: a batch is at most the remaining rows over twice
    the `workers`), so no worker sits idle while another finishes one last full batch."""
    batch: list[Row] = []
    size = left = 0
    limit = rows_per
    for row in rows:
        if batch and (len(batch) >= limit or size + len(row.text) > chars_per):
            yield batch
            left += len(batch)
            batch, size = [], 0
        if not batch and total:
            limit = max(2, min(rows_per, -(-(total - left) // (2 * max(1, workers)))))
        batch.append(row)
        size += len(row.text)
    if batch:
        yield batch


def pseudonymize_corpus(
    input: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    vault: str | os.PathLike[str],
    vault_key: str | None = None,
    session_id: str | None = None,
    id_field: str = "id",
    text_field: str = "text",
    metadata: list[str] | None = None,
    config: PseudonymizerConfig | None = None,
    num_cpus: int | None = None,
    workers: int | None = None,
    address: str | None = None,
    batch_rows: int = BATCH_ROWS,
    note_vocabulary: bool = True,
    lookback: bool = True,
    progress: bool = True,
    on_error: Callable[[BadRow], None] | None = None,
) -> BatchReport:
    """Pseudonymize every row of `input` into `output` on Ray (a local Ray with `num_cpus` CPUs
    unless `address` names a cluster, or the Ray instance already started in this process).

    `vault` is a SQLite file (workers on one machine) or a Redis / SQL URL that every worker can
    reach (see `pseudonym_core.vault.open_vault`); its key comes from `vault_key` or
    $PSEUDONYM_VAULT_KEY, and reaches the workers as an actor argument (inside the Ray cluster, never
    in a log or repr). `note_vocabulary` and `lookback` are the two corpus-wide passes described in
    the module's docstring; turn them off only to measure what they add. All rows share
    one session (`session_id`, recorded beside the output), so an entity gets one surrogate across
    the corpus and answers about any document restore with that session. `config` is used with
    `surrogates_in_input="remask"` whatever it says: a corpus is raw text, never pseudonymized output.
    """
    src, dst = Path(input), Path(output)
    file_format(src), file_format(dst)  # unknown formats fail before any work
    if src.resolve() == dst.resolve():
        raise InputError("the output must not be the input")
    metadata = [m for m in (metadata or []) if m not in (id_field, text_field)]
    # A corpus is raw text: a string equal to a surrogate drawn for another row ("13 November 1971"
    # drawn for one date, written as a real date in a later row) is a new original, not text that
    # was already pseudonymized, or it would restore to the other row's value.
    cfg = (config or PseudonymizerConfig()).model_copy(update={"surrogates_in_input": "remask"})
    key = vault_key or os.environ.get(KEY_ENV) or None
    target = os.fspath(vault)
    finished = done_ids(dst, id_field)
    report = BatchReport(_session_id(dst, session_id, bool(finished)), str(dst))

    def todo() -> Iterator[Row]:
        for item in read_rows(src, id_field, text_field, metadata):
            if isinstance(item, BadRow):
                continue
            if item.id in finished:
                continue
            yield item

    checked = time.perf_counter()
    total = _check_and_note(src, id_field, text_field, metadata, finished, cfg, target, key, report, note_vocabulary)
    report.check_seconds = time.perf_counter() - checked
    if on_error is not None:
        for bad in report.errors:
            on_error(bad)
    look = LookBack(src, dst, (id_field, text_field, metadata), open_vault(target, key), report.session_id)
    phases: list[Any] = []
    if total:
        phases.append(
            (
                lambda: _batches(todo(), batch_rows, BATCH_CHARS, total, report.workers),
                lambda d: _record(d, writer, report, on_error),
            )
        )
    if lookback and (total or look.find()):  # nothing to do and nothing leaky: no Ray at all

        def redo() -> Iterator[list[Row]]:
            # a handful of rows, and every worker idle: shared out evenly rather than in full batches
            share = max(1, -(-len(look.find()) // max(1, report.workers)))
            return _batches(look.rows(), min(batch_rows, share), BATCH_CHARS)

        phases.append((redo, look.on_done))
    if not phases:
        return report
    from .ray_runner import run_batches

    start = [time.perf_counter()]
    last_row_done: list[float] = []

    def ready(n: int) -> None:
        now = time.perf_counter()
        report.startup_seconds, report.workers, start[0] = now - start[0], n, now

    writer = Writer(dst)
    try:
        run_batches(
            phases,
            total=total,
            on_ready=ready,
            on_finished=lambda: last_row_done.append(time.perf_counter()),
            worker_args=(cfg, target, report.session_id, text_field, id_field, SecretStr(key) if key else None),
            num_cpus=num_cpus,
            workers=workers,
            address=address,
            progress=progress,
        )
    finally:
        stopped = time.perf_counter()
        writer.close()
        look.finish()  # what was redone replaces the first versions, also after an interruption
        report.lookback_rows, report.lookback_counts = len(look.fixed), look.counts
        report.worker_cpu_seconds += look.cpu
        # processing: until the last row was done, plus writing the output; stopping Ray is
        # reported apart, like starting it (an interrupted run counts until it stopped)
        end = last_row_done[0] if last_row_done else stopped
        report.shutdown_seconds = stopped - end
        report.seconds = time.perf_counter() - start[0] - report.shutdown_seconds
    return report


def _record(done: Done, writer: Writer, report: BatchReport, on_error: Callable[[BadRow], None] | None) -> int:
    writer.write(done.rows)
    report.rows_done += len(done.rows)
    report.chars += done.chars
    report.counts.update(done.counts)
    report.worker_cpu_seconds += done.cpu
    report.redone_calls += done.redone
    report.errors.extend(done.bad)
    if on_error is not None:
        for bad in done.bad:
            on_error(bad)
    return len(done.rows) + len(done.bad)


def _check_and_note(
    src: Path,
    id_field: str,
    text_field: str,
    metadata: list[str],
    finished: set[Any],
    cfg: PseudonymizerConfig,
    target: str,
    key: str | None,
    report: BatchReport,
    note_vocabulary: bool,
) -> int:
    """First pass: count the rows to do, collect bad rows, and note the corpus's words."""
    from ..document import note_vocabulary as note
    from ..pipeline import Pseudonymizer

    p = Pseudonymizer(cfg)
    store = open_vault(target, key)
    session = p.session(id=report.session_id, vault=store)
    total = held = 0
    texts: list[str] = []
    for item in read_rows(src, id_field, text_field, metadata):
        if isinstance(item, BadRow):
            report.errors.append(item)
        elif item.id in finished:
            report.rows_skipped += 1
        else:
            total += 1
            if note_vocabulary:
                texts.append(item.text)
                held += len(item.text)
                if held > 4_000_000:  # bounded memory, few vault writes
                    note(session, texts)
                    texts, held = [], 0
    if texts:
        note(session, texts)
    close = getattr(store, "close", None)
    if close is not None:
        close()
    return total
