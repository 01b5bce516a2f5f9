"""What one batch worker does with a list of rows: plain Python, so it runs in a Ray actor, in a
test, or in a single process alike.

Every worker opens the same vault and the same session id: the vault is the source of truth
(rule 12), so an entity keeps one surrogate whichever worker meets it first.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import SecretStr

from ..config import PseudonymizerConfig
from ..errors import PseudonymError
from .io import BadRow, Row

KEY_ENV = "PSEUDONYM_VAULT_KEY"
_WARM_UP = (
    "Dear Amelia Hartwell, your order 4411-2093 ships to 12 Baker Street, London NW1 6XE on 3 March 2024. "
    "Call +44 20 7946 0958 or write to amelia.hartwell@example.org. Jürgen Müller of Zahnarztpraxis Dr. Albers "
    "GmbH paid with card 4111 1111 1111 1111 from IBAN DE89370400440532013000; user lena.k, Đặng Thu Hà, Chloé."
)


@dataclass
class Done:
    """A worker's answer for one batch: output rows, bad rows and entity counts per type."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    chars: int = 0
    #: CPU seconds the worker spent on the batch, and calls it had to redo because another worker
    #: stored mappings first (how much sharing one session costs).
    cpu: float = 0.0
    redone: int = 0


def open_vault(target: str, key: str | None) -> Any:
    """A SQLite file (workers on one machine) or a Redis / SQL URL (workers anywhere)."""
    from ..vault import open_vault as open_any

    return open_any(target, key=key)


class RowWorker:
    """Pseudonymizes rows with one configured pipeline and one shared session."""

    def __init__(
        self,
        config: PseudonymizerConfig,
        vault_target: str,
        session_id: str,
        text_field: str,
        id_field: str,
        key: SecretStr | None = None,
    ) -> None:
        from ..pipeline import Pseudonymizer

        secret = key.get_secret_value() if key is not None else os.environ.get(KEY_ENV) or None
        self.p = Pseudonymizer(config)
        self.vault = open_vault(vault_target, secret)
        self.session = self.p.session(id=session_id, vault=self.vault, create=False)
        self.text_field, self.id_field = text_field, id_field

    def ready(self) -> int:
        """Load the models and every lazily read table now (in a throwaway session), so start-up
        is not counted against the first batch: a text with each common kind of entity."""
        self.p.pseudonymize(_WARM_UP, session=self.p.session())
        return os.getpid()

    def run(self, rows: list[Row]) -> Done:
        cpu, redone = time.process_time(), getattr(self.session, "conflicts", 0)
        done = self._run(rows)
        done.cpu, done.redone = time.process_time() - cpu, getattr(self.session, "conflicts", 0) - redone
        return done

    def _run(self, rows: list[Row]) -> Done:
        done = Done()
        limit = self.p.config.max_input_chars
        short = [r for r in rows if len(r.text) <= limit]
        try:
            results = self.p.pseudonymize_many([r.text for r in short], session=self.session)
        except Exception:
            results = None  # one bad row must not sink the batch: find it row by row
        if results is not None:
            for row, res in zip(short, results, strict=True):
                self._keep(done, row, res)
        for row in rows if results is None else [r for r in rows if len(r.text) > limit]:
            try:
                res = (
                    self.p.pseudonymize(row.text, session=self.session)
                    if len(row.text) <= limit
                    else self.p.pseudonymize_document(row.text, session=self.session)
                )
            except PseudonymError as exc:  # our messages never quote the input
                done.bad.append(BadRow(f"id {row.id!r}", f"{type(exc).__name__}: {exc}"))
                continue
            except Exception as exc:  # anyone else's message might: report the type only
                done.bad.append(BadRow(f"id {row.id!r}", f"failed with {type(exc).__name__}"))
                continue
            self._keep(done, row, res)
        return done

    def _keep(self, done: Done, row: Row, res: Any) -> None:
        done.rows.append({self.id_field: row.id, self.text_field: res.text, **row.meta})
        done.counts.update(e.label for e in res.entities)
        done.chars += len(row.text)
