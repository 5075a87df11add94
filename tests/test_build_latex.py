"""``transpacific-cite latex``: the .bib of the tpv: keys an .aux or .bcf cites.

The client tests compile LaTeX papers citing ``tpv:`` keys (fixtures in tests/fixtures/build/)
with pdflatex + BibTeX (plain.bst) and pdflatex + biber (biblatex authoryear), running the
``latex`` command between the first pdflatex and the bibliography tool, as a writer would.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from transpacific_cite._build.latex import cited_keys, latex_bib
from transpacific_cite._build.resolve import Sources
from transpacific_cite._cli import main
from transpacific_cite._formats.bibtex import read_bib

from .conftest import FIXTURES, need_client

BUILD = FIXTURES / "build"
SOURCE_486 = FIXTURES / "render" / "486-hornung.json"
SERIES = "The Trans-Pacific View Insight Series"


@pytest.fixture(autouse=True)
def _no_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(tmp_path / "absent.sqlite3"))


def test_aux_keys_follow_included_aux_files(tmp_path: Path) -> None:
    (tmp_path / "paper.aux").write_text(
        "\\relax\n\\citation{tpv:319,smith2020}\n\\@input{ch1.aux}\n\\bibdata{tpv}\n",
        encoding="utf-8",
    )
    (tmp_path / "ch1.aux").write_text("\\citation{tpv:486}\n\\citation{tpv:319}\n", "utf-8")
    assert cited_keys(tmp_path / "paper.aux") == (
        "bibtex",
        ["tpv:319", "smith2020", "tpv:486", "tpv:319"],
    )


def test_bcf_keys(tmp_path: Path) -> None:
    (tmp_path / "paper.bcf").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bcf:controlfile version="3.10" xmlns:bcf="https://sourceforge.net/projects/biblatex">'
        '<bcf:section number="0"><bcf:citekey order="1" intorder="1">tpv:319</bcf:citekey>'
        '<bcf:citekey order="2" intorder="1">smith2020</bcf:citekey></bcf:section>'
        "</bcf:controlfile>\n",
        encoding="utf-8",
    )
    assert cited_keys(tmp_path / "paper.bcf") == ("biblatex", ["tpv:319", "smith2020"])


def test_bib_holds_exactly_the_tpv_keys_cited(tmp_path: Path) -> None:
    (tmp_path / "paper.aux").write_text(
        "\\citation{smith2020}\n\\citation{tpv:486}\n\\citation{tpv:319}\n", encoding="utf-8"
    )
    result = latex_bib(tmp_path / "paper.aux", sources=Sources(files=(SOURCE_486,)))
    assert result.dialect == "bibtex"
    assert result.numbers == (486, 319)
    entries = read_bib(result.text)
    assert list(entries) == ["tpv:486", "tpv:319"]
    assert entries["tpv:319"].type == "misc"
    assert entries["tpv:319"].persons["author"] == (("Jeffrey", "Hornung"),)
    assert SERIES in entries["tpv:319"].fields["note"]


def test_unknown_number_is_one_line_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aux = tmp_path / "paper.aux"
    aux.write_text("\\citation{tpv:999}\n\\citation{tpv:319}\n", encoding="utf-8")
    assert main(["latex", str(aux), "-o", str(tmp_path / "tpv.bib")]) == 2
    assert capsys.readouterr().err == (
        f"transpacific-cite: error: unknown series number: tpv:999 (in {aux}); looked in the "
        f"catalog {tmp_path / 'absent.sqlite3'}, the bundled examples\n"
    )
    assert not (tmp_path / "tpv.bib").exists()


def test_other_files_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tex = tmp_path / "paper.tex"
    tex.write_text("\\cite{tpv:319}", encoding="utf-8")
    assert main(["latex", str(tex)]) == 2
    assert "give the .aux file (BibTeX) or the .bcf file" in capsys.readouterr().err


def test_no_tpv_key_warns_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aux = tmp_path / "paper.aux"
    aux.write_text("\\citation{smith2020}\n", encoding="utf-8")
    assert main(["latex", str(aux)]) == 0
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == f"warning: {aux}: cites no tpv: key; nothing to write\n"


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=180, check=False
    )


def compile_paper(tmp_path: Path, tex: str, bib_tool: list[str], meta: str) -> str:
    """pdflatex, ``latex`` on the .aux/.bcf, the bibliography tool, pdflatex twice: PDF text."""
    pdflatex = need_client("pdflatex")
    pdftotext = need_client("pdftotext")
    shutil.copy(BUILD / tex, tmp_path / "paper.tex")
    shutil.copy(BUILD / "own.bib", tmp_path / "own.bib")
    latex = [pdflatex, "-interaction=nonstopmode", "paper.tex"]
    first = run(latex, tmp_path)
    assert (tmp_path / f"paper.{meta}").exists(), first.stdout[-2000:]
    assert (
        main(
            [
                "latex",
                str(tmp_path / f"paper.{meta}"),
                "-o",
                str(tmp_path / "tpv.bib"),
                "--source",
                str(SOURCE_486),
            ]
        )
        == 0
    )
    tool = run(bib_tool, tmp_path)
    assert tool.returncode == 0, tool.stdout + tool.stderr
    for _ in range(2):
        again = run(latex, tmp_path)
        assert again.returncode == 0, again.stdout[-3000:]
    log = (tmp_path / "paper.log").read_text(encoding="utf-8", errors="replace")
    assert "undefined" not in log.lower(), log[-2000:]
    pdf = run([pdftotext, "paper.pdf", "-"], tmp_path)
    return " ".join(pdf.stdout.split())


def series_count(text: str) -> int:
    """How often the series is named; pdftotext drops a hyphen at a line break, so unhyphenated."""
    return text.replace("-", "").count(SERIES.replace("-", ""))


@pytest.mark.clients
def test_bibtex_plain_compiles_a_tpv_paper(tmp_path: Path) -> None:
    text = compile_paper(tmp_path, "paper-bibtex.tex", [need_client("bibtex"), "paper"], "aux")
    assert "Japan’s first reaction [2, sec. 1]; the budget [1, secs. 2–4]; other work [3]." in text
    assert "[1] Jeffrey Hornung. Japan’s Defense Budget and the Road to 2027." in text
    assert "[2] Jeffrey Hornung. Ukraine War: The Impact on Japan-Russia Relations." in text
    assert "Interview by Mercy A. Kuo." in text
    assert series_count(text) == 2
    assert "[3] Ann Smith. A Book of Our Own." in text  # the writer's own .bib beside ours


@pytest.mark.clients
def test_biblatex_biber_compiles_a_tpv_paper(tmp_path: Path) -> None:
    text = compile_paper(tmp_path, "paper-biblatex.tex", [need_client("biber"), "paper"], "bcf")
    assert "reaction (Hornung 2022b, sec. 1); the budget (Hornung 2022a, secs. 2–4)." in text
    assert (
        "Hornung, Jeffrey (Nov. 7, 2022a). “Japan’s Defense Budget and the Road to 2027”." in text
    )
    assert "(May 16, 2022b). “Ukraine War: The Impact on Japan-Russia Relations”." in text
    assert series_count(text) == 2
