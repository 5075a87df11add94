"""README's recipes, run end to end as written: LaTeX (biblatex/biber, BibTeX), pandoc, Zotero,
Sphinx.

Each recipe is read from README.md: a fenced block right after a line ending in ```name`:``
is a file to write; the ``sh`` blocks are run with bash (``set -e``) in a scratch folder
holding ``examples/``, with this environment's ``transpacific-cite`` first on PATH; each
line of the ``text`` block after them must appear in their output, in order (whitespace runs
compared as one space, since PDF and text builders wrap lines; other lines, such as
pdflatex's banner, may come between). So the README cannot drift from what the tools print.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT, VALIDATORS_HOME, need_client, pandoc3

README = ROOT / "README.md"
BLOCK = re.compile(
    r"(?:^[^\n]*`(?P<name>[^`\n]+)`:\n\n)?^```(?P<lang>\w*)\n(?P<body>.*?)^```\n", re.M | re.S
)


def recipe(title: str) -> tuple[dict[str, str], list[str], str]:
    """A recipe's files, its shell blocks and the output it promises."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n### {title}\n")
    end = min(i for i in (text.find("\n### ", start + 1), text.find("\n## ", start + 1)) if i != -1)
    files: dict[str, str] = {}
    commands: list[str] = []
    expected = ""
    for match in BLOCK.finditer(text[start:end]):
        if match["name"]:
            files[match["name"]] = match["body"]
        elif match["lang"] == "sh":
            commands.append(match["body"])
        elif match["lang"] == "text":
            expected = match["body"]
    return files, commands, expected


def squeeze(text: str) -> str:
    return " ".join(text.split())


def run_recipe(title: str, tmp_path: Path, *, first_on_path: Path | None = None) -> str:
    files, commands, expected = recipe(title)
    assert commands and expected, title
    tmp_path.mkdir(parents=True, exist_ok=True)
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    for name, body in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    tool = Path(sys.executable).parent
    front = [str(first_on_path)] if first_on_path else []
    env = {**os.environ, "PATH": os.pathsep.join([*front, str(tool), os.environ.get("PATH", "")])}
    env["TRANSPACIFIC_CITE_CATALOG"] = str(tmp_path / "catalog.sqlite3")
    done = subprocess.run(
        ["bash", "-e", "-c", "\n".join(commands)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    output, place = squeeze(done.stdout), 0
    for line in filter(None, map(squeeze, expected.splitlines())):
        found = output.find(line, place)
        assert found != -1, f"{line!r} not in order in:\n{done.stdout}"
        place = found + len(line)
    return done.stdout


@pytest.mark.clients
@pytest.mark.slow
def test_latex_with_biblatex_and_biber(tmp_path: Path) -> None:
    for client in ("pdflatex", "biber", "pdftotext"):
        need_client(client)
    run_recipe("LaTeX with biblatex and biber", tmp_path)


@pytest.mark.clients
@pytest.mark.slow
def test_latex_with_bibtex(tmp_path: Path) -> None:
    for client in ("pdflatex", "bibtex", "pdftotext"):
        need_client(client)
    run_recipe("LaTeX with BibTeX", tmp_path)
    assert "Warning" not in (tmp_path / "paper.blg").read_text(encoding="utf-8")


@pytest.mark.clients
@pytest.mark.slow
def test_pandoc_with_csl_json_and_a_csl_style(tmp_path: Path) -> None:
    need_client("pandoc")  # Debian's pandoc 2.17, as the recipe runs it
    run_recipe("pandoc with CSL-JSON and a CSL style", tmp_path / "2.17")
    # and pandoc 3.9 prints the same, as the README says
    newer = Path(pandoc3()).parent
    run_recipe("pandoc with CSL-JSON and a CSL style", tmp_path / "3.9", first_on_path=newer)


CITEPROC_JS = """
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
const require = createRequire(process.argv[2] + '/package.json')
const { plugins } = require('@citation-js/core')
require('@citation-js/plugin-csl')
const items = JSON.parse(readFileSync(process.argv[3], 'utf8'))
const config = plugins.config.get('@csl')
config.styles.add('recipe', readFileSync(process.argv[4], 'utf8'))
const engine = config.engine(items, 'recipe', 'en-US', 'text')
engine.updateItems(items.map((item) => item.id))
const [, text] = engine.processCitationCluster(
  { citationItems: [{ id: items[0].id }], properties: { noteIndex: 1 } }, [], [])[1][0]
console.log(text)
"""


def citeproc_js_note(tmp_path: Path, items: list[dict[str, object]]) -> str:
    """The first item's Chicago note as citeproc-js (Zotero's engine, via Citation.js) prints it."""
    node = need_client("node")
    js = VALIDATORS_HOME / "js"
    need_client("@citation-js/plugin-csl", js / "node_modules" / "@citation-js" / "plugin-csl")
    (tmp_path / "imported.json").write_text(json.dumps(items), "utf-8")
    (tmp_path / "render.mjs").write_text(CITEPROC_JS, encoding="utf-8")
    from transpacific_cite._render.styles import resolve_style

    done = subprocess.run(
        [node, "render.mjs", str(js), "imported.json", str(resolve_style("chicago"))],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.clients
@pytest.mark.slow
def test_zotero_import(tmp_path: Path) -> None:
    """The recipe's file, then what Zotero's CSL-JSON importer keeps of it (the facts in
    ../shared/zotero/README.md: an interview with both creators, ``note`` to Extra, the
    container and collection fields and ``id`` dropped), rendered by citeproc-js (Zotero's
    citation engine, through Citation.js): the Extra lines bring The Diplomat and the series
    back."""
    run_recipe("Zotero", tmp_path)
    (item,) = json.loads((tmp_path / "for-zotero.json").read_text(encoding="utf-8"))
    kept = {
        key: value
        for key, value in item.items()
        if key not in ("container-title", "collection-title", "collection-number", "id")
    }
    assert citeproc_js_note(tmp_path, [{**kept, "id": "ZOTEROKEY"}]) == (
        "Jeffrey Hornung, “Ukraine War: The Impact on Japan-Russia Relations,” interview by "
        "Mercy A. Kuo, The Diplomat, The Trans-Pacific View Insight Series, May 16, 2022.\n"
    )


RDF = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "bib": "http://purl.org/net/biblio#",
    "z": "http://www.zotero.org/namespaces/export#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def rdf_shape(path: Path) -> list[tuple[str, str]]:
    """An RDF item's elements as (path, text), namespaces as prefixes, in document order.

    Left out: ``rdf:about`` (Zotero writes the URL or ``#item_N``), the URL (our example has
    none) and Extra (``dc:description``, ours alone), so what is compared is the item's shape.
    """
    import xml.etree.ElementTree as ElementTree

    prefixes = {uri: prefix for prefix, uri in RDF.items()}

    def name(tag: str) -> str:
        uri, _, local = tag[1:].partition("}")
        return f"{prefixes.get(uri, uri)}:{local}"

    (item,) = list(ElementTree.parse(path).getroot())
    found: list[tuple[str, str]] = []

    def walk(element: ElementTree.Element, where: str) -> None:
        here = f"{where}/{name(element.tag)}"
        if name(element.tag) in ("dc:identifier", "dc:description"):
            return
        text = (element.text or "").strip()
        if text:
            found.append((here, text))
        for child in element:
            walk(child, here)

    walk(item, "")
    return found


@pytest.mark.clients
@pytest.mark.slow
def test_zotero_import_as_zotero_rdf(tmp_path: Path) -> None:
    """The RDF recipe: an interview in the shape of Zotero's own RDF export of this interview
    (../shared/zotero/diplomat-319/interview.rdf_zotero.rdf, written by Zotero's translator),
    read back by our RDF reader, and its Extra lines read by citeproc-js as Zotero would."""
    from transpacific_cite._formats.zotero_rdf import read_items

    from .conftest import shared_file

    run_recipe("Zotero with Zotero RDF", tmp_path)
    written = tmp_path / "for-zotero.rdf"
    assert rdf_shape(written) == rdf_shape(
        shared_file("zotero", "diplomat-319", "interview.rdf_zotero.rdf")
    )
    (item,) = read_items(written.read_text(encoding="utf-8"), source="for-zotero.rdf")
    assert item == {
        "id": "#item_1",
        "type": "interview",
        "author": [{"family": "Hornung", "given": "Jeffrey"}],
        "interviewer": [{"family": "Kuo", "given": "Mercy A."}],
        "title": "Ukraine War: The Impact on Japan-Russia Relations",
        "issued": {"date-parts": [[2022, 5, 16]]},
        "medium": "The Diplomat",
        "note": "container-title: The Diplomat\n"
        "collection-title: The Trans-Pacific View Insight Series\n"
        "collection-number: 319\n"
        "Citation Key: hornung2022tpv319",
        "citation-key": "hornung2022tpv319",
    }
    # Zotero keeps every field of an interview; its CSL export of the item has no citation-key.
    # citeproc-js prints the medium after the date too: The Diplomat twice (README says so).
    imported = {k: v for k, v in item.items() if k not in ("id", "citation-key")}
    assert citeproc_js_note(tmp_path, [{**imported, "id": "ZOTEROKEY"}]) == (
        "Jeffrey Hornung, “Ukraine War: The Impact on Japan-Russia Relations,” interview by "
        "Mercy A. Kuo, The Diplomat, The Trans-Pacific View Insight Series, May 16, 2022, "
        "The Diplomat.\n"
    )


@pytest.mark.slow
def test_sphinx(tmp_path: Path) -> None:
    run_recipe("Sphinx", tmp_path)


def test_every_recipe_is_tested() -> None:
    text = README.read_text(encoding="utf-8")
    recipes = text[text.index("\n## Recipes\n") :]
    recipes = recipes[: recipes.index("\n## ", 1)]
    titles = re.findall(r"^### (.+)$", recipes, re.M)
    assert titles == [
        "LaTeX with biblatex and biber",
        "LaTeX with BibTeX",
        "pandoc with CSL-JSON and a CSL style",
        "Zotero",
        "Zotero with Zotero RDF",
        "Sphinx",
    ]
