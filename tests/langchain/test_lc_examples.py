"""The LangChain examples run offline end to end and show surrogates vs restored answers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run_example(name: str) -> str:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def cloud_part(output: str) -> str:
    return output.split("=== What the cloud model saw ===", 1)[1].split("===", 1)[0]


@pytest.mark.slow
def test_lcel_chain_example() -> None:
    out = run_example("langchain_lcel_chain.py")
    assert "Dear Maria Garcia" in out.split("Restored answer", 1)[1]
    assert "Maria Garcia" not in cloud_part(out) and "Hamburg" not in cloud_part(out)
    assert "Leak audit: passed" in out


@pytest.mark.slow
def test_rag_example() -> None:
    out = run_example("langchain_rag.py")
    restored = out.split("Restored answer", 1)[1]
    assert "Dana Whitfield approves" in restored and "dana.whitfield@example.com" in restored
    assert "Dana Whitfield" not in cloud_part(out)
    assert "Leak audit: passed" in out


@pytest.mark.slow
def test_agent_example() -> None:
    out = run_example("langchain_agent.py")
    assert "The tool was called with: ['Oliver Brennan']" in out
    assert "Restored answer: Oliver Brennan is on the Premium plan" in out
    assert "Oliver Brennan" not in cloud_part(out)
    assert "Leak audit: passed" in out
