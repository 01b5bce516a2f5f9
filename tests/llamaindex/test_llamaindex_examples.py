"""The LlamaIndex examples run, answer with real names, and never show the cloud an original."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from types import ModuleType
from typing import Any

import pytest
from li_support import ORIGINALS, ROOT, leaks

EXAMPLES = ROOT / "examples"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def test_private_rag_example(pseudonymizer: Any, embed_model: Any, capsys: pytest.CaptureFixture[str]) -> None:
    transcript = _load("llamaindex_private_rag").main(pseudonymizer=pseudonymizer, embed_model=embed_model)
    printed = capsys.readouterr().out
    assert "Dr. Samuel Okafor" in transcript.answers[0]
    assert "Leeds" in transcript.answers[1]
    assert "Thomas Becker" in transcript.answers[2]
    assert leaks(transcript.cloud_inputs, ORIGINALS, transcript.session) == []
    assert "what the cloud model saw" in printed and "restored answer" in printed


def test_chat_example(pseudonymizer: Any, embed_model: Any, capsys: pytest.CaptureFixture[str]) -> None:
    transcript = _load("llamaindex_chat").main(pseudonymizer=pseudonymizer, embed_model=embed_model)
    printed = capsys.readouterr().out
    assert "Dr. Samuel Okafor" in transcript.answers[0]
    assert "stress test" in transcript.answers[1] and "Okafor" in transcript.answers[1]
    assert "penicillin" in transcript.answers[2] and "Olsen" in transcript.answers[2]
    assert leaks(transcript.cloud_inputs, ORIGINALS, transcript.session) == []
    assert any("Follow Up Input" in seen for seen in transcript.cloud_inputs)
    assert "TURN 3" in printed


@pytest.mark.slow
@pytest.mark.parametrize("name", ["llamaindex_private_rag", "llamaindex_chat"])
def test_example_runs_as_a_script(name: str) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / f"{name}.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Samuel Okafor" in done.stdout  # the restored answer of the first question
