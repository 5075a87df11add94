"""The catalog: storing versions, look-ups by number, key, name, URL and words, the schema."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transpacific_cite._api import load, read
from transpacific_cite._catalog import SCHEMA_VERSION, Catalog, fold, fts5_available, lookup
from transpacific_cite._cli._common import read_input
from transpacific_cite._errors import CatalogError, InputError, NotAllowedError, NotFoundError
from transpacific_cite._keys import citation_key
from transpacific_cite._model import Interview, Person

from .conftest import EXAMPLES, FIXTURES
from .test_model import interviews

PAGES = FIXTURES / "pages"
URL_319 = "https://thediplomat.com/2022/05/ukraine-war-the-impact-on-japan-russia-relations/"
FETCHED = dt.datetime(2026, 11, 24, 20, 0, tzinfo=dt.UTC)

WORD_INDEXES = [
    pytest.param(True, id="fts5", marks=pytest.mark.skipif(not fts5_available(), reason="no FTS5")),
    pytest.param(False, id="like"),
]


def page(name: str) -> Interview:
    return read(PAGES / name).interview


@pytest.fixture(params=WORD_INDEXES)
def catalog(request: pytest.FixtureRequest, tmp_path: Path) -> Catalog:
    """A catalog with 319 and 486 (pages) and 319 (model JSON), with and without FTS5."""
    store = Catalog(tmp_path / "catalog.sqlite3", fts=request.param)
    assert store.fts is request.param
    store.put(page("319-hornung.html"), kind="page", source=URL_319, fetched=FETCHED)
    store.put(page("486-hornung.html"), kind="page", source=str(PAGES / "486-hornung.html"))
    store.put(load(EXAMPLES / "319-hornung.json"), kind="json", source="319-hornung.json")
    return store


def test_a_stored_interview_comes_back_equal(catalog: Catalog) -> None:
    entry = catalog.get(319)
    assert entry.interview == page("319-hornung.html")
    assert entry.key == "hornung2022tpv319"
    assert entry.kind == "page"
    assert entry.source == URL_319
    assert entry.fetched == FETCHED
    assert entry.interview.sections[0].paragraphs == (
        "Fixture answer one, paragraph one: invented text for entry 319 about Japan and Russia.",
        "Fixture answer one, paragraph two: more invented text so that answers have two paragraphs.",
    )
    assert catalog.check() == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("json", "page", id="page-after-json"),
        pytest.param("page", "json", id="json-after-page"),
        pytest.param("text", "page", id="page-after-text"),
        pytest.param("page", "text", id="text-after-page"),
    ],
)
def test_the_page_wins_over_a_copy(tmp_path: Path, first: str, second: str) -> None:
    versions = {
        "page": page("319-hornung.html"),
        "json": load(EXAMPLES / "319-hornung.json"),
        "text": read(PAGES / "319-copy.txt").interview,
    }
    with Catalog(tmp_path / "c.sqlite3") as store:
        store.put(versions[first], kind=first, source=first)  # type: ignore[arg-type]
        store.put(versions[second], kind=second, source=second)  # type: ignore[arg-type]
        assert store.get(319).kind == "page"
        assert store.get(319).interview == versions["page"]
        assert store.resolve("hornung2022tpv319").kind == "page"
        assert [v.kind for v in store.versions(319)] == [
            "page",
            first if second == "page" else second,
        ]
        assert [e.kind for e in store.entries()] == ["page"]
        assert store.count() == 1


def test_json_wins_over_text(tmp_path: Path) -> None:
    with Catalog(tmp_path / "c.sqlite3") as store:
        store.put(load(EXAMPLES / "319-hornung.json"), kind="json", source="j")
        store.put(read(PAGES / "319-copy.txt").interview, kind="text", source="t")
        assert store.get(319).kind == "json"


def test_storing_a_kind_again_replaces_it(catalog: Catalog) -> None:
    first = catalog.get(319)
    changed = replace(first.interview, title="A Corrected Title")
    catalog.put(changed, kind="page", source=URL_319, fetched=FETCHED)
    assert catalog.get(319).interview.title == "A Corrected Title"
    assert [v.kind for v in catalog.versions(319)] == ["page", "json"]
    assert [e.number for e in catalog.search("corrected")] == [319]
    catalog.put(first.interview, kind="page", source=URL_319, fetched=FETCHED)
    assert catalog.search("corrected") == []  # the replaced title left the word index
    assert catalog.check() == []


@pytest.mark.parametrize(
    ("key", "number"),
    [
        pytest.param("hornung2022tpv319", 319, id="tpv"),
        pytest.param("HORNUNG2022TPV319", 319, id="tpv-upper"),
        pytest.param("hornung2024tpv486", 486, id="tpv-486"),
        pytest.param("hornungUkraineWarImpact2022", 319, id="better-bibtex"),
    ],
)
def test_look_up_by_key(catalog: Catalog, key: str, number: int) -> None:
    assert catalog.by_key(key).number == number
    assert catalog.resolve(key).number == number


def test_unknown_number_and_key(catalog: Catalog) -> None:
    with pytest.raises(NotFoundError) as caught:
        catalog.get(320)
    assert str(caught.value) == f"no entry 320 in the catalog {catalog.path}"
    with pytest.raises(NotFoundError) as caught:
        catalog.resolve("kuo2022tpv319")
    assert str(caught.value) == f"no entry with key 'kuo2022tpv319' in the catalog {catalog.path}"


@pytest.mark.parametrize(
    ("name", "numbers"),
    [
        pytest.param("hornung", [319, 486], id="family"),
        pytest.param("Jeffrey Hornung", [319, 486], id="full-name"),
        pytest.param("HORN", [319, 486], id="part-upper"),
        pytest.param("kuo", [], id="interviewer-is-not-interviewee"),
        pytest.param(None, [319, 486], id="everyone"),
    ],
)
def test_list_by_interviewee(catalog: Catalog, name: str | None, numbers: list[int]) -> None:
    assert [e.number for e in catalog.entries(by=name)] == numbers


def test_names_match_without_accents(tmp_path: Path) -> None:
    interview = replace(
        page("486-hornung.html"), number=487, interviewees=(Person("Satō", given="Ōki"),)
    )
    with Catalog(tmp_path / "c.sqlite3") as store:
        store.put(interview, kind="page", source="x")
        assert [e.number for e in store.entries(by="sato oki")] == [487]
        assert [e.number for e in store.search("Sato")] == [487]


@pytest.mark.parametrize(
    ("words", "numbers"),
    [
        pytest.param("ukraine", [319], id="title-word"),
        pytest.param("Japan-Russia", [319], id="hyphenated"),
        pytest.param("geostrategic", [319], id="question-word"),
        pytest.param("sino american", [319], id="two-words"),
        pytest.param("shipbuilding", [486], id="486-question"),
        pytest.param("fixture", [486], id="title-of-486"),
        pytest.param("hornung", [319, 486], id="name"),
        pytest.param("japan", [319, 486], id="both"),
        pytest.param("ukraine shipbuilding", [], id="all-words-needed"),
        pytest.param("invented", [], id="answers-are-not-indexed"),
        pytest.param('"', [], id="only-a-quote"),
        pytest.param('ukraine" OR "zzz', [], id="no-query-injection"),
    ],
)
def test_search_words_in_titles_and_questions(
    catalog: Catalog, words: str, numbers: list[int]
) -> None:
    assert [e.number for e in catalog.search(words)] == numbers


def test_search_returns_the_best_version(catalog: Catalog) -> None:
    (entry,) = catalog.search("ukraine")
    assert entry.kind == "page"


def test_schema_is_versioned(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    Catalog(path).close()
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(CatalogError) as caught:
        Catalog(path)
    assert str(caught.value) == (
        f"{path}: the catalog has schema {SCHEMA_VERSION + 1}, newer than this transpacific-cite "
        f"understands ({SCHEMA_VERSION}); upgrade transpacific-cite"
    )


def test_a_file_that_is_not_a_catalog(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database, just notes\n" * 100)
    with pytest.raises(CatalogError) as caught:
        Catalog(text)
    assert str(caught.value) == f"{text}: not a transpacific-cite catalog (file is not a database)"
    assert text.read_text() == "not a database, just notes\n" * 100
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as raw:
        raw.execute("CREATE TABLE t (x)")
    with pytest.raises(CatalogError, match="not a transpacific-cite catalog"):
        Catalog(other)


def test_reading_never_creates_a_catalog(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "c.sqlite3"
    with pytest.raises(NotFoundError) as caught:
        Catalog(path, create=False)
    assert str(caught.value) == f"the catalog {path} does not exist yet"
    assert not path.parent.exists()


def test_a_catalog_path_that_cannot_be_used(tmp_path: Path) -> None:
    """Each is one CatalogError line, never a bare OSError or sqlite3 error."""
    stray = tmp_path / "stray"
    stray.write_text("a file where a folder should be")
    folder = tmp_path / "folder"
    folder.mkdir()
    too_long = tmp_path / ("a" * 300) / "c.sqlite3"
    cases = [
        (stray / "c.sqlite3", f"{stray / 'c.sqlite3'}: cannot create the catalog ({stray} is a "
         "file, not a folder)"),
        (folder, f"{folder}: is a folder; the catalog must be a file"),
        (too_long, f"{too_long}: cannot open the catalog (File name too long)"),
    ]  # fmt: skip
    for path, message in cases:
        for create in (True, False):
            with pytest.raises(CatalogError) as caught:
                Catalog(path, create=create)
            if create or path != stray / "c.sqlite3":
                assert str(caught.value) == message
            else:  # reading: a missing catalog, whatever stands above it
                assert isinstance(caught.value, NotFoundError)
    assert stray.read_text() == "a file where a folder should be"


def test_opening_waits_for_a_process_creating_the_catalog(tmp_path: Path) -> None:
    """Two ``add`` processes starting on a new catalog once lost one of them: switching the
    file to WAL while the other held its lock failed at once ("database is locked")."""
    path = tmp_path / "c.sqlite3"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # the other process, mid-way through its first write
    timer = threading.Timer(0.3, other.execute, ["ROLLBACK"])
    timer.start()
    try:
        with Catalog(path) as store:
            assert store.count() == 0
    finally:
        timer.join()
        other.close()
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_read_only_catalog_says_what_to_fix(tmp_path: Path) -> None:
    """A write refused by SQLite is one CatalogError naming the file and its folder.

    Root ignores file modes, so a connection opened read-only (``mode=ro``) stands in for a
    catalog in a folder the user may not write: SQLite refuses the write the same way.
    """
    path = tmp_path / "c.sqlite3"
    store = Catalog(path)
    store.close()
    store._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    with store, pytest.raises(CatalogError) as caught:
        store.put(page("486-hornung.html"), kind="page", source="486.html")
    assert str(caught.value) == (
        f"{path}: cannot write the catalog (attempt to write a readonly database); SQLite needs "
        f"write access to the file and to its folder {tmp_path}, even to read it (WAL journal)"
    )


@pytest.mark.parametrize(
    ("table", "column", "value", "problem"),
    [
        pytest.param("sections", "paragraphs", "[1, 2", "Expecting", id="paragraphs-not-json"),
        pytest.param("sections", "paragraphs", "42", "not iterable", id="paragraphs-not-a-list"),
        pytest.param("entries", "fetched", "yesterday", "Invalid isoformat", id="fetched-date"),
        pytest.param("entries", "interview", "{}", "", id="interview-missing-keys"),
    ],
)
def test_a_damaged_row_is_one_catalog_error(
    tmp_path: Path, table: str, column: str, value: str, problem: str
) -> None:
    """A row edited by hand reads as one CatalogError naming the entry (was a traceback)."""
    path = tmp_path / "c.sqlite3"
    with Catalog(path) as store:
        store.put(page("486-hornung.html"), kind="page", source="x", fetched=FETCHED)
    with closing(sqlite3.connect(path, isolation_level=None)) as raw:
        raw.execute(f"UPDATE {table} SET {column} = ?", (value,))
    with Catalog(path) as store, pytest.raises(CatalogError) as caught:
        store.get(486)
    assert str(caught.value).startswith(f"{path}: entry 486 is damaged (")
    assert problem in str(caught.value)


def test_search_words_with_a_nul(catalog: Catalog) -> None:
    """FTS5 reads its query as a C string: a NUL once ended it ("unterminated string")."""
    assert catalog.search("\x00") == []
    assert [e.number for e in catalog.search("geostrategic\x00japan")] == [319]


def test_fold() -> None:
    assert fold("Tokyo’s Satō ÉLYSÉE") == "tokyo's sato elysee"


# --- resolving INPUT arguments ---------------------------------------------------------------


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.sqlite3"
    with Catalog(path) as store:
        store.put(page("319-hornung.html"), kind="page", source=URL_319, fetched=FETCHED)
        store.put(load(EXAMPLES / "319-hornung.json"), kind="json", source="319-hornung.json")
    return path


@pytest.mark.parametrize(
    "spec",
    [
        pytest.param("319", id="number"),
        pytest.param("hornung2022tpv319", id="key"),
        pytest.param(URL_319, id="canonical-url"),
        pytest.param(URL_319.replace("https", "http").rstrip("/"), id="http-no-slash"),
    ],
)
def test_lookup_resolves_numbers_keys_and_urls(filled: Path, spec: str) -> None:
    entry = lookup(spec, path=filled)
    assert entry.number == 319 and entry.kind == "page"


@pytest.mark.parametrize(
    ("spec", "error", "message"),
    [
        pytest.param(
            "320",
            NotFoundError,
            "320: no such file, and no entry with that number in the catalog {path}",
            id="number",
        ),
        pytest.param(
            "kuo2022tpv1",
            NotFoundError,
            "kuo2022tpv1: no such file, and no entry with that key in the catalog {path}",
            id="key",
        ),
        pytest.param("article.txt", InputError, "article.txt: no such file", id="missing-file"),
        pytest.param(
            "https://thediplomat.com/2022/05/other/",
            NotFoundError,
            "https://thediplomat.com/2022/05/other/: no such file, and no entry with that URL in the "
            "catalog {path} (fetch it with `transpacific-cite add URL`)",
            id="unknown-url",
        ),
        pytest.param(
            "https://example.com/x",
            NotAllowedError,
            "https://example.com/x: host example.com is not allowed; only thediplomat.com is "
            "fetched (widen the allowlist with --allow-host HOST[:PORT] or "
            "TRANSPACIFIC_CITE_ALLOW_HOSTS)",
            id="refused-url",
        ),
    ],
)
def test_lookup_failures_say_what_was_tried(
    filled: Path, spec: str, error: type[Exception], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRANSPACIFIC_CITE_ALLOW_HOSTS", raising=False)
    with pytest.raises(error) as caught:
        lookup(spec, path=filled)
    assert str(caught.value) == message.format(path=filled)


def test_lookup_of_a_url_with_a_malformed_allowlist_variable(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSPACIFIC_CITE_ALLOW_HOSTS", "example.org,bad host:99999")
    with pytest.raises(NotAllowedError) as caught:
        lookup(URL_319, path=filled)
    assert str(caught.value) == (
        f"{URL_319}: cannot check it against the allowlist: $TRANSPACIFIC_CITE_ALLOW_HOSTS: "
        "'bad host:99999' is not HOST or HOST:PORT (a comma-separated list)"
    )


def test_lookup_without_a_catalog(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite3"
    with pytest.raises(NotFoundError) as caught:
        lookup("319", path=path)
    assert str(caught.value) == (
        f"319: no such file, and the catalog {path} does not exist yet "
        "(add entries with `transpacific-cite add`)"
    )
    assert not path.exists()


def test_read_input_prefers_an_existing_path(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert read_input("319", catalog=filled).interview.url == URL_319  # from the catalog
    (folder / "319").write_bytes((PAGES / "486-hornung.html").read_bytes())
    # a bare name that is both a file here and a catalog entry is refused, not guessed
    with pytest.raises(click.UsageError) as refused:
        read_input("319", catalog=filled)
    assert refused.value.message == (
        "319 names both the file ./319 and catalog entry #319 (no. 319, hornung2022tpv319); "
        "say which: ./319 or '#319'"
    )
    assert read_input("./319", catalog=filled).interview.number == 486  # the file
    assert read_input("#319", catalog=filled).interview.url == URL_319  # the entry


def test_read_input_uses_the_catalog_environment_variable(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSPACIFIC_CITE_CATALOG", str(filled))
    assert read_input("hornung2022tpv319").interview == page("319-hornung.html")


# --- properties ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalog]:
    with Catalog(tmp_path_factory.mktemp("props") / "c.sqlite3") as store:
        yield store


@given(interview=interviews(), words=st.text(max_size=30))
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_interview_round_trips_and_any_words_search(
    scratch: Catalog, interview: Interview, words: str
) -> None:
    scratch.put(interview, kind="json", source="hypothesis")
    assert scratch.get(interview.number).interview == interview
    assert scratch.by_key(citation_key(interview)).number == interview.number
    found = scratch.search(words)
    assert all(isinstance(e.number, int) for e in found)
    assert scratch.entries(by=words) is not None
    assert scratch.check() == []
