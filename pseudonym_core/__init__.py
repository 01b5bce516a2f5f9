"""llm-pseudonym's engine: reversible, offline pseudonymization of personal data.

Only the public facade lives here; importing it loads no model (detectors load on first use).
"""

from .config import CustomRecognizer, PseudonymizerConfig
from .errors import (
    ConfigError,
    InputError,
    InputTooLargeError,
    ModelIntegrityError,
    PseudonymError,
    SessionNotFoundError,
    VaultError,
    VaultKeyError,
)
from .pipeline import Pseudonymizer
from .restore.stream import StreamRestorer
from .session import Session
from .types import Entity, PseudonymizeResult

__all__ = [
    "ConfigError",
    "CustomRecognizer",
    "Entity",
    "InputError",
    "InputTooLargeError",
    "ModelIntegrityError",
    "PseudonymError",
    "PseudonymizeResult",
    "Pseudonymizer",
    "PseudonymizerConfig",
    "Session",
    "SessionNotFoundError",
    "StreamRestorer",
    "VaultError",
    "VaultKeyError",
]
__version__ = "0.1.0"
