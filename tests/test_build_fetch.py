"""Builds that fetch: only when the manifest or document turns fetching on, from a real local
server on 127.0.0.1 serving a fixture page (never the internet)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from transpacific_cite import BuildError, build_manifest
from transpacific_cite._build.pandoc import filter_document
from transpacific_cite._cli import main

from .conftest import FIXTURES

PAGE = (FIXTURES / "pages" / "319-hornung.html").read_bytes()
PATH = "/2022/05/ukraine-war-the-impact-on-japan-russia-relations/"


@pytest.fixture
def server(make_httpserver_ipv4: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    make_httpserver_ipv4.clear()
    make_httpserver_ipv4.expect_request(PATH).respond_with_data(
        PAGE, content_type="text/html; charset=utf-8"
    )
    monkeypatch.setenv("TRANSPACIFIC_CITE_ALLOW_HOSTS", f"127.0.0.1:{make_httpserver_ipv4.port}")
    yield make_httpserver_ipv4.url_for(PATH)
    make_httpserver_ipv4.clear()


def manifest(folder: Path, url: str, *, fetch: bool) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "bibliography.toml").write_text(
        f'[sources]\nfetch = {"true" if fetch else "false"}\n\n[[entries]]\nurl = "{url}"\n\n'
        '[outputs]\ncsl-json = "refs.json"\n',
        encoding="utf-8",
    )
    return folder


def requests_made(make_httpserver_ipv4: HTTPServer) -> int:
    return len(make_httpserver_ipv4.log)


def test_build_fetches_a_url_entry_once(
    server: str,
    make_httpserver_ipv4: HTTPServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(tmp_path / "absent.sqlite3"))
    folder = manifest(tmp_path / "paper", server, fetch=True)
    assert main(["build", str(folder)]) == 0
    item = json.loads((folder / "refs.json").read_text("utf-8"))[0]
    assert item["id"] == "tpv:319"
    assert item["title"] == "Ukraine War: The Impact on Japan-Russia Relations"
    assert requests_made(make_httpserver_ipv4) == 1
    capsys.readouterr()
    assert main(["build", str(folder)]) == 0  # the page cache answers; nothing rewritten
    assert capsys.readouterr().out == "nothing to do: 1 output up to date\n"
    assert requests_made(make_httpserver_ipv4) == 1


def test_fetching_is_off_unless_turned_on(
    server: str, make_httpserver_ipv4: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(tmp_path / "absent.sqlite3"))
    folder = manifest(tmp_path / "paper", server, fetch=False)
    with pytest.raises(BuildError) as caught:
        build_manifest(folder)
    assert str(caught.value) == (
        f"{folder / 'bibliography.toml'} line 5: {server}: not in the catalog, and fetching is "
        "off (turn it on with fetch = true, or add it first with `transpacific-cite add URL`)"
    )
    assert requests_made(make_httpserver_ipv4) == 0


def test_filter_fetches_when_the_document_says_so(
    server: str, make_httpserver_ipv4: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(tmp_path / "absent.sqlite3"))
    meta = {
        "transpacific-cite": {
            "t": "MetaMap",
            "c": {
                "sources": {"t": "MetaList", "c": [{"t": "MetaString", "c": server}]},
                "fetch": {"t": "MetaBool", "c": True},
                "examples": {"t": "MetaBool", "c": False},
            },
        }
    }
    citation = {
        "citationId": "tpv:319",
        "citationPrefix": [],
        "citationSuffix": [{"t": "Str", "c": ","}, {"t": "Space"}, {"t": "Str", "c": "q2"}],
        "citationMode": {"t": "NormalCitation"},
        "citationNoteNum": 1,
        "citationHash": 0,
    }
    doc = {
        "pandoc-api-version": [1, 23, 1],
        "meta": meta,
        "blocks": [{"t": "Para", "c": [{"t": "Cite", "c": [[citation], []]}]}],
    }
    filter_document(doc)
    item = doc["meta"]["references"]["c"][0]["c"]
    assert item["URL"]["c"].endswith(PATH)
    assert citation["citationSuffix"][-1] == {"t": "Str", "c": "2"}
    assert requests_made(make_httpserver_ipv4) == 1
