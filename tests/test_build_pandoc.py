"""The pandoc filter: ``tpv:N`` resolution, pinpoints as section locators, errors.

The client tests run the installed ``transpacific-cite-pandoc`` script under pandoc 3.9 (the
pypandoc-binary test extra) and Debian's pandoc 2.17 with ``--citeproc`` and compare the
whole plain-text output with golden files (``tests/fixtures/build/paper.<style>.txt``, read
by eye when written: Chicago and MLA label sections "sec."/"secs.", APA "Section"/"Sections").
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from transpacific_cite._build.pandoc import filter_document, pandoc_locator, split_pinpoint
from transpacific_cite._build.resolve import Sources, tpv_number
from transpacific_cite._errors import BuildError
from transpacific_cite._model import Pinpoint
from transpacific_cite._render import resolve_style

from .conftest import FIXTURES, need_client, pandoc3

BUILD = FIXTURES / "build"
FILTER = Path(sys.executable).with_name("transpacific-cite-pandoc")
STYLES = ("chicago-notes-bibliography", "apa", "modern-language-association")


def words(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for index, word in enumerate(text.split(" ")):
        if index:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def cite(key: str, suffix: str = "", mode: str = "NormalCitation") -> dict[str, Any]:
    citation = {
        "citationId": key,
        "citationPrefix": [],
        "citationSuffix": words(suffix) if suffix else [],
        "citationMode": {"t": mode},
        "citationNoteNum": 1,
        "citationHash": 0,
    }
    raw = f"[@{key}{', ' + suffix if suffix else ''}]"
    return {"t": "Cite", "c": [[citation], words(raw)]}


def document(*cites: dict[str, Any]) -> dict[str, Any]:
    return {
        "pandoc-api-version": [1, 23, 1],
        "meta": {},
        "blocks": [{"t": "Para", "c": list(cites)}],
    }


def suffix_text(doc: dict[str, Any], index: int = 0) -> str:
    inlines = doc["blocks"][0]["c"][index]["c"][0][0]["citationSuffix"]
    return "".join(" " if i["t"] == "Space" else i["c"] for i in inlines)


@pytest.fixture(autouse=True)
def _no_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user catalog: numbers come from the bundled examples and the document's sources."""
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(tmp_path / "absent.sqlite3"))


@pytest.mark.parametrize(
    ("suffix", "pinpoint", "rest"),
    [
        pytest.param(", q3", Pinpoint(3), "", id="q3"),
        pytest.param("q2-q4", Pinpoint(2, end_section=4), "", id="in-text-range"),
        pytest.param(", 3", Pinpoint(3), "", id="bare-number-is-a-section"),
        pytest.param(", q3p2", Pinpoint(3, 2), "", id="paragraph"),
        pytest.param(", sec. 3 para. 2", Pinpoint(3, 2), "", id="long-paragraph"),
        pytest.param(", q3, emphasis added", Pinpoint(3), ", emphasis added", id="rest"),
        pytest.param(", section 3, paragraph 2", Pinpoint(3, 2), "", id="comma-inside"),
        pytest.param(", p. 4", None, ", p. 4", id="page-left-alone"),
        pytest.param(", emphasis added", None, ", emphasis added", id="no-pinpoint"),
    ],
)
def test_split_pinpoint(suffix: str, pinpoint: Pinpoint | None, rest: str) -> None:
    found, _spec, left = split_pinpoint(words(suffix))
    assert found == pinpoint
    assert "".join(" " if i["t"] == "Space" else i["c"] for i in left) == rest


def test_locators_are_what_pandoc_reads_as_sections() -> None:
    assert pandoc_locator(Pinpoint(3)) == "sec. 3"
    assert pandoc_locator(Pinpoint(2, end_section=4)) == "secs. 2-4"
    assert pandoc_locator(Pinpoint(3, 2)) == "sec. 3, para. 2"


def test_tpv_keys() -> None:
    assert tpv_number("tpv:319") == 319
    assert tpv_number("TPV:319") == 319
    assert tpv_number("hornung2022tpv319") is None
    with pytest.raises(BuildError, match="tpv:abc: a tpv: key is tpv: and a series number"):
        tpv_number("tpv:abc")


def test_filter_rewrites_tpv_cites_and_adds_their_items() -> None:
    doc = document(cite("tpv:319", "q3"), cite("smith2020", "q3"), cite("TPV:319"))
    result = filter_document(doc)
    assert result.numbers == (319,)
    assert suffix_text(doc, 0) == ", sec. 3"
    assert suffix_text(doc, 1) == "q3"  # other keys are left alone
    assert doc["blocks"][0]["c"][2]["c"][0][0]["citationId"] == "tpv:319"
    references = doc["meta"]["references"]["c"]
    assert len(references) == 1
    item = references[0]["c"]
    assert item["id"] == {"t": "MetaString", "c": "tpv:319"}
    assert item["collection-number"] == {"t": "MetaString", "c": "319"}
    assert item["author"]["c"][0]["c"]["family"] == {"t": "MetaString", "c": "Hornung"}


def test_document_without_tpv_cites_is_untouched() -> None:
    doc = document(cite("smith2020", "p. 4"))
    before = json.dumps(doc)
    filter_document(doc)
    assert json.dumps(doc) == before


def test_unknown_number_names_it_and_where_it_is_cited() -> None:
    doc = document(cite("tpv:999", "q3"), cite("tpv:999"), cite("tpv:319"))
    with pytest.raises(BuildError) as caught:
        filter_document(doc, sources=Sources(use_catalog=False))
    assert str(caught.value) == (
        "unknown series number: tpv:999 (cited at [@tpv:999, q3] and 1 more); "
        "looked in the bundled examples"
    )


def test_pinpoint_past_the_sections_is_an_error() -> None:
    with pytest.raises(BuildError) as caught:
        filter_document(document(cite("tpv:319", "q7")))
    assert str(caught.value) == (
        "interview 319 has 5 sections; there is no section 7 (pinpoint 'q7' in [@tpv:319, q7])"
    )


def test_unknown_metadata_option_is_an_error() -> None:
    doc = document(cite("tpv:319"))
    doc["meta"]["transpacific-cite"] = {
        "t": "MetaMap",
        "c": {"fetchh": {"t": "MetaBool", "c": True}},
    }
    with pytest.raises(BuildError, match="unknown option 'fetchh'; known: catalog, sources"):
        filter_document(doc)


def run_pandoc(pandoc: str, *args: str, cwd: Path = BUILD) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [pandoc, *args, "--filter", str(FILTER), "--citeproc", "-t", "plain", "--wrap=none"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def pandocs() -> list[Any]:
    return [
        pytest.param(pandoc3, id="pandoc-3.9"),
        pytest.param(lambda: need_client("pandoc", "/usr/bin/pandoc"), id="pandoc-2.17"),
    ]


@pytest.mark.clients
@pytest.mark.parametrize("which", pandocs())
@pytest.mark.parametrize("style", STYLES)
def test_pandoc_renders_the_paper(which: Any, style: str) -> None:
    pandoc = which()
    done = run_pandoc(pandoc, "paper.md", "--csl", str(resolve_style(style)))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    expected = (BUILD / f"paper.{style}.txt").read_text(encoding="utf-8")
    assert done.stdout == expected


@pytest.mark.clients
def test_the_styles_label_sections_their_own_way() -> None:
    """The golden files hold each style's label (a regression here means a wrong locator)."""
    chicago, apa, mla = ((BUILD / f"paper.{s}.txt").read_text("utf-8") for s in STYLES)
    assert "May 16, 2022, sec. 1." in chicago and "Relations,” secs. 2–4." in chicago
    assert "(Hornung, 2022a, Section 1)" in apa and "Hornung (2022a, Sections 2–4)" in apa
    assert "(see Hornung, 2022b, Section 2, para. 2; Hornung, 2022a, Section 5)" in apa
    assert "Relations,” sec. 1)" in mla and "Relations,” secs. 2–4)" in mla


@pytest.mark.clients
@pytest.mark.parametrize("which", pandocs())
def test_unknown_number_fails_pandoc(which: Any, tmp_path: Path) -> None:
    pandoc = which()
    (tmp_path / "bad.md").write_text("As argued [@tpv:999, q3].\n", encoding="utf-8")
    done = run_pandoc(pandoc, "bad.md", cwd=tmp_path)
    assert done.returncode != 0
    ours = [line for line in done.stderr.splitlines() if line.startswith("transpacific-cite-")]
    assert ours == [
        "transpacific-cite-pandoc: error: unknown series number: tpv:999 (cited at "
        f"[@tpv:999, q3]); looked in the catalog {tmp_path / 'absent.sqlite3'}, the bundled "
        "examples"
    ]
    assert done.stdout == ""
