"""The local catalog: an embedded SQLite store of series entries (stdlib ``sqlite3``).

Vocabulary:

- *catalog*: one SQLite file (``paths.catalog_path()``: ``$TRANSPACIFIC_CITE_CATALOG`` or the
  user data directory; ``--catalog PATH`` on the command line).
- *version*: one stored copy of an interview. A number may have up to three versions, one per
  *kind*: ``page`` (read from a Diplomat HTML page, fetched or saved), ``json`` (model JSON) and
  ``text`` (an article text copy, often paraphrased). Look-ups return the *best* version, in
  that order of rank, so the real page wins over a paraphrased copy; storing a kind again
  replaces that kind's version.
- *entry*: a version with its catalog metadata (:class:`Entry`): key, source, fetch time.

Schema (``PRAGMA user_version`` = :data:`SCHEMA_VERSION`): ``entries`` (one row per version,
with the model JSON of everything but the sections), ``sections`` (one row per question with its
paragraphs), and, where SQLite has FTS5, ``entry_text`` (full-text index of titles, questions
and names; without FTS5 the same words are matched with ``LIKE`` over a folded copy).

Writes run in ``BEGIN IMMEDIATE`` transactions on a WAL database with a busy timeout, so an
entry is stored whole or not at all (a killed process leaves the previous state) and two
processes adding at once wait for each other instead of losing rows.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from ._errors import CatalogError, InputError, NotAllowedError, NotFoundError
from ._keys import citation_key
from ._model import Interview, QASection

SCHEMA_VERSION = 1
Kind = Literal["page", "json", "text"]
# Which version of a number wins: the page over model JSON over a (paraphrased) text copy.
KIND_RANK: dict[str, int] = {"page": 2, "json": 1, "text": 0}
BUSY_TIMEOUT = 30.0  # seconds a writer waits for another process's transaction

_SCHEMA = """
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('page', 'json', 'text')),
    rank INTEGER NOT NULL,
    key TEXT NOT NULL,
    bbt_key TEXT NOT NULL,
    title TEXT,
    published TEXT,
    url TEXT,
    source TEXT NOT NULL,
    fetched TEXT,
    added TEXT NOT NULL,
    names TEXT NOT NULL,
    folded TEXT NOT NULL,
    section_count INTEGER NOT NULL,
    interview TEXT NOT NULL,
    UNIQUE (number, kind)
);
CREATE INDEX entries_key ON entries (key);
CREATE INDEX entries_url ON entries (url);
CREATE TABLE sections (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    question TEXT NOT NULL,
    paragraphs TEXT NOT NULL,
    PRIMARY KEY (entry_id, number)
);
CREATE VIEW best AS
    SELECT * FROM entries AS e
    WHERE NOT EXISTS (SELECT 1 FROM entries AS o WHERE o.number = e.number AND o.rank > e.rank);
"""
_FTS_SCHEMA = """
CREATE VIRTUAL TABLE entry_text USING fts5(
    title, questions, names, tokenize = 'unicode61 remove_diacritics 2'
);
"""
_COLUMNS = "id, number, kind, key, source, fetched, added, interview"


@dataclass(frozen=True, slots=True)
class Entry:
    """One stored version of an interview with its catalog metadata.

    Attributes:
        interview: the interview as stored.
        key: its citation key (``hornung2022tpv319``).
        kind: ``page``, ``json`` or ``text``: what it was read from.
        source: the URL asked for, or the absolute path of the file read.
        fetched: when the page was fetched from the site (UTC), None for files.
        added: when this version was (last) stored (UTC).
    """

    interview: Interview
    key: str
    kind: str
    source: str
    fetched: dt.datetime | None
    added: dt.datetime

    @property
    def number(self) -> int:
        return self.interview.number

    def summary(self) -> dict[str, Any]:
        """The entry without its sections, as a plain dict (``list --json``)."""
        interview = self.interview
        return {
            "number": interview.number,
            "key": self.key,
            "title": interview.title,
            "published": interview.published.isoformat() if interview.published else None,
            "interviewees": [p.full_name for p in interview.interviewees],
            "url": interview.url,
            "kind": self.kind,
            "source": self.source,
            "fetched": self.fetched.isoformat() if self.fetched else None,
            "added": self.added.isoformat(),
            "sections": len(interview.sections),
        }

    def to_dict(self) -> dict[str, Any]:
        """The entry with its whole interview (``show --json``)."""
        data = self.summary()
        data["interview"] = self.interview.to_dict()
        return data


def fold(text: str) -> str:
    """Text folded for matching: no diacritics, case-folded, straight apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@cache
def fts5_available() -> bool:
    """Whether this Python's SQLite was built with FTS5."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE probe USING fts5(a)")
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()
    return True


class Catalog:
    """An open catalog; use as a context manager, or call :meth:`close`.

    Args:
        path: the database file; None means ``paths.catalog_path()``.
        create: make the file if missing (and its folder, for the default path only); when
            False a missing catalog is a :class:`NotFoundError`, so read-only commands never
            leave an empty file behind.
        fts: use FTS5 for word search when creating the catalog (None: when available).

    Raises:
        NotFoundError: ``create`` is False and there is no catalog at ``path``.
        CatalogError: the file is not a catalog, is from a newer version, or cannot be opened
            or created (a path the user named whose folder is missing).
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        create: bool = True,
        fts: bool | None = None,
    ) -> None:
        from ._paths import CATALOG_ENV, catalog_path

        # Only the default place (the user data folder) is made on demand; a path the user
        # named (--catalog, $TRANSPACIFIC_CITE_CATALOG) must be in a folder that exists, so a
        # typo is an error instead of a new tree of folders.
        named = path is not None or bool(os.environ.get(CATALOG_ENV))
        self.path = Path(path) if path is not None else catalog_path()
        if not _exists(self.path):
            if not create:
                raise NotFoundError(f"the catalog {self.path} does not exist yet")
            folder = self.path.parent
            if named and not folder.is_dir():
                what = (
                    f"{folder} is a file, not a folder"
                    if folder.exists()
                    else (f"the folder {folder} does not exist")
                )
                raise CatalogError(f"{self.path}: cannot create the catalog ({what})")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except FileExistsError:
                raise CatalogError(
                    f"{self.path}: cannot create the catalog ({self.path.parent} is a file, "
                    "not a folder)"
                ) from None
            except OSError as error:
                raise CatalogError(
                    f"{self.path}: cannot create the catalog ({error.strerror or error})"
                ) from None
        elif self.path.is_dir():
            raise CatalogError(f"{self.path}: is a folder; the catalog must be a file")
        try:
            self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        except sqlite3.Error as error:
            raise CatalogError(f"{self.path}: cannot open the catalog ({error})") from None
        try:
            with self._errors():
                self._set_up(fts5_available() if fts is None else fts)
                self.fts = self._has_table("entry_text")
        except BaseException:
            self._db.close()
            raise

    def _set_up(self, fts: bool) -> None:
        """Pragmas and schema, retried while another process holds the database.

        SQLite does not always wait out a lock here: switching a file that is not yet in WAL
        mode (a catalog another process is creating this instant) needs an exclusive lock and
        fails at once with "database is locked" instead of calling the busy handler. So the
        set-up is retried, with a growing pause, until :data:`BUSY_TIMEOUT`.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT
        pause = 0.005
        while True:
            try:
                self._db.execute("PRAGMA foreign_keys = ON")
                if self._db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
                self._migrate(fts)
                return
            except (sqlite3.OperationalError, CatalogError) as error:
                if not _locked(error) or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.25)

    # -- plumbing -------------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as error:
            message = str(error)
            if "not a database" in message:
                message = "not a transpacific-cite catalog (file is not a database)"
            elif "readonly" in message:
                message = (
                    f"cannot write the catalog ({message}); SQLite needs write access to the "
                    f"file and to its folder {self.path.parent}, even to read it (WAL journal)"
                )
            raise CatalogError(f"{self.path}: {message}") from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; BEGIN IMMEDIATE takes the write lock up front (waiting up
        to the busy timeout) so concurrent writers queue instead of failing half-way."""
        with self._errors():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _has_table(self, name: str) -> bool:
        row = self._db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone()
        return row is not None

    def _migrate(self, fts: bool) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise CatalogError(
                f"{self.path}: the catalog has schema {version}, newer than this "
                f"transpacific-cite understands ({SCHEMA_VERSION}); upgrade transpacific-cite"
            )
        with self._write() as db:
            # re-read inside the lock: another process may have created it meanwhile
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                if (
                    self._has_table("entries")
                    or db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                ):
                    raise CatalogError(f"{self.path}: not a transpacific-cite catalog")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                if fts:
                    db.execute(_FTS_SCHEMA)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- writing --------------------------------------------------------------------------

    def put(
        self,
        interview: Interview,
        *,
        kind: Kind,
        source: str,
        fetched: dt.datetime | None = None,
    ) -> Entry:
        """Store a version of an interview, replacing the stored version of the same kind.

        The entry row, its sections and its index row go in one transaction.

        Raises:
            ValueError: an unknown kind.
            CatalogError: the catalog could not be written.
        """
        if kind not in KIND_RANK:
            raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KIND_RANK)}")
        added = dt.datetime.now(dt.UTC).replace(microsecond=0)
        key = citation_key(interview)
        head = interview.to_dict()
        head["sections"] = []
        names = " | ".join(p.full_name for p in interview.interviewees)
        questions = "\n".join(s.question for s in interview.sections)
        folded = fold("\n".join([interview.title or "", questions, names]))
        with self._write() as db:
            old = db.execute(
                "SELECT id FROM entries WHERE number = ? AND kind = ?", (interview.number, kind)
            ).fetchone()
            if old is not None:
                if self.fts:
                    db.execute("DELETE FROM entry_text WHERE rowid = ?", (old[0],))
                db.execute("DELETE FROM entries WHERE id = ?", (old[0],))
            cursor = db.execute(
                "INSERT INTO entries (number, kind, rank, key, bbt_key, title, published, url,"
                " source, fetched, added, names, folded, section_count, interview)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    interview.number,
                    kind,
                    KIND_RANK[kind],
                    key,
                    citation_key(interview, key_format="bbt").lower(),
                    interview.title,
                    head["published"],
                    interview.url,
                    source,
                    fetched.isoformat() if fetched else None,
                    added.isoformat(),
                    fold(names),
                    folded,
                    len(interview.sections),
                    json.dumps(head, ensure_ascii=False),
                ),
            )
            entry_id = cursor.lastrowid
            db.executemany(
                "INSERT INTO sections (entry_id, number, question, paragraphs) VALUES (?, ?, ?, ?)",
                [
                    (entry_id, s.number, s.question, json.dumps(s.paragraphs, ensure_ascii=False))
                    for s in interview.sections
                ],
            )
            if self.fts:
                db.execute(
                    "INSERT INTO entry_text (rowid, title, questions, names) VALUES (?, ?, ?, ?)",
                    (entry_id, interview.title or "", questions, names),
                )
        return Entry(interview, key, kind, source, fetched, added)

    def remove(self, number: int, *, kind: Kind | None = None) -> int:
        """Delete every version of a number (or one kind); returns how many were deleted."""
        where, args = "number = ?", list[object]([number])
        if kind is not None:
            where += " AND kind = ?"
            args.append(kind)
        with self._write() as db:
            ids = [r[0] for r in db.execute(f"SELECT id FROM entries WHERE {where}", args)]
            for entry_id in ids:
                if self.fts:
                    db.execute("DELETE FROM entry_text WHERE rowid = ?", (entry_id,))
                db.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
        return len(ids)

    # -- reading --------------------------------------------------------------------------

    def _entries(self, sql: str, args: Sequence[Any] = ()) -> list[Entry]:
        with self._errors():
            rows = self._db.execute(sql, args).fetchall()
            return [self._entry(row) for row in rows]

    def _entry(self, row: Sequence[Any]) -> Entry:
        """An entry from its row and its section rows.

        Raises:
            CatalogError: a row that no longer reads as an interview (edited by hand, or
                written by a damaged disk): one line naming the entry, not a traceback.
        """
        entry_id, number, kind, key, source, fetched, added, head = row
        rows = self._db.execute(
            "SELECT number, question, paragraphs FROM sections WHERE entry_id = ? ORDER BY number",
            (entry_id,),
        ).fetchall()
        try:
            sections = [
                QASection(section, question, tuple(json.loads(paragraphs)))
                for section, question, paragraphs in rows
            ]
            interview = _with_sections(Interview.from_dict(json.loads(head)), sections)
            return Entry(
                interview=interview,
                key=key,
                kind=kind,
                source=source,
                fetched=dt.datetime.fromisoformat(fetched) if fetched else None,
                added=dt.datetime.fromisoformat(added),
            )
        except (ValueError, TypeError) as error:  # ModelError is a ValueError
            raise CatalogError(f"{self.path}: entry {number} is damaged ({error})") from None

    def get(self, number: int) -> Entry:
        """The best version of a series number.

        Raises:
            NotFoundError: no version of that number is stored.
        """
        found = self._entries(f"SELECT {_COLUMNS} FROM best WHERE number = ?", (number,))
        if not found:
            raise NotFoundError(f"no entry {number} in the catalog {self.path}")
        return found[0]

    def versions(self, number: int) -> list[Entry]:
        """Every stored version of a number, best first."""
        return self._entries(
            f"SELECT {_COLUMNS} FROM entries WHERE number = ? ORDER BY rank DESC", (number,)
        )

    def by_key(self, key: str) -> Entry:
        """The entry with this citation key (``hornung2022tpv319``, or a Better BibTeX key).

        Raises:
            NotFoundError: no entry has that key.
        """
        wanted = key.strip().lower()
        found = self._entries(
            f"SELECT {_COLUMNS} FROM best WHERE key = ? OR bbt_key = ? ORDER BY number",
            (wanted, wanted),
        )
        if not found:
            raise NotFoundError(f"no entry with key {key!r} in the catalog {self.path}")
        return found[0]

    def by_url(self, url: str) -> Entry:
        """The entry read from this URL (the one asked for or its canonical URL).

        Raises:
            NotFoundError: no entry came from that URL.
        """
        wanted = url.strip()
        variants = {wanted, wanted.rstrip("/"), wanted.rstrip("/") + "/"}
        marks = ", ".join("?" * len(variants))
        found = self._entries(
            f"SELECT {_COLUMNS} FROM best WHERE url IN ({marks}) OR source IN ({marks})"
            " ORDER BY number",
            [*variants, *variants],
        )
        if not found:
            raise NotFoundError(f"no entry from {url} in the catalog {self.path}")
        return found[0]

    def resolve(self, spec: str) -> Entry:
        """A number (all digits) or a citation key to its best entry.

        Raises:
            NotFoundError: nothing stored under it.
        """
        text = spec.strip()
        if text.isdigit():
            return self.get(int(text))
        return self.by_key(text)

    def entries(self, *, by: str | None = None) -> list[Entry]:
        """The best version of every number, by number; ``by`` keeps an interviewee's entries.

        ``by`` matches every word of it anywhere in an interviewee's name, ignoring case and
        accents: ``hornung`` and ``jeffrey hornung`` both find 319 and 486.
        """
        words = fold(by or "").split()
        where = " AND ".join(["names LIKE ? ESCAPE '\\'"] * len(words)) or "1"
        return self._entries(
            f"SELECT {_COLUMNS} FROM best WHERE {where} ORDER BY number",
            [f"%{_like_escape(w)}%" for w in words],
        )

    def search(self, words: str) -> list[Entry]:
        """Entries whose title, questions or interviewee names hold every word (as a prefix
        with FTS5, as a substring without), best versions only, by number."""
        # FTS5 reads its query as a C string: a NUL would end it mid-phrase ("unterminated
        # string"), so NULs separate words like spaces do.
        folded = fold(words).replace("\x00", " ")
        terms = [t for t in (w.strip("\"'*()") for w in folded.split()) if t]
        if not terms:
            return []
        if self.fts:
            query = " ".join(f'"{t.replace(chr(34), "")}"*' for t in terms)
            return self._entries(
                f"SELECT {_COLUMNS} FROM best WHERE id IN"
                " (SELECT rowid FROM entry_text WHERE entry_text MATCH ?) ORDER BY number",
                (query,),
            )
        where = " AND ".join(["folded LIKE ? ESCAPE '\\'"] * len(terms))
        return self._entries(
            f"SELECT {_COLUMNS} FROM best WHERE {where} ORDER BY number",
            [f"%{_like_escape(t)}%" for t in terms],
        )

    def count(self) -> int:
        """How many series numbers are stored."""
        with self._errors():
            return int(self._db.execute("SELECT count(DISTINCT number) FROM entries").fetchone()[0])

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity check and by counting each entry's sections."""
        with self._errors():
            problems = [r[0] for r in self._db.execute("PRAGMA integrity_check") if r[0] != "ok"]
            for number, kind, expected, found in self._db.execute(
                "SELECT e.number, e.kind, e.section_count,"
                " (SELECT count(*) FROM sections s WHERE s.entry_id = e.id) FROM entries e"
            ):
                if expected != found:
                    problems.append(f"entry {number} ({kind}): {found} of {expected} sections")
            if self.fts:
                missing = self._db.execute(
                    "SELECT count(*) FROM entries WHERE id NOT IN (SELECT rowid FROM entry_text)"
                ).fetchone()[0]
                if missing:
                    problems.append(f"{missing} entries missing from the word index")
        return problems


def _locked(error: Exception) -> bool:
    """Whether SQLite refused because another connection holds a lock (worth retrying)."""
    message = str(error)
    return "database is locked" in message or "database table is locked" in message


def _exists(path: Path) -> bool:
    """Whether the catalog file is there.

    Raises:
        CatalogError: the path cannot even be looked up (a name too long, a folder above it
            that may not be searched): ``Path.exists`` would raise a bare OSError.
    """
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        raise CatalogError(f"{path}: cannot open the catalog ({error.strerror or error})") from None
    return True


def _with_sections(interview: Interview, sections: list[QASection]) -> Interview:
    from dataclasses import replace

    return replace(interview, sections=tuple(sections))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# A citation key as keys.py makes them (tpv or Better BibTeX): letters and digits only.
_KEY_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def lookup(spec: str, *, path: str | os.PathLike[str] | None = None) -> Entry:
    """An INPUT argument that is not a file, resolved in the catalog; never fetches.

    An all-digit argument is a series number, a URL is matched against the URLs entries were
    read from (after the fetch allowlist, so a refused URL stays refused), and anything shaped
    like a citation key is a key.

    Raises:
        NotAllowedError: a URL outside the fetch allowlist.
        InputError: the argument is neither a file nor a number, key or URL.
        NotFoundError: the catalog is missing or holds nothing under it (the message says which).
    """
    text = spec.strip()
    if _URL_LIKE.match(text):
        from ._fetch import Allowlist

        try:
            allowlist = Allowlist.from_specs()
        except ValueError as error:  # a malformed $TRANSPACIFIC_CITE_ALLOW_HOSTS
            raise NotAllowedError(
                f"{spec}: cannot check it against the allowlist: {error}"
            ) from None
        text = allowlist.check(text)
    elif not (text.isdigit() or _KEY_LIKE.match(text)):
        raise InputError(f"{spec}: no such file")
    try:
        catalog = Catalog(path, create=False)
    except NotFoundError as error:
        raise NotFoundError(
            f"{spec}: no such file, and {error} (add entries with `transpacific-cite add`)"
        ) from None
    with catalog:
        try:
            if _URL_LIKE.match(text):
                return catalog.by_url(text)
            return catalog.resolve(text)
        except NotFoundError:
            what = "URL" if _URL_LIKE.match(text) else "number" if text.isdigit() else "key"
            raise NotFoundError(
                f"{spec}: no such file, and no entry with that {what} in the catalog "
                f"{catalog.path}"
                + (" (fetch it with `transpacific-cite add URL`)" if what == "URL" else "")
            ) from None
