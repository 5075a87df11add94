"""``zotero enrich`` obeys ``--quiet`` and ``--verbose`` like every other command.

Its report (one line per series item) is the command's own account of what it did: printed by
default, dropped by ``-q`` (errors still print), and with ``-v`` framed by ``info:`` lines
naming the catalog consulted and where the result went.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from transpacific_cite._api import load
from transpacific_cite._catalog import Catalog
from transpacific_cite._cli import main
from transpacific_cite._zotero.enrich import enrich_text

from .conftest import EXAMPLES, FIXTURES

LIBRARY = FIXTURES / "zotero" / "library.bibtex.bib"
URL_319 = "https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/"
# The report for tests/fixtures/zotero/library.bibtex.bib, offline and with no catalog.
REPORT = (
    "kuo_japans_2023: document by Kuo -> interview with Aiko Tanaka, no. 401 (intro sentence"
    " in note); changed: title, journal, author, note, howpublished; undetermined: published\n"
    "kuo_koreas_2023: article-journal by Kuo -> interview with Min-jun Lee, no. 402 (intro"
    " sentence in abstract); changed: type, title, journal, author, howpublished, note;"
    " undetermined: published\n"
    "kuo_ukraine_2022: document by Kuo -> interview with Jeffrey Hornung, no. undetermined"
    " (Insights from); changed: title, journal, author, howpublished, note; undetermined:"
    " number, published\n"
    "hornung_japans_2022: interview by Hornung -> interview with Jeffrey Hornung, no. 350"
    " (series fields); unchanged; undetermined: published\n"
)
NO_CATALOG = "info: no catalog: the default one does not exist yet\n"


@pytest.fixture(autouse=True)
def _no_default_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default catalog is one that does not exist: no evidence beyond the file itself."""
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(tmp_path / "absent" / "c.sqlite3"))
    monkeypatch.setenv("NO_COLOR", "1")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize(
    ("flags", "expected_err"),
    [
        pytest.param([], REPORT, id="default"),
        pytest.param(["-q"], "", id="q-after-the-command"),
        pytest.param(["--quiet"], "", id="quiet"),
        pytest.param(
            ["-v"], NO_CATALOG + REPORT + "info: wrote {out}\n", id="verbose-after-the-command"
        ),
    ],
)
def test_report_lines_follow_the_verbosity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], expected_err: str
) -> None:
    out = tmp_path / "out.bib"
    status, stdout, stderr = run(["zotero", "enrich", str(LIBRARY), "-o", str(out), *flags], capsys)
    assert (status, stdout, stderr) == (0, "", expected_err.format(out=out))
    assert out.read_text(encoding="utf-8") == enrich_text(LIBRARY.read_text("utf-8")).text


def test_quiet_before_the_group_and_stdout_keeps_the_result(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, stdout, stderr = run(["-q", "zotero", "enrich", str(LIBRARY)], capsys)
    assert (status, stderr) == (0, "")
    assert stdout == enrich_text(LIBRARY.read_text("utf-8")).text


def test_no_series_item_is_reported_unless_quiet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.bib"
    other.write_text("@misc{a, title = {Nothing of the Series}, year = {2020}}\n", "utf-8")
    assert run(["zotero", "enrich", str(other), "--dry-run"], capsys) == (
        0,
        "",
        f"{other}: no series item\n",
    )
    assert run(["zotero", "enrich", str(other), "--dry-run", "-q"], capsys) == (0, "", "")


def test_verbose_dry_run_names_the_catalog_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.sqlite3"
    with Catalog(path) as catalog:
        catalog.put(
            dataclasses.replace(load(EXAMPLES / "319-hornung.json"), url=URL_319),
            kind="json",
            source="test",
        )
    out = tmp_path / "out.bib"
    args = ["zotero", "enrich", str(LIBRARY), "-o", str(out), "--dry-run", "--catalog", str(path)]
    status, stdout, stderr = run([*args, "-v"], capsys)
    settled = REPORT.replace(
        "no. undetermined (Insights from); changed: title, journal, author, howpublished, note;"
        " undetermined: number, published",
        # the catalog's entry settles the date too
        "no. 319 (catalog URL); changed: title, journal, author, howpublished, note",
    )
    assert settled != REPORT
    assert (status, stdout, stderr) == (
        0,
        "",
        f"info: catalog: {path}\n" + settled + "info: dry run: nothing written\n",
    )
    assert not out.exists()
    assert run([*args, "-q"], capsys) == (0, "", "")


def test_quiet_never_hides_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.bib"
    assert run(["zotero", "enrich", str(missing), "-q"], capsys) == (
        2,
        "",
        f"transpacific-cite: error: {missing}: no such file\n",
    )
    broken = tmp_path / "broken.bib"
    broken.write_text("@misc{a, title = {unclosed\n", "utf-8")
    status, stdout, stderr = run(["-q", "zotero", "enrich", str(broken)], capsys)
    assert (status, stdout) == (2, "")
    assert stderr.startswith(f"transpacific-cite: error: {broken}: line 1: a broken .bib entry")
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
