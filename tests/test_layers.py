"""The import graph has no cycle and no upward arrow: the stage contracts of pyproject.toml hold
(import-linter), and no module reaches itself through others, not even through imports made inside
functions (grimp sees those too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import mercato

grimp = pytest.importorskip("grimp")
importlinter_cli = pytest.importorskip("importlinter.cli")
nx = pytest.importorskip("networkx")

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_stage_contracts_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    code = importlinter_cli.lint_imports(config_filenames=(str(PYPROJECT),), no_cache=True, no_logo=True)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "3 kept, 0 broken" in out


def test_no_module_imports_itself_through_others() -> None:
    graph = grimp.build_graph("mercato")
    edges = nx.DiGraph()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            edges.add_edge(module, imported)
    loops = [sorted(c) for c in nx.strongly_connected_components(edges) if len(c) > 1]
    assert not loops


def test_the_check_sees_a_loop_hidden_in_a_function(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks are not vacuous: two modules importing each other, one inside a function, are a loop."""
    pkg = tmp_path / "toyloop"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from toyloop import b\n")
    (pkg / "b.py").write_text("def f():\n    from toyloop import a\n    return a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("toyloop", cache_dir=None)
    assert graph.find_shortest_chain(importer="toyloop.b", imported="toyloop.a") == ("toyloop.b", "toyloop.a")
    assert graph.find_shortest_chain(importer="toyloop.a", imported="toyloop.b") == ("toyloop.a", "toyloop.b")


def _private_reaches(root: Path) -> list[str]:
    """Where a module of the package at ``root`` imports another's private name (``from m import _x``)
    or reads one through a module it imported (``m._x``)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(root.name):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        found.append(f"{path.name}:{node.lineno}: {node.module}.{alias.name}")
                    modules.add(alias.asname or alias.name)
            elif isinstance(node, ast.Import):
                modules.update(a.asname or a.name for a in node.names if a.name.startswith(root.name))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in modules
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                found.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_no_module_reaches_into_another_s_private_names() -> None:
    """A name with a leading underscore is its module's own: a module that needs another's helper gets a
    public name, so renaming a private helper never breaks a distant caller."""
    assert _private_reaches(Path(mercato.__file__).parent) == []


def test_the_check_sees_a_private_reach(tmp_path: Path) -> None:
    pkg = tmp_path / "toyreach"
    pkg.mkdir()
    (pkg / "a.py").write_text("def _helper():\n    return 1\n")
    (pkg / "b.py").write_text("from toyreach.a import _helper\n")
    (pkg / "c.py").write_text("from toyreach import a\n\n\ndef f():\n    return a._helper()\n")
    assert _private_reaches(pkg) == ["b.py:1: toyreach.a._helper", "c.py:5: a._helper"]
