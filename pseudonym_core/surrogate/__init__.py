"""Surrogate generation strategies (GEN_rand by default)."""

from .base import Generated, SurrogateContext
from .generator import RandGenerator

__all__ = ["Generated", "RandGenerator", "SurrogateContext"]
