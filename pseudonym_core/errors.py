"""Exceptions that tell the caller what to do next without ever quoting the text.

Every message here is built from counts, labels, ids and limits only: an exception message
travels to logs, error trackers and chat transcripts, so it must never carry an original value.
"""

from __future__ import annotations


class PseudonymError(Exception):
    """Base class for every error this library raises on purpose."""


class InputError(PseudonymError, ValueError):
    """The input cannot be processed safely (wrong type, binary data, empty where text is needed)."""


class InputTooLargeError(InputError):
    """The input exceeds `PseudonymizerConfig.max_input_chars`; raise the limit or split the text."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"input has {size} characters, more than max_input_chars={limit}; use "
            "Pseudonymizer.pseudonymize_document() (pieces with one session) or `pseudonym batch`, "
            "or raise PseudonymizerConfig.max_input_chars"
        )
        self.size = size
        self.limit = limit


class VaultError(PseudonymError):
    """The mapping store cannot be read or written."""


class VaultKeyError(VaultError):
    """The vault is encrypted with another key (or is encrypted and no key was given)."""


class VaultUnavailableError(VaultError):
    """The vault's server cannot be reached, or the connection broke mid-call.

    Raised before any pseudonymized text is handed out: a call that fails with it stored nothing
    half-way (each write is one transaction) and lost no mapping stored before it; retry it once
    the server is back.
    """


class VaultSchemaError(VaultError):
    """The vault was written by another version of llm-pseudonym (an older or newer layout)."""


class VaultConflictError(VaultError):
    """Other processes kept writing to the same session faster than this one could catch up."""


class SurrogateTakenError(VaultError):
    """`Vault.get_or_create`: the candidate's surrogate already belongs to another original of the
    session; draw another candidate (a surrogate must map back to exactly one original)."""


class SessionNotFoundError(VaultError, KeyError):
    """A session id was asked for that the vault does not hold."""

    def __init__(self, session_id: str) -> None:
        super().__init__(
            f"no session with id {session_id!r} in this vault; check the id and the vault "
            "(pseudonymize creates sessions, restore only reopens them)"
        )
        self.session_id = session_id

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0])


class ModelIntegrityError(PseudonymError):
    """A packaged model's files differ from the pinned release: refuse to load it."""


class ConfigError(PseudonymError, ValueError):
    """The configuration names something that does not exist (a strategy, a label)."""


class LeakError(PseudonymError):
    """The outgoing guard found originals the session knows in a payload about to leave (strict mode).

    The message carries counts and labels only; `labels` lists the entity type of each finding.
    """

    def __init__(self, labels: list[str]) -> None:
        kinds = ", ".join(sorted(set(labels)))
        super().__init__(
            f"outgoing payload contains {len(labels)} original value(s) the session knows ({kinds}); "
            "nothing was sent. Pseudonymize that part of the payload, or use the guard's mask mode"
        )
        self.labels = list(labels)
