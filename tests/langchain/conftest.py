"""Fixtures for the LangChain adapter tests.

The engine comes from tests/conftest.py (`pseudonymizer`, session-scoped); it is also handed to
lc_fakes so that LangChain's standard test class, which builds models from a class property,
uses the same instance instead of loading spaCy a second time.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # lc_fakes, whatever the import mode

pytest.importorskip("langchain_core")

import lc_fakes


@pytest.fixture(scope="session", autouse=True)
def _share_engine(pseudonymizer: Any) -> None:
    lc_fakes.use_pseudonymizer(pseudonymizer)


@pytest.fixture
def session(pseudonymizer: Any) -> Any:
    return pseudonymizer.session()
