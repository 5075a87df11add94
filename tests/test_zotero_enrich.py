"""Enriching Zotero exports (CSL JSON, Better BibTeX JSON, RIS): our test libraries, Zotero's own
files for number 319, the real exports in ../shared/zotero/, broken and hostile files, the CLI."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import rispy
from pytest_httpserver import HTTPServer

from transpacific_cite._api import load, read_all
from transpacific_cite._catalog import Catalog
from transpacific_cite._cli import main
from transpacific_cite._errors import FormatError, InputError
from transpacific_cite._formats import csl, ris, zotero_json
from transpacific_cite._formats.csl import item_spans
from transpacific_cite._zotero.enrich import MAX_EXPORT_BYTES, detect, enrich_file, enrich_text

from .conftest import FIXTURES, SHARED, shared_file
from .test_fetch import entry_page, fetcher_for

LIBRARY = FIXTURES / "zotero"
U = "http://zotero.org/users/4711/items/"
URL_319 = "https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/"
URL_412 = "https://thediplomat.com/2023/08/the-east-china-sea-after-the-summit/"
URL_486 = "https://thediplomat.com/2024/09/supply-chains-across-the-pacific/"
KUO = {"family": "Kuo", "given": "Mercy A."}
SERIES = "The Trans-Pacific View Insight Series"
OURS_412 = "container-title: The Diplomat\ncollection-title: " + SERIES + "\ncollection-number: 412"
OURS_486 = "container-title: The Diplomat\ncollection-title: " + SERIES + "\ncollection-number: 486"
OURS_319 = "container-title: The Diplomat\ncollection-title: " + SERIES


@pytest.fixture(autouse=True)
def _no_user_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the user's catalog: the default one is an empty folder's missing file."""
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(tmp_path / "none" / "catalog.sqlite3"))


def _offline(item: dict[str, Any]) -> Any:
    from transpacific_cite._zotero.recognise import recognise

    return recognise(item)


def text_of(name: str) -> str:
    return (LIBRARY / name).read_bytes().decode("utf-8")


# ---------------------------------------------------------------------------------------------
# Our library, CSL JSON (Zotero's shape: tabs, string years)
# ---------------------------------------------------------------------------------------------


def test_csl_json_library() -> None:
    before = json.loads(text_of("library.csl.json"))
    enriched = csl.enrich(text_of("library.csl.json"), source="lib", recognise=_offline)
    after = json.loads(enriched.text)
    assert enriched.text.startswith('[\n\t{\n\t\t"id"')  # Zotero's layout kept
    assert [i["id"] for i in after] == [i["id"] for i in before]
    # intro sentence in Extra
    assert after[0] == {
        **before[0],
        "type": "interview",
        "author": [{"family": "Tanaka", "given": "Aiko"}],
        "interviewer": [KUO],
        "collection-title": SERIES,
        "collection-number": 412,
        "note": OURS_412 + "\n" + before[0]["note"],
    }
    # intro sentence in the abstract, two interviewees with non-ASCII names
    assert after[1] == {
        **before[1],
        "type": "interview",
        "author": [{"family": "Núñez", "given": "José"}, {"family": "Satō", "given": "Ryōko"}],
        "interviewer": [KUO],
        "collection-title": SERIES,
        "collection-number": 486,
        "note": OURS_486,
    }
    # only "Insights from ...": enriched, number undetermined
    assert after[2] == {
        **before[2],
        "type": "interview",
        "author": [{"family": "Hornung", "given": "Jeffrey"}],
        "interviewer": [KUO],
        "collection-title": SERIES,
        "note": OURS_319,
    }
    assert after[3:] == before[3:]  # the correct interview, the journal article, another author
    # ... and their text is the input's, byte for byte
    old_spans, new_spans = item_spans(text_of("library.csl.json")), item_spans(enriched.text)
    assert [enriched.text[a:b] for a, b in new_spans[3:]] == [
        text_of("library.csl.json")[a:b] for a, b in old_spans[3:]
    ]
    assert enriched.reports == (
        f"{U}A4B6C8D2: post-weblog by Kuo -> interview with Aiko Tanaka, no. 412 (intro sentence "
        "in note); changed: type, note, author, interviewer, collection-title, collection-number",
        f"{U}E5F7G9H3: webpage by Kuo -> interview with José Núñez, Ryōko Satō, no. 486 (intro "
        "sentence in abstract); changed: type, author, interviewer, collection-title, "
        "collection-number, note",
        f"{U}5JQHV8TC: article-magazine by Kuo -> interview with Jeffrey Hornung, no. undetermined "
        "(Insights from); changed: type, author, interviewer, collection-title, note; "
        "undetermined: number",
        f"{U}K2M4N6P8: interview by Lee -> interview with Min-jun Lee, no. 500 (series fields); "
        "unchanged",
    )


def test_csl_json_with_the_catalog_settles_319(tmp_path: Path, example_319: Path) -> None:
    with Catalog(tmp_path / "c.sqlite3") as catalog:
        catalog.put(dataclasses.replace(load(example_319), url=URL_319), kind="json", source="test")
        enriched = enrich_text(text_of("library.csl.json"), source="lib", catalog=catalog)
    item = json.loads(enriched.text)[2]
    assert item["collection-number"] == 319
    assert item["note"] == OURS_319 + "\ncollection-number: 319"
    assert "no. 319 (catalog URL)" in enriched.reports[2]


def test_better_csl_json_layout_kept() -> None:
    """Better CSL JSON writes one compact item per line; an enriched item stays one line."""
    items = json.loads(text_of("library.csl.json"))
    text = "[\n" + ",\n".join("  " + json.dumps(i, separators=(",", ":")) for i in items) + "\n]\n"
    enriched = csl.enrich(text, source="lib", recognise=_offline)
    lines = enriched.text.split("\n")
    assert len(lines) == len(text.split("\n"))
    assert (
        lines[3]
        == "  "
        + json.dumps(
            {
                **items[2],
                "type": "interview",
                "author": [{"family": "Hornung", "given": "Jeffrey"}],
                "interviewer": [KUO],
                "collection-title": SERIES,
                "note": OURS_319,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + ","
    )
    assert lines[4:] == text.split("\n")[4:]


# ---------------------------------------------------------------------------------------------
# Our library, Better BibTeX JSON
# ---------------------------------------------------------------------------------------------


def test_bbt_json_library() -> None:
    before = json.loads(text_of("library.bbt.json"))
    enriched = zotero_json.enrich(text_of("library.bbt.json"), source="lib", recognise=_offline)
    after = json.loads(enriched.text)
    assert {k: v for k, v in after.items() if k != "items"} == {
        k: v for k, v in before.items() if k != "items"
    }
    old, new = before["items"], after["items"]

    def expect(
        index: int, people: list[tuple[str, str]], extra: str, drop: tuple[str, ...]
    ) -> None:
        wanted = {k: v for k, v in old[index].items() if k not in drop}
        wanted.update(
            itemType="interview",
            creators=[
                *({"firstName": g, "lastName": f, "creatorType": "interviewee"} for f, g in people),
                {"firstName": "Mercy A.", "lastName": "Kuo", "creatorType": "interviewer"},
            ],
            interviewMedium="The Diplomat",
            extra=extra,
        )
        assert new[index] == wanted
        for kept in ("key", "citationKey", "itemID", "tags", "notes", "attachments", "url"):
            assert new[index].get(kept) == old[index].get(kept)

    expect(0, [("Tanaka", "Aiko")], OURS_412 + "\n" + old[0]["extra"], ("publicationTitle",))
    expect(1, [("Núñez", "José"), ("Satō", "Ryōko")], OURS_486, ("publicationTitle", "type"))
    expect(2, [("Hornung", "Jeffrey")], OURS_319, ("publicationTitle",))
    assert new[3:] == old[3:]
    assert [r.split(":")[0] for r in enriched.reports] == [
        "kuoEastChinaSea2023",
        "kuoSupplyChainsPacific2024",
        "kuoUkraineWarImpact2022",
        "leeAlliancesElectionYear2025",
    ]
    assert enriched.reports[3].endswith("unchanged")


# ---------------------------------------------------------------------------------------------
# Our library, RIS (CRLF, BOM)
# ---------------------------------------------------------------------------------------------


def ris_records(text: str) -> list[str]:
    """The records' raw text, split by an independent rule (an ``ER`` line ends one)."""
    return re.findall(r"TY  - .*?ER  - \r?\n", text, flags=re.DOTALL)


def test_ris_library() -> None:
    text = text_of("library.ris")
    enriched = ris.enrich(text, source="lib", recognise=_offline)
    assert enriched.text.startswith("\ufeffTY  - MGZN\r\n")
    assert "\n" not in enriched.text.replace("\r\n", "")  # CRLF throughout
    old, new = ris_records(text), ris_records(enriched.text)
    assert new[0] == (
        "TY  - MGZN\r\nTI  - The East China Sea After the Summit\r\nAU  - Tanaka, Aiko\r\n"
        "T2  - The Diplomat\r\nAB  - Insights from Aiko Tanaka.\r\nDA  - 2023/08/22/\r\n"
        "PY  - 2023\r\nLA  - en-US\r\nUR  - " + URL_412 + "\r\nY2  - 2024/03/02/10:15:00\r\n"
        "KW  - maritime\r\n"
        "N1  - Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series, no. 412.\r\n"
        "N1  - " + old[0].split("N1  - ")[1].split("\r\n")[0] + "\r\nER  - \r\n"
    )
    assert new[1] == (
        "TY  - MGZN\r\nTI  - Supply Chains Across the Pacific\r\nAU  - Núñez, José\r\n"
        "AU  - Satō, Ryōko\r\nT2  - The Diplomat\r\nAB  - "
        + old[1].split("AB  - ")[1].split("\r\n")[0]
        + "\r\nDA  - 2024/09/10/\r\nPY  - 2024\r\nLA  - en-US\r\nM3  - Blog\r\nUR  - "
        + URL_486
        + "\r\nN1  - Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series, no. 486.\r\n"
        "ER  - \r\n"
    )
    assert new[2] == (
        "TY  - MGZN\r\nTI  - Ukraine War: The Impact on Japan-Russia Relations\r\n"
        "AU  - Hornung, Jeffrey\r\nT2  - The Diplomat\r\nAB  - Insights from Jeffrey Hornung.\r\n"
        "DA  - 2022/05/16/\r\nPY  - 2022\r\nLA  - en-US\r\nUR  - " + URL_319 + "\r\n"
        "N1  - Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series.\r\n"
        "N1  - <p>Read for chapter 2.</p>\r\nER  - \r\n"
    )
    # Zotero's interview shape (PCOMM, A2 interviewer) becomes ours; its ID and UR are kept
    assert new[3] == (
        "TY  - MGZN\r\nTI  - Alliances in an Election Year\r\nAU  - Lee, Min-jun\r\n"
        "DA  - 2025/01/14/\r\nPY  - 2025\r\nUR  - https://thediplomat.com/2025/01/alliances-in-an-"
        "election-year/\r\nID  - leeAlliancesElectionYear2025\r\nT2  - The Diplomat\r\n"
        "N1  - Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series.\r\nER  - \r\n"
    )
    assert new[4:] == old[4:]
    # and everything outside the series records is byte for byte the input
    assert enriched.text.split(new[3])[1] == text.split(old[3])[1]


# ---------------------------------------------------------------------------------------------
# Idempotence, Zotero's own 319, the real exports
# ---------------------------------------------------------------------------------------------

OURS = ["library.csl.json", "library.bbt.json", "library.ris"]
ZOTERO_319 = [
    f"{kind}.{fmt}"
    for kind in ("blogpost", "interview")
    for fmt in ("csljson.json", "zotero.json", "ris")
]


@pytest.mark.parametrize("name", OURS)
def test_enrich_twice_is_enrich_once(name: str) -> None:
    once = enrich_text(text_of(name), source=name)
    twice = enrich_text(once.text, source=name)
    assert twice.text == once.text
    assert all(r.endswith(("unchanged", "undetermined: number")) for r in twice.reports)


@pytest.mark.parametrize("name", ZOTERO_319)
def test_zoteros_own_319(name: str, tmp_path: Path, example_319: Path) -> None:
    path = shared_file("zotero", "diplomat-319", name)
    text = path.read_bytes().decode("utf-8")
    once = enrich_text(text, source=name)
    assert enrich_text(once.text, source=name).text == once.text
    [item] = (csl if "csljson" in name else zotero_json if "zotero" in name else ris).read_items(
        once.text, source=name
    )
    assert item["author"] == [{"family": "Hornung", "given": "Jeffrey"}]
    if "ris" not in name:  # RIS carries the interviewer in our note (no RIS tag for it)
        assert item["interviewer"] == [KUO]
    else:
        assert "Interview by Mercy A. Kuo." in item["note"]
    assert len(once.reports) == 1 and once.reports[0].endswith("undetermined: number")
    with Catalog(tmp_path / "c.sqlite3") as catalog:
        catalog.put(dataclasses.replace(load(example_319), url=URL_319), kind="json", source="t")
        numbered = enrich_text(text, source=name, catalog=catalog)
        [result] = read_all(path, catalog=catalog)
    assert "no. 319 (catalog URL)" in numbered.reports[0]
    assert result.interview.number == 319
    assert [p.full_name for p in result.interview.interviewees] == ["Jeffrey Hornung"]
    assert [p.full_name for p in result.interview.interviewers] == ["Mercy A. Kuo"]


def real_exports() -> list[str]:
    folder = SHARED / "zotero" / "real-exports"
    names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else ["absent"]
    return [n for n in names if n.endswith((".json", ".ris"))] or ["absent"]


@pytest.mark.parametrize("name", real_exports())
def test_real_exports_read_and_pass_through(name: str) -> None:
    path = shared_file("zotero", "real-exports", name)
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    enriched = enrich_file(path)
    assert enriched.reports == ()
    if name.endswith(".ris"):
        assert enriched.text == text  # byte for byte
        # an independent reading (rispy over the whole file) agrees record by record
        assert rispy.loads(enriched.text.lstrip("\ufeff")) == rispy.loads(text.lstrip("\ufeff"))
        assert len(ris.read_items(text, source=name)) == text.count("\nTY  - ") + text.startswith(
            "TY  - "
        )
    else:
        assert enriched.text == text  # nothing to change: the same text, byte for byte
        assert json.loads(enriched.text) == json.loads(text)
        kind = detect(text, source=name)
        data = json.loads(text)
        count = len(data["items"] if isinstance(data, dict) else data)
        module = csl if kind == "csl-json" else zotero_json
        assert len(module.read_items(text, source=name)) <= count


# ---------------------------------------------------------------------------------------------
# Broken and hostile files
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            text_of("library.csl.json")[:700],
            r"lib: not valid JSON \(.* at line \d+ column \d+\)",
            id="truncated-csl-json",
        ),
        pytest.param(
            text_of("library.bbt.json")[:-40],
            r"lib: not valid JSON \(.* at line \d+ column \d+\)",
            id="truncated-bbt-json",
        ),
        pytest.param('[{"id": "a", "type": "book"}, 3]', "lib: item 2 is int", id="not-an-item"),
        pytest.param(
            "TY  - BLOG\r\nTI  - a\r\nER  - \r\n\r\nTY  - BLOG\r\nTI  - b\r\n\r\nTY  - JOUR\r\n"
            "ER  - \r\n",
            r"lib: record 2 \(line 5\) has no 'ER  - ' line before the next record at line 8",
            id="ris-missing-er",
        ),
        pytest.param("TY  - BLOG\nTI  - a\nER  - \n", None, id="ris-fine"),
        pytest.param(
            "TY  - BLOG\nTI  - a\n",
            r"lib: record 1 \(line 1\) ends without an 'ER  - ' line",
            id="ris-truncated",
        ),
        pytest.param(
            "TY  - BLOG\nER  - \nstray words\n",
            r"lib: line 3: text outside a record",
            id="ris-stray-text",
        ),
        pytest.param("TY  - \nER  - \n", "lib: line 1: record 1 has no type", id="ris-no-type"),
    ],
)
def test_broken_files(content: str, message: str | None) -> None:
    if message is None:
        assert enrich_text(content, source="lib").reports == ()
        return
    with pytest.raises(FormatError, match=message):
        enrich_text(content, source="lib")


def test_broken_file_cli_exit_2_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text(text_of("library.csl.json")[:700], encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["zotero", "enrich", str(broken), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"transpacific-cite: error: {broken}: not valid JSON (")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists() and list(tmp_path.iterdir()) == [broken]


def test_huge_export_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # a sparse 200 MB file: costs no disk, and is never read
        handle.write(b"[")
        handle.truncate(200 * 1024 * 1024)
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"huge.json: 200 MB is larger than the 128 MB"):
            enrich_file(huge)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024
    assert main(["zotero", "enrich", str(huge)]) == 2
    assert "larger than the 128 MB" in capsys.readouterr().err
    assert MAX_EXPORT_BYTES == 128 * 1024 * 1024


def test_deeply_nested_json_is_one_error() -> None:
    with pytest.raises(FormatError, match="lib: "):
        enrich_text("[" * 100_000 + "]" * 100_000, source="lib")


def test_not_an_export() -> None:
    with pytest.raises(
        FormatError, match=r"lib: not a Zotero export this version reads \(csl-json, bbt-json, ris"
    ):
        enrich_text("This conversation with ...", source="lib")
    with pytest.raises(FormatError, match="lib: model JSON of one interview"):
        enrich_text('{"series": "x", "number": 3}', source="lib")


# ---------------------------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------------------------


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_stdout_and_report(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["zotero", "enrich", str(LIBRARY / "library.csl.json")], capsys)
    assert status == 0
    assert json.loads(out) == json.loads(enrich_text(text_of("library.csl.json")).text)
    assert err.splitlines()[0].startswith(f"{U}A4B6C8D2: post-weblog by Kuo -> interview with")
    assert len(err.splitlines()) == 4


def test_cli_output_file_input_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "lib.ris"
    source.write_bytes((LIBRARY / "library.ris").read_bytes())
    out = tmp_path / "out.ris"
    status, stdout, _ = run(["zotero", "enrich", str(source), "-o", str(out)], capsys)
    assert status == 0 and stdout == ""
    assert source.read_bytes() == (LIBRARY / "library.ris").read_bytes()
    assert out.read_bytes().decode("utf-8") == enrich_text(text_of("library.ris")).text


def test_cli_refuses_the_input_as_output_unless_in_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "lib.json"
    source.write_bytes((LIBRARY / "library.bbt.json").read_bytes())
    status, _, err = run(["zotero", "enrich", str(source), "-o", str(source)], capsys)
    assert status == 2 and "is the input; an input file is never overwritten" in err
    assert source.read_bytes() == (LIBRARY / "library.bbt.json").read_bytes()
    status, _, _ = run(["zotero", "enrich", str(source), "--in-place"], capsys)
    assert status == 0
    assert source.read_text(encoding="utf-8") == enrich_text(text_of("library.bbt.json")).text


def test_cli_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    status, stdout, err = run(
        ["zotero", "enrich", str(LIBRARY / "library.csl.json"), "-o", str(out), "--dry-run"],
        capsys,
    )
    assert status == 0 and stdout == "" and not out.exists()
    assert len(err.splitlines()) == 4


@pytest.mark.parametrize(
    ("name", "to", "read"),
    [
        ("library.ris", "csl-json", csl.read_items),
        ("library.csl.json", "ris", ris.read_items),
        ("library.ris", "bbt-json", zotero_json.read_items),
        ("library.bbt.json", "csl-json", csl.read_items),
    ],
)
def test_cli_to_another_format(
    name: str,
    to: str,
    read: Callable[..., list[dict[str, Any]]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(["zotero", "enrich", str(LIBRARY / name), "--to", to], capsys)
    assert status == 0, err
    items = read(out, source="out")
    assert len(items) == 6
    # RIS has no interview type Zotero imports as one: ours is MGZN with the interview in N1
    kind = "article-magazine" if to == "ris" else "interview"
    assert [i["type"] for i in items[:3]] == [kind] * 3
    if to == "ris":
        assert items[0]["note"].startswith(
            "Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series, no. 412."
        )
    assert items[0]["author"] == [{"family": "Tanaka", "given": "Aiko"}]
    assert items[1]["author"] == [
        {"family": "Núñez", "given": "José"},
        {"family": "Satō", "given": "Ryōko"},
    ]
    # and the result is itself an enriched library: enriching it again changes nothing
    assert enrich_text(out, source="out").text == out


def test_cli_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    lib = str(LIBRARY / "library.ris")
    assert run(["zotero", "enrich", lib, "--in-place", "--to", "ris"], capsys)[0] == 2
    assert run(["zotero", "enrich", "-", "--in-place"], capsys)[0] == 2
    assert run(["zotero", "enrich", lib, "--to", "docx"], capsys)[0] == 2
    status, _, err = run(["zotero", "enrich", "/nonexistent/lib.json"], capsys)
    assert status == 2 and err == "transpacific-cite: error: /nonexistent/lib.json: no such file\n"


def test_api_is_documented_in_readme() -> None:
    readme = (FIXTURES.parent.parent / "README.md").read_text(encoding="utf-8")
    assert "zotero enrich" in readme and "enrich_file(" in readme


def test_atomic_write_keeps_old_output_on_failure(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    broken = tmp_path / "b.json"
    broken.write_text("[{", encoding="utf-8")
    with pytest.raises(FormatError):
        enrich_file(broken, output=out)
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(os.listdir(tmp_path)) == ["b.json", "out.json"]  # no temporary file left


# ---------------------------------------------------------------------------------------------
# --fetch: the page itself, through the fetcher (a real server on 127.0.0.1)
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def server(make_httpserver_ipv4: HTTPServer) -> Iterator[HTTPServer]:
    """The session's HTTP server on 127.0.0.1, with no handlers and an empty log."""
    make_httpserver_ipv4.clear()
    yield make_httpserver_ipv4
    make_httpserver_ipv4.clear()


def _fetch_library(server: HTTPServer) -> str:
    """One "Insights from" item whose page the server has, in Zotero CSL JSON's shape."""
    url = server.url_for("/2023/04/fixture-entry-412/")
    item = {
        "id": f"{U}F1X7URE4",
        "type": "post-weblog",
        "abstract": "Insights from Ada Fixturesson.",
        "container-title": "The Diplomat",
        "title": "Fixture Entry 412: Harbours and Alliances",
        "URL": url,
        "author": [KUO],
    }
    server.expect_request("/2023/04/fixture-entry-412/").respond_with_data(
        entry_page(412), content_type="text/html; charset=utf-8"
    )
    return json.dumps([item], indent="\t")


def test_fetch_settles_the_number(server: HTTPServer, tmp_path: Path) -> None:
    text = _fetch_library(server)
    offline = enrich_text(text, source="lib")
    assert offline.reports[0].endswith("undetermined: number, published")
    assert server.log == []  # offline: no request at all
    with fetcher_for(server, tmp_path) as fetcher:
        fetched = enrich_text(text, source="lib", fetcher=fetcher)
    [item] = json.loads(fetched.text)
    assert item["collection-number"] == 412
    assert item["author"] == [{"family": "Fixturesson", "given": "Ada"}]
    assert item["issued"] == {"date-parts": [[2023, 4, 5]]}  # the page's date fills the gap
    assert "no. 412 (fetched page)" in fetched.reports[0]
    assert len(server.log) == 1


def test_cli_fetch_and_offline(
    server: HTTPServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    lib = tmp_path / "lib.json"
    lib.write_text(_fetch_library(server), encoding="utf-8")
    monkeypatch.setenv("TRANSPACIFIC_CITE_ALLOW_HOSTS", f"127.0.0.1:{server.port}")
    status, out, err = run(["zotero", "enrich", str(lib), "--offline"], capsys)
    assert status == 0 and "no. undetermined" in err and server.log == []
    status, out, err = run(["zotero", "enrich", str(lib), "--fetch"], capsys)
    assert status == 0, err
    assert json.loads(out)[0]["collection-number"] == 412
    assert len(server.log) == 1


@pytest.mark.parametrize("unit", ["\t", "  ", "    "])
def test_indented_is_json_dumps(unit: str) -> None:
    """The C-backed indenter writes exactly what json.dumps(indent=...) writes."""
    for name in OURS[:2]:
        data = json.loads(text_of(name))
        assert csl.indented(data, unit) == json.dumps(data, ensure_ascii=False, indent=unit)
    odd = {"a": [], "b": {}, "c": [1, 2.5, True, None, 'x\u2028"\\'], "d": {"e": [{"f": "ü"}]}}
    assert csl.indented(odd, unit) == json.dumps(odd, ensure_ascii=False, indent=unit)
