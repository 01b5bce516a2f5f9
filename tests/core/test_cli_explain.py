"""`pseudonym explain`: the decision for a text, in the terminal without originals, in HTML with them."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from conftest import CliRunner

TEXT = "Dear Ms. Sigrid Haugen, please grant access to the Premium plan. Call +1 415 555 0134.\n"
ORIGINALS = ("Sigrid", "Haugen", "415 555 0134")


def test_terminal_output_explains_without_originals(tmp_path: Path, run_cli: CliRunner) -> None:
    out = run_cli(["explain"], stdin=TEXT.encode())
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert "masked (" in text and "dropped (" in text and "votes:" in text
    assert "PERSON ->" in text and "PHONE_NUMBER ->" in text
    for original in ORIGINALS:
        assert original not in text and original not in out.stderr.decode()


def test_json_output_lists_votes_rules_and_dropped(tmp_path: Path, run_cli: CliRunner) -> None:
    out = run_cli(["explain", "--json"], stdin=TEXT.encode())
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    person = next(e for e in data["entities"] if e["label"] == "PERSON")
    assert person["votes"] and person["rules"]
    assert any(d["reason"] for d in data["dropped"])
    assert not any(o in out.stdout.decode() for o in ORIGINALS)


def test_html_page_is_local_only_and_shows_the_decision(tmp_path: Path, run_cli: CliRunner) -> None:
    page = tmp_path / "explain.html"
    out = run_cli(["explain", "--html", str(page)], stdin=TEXT.encode())
    assert out.returncode == 0, out.stderr
    html = page.read_text(encoding="utf-8")
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    assert "contains the original personal data" in html
    assert '<mark class="PERSON"' in html and "Haugen" in html  # the page is where originals may appear
    assert 'class="dropped"' in html
