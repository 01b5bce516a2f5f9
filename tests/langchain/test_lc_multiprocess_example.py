"""The multi-process example: two spawned workers serve one conversation through one Redis vault."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "langchain_multiprocess_redis.py"


@pytest.mark.slow
def test_two_workers_share_one_redis_vault() -> None:
    if shutil.which("redis-server") is None:
        message = "redis-server is not installed (scripts/services.sh installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message + "; skipped because the CI environment variable is unset")
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}  # the example starts its own server
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PSEUDONYM_VAULT_KEY="test key")
    done = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    cloud = out.split("=== What the cloud model saw ===", 1)[1].split("===", 1)[0]
    assert "worker A" in cloud and "worker B" in cloud  # both workers really served turns
    for original in ("Alice Johnson", "Robert Miller", "Nadia Kowalski", "alice.johnson@example.com", "Johnson"):
        assert original not in cloud
    restored = out.split("=== Restored answers ===", 1)[1]
    assert "turn 4 (worker B): Case opened with: Alice Johnson (alice.johnson@example.com)" in restored
    assert "Latest: Add that Nadia Kowalski will call alice johnson tomorrow." in restored
    assert "Same pseudonyms from both workers in every turn: yes" in out
    assert "Every answer restored exactly: yes" in out
    assert "Leak audit: passed" in out
