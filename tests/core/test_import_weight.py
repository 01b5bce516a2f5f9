"""The runtime stays light: importing `pseudonym_core` and building a pipeline loads no deep-learning
stack and no lab code (training, audit and unlearning live in `pseudonym_lab`)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("torch", "transformers", "peft", "bitsandbytes", "matplotlib", "pseudonym_lab")


def test_import_and_construction_pull_in_no_heavy_dependency() -> None:
    code = f"""
import json, sys
import pseudonym_core
from pseudonym_core import Pseudonymizer
from pseudonym_core.cli import build_parser
Pseudonymizer()
build_parser(with_lab=False)
print(json.dumps(sorted({{m.split(".")[0] for m in sys.modules}} & set({list(HEAVY)!r}))))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_the_check_sees_a_heavy_import() -> None:
    """The subprocess check can fail: importing the lab's privacy code does pull torch in on use."""
    code = """
import json, sys
from pseudonym_lab.privacy import tiny
tiny.train_tokenizer(["a b c"], 300)
print(json.dumps("transformers" in sys.modules))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) is True
