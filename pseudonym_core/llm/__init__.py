"""The local causal LM shared by the LLM strategies and the SCS metric (torch imported lazily)."""

from .jsonparse import extract_json
from .local import LocalLM, load_causal_lm, shared_lm

__all__ = ["LocalLM", "extract_json", "load_causal_lm", "shared_lm"]
