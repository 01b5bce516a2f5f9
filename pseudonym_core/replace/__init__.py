"""Replacement strategies (REP_direct by default)."""

from .direct import splice

__all__ = ["splice"]
