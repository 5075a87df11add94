"""Our outputs read by real third-party clients: BibTeX, biber/biblatex, pdftotext, the CSL
schema, pybtex, bibtexparser and rispy.

One LaTeX document per dialect holds every hostile entry (one compile each keeps this fast).
The rendered PDF text must show each title and name as typed: LaTeX's typographic quotes for
ASCII ' and " are expected and folded away before comparing, as the validators in
../shared/validators/ do. CJK cannot be typeset by pdflatex, so it is checked by the parser
round trip only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from transpacific_cite import Interview, Person, load
from transpacific_cite._formats.bibtex import to_bib
from transpacific_cite._formats.csl import dumps, to_csl_data
from transpacific_cite._formats.ris import read_ris, to_ris
from transpacific_cite._keys import assign_keys
from transpacific_cite._pinpoint import parse_pinpoint, to_latex, to_pandoc

from .conftest import EXAMPLES, VALIDATORS_HOME, need_client, pandoc3
from .test_bibtex import HOSTILE_NAMES, HOSTILE_TITLES, assert_round_trip
from .test_csl import assert_valid

pytestmark = pytest.mark.clients

URL = "https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/?a=1&b=50%25#c_1"
KUO = Person("Kuo", "Mercy A.")
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})


def norm(text: str) -> str:
    """What the comparison ignores: Unicode forms, typographic quotes, line breaks."""
    folded = unicodedata.normalize("NFKC", text).translate(QUOTES).replace("''", '"')
    return " ".join(folded.split())


def has_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) == "W" for c in text)


def example_with_url() -> Interview:
    return dataclasses.replace(
        load(EXAMPLES / "319-hornung.json"), url=URL, accessed=dt.date(2024, 1, 15)
    )


def hostile_interviews() -> list[Interview]:
    """One entry per hostile title, each with a hostile first interviewee."""
    titles = [p.values[0] for p in HOSTILE_TITLES]
    names = [p.values[0] for p in HOSTILE_NAMES]
    return [
        Interview(
            number=1000 + index,
            title=title,
            interviewers=(KUO,),
            interviewees=(names[index % len(names)],),
            published=dt.date(2021, 3, 9),
            url=f"https://thediplomat.com/2021/03/hostile-{index}/?q=a_b&p=10%25#x",
        )
        for index, title in enumerate(titles)
    ]


def typesettable(interviews: list[Interview]) -> list[Interview]:
    return [
        i
        for i in interviews
        if not has_cjk((i.title or "") + "".join(p.full_name for p in i.interviewees))
    ]


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=180, check=False
    )


PAGE = (
    "\\ifdefined\\pdfgentounicode \\input{glyphtounicode}\\pdfgentounicode=1 \\fi\n"
    "\\documentclass{article}\n"
    "\\usepackage{lmodern}\\usepackage[T1]{fontenc}\n"
    "%(packages)s\n"
    "\\pdfpagewidth=120cm \\paperwidth=120cm \\textwidth=115cm \\hoffset=-0.5in\n"
    "\\hyphenpenalty=10000 \\exhyphenpenalty=10000 \\tracinglostchars=2\n"
    "\\begin{document}\\raggedright\\nocite{*}\n"
    "%(bibliography)s\n"
    "\\end{document}\n"
)


def compile_document(
    tmp_path: Path, bib: str, *, packages: str, bibliography: str, backend: list[str]
) -> str:
    """pdflatex, the bibliography backend, pdflatex twice; the PDF's text, checked for warnings."""
    pdflatex = need_client("pdflatex")
    pdftotext = need_client("pdftotext")
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        PAGE % {"packages": packages, "bibliography": bibliography}, encoding="utf-8"
    )
    latex = [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    first = run(latex, tmp_path)
    assert first.returncode == 0, first.stdout[-3000:]
    tool = run(backend, tmp_path)
    assert tool.returncode == 0, tool.stdout + tool.stderr
    for _ in range(2):
        again = run(latex, tmp_path)
        assert again.returncode == 0, again.stdout[-3000:]
    log = (tmp_path / "doc.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    assert not re.search(r"LaTeX Warning: (Citation|There were undefined)|Unicode character", log)
    text = run([pdftotext, "-enc", "UTF-8", "-nopgbrk", "doc.pdf", "-"], tmp_path)
    assert text.returncode == 0, text.stderr
    return text.stdout


# biber's log lines read "[126] Biber.pm:130> WARN - Datamodel: ..."
BIBER_PROBLEM = re.compile(r"> ((?:WARN|ERROR) - .*)$")


def biber_problems(tmp_path: Path) -> list[str]:
    """biber's WARN and ERROR messages from doc.blg (a regex on "] WARN" matched none)."""
    log = (tmp_path / "doc.blg").read_text(encoding="utf-8", errors="replace")
    return [m.group(1) for line in log.splitlines() if (m := BIBER_PROBLEM.search(line))]


def assert_rendered(rendered: str, interviews: list[Interview]) -> None:
    page = norm(rendered)
    for interview in interviews:
        assert interview.title is not None
        assert norm(interview.title) in page, interview.title
        for person in interview.interviewees:
            assert any(norm(form) in page for form in name_forms(person)), person


def name_forms(person: Person) -> list[str]:
    """How the styles print a name whole (a word-by-word check let "and" match anywhere):
    plain "Anna van der Berg", authoryear "Berg, Anna van der" (the von part after the given
    name) or "Hornung, Jeffrey"; a mononym as it is."""
    if not person.given:
        return [person.family]
    words = person.family.split()
    von = [w for w in words[:-1] if w[:1].islower()]
    last = " ".join(words[len(von) :])
    forms = [f"{person.given} {person.family}", f"{person.family}, {person.given}"]
    if von:
        forms.append(f"{last}, {person.given} {' '.join(von)}")
    return forms


@pytest.mark.parametrize("style", ["plain", "alpha"])
def test_bibtex_formats_every_entry_without_warnings(tmp_path: Path, style: str) -> None:
    """plain.bst as the issue asks; alpha.bst too, whose labels break on raw UTF-8 or cut macros."""
    bibtex = need_client("bibtex")
    interviews = [example_with_url(), *typesettable(hostile_interviews())]
    result = to_bib(interviews, assign_keys(interviews), dialect="bibtex")
    assert result.warnings == ()
    assert result.text.isascii()
    rendered = compile_document(
        tmp_path,
        result.text,
        packages="\\usepackage{url}",
        bibliography=f"\\bibliographystyle{{{style}}}\\bibliography{{refs}}",
        backend=[bibtex, "doc"],
    )
    blg = (tmp_path / "doc.blg").read_text(encoding="utf-8", errors="replace")
    assert "Warning--" not in blg and "error message" not in blg, blg
    if style == "alpha":
        # labels from ASCII escapes: a macro is one letter, never cut in half
        assert "[Hor22]" in rendered and "[O&C21]" in rendered and "[Sat21]" in rendered
    assert norm(
        "Jeffrey Hornung. Ukraine War: The Impact on Japan-Russia Relations. The Diplomat, "
        "May 2022. Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series, no. 319. "
        f"{URL}. Accessed January 15, 2024."
    ) in norm(rendered)
    assert_rendered(rendered, interviews)


def test_biblatex_biber_validates_and_renders_every_entry(tmp_path: Path) -> None:
    biber = need_client("biber")
    interviews = [example_with_url(), *typesettable(hostile_interviews())]
    result = to_bib(interviews, assign_keys(interviews), dialect="biblatex")
    assert result.warnings == ()
    rendered = compile_document(
        tmp_path,
        result.text,
        packages="\\usepackage{csquotes}\\usepackage[backend=biber,style=authoryear]{biblatex}"
        "\\addbibresource{refs.bib}",
        bibliography="\\printbibliography",
        backend=[biber, "--validate-datamodel", "doc"],
    )
    assert biber_problems(tmp_path) == []
    log = (tmp_path / "doc.log").read_text(encoding="utf-8", errors="replace")
    assert "Package biblatex Warning" not in log
    assert norm(
        "Hornung, Jeffrey (May 16, 2022). “Ukraine War: The Impact on Japan-Russia Relations”. "
        "interview by Mercy A. Kuo. In: The Diplomat. The Trans-Pacific View Insight Series, "
        f"no. 319. url: {URL} (visited on 01/15/2024)."
    ) in norm(rendered)
    assert_rendered(rendered, interviews)


def test_biber_warns_about_an_undated_entry_as_our_export_does(tmp_path: Path) -> None:
    """The one biber warning an interview without a date earns, which to_bib predicts; this
    also proves biber_problems() sees warnings, so the clean runs above can fail."""
    biber = need_client("biber")
    undated = dataclasses.replace(example_with_url(), published=None)
    result = to_bib([undated], ["hornungndtpv319"], dialect="biblatex")
    assert result.warnings == (
        "hornungndtpv319: interview 319 has no date; biber's data model requires one for "
        "@article (it will warn)",
    )
    compile_document(
        tmp_path,
        result.text,
        packages="\\usepackage[backend=biber]{biblatex}\\addbibresource{refs.bib}",
        bibliography="\\printbibliography",
        backend=[biber, "--validate-datamodel", "doc"],
    )
    assert biber_problems(tmp_path) == [
        "WARN - Datamodel: Entry 'hornungndtpv319' (refs.bib): Missing mandatory field - "
        "one of 'date, year' must be defined"
    ]


@pytest.mark.parametrize("dialect", ["biblatex", "bibtex"])
def test_parsers_read_every_hostile_entry_back(dialect: str) -> None:
    """pybtex and bibtexparser agree, CJK included, and decode to the text written."""
    interviews = [example_with_url(), *hostile_interviews()]
    keys = assign_keys(interviews)
    result = to_bib(interviews, keys, dialect=dialect)  # type: ignore[arg-type]
    assert_round_trip(result, interviews, keys)


def test_csl_json_of_every_hostile_entry_validates() -> None:
    interviews = [example_with_url(), *hostile_interviews()]
    keys = assign_keys(interviews)
    for flavour in ("standard", "zotero"):
        text = dumps(to_csl_data(interviews, keys, flavour=flavour))  # type: ignore[arg-type]
        data = json.loads(text)
        assert_valid(data)
        assert [item["title"] for item in data] == [i.title for i in interviews]


def test_rispy_reads_every_hostile_entry_back() -> None:
    interviews = [example_with_url(), *hostile_interviews()]
    keys = assign_keys(interviews)
    records = read_ris(to_ris(interviews, keys))
    assert [r["id"] for r in records] == keys
    assert [r["title"] for r in records] == [i.title for i in interviews]
    assert [r["authors"] for r in records] == [
        [f"{p.family}, {p.given}" if p.given else p.family for p in i.interviewees]
        for i in interviews
    ]
    assert [r["urls"] for r in records] == [[i.url] for i in interviews]


def test_pandoc_keeps_the_case_of_protected_biblatex_titles(tmp_path: Path) -> None:
    """pandoc sentence-cases biblatex titles (and appends titleaddon) unless words are braced."""
    pandoc = pandoc3()
    interviews = [example_with_url(), *typesettable(hostile_interviews())]
    keys = assign_keys(interviews)
    bib = tmp_path / "refs.bib"
    bib.write_text(to_bib(interviews, keys).text, encoding="utf-8")
    converted = run([pandoc, "-f", "biblatex", "-t", "csljson", str(bib)], tmp_path)
    assert converted.returncode == 0, converted.stderr
    assert "[WARNING]" not in converted.stderr
    items = {item["id"]: item for item in json.loads(converted.stdout)}
    assert items[keys[0]]["title"] == (
        "Ukraine War: The Impact on Japan-Russia Relations. Interview by Mercy A. Kuo"
    )
    assert items[keys[0]]["URL"] == URL
    for key, interview in zip(keys[1:], interviews[1:], strict=True):
        assert interview.title is not None
        # pandoc's own reading of the escapes: it must give back every capital as written
        assert items[key]["title"].startswith(interview.title[:1])
        assert [w for w in items[key]["title"].split() if w[:1].isupper()] == [
            w for w in f"{interview.title}. Interview by Mercy A. Kuo".split() if w[:1].isupper()
        ]


@pytest.mark.parametrize(
    ("package", "escaped"),
    [
        pytest.param("url", "https://x.org/a?p=50\\%25", id="url.sty"),
        pytest.param("hyperref", "https://x.org/a?p=50%25", id="hyperref"),
    ],
)
def test_a_raw_percent_is_the_only_form_every_url_package_prints(
    tmp_path: Path, package: str, escaped: str
) -> None:
    """Why the classic note's ``\\url{}`` keeps ``%`` raw although the parsers' own decoders
    take it for a comment (test_bibtex's known gaps): url.sty prints ``\\%`` with its backslash."""
    pdflatex = need_client("pdflatex")
    pdftotext = need_client("pdftotext")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{lmodern}"
        f"\\usepackage{{{package}}}\n\\begin{{document}}\n"
        "A: \\url{https://x.org/a?p=50%25}\n\nB: \\url{https://x.org/a?p=50\\%25}\n"
        "\\end{document}\n",
        encoding="utf-8",
    )
    latex = run([pdflatex, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], tmp_path)
    assert latex.returncode == 0, latex.stdout[-3000:]
    text = run([pdftotext, "-enc", "UTF-8", "doc.pdf", "-"], tmp_path).stdout
    assert "A: https://x.org/a?p=50%25\n" in text
    assert f"B: {escaped}\n" in text


CITATION_JS = """
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
const require = createRequire(process.argv[2] + '/package.json')
const { Cite } = require('@citation-js/core')
require('@citation-js/plugin-ris')
const cite = await Cite.async(readFileSync(process.argv[3], 'utf8'), { forceType: '@ris/file' })
console.log(JSON.stringify(cite.data.map(({ _graph, ...item }) => item)))  // _graph: provenance
"""


def citation_js_reads_ris(tmp_path: Path, ris: str) -> list[dict[str, object]]:
    """The CSL items Citation.js (plugin-ris, as Zotero's web tools use) reads from RIS text."""
    node = need_client("node")
    js = VALIDATORS_HOME / "js"
    need_client("@citation-js/plugin-ris", js / "node_modules" / "@citation-js" / "plugin-ris")
    (tmp_path / "read.mjs").write_text(CITATION_JS, encoding="utf-8")
    (tmp_path / "refs.ris").write_text(ris, encoding="utf-8")
    done = run([node, "read.mjs", str(js), "refs.ris"], tmp_path)
    assert done.returncode == 0, done.stderr
    items: list[dict[str, object]] = json.loads(done.stdout)
    return items


def test_citation_js_keeps_interviewee_publication_and_note_from_our_ris(tmp_path: Path) -> None:
    [item] = citation_js_reads_ris(tmp_path, to_ris([example_with_url()], ["hornung2022tpv319"]))
    assert item == {
        "id": "hornung2022tpv319",
        "type": "article-magazine",
        "author": [{"family": "Hornung", "given": "Jeffrey"}],
        "title": "Ukraine War: The Impact on Japan-Russia Relations",
        "container-title": "The Diplomat",
        "issued": {"date-parts": [[2022, 5, 16]]},
        "accessed": {"date-parts": [[2024, 1, 15]]},
        "URL": URL,
        "note": "Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series, no. 319.",
    }


def test_citation_js_drops_an_intv_record_which_is_why_we_write_mgzn(tmp_path: Path) -> None:
    """The documented reason for MGZN over RIS's own interview type (see ris.py)."""
    ris = to_ris([example_with_url()], ["hornung2022tpv319"]).replace("TY  - MGZN", "TY  - INTV")
    assert citation_js_reads_ris(tmp_path, ris) == [{"id": "hornung2022tpv319"}]


# A style that shows what pandoc took for the locator and its label: "[section|3]".
LOCATOR_PROBE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>locator probe</title><id>locator-probe</id>
    <updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout delimiter="; "><group delimiter="|" prefix="[" suffix="]">
    <label variable="locator" form="long"/><text variable="locator"/></group></layout></citation>
</style>
"""


def test_pandoc_reads_our_pinpoint_citations(tmp_path: Path) -> None:
    """The label and locator pandoc takes from each pinpoint form; a paragraph is a suffix to
    it (the documented deviation in pinpoint.py)."""
    pandoc = pandoc3()
    key = "hornung2022tpv319"
    specs = ["q3", "q2-q4", "q3p2"]
    (tmp_path / "items.json").write_text(
        dumps(to_csl_data([example_with_url()], [key])), encoding="utf-8"
    )
    (tmp_path / "probe.csl").write_text(LOCATOR_PROBE, encoding="utf-8")
    (tmp_path / "doc.md").write_text(
        "\n\n".join(to_pandoc(parse_pinpoint(spec), key=key) for spec in specs) + "\n",
        encoding="utf-8",
    )
    done = run(
        [pandoc, "--citeproc", "--bibliography", "items.json", "--csl", "probe.csl",
         "-t", "plain", "--wrap=none", "doc.md"],
        tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "[WARNING]" not in done.stderr
    assert done.stdout.split("\n\n") == [
        "[section|3]",
        "[sections|2\u20134]",
        "[section|3], para. 2\n",
    ]


@pytest.mark.parametrize(
    ("dialect", "expected"),
    [
        pytest.param(
            "biblatex",
            "A (Hornung 2022, sec. 3). B (Hornung 2022, sec. 3, para. 2). C (Hornung 2022, "
            "secs. 2\u20134).",
            id="biblatex",
        ),
        pytest.param(
            "bibtex", "A [1, sec. 3]. B [1, sec. 3, para. 2]. C [1, secs. 2\u20134].", id="bibtex"
        ),
    ],
)
def test_latex_postnotes_render_as_sections(tmp_path: Path, dialect: str, expected: str) -> None:
    """``\\autocite[sec.~3]{key}`` / ``\\cite[sec.~3]{key}``: no "p." prefix, an en dash range."""
    key = "hornung2022tpv319"
    cites = ". ".join(
        f"{label} {to_latex(parse_pinpoint(spec), key=key, dialect=dialect)}"  # type: ignore[arg-type]
        for label, spec in (("A", "q3"), ("B", "q3p2"), ("C", "q2-q4"))
    )
    bib = to_bib([example_with_url()], [key], dialect=dialect)  # type: ignore[arg-type]
    if dialect == "biblatex":
        packages = (
            "\\usepackage{csquotes}\\usepackage[backend=biber,style=authoryear]{biblatex}"
            "\\addbibresource{refs.bib}"
        )
        backend = [need_client("biber"), "doc"]
        bibliography = f"{cites}.\n\n\\printbibliography"
    else:
        packages = "\\usepackage{url}"
        backend = [need_client("bibtex"), "doc"]
        bibliography = f"{cites}.\n\n\\bibliographystyle{{plain}}\\bibliography{{refs}}"
    rendered = compile_document(
        tmp_path, bib.text, packages=packages, bibliography=bibliography, backend=backend
    )
    assert norm(expected) in norm(rendered)
