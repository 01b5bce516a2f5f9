"""The runtime never depends on the lab: no `pseudonym_core` module imports `pseudonym_lab`.

Checked twice: statically (every import statement in the core's source) and dynamically (importing
the core and every submodule in a fresh interpreter leaves no lab module loaded). The one allowed
reference is the CLI's lazy, function-level import of the lab's commands.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pseudonym_core

CORE = Path(pseudonym_core.__file__).parent
LAB = "pseudonym_lab"


def _lab_imports(tree: ast.AST) -> list[tuple[int, bool]]:
    """(line, outside any function) of each import of the lab in a parsed module."""
    found: list[tuple[int, bool]] = []

    def visit(node: ast.AST, module_level: bool) -> None:
        for child in ast.iter_child_nodes(node):
            names: list[str] = []
            if isinstance(child, ast.Import):
                names = [a.name for a in child.names]
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                names = [child.module]
            if any(n == LAB or n.startswith(LAB + ".") for n in names):
                found.append((child.lineno, module_level))
            inner = module_level and not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            visit(child, inner)

    visit(tree, True)
    return found


def test_no_core_module_imports_the_lab() -> None:
    offenders: list[str] = []
    for path in sorted(CORE.rglob("*.py")):
        rel = path.relative_to(CORE.parent).as_posix()
        source = path.read_text(encoding="utf-8")
        for line, module_level in _lab_imports(ast.parse(source)):
            if rel == "pseudonym_core/cli.py" and not module_level:
                continue  # the CLI loads the lab's commands lazily, inside a function
            offenders.append(f"{rel}:{line}")
        if "import_module(" in source and LAB in source:
            offenders.append(f"{rel}: dynamic import naming the lab")
    assert offenders == []


def test_the_scanner_sees_lab_imports() -> None:
    """The static check can fail: it finds module-level, function-level and `from` imports."""
    tree = ast.parse(
        "import pseudonym_lab.eval\nfrom pseudonym_lab import cli\n"
        "def f():\n    from pseudonym_lab.train import data\n"
        "import pseudonym_labels\n"
    )
    assert _lab_imports(tree) == [(1, True), (2, True), (4, False)]


def test_importing_every_core_module_loads_no_lab_module() -> None:
    code = """
import importlib, json, pkgutil, sys
import pseudonym_core
failed = []
for info in pkgutil.walk_packages(pseudonym_core.__path__, "pseudonym_core."):
    try:
        importlib.import_module(info.name)
    except ImportError as exc:  # an optional dependency that this install lacks
        failed.append(info.name)
from pseudonym_core.cli import build_parser
build_parser(with_lab=False)
print(json.dumps({"lab": sorted(m for m in sys.modules if m.split(".")[0] == "pseudonym_lab"),
                  "core": sum(m.startswith("pseudonym_core") for m in sys.modules), "failed": failed}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["lab"] == []
    assert result["core"] >= 40  # the walk really imported the package's modules
    assert result["failed"] == []


def test_a_runtime_command_does_not_load_the_lab(tmp_path: Path) -> None:
    """`pseudonym restore` with empty input fails before any model loads; the lab stays unimported."""
    code = f"""
import json, sys
from pseudonym_core.cli import main
rc = main(["restore", "--session", "s", "--vault", {str(tmp_path / "v.sqlite3")!r}])
print(json.dumps({{"rc": rc, "lab": [m for m in sys.modules if m.startswith("pseudonym_lab")]}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, input="")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"rc": 2, "lab": []}
    assert "input is empty" in out.stderr


def test_the_handwritten_set_is_package_data_in_one_copy() -> None:
    """It ships inside pseudonym_lab (so an installed package finds it) and nowhere else in the repo."""
    import tomllib

    import pseudonym_lab
    from pseudonym_lab.eval.data import handwritten_path, load_marked

    path = handwritten_path()
    assert path.parent == Path(pseudonym_lab.__file__).parent / "data"
    assert len(load_marked(path)) >= 60
    root = CORE.parent
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert "data/*.txt" in pyproject["tool"]["setuptools"]["package-data"]["pseudonym_lab"]
    copies = [p for p in root.rglob("handwritten.txt") if not {".venv", "build", "dist", ".tox"} & set(p.parts)]
    assert copies == [path]
