"""Strategy factories that import their module only when a pipeline asks for the strategy.

Every registry (detectors, generators, replacers) maps a name to a factory of this shape, so the
model-backed strategies and their torch imports cost nothing until they are configured and used.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import PseudonymizerConfig


def lazy_factory(module: str, cls: str, **kwargs: Any) -> Callable[[PseudonymizerConfig], Any]:
    """`module.cls(cfg, **kwargs)`, with `module` a full dotted name imported on the first call."""

    def factory(cfg: PseudonymizerConfig) -> Any:
        return getattr(import_module(module), cls)(cfg, **kwargs)

    return factory
