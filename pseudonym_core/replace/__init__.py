"""Replacement strategies: REP_direct (default), REP_prompt, REP_gen; see `base` for the contract."""

from .base import Replaced, Replacer, build_replacer, guard, register_replacer
from .direct import splice

__all__ = ["Replaced", "Replacer", "build_replacer", "guard", "register_replacer", "splice"]
