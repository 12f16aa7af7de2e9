"""The import graph has no cycle and no upward arrow: the stage contracts of pyproject.toml hold
(import-linter), and no module reaches itself through others, not even through imports made inside
functions (grimp sees those too)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
