r"""Interviews as BibTeX and biblatex entries, written through pybtex's data model and writer.

This is the only module that imports pybtex's database layer (and latexcodec, pybtex's own
LaTeX codec). Vocabulary: a *dialect* is ``biblatex`` (biber reads it; UTF-8 text) or
``bibtex`` (classic BibTeX 0.99 with ``plain.bst`` and friends; ASCII with LaTeX escapes).

Entries
-------
``biblatex`` follows biblatex-chicago's pattern for an interview published in a magazine,
which biber's ``--validate-datamodel`` accepts and the standard styles render::

    @article{hornung2022tpv319,
      author = {Hornung, Jeffrey},                 % the interviewees
      title = {Ukraine {War:} {The} {Impact} on {Japan-Russia} {Relations}},
      titleaddon = {interview by {Mercy A. Kuo}},  % the interviewers
      journaltitle = {The Diplomat},
      entrysubtype = {magazine},
      date = {2022-05-16},
      note = {The Trans-Pacific View Insight Series, no.~319},
      url = {https://...}, urldate = {...}}

The series and number go in ``note``: in an ``@article``, ``series`` and ``number`` would render
as a journal series and issue ("The Diplomat 319"). ``titleaddon`` starts lowercase as in
biblatex-chicago, which capitalises it after a full stop; the standard styles print it as
written. Its names are braced because pandoc appends ``titleaddon`` to the title and
sentence-cases the result ("Interview by mercy a. kuo" otherwise).

``bibtex`` is an ``@misc`` that ``plain.bst`` formats without a warning::

    @misc{hornung2022tpv319,
      author = {Hornung, Jeffrey},
      title = {{Ukraine War: The Impact on Japan-Russia Relations}},
      howpublished = {The Diplomat},
      month = may, year = {2022},
      note = {Interview by Mercy A. Kuo. The Trans-Pacific View Insight Series, no.~319.
              \url{https://...}. Accessed May 20, 2022}}

``\url`` needs ``\usepackage{url}`` (or hyperref) in the document, as for any BibTeX URL.

With ``byline=True`` the interviewers become the ``author`` and the interviewees move to
where the interviewer was: ``titleaddon = {interview with {Jeffrey Hornung}}`` (biblatex) or
"Interview with Jeffrey Hornung" at the head of ``note`` (bibtex).

Text
----
Both dialects escape LaTeX's specials: ``\& \% \$ \# \_``, and ``\textbraceleft{}``,
``\textbraceright{}``, ``\textbackslash{}``, ``\textasciitilde{}``, ``\textasciicircum{}``,
``\textasciigrave{}`` (a backtick is an opening quote to LaTeX). Pairs that TeX fonts turn
into ligatures (``--``, ``''``, ``<<``, ``>>``, ``,,``) are split with ``{}`` so they print as
typed. ``bibtex`` is ASCII: other characters go through latexcodec (``ō`` -> ``{\=o}``, ``–`` ->
``--``, curly quotes -> ``\textquoteright{}`` and kin, so they read back as typed rather than
as ASCII quotes); latexcodec was chosen over pylatexenc's ``unicode_to_latex`` because it is
already a dependency of pybtex, so the runtime gains nothing, and it leaves pylatexenc as an
independent decoder for the tests. Only latexcodec's text-mode answers are taken (accents on
letters, letter macros, dashes): its math (``$^2$``), package macros (``\textcommabelow``) and
lossy folds (``IJ`` for ``Ĳ``) are refused. A character with no such form (CJK, ``ș``, ``£``)
stays UTF-8 with a warning: alpha.bst labels and 8-bit engines need it rewritten by hand.
``biblatex`` keeps UTF-8 and warns about nothing.

Names: each escape is a BibTeX *special character* (``Sat{\=o}``, ``O{\textquoteright{}}Brien``,
``{\&}``), which ``purify$`` and ``text.prefix$`` count as one letter, so alpha.bst labels never
cut a macro in half; commas and the word "and" are braced; a family name's lowercase words
stay a von part ("van der Berg"), and a mononym's words are tied with ``{ }``.

Case protection: classic styles change the case of titles (``plain.bst`` lowercases all but
the first letter), so a ``bibtex`` title is braced whole. pandoc sentence-cases ``biblatex``
titles unless words are braced, and we cannot tell a proper noun from a title-cased word, so
every word after the first that holds a capital is braced (and the first word too when it
has a capital after its first letter, as in ``RAND's``); a sentence-case style then keeps the
title's capitals, which is wrong only for common nouns and never for proper nouns.

URLs are written raw (``url`` in biblatex, ``\url{...}`` in classic ``note``), with only
``{``, ``}``, ``\`` and spaces percent-encoded so the braces stay balanced. LaTeX reads a
``%`` or ``#`` inside ``\url{}`` verbatim (the note is not inside another macro's argument in
any .bst we know); a tool that LaTeX-decodes ``note`` without knowing ``\url`` (pybtex's own
``Text.from_latex``) takes such a ``%`` for a comment.

Known reader gaps (not ours to fix): pandoc drops ``\textbraceleft{}``/``\textbraceright{}``
and ``\textasciigrave{}``; pylatexenc drops the brace macros and reads ``\textasciicircum``
as U+02C6; biber turns ``\textasciigrave{}`` back into a backtick in the .bbl (hence the
``?{}`` guard before it). pybtex's own decoder (``Text.from_latex``) leaves ``\$``, the brace,
caret, grave and (classic) curly-quote macros undecoded and does not know ``\url``. For
``{ } ^`` no encoding suits both decoders and BibTeX (a lone ``\{`` unbalances the field), so
the raw values of both parsers agree but their own decoders do not; the tests pin the exact
list (``test_known_gaps_of_the_parsers_own_decoders``).

pybtex 0.26.1's writer would escape ``& % _ #`` in every field, URLs included, and its parser
does not unescape: :class:`_Writer` writes our already-encoded values as they are, and
:func:`read_bib` decodes what pybtex reads (:func:`latex_to_text`), so a round trip gives back
the text we started from.
"""

from __future__ import annotations

import codecs
import functools
import io
import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import latexcodec  # noqa: F401  # registers the "ulatex" codecs
from pybtex.bibtex.utils import split_name_list
from pybtex.database import BibliographyData, Entry
from pybtex.database import Person as BibPerson
from pybtex.database.input.bibtex import Parser
from pybtex.database.output.bibtex import Writer
from pybtex.exceptions import PybtexError

from .._errors import ExportError, FormatError, ParseError
from .._model import Interview, Person
from .csl import iso_from_csl, people_from_csl

if TYPE_CHECKING:
    from .._zotero.recognise import Enriched, SeriesFacts

Dialect = Literal["biblatex", "bibtex"]
DIALECTS: tuple[Dialect, ...] = ("biblatex", "bibtex")

MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# Name-list fields of BibTeX and biblatex, so that read_bib returns people, not strings.
NAME_FIELDS = (
    "author", "editor", "translator", "editora", "editorb", "editorc", "bookauthor",
    "annotator", "commentator", "introduction", "foreword", "afterword", "holder",
)  # fmt: skip
# Fields biber and url.sty read verbatim: never LaTeX-decoded.
VERBATIM_FIELDS = frozenset({"url", "doi", "eprint", "file"})

# Characters LaTeX treats as syntax, in both dialects.
LATEX_SPECIALS: dict[str, str] = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "`": r"\textasciigrave{}",
}
# Classic BibTeX only: latexcodec writes curly quotes as ASCII ' and `, which read back as
# straight quotes; these read back as the characters typed.
ASCII_QUOTES: dict[str, str] = {
    "\u2018": r"\textquoteleft{}",
    "\u2019": r"\textquoteright{}",
    "\u201c": r"\textquotedblleft{}",
    "\u201d": r"\textquotedblright{}",
}
# Pairs of characters that TeX's fonts join into one glyph (-- en dash, '' closing quote,
# << >> ,, guillemets and low quotes in T1): split with {} when they meet.
# latexcodec output we accept for classic BibTeX: an accent on a letter (\=o, \v{z}), a
# letter macro (\ss, \o, \AE), dashes, ellipsis and the tie. Anything else it offers is math
# or needs a package (\not{c}, $^2$, \textcommabelow) or is lossy (IJ for Ĳ), so that
# character stays UTF-8 with a warning instead.
TEXT_LATEX = re.compile(
    r"\\[`'^\"~=.uvHcdbrkt] ?(?:\{\\?[A-Za-z]\}|\\?[A-Za-z])"
    r"|\\(?:ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j|ldots)"
    r"|--|---|~"
)
LIGATURE_PAIRS = frozenset({"--", "''", "<<", ">>", ",,", "!`", "?`"})

# What makes _Encoder.text write something other than the text itself (besides non-ASCII
# characters in classic BibTeX): a LaTeX special or a ligature pair.
_ENCODING_NEEDED = re.compile(
    f"[{re.escape(''.join(LATEX_SPECIALS))}]|{'|'.join(map(re.escape, sorted(LIGATURE_PAIRS)))}"
)

# latexcodec's text codecs map str to str; typeshed only knows the bytes codecs.
_codec_encode: Callable[[str, str], object] = codecs.encode
_codec_decode: Callable[[str, str], object] = codecs.decode

_URL_UNSAFE = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"}


@dataclass(frozen=True, slots=True)
class BibResult:
    """A written .bib text plus the problems noticed while writing it (as ``warning:`` lines)."""

    text: str
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class BibEntry:
    """One entry read back from a .bib text, decoded to plain Unicode.

    Attributes:
        type: the entry type, lowercase (``article``, ``misc``).
        fields: field name (lowercase) -> decoded text; verbatim fields (``url``) as written.
        persons: name field -> ``(given, family)`` pairs, decoded; given is "" for a mononym.
    """

    type: str
    fields: dict[str, str]
    persons: dict[str, tuple[tuple[str, str], ...]]


class _Writer(Writer):  # type: ignore[misc]  # pybtex is untyped
    """pybtex's BibTeX writer, minus its escaping: our values are LaTeX already.

    pybtex 0.26.1 escapes ``& % _ #`` in every field (URLs too) through latexcodec; we escape
    per field ourselves (URLs stay raw), so ``_encode`` is the identity. Values are always
    braced, and month macros (``may``) are written bare so styles can abbreviate them.
    """

    def _encode(self, text: str) -> str:
        return text

    def quote(self, s: str) -> str:
        self.check_braces(s)
        return "{" + s + "}"

    def _write_field(self, stream: Any, type: str, value: str) -> None:
        if type.lower() == "month" and value in MONTH_MACROS:
            stream.write(f",\n  {type} = {value}")
        else:
            stream.write(f",\n  {type} = {self.quote(value)}")


class _Encoder:
    """LaTeX-encodes text for one dialect and collects warnings about what it cannot encode."""

    def __init__(self, dialect: Dialect, where: str) -> None:
        self.ascii_only = dialect == "bibtex"
        self.where = where
        self.warnings: list[str] = []

    def text(self, value: str, *, what: str, special: bool = False) -> str:
        """``value`` as LaTeX: specials escaped, ligatures split, non-ASCII per dialect.

        With ``special``, every escape is braced as a BibTeX special character (names).
        """
        value = unicodedata.normalize("NFC", value)
        if (value.isascii() or not self.ascii_only) and not _ENCODING_NEEDED.search(value):
            return value  # every character stands for itself (most titles, names, notes)
        pieces: list[str] = []
        previous = ""
        for char in value:
            piece = self._char(char, what=what)
            if special and piece.startswith("\\"):
                piece = "{" + piece + "}"
            # Check the characters as typed too: biber decodes \textasciigrave{} back to a
            # backtick in the .bbl, where "?`" would become an inverted question mark.
            if pieces and (
                (pieces[-1][-1:] + piece[:1]) in LIGATURE_PAIRS
                or (previous + char) in LIGATURE_PAIRS
            ):
                pieces.append("{}")
            pieces.append(piece)
            previous = char
        return "".join(pieces)

    def _char(self, char: str, *, what: str) -> str:
        if char in LATEX_SPECIALS:
            return LATEX_SPECIALS[char]
        if char.isascii() or not self.ascii_only:
            return char
        if char in ASCII_QUOTES:
            return ASCII_QUOTES[char]
        try:
            latex = str(_codec_encode(char, "ulatex+ascii"))
        except UnicodeEncodeError:
            latex = ""
        if not TEXT_LATEX.fullmatch(latex):
            message = (
                f"{self.where}: {what}: {char!r} (U+{ord(char):04X}) has no LaTeX escape; "
                "kept as UTF-8 (classic BibTeX styles such as alpha.bst may mislabel it)"
            )
            if message not in self.warnings:
                self.warnings.append(message)
            return char
        # {\=o}: a BibTeX "special character", one letter to purify$ and change.case$.
        return "{" + latex + "}" if latex.startswith("\\") else latex


def latex_text(value: str) -> str:
    """Plain text as LaTeX in the ``biblatex`` dialect: specials escaped, ligatures split, UTF-8.

    For tools that print our text into LaTeX themselves (the pybtex style plugin).
    """
    return _Encoder("biblatex", "text").text(value, what="text")


def _group(latex: str) -> str:
    """Brace a LaTeX string; a leading ``{}`` keeps ``{\\cmd`` from being a special character."""
    return "{" + ("{}" if latex.startswith("\\") else "") + latex + "}"


def _protect_words(title: str, encoder: _Encoder) -> str:
    """biblatex title: brace each word holding a capital after the first word (see module)."""
    words = title.split(" ")
    out: list[str] = []
    for index, word in enumerate(words):
        latex = encoder.text(word, what="title")
        capitals = [c for c in word if c.isupper()]
        inner = any(c.isupper() for c in word[1:])
        if capitals and (index > 0 or inner):
            latex = _group(latex)
        out.append(latex)
    return " ".join(out)


def _bib_name(text: str, encoder: _Encoder, *, what: str, mononym: bool = False) -> str:
    """A family or given name as BibTeX's name parser should see it.

    Escapes are BibTeX *special characters* (``{\\&}``, ``{\\=o}``), which ``purify$`` and
    ``text.prefix$`` treat as one letter, so alpha.bst labels never cut a macro in half.
    Commas and the word "and" are braced (they would split the name or the name list). A
    family name's lowercase words stay as they are, so "van der Berg" keeps its von part; a
    mononym's words are joined by ``{ }`` so no word is taken for a given name.
    """
    words = []
    for word in text.split(" "):
        latex = encoder.text(word, what=what, special=True).replace(",", "{,}")
        words.append("{" + latex + "}" if word.lower() == "and" else latex)
    return ("{ }" if mononym else " ").join(words)


def _bib_person(person: Person, encoder: _Encoder, *, what: str) -> BibPerson:
    if person.given:
        return BibPerson(
            first=_bib_name(person.given, encoder, what=what),
            last=_bib_name(person.family, encoder, what=what),
        )
    return BibPerson(last=_bib_name(person.family, encoder, what=what, mononym=True))


def url_text(url: str) -> str:
    """A URL as written raw into ``url``/``\\url{}``: only braces, backslashes, spaces encoded."""
    return "".join(_URL_UNSAFE.get(c, c) for c in url)


def _names(names: Sequence[str]) -> str:
    """Names for running text: "A", "A and B", "A, B, and C"."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _long_date(date: Any) -> str:
    return f"{MONTH_NAMES[date.month - 1]} {date.day}, {date.year}"


def to_entry(
    interview: Interview, *, key: str, dialect: Dialect = "biblatex", byline: bool = False
) -> tuple[Entry, list[str]]:
    """One interview as a pybtex ``Entry`` with LaTeX-encoded values, plus warnings.

    Raises:
        ValueError: for an unknown dialect.
    """
    if dialect not in DIALECTS:
        raise ValueError(f"unknown BibTeX dialect {dialect!r}; choose biblatex or bibtex")
    encoder = _Encoder(dialect, key)
    authors = interview.interviewers if byline else interview.interviewees
    others = interview.interviewees if byline else interview.interviewers
    relation = "interview with" if byline else "interview by"
    warnings: list[str] = []
    if not authors:
        warnings.append(f"{key}: no interviewer is known, so the entry has no author")
    persons = (
        {"author": [_bib_person(p, encoder, what="author") for p in authors]} if authors else {}
    )
    series = encoder.text(interview.series, what="note") + f", no.~{interview.number}"
    fields: list[tuple[str, str]] = []
    if dialect == "biblatex":
        entry_type = "article"
        if interview.title:
            fields.append(("title", _protect_words(interview.title, encoder)))
        if others:
            # names braced: pandoc appends titleaddon to the title and sentence-cases both
            names = _names([_group(encoder.text(p.full_name, what="titleaddon")) for p in others])
            fields.append(("titleaddon", f"{relation} {names}"))
        fields.append(("journaltitle", encoder.text(interview.publication, what="journaltitle")))
        fields.append(("entrysubtype", "magazine"))
        if interview.published:
            fields.append(("date", interview.published.isoformat()))
        fields.append(("note", series))
        if interview.url:
            fields.append(("url", url_text(interview.url)))
        if interview.accessed:
            fields.append(("urldate", interview.accessed.isoformat()))
    else:
        entry_type = "misc"
        if interview.title:
            fields.append(("title", _group(encoder.text(interview.title, what="title"))))
        fields.append(("howpublished", encoder.text(interview.publication, what="howpublished")))
        if interview.published:
            fields.append(("month", MONTH_MACROS[interview.published.month - 1]))
            fields.append(("year", str(interview.published.year)))
        note: list[str] = []
        if others:
            note.append(
                encoder.text(
                    f"{relation[:1].upper()}{relation[1:]} {_names([p.full_name for p in others])}",
                    what="note",
                )
            )
        note.append(series)
        if interview.url:
            note.append(f"\\url{{{url_text(interview.url)}}}")
        if interview.accessed:
            note.append(f"Accessed {_long_date(interview.accessed)}")
        fields.append(("note", ". ".join(note)))
    if not interview.title:
        warnings.append(f"{key}: interview {interview.number} has no title; the entry has none")
    if dialect == "biblatex" and not interview.published:
        # measured: biber --validate-datamodel warns "Missing mandatory field - one of 'date,
        # year' must be defined" for an @article; classic @misc needs no date
        warnings.append(
            f"{key}: interview {interview.number} has no date; biber's data model requires "
            "one for @article (it will warn)"
        )
    entry = Entry(entry_type, fields=fields, persons=persons)
    return entry, warnings + encoder.warnings


def to_bib(
    interviews: Sequence[Interview],
    keys: Sequence[str],
    *,
    dialect: Dialect = "biblatex",
    byline: bool = False,
) -> BibResult:
    """Several interviews as one .bib text, one entry each, keys from ``keys``.

    Raises:
        ValueError: for an unknown dialect, or as many keys as interviews not given.
        ExportError: an entry that pybtex's writer refuses (unbalanced braces: a bug here).
    """
    if len(keys) != len(interviews):
        raise ValueError(f"{len(interviews)} interviews but {len(keys)} keys")
    if len(set(keys)) != len(keys):
        raise ValueError("citation keys must be unique")
    entries: dict[str, Entry] = {}
    warnings: list[str] = []
    for interview, key in zip(interviews, keys, strict=True):
        entry, problems = to_entry(interview, key=key, dialect=dialect, byline=byline)
        entries[key] = entry
        warnings.extend(problems)
    stream = io.StringIO()
    try:
        _Writer(encoding="UTF-8").write_stream(BibliographyData(entries=entries), stream)
    except PybtexError as error:
        raise ExportError(f"cannot write the .bib file: {error}") from None
    return BibResult(stream.getvalue(), tuple(warnings))


# -- reading back ---------------------------------------------------------------------------

_SENTINEL_BASE = 0xE000  # private-use characters stand in for escaped text while decoding
_DECODE: dict[str, str] = {
    **{latex: char for char, latex in LATEX_SPECIALS.items()},
    **{latex: char for char, latex in ASCII_QUOTES.items()},
    r"\{": "{",
    r"\}": "}",
}
_ESCAPE_RE = re.compile(
    r"\\url\{(?P<url>[^{}]*)\}|"
    + "|".join(re.escape(e) for e in sorted(_DECODE, key=len, reverse=True))
)


# What latexcodec's decoder changes besides braces: macros, ties, dashes and quote ligatures,
# comments, and runs of white space (collapsed). Text without any of these decodes to itself
# minus its braces, so it skips the decoder (a few milliseconds a value, the bulk of reading a
# large library).
_NEEDS_DECODING = re.compile(r"[\\~%`$\n\t\r]|\s\s|^\s|\s$|--|''|,,")


# The escapes Zotero, Better BibTeX and we write for accented letters (``T\={o}ky\={o}``,
# ``M\"{u}ller``, our ``Sat{\=o}`` and ``{\v s}``) and the tie of ``no.~319``. latexcodec
# decodes a value a token at a time through a large table (most of the time of reading a
# library); these few shapes are looked up once each in latexcodec itself (so the answer is
# its answer) and replaced in one regex pass. Anything else sends the value to latexcodec.
_COMMON_ESCAPE = re.compile(
    r"\\[=\"'`^~.uvHck]\{[A-Za-z]\}|\{\\[=\"'`^~.][A-Za-z]\}|\{\\[uvHck] [A-Za-z]\}|~"
)


@functools.lru_cache(maxsize=2048)
def _common_escape(token: str) -> str | None:
    """latexcodec's reading of one escape of :data:`_COMMON_ESCAPE` (a table of at most a few
    hundred shapes, not of values), or None when it does not make one plain character."""
    decoded = str(_codec_decode(token, "ulatex")).replace("{", "").replace("}", "")
    return decoded if len(decoded) == 1 and decoded != "\\" else None


def _decode_common(hidden: str) -> str | None:
    """A value whose only LaTeX is :data:`_COMMON_ESCAPE` escapes, decoded as latexcodec does
    (braces kept); None for any other value (a macro, a dash, a comment, runs of space).

    Each escape decodes the same in any context (``test_common_escapes_decode_as_latexcodec``
    checks it against latexcodec); the text around them must need no decoding at all.
    """
    failed = False

    def one(match: re.Match[str]) -> str:
        nonlocal failed
        char = _common_escape(match.group(0))
        if char is None:
            failed = True
            return ""
        return char

    decoded = _COMMON_ESCAPE.sub(one, hidden)
    if failed or "\\" in decoded or _NEEDS_DECODING.search(decoded):
        return None
    return decoded


def latex_to_text(value: str) -> str:
    """Decode a value this module wrote (or plain LaTeX like it) to Unicode text.

    ``\\url{...}`` arguments are kept raw, our escapes become their characters, accents and
    dashes go through latexcodec, and grouping braces are dropped: ``Sat{\\=o}`` -> ``Satō``,
    ``-{}-`` -> ``--``, ``\\&`` -> ``&``.
    """
    if not _NEEDS_DECODING.search(value):  # plain text: only grouping braces to drop
        return value.replace("{", "").replace("}", "")
    kept: list[str] = []

    def hide(match: re.Match[str]) -> str:
        if match.group("url") is not None:
            kept.append(match.group("url"))
        else:
            kept.append(_DECODE[match.group(0)])
        return chr(_SENTINEL_BASE + len(kept) - 1)

    hidden = _ESCAPE_RE.sub(hide, value)
    decoded = _decode_common(hidden)
    if decoded is None:
        try:
            decoded = str(_codec_decode(hidden, "ulatex"))
        except UnicodeDecodeError:  # a lone backslash at the end (a Windows path): not LaTeX
            decoded = hidden
    decoded = decoded.replace("{", "").replace("}", "")
    return decoded.translate({_SENTINEL_BASE + n: text for n, text in enumerate(kept)})


def read_bib(text: str) -> dict[str, BibEntry]:
    """Parse .bib text with pybtex and decode every value (see :func:`latex_to_text`).

    pybtex's parser keeps values as written (``Q\\&A``); this returns ``Q&A``. Month macros come
    back as pybtex expands them (``May``).

    Raises:
        ParseError: pybtex cannot parse the text.
    """
    try:
        data = Parser(person_fields=NAME_FIELDS).parse_string(text)
    except PybtexError as error:
        raise ParseError(f"not valid BibTeX: {error}") from None
    entries: dict[str, BibEntry] = {}
    for key, entry in data.entries.items():
        fields = {
            name.lower(): (value if name.lower() in VERBATIM_FIELDS else latex_to_text(value))
            for name, value in entry.fields.items()
        }
        persons = {
            role.lower(): tuple(
                (
                    latex_to_text(" ".join(p.first_names + p.middle_names)),
                    latex_to_text(" ".join(p.prelast_names + p.last_names)),
                )
                for p in people
            )
            for role, people in entry.persons.items()
        }
        entries[key] = BibEntry(entry.type.lower(), fields, persons)
    return entries


# -- Zotero and Better BibTeX libraries: items, enrichment ----------------------------------
#
# A *library* is a whole .bib file as Zotero or Better BibTeX exports it (or as we do). It is
# split into blocks by bibtexparser v2, which keeps each block's raw text and first line: an
# entry that enrichment does not touch is written back as those very bytes, and so are
# comments, @string and @preamble blocks. Names are split by pybtex's name parser (BibTeX's
# own rules: "von Last, Jr, First"), values decoded by :func:`latex_to_text`.

# Zotero's and Better BibTeX's entry types -> CSL types (Zotero's own BibTeX/BibLaTeX maps,
# read backwards; anything else is a CSL "document").
_CSL_TYPES: dict[str, str] = {
    "article": "article-journal", "book": "book", "inbook": "chapter",
    "incollection": "chapter", "inproceedings": "paper-conference", "conference": "paper-conference",
    "online": "webpage", "www": "webpage", "report": "report", "techreport": "report",
    "thesis": "thesis", "phdthesis": "thesis", "mastersthesis": "thesis", "misc": "document",
    "software": "software", "dataset": "dataset", "patent": "patent", "unpublished": "manuscript",
    "manual": "report", "booklet": "pamphlet", "letter": "personal_communication",
}  # fmt: skip
# Fields that only biblatex knows: a library with any of them (or an @online) is biblatex.
# (Not ``langid``: Better BibTeX writes it in BibTeX mode too.)
_BIBLATEX_MARKERS = frozenset({
    "date", "journaltitle", "urldate", "editora", "editoratype", "namea", "nameatype",
    "titleaddon", "location", "eprinttype", "origdate", "entrysubtype",
})  # fmt: skip
_BIBLATEX_MARKER_TYPES = frozenset({"online", "software", "dataset", "thesis", "report"})
# What the series note and the interview line look like in our own entries (to_entry above).
_SERIES_NOTE = re.compile(
    r"^The Trans-Pacific View Insight Series(?:, no\.(?:~|\s)(?P<number>\d+))?(?:\.\s*|$)"
)
# Names end at a full stop that is not an initial's ("Mercy A. Kuo." ends after "Kuo").
_OUR_RELATION = re.compile(
    r"^[Ii]nterview (?P<relation>by|with) (?P<names>.+?)(?:(?<![\s.][A-Z])\.(?:\s+|$)|$)"
)
# Where Zotero and Better BibTeX put the publication or site name (``organization``: Better
# BibLaTeX's site of an @online).
# Our classic BibTeX entry has no url field: the URL is in note as \url{...}.
_NOTE_URL = re.compile(r"\\url\{([^{}\s]*)\}")
_CONTAINER_FIELDS = ("journaltitle", "journal", "booktitle", "howpublished", "organization")


def _field_map(entry: Any) -> dict[str, str]:
    """An entry's fields, name lowercased -> raw value as written (braces or quotes kept)."""
    return {f.key.lower(): f.value for f in entry.fields}


def _unwrap(raw: str) -> str:
    """A raw field value without its outer braces or quotes (a bare macro stays as it is)."""
    raw = raw.strip()
    if len(raw) >= 2 and (raw[0], raw[-1]) in (("{", "}"), ('"', '"')):
        return raw[1:-1]
    return raw


def _plain(raw: str, *, verbatim: bool = False, lines: bool = False) -> str:
    """A raw value decoded to plain text, spaces collapsed (verbatim fields: not decoded).

    With ``lines``, line breaks are kept (Extra's ``name: value`` lines in ``note``).
    """
    inner = _unwrap(raw)
    text = inner if verbatim else latex_to_text(inner)
    if lines:
        return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip()
    return " ".join(text.split())


def _one_group(name: str) -> bool:
    """Whether a name is one braced group, ``{Ōtsuka Institute}``: a literal, not split."""
    if not name.startswith("{"):
        return False
    depth = 0
    for index, char in enumerate(name):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return index == len(name) - 1
    return False


def _csl_names(raw: str) -> list[dict[str, str]]:
    """A BibTeX name list as CSL names; a name in one pair of braces is a literal."""
    return [dict(name) for name in _parsed_names(_unwrap(raw))]


@functools.lru_cache(maxsize=4096)
def _parsed_names(names: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    """Cached: the same names recur through a library (Kuo in every series item), and pybtex's
    name parser is the slowest step of reading an entry."""
    parsed: list[tuple[tuple[str, str], ...]] = []
    for name in split_name_list(names):
        name = name.strip()
        if _one_group(name):
            parsed.append((("literal", latex_to_text(name)),))
            continue
        try:
            person = BibPerson(name)
        except PybtexError:  # "Too many commas": BibTeX itself would complain; keep the text
            parsed.append((("literal", latex_to_text(name)),))
            continue
        entry = [("family", latex_to_text(" ".join(person.prelast_names + person.last_names)))]
        given = latex_to_text(" ".join(person.first_names + person.middle_names))
        if given:
            entry.append(("given", given))
        if person.lineage_names:
            entry.append(("suffix", latex_to_text(" ".join(person.lineage_names))))
        parsed.append(tuple(entry))
    return tuple(parsed)


def _parse_text_names(text: str) -> list[dict[str, str]]:
    """ "Mercy A. Kuo and Jeffrey Hornung" (our running-text names) as CSL names."""
    names: list[dict[str, str]] = []
    for name in re.split(r",\s+and\s+|\s+and\s+|,\s+", text):
        words = name.split()
        if not words:
            continue
        names.append(
            {"family": words[-1], "given": " ".join(words[:-1])}
            if len(words) > 1
            else {"family": words[0]}
        )
    return names


def _date_parts(text: str) -> dict[str, list[list[int]]] | None:
    """A biblatex date (``2022-05-16``, ``2022-05``, ``2022``) as CSL date-parts."""
    match = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text.strip())
    if not match:
        return None
    return {"date-parts": [[int(part) for part in match.groups() if part is not None]]}


def _bibtex_date(fields: dict[str, str]) -> dict[str, list[list[int]]] | None:
    """A classic ``year``/``month``/``day`` triple as CSL date-parts."""
    year = _plain(fields.get("year", ""))
    if not year.isdigit():
        return None
    parts = [int(year)]
    month = _plain(fields.get("month", "")).lower()[:3]
    if month.isdigit() and 1 <= int(month) <= 12:
        parts.append(int(month))
    elif month in MONTH_MACROS:
        parts.append(MONTH_MACROS.index(month) + 1)
    day = _plain(fields.get("day", ""))
    if len(parts) == 2 and day.isdigit():
        parts.append(int(day))
    return {"date-parts": [parts]}


def _is_collaborator(fields: dict[str, str], name: str) -> bool:
    return _plain(fields.get(name + "type", "")).lower() == "collaborator"


def entry_to_csl(entry_type: str, key: str, fields: dict[str, str]) -> dict[str, Any]:
    """One .bib entry (raw field values) as a Zotero-shaped CSL item.

    Zotero's three shapes of an interview are read as one: BibTeX ``@misc`` with the
    interviewer in ``collaborator``; BibLaTeX ``@misc`` with the interviewer as ``author`` and
    the interviewee in ``editora``/``namea`` typed ``collaborator``; ours, with "interview by"
    in ``titleaddon`` (biblatex) or at the head of ``note`` (BibTeX) and the series in ``note``.
    """
    entry_type = entry_type.lower()
    item: dict[str, Any] = {"id": key, "citation-key": key}
    csl_type = _CSL_TYPES.get(entry_type, "document")
    if entry_type == "article" and _plain(fields.get("entrysubtype", "")) == "magazine":
        csl_type = "article-magazine"
    item["type"] = csl_type
    if "title" in fields:
        item["title"] = _plain(fields["title"])
    authors = _csl_names(fields["author"]) if "author" in fields else []
    interviewer: list[dict[str, str]] = []
    collaborators = [n for n in ("editora", "namea") if n in fields and _is_collaborator(fields, n)]
    if "collaborator" in fields:  # Zotero BibTeX: interviewee author, interviewer collaborator
        interviewer = _csl_names(fields["collaborator"])
    elif collaborators and entry_type == "misc":  # Zotero BibLaTeX: the interviewer is author
        interviewer = authors
        authors = [n for c in collaborators for n in _csl_names(fields[c])]
    elif collaborators:
        item["contributor"] = [n for c in collaborators for n in _csl_names(fields[c])]
    note, addon, ours = _note_and_relation(fields)
    if ours:  # our own entry: "interview by X" (interviewees are the authors) or "with X"
        named = _parse_text_names(ours.group("names"))
        if ours.group("relation") == "by":
            interviewer = named
        else:
            interviewer, authors = authors, named
    if interviewer:
        item["type"] = "interview"
        item["interviewer"] = interviewer
    if authors:
        item["author"] = authors
    series = _SERIES_NOTE.match(note)
    if series:
        item["collection-title"] = "The Trans-Pacific View Insight Series"
        if series.group("number"):
            item["collection-number"] = int(series.group("number"))
    if note:
        item["note"] = note
    container = _container(entry_type, fields, addon, ours)
    if container is not None:
        item["container-title"] = container
    date = _date_parts(_plain(fields["date"])) if "date" in fields else _bibtex_date(fields)
    if date:
        item["issued"] = date
    if "urldate" in fields and (accessed := _date_parts(_plain(fields["urldate"]))):
        item["accessed"] = accessed
    if "url" in fields:
        item["URL"] = _plain(fields["url"], verbatim=True)
    if "doi" in fields:
        item["DOI"] = _plain(fields["doi"], verbatim=True)
    if "URL" not in item and (url := _NOTE_URL.search(fields.get("note", ""))):
        item["URL"] = url.group(1)  # our classic BibTeX entry: the URL in note's \url{}
    for name, csl in (("abstract", "abstract"), ("keywords", "keyword"),
                      ("langid", "language"), ("language", "language"),
                      ("shorttitle", "title-short"), ("publisher", "publisher")):  # fmt: skip
        if name in fields and csl not in item:
            item[csl] = _plain(fields[name])
    return item


def _note_and_relation(fields: dict[str, str]) -> tuple[str, str, re.Match[str] | None]:
    """An entry's note (decoded, lines kept), its ``titleaddon`` and our "interview by|with"
    relation when the entry is ours (read from ``titleaddon``, or from the head of ``note``
    in our BibTeX entry, which is then cut from the note)."""
    note = _plain(fields["note"], lines=True) if "note" in fields else ""
    addon = _plain(fields["titleaddon"]) if "titleaddon" in fields else ""
    ours = _OUR_RELATION.match(addon)
    in_note = None if ours else _OUR_RELATION.match(note)
    # our BibTeX entry: "Interview by X. The Trans-Pacific View Insight Series, ..."
    if in_note and _SERIES_NOTE.match(note[in_note.end() :]):
        ours, note = in_note, note[in_note.end() :]
    return note, addon, ours


def _container(
    entry_type: str, fields: dict[str, str], addon: str, ours: re.Match[str] | None
) -> str | None:
    """The publication or site name (CSL ``container-title``), or None."""
    for name in _CONTAINER_FIELDS:
        if name in fields:
            return _plain(fields[name])
    if addon and not ours and entry_type == "online":  # Zotero BibLaTeX: the site name
        return addon
    return None


# The CSL variables :func:`might_be_series` reads (see transpacific_cite._zotero.recognise).
PROBE_VARIABLES = ("URL", "container-title", "medium", "publisher", "abstract", "note")


def entry_probe(entry_type: str, fields: dict[str, str]) -> dict[str, Any]:
    """The variables of :data:`PROBE_VARIABLES` that :func:`entry_to_csl` gives an entry, with
    the same values, without its names, title, dates and the rest (the costly part: pybtex's
    name parser and the LaTeX decoder): enough to tell that an entry is not on The Diplomat."""
    entry_type = entry_type.lower()
    probe: dict[str, Any] = {}
    note, addon, ours = _note_and_relation(fields)
    if note:
        probe["note"] = note
    container = _container(entry_type, fields, addon, ours)
    if container is not None:
        probe["container-title"] = container
    if "url" in fields:
        probe["URL"] = _plain(fields["url"], verbatim=True)
    elif url := _NOTE_URL.search(fields.get("note", "")):
        probe["URL"] = url.group(1)
    for name in ("abstract", "publisher"):
        if name in fields:
            probe[name] = _plain(fields[name])
    return probe


@dataclass(frozen=True, slots=True)
class _Block:
    """One entry of a library: its key, type, fields (raw) and where its text lies."""

    key: str
    type: str
    fields: list[tuple[str, str]]  # (name as written, raw value), in file order
    start: int  # offset of "@" in the text
    end: int  # offset just past the closing brace
    line: int  # 1-based line of "@"


_QUIET = logging.NullHandler()


def _library(text: str, *, source: str) -> list[_Block]:
    """Split a .bib library into entries with their spans; one error for a broken entry.

    Raises:
        FormatError: an entry bibtexparser cannot read, or a key used twice (naming the line).
    """
    from bibtexparser import model as bp
    from bibtexparser.entrypoint import parse_string

    # bibtexparser logs each failed block as a warning; the error below says it once
    logging.getLogger("bibtexparser").addHandler(_QUIET)
    library = parse_string(text, parse_stack=[])
    for failed in library.failed_blocks:
        line = (failed.start_line or 0) + 1
        if isinstance(failed, bp.DuplicateBlockKeyBlock):
            reason = f"the key {failed.key!r} is used by an earlier entry too"
        elif isinstance(failed, bp.DuplicateFieldKeyBlock):
            reason = f"a field is given twice ({', '.join(sorted(failed.duplicate_keys))})"
        else:
            error = getattr(failed, "error", None)
            reason = " ".join(str(getattr(error, "abort_reason", "") or error or "").split())
            reason = reason or "not a valid entry"
        raise FormatError(f"{source}: line {line}: a broken .bib entry: {reason}")
    line_starts = [0]
    for match in re.finditer("\n", text):
        line_starts.append(match.end())
    blocks: list[_Block] = []
    for entry in library.entries:
        raw, line = entry.raw or "", entry.start_line or 0
        start = text.find(raw, line_starts[min(line, len(line_starts) - 1)])
        if start < 0 or not raw:  # bibtexparser's raw is a slice of the text; never expected
            raise FormatError(f"{source}: line {line + 1}: cannot locate the entry")
        fields = [(f.key, f.value) for f in entry.fields]
        blocks.append(
            _Block(entry.key, entry.entry_type, fields, start, start + len(raw), line + 1)
        )
    return blocks


def _dialect_of(blocks: Sequence[_Block]) -> Dialect:
    """biblatex if any entry has a biblatex-only field or type, else classic BibTeX."""
    for block in blocks:
        if block.type.lower() in _BIBLATEX_MARKER_TYPES:
            return "biblatex"
        if any(name.lower() in _BIBLATEX_MARKERS for name, _ in block.fields):
            return "biblatex"
    return "bibtex"


_BIBLATEX_HINT = re.compile(
    r"(?im)^\s*@(?:" + "|".join(sorted(_BIBLATEX_MARKER_TYPES)) + r")\s*[{(]"
    r"|^\s*(?:" + "|".join(sorted(_BIBLATEX_MARKERS)) + r")\s*="
)


def library_dialect(text: str) -> Dialect:
    """The dialect a .bib library is written in, by a quick look at its text (as
    :func:`enrich_text` tells it from the parsed entries): ``biblatex`` when any entry has a
    biblatex-only field or type, else ``bibtex``."""
    return "biblatex" if _BIBLATEX_HINT.search(text) else "bibtex"


def read_items(text: str, *, source: str) -> list[dict[str, Any]]:
    """Every entry of a Zotero, Better BibTeX or transpacific-cite .bib file as a CSL item.

    Items come in file order, each a Zotero-shaped CSL dict (``id`` and ``citation-key`` are the
    entry key; see :func:`entry_to_csl`).

    Raises:
        FormatError: a broken entry, naming ``source`` and its line.
    """
    return [
        entry_to_csl(block.type, block.key, {name.lower(): value for name, value in block.fields})
        for block in _library(text, source=source)
    ]


# Fields an enriched entry writes itself; the entry's other fields follow them as written.
_OWNED = frozenset({
    "author", "editora", "editoratype", "namea", "nameatype", "collaborator", "title",
    "titleaddon", "journaltitle", "journal", "entrysubtype", "howpublished", "date", "year",
    "month", "day", "note", "organization",
})  # fmt: skip
# Our series note at the head of ``note`` (and "Interview by ..." before it in BibTeX), as
# written by an earlier enrichment: replaced, so enriching twice is enriching once.
_OUR_NOTE_HEAD = re.compile(
    r"^(?:Interview (?:by|with) .*?\.\s+)?The Trans-Pacific View Insight Series"
    r"(?:, no\.~\d+)?(?:\.\s+|$)",
    re.DOTALL,
)


def _name_value(people: Sequence[Person], encoder: _Encoder, what: str) -> str:
    """People as a BibTeX name list ("Hornung, Jeffrey and Saito, Yuki")."""
    names = []
    for person in people:
        bib = _bib_person(person, encoder, what=what)
        last = " ".join(bib.prelast_names + bib.last_names)
        first = " ".join(bib.first_names + bib.middle_names)
        names.append(f"{last}, {first}" if first else last)
    return " and ".join(names)


def _enriched_fields(
    facts: Any, fields: dict[str, str], dialect: Dialect, key: str
) -> list[tuple[str, str]]:
    """The fields enrichment writes for a series item (values LaTeX, unbraced)."""
    encoder = _Encoder(dialect, key)
    out: list[tuple[str, str]] = [("author", _name_value(facts.interviewees, encoder, "author"))]
    if facts.title:
        title = (
            _protect_words(facts.title, encoder)
            if dialect == "biblatex"
            else _group(encoder.text(facts.title, what="title"))
        )
        out.append(("title", title))
    elif "title" in fields:
        out.append(("title", _unwrap(fields["title"])))
    series = encoder.text(facts.series, what="note")
    if facts.number is not None:
        series += f", no.~{facts.number}"
    interviewer = facts.interviewer
    date = facts.published
    if dialect == "biblatex":
        out.append(
            (
                "titleaddon",
                f"interview by {_group(encoder.text(interviewer.full_name, what='titleaddon'))}",
            )
        )
        out.append(("journaltitle", encoder.text(facts.publication, what="journaltitle")))
        out.append(("entrysubtype", "magazine"))
        if date:
            out.append(("date", date))
        elif "date" in fields:
            out.append(("date", _unwrap(fields["date"])))
        note = series
    else:
        out.append(("howpublished", encoder.text(facts.publication, what="howpublished")))
        if date:
            year, month = date[:4], int(date[5:7]) if len(date) >= 7 else 0
            if month:
                out.append(("month", MONTH_MACROS[month - 1]))
            out.append(("year", year))
        else:
            out.extend((n, _unwrap(fields[n])) for n in ("month", "year") if n in fields)
        note = encoder.text(f"Interview by {interviewer.full_name}", what="note") + ". " + series
    rest = _OUR_NOTE_HEAD.sub("", _unwrap(fields.get("note", "")).strip(), count=1)
    out.append(("note", f"{note}. {rest}" if rest else note))
    return out


def _entry_text(
    block: _Block, facts: Any, dialect: Dialect, text: str
) -> tuple[str, str, list[tuple[str, str]]]:
    """The enriched entry: our fields first, then every other field exactly as written.

    Returns:
        The entry's text, its type, and its fields as (name, raw value) pairs.
    """
    raw = text[block.start : block.end]
    indent_match = re.search(r"\n([ \t]+)\S", raw)
    indent = indent_match.group(1) if indent_match else "  "
    fields = {name.lower(): value for name, value in block.fields}
    written: list[tuple[str, str]] = []
    for name, value in _enriched_fields(facts, fields, dialect, block.key):
        month = name == "month" and value in MONTH_MACROS
        written.append((name, value if month else "{" + value + "}"))
    written += [(n, v) for n, v in block.fields if n.lower() not in _OWNED]
    if facts.url and "url" not in fields and not _NOTE_URL.search(fields.get("note", "")):
        written.append(("url", "{" + url_text(facts.url) + "}"))
    entry_type = "article" if dialect == "biblatex" else "misc"
    lines = ",\n".join(f"{indent}{name} = {value}" for name, value in written)
    return f"@{entry_type}{{{block.key},\n{lines}\n}}", entry_type, written


def enrich_text(
    text: str,
    *,
    source: str,
    recognise: Callable[[dict[str, Any]], Any],
    candidate: Callable[[dict[str, Any]], bool] | None = None,
) -> tuple[str, list[tuple[dict[str, Any], Any, list[str]]]]:
    """The library with each series entry rewritten, plus (item, facts, changed fields) of each.

    Every entry ``recognise`` returns None for, and everything between entries (comments,
    ``@string``, Better BibTeX's quality reports), is kept byte for byte; a series entry keeps
    its key, its ``url`` and every field enrichment does not own (keywords, file, abstract,
    custom fields), as written.

    Args:
        candidate: a cheap test on an entry's :func:`entry_probe` that is False only for
            entries ``recognise`` returns None for (``recognise.might_be_series``); those are
            kept without being read further. None reads every entry.

    Raises:
        FormatError: a broken entry, naming ``source`` and its line.
    """
    blocks = _library(text, source=source)
    dialect = _dialect_of(blocks)
    pieces: list[str] = []
    found: list[tuple[dict[str, Any], Any, list[str]]] = []
    done = 0
    for block in blocks:
        fields = {name.lower(): value for name, value in block.fields}
        if candidate is not None and not candidate(entry_probe(block.type, fields)):
            continue
        item = entry_to_csl(block.type, block.key, fields)
        facts = recognise(item)
        if facts is None:
            continue
        new, entry_type, written = _entry_text(block, facts, dialect, text)
        found.append((item, facts, _changed(block, entry_type, written)))
        pieces.append(text[done : block.start])
        pieces.append(new)
        done = block.end
    pieces.append(text[done:])
    return "".join(pieces), found


def _changed(block: _Block, entry_type: str, fields: list[tuple[str, str]]) -> list[str]:
    """The entry type and the names of the fields whose raw text differs after enrichment."""
    changed = ["type"] if block.type.lower() != entry_type else []
    before = {name.lower(): value for name, value in block.fields}
    after = {name.lower(): value for name, value in fields}
    changed += [n for n in dict.fromkeys([*before, *after]) if before.get(n) != after.get(n)]
    return changed


# -- CSL items to .bib (``zotero enrich --to bibtex|biblatex`` from another format) ---------

# CSL types -> entry types of each dialect (Zotero's own maps, in the other direction).
_ENTRY_TYPES: dict[str, tuple[str, str]] = {
    "article-journal": ("article", "article"), "article-magazine": ("article", "article"),
    "article-newspaper": ("article", "article"), "book": ("book", "book"),
    "chapter": ("incollection", "incollection"), "paper-conference": ("inproceedings", "inproceedings"),
    "webpage": ("online", "misc"), "post-weblog": ("online", "misc"), "report": ("report", "techreport"),
    "thesis": ("thesis", "phdthesis"), "manuscript": ("unpublished", "unpublished"),
    "software": ("software", "misc"), "dataset": ("dataset", "misc"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _CslFacts:
    """The series facts an interview CSL item carries (to write it in our shape)."""

    interviewees: tuple[Person, ...]
    interviewer: Person
    title: str | None
    number: int | None
    published: str | None
    url: str | None
    publication: str
    series: str


def _series_facts(item: dict[str, Any]) -> _CslFacts | None:
    """Facts for an item of the series typed interview (as enrichment leaves it), else None."""
    from .._model import PUBLICATION, SERIES

    series = str(item.get("collection-title") or "")
    if item.get("type") != "interview" or series.rstrip(". ").lower() != SERIES.lower():
        return None
    interviewees, interviewers = (
        people_from_csl(item.get("author")),
        people_from_csl(item.get("interviewer")),
    )
    if not interviewees or not interviewers:
        return None
    number = item.get("collection-number")
    published = iso_from_csl(item.get("issued"))
    return _CslFacts(
        interviewees=interviewees,
        interviewer=interviewers[0],
        title=str(item["title"]) if item.get("title") else None,
        number=int(str(number)) if str(number or "").isdigit() else None,
        published=published if published and len(published) == 10 else None,
        url=str(item["URL"]) if item.get("URL") else None,
        publication=str(item.get("container-title") or PUBLICATION),
        series=SERIES,
    )


def _item_key(item: dict[str, Any], index: int, used: set[str]) -> str:
    """The item's citation key, else its id when it is one, else ``item-N``; made unique."""
    key = str(item.get("citation-key") or "")
    ident = str(item.get("id") or "")
    if not key and ident and re.fullmatch(r"[^\s,{}()=\"#%'~\\]+", ident) and "/" not in ident:
        key = ident
    key = key or f"item-{index}"
    base, n = key, 1
    while key in used:
        n += 1
        key = f"{base}-{n}"
    used.add(key)
    return key


def _csl_entry(item: dict[str, Any], key: str, dialect: Dialect) -> list[tuple[str, str]]:
    """A CSL item that is not a series interview as (field, LaTeX value) pairs."""
    encoder = _Encoder(dialect, key)
    fields: list[tuple[str, str]] = []
    for variable, field_name in (("author", "author"), ("editor", "editor")):
        people = people_from_csl(item.get(variable))
        if people:
            fields.append((field_name, _name_value(people, encoder, field_name)))
    if item.get("title"):
        title = str(item["title"])
        fields.append(("title", _protect_words(title, encoder) if dialect == "biblatex"
                       else _group(encoder.text(title, what="title"))))  # fmt: skip
    container = str(item.get("container-title") or "")
    if container:
        csl_type = item.get("type")
        if csl_type in ("chapter", "paper-conference"):
            name = "booktitle"
        elif csl_type in ("webpage", "post-weblog"):
            name = "organization" if dialect == "biblatex" else "howpublished"
        else:
            name = "journaltitle" if dialect == "biblatex" else "journal"
        fields.append((name, encoder.text(container, what=name)))
    date = iso_from_csl(item.get("issued"))
    if date and dialect == "biblatex":
        fields.append(("date", date))
    elif date:
        if len(date) >= 7:
            fields.append(("month", MONTH_MACROS[int(date[5:7]) - 1]))
        fields.append(("year", date[:4]))
    for variable, field_name in (("publisher", "publisher"), ("volume", "volume"),
                                 ("issue", "number"), ("page", "pages"),
                                 ("abstract", "abstract"), ("note", "note"),
                                 ("keyword", "keywords")):  # fmt: skip
        if item.get(variable):
            fields.append((field_name, encoder.text(str(item[variable]), what=field_name)))
    if item.get("DOI"):
        fields.append(("doi", url_text(str(item["DOI"]))))
    if item.get("URL"):
        fields.append(("url", url_text(str(item["URL"]))))
    accessed = iso_from_csl(item.get("accessed"))
    if accessed and dialect == "biblatex":
        fields.append(("urldate", accessed))
    return fields


def write_items(items: Sequence[dict[str, Any]], *, dialect: Dialect = "biblatex") -> str:
    """CSL items as a .bib library (``zotero enrich --to bibtex|biblatex`` from another format).

    A series interview (type ``interview`` with the series as ``collection-title``) is written
    in our shape (see :func:`to_entry`), every other item with the fields its type maps to.
    Keys are the items' citation keys, else ids that are keys, else ``item-N``.

    Raises:
        ValueError: an unknown dialect.
    """
    if dialect not in DIALECTS:
        raise ValueError(f"unknown BibTeX dialect {dialect!r}; choose biblatex or bibtex")
    used: set[str] = set()
    entries: list[str] = []
    for index, item in enumerate(items, start=1):
        key = _item_key(item, index, used)
        facts = _series_facts(item)
        if facts is not None:
            fields = _enriched_fields(facts, {}, dialect, key)
            if facts.url:
                fields.append(("url", url_text(facts.url)))
            accessed = iso_from_csl(item.get("accessed"))
            if accessed and dialect == "biblatex":
                fields.append(("urldate", accessed))
            entry_type = "article" if dialect == "biblatex" else "misc"
        else:
            fields = _csl_entry(item, key, dialect)
            pair = _ENTRY_TYPES.get(str(item.get("type")), ("misc", "misc"))
            entry_type = pair[0] if dialect == "biblatex" else pair[1]
        lines = ",\n".join(
            f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
            for name, value in fields
        )
        entries.append(f"@{entry_type}{{{key},\n{lines}\n}}\n")
    return "\n".join(entries)


def enrich(
    text: str,
    *,
    source: str,
    recognise: Callable[[dict[str, Any]], SeriesFacts | None],
    candidate: Callable[[dict[str, Any]], bool] | None = None,
) -> Enriched:
    """A .bib library with each series item rewritten as an interview of the series.

    Items ``recognise`` returns None for are kept as they were (see :func:`enrich_text`, which
    also says what ``candidate`` skips).

    Returns:
        The new text and one report line per series item (what it was, what changed, what
        could not be determined), in file order.

    Raises:
        FormatError: a file that cannot be read, naming ``source`` and the place.
    """
    from .._zotero.recognise import enriched

    return enriched(*enrich_text(text, source=source, recognise=recognise, candidate=candidate))
