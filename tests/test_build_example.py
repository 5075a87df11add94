"""``transpacific-cite build examples/paper``: every output, each read by its real client.

The example folder is copied to a temporary folder first, so the test also shows that it
names nothing outside itself; no catalog exists and nothing is fetched.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from transpacific_cite._cli import main
from transpacific_cite._render import resolve_style

from .conftest import EXAMPLES, need_client, pandoc3
from .test_build_pandoc import FILTER
from .test_csl import assert_valid

SERIES = "The Trans-Pacific View Insight Series"
OUTPUTS = sorted(
    ["refs.bib", "refs.json", "refs.ris", "refs.rdf", "citations.tex", "citations.pandoc.md"]
    + [
        f"{kind}.{style}.{ext}"
        for kind in ("bibliography", "citations")
        for style in ("chicago", "apa", "mla")
        for ext in ("md", "html", "txt")
    ]
)
APA_ENTRY = (
    "Hornung, J. (2022, May 16). Ukraine War: The Impact on Japan-Russia Relations "
    "(M. A. Kuo, Interviewer). The Diplomat, The Trans-Pacific View Insight Series."
)


@pytest.fixture
def paper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(tmp_path / "absent.sqlite3"))
    folder = tmp_path / "paper"
    shutil.copytree(
        EXAMPLES / "paper",
        folder,
        ignore=lambda _d, names: [
            n
            for n in names
            if n.startswith(("refs.", "citations.", "bibliography.")) and n != "bibliography.toml"
        ],
    )
    return folder


@pytest.fixture
def built(paper: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["build", str(paper)]) == 0
    out = capsys.readouterr().out
    assert sorted(line.removeprefix("wrote ") for line in out.splitlines()) == OUTPUTS
    return paper


def run(args: list[str], cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=180, check=False
    )


def test_example_outputs_and_second_build(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (built / "bibliography.apa.txt").read_text("utf-8") == APA_ENTRY + "\n"
    assert (
        (built / "citations.chicago.txt")
        .read_text("utf-8")
        .splitlines()[0]
        .endswith("The Trans-Pacific View Insight Series, May 16, 2022, sec. 1.")
    )
    assert_valid(json.loads((built / "refs.json").read_text("utf-8")))
    mtimes = {p.name: p.stat().st_mtime_ns for p in built.iterdir()}
    assert main(["build", str(built)]) == 0
    assert capsys.readouterr().out == f"nothing to do: {len(OUTPUTS)} outputs up to date\n"
    assert {p.name: p.stat().st_mtime_ns for p in built.iterdir()} == mtimes


def test_refs_rdf_is_a_zotero_interview_with_both_creators(built: Path) -> None:
    from transpacific_cite._formats.zotero_rdf import read_items

    (item,) = read_items((built / "refs.rdf").read_text("utf-8"), source="refs.rdf")
    assert item["type"] == "interview"
    assert item["title"] == "Ukraine War: The Impact on Japan-Russia Relations"
    assert item["author"] == [{"family": "Hornung", "given": "Jeffrey"}]
    assert item["interviewer"] == [{"family": "Kuo", "given": "Mercy A."}]
    assert item["issued"] == {"date-parts": [[2022, 5, 16]]}


def test_example_script_builds_from_python(paper: Path) -> None:
    done = run([sys.executable, str(EXAMPLES / "build_paper.py"), str(paper)], paper)
    assert done.returncode == 0, done.stderr
    assert sorted(line.removeprefix("wrote ") for line in done.stdout.splitlines()) == OUTPUTS
    again = run([sys.executable, str(EXAMPLES / "build_paper.py"), str(paper)], paper)
    assert again.stdout == f"up to date: {len(OUTPUTS)} outputs\n"


@pytest.mark.clients
@pytest.mark.parametrize(
    "which",
    [
        pytest.param(pandoc3, id="pandoc-3.9"),
        pytest.param(lambda: need_client("pandoc", "/usr/bin/pandoc"), id="pandoc-2.17"),
    ],
)
def test_pandoc_reads_refs_json_and_the_paper(built: Path, which: object) -> None:
    pandoc = which()  # type: ignore[operator]
    apa = str(resolve_style("apa"))
    listing = run(
        [
            pandoc,
            "--citeproc",
            "--bibliography",
            "refs.json",
            "--csl",
            apa,
            "-f",
            "markdown",
            "-t",
            "plain",
            "--wrap=none",
        ],
        built,
        stdin="---\nnocite: '@*'\n---\n",
    )
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout == APA_ENTRY + "\n"
    filtered = run(
        [
            pandoc,
            "paper.md",
            "--filter",
            str(FILTER),
            "--citeproc",
            "--csl",
            apa,
            "-t",
            "plain",
            "--wrap=none",
        ],
        built,
    )
    assert filtered.returncode == 0, filtered.stderr
    assert "sanctions (Hornung, 2022, Section 1). Hornung (2022, Sections 2–4) then" in (
        filtered.stdout
    )
    assert "the G-7 (see Hornung, 2022, Section 5)." in filtered.stdout
    assert filtered.stdout.endswith("References\n\n" + APA_ENTRY + "\n")


@pytest.mark.clients
def test_paper_tex_compiles_with_refs_bib(built: Path) -> None:
    pdflatex = need_client("pdflatex")
    biber = need_client("biber")
    pdftotext = need_client("pdftotext")
    latex = [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "paper.tex"]
    assert run(latex, built).returncode == 0
    tool = run([biber, "paper"], built)
    assert tool.returncode == 0, tool.stdout
    for _ in range(2):
        again = run(latex, built)
        assert again.returncode == 0, again.stdout[-2000:]
    text = " ".join(run([pdftotext, "paper.pdf", "-"], built).stdout.split())
    assert "sanctions (Hornung 2022, sec. 1). Hornung (2022, secs. 2–4) then" in text
    assert "(see Hornung 2022, sec. 5)" in text
    assert "Hornung, Jeffrey (May 16, 2022)." in text
    assert SERIES.replace("-", "") in text.replace("-", "")
