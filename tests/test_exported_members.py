"""The public surface is curated: ``__all__`` is pinned, sorted, and every name in it works.

The names are imported on first use (``__getattr__``), so these tests also check that each
lazy name resolves, that ``help()`` shows each with a one-line summary, and that a type
checker sees them: ``mypy --strict`` passes on a script that uses only top-level names.
"""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

import transpacific_cite

from .conftest import ROOT

PUBLIC = [
    "EXPORT_FORMATS",
    "PUBLICATION",
    "SERIES",
    "BuildError",
    "BuildReport",
    "Catalog",
    "CatalogError",
    "Cite",
    "CiteError",
    "Enriched",
    "ExportError",
    "Exported",
    "FetchError",
    "FormatError",
    "InputError",
    "Interview",
    "ModelError",
    "NotAllowedError",
    "NotFoundError",
    "OptionError",
    "ParseError",
    "ParseResult",
    "Person",
    "Pinpoint",
    "PinpointError",
    "QASection",
    "RenderError",
    "Rendered",
    "Renderer",
    "SeriesFacts",
    "StyleError",
    "UniqueInterviews",
    "UnknownKeyError",
    "UnknownStyleError",
    "__version__",
    "assign_keys",
    "build_manifest",
    "citation_key",
    "cite_at",
    "enrich_file",
    "enrich_text",
    "export",
    "load",
    "parse_pinpoint",
    "pinpoint",
    "read",
    "read_all",
    "read_data",
    "recognise",
    "render_bibliography",
    "render_citation",
    "to_csl_data",
    "unique_interviews",
]


def test_all_is_pinned_sorted_and_complete() -> None:
    names = transpacific_cite.__all__
    assert names == PUBLIC

    # ruff's RUF022 order: CONSTANTS, then Classes, then everything else, each alphabetical
    def group(name: str) -> int:
        if name.isupper():
            return 0
        return 1 if name[:1].isupper() else 2

    assert names == sorted(names, key=lambda n: (group(n), n))
    for name in names:
        assert hasattr(transpacific_cite, name), name
    assert set(names) <= set(dir(transpacific_cite))


def test_every_public_error_is_a_cite_error() -> None:
    for name in transpacific_cite.__all__:
        value = getattr(transpacific_cite, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, transpacific_cite.CiteError), name


def test_version_is_a_string_and_nothing_else_leaks() -> None:
    assert isinstance(transpacific_cite.__version__, str)
    assert transpacific_cite.__version__.count(".") >= 2
    assert not hasattr(transpacific_cite, "version")  # importlib's function, once leaked
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        transpacific_cite.nope  # noqa: B018


def test_pinpoint_stays_the_function_after_its_module_is_imported() -> None:
    import transpacific_cite._pinpoint as module  # noqa: F401

    assert inspect.isfunction(transpacific_cite.pinpoint)


def test_read_documents_what_it_raises() -> None:
    doc = inspect.getdoc(transpacific_cite.read) or ""
    assert "Raises:\n    InputError:" in doc and "ParseError:" in doc and "ModelError:" in doc


def test_help_shows_the_api_with_one_line_summaries() -> None:
    shown = subprocess.run(
        [sys.executable, "-c", "import transpacific_cite as t; help(t)"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PAGER": "cat", "TERM": "dumb"},
        timeout=60,
    ).stdout
    # the package docstring: the API in one screen
    assert "read(path) -> ParseResult" in shown
    assert 'export(interviews, to="biblatex")  -> Exported(.text, .warnings, .keys)' in shown
    for name in transpacific_cite.__all__:
        value = getattr(transpacific_cite, name)
        if not callable(value):
            continue
        summary = (inspect.getdoc(value) or "").splitlines()
        assert summary and summary[0].endswith("."), name
        assert summary[0] in shown, name  # help() lists it, with its summary
        if inspect.isfunction(value):  # an alias shows as "name = function(...)"
            assert f"\n    {name}(" in shown or f"\n    {name} = " in shown, name


SCRIPT = """\
from __future__ import annotations

import transpacific_cite as tpc


def bibliography(path: str) -> tuple[str, list[str]]:
    interview: tpc.Interview = tpc.read(path).interview
    exported: tpc.Exported = tpc.export([interview], to="csl-json", byline=False)
    items = tpc.to_csl_data([interview], list(exported.keys))
    place: tpc.Pinpoint = tpc.parse_pinpoint("q3", interview=interview)
    cite: tpc.Cite = tpc.cite_at(exported.keys[0], place)
    note: tpc.Rendered = tpc.render_citation(items, [cite], style="chicago")
    listed = tpc.render_bibliography(items, style="apa")
    link: str = tpc.pinpoint(interview, "q3", to="latex")
    with tpc.Catalog("c.sqlite3") as catalog:
        catalog.put(interview, kind="json", source=path)
    version: str = tpc.__version__
    try:
        tpc.load(path)
    except tpc.CiteError as error:
        return str(error), []
    return note.citations[0] + link + version, list(listed.bibliography)
"""


@pytest.mark.slow
def test_mypy_strict_passes_on_a_script_using_top_level_names(tmp_path: Path) -> None:
    """One mypy run over the script and a copy with one wrong annotation: the copy's error
    shows that mypy sees the real types (a name typed ``Any`` through ``__getattr__`` would
    pass anything)."""
    (tmp_path / "script.py").write_text(SCRIPT, encoding="utf-8")
    wrong = SCRIPT.replace("version: str = tpc.__version__", "version: int = tpc.__version__")
    (tmp_path / "wrong.py").write_text(wrong, encoding="utf-8")
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--follow-imports=silent",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "script.py",
            "wrong.py",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert checked.stdout.splitlines() == [
        'wrong.py:17: error: Incompatible types in assignment (expression has type "str", '
        'variable has type "int")  [assignment]',
        'wrong.py:22: error: Unsupported operand types for + ("str" and "int")  [operator]',
        "Found 2 errors in 1 file (checked 2 source files)",
    ], checked.stdout + checked.stderr
