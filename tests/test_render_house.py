"""The render package's house rules: the fault registry, sizes, no import cycles, the phases."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import transpacific_cite._render as render_package
from tests.render_corpus import authors_item
from transpacific_cite._render.fixes import FIXES, fault_table, fix_for

RENDER = Path(render_package.__file__).parent
# dotted names inside the package: "items", "faults.f06_...", "faults" (its __init__)
MODULES = sorted(
    ".".join(p.relative_to(RENDER).with_suffix("").parts).removesuffix(".__init__")
    for p in RENDER.rglob("*.py")
    if p != RENDER / "__init__.py"
)
FAULT_MODULES = sorted(m for m in MODULES if m.startswith("faults.f"))


def _path(module: str) -> Path:
    path = RENDER.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def test_the_docstring_fault_table_is_the_registry() -> None:
    assert render_package.__doc__ is not None
    assert fault_table() in render_package.__doc__


@pytest.mark.parametrize("fix", FIXES, ids=lambda fix: f"fault-{fix.fault or 'late'}")
def test_every_repair_named_in_the_registry_exists(fix: object) -> None:
    dotted = fix.repair  # type: ignore[attr-defined]
    if dotted in MODULES:  # a module: the repair's one home
        found: object = importlib.import_module(f"transpacific_cite._render.{dotted}")
        assert found.__doc__, dotted
        return
    module_name, *attributes = dotted.split(".")
    found = importlib.import_module(f"transpacific_cite._render.{module_name}")
    for attribute in attributes:
        found = getattr(found, attribute)
    assert callable(found), dotted


def test_each_fault_is_repaired_in_one_place_named_for_it() -> None:
    """One place per fault: a module ``faults/fNN_...`` for that fault, or one function.

    No place serves two faults, and every fault module is the registry's place of its fault.
    """
    places = [fix.repair for fix in FIXES]
    assert len(set(places)) == len(places)
    for fix in FIXES:
        if fix.repair.startswith("faults."):
            assert fix.fault is not None
            assert fix.repair.startswith(f"faults.f{fix.fault:02d}_"), fix
            assert fix.repair in FAULT_MODULES
    assert sorted(p for p in places if p.startswith("faults.")) == FAULT_MODULES
    # the places the registry named before this rule, for the faults repaired in several
    for fault in (3, 5, 6, 8, 10, 11, 13):
        assert fix_for(fault).repair.startswith(f"faults.f{fault:02d}_")


def test_faults_are_found_by_number() -> None:
    assert [fix.fault for fix in FIXES if fix.fault is not None] == list(range(1, 14))
    assert fix_for(6).repair == "faults.f06_disambiguation_collapsing_substitute"
    with pytest.raises(KeyError, match="no citeproc-py fault numbered 99"):
        fix_for(99)


@pytest.mark.parametrize("module", MODULES)
def test_no_module_over_500_lines_and_no_class_over_150(module: str) -> None:
    source = _path(module).read_text(encoding="utf-8")
    assert source.count("\n") <= 500
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            assert node.end_lineno is not None
            assert node.end_lineno - node.lineno + 1 <= 150, node.name


def _imports_within_render(module: str) -> set[str]:
    """The package modules ``module`` imports (relative imports resolved; ``from .faults
    import f06_...`` is that module)."""
    path = _path(module)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            if node.level - 1 > len(package):
                continue  # above the render package
            target = [*base, *(node.module.split(".") if node.module else [])]
            for alias in node.names:
                whole = ".".join([*target, alias.name])
                found.add(whole if whole in MODULES else ".".join(target))
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


def _sources() -> dict[str, str]:
    return {
        str(p.relative_to(RENDER)): p.read_text(encoding="utf-8")
        for p in sorted(RENDER.rglob("*.py"))
    }


def test_no_context_variable_changes_how_anything_renders() -> None:
    for module, source in _sources().items():
        tree = ast.parse(source)
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        imported = {
            a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names
        }
        assert "ContextVar" not in names | imported, module
        assert "contextvars" not in source, module


def test_no_flags_are_written_into_citeproc_py_references() -> None:
    """Run marks live in RunMarks; no ``tpc-*`` variable exists for a reference to carry."""
    for module, source in _sources().items():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not node.value.startswith(("tpc-", "tpc_")), (module, node.value)


def _two_hornungs_and_two_onos() -> list[dict[str, object]]:
    return [
        authors_item("jh", [("Hornung", "Jeffrey")], "Alpha"),
        authors_item("ah", [("Hornung", "Anna")], "Beta"),
        authors_item("o1", [("Ono", "Bo"), ("Lee", "Xi"), ("Kim", "Yu")], "Delta"),
        authors_item("o2", [("Ono", "Bo"), ("Park", "Zo"), ("Kim", "Yu")], "Epsilon"),
        authors_item("x", [("Xu", "Li")], "Zeta"),
    ]


def test_disambiguation_decisions_are_run_marks_not_reference_fields() -> None:
    from transpacific_cite._render.disambiguation import disambiguate
    from transpacific_cite._render.marks import NO_MARKS, ItemMarks
    from transpacific_cite._render.sorting import register
    from transpacific_cite._render.state import RunState
    from transpacific_cite._render.styles import load_style

    items = _two_hornungs_and_two_onos()
    run = RunState(load_style("apa"), items)
    before = {key: dict(run.source[key]) for key in run.original}
    register(run, [])
    disambiguate(run)
    marks = {run.original[key]: run.marks.of(key) for key in run.original}
    assert marks == {
        "jh": ItemMarks(givenname=True),
        "ah": ItemMarks(givenname=True),
        "o1": ItemMarks(add_names="2"),
        "o2": ItemMarks(add_names="2"),
        "x": NO_MARKS,
    }
    assert {key: dict(run.source[key]) for key in run.original} == before
    # cite-only marks hold while a cite renders, never otherwise
    assert not run.marks.holds("givenname", run.ids["jh"])
    run.marks.citing = True
    assert run.marks.holds("givenname", run.ids["jh"])
    assert run.marks.holds("names-2", run.ids["o1"])
    assert not run.marks.holds("names-3", run.ids["o1"])
