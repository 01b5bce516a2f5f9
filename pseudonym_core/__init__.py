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
    VaultError,
    VaultKeyError,
)
from .guard import OutgoingGuard
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
    "VaultError",
    "VaultKeyError",
]
__version__ = "0.1.0"
