"""The one exception family of transpacific-cite.

Every error the library raises on purpose is a :class:`CiteError`. Each class also
subclasses the builtin it resembles, so callers that already catch ``ValueError``
or ``OSError`` keep working::

    CiteError
    ├── ModelError(ValueError)         model data that breaks the model's rules
    ├── ParseError(ValueError)         input that is not a series entry
    │   └── FormatError                a bibliographic file (JSON, RIS, .bib, RDF) that
    │                                  cannot be read: names the file and the place
    ├── PinpointError(ValueError)      a pinpoint that cannot be read or does not fit
    ├── OptionError(ValueError)        options that are not valid or do not fit the inputs
    ├── ExportError(ValueError)        an interview that a format cannot carry
    ├── InputError(OSError)            a file that cannot be read or written
    ├── BuildError(ValueError)         a paper or manifest that cannot be built (unknown
    │                                  tpv:N, a bad manifest key or value, with its line)
    ├── RenderError                    a citation that cannot be rendered
    │   ├── UnknownStyleError(LookupError)
    │   ├── StyleError(ValueError)     a CSL style that is not valid
    │   └── UnknownKeyError(KeyError)  a cited key with no item
    ├── FetchError(OSError)            a page that could not be fetched
    │   └── NotAllowedError            a URL outside the allowlist
    └── CatalogError                   the local catalog failed
        └── NotFoundError(LookupError) nothing stored under that number, key or name

The CLI catches ``CiteError`` and prints ``str(error)`` as one line.
"""

from __future__ import annotations


class CiteError(Exception):
    """Base class of every error transpacific-cite raises on purpose."""


class ModelError(CiteError, ValueError):
    """Model data (or model JSON) that breaks the model's rules."""


class ParseError(CiteError, ValueError):
    """Input that is not an entry of the Trans-Pacific View Insight Series."""


class FormatError(ParseError):
    """A bibliographic file (CSL JSON, Better BibTeX JSON, RIS, .bib, RDF) that cannot be read.

    The message names the file and the place (line, record or element), so one line on the
    command line says where to look.
    """


class OptionError(CiteError, ValueError):
    """Options (or keyword arguments) that are not valid values or do not fit the inputs.

    For example a ``--title`` given for several inputs at once.
    """


class PinpointError(CiteError, ValueError):
    """A pinpoint that cannot be parsed or that does not fit its interview."""


class ExportError(CiteError, ValueError):
    """An interview that an output format cannot carry (e.g. a link with no URL)."""


class InputError(CiteError, OSError):
    """A file that cannot be read, or an output that cannot be written."""


class BuildError(CiteError, ValueError):
    """A paper or bibliography manifest that cannot be built.

    For example a ``tpv:N`` no source knows, a pinpoint past the interview's sections, or a
    manifest key or value that is wrong.
    """


class RenderError(CiteError):
    """A citation or bibliography that cannot be rendered."""


class UnknownStyleError(RenderError, LookupError):
    """A CSL style name or path that names no style."""


class StyleError(RenderError, ValueError):
    """A CSL style file that is not valid CSL."""


class UnknownKeyError(RenderError, KeyError):
    """A citation of a key for which no item was given."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class FetchError(CiteError, OSError):
    """A page that could not be fetched (network, HTTP status, size, type, cache)."""


class NotAllowedError(FetchError):
    """A URL whose scheme, host or port is outside the fetch allowlist."""


class CatalogError(CiteError):
    """The local catalog could not be read or written."""


class NotFoundError(CatalogError, LookupError):
    """Nothing in the catalog under the number, key or name asked for."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""
