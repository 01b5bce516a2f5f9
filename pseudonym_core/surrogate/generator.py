"""GEN_rand: type-matched sampling from realistic pools (the paper's default generator), and the
registry through which other generation strategies (GEN_prompt) plug in.

The generator is a plain dispatch on the entity label; the session supplies randomness and the
collision checks, so generators stay pure functions that are easy to test one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from ..errors import ConfigError
from ..lazy import lazy_factory
from ..stats import StrategyStats
from .addresses import location_any
from .base import Generated, SurrogateContext
from .dates import shift_date
from .formats import email_any, iban_any
from .formats import phone as phone_any
from .identifiers import identifier, username
from .orgs import organization_any
from .person import person_surrogate
from .values import char_class, credit_card, ip_address, url, us_ssn

if TYPE_CHECKING:
    from ..config import PseudonymizerConfig

_BY_LABEL: dict[str, Callable[[str, SurrogateContext], Generated]] = {
    "PERSON": person_surrogate,
    "LOCATION": location_any,
    "ADDRESS": location_any,  # a whole street address: the same country's format, never random letters
    "ORGANIZATION": organization_any,
    "EMAIL_ADDRESS": email_any,
    "PHONE_NUMBER": phone_any,
    "CREDIT_CARD": credit_card,
    "IBAN_CODE": iban_any,
    "IDENTIFIER": identifier,
    "USERNAME": username,
    "IP_ADDRESS": ip_address,
    "URL": url,
    "US_SSN": us_ssn,
    "DATE_TIME": shift_date,
    "MAC_ADDRESS": lambda o, c: char_class(o, c, hex_only=True),
    "UUID": lambda o, c: char_class(o, c, hex_only=True),
}


class RandGenerator:
    """Picks a generator by label; any label without one keeps its shape with fresh characters."""

    name = "rand"

    def __init__(self, cfg: PseudonymizerConfig | None = None) -> None:
        self.stats = StrategyStats()

    def generate(self, label: str, original: str, ctx: SurrogateContext) -> Generated:
        func = _BY_LABEL.get(label)
        if func is None:
            return char_class(original, ctx)
        return func(original, ctx)


class Generator(Protocol):
    """A surrogate strategy: called under the session lock, with the session's randomness in `ctx`."""

    name: str
    stats: StrategyStats

    def generate(self, label: str, original: str, ctx: SurrogateContext) -> Generated: ...


GeneratorFactory = Callable[["PseudonymizerConfig"], Generator]
_REGISTRY: dict[str, GeneratorFactory] = {"rand": RandGenerator}


def register_generator(name: str, factory: GeneratorFactory) -> None:
    """Make a generation strategy available under `name` in `PseudonymizerConfig.generator`."""
    _REGISTRY[name] = factory


register_generator("prompt", lazy_factory(f"{__package__}.prompt", "PromptGenerator"))


def build_generator(cfg: PseudonymizerConfig) -> Generator:
    if cfg.generator not in _REGISTRY:
        raise ConfigError(f"unknown generator {cfg.generator!r}; available: {sorted(_REGISTRY)}")
    return _REGISTRY[cfg.generator](cfg)
