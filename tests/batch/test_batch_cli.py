"""`pseudonym batch` as a user runs it: its own local Ray, progress off, bad rows on stderr by id."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("ray")


@pytest.mark.slow  # two runs, each starting its own Ray and loading the models
def test_batch_command_writes_rows_reports_bad_ones_and_resumes(tmp_path: Path) -> None:
    rows = [
        {"id": 1, "text": "Amelia Hartwell called from Leipzig about her order.", "lang": "en"},
        {"id": 2, "text": "Please ask Jonas Eberhardt to call Amelia Hartwell back.", "lang": "en"},
        {"id": 3, "body": "Tomasz Wierzbicki has no text field"},
    ]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    cli = Path(sys.executable).with_name("pseudonym")
    env = {**os.environ, "PSEUDONYM_VAULT_KEY": "a test key", "XDG_DATA_HOME": str(tmp_path / "xdg")}
    args = [str(cli), "batch", "in.jsonl", "out.jsonl", "--vault", "v.sqlite3", "--metadata", "lang"]
    args += ["--num-cpus", "1", "--no-progress"]
    proc = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stderr[-3000:]  # one row failed
    assert "pseudonym: row id 3: field 'text' is missing" in proc.stderr
    assert "Wierzbicki" not in proc.stderr + proc.stdout
    assert "2 rows pseudonymized, 0 already done, 1 failed" in proc.stderr
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in out) == [1, 2] and all(r["lang"] == "en" for r in out)
    assert not any("Hartwell" in r["text"] or "Eberhardt" in r["text"] for r in out)
    again = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert "0 rows pseudonymized, 2 already done, 1 failed" in again.stderr
