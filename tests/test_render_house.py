"""The render package's house rules: the fault registry, sizes, no import cycles, the phases."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import transpacific_cite._render as render_package
from transpacific_cite._render.fixes import FIXES, fault_table, fix_for

RENDER = Path(render_package.__file__).parent
MODULES = sorted(p.stem for p in RENDER.glob("*.py") if p.stem != "__init__")


def test_the_docstring_fault_table_is_the_registry() -> None:
    assert render_package.__doc__ is not None
    assert fault_table() in render_package.__doc__


@pytest.mark.parametrize("fix", FIXES, ids=lambda fix: f"fault-{fix.fault or 'late'}")
def test_every_repair_named_in_the_registry_exists(fix: object) -> None:
    for dotted in fix.repairs:  # type: ignore[attr-defined]
        module_name, *attributes = dotted.split(".")
        found: object = importlib.import_module(f"transpacific_cite._render.{module_name}")
        for attribute in attributes:
            found = getattr(found, attribute)
        assert callable(found), dotted


def test_faults_are_found_by_number() -> None:
    assert [fix.fault for fix in FIXES if fix.fault is not None] == list(range(1, 14))
    assert "repairs._add_givenname_forms" in fix_for(6).repairs
    with pytest.raises(KeyError, match="no citeproc-py fault numbered 99"):
        fix_for(99)


@pytest.mark.parametrize("module", MODULES)
def test_no_module_over_500_lines_and_no_class_over_150(module: str) -> None:
    source = (RENDER / f"{module}.py").read_text(encoding="utf-8")
    assert source.count("\n") <= 500
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            assert node.end_lineno is not None
            assert node.end_lineno - node.lineno + 1 <= 150, node.name


def _imports_within_render(module: str) -> set[str]:
    tree = ast.parse((RENDER / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found & set(MODULES)


def test_no_import_cycles_inside_render() -> None:
    graph = {module: _imports_within_render(module) for module in MODULES}
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        assert module not in visiting, " -> ".join([*visiting, module])
        if module in done:
            return
        visiting.append(module)
        for imported in sorted(graph[module]):
            visit(imported)
        visiting.pop()
        done.add(module)

    for module in MODULES:
        visit(module)


def test_every_phase_module_exists_and_imports() -> None:
    names = {info.name for info in pkgutil.iter_modules([str(RENDER)])}
    assert {"items", "sorting", "disambiguation", "citations", "bibliography"} <= names
