"""The README runs as written: every ```python block executes, every ```bash command exists.

Each python block runs on its own (a fresh namespace: it must carry its own imports and names),
in a scratch folder that holds a link to `examples/`, with the cloud model replaced by the local
OpenAI-compatible server (OPENAI_API_KEY, OPENAI_BASE_URL and OPENAI_API_BASE point at it); what the
block sent there must hold none of the README's personal example values. Bash commands are checked
as far as that is cheap: make targets dry-run, `pseudonym` subcommands and options appear in
`--help`, scripts exist and know their flags, pip requirements are installed with their extras.

A block opts out only with the comment `<!-- readme-test: skip <reason> -->` on the line before
its fence; the reason is required.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shlex
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from leakcheck import originals_in
from openai_server import OpenAIServer

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SKIP = re.compile(r"<!--\s*readme-test:\s*skip\b(?P<reason>[^>]*)-->")
FENCE = re.compile(r"^```(?P<lang>[\w+-]*)\s*$")
# Personal values used in the README's examples; none may reach the (stand-in) cloud model.
SHELL_BUILTINS = frozenset({"export", "cd", "source", ".", "unset"})
README_ORIGINALS = ["John Smith", "Margaret Olsen", "Samuel Okafor", "Dana Whitfield", "+31 10 555 0199"]


@dataclass
class Block:
    lang: str
    line: int
    code: str
    skip: str | None

    @property
    def id(self) -> str:
        return f"{self.lang}@README.md:{self.line}"


def readme_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m or not m.group("lang"):
            i += 1
            continue
        skip = SKIP.search(lines[i - 1]) if i else None
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        code = "\n".join(lines[i + 1 : end]) + "\n"
        blocks.append(Block(m.group("lang"), i + 1, code, skip.group("reason").strip() if skip else None))
        i = end + 1
    return blocks


BLOCKS = readme_blocks(README.read_text(encoding="utf-8"))
PYTHON = [b for b in BLOCKS if b.lang == "python"]
BASH = [b for b in BLOCKS if b.lang in ("bash", "sh", "shell", "console")]


def test_the_readme_has_blocks_and_every_opt_out_gives_a_reason() -> None:
    assert len(PYTHON) >= 8 and BASH
    assert all(b.skip is None or len(b.skip) > 10 for b in BLOCKS)


@pytest.mark.parametrize("doc", ["docs/langchain.md", "docs/llamaindex.md"])
def test_integration_docs_hold_only_readme_blocks(doc: str) -> None:
    """The integration guides repeat README sections; their code is run through the README's."""
    readme = {b.code for b in BLOCKS}
    stale = [b.id for b in readme_blocks((ROOT / doc).read_text(encoding="utf-8")) if b.code not in readme]
    assert stale == [], f"{doc} has code blocks that differ from the README's: {stale}"


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("block", PYTHON, ids=[b.id for b in PYTHON])
def test_python_block_runs(block: Block, openai_server: OpenAIServer, scratch: Path) -> None:
    if block.skip:
        pytest.skip(block.skip)
    namespace: dict[str, Any] = {"__name__": "__readme__"}
    exec(compile(block.code, f"README.md:{block.line}", "exec"), namespace)
    assert originals_in(openai_server.bodies(), README_ORIGINALS) == []


# -- bash ----------------------------------------------------------------------------------------------


def commands(code: str) -> list[list[str]]:
    """Each simple command of a block as tokens: continuations joined, comments, operators and
    redirection targets dropped."""
    out: list[list[str]] = []
    for line in code.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        current: list[str] = []
        skip_next = False
        for token in lexer:
            if skip_next:
                skip_next = False
            elif token in ("|", "||", "&&", ";", "&"):
                out.append(current) if current else None
                current = []
            elif token in (">", ">>", "<", "2>", "&>"):
                skip_next = True
            else:
                current.append(token)
        if current:
            out.append(current)
    return out


def options(tokens: list[str]) -> list[str]:
    return [t.split("=", 1)[0] for t in tokens if t.startswith("--")]


def check_make(args: list[str]) -> None:
    for target in args:
        done = subprocess.run(["make", "-n", "-C", str(ROOT), target], capture_output=True, text=True)
        assert done.returncode == 0, f"make target {target!r}: {done.stderr.strip()}"


def check_pseudonym(args: list[str]) -> None:
    """Follows nested subcommands (`pseudonym train lm`, `pseudonym vault rekey`) as far as the
    help lists them, then checks the options against the innermost help."""
    cli = Path(sys.executable).with_name("pseudonym")
    words = [t for t in args if not t.startswith("-")]
    subcommand = words[:1]
    while True:
        done = subprocess.run([str(cli), *subcommand, "--help"], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"pseudonym {subcommand}: {done.stderr.strip()[-300:]}"
        choices = re.search(r"\{([\w,-]+)\}", done.stdout)
        nxt = words[len(subcommand)] if len(words) > len(subcommand) else None
        if not (subcommand and nxt and choices and nxt in choices.group(1).split(",")):
            break
        subcommand.append(nxt)
    unknown = [o for o in options(args) if o not in done.stdout]
    assert unknown == [], f"pseudonym {subcommand} has no option(s) {unknown}"


def check_script(args: list[str]) -> None:
    script = ROOT / args[0]
    assert script.is_file(), f"{args[0]} does not exist"
    source = script.read_text(encoding="utf-8")
    unknown = [o for o in options(args[1:]) if f'"{o}"' not in source and f"'{o}'" not in source]
    assert unknown == [], f"{args[0]} defines no option(s) {unknown}"


def check_pip(args: list[str]) -> None:
    extras_declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    for requirement in (a for a in args[1:] if not a.startswith("-")):
        m = re.fullmatch(r"(?P<name>[\w.-]+)(?:\[(?P<extras>[\w,-]+)\])?(?P<spec>.*)", requirement)
        assert m is not None, requirement
        importlib.metadata.version(m.group("name"))  # installed here, so it resolves from the registry
        if m.group("name") == "llm-pseudonym" and m.group("extras"):
            missing = [e for e in m.group("extras").split(",") if e not in extras_declared]
            assert missing == [], f"llm-pseudonym has no extra(s) {missing}"


@pytest.mark.parametrize("block", BASH, ids=[b.id for b in BASH])
def test_bash_block_commands_exist(block: Block) -> None:
    if block.skip:
        pytest.skip(block.skip)
    for tokens in commands(block.code):
        program, args = Path(tokens[0]).name, tokens[1:]
        if program == "make":
            check_make(args)
        elif program == "pseudonym":
            check_pseudonym(args)
        elif program in ("python", "python3") and args and args[0].endswith(".py"):
            check_script(args)
        elif program == "pip" or (program in ("python", "python3") and args[:2] == ["-m", "pip"]):
            check_pip(args if program == "pip" else args[2:])
        elif program in SHELL_BUILTINS:
            continue
        elif program == "bash" and args:
            assert (ROOT / args[0]).is_file(), f"{args[0]} does not exist"
        else:
            assert (ROOT / tokens[0]).exists() or any((Path(d) / tokens[0]).exists() for d in os.get_exec_path()), (
                f"unknown command {tokens[0]!r} in README.md:{block.line}"
            )
