"""The pybtex plugins, loaded the way pybtex loads them: by entry point name and by suffix.

The ``.bib`` entries under test are written by our own exporters (both dialects, with and
without ``--byline``), so the styles are checked against what users actually feed them. An
ordinary article must come out exactly as pybtex's own ``unsrt``/``alpha`` print it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pybtex import format_from_file
from pybtex.database import parse_file, parse_string
from pybtex.exceptions import PybtexError
from pybtex.plugin import find_plugin
from pybtex.style.formatting.alpha import Style as PybtexAlpha
from pybtex.style.formatting.unsrt import Style as PybtexUnsrt

from transpacific_cite import load
from transpacific_cite._formats.bibtex import to_bib
from transpacific_cite._formats.csl import dumps, to_csl_data
from transpacific_cite._model import Interview, Person
from transpacific_cite.plugins.pybtex import AlphaStyle, JsonParser, UnsrtStyle

from .conftest import EXAMPLES, FIXTURES, shared_file

URL = "https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/"
ARTICLE = """@article{knuth1984,
  author = {Donald E. Knuth},
  title = {Literate Programming},
  journal = {The Computer Journal},
  volume = {27},
  number = {2},
  pages = {97--111},
  year = {1984}
}
"""
# pybtex's own unsrt item for ARTICLE, as its command line prints it (checked below too).
ARTICLE_ITEM = (
    "Donald~E. Knuth.\n"
    "\\newblock Literate programming.\n"
    "\\newblock \\emph{The Computer Journal}, 27(2):97–111, 1984.\n"
)
WEB = "\\newblock URL: \\url{" + URL + "} (visited on May 20, 2022).\n"
HEAD = (
    "Jeffrey Hornung.\n"
    "\\newblock Ukraine War: The Impact on Japan-Russia Relations.\n"
    "\\newblock Interview by Mercy~A. Kuo.\n"
)
# biblatex keeps the full date; classic BibTeX has only month and year.
MODERN_ITEM = (
    HEAD
    + "\\newblock \\emph{The Diplomat}, The Trans-Pacific View Insight Series, no.~319, May 16, 2022.\n"
    + WEB
)
CLASSIC_ITEM = (
    HEAD
    + "\\newblock \\emph{The Diplomat}, The Trans-Pacific View Insight Series, no.~319, May 2022.\n"
    + WEB
)
TEXT_319 = (
    "Jeffrey Hornung. Ukraine War: The Impact on Japan-Russia Relations. Interview by Mercy A. "
    "Kuo. The Diplomat, The Trans-Pacific View Insight Series, no. 319, May 16, 2022. "
    f"URL: {URL} (visited on May 20, 2022)."
)


@pytest.fixture(scope="module")
def hornung() -> Interview:
    return dataclasses.replace(
        load(EXAMPLES / "319-hornung.json"), url=URL, accessed=dt.date(2022, 5, 20)
    )


def bib(interview: Interview, key: str, dialect: str, *, byline: bool = False) -> str:
    return to_bib([interview], [key], dialect=dialect, byline=byline).text  # type: ignore[arg-type]


def run_pybtex(
    tmp_path: Path, style: str, keys: list[str], bibtext: str
) -> subprocess.CompletedProcess[str]:
    """pybtex's own command line, Python styles, on an .aux citing ``keys``.

    pybtex 0.26.1 takes the style from the .aux's \\bibstyle and ignores ``-s`` with
    ``-l python`` (its make_bibliography passes aux_data.style on), so both name it.
    """
    (tmp_path / "refs.bib").write_text(bibtext, encoding="utf-8")
    aux = "".join(f"\\citation{{{key}}}\n" for key in keys)
    (tmp_path / "paper.aux").write_text(aux + f"\\bibstyle{{{style}}}\n\\bibdata{{refs}}\n")
    pybtex = Path(sys.executable).with_name("pybtex")
    return subprocess.run(
        [str(pybtex), "-l", "python", "-s", style, "paper"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


def bbl_items(bbl: str) -> dict[str, tuple[str, str]]:
    """``\\bibitem[label]{key}`` -> (label, the item's text) from a .bbl."""
    items: dict[str, tuple[str, str]] = {}
    body = bbl.split("\n\n", 1)[1].rsplit("\\end{thebibliography}", 1)[0]
    for chunk in body.strip().split("\n\n"):
        head, _, text = chunk.partition("\n")
        label, key = head.removeprefix("\\bibitem[").split("]{")
        items[key.rstrip("}")] = (label, text + "\n")
    return items


# -- the host's loader ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "name", "expected", "parent"),
    [
        pytest.param(
            "pybtex.style.formatting", "tpc-unsrt", UnsrtStyle, PybtexUnsrt, id="tpc-unsrt"
        ),
        pytest.param(
            "pybtex.style.formatting", "tpc-alpha", AlphaStyle, PybtexAlpha, id="tpc-alpha"
        ),
        pytest.param("pybtex.database.input", "tpc-json", JsonParser, object, id="tpc-json"),
    ],
)
def test_found_by_name_through_the_entry_points(
    group: str, name: str, expected: type, parent: type
) -> None:
    plugin = find_plugin(group, name)
    assert plugin is expected
    assert issubclass(plugin, parent)


def test_the_input_plugin_is_found_by_suffix() -> None:
    assert find_plugin("pybtex.database.input", filename="refs.json") is JsonParser
    assert find_plugin("pybtex.database.input", filename="refs.bib") is not JsonParser


# -- pybtex's command line --------------------------------------------------------------------


@pytest.mark.slow
def test_command_line_formats_both_dialects_as_interviews(
    tmp_path: Path, hornung: Interview
) -> None:
    text = bib(hornung, "modern", "biblatex") + bib(hornung, "classic", "bibtex") + ARTICLE
    result = run_pybtex(tmp_path, "tpc-unsrt", ["modern", "classic", "knuth1984"], text)
    assert result.returncode == 0, result.stderr
    bbl = (tmp_path / "paper.bbl").read_text(encoding="utf-8")
    assert bbl == (
        "\\begin{thebibliography}{1}\n\n"
        "\\bibitem[1]{modern}\n" + MODERN_ITEM + "\n"
        "\\bibitem[2]{classic}\n" + CLASSIC_ITEM + "\n"
        "\\bibitem[3]{knuth1984}\n" + ARTICLE_ITEM + "\n"
        "\\end{thebibliography}\n"
    )


@pytest.mark.slow
@pytest.mark.parametrize(("ours", "theirs"), [("tpc-unsrt", "unsrt"), ("tpc-alpha", "alpha")])
def test_an_ordinary_article_is_exactly_pybtex_own(
    tmp_path: Path, hornung: Interview, ours: str, theirs: str
) -> None:
    text = bib(hornung, "classic", "bibtex") + ARTICLE
    (tmp_path / "ours").mkdir()
    mine = run_pybtex(tmp_path / "ours", ours, ["classic", "knuth1984"], text)
    assert mine.returncode == 0, mine.stderr
    (tmp_path / "theirs").mkdir()
    pybtex_own = run_pybtex(tmp_path / "theirs", theirs, ["knuth1984"], ARTICLE)
    assert pybtex_own.returncode == 0, pybtex_own.stderr
    ours_items = bbl_items((tmp_path / "ours" / "paper.bbl").read_text(encoding="utf-8"))
    theirs_items = bbl_items((tmp_path / "theirs" / "paper.bbl").read_text(encoding="utf-8"))
    assert ours_items["knuth1984"][1] == theirs_items["knuth1984"][1] == ARTICLE_ITEM
    if theirs == "alpha":
        assert ours_items["knuth1984"][0] == theirs_items["knuth1984"][0] == "Knu84"


@pytest.mark.slow
def test_plain_unsrt_cannot_format_our_biblatex_entry_and_ours_can(
    tmp_path: Path, hornung: Interview
) -> None:
    text = bib(hornung, "hornung2022tpv319", "biblatex")
    (tmp_path / "plain").mkdir()
    plain = run_pybtex(tmp_path / "plain", "unsrt", ["hornung2022tpv319"], text)
    assert plain.returncode != 0
    assert "missing journal in hornung2022tpv319" in plain.stderr
    (tmp_path / "ours").mkdir()
    ours = run_pybtex(tmp_path / "ours", "tpc-unsrt", ["hornung2022tpv319"], text)
    assert ours.returncode == 0, ours.stderr
    bbl = (tmp_path / "ours" / "paper.bbl").read_text(encoding="utf-8")
    assert bbl_items(bbl) == {"hornung2022tpv319": ("1", MODERN_ITEM)}


@pytest.mark.slow
def test_alpha_labels_and_sorts_interviews_by_interviewee_and_year(
    tmp_path: Path, hornung: Interview
) -> None:
    # the biblatex entry has only ``date``: its label still gets the year (Hor22, not Hor)
    text = (
        bib(hornung, "modern", "biblatex")
        + ARTICLE
        + bib(hornung, "byline", "biblatex", byline=True)
    )
    result = run_pybtex(tmp_path, "tpc-alpha", ["modern", "knuth1984", "byline"], text)
    assert result.returncode == 0, result.stderr
    items = bbl_items((tmp_path / "paper.bbl").read_text(encoding="utf-8"))
    assert list(items) == ["modern", "byline", "knuth1984"]
    assert items == {
        "modern": ("Hor22a", MODERN_ITEM),
        "byline": ("Hor22b", MODERN_ITEM),
        "knuth1984": ("Knu84", ARTICLE_ITEM),
    }


# -- Zotero's and Better BibTeX's own shapes ---------------------------------------------------

# Zotero's interview item (Hornung interviewee, Kuo interviewer) as its translators write it:
# BibLaTeX puts the interviewer in ``author`` and the interviewee in ``editora`` typed
# ``collaborator``; BibTeX keeps the interviewee as ``author`` and the interviewer in
# ``collaborator``. Neither says which number it is.
ZOTERO_INTERVIEW = {
    "biblatex": """
@misc{zoteroInterview,
	title = {Ukraine War: The Impact on Japan-Russia Relations},
	url = {https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/},
	author = {Kuo, Mercy A.},
	editora = {Hornung, Jeffrey},
	editoratype = {collaborator},
	date = {2022-05-16},
}
""",
    "bibtex": """
@misc{zoteroInterview,
	title = {Ukraine {War}: {The} {Impact} on {Japan}-{Russia} {Relations}},
	url = {https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/},
	author = {Hornung, Jeffrey},
	collaborator = {Kuo, Mercy A.},
	month = may,
	year = {2022},
}
""",
}


def zotero_item(
    who: str, title: str, number: str | None, date: str, url: str | None, visited: str = ""
) -> str:
    series = "The Trans-Pacific View Insight Series" + (f", no.~{number}" if number else "")
    text = (
        f"{who}.\n\\newblock {title}.\n\\newblock Interview by Mercy~A. Kuo.\n"
        f"\\newblock \\emph{{The Diplomat}}, {series}, {date}.\n"
    )
    if url:
        text += f"\\newblock URL: \\url{{{url}}}{visited}.\n"
    return text


D = "https://thediplomat.com/"
SPACE = D + "2023/03/japans-space-strategy-and-the-alliance/"
KOREA = D + "2023/04/koreas-semiconductor-supply-chains/"
# The series items of tests/fixtures/zotero/library.{biblatex,bibtex}.bib plus Zotero's
# interview shape, by dialect: the intro sentence in Extra (note), the intro in the abstract,
# "Insights from" alone (number unknown offline), our own shape, and Zotero's interview item.
ZOTERO_SERIES = {
    "biblatex": {
        "kuoJapanSpaceStrategy2023": zotero_item(
            "Aiko Tanaka", "Japan's Space Strategy and the Alliance", "401", "March 14, 2023",
            SPACE, " (visited on March 20, 2023)",
        ),
        "kuoKoreaSemiconductorSupply2023": zotero_item(
            "Min-jun Lee", "Korea's Semiconductor Supply Chains", "402", "April 2, 2023", KOREA
        ),
        "kuoUkraineWarImpact2022": zotero_item(
            "Jeffrey Hornung", "Ukraine War: The Impact on Japan-Russia Relations", None,
            "May 16, 2022", URL,
        ),
        "hornungJapanDefenseBudget2022": zotero_item(
            "Jeffrey Hornung", "Japan's Defense Budget", "350", "December 20, 2022",
            D + "2022/12/japans-defense-budget/",
        ),
        "zoteroInterview": zotero_item(
            "Jeffrey Hornung", "Ukraine War: The Impact on Japan-Russia Relations", None,
            "May 16, 2022", URL,
        ),
    },
    "bibtex": {
        "kuo_japans_2023": zotero_item(
            "Aiko Tanaka", "Japan's Space Strategy and the Alliance", "401", "March 2023", SPACE
        ),
        "kuo_koreas_2023": zotero_item(
            "Min-jun Lee", "Korea's Semiconductor Supply Chains", "402", "April 2023", KOREA
        ),
        "kuo_ukraine_2022": zotero_item(
            "Jeffrey Hornung", "Ukraine War: The Impact on Japan-Russia Relations", None,
            "May 2022", URL,
        ),
        # our classic shape keeps the URL in note; this hand-edited entry has it in ``url``
        "hornung_japans_2022": zotero_item(
            "Jeffrey Hornung", "Japan's Defense Budget", "350", "December 2022", None
        ),
        "zoteroInterview": zotero_item(
            "Jeffrey Hornung", "Ukraine War: The Impact on Japan-Russia Relations", None,
            "May 2022", URL,
        ),
    },
}  # fmt: skip
# The library's other items: another site, another author (and a book in BibTeX; the
# biblatex book has only ``date``, which pybtex's own styles refuse: "missing year").
ZOTERO_OTHERS = {
    "biblatex": {
        "kuoTaiwanChipsOther2023": (
            "Kuo",
            "Mercy~A. Kuo.\n\\newblock Taiwan's {{Chips}}.\n"
            "\\newblock URL: \\url{https://example.org/2023/05/taiwans-chips/}.\n",
        ),
        "panditaIndiaPacific2023": (
            "Pan",
            "Rahul Pandita.\n\\newblock India in the {{Pacific}}.\n"
            "\\newblock URL: \\url{https://thediplomat.com/2023/06/india-in-the-pacific/}.\n",
        ),
    },
    "bibtex": {
        "sato_nihon_2019": (
            "SatoMullerOtsukaInstitute19",
            "Ry{ō}ko Sat{ō}, J{ö}rg M{ü}ller, and {{Ō}tsuka Institute}.\n"
            "\\newblock \\emph{Nihon gaik{ō} no kiseki}.\n"
            "\\newblock T{ō}ky{ō} Daigaku Shuppankai, T{ō}ky{ō}, 2019.\n"
            "\\newblock ISBN 978-4-13-030000-0.\n"
            "\\newblock Read for chapter 3.\n"
            "\\newblock \\href{https://doi.org/10.1234/tdsk.2019.0042}{doi:10.1234/tdsk.2019.0042}.\n",
        ),
        "kuo_taiwans_2023": (
            "Kuo23",
            "Mercy~A. Kuo.\n\\newblock Taiwan's {Chips}.\n\\newblock May 2023.\n"
            "\\newblock URL: \\url{https://example.org/2023/05/taiwans-chips/}.\n",
        ),
        "pandita_india_2023": (
            "Pan23",
            "Rahul Pandita.\n\\newblock India in the {Pacific}.\n\\newblock June 2023.\n"
            "\\newblock URL: \\url{https://thediplomat.com/2023/06/india-in-the-pacific/}.\n",
        ),
    },
}
# tpc-alpha's labels and order (pybtex's author_year_title sorting; interviews by interviewee).
ZOTERO_ALPHA = {
    "biblatex": [
        ("hornungJapanDefenseBudget2022", "Hor22a"),
        ("zoteroInterview", "Hor22b"),
        ("kuoUkraineWarImpact2022", "Hor22c"),
        ("kuoTaiwanChipsOther2023", "Kuo"),
        ("kuoKoreaSemiconductorSupply2023", "Lee23"),
        ("panditaIndiaPacific2023", "Pan"),
        ("kuoJapanSpaceStrategy2023", "Tan23"),
    ],
    "bibtex": [
        ("kuo_ukraine_2022", "Hor22a"),
        ("zoteroInterview", "Hor22b"),
        ("hornung_japans_2022", "Hor22c"),
        ("kuo_taiwans_2023", "Kuo23"),
        ("kuo_koreas_2023", "Lee23"),
        ("pandita_india_2023", "Pan23"),
        ("sato_nihon_2019", "SatoMullerOtsukaInstitute19"),
        ("kuo_japans_2023", "Tan23"),
    ],
}

ZOTERO_WIDEST = {"biblatex": "Hor22b", "bibtex": "SatoMullerOtsukaInstitute19"}


def zotero_library(dialect: str) -> str:
    fixture = FIXTURES / "zotero" / f"library.{dialect}.bib"
    return fixture.read_text(encoding="utf-8") + ZOTERO_INTERVIEW[dialect]


@pytest.mark.slow
@pytest.mark.parametrize("dialect", ["biblatex", "bibtex"])
@pytest.mark.parametrize("style", ["tpc-unsrt", "tpc-alpha"])
def test_command_line_formats_zotero_shapes_as_interviews(
    tmp_path: Path, dialect: str, style: str
) -> None:
    """Zotero's and Better BibTeX's exports, cited as they are, through pybtex's command line."""
    series, others = ZOTERO_SERIES[dialect], ZOTERO_OTHERS[dialect]
    keys = [*series, *others]
    result = run_pybtex(tmp_path, style, keys, zotero_library(dialect))
    assert result.returncode == 0, result.stderr
    texts = {**series, **{key: text for key, (_, text) in others.items()}}
    if style == "tpc-unsrt":
        order = [(key, str(n)) for n, key in enumerate(keys, start=1)]
    else:
        order = ZOTERO_ALPHA[dialect]
    # the widest label, as pybtex's LaTeX backend picks it
    widest = "1" if style == "tpc-unsrt" else ZOTERO_WIDEST[dialect]
    assert (tmp_path / "paper.bbl").read_text(encoding="utf-8") == (
        f"\\begin{{thebibliography}}{{{widest}}}\n\n"
        + "".join(f"\\bibitem[{label}]{{{key}}}\n{texts[key]}\n" for key, label in order)
        + "\\end{thebibliography}\n"
    )


@pytest.mark.parametrize("dialect", ["biblatex", "bibtex"])
@pytest.mark.parametrize(("ours", "theirs"), [("tpc-unsrt", "unsrt"), ("tpc-alpha", "alpha")])
def test_zotero_items_that_are_not_series_items_are_pybtex_own(
    dialect: str, ours: str, theirs: str
) -> None:
    """The library's other items come out byte for byte as pybtex's own style prints them."""
    data = parse_string(zotero_library(dialect), "bibtex")
    others = ZOTERO_OTHERS[dialect]
    cited = type(data)(entries={key: data.entries[key] for key in others})
    latex = find_plugin("pybtex.backends", "latex")()

    def items(style: str) -> dict[str, tuple[str, str]]:
        formatted = find_plugin("pybtex.style.formatting", style)().format_bibliography(cited)
        return {e.key: (e.label, e.text.render(latex) + "\n") for e in formatted}

    mine = items(ours)
    assert mine == items(theirs)
    if theirs == "alpha":
        assert mine == others
    else:
        assert {key: text for key, (_, text) in mine.items()} == {
            key: text for key, (_, text) in others.items()
        }


# Each shape alone, through pybtex's loader: (entry, latex text, alpha label).
NUMBER_319 = "\\emph{The Diplomat}, The Trans-Pacific View Insight Series, no.~319, May 16, 2022."


@pytest.mark.parametrize(
    ("entry", "expected", "label"),
    [
        pytest.param(
            ZOTERO_INTERVIEW["biblatex"],
            zotero_item(
                "Jeffrey Hornung",
                "Ukraine War: The Impact on Japan-Russia Relations",
                None,
                "May 16, 2022",
                URL,
            ),
            "Hor22",
            id="zotero-biblatex-interview-editora",
        ),
        pytest.param(
            ZOTERO_INTERVIEW["bibtex"],
            zotero_item(
                "Jeffrey Hornung",
                "Ukraine War: The Impact on Japan-Russia Relations",
                None,
                "May 2022",
                URL,
            ),
            "Hor22",
            id="zotero-bibtex-interview-collaborator",
        ),
        pytest.param(
            # Better BibLaTeX's interview: namea typed collaborator; the intro in a note
            # exported as annote gives the number
            "@misc{bbt, title = {Ukraine {{War}}: {{The Impact}} on {{Japan-Russia Relations}}},"
            " author = {Kuo, Mercy A.}, namea = {Hornung, Jeffrey}, nameatype = {collaborator},"
            " date = {2022-05-16}, url = {" + URL + "}, urldate = {2022-05-20},"
            " annote = {This conversation with Dr. Jeffrey Hornung, political scientist at the"
            " RAND Corporation, is the 319th in ``The Trans-Pacific View Insight Series.''}}",
            "Jeffrey Hornung.\n\\newblock Ukraine War: The Impact on Japan-Russia Relations.\n"
            "\\newblock Interview by Mercy~A. Kuo.\n\\newblock " + NUMBER_319 + "\n" + WEB,
            "Hor22",
            id="better-biblatex-interview-namea-intro-in-annote",
        ),
        pytest.param(
            # a webpage by Kuo, the site in Better BibLaTeX's titleaddon, two experts
            "@online{two, title = {Two Views}, author = {Kuo, Mercy A.},"
            " date = {2021-02-03}, titleaddon = {The Diplomat},"
            " abstract = {Insights from Ana Lima and Jan van der Berg.}}",
            "Ana Lima and Jan van der~Berg.\n\\newblock Two Views.\n"
            "\\newblock Interview by Mercy~A. Kuo.\n"
            "\\newblock \\emph{The Diplomat}, The Trans-Pacific View Insight Series,"
            " February 3, 2021.\n",
            "LvdB21",
            id="better-biblatex-webpage-insights-from-two",
        ),
        pytest.param(
            # a magazineArticle in Zotero's BibTeX: @article, the intro in the abstract
            "@article{mag, title = {Ukraine {War}}, journal = {The Diplomat},"
            " author = {Kuo, Mercy A.}, month = may, year = {2022}, url = {" + URL + "},"
            " abstract = {This conversation with Dr. Jeffrey Hornung, political scientist at"
            " the RAND Corporation, is the 319th in “The Trans-Pacific View Insight Series.”}}",
            "Jeffrey Hornung.\n\\newblock Ukraine War.\n\\newblock Interview by Mercy~A. Kuo.\n"
            "\\newblock \\emph{The Diplomat}, The Trans-Pacific View Insight Series, no.~319,"
            " May 2022.\n\\newblock URL: \\url{" + URL + "}.\n",
            "Hor22",
            id="zotero-bibtex-magazine-article-intro-in-abstract",
        ),
    ],
)
def test_each_zotero_shape_is_an_interview(entry: str, expected: str, label: str) -> None:
    data = parse_string(entry, "bibtex")
    (unsrt,) = find_plugin("pybtex.style.formatting", "tpc-unsrt")().format_bibliography(data)
    assert unsrt.text.render_as("latex") + "\n" == expected
    (alpha,) = find_plugin("pybtex.style.formatting", "tpc-alpha")().format_bibliography(data)
    assert (alpha.label, alpha.text.render_as("latex") + "\n") == (label, expected)


# -- real Zotero exports ---------------------------------------------------------------------


def _formatted(style: str, data: Any) -> tuple[str, str]:
    """(label, LaTeX text) of a one-entry bibliography, or ("error", pybtex's message)."""
    try:
        (entry,) = find_plugin("pybtex.style.formatting", style)().format_bibliography(data)
    except PybtexError as error:
        return "error", str(error)
    return entry.label, entry.text.render_as("latex")


def real_bib_exports() -> list[Path]:
    return sorted(shared_file("zotero", "real-exports").glob("*.bib"))


@pytest.mark.parametrize(("ours", "theirs"), [("tpc-unsrt", "unsrt"), ("tpc-alpha", "alpha")])
def test_real_zotero_libraries_are_exactly_pybtex_own(ours: str, theirs: str) -> None:
    """Every entry of the real Zotero and Better BibTeX .bib exports in ../shared/ (none of them
    a series item) comes out as pybtex's own style prints it, error messages included."""
    files = real_bib_exports()
    assert len(files) == 3
    count = 0
    for path in files:
        data = parse_file(str(path))
        for key, entry in data.entries.items():
            one = type(data)(entries={key: entry})
            assert _formatted(ours, one) == _formatted(theirs, one), (path.name, key)
            count += 1
    assert count == 45


@pytest.mark.parametrize("kind", ["blogpost", "interview"])
@pytest.mark.parametrize("dialect", ["biblatex", "bibtex"])
def test_what_zotero_itself_writes_for_319_is_an_interview(kind: str, dialect: str) -> None:
    """Zotero's own exports of 319 (../shared/zotero/diplomat-319/, written by its translators):
    Hornung first, interviewed by Kuo; no number, since none of them states it."""
    data = parse_file(str(shared_file("zotero", "diplomat-319", f"{kind}.{dialect}.bib")))
    date = "May 16, 2022" if dialect == "biblatex" else "May 2022"
    expected = zotero_item(
        "Jeffrey Hornung", "Ukraine War: The Impact on Japan-Russia Relations", None, date, URL
    ).rstrip("\n")
    assert _formatted("tpc-unsrt", data) == ("1", expected)
    assert _formatted("tpc-alpha", data) == ("Hor22", expected)
    assert _formatted("unsrt", data)[1] != expected


# -- Python use: both dialects, byline, the backends ------------------------------------------


@pytest.mark.parametrize("dialect", ["biblatex", "bibtex"])
@pytest.mark.parametrize("byline", [False, True], ids=["interviewee-author", "byline"])
def test_the_interviewee_comes_first_whoever_is_the_author(
    hornung: Interview, dialect: str, byline: bool
) -> None:
    data = parse_string(bib(hornung, "k", dialect, byline=byline), "bibtex")
    style = find_plugin("pybtex.style.formatting", "tpc-unsrt")()
    (entry,) = style.format_bibliography(data)
    expected = MODERN_ITEM if dialect == "biblatex" else CLASSIC_ITEM
    assert entry.text.render_as("latex") == expected.rstrip("\n")


def test_two_interviewees_and_a_mononym(hornung: Interview) -> None:
    two = dataclasses.replace(
        hornung,
        interviewees=(Person("Hornung", "Jeffrey"), Person("Sukarno"), Person("Satō", "Ryōko")),
    )
    for dialect in ("biblatex", "bibtex"):
        for byline in (False, True):
            data = parse_string(bib(two, "k", dialect, byline=byline), "bibtex")
            (entry,) = find_plugin("pybtex.style.formatting", "tpc-unsrt")().format_bibliography(
                data
            )
            assert entry.text.render_as("text").startswith(
                "Jeffrey Hornung, Sukarno, and Ryōko Satō. Ukraine War"
            ), (dialect, byline)


HOSTILE = "<script>alert('x')</script> & \"Q&A\" 50% of $3 #1 Plan_B {x} ^ \\"


@pytest.mark.parametrize(
    ("backend", "expected"),
    [
        pytest.param(
            "text",
            "Jeffrey Hornung. <script>alert('x')</script> & \"Q&A\" 50% of $3 #1 Plan_B {x} ^ \\."
            " Interview by Mercy A. Kuo. The Diplomat, The Trans-Pacific View Insight Series, "
            f"no. 319, May 16, 2022. URL: {URL} (visited on May 20, 2022).",
            id="text",
        ),
        pytest.param(
            "html",
            "Jeffrey Hornung.\n"
            "&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"Q&amp;A\" 50% of $3 #1 Plan_B {x} ^ \\.\n"
            "Interview by Mercy&nbsp;A. Kuo.\n"
            "<em>The Diplomat</em>, The Trans-Pacific View Insight Series, no.&nbsp;319, May 16, 2022.\n"
            f'URL: <a href="{URL}">{URL}</a> (visited on May 20, 2022).',
            id="html",
        ),
        pytest.param(
            "markdown",
            "Jeffrey Hornung\\.\n"
            "&lt;script&gt;alert\\('x'\\)&lt;/script&gt; &amp; \"Q&amp;A\" 50% of $3 \\#1 Plan\\_B"
            " \\{x\\} ^ \\\\\\.\n"
            "Interview by Mercy A\\. Kuo\\.\n"
            "*The Diplomat*, The Trans\\-Pacific View Insight Series, no\\. 319, May 16, 2022\\.\n"
            f"URL: [{URL.replace('.', chr(92) + '.').replace('-', chr(92) + '-')}]({URL})"
            " \\(visited on May 20, 2022\\)\\.",
            id="markdown",
        ),
        pytest.param(
            "latex",
            "Jeffrey Hornung.\n"
            "\\newblock <script>alert('x')</script> \\& \"Q\\&A\" 50\\% of \\$3 \\#1 Plan\\_B"
            " \\textbraceleft{}x\\textbraceright{} \\textasciicircum{} \\textbackslash{}.\n"
            "\\newblock Interview by Mercy~A. Kuo.\n"
            "\\newblock \\emph{The Diplomat}, The Trans-Pacific View Insight Series, no.~319,"
            " May 16, 2022.\n"
            f"\\newblock URL: \\url{{{URL}}} (visited on May 20, 2022).",
            id="latex",
        ),
    ],
)
def test_every_backend_renders_an_interview(
    hornung: Interview, backend: str, expected: str
) -> None:
    hostile = dataclasses.replace(hornung, title=HOSTILE)
    data = parse_string(bib(hostile, "k", "biblatex"), "bibtex")
    (entry,) = find_plugin("pybtex.style.formatting", "tpc-unsrt")().format_bibliography(data)
    assert entry.text.render(find_plugin("pybtex.backends", backend)()) == expected


def test_html_escapes_a_hostile_title_from_the_classic_dialect_too(hornung: Interview) -> None:
    hostile = dataclasses.replace(hornung, title=HOSTILE)
    data = parse_string(bib(hostile, "k", "bibtex"), "bibtex")
    (entry,) = find_plugin("pybtex.style.formatting", "tpc-unsrt")().format_bibliography(data)
    html = entry.text.render_as("html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"Q&amp;A\" 50% of $3" in html


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param(ARTICLE, id="article"),
        pytest.param(
            "@misc{m, author = {A. Writer}, title = {A Note}, howpublished = {The Diplomat},"
            " year = {2020}, note = {Interview by nobody}}",
            id="misc-with-an-interview-note-but-no-series",
        ),
        pytest.param(
            "@article{a, author = {A. Writer}, title = {T}, journal = {J}, year = {2020},"
            " note = {The Trans-Pacific View Insight Series, no.~3}}",
            id="article-with-our-note-but-no-titleaddon",
        ),
        pytest.param(
            "@misc{k, author = {Kuo, Mercy A.}, title = {An Essay}, journal = {The Diplomat},"
            " year = {2020}, url = {https://thediplomat.com/2020/01/an-essay/}}",
            id="zotero-post-by-kuo-on-the-diplomat-naming-no-expert",
        ),
        pytest.param(
            "@misc{r, author = {Kuo, Mercy A.}, title = {T}, journal = {The Diplomat},"
            " year = {2014}, abstract = {This conversation with Dr. A. Writer, fellow at a"
            " think tank, is the 5th in ``The Rebalance Insight Series.''}}",
            id="zotero-post-by-kuo-in-the-rebalance-series",
        ),
        pytest.param(
            "@misc{i, author = {Writer, Ann}, collaborator = {Doe, John}, title = {T},"
            " year = {2020}, url = {https://thediplomat.com/2020/01/t/}}",
            id="zotero-interview-on-the-diplomat-by-someone-else",
        ),
    ],
)
@pytest.mark.parametrize(("ours", "theirs"), [("tpc-unsrt", "unsrt"), ("tpc-alpha", "alpha")])
def test_other_entries_are_left_to_pybtex(entry: str, ours: str, theirs: str) -> None:
    data = parse_string(entry, "bibtex")
    mine = list(find_plugin("pybtex.style.formatting", ours)().format_bibliography(data))
    own = list(find_plugin("pybtex.style.formatting", theirs)().format_bibliography(data))
    assert [(e.key, e.label, e.text.render_as("latex")) for e in mine] == [
        (e.key, e.label, e.text.render_as("latex")) for e in own
    ]


# -- the input plugin -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind",
    ["model", "csl-json", "zotero-csl-json", "csl-json-byline"],
)
def test_json_input_reads_our_files_by_suffix(
    tmp_path: Path, hornung: Interview, kind: str
) -> None:
    path = tmp_path / "refs.json"
    if kind == "model":
        path.write_text(json.dumps(hornung.to_dict()), encoding="utf-8")
    else:
        flavour = "zotero" if kind.startswith("zotero") else "standard"
        data = to_csl_data(
            [hornung], ["hornung2022tpv319"], flavour=flavour, byline="byline" in kind
        )  # type: ignore[arg-type]
        path.write_text(dumps(data), encoding="utf-8")
    before = path.read_bytes()
    data = parse_file(str(path))  # the parser chosen by the .json suffix
    assert list(data.entries) == ["hornung2022tpv319"]
    entry = data.entries["hornung2022tpv319"]
    assert entry.type == "article"
    assert entry.fields["journal"] == entry.fields["journaltitle"] == "The Diplomat"
    assert (entry.fields["year"], entry.fields["month"], entry.fields["date"]) == (
        "2022",
        "May",
        "2022-05-16",
    )
    text = format_from_file(
        str(path), style="tpc-unsrt", bib_format="tpc-json", output_backend="text"
    )
    assert text == f"[1] {TEXT_319}\n"
    assert path.read_bytes() == before


def test_json_input_entries_also_suit_pybtex_own_unsrt(tmp_path: Path, hornung: Interview) -> None:
    path = tmp_path / "refs.json"
    path.write_text(json.dumps(hornung.to_dict()), encoding="utf-8")
    text = format_from_file(str(path), style="unsrt", bib_format="tpc-json", output_backend="text")
    assert text == (
        "[1] Jeffrey Hornung. Ukraine War: The Impact on Japan-Russia Relations. "
        "The Diplomat, May 2022. The Trans-Pacific View Insight Series, no.\u00a0319. "
        f"URL: {URL} (visited on 2022-05-20).\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param('{"number": 0}', "series number must be a whole number", id="bad-model"),
        pytest.param("[1, 2", r"not valid JSON \(Expecting ',' delimiter", id="broken"),
        pytest.param('"text"', "CSL JSON must be an array of items, not a string", id="a-string"),
        pytest.param("[1]", "item 1 is int, not a CSL item object", id="not-items"),
    ],
)
def test_json_input_errors_are_pybtex_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PybtexError, match=message) as caught:
        parse_file(str(path))
    assert caught.value.filename == str(path)
    assert not str(caught.value).startswith(str(path))


def test_json_input_keys_and_what_it_leaves_out(tmp_path: Path, hornung: Interview) -> None:
    """Keys: ``citation-key``, else ``id``, else (a Zotero item URI) our own key.

    Items that are not series entries are left out, as every export reader leaves them out.
    """
    items = to_csl_data([hornung] * 3, ["a", "b", "c"])
    items[0]["citation-key"] = "hornungUkraineWarImpact2022"
    items[2]["id"] = "http://zotero.org/users/1/items/AB12CD34"
    book = {"id": "knuth", "type": "book", "title": "Literate Programming"}
    path = tmp_path / "refs.json"
    path.write_text(dumps([*items, book]), encoding="utf-8")
    data = parse_file(str(path))
    assert list(data.entries) == ["hornungUkraineWarImpact2022", "b", "hornung2022tpv319"]


@pytest.mark.slow
def test_pybtex_format_command_reads_json_and_prints_one_line_errors(
    tmp_path: Path, hornung: Interview
) -> None:
    good = tmp_path / "refs.json"
    good.write_text(dumps(to_csl_data([hornung], ["hornung2022tpv319"])), encoding="utf-8")
    command = str(Path(sys.executable).with_name("pybtex-format"))
    done = subprocess.run(
        [command, "-s", "tpc-unsrt", "refs.json", "out.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == f"[1] {TEXT_319}\n"
    (tmp_path / "bad.json").write_text("[1, 2", encoding="utf-8")
    failed = subprocess.run(
        [command, "-s", "tpc-unsrt", "bad.json", "out2.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert failed.returncode == 1
    assert failed.stderr == (
        "bad.json: ERROR: not valid JSON (Expecting ',' delimiter at line 1 column 6)\n"
    )
    assert "Traceback" not in failed.stderr


@pytest.mark.parametrize("dialect", ["biblatex", "bibtex"])
@pytest.mark.parametrize("byline", [False, True], ids=["interviewee-author", "byline"])
def test_an_interview_with_only_its_number_and_interviewee(dialect: str, byline: bool) -> None:
    # read from a copy without the byline: no interviewer, title, date or URL
    bare = Interview(number=7, title=None, interviewers=(), interviewees=(Person("Lima", "Ana"),))
    data = parse_string(bib(bare, "k", dialect, byline=byline), "bibtex")
    (entry,) = find_plugin("pybtex.style.formatting", "tpc-unsrt")().format_bibliography(data)
    assert entry.text.render_as("latex") == (
        "Ana Lima.\n\\newblock \\emph{The Diplomat}, The Trans-Pacific View Insight Series, no.~7."
    )


def test_only_web_addresses_become_links(hornung: Interview) -> None:
    for url, link in [
        ("javascript:alert(1)", None),
        (
            'https://thediplomat.com/a"onmouseover="x',
            "https://thediplomat.com/a%22onmouseover=%22x",
        ),
    ]:
        data = parse_string(bib(dataclasses.replace(hornung, url=url), "k", "biblatex"), "bibtex")
        (entry,) = find_plugin("pybtex.style.formatting", "tpc-unsrt")().format_bibliography(data)
        html = entry.text.render_as("html")
        last = html.rsplit("\n", 1)[1]
        if link is None:
            assert last == "URL: javascript:alert(1) (visited on May 20, 2022)."
        else:
            assert last == f'URL: <a href="{link}">{link}</a> (visited on May 20, 2022).'


@pytest.mark.clients
@pytest.mark.slow
@pytest.mark.parametrize("dialect", ["biblatex", "bibtex"])
def test_pdflatex_typesets_the_bbl_of_hostile_entries(tmp_path: Path, dialect: str) -> None:
    """pybtex's .bbl from tpc-unsrt compiles, and the PDF shows every title as typed.

    pybtex's LaTeX backend would leave ``$ { } ^ \\`` raw; the style re-encodes them.
    """
    from .test_clients import compile_document, hostile_interviews, norm, typesettable

    interviews = typesettable(hostile_interviews())
    keys = [f"h{i.number}" for i in interviews]
    bibtext = to_bib(interviews, keys, dialect=dialect).text  # type: ignore[arg-type]
    pybtex = str(Path(sys.executable).with_name("pybtex"))
    text = compile_document(
        tmp_path,
        bibtext,
        packages="\\usepackage{url}",
        bibliography="\\bibliographystyle{tpc-unsrt}\\bibliography{refs}",
        backend=[pybtex, "-l", "python", "doc"],
    )
    for interview in interviews:
        assert norm(f"{interview.title}.") in norm(text), interview.title
        assert norm(
            f"Interview by Mercy A. Kuo. The Diplomat, The Trans-Pacific View Insight Series, no. {interview.number},"
        ) in norm(text)
