"""The lab's commands through the `pseudonym` CLI: present when the lab is, a clear hint when not."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pseudonym_core.cli import LAB_COMMANDS, main


def _without_lab(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `import pseudonym_lab` fail as it does in an install without the lab."""
    for name in [m for m in sys.modules if m.split(".")[0] == "pseudonym_lab"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pseudonym_lab", None)


@pytest.mark.parametrize(
    "argv",
    [
        ["eval"],
        ["eval", "--set", "generated", "--n", "3"],
        ["train", "tagger", "--mode", "rep"],
        ["eval", "-h"],
        ["anonymize", "--mode", "llm"],
    ],
)
def test_lab_commands_without_the_lab_exit_2_with_the_install_hint(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _without_lab(monkeypatch)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "llm-pseudonym[lab]" in err and f"pseudonym {argv[0]}" in err


def test_help_without_the_lab_still_lists_the_lab_commands(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _without_lab(monkeypatch)
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    for name in LAB_COMMANDS:
        assert name in out
    assert "llm-pseudonym[lab]" in out


def test_a_missing_lab_dependency_becomes_an_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The lab is there but presidio-evaluator (from the lab extra) is not: exit 2, name the package."""
    for name in [m for m in sys.modules if m.startswith("presidio_evaluator.")]:
        monkeypatch.delitem(sys.modules, name)  # a cached submodule would be imported without its package
    monkeypatch.setitem(sys.modules, "presidio_evaluator", None)
    rc = main(["train", "data", "--n", "2", "--no-distill", "--out", str(tmp_path / "t.jsonl")])
    assert rc == 2
    err = capsys.readouterr().err
    assert "'presidio_evaluator'" in err and "llm-pseudonym[lab]" in err
    assert not (tmp_path / "t.jsonl").exists()


def test_with_the_lab_the_commands_parse() -> None:
    from pseudonym_core.cli import build_parser

    args = build_parser().parse_args(["train", "data", "--n", "5", "--out", "x.jsonl"])
    assert (args.command, args.what, args.n) == ("train", "data", 5)
    args = build_parser().parse_args(["eval", "--set", "generated", "--no-pps"])
    assert (args.command, args.set, args.no_pps) == ("eval", "generated", True)
