"""Fixtures for the LangChain adapter tests."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # lc_fakes, whatever the import mode

pytest.importorskip("langchain_core")

from lc_fakes import shared_pseudonymizer


@pytest.fixture(scope="session")
def pseudonymizer() -> Any:
    return shared_pseudonymizer()


@pytest.fixture
def session(pseudonymizer: Any) -> Any:
    return pseudonymizer.session()
