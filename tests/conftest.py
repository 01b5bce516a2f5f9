"""Shared fixtures: one real Pseudonymizer per test run (loading spaCy costs seconds)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def pseudonymizer():
    from pseudonym_core import Pseudonymizer

    return Pseudonymizer()
