"""Fast cold start (issue 10, item 6): the default pipeline imports neither torch nor transformers.

Run in a fresh interpreter, since this test process may already hold both. The time of the first
call is a benchmark figure (benchmarks/scale.py), not asserted here.
"""

from __future__ import annotations

import json

CODE = """
import json, sys
import pseudonym_core
from pseudonym_core import Pseudonymizer
p = Pseudonymizer()
r = p.pseudonymize("Call Amelia Hartwell on +1 415 555 0142 or write to amelia@example.org in Leipzig.")
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "transformers"))
print(json.dumps({"heavy": heavy, "masked": "Hartwell" not in r.text and "amelia@" not in r.text}))
# only spaCy, thinc and Presidio were kept from torch while they loaded: later imports work
import torch, transformers
print(torch.tensor([1, 2]).sum().item())
"""


def test_default_pipeline_imports_neither_torch_nor_transformers(run_python) -> None:
    proc = run_python(CODE)
    assert proc.returncode == 0, proc.stderr[-2000:]
    *_, report, torch_sum = proc.stdout.strip().splitlines()
    assert json.loads(report) == {"heavy": [], "masked": True}
    assert torch_sum == "3"


def test_eager_opt_out_imports_torch_with_spacy(run_python, monkeypatch) -> None:
    monkeypatch.setenv("PSEUDONYM_EAGER_TORCH", "1")
    proc = run_python(
        "import sys\nfrom pseudonym_core.imports import light_import\nlight_import('spacy')\n"
        "print('torch' in sys.modules)"
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "True"
