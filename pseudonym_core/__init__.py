"""llm-pseudonym's engine: reversible, offline pseudonymization of personal data.

Only the public facade lives here; importing it loads no model (detectors load on first use).
"""

from .config import CustomRecognizer, PseudonymizerConfig
from .errors import (
    ConfigError,
    InputError,
    InputTooLargeError,
    LeakError,
    ModelIntegrityError,
    PseudonymError,
    SessionNotFoundError,
    SurrogateTakenError,
    VaultConflictError,
    VaultError,
    VaultKeyError,
    VaultSchemaError,
    VaultUnavailableError,
)
from .guard import OutgoingGuard
from .pickling import with_originals
from .pipeline import Pseudonymizer
from .restore.policy import RestorePolicy, RestoreReport
from .restore.stream import StreamRestorer
from .session import Session
from .types import Entity, PseudonymizeResult

__all__ = [
    "ConfigError",
    "CustomRecognizer",
    "Entity",
    "InputError",
    "InputTooLargeError",
    "LeakError",
    "ModelIntegrityError",
    "OutgoingGuard",
    "PseudonymError",
    "PseudonymizeResult",
    "Pseudonymizer",
    "PseudonymizerConfig",
    "RestorePolicy",
    "RestoreReport",
    "Session",
    "SessionNotFoundError",
    "StreamRestorer",
    "SurrogateTakenError",
    "VaultConflictError",
    "VaultError",
    "VaultKeyError",
    "VaultSchemaError",
    "VaultUnavailableError",
    "with_originals",
]
__version__ = "0.1.0"
