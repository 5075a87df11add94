"""Manifest builds: outputs, incremental rebuilds, manifest errors naming their line, links."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from transpacific_cite import BuildError, build_manifest, load
from transpacific_cite._build.manifest import read_manifest
from transpacific_cite._build.outputs import link_pinpoint
from transpacific_cite._cli import main
from transpacific_cite._model import Pinpoint

from .conftest import EXAMPLES, FIXTURES

MANIFEST = """\
styles = ["chicago", "apa"]

[[entries]]
file = "319.json"
[[entries]]
file = "486.json"

[outputs]
bib = "refs.bib"
csl-json = "refs.json"
bibliography = "bib"
citations = "cites"
formats = ["txt", "html"]

[[citations]]
number = 486
pinpoint = "q2"
[[citations]]
number = 319
pinpoint = "q2-q4"
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(tmp_path / "absent.sqlite3"))
    folder = tmp_path / "paper"
    folder.mkdir()
    shutil.copy(EXAMPLES / "319-hornung.json", folder / "319.json")
    shutil.copy(FIXTURES / "render" / "486-hornung.json", folder / "486.json")
    (folder / "bibliography.toml").write_text(MANIFEST, encoding="utf-8")
    return folder


def outputs_of(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
        if p.suffix != ".toml" and p.name not in ("319.json", "486.json")
    }


def test_build_writes_every_output(project: Path) -> None:
    report = build_manifest(project)
    names = sorted(p.name for p in report.written)
    assert names == sorted(
        ["refs.bib", "refs.json"]
        + [
            f"{kind}.{style}.{ext}"
            for kind in ("bib", "cites")
            for style in ("chicago", "apa")
            for ext in ("txt", "html")
        ]
        + ["cites.tex", "cites.pandoc.md"]
    )
    assert report.unchanged == ()
    data = json.loads((project / "refs.json").read_text("utf-8"))
    assert [item["id"] for item in data] == ["tpv:319", "tpv:486"]
    assert (project / "cites.apa.txt").read_text("utf-8") == (
        "(Hornung, 2022b, Section 2)\n\n(Hornung, 2022a, Sections 2–4)\n"
    )
    assert (project / "cites.tex").read_text("utf-8") == (
        "\\autocite[sec.~2]{tpv:486}\n\\autocite[secs.~2--4]{tpv:319}\n"
    )
    assert (project / "cites.pandoc.md").read_text("utf-8") == (
        "[@tpv:486, sec. 2]\n[@tpv:319, secs. 2-4]\n"
    )
    assert (
        (project / "bib.chicago.txt")
        .read_text("utf-8")
        .startswith(
            "Hornung, Jeffrey. “Japan’s Defense Budget and the Road to 2027.” Interview by Mercy A."
        )
    )


def test_html_pinpoint_links_to_its_question(project: Path) -> None:
    build_manifest(project)
    page = (project / "cites.chicago.html").read_text("utf-8")
    assert (
        '<a href="https://thediplomat.com/2022/11/japans-defense-budget/'
        '#:~:text=Invented%20question%202">sec. 2</a>'
    ) in page
    assert page.count("<a href=") == 2  # 486's pinpoint and 486's own URL; 319 has no URL
    assert "secs. 2–4." in page  # 319 has no URL, so no link


def test_link_pinpoint_over_rendered_html() -> None:
    interview = load(FIXTURES / "render" / "486-hornung.json")
    linked = link_pinpoint("(Hornung 2022, Section 3, para. 2)", Pinpoint(3, 2), interview)
    assert linked == (
        '(Hornung 2022, <a href="https://thediplomat.com/2022/11/japans-defense-budget/'
        '#:~:text=Second%20invented%20answer%20paragraph">Section 3, para. 2</a>)'
    )
    no_url = load(EXAMPLES / "319-hornung.json")
    assert link_pinpoint("(Hornung 2022, sec. 3)", Pinpoint(3), no_url) == (
        "(Hornung 2022, sec. 3)"
    )


def test_second_build_rewrites_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(project)]) == 0
    first = outputs_of(project)
    capsys.readouterr()
    assert main(["build", str(project)]) == 0
    assert capsys.readouterr().out == "nothing to do: 12 outputs up to date\n"
    assert outputs_of(project) == first  # same bytes, same mtimes


def test_a_change_rebuilds_only_what_it_touches(project: Path) -> None:
    build_manifest(project)
    before = outputs_of(project)
    manifest = project / "bibliography.toml"
    manifest.write_text(
        MANIFEST.replace('csl-json = "refs.json"', 'csl-json = "refs.json"\nbib-format = "bibtex"'),
        encoding="utf-8",
    )
    report = build_manifest(project)
    assert [p.name for p in report.written] == ["refs.bib"]
    after = outputs_of(project)
    assert {k for k in after if after[k] != before[k]} == {"refs.bib"}
    assert after["refs.bib"][0].startswith(b"@misc{tpv:319,")


def test_an_edited_entry_rewrites_the_outputs_that_show_it(project: Path) -> None:
    build_manifest(project)
    data = json.loads((project / "486.json").read_text("utf-8"))
    data["title"] = "Japan's Defense Budget Revisited"
    (project / "486.json").write_text(json.dumps(data), encoding="utf-8")
    report = build_manifest(project)
    written = {p.name for p in report.written}
    assert "refs.json" in written and "bib.apa.txt" in written
    assert {"cites.tex", "cites.pandoc.md", "cites.apa.txt"}.isdisjoint(written)  # same text
    assert "Revisited" in (project / "bib.apa.txt").read_text("utf-8")


def test_deleted_output_is_written_again(project: Path) -> None:
    build_manifest(project)
    (project / "refs.bib").unlink()
    assert [p.name for p in build_manifest(project).written] == ["refs.bib"]


def test_state_lives_in_the_cache_folder_not_beside_outputs(project: Path) -> None:
    build_manifest(project)
    import os

    cache = Path(os.environ["TRANSPACIFIC_CITE_CACHE"])
    assert len(list((cache / "builds").glob("*.json"))) == 1
    assert not [p for p in project.iterdir() if p.name.startswith(".")]


def test_manifest_never_modified(project: Path) -> None:
    manifest = project / "bibliography.toml"
    before = (manifest.read_bytes(), manifest.stat().st_mtime_ns)
    build_manifest(project)
    assert (manifest.read_bytes(), manifest.stat().st_mtime_ns) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            ('pinpoint = "q2"', 'pinpiont = "q2"'),
            "line 17: unknown key 'pinpiont' in [citations]; known: number, pinpoint",
            id="unknown-citation-key",
        ),
        pytest.param(
            ('bib = "refs.bib"', 'bib = "refs.bib"\nbibs = "x.bib"'),
            "line 10: unknown key 'bibs' in [outputs]; known: bib, bib-format",
            id="unknown-output-key",
        ),
        pytest.param(
            ('formats = ["txt", "html"]', 'formats = ["txt", "pdf"]'),
            "line 13: formats: unknown value 'pdf'; choose from md, html, txt",
            id="bad-format",
        ),
        pytest.param(
            ('file = "486.json"', "number = 0"),
            "line 6: number must be a series number (1 or more), not 0",
            id="bad-number",
        ),
        pytest.param(
            ('styles = ["chicago", "apa"]', 'styles = ["chicago", "apa"]\nstyle = "mla"'),
            "line 2: unknown key 'style' in the top level; known: styles, locale",
            id="unknown-top-key",
        ),
        pytest.param(
            ('file = "486.json"', 'file = "486.json"\nnumber = 486'),
            "line 7: an entry names exactly one of file, files, number, key, url, zotero, not file and number",
            id="two-kinds",
        ),
        pytest.param(
            ("[outputs]", "[outputs\n"),
            "not valid TOML: ",
            id="not-toml",
        ),
        pytest.param(
            ('pinpoint = "q2-q4"', 'pinpoint = "q9"'),
            "line 20: interview 319 has 5 sections; there is no section 9",
            id="pinpoint-past-sections",
        ),
    ],
)
def test_manifest_errors_name_the_line(
    project: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], message: str
) -> None:
    manifest = project / "bibliography.toml"
    manifest.write_text(MANIFEST.replace(*change), encoding="utf-8")
    assert main(["build", str(project)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"transpacific-cite: error: {manifest}")
    assert message in err
    assert err.count("\n") == 1
    assert not (project / "refs.bib").exists()  # nothing half-built


def test_unknown_number_entry(project: Path) -> None:
    (project / "bibliography.toml").write_text(
        '[[entries]]\nnumber = 999\n[outputs]\nbib = "refs.bib"\n', encoding="utf-8"
    )
    with pytest.raises(BuildError) as caught:
        build_manifest(project)
    assert str(caught.value).startswith(
        f"{project / 'bibliography.toml'} line 2: unknown series number: tpv:999; looked in"
    )


def test_manifest_paths_are_relative_to_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.parent)
    report = build_manifest(Path("paper") / "bibliography.toml")
    assert all(p.parent == project for p in report.written)
    assert read_manifest(project).folder == project


def test_zotero_export_is_a_source(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FIXTURES / "zotero" / "library.csl.json", project / "library.json")
    (project / "bibliography.toml").write_text(
        '[[entries]]\nfile = "319.json"\n[[entries]]\nzotero = "library.json"\n'
        '[outputs]\ncsl-json = "refs.json"\n',
        encoding="utf-8",
    )
    assert main(["build", str(project)]) == 0
    data = json.loads((project / "refs.json").read_text("utf-8"))
    assert [(item["id"], item["title"]) for item in data] == [
        ("tpv:319", "Ukraine War: The Impact on Japan-Russia Relations"),
        ("tpv:412", "The East China Sea After the Summit"),
        ("tpv:486", "Supply Chains Across the Pacific"),
        ("tpv:500", "Alliances in an Election Year"),
    ]
    assert [a["family"] for a in data[2]["author"]] == ["Núñez", "Satō"]
    err = capsys.readouterr().err
    assert "2 item(s) are not series entries and were left out" in err


def test_a_file_that_is_not_an_export(project: Path) -> None:
    (project / "bibliography.toml").write_text(
        '[[entries]]\nzotero = "319.json"\n[outputs]\ncsl-json = "refs.json"\n',
        encoding="utf-8",
    )
    with pytest.raises(BuildError) as caught:
        build_manifest(project)
    assert str(caught.value) == (
        f"{project / 'bibliography.toml'} line 2: {project / '319.json'} is not a Zotero export "
        "(CSL JSON, Better BibTeX JSON or RIS); name a model JSON or article with file ="
    )
