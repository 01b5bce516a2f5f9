"""Corpus-scale pseudonymization on Ray (`pseudonym batch`): JSONL or Parquet in and out, one
shared vault and one session for the whole corpus, resumable, errors reported by row id.

Importing this package does not import Ray; `pseudonymize_corpus` does, when it runs.
"""

from .corpus import BatchReport, pseudonymize_corpus
from .io import BadRow

__all__ = ["BadRow", "BatchReport", "pseudonymize_corpus"]
