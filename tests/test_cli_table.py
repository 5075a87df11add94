"""Every command, one row each: its help holds an example, and every error path is one line.

A command added to ``cli.COMMANDS`` without a row here fails :func:`test_every_command_has_a_row`,
so the table keeps up. Output failures are real OSErrors from the stream the command writes
to (a reader that went away: EPIPE; a full disk: ENOSPC), raised inside this process so the
whole table runs in seconds; ``test_cli_edges`` does the same with real processes, pipes and
``/dev/full``.
"""

from __future__ import annotations

import errno
import io
import re
import shutil
from pathlib import Path

import pytest

from transpacific_cite._cli import COMMANDS, SHORT_HELP, cli, main

from .conftest import EXAMPLES, ROOT

EXAMPLE = str(EXAMPLES / "319-hornung.json")
MISSING = "/nonexistent/319.json"


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A catalog holding 319 (as the default catalog), a LaTeX .aux citing it, scratch files."""
    catalog = tmp_path / "catalog.sqlite3"
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(catalog))
    assert main(["-q", "add", EXAMPLE]) == 0
    aux = tmp_path / "paper.aux"
    aux.write_text("\\relax\n\\citation{tpv:319}\n\\bibdata{tpv}\n", encoding="utf-8")
    zotero = tmp_path / "My-Library.json"
    assert main(["-q", "export", EXAMPLE, "--to", "zotero-csl-json", "-o", str(zotero)]) == 0
    paper = tmp_path / "paper"
    paper.mkdir()
    shutil.copy(EXAMPLE, paper / "319.json")
    (paper / "bibliography.toml").write_text(
        '[[entries]]\nfiles = "319.json"\n\n[outputs]\ncsl-json = "refs.json"\n', encoding="utf-8"
    )
    notdb = tmp_path / "not-a-catalog.sqlite3"
    notdb.write_text("not a database", encoding="utf-8")
    return {
        "{catalog}": str(catalog),
        "{aux}": str(aux),
        "{new}": str(tmp_path / "new.sqlite3"),
        "{notdb}": str(notdb),
        "{zotero}": str(zotero),
        "{manifest}": str(paper / "bibliography.toml"),
    }


# command -> (arguments that succeed and print to stdout, arguments with an input that cannot
# be read: a missing file, a catalog that is not one, an unknown name)
ROWS: dict[str, tuple[list[str], list[str]]] = {
    "add": (["add", EXAMPLE, "--catalog", "{new}"], ["add", EXAMPLE, "--catalog", MISSING]),
    "bibliography": (["bibliography", EXAMPLE], ["bibliography", MISSING]),
    "build": (["build", "{manifest}"], ["build", "/nonexistent/paper"]),
    "cite": (["cite", EXAMPLE, "q3"], ["cite", MISSING]),
    "export": (["export", EXAMPLE, "--to", "ris"], ["export", MISSING, "--to", "ris"]),
    "help": (["help", "cite"], ["help", "nope"]),
    "latex": (["latex", "{aux}", "--source", EXAMPLE], ["latex", "/nonexistent/paper.aux"]),
    "list": (["list"], ["list", "--catalog", "{notdb}"]),
    "parse": (["parse", EXAMPLE], ["parse", MISSING]),
    "pinpoint": (["pinpoint", EXAMPLE, "q3"], ["pinpoint", MISSING, "q3"]),
    "search": (["search", "Russia"], ["search", "Russia", "--catalog", "{notdb}"]),
    "show": (["show", "319"], ["show", "400"]),
    "styles": (["styles", "--kind", "bundled"], ["styles", "/nonexistent/style.csl"]),
    "zotero": (["zotero", "enrich", "{zotero}"], ["zotero", "enrich", MISSING]),
}
# commands that write a file with -o: the arguments before -o
WRITERS: dict[str, list[str]] = {
    "export": ["export", EXAMPLE, "--to", "bibtex"],
    "latex": ["latex", "{aux}", "--source", EXAMPLE],
}


def fill(args: list[str], places: dict[str, str]) -> list[str]:
    return [places.get(a, a) for a in args]


class FailingStream(io.RawIOBase):
    """A stdout whose every write fails as a closed pipe (EPIPE) or a full disk (ENOSPC) does."""

    def __init__(self, code: int) -> None:
        self.code = code

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        if self.code == errno.EPIPE:
            raise BrokenPipeError(self.code, "Broken pipe")
        raise OSError(self.code, "No space left on device")


def failing_stdout(code: int) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BufferedWriter(FailingStream(code)), encoding="utf-8")


def one_error_line(err: str) -> None:
    assert err.count("\n") == 1 and err.startswith("transpacific-cite: error: "), err
    assert "Traceback" not in err


def test_every_command_has_a_row() -> None:
    assert sorted(ROWS) == sorted(COMMANDS)
    assert sorted(SHORT_HELP) == sorted(COMMANDS)


def test_readme_command_table_covers_every_command() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("| command | what it does |") :]
    table = table[: table.index("\n\n")]
    listed = set(re.findall(r"^\| `(\w+)|, `(\w+) ", table, re.M))
    names = {name for pair in listed for name in pair if name}
    assert names == set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_short_help_matches_the_command(name: str) -> None:
    import click

    with click.Context(cli, info_name="transpacific-cite") as ctx:
        command = cli.get_command(ctx, name)
    assert command is not None
    assert SHORT_HELP[name] == command.get_short_help_str(limit=200)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_exits_0_and_holds_an_example(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([name, "--help"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith(f"Usage: transpacific-cite {name} ")
    assert "\n  Examples:\n" in out, out
    examples = out[out.index("\n  Examples:\n") :]
    assert f"transpacific-cite {name}" in examples
    assert main(["help", name]) == 0
    assert capsys.readouterr().out == out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_success_prints_to_stdout(
    name: str, places: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(fill(ROWS[name][0], places)) == 0
    out, err = capsys.readouterr()
    assert out.strip(), name
    assert "error" not in err and "Traceback" not in err


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_bad_input_is_one_line_and_exit_2(
    name: str, places: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(fill(ROWS[name][1], places)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    one_error_line(err)


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize(
    ("code", "status", "message"),
    [
        pytest.param(errno.EPIPE, 0, "", id="stdout-closed-early"),
        pytest.param(
            errno.ENOSPC,
            2,
            "transpacific-cite: error: cannot write the output (No space left on device)\n",
            id="disk-full",
        ),
    ],
)
def test_stdout_failures(
    name: str,
    code: int,
    status: int,
    message: str,
    places: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args = fill(ROWS[name][0], places)
    capsys.readouterr()
    with monkeypatch.context() as patched:
        patched.setattr("sys.stdout", failing_stdout(code))
        assert main(args) == status
    err = capsys.readouterr().err  # zotero's report lines come first; then this, alone
    assert err.endswith(message) and err.count("error:") == message.count("error:"), err
    assert "Traceback" not in err


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_unwritable_output_is_one_line(
    name: str, places: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = fill(WRITERS[name], places)
    for output, problem in (
        ("/proc/out.bib", "/proc/out.bib: the folder /proc is not writable"),
        (
            f"{tmp_path}/no/out.bib",
            f"{tmp_path}/no/out.bib: the folder {tmp_path}/no does not exist",
        ),
    ):
        capsys.readouterr()
        assert main([*args, "-o", output]) == 2
        assert capsys.readouterr() == ("", f"transpacific-cite: error: {problem}\n")
