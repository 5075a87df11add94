"""A real Sphinx build citing interview 319 through sphinxcontrib-bibtex and our pybtex style.

sphinxcontrib-bibtex reads ``.bib`` files with pybtex's BibTeX parser and loads the style named
in ``conf.py`` through pybtex's plugin loader, so this checks the entry point as Sphinx users
meet it: our ``.bib`` export, ``bibtex_default_style = "tpc-unsrt"``, ``:cite:p:``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from transpacific_cite import load
from transpacific_cite._formats.bibtex import to_bib

from .conftest import EXAMPLES

URL = "https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/"
CONF = """\
project = "Trans-Pacific notes"
extensions = ["sphinxcontrib.bibtex"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "{style}"
bibtex_reference_style = "{reference}"
"""
INDEX = """\
Notes
=====

Japan's view of Russia after the invasion :cite:p:`{key}`.

.. bibliography::
"""


def build(
    tmp_path: Path,
    dialect: str,
    style: str,
    *,
    reference: str = "label",
    title: str | None = None,
    library: tuple[str, str] | None = None,
) -> str:
    """Build the tiny project as HTML (warnings are errors) and return index.html.

    ``library`` is a ``.bib`` text and the key to cite, instead of our export of 319.
    """
    interview = dataclasses.replace(
        load(EXAMPLES / "319-hornung.json"), url=URL, accessed=dt.date(2022, 5, 20)
    )
    if title is not None:
        interview = dataclasses.replace(interview, title=title)
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(CONF.format(style=style, reference=reference), encoding="utf-8")
    bib = to_bib([interview], ["hornung2022tpv319"], dialect=dialect)  # type: ignore[arg-type]
    text, key = library or (bib.text, "hornung2022tpv319")
    (source / "index.rst").write_text(INDEX.format(key=key), encoding="utf-8")
    (source / "refs.bib").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "-q",
            "-E",
            str(source),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def entry_paragraph(page: str) -> str:
    """The bibliography entry's paragraph, as Sphinx wrote it."""
    match = re.search(
        r'<div class="citation" id="[^"]+" role="doc-biblioentry">\s*(.*?)</div>', page, re.S
    )
    assert match, page
    return match.group(1)


@pytest.mark.slow
def test_sphinx_prints_the_interview_as_an_interview(tmp_path: Path) -> None:
    page = build(tmp_path, "biblatex", "tpc-unsrt")
    # the citation: label [1] linking to the entry, whose text is the link's title
    assert re.search(
        r'<span class="bibtex-citation" id="[^"]+">\[<a class="reference internal" href="#[^"]+" title="Jeffrey Hornung\. Ukraine War',
        page,
    )
    entry = entry_paragraph(page)
    assert (
        '<span class="label"><span class="fn-bracket">[</span><a role="doc-backlink" href="#'
        in entry
    )
    assert entry.endswith(
        "<p>Jeffrey Hornung. Ukraine War: The Impact on Japan-Russia Relations. "
        "Interview by Mercy\u00a0A. Kuo. <em>The Diplomat</em>, The Trans-Pacific View Insight "
        "Series, no.\u00a0319, May 16, 2022. URL: "
        f'<a class="reference external" href="{URL}">{URL}</a> (visited on May 20, 2022).</p>\n'
    )


@pytest.mark.slow
def test_sphinx_alpha_label_and_classic_dialect_escaping_a_hostile_title(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script> & Q&A"
    # author-year citations read ``year`` from the entry itself: the classic dialect has it
    page = build(tmp_path, "bibtex", "tpc-alpha", reference="author_year", title=hostile)
    entry = entry_paragraph(page)
    assert ">Hor22<" in entry
    citation = re.search(r'<span class="bibtex-citation" id="[^"]+">(.*?)</span>', page, re.S)
    assert citation
    assert re.sub(r"<[^>]+>", "", citation.group(1)) == "[Hornung, 2022]"
    assert "<script>alert" not in page
    assert (
        "<p>Jeffrey Hornung. &lt;script&gt;alert(1)&lt;/script&gt; &amp; Q&amp;A. "
        "Interview by Mercy\u00a0A. Kuo. <em>The Diplomat</em>, The Trans-Pacific View Insight "
        "Series, no.\u00a0319, May 2022."
    ) in entry


# 319 as Zotero saves it from the page and Better BibLaTeX exports it: a blogPost by Kuo.
ZOTERO_POST = (
    "@online{kuoUkraineWarImpact2022,\n"
    "  title = {Ukraine {{War}}: {{The Impact}} on {{Japan-Russia Relations}}},\n"
    "  author = {Kuo, Mercy A.},\n"
    "  date = {2022-05-16},\n"
    f"  url = {{{URL}}},\n"
    "  abstract = {Insights from Jeffrey Hornung.},\n"
    "  titleaddon = {The Diplomat}\n"
    "}\n"
)


@pytest.mark.slow
def test_sphinx_prints_a_zotero_blog_post_as_the_interview(tmp_path: Path) -> None:
    """A Zotero library cited as exported: Hornung first, Kuo the interviewer (no number:
    the entry does not state it)."""
    page = build(
        tmp_path, "biblatex", "tpc-unsrt", library=(ZOTERO_POST, "kuoUkraineWarImpact2022")
    )
    assert entry_paragraph(page).endswith(
        "<p>Jeffrey Hornung. Ukraine War: The Impact on Japan-Russia Relations. "
        "Interview by Mercy\u00a0A. Kuo. <em>The Diplomat</em>, The Trans-Pacific View Insight "
        "Series, May 16, 2022. URL: "
        f'<a class="reference external" href="{URL}">{URL}</a>.</p>\n'
    )
