"""Subprocess fixtures for the engine tests (the shared `pseudonymizer` lives in tests/conftest.py).

They are fixtures rather than importable helpers so no module name can clash with other test
folders' conftest files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

PyRunner = Callable[..., "subprocess.CompletedProcess[str]"]
CliRunner = Callable[..., "subprocess.CompletedProcess[bytes]"]


def _env(tmp_path: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Child environment: no inherited vault key, data dir inside tmp_path, UTF-8 stdio."""
    env = {k: v for k, v in os.environ.items() if k != "PSEUDONYM_VAULT_KEY"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra or {})
    return env


def _cli_command() -> list[str]:
    """The installed `pseudonym` console script (falls back to `python -m` if absent)."""
    script = Path(sys.executable).with_name("pseudonym")
    if script.exists():
        return [str(script)]
    found = shutil.which("pseudonym")
    return [found] if found else [sys.executable, "-m", "pseudonym_core.cli"]


@pytest.fixture
def run_python(tmp_path: Path) -> PyRunner:
    """Run `python -c code args...` in a genuinely new interpreter process."""

    def run(code: str, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=_env(tmp_path),
            cwd=tmp_path,
            timeout=timeout,
        )

    return run


@pytest.fixture
def run_cli(tmp_path: Path) -> CliRunner:
    """Run the `pseudonym` CLI as a real subprocess; bytes in and out so encodings are exercised."""

    def run(
        args: Sequence[str],
        stdin: bytes = b"",
        env: dict[str, str] | None = None,
        timeout: float = 180,
    ) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [*_cli_command(), *args],
            input=stdin,
            capture_output=True,
            env=_env(tmp_path, env),
            cwd=tmp_path,
            timeout=timeout,
        )

    return run
