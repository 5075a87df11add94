r"""pybtex plugins: the ``tpc-unsrt`` and ``tpc-alpha`` styles and the ``tpc-json`` input.

The only module that imports pybtex's plugin layer (formatting styles, rich text, the input
parser base class). pybtex finds these classes through the entry points in ``pyproject.toml``;
its plugin names are one global namespace, so ours carry the ``tpc-`` prefix.

Styles
------
:class:`UnsrtStyle` (``tpc-unsrt``) and :class:`AlphaStyle` (``tpc-alpha``) are pybtex's own
``unsrt`` and ``alpha`` with one addition: an entry in either ``.bib`` dialect our exporters
write (see :mod:`~transpacific_cite.plugins._shapes`) is formatted as an interview::

    Jeffrey Hornung.
    \newblock Ukraine War: The Impact on Japan-Russia Relations.
    \newblock Interview by Mercy~A. Kuo.
    \newblock \emph{The Diplomat}, The Trans-Pacific View Insight Series, no.~319, May 16, 2022.
    \newblock URL: \url{https://...} (visited on May 20, 2022).

Every name, the interviewers' too, goes through the style's name style (pybtex's ties, and
``--abbreviate-names``). A classic ``@misc`` has no day, so it prints "May 2022". Text is
decoded by the writer's own decoder and printed through the backend, so HTML and Markdown
escape it; for LaTeX it is re-encoded by the writer's encoder (pybtex's LaTeX backend would
leave ``$ { } ^ \`` raw). Only http(s) and ftp URLs become links, percent-encoded where a
URL may not hold a character raw (pybtex's HTML backend writes ``href`` unescaped).

The interviewees come first whichever people the entry makes its ``author`` (``--byline``
entries name them in ``titleaddon`` or ``note``); the title is printed as written (our writers
brace it, so pybtex's sentence-casing would leave it unchanged anyway). Every other entry goes
to the parent style untouched, so it is formatted exactly as pybtex's ``unsrt``/``alpha`` would.
pybtex's plain ``unsrt`` cannot format our ``biblatex`` entries at all (an ``@article`` with
``journaltitle`` but no ``journal`` is a "missing journal" error); these styles can.

Sorting and labels (``alpha``'s ``author_year_title`` and ``[Hor22]``) see an interview with the
interviewees as its authors and a ``year`` taken from ``date`` when the entry has no ``year``.

Input
-----
:class:`JsonParser` (``tpc-json``, suffix ``.json``) reads a model JSON file (one interview,
keyed as ``export`` keys it) or CSL JSON (ours, or a Zotero export: every export reader's
path, :func:`~transpacific_cite._api.interviews_from_json`; items that are not series entries
are left out), and turns each interview into the ``biblatex`` entry the ``.bib`` exporter
writes, plus ``journal``, ``year`` and ``month`` so that pybtex's own styles and classic
``.bst`` files format it too. Our errors become :class:`~pybtex.exceptions.PybtexError`,
which pybtex's command line prints as one line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import IO, Any
from urllib.parse import quote

from pybtex.backends.latex import Backend as LatexBackend
from pybtex.database import Entry
from pybtex.database import Person as BibPerson
from pybtex.database.input import BaseParser
from pybtex.exceptions import PybtexError
from pybtex.richtext import HRef, String, Symbol, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.alpha import Style as _PybtexAlpha
from pybtex.style.formatting.unsrt import Style as _PybtexUnsrt
from pybtex.style.template import sentence, words

from .._api import interviews_from_json
from .._errors import CiteError
from .._formats.bibtex import MONTH_NAMES, latex_text, to_entry
from ._shapes import InterviewShape, read_shape, split_names, year_of

__all__ = ["AlphaStyle", "JsonParser", "UnsrtStyle"]


class _Plain(String):  # type: ignore[misc]  # pybtex is untyped
    """Decoded text that renders as correct LaTeX too.

    pybtex's LaTeX backend escapes strings through latexcodec, which leaves ``$ { } ^ \\``
    as they are (a title with "$3" would open math mode in the ``.bbl``); this piece is
    escaped by the writer's own encoder there, and by the backend everywhere else (HTML
    escaping included).
    """

    def _typeinfo(self) -> tuple[type, tuple[()]]:
        # pybtex merges neighbouring pieces of one type; a String neighbour must stay apart
        return _Plain, ()

    def render(self, backend: Any) -> Any:
        # not always a str: pybtex-docutils (Sphinx) renders to lists of docutils nodes
        if isinstance(backend, LatexBackend):
            return latex_text(self.value)
        return super().render(backend)


# Only web addresses become links (as in render/): a "javascript:" or "data:" URL from the
# input is printed as text. pybtex's HTML backend writes the href unescaped, so characters
# that a URL may not hold raw (RFC 3986: quotes, <, >, spaces, backslash...) are
# percent-encoded before they reach it; "%" stays, so an encoded URL is not encoded twice.
_WEB_ADDRESS = re.compile(r"(?i:https?|ftp)://")
_URL_SAFE = "!#$&'()*+,/:;=?@[]%~-._"


def _web_ref(url: str, accessed: str | None) -> Any:
    """``URL: <link> (visited on May 20, 2022)``, as unsrt's web references print."""
    visited = f" (visited on {accessed})" if accessed else ""
    if not _WEB_ADDRESS.match(url):
        return Text("URL: ", _Plain(url + visited))
    link = quote(url, safe=_URL_SAFE)
    return Text("URL: ", HRef(link, link), visited)


def _interview_view(entry: Any, shape: InterviewShape) -> Any:
    """The entry as this module formats, sorts and labels it.

    Its ``author`` people are the interviewees and its ``interviewer`` people the interviewers,
    whichever the entry made its authors; names the entry gives only as text (in
    ``titleaddon`` or ``note``) become people through pybtex's own name parser, so every name
    is formatted by the style's name style. It has a ``year`` (from ``date`` in biblatex).
    """
    fields = dict(entry.fields)
    year = year_of(shape)
    if "year" not in entry.fields and year:
        fields["year"] = year
    if shape.interviewees is None:
        authors = list(entry.persons.get("author", ()))
    else:  # a Zotero entry: its author may be the interviewer
        authors = [BibPerson(first=given, last=family) for given, family in shape.interviewees]
    others = [BibPerson(name) for name in split_names(shape.others)]
    interviewees, interviewers = (
        (others, authors) if shape.relation == "with" else (authors, others)
    )
    persons = {"author": interviewees, "interviewer": interviewers}
    view = Entry(entry.type, fields=fields, persons={k: v for k, v in persons.items() if v})
    view.key = entry.key
    return view


class _InterviewStyle:
    """What ``tpc-unsrt`` and ``tpc-alpha`` add to their pybtex parent: interview entries.

    pybtex's ``BaseStyle.__init__`` binds ``sort`` and ``format_labels`` from the sorting and
    label plugins; they are wrapped here so that both, and sphinxcontrib-bibtex, which calls
    them one by one, see interviews through :func:`_interview_view`.
    """

    sort: Callable[[Iterable[Any]], list[Any]]
    format_labels: Callable[[Iterable[Any]], Iterable[str]]
    format_names: Callable[..., Any]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)  # the pybtex parent style takes the options
        sort, format_labels = self.sort, self.format_labels

        def sort_entries(entries: Iterable[Any]) -> list[Any]:
            pairs = [(self._view(entry), entry) for entry in entries]
            original = {id(view): entry for view, entry in pairs}
            return [original[id(view)] for view in sort([view for view, _ in pairs])]

        def labels(sorted_entries: Iterable[Any]) -> Iterable[str]:
            return format_labels([self._view(entry) for entry in sorted_entries])

        self.sort = sort_entries
        self.format_labels = labels

    @staticmethod
    def _view(entry: Any) -> Any:
        shape = read_shape(entry.type, entry.fields, entry.persons)
        return entry if shape is None else _interview_view(entry, shape)

    def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> Any:
        """Format one entry: an interview as an interview, any other as the parent style does."""
        shape = read_shape(entry.type, entry.fields, entry.persons)
        if shape is None:
            return super().format_entry(label, entry, bib_data=bib_data)  # type: ignore[misc]
        view = _interview_view(entry, shape)
        context = {"entry": view, "style": self, "bib_data": bib_data}
        text = self._interview_template(view, shape).format_data(context)
        return FormattedEntry(entry.key, text, label)

    def _interview_template(self, view: Any, shape: InterviewShape) -> Any:
        """Interviewees. Title. Interview by interviewers. *Publication*, series, no. N, date. URL."""
        blocks: list[Any] = []
        if view.persons.get("author"):
            blocks.append(self.format_names("author"))
        if shape.title:
            blocks.append(sentence[Text(_Plain(shape.title))])
        if view.persons.get("interviewer"):
            interviewers = self.format_names("interviewer", as_sentence=False)
            blocks.append(sentence[words["Interview by", interviewers]])
        series = Text(_Plain(shape.series))
        if shape.number is not None:
            series = Text(series, ", no.", Symbol("nbsp"), str(shape.number))
        published: list[Any] = [Tag("em", _Plain(shape.publication)), series]
        if shape.date:
            published.append(Text(shape.date.text()))
        blocks.append(sentence[published])
        if shape.url:
            blocks.append(sentence[_web_ref(shape.url, shape.accessed)])
        return toplevel[blocks]


class UnsrtStyle(_InterviewStyle, _PybtexUnsrt):  # type: ignore[misc]  # pybtex is untyped
    """``tpc-unsrt``: pybtex's ``unsrt`` (cited order, numbered) with interviews as interviews."""


class AlphaStyle(_InterviewStyle, _PybtexAlpha):  # type: ignore[misc]  # pybtex is untyped
    """``tpc-alpha``: pybtex's ``alpha`` (sorted by author, year, title; labels like ``Hor22``)."""


class JsonParser(BaseParser):  # type: ignore[misc]  # pybtex is untyped
    """``tpc-json``: model JSON or CSL JSON as pybtex entries (see the module docstring)."""

    default_suffix = ".json"
    unicode_io = False

    def parse_stream(self, stream: IO[bytes]) -> Any:
        """Read one JSON file into ``self.data`` (pybtex's ``BibliographyData``).

        Raises:
            PybtexError: the file is neither model JSON nor CSL JSON (one line, naming the file).
        """
        source = str(self.filename)
        data = stream.read()
        try:
            keyed = interviews_from_json(
                data if isinstance(data, bytes) else data.encode(), source=source
            )
            for key, interview in keyed:
                entry, _warnings = to_entry(interview, key=key, dialect="biblatex")
                _add_classic_fields(entry.fields, entry.fields.get("date"))
                self.data.add_entry(key, entry)
        except CiteError as error:
            # pybtex prints "<file>: ERROR: <message>"; the file is not named twice
            message = str(error).removeprefix(f"{source}: ")
            raise PybtexError(message, filename=source) from None
        return self.data


def _add_classic_fields(fields: Any, date: str | None) -> None:
    """``journal``, ``year``, ``month`` beside biblatex's ``journaltitle`` and ISO ``date``.

    pybtex's own styles and classic ``.bst`` files know only these names; biber ignores them
    where the biblatex names are present. The month is the name pybtex's parser gives a
    ``may`` macro ("May"), so an entry reads the same from JSON as from a ``.bib``.
    """
    fields["journal"] = fields["journaltitle"]
    if date:
        fields["year"] = date[:4]
        fields["month"] = MONTH_NAMES[int(date[5:7]) - 1]
