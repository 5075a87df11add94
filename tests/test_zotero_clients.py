"""Enriched .bib libraries read by the real clients: biber/biblatex and BibTeX (plain.bst)
typeset every series entry as an interview by its interviewee, with the series and number."""

from __future__ import annotations

from pathlib import Path

import pytest

from transpacific_cite._formats import bibtex
from transpacific_cite._zotero.recognise import recognise

from .conftest import FIXTURES, need_client
from .test_clients import biber_problems, compile_document, norm

pytestmark = pytest.mark.clients

SERIES_KEYS = {
    "biblatex": (
        "kuoJapanSpaceStrategy2023", "kuoKoreaSemiconductorSupply2023",
        "kuoUkraineWarImpact2022", "hornungJapanDefenseBudget2022",
    ),
    "bibtex": ("kuo_japans_2023", "kuo_koreas_2023", "kuo_ukraine_2022", "hornung_japans_2022"),
}  # fmt: skip


def enriched(name: str) -> str:
    text = (FIXTURES / "zotero" / name).read_text(encoding="utf-8")
    result = bibtex.enrich(text, source=name, recognise=recognise)
    assert len(result.reports) == 4
    return result.text


def test_biber_validates_and_renders_the_enriched_entries(tmp_path: Path) -> None:
    biber = need_client("biber")
    rendered = compile_document(
        tmp_path,
        enriched("library.biblatex.bib"),
        packages="\\usepackage{csquotes}\\usepackage[backend=biber,style=authoryear]{biblatex}"
        "\\addbibresource{refs.bib}",
        bibliography="\\printbibliography",
        backend=[biber, "--validate-datamodel", "doc"],
    )
    # the library's other entries are the user's business (a custom field, say); ours are clean
    ours = [p for p in biber_problems(tmp_path) if any(k in p for k in SERIES_KEYS["biblatex"])]
    assert ours == []
    page = norm(rendered)
    for author, number in (
        ("Tanaka, Aiko", ", no. 401."),
        ("Lee, Min-jun", ", no. 402."),
        ("Hornung, Jeffrey", "."),  # 319: number undetermined
        ("Hornung, Jeffrey", ", no. 350."),
    ):
        tail = f"interview by Mercy A. Kuo. In: The Diplomat. The Trans-Pacific View Insight Series{number}"
        assert author in page
        assert norm(tail) in page, tail


def test_bibtex_plain_renders_the_enriched_entries(tmp_path: Path) -> None:
    bibtex_program = need_client("bibtex")
    rendered = compile_document(
        tmp_path,
        enriched("library.bibtex.bib"),
        packages="\\usepackage{url}",
        bibliography="\\bibliographystyle{plain}\\bibliography{refs}",
        backend=[bibtex_program, "doc"],
    )
    blg = (tmp_path / "doc.blg").read_text(encoding="utf-8", errors="replace")
    assert not [k for k in SERIES_KEYS["bibtex"] if k in blg], blg
    page = norm(rendered)
    for expected in (
        "Aiko Tanaka. Japan's Space Strategy and the Alliance. The Diplomat, March 2023. "
        "Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series, no. 401.",
        "Jeffrey Hornung. Ukraine War: The Impact on Japan-Russia Relations. The Diplomat, May "
        "2022. Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series.",
    ):
        assert norm(expected) in page, expected
