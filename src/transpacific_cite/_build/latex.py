r"""LaTeX papers: the ``.bib`` of exactly the ``tpv:`` keys a paper cites.

A writer cites ``\cite{tpv:319}`` (BibTeX) or ``\autocite[sec.~3]{tpv:319}`` (biblatex; the
postnote as ``transpacific-cite pinpoint 319 q3 --as latex`` prints it) and lists a ``.bib``
file we write, say ``\bibliography{tpv}`` or ``\addbibresource{tpv.bib}``. After the first
``pdflatex`` run the citations are in:

- the ``.aux`` file (BibTeX, and biblatex with ``backend=bibtex``): ``\citation{tpv:319}``
  lines, ``\citation{*}`` for ``\nocite{*}``, and ``\@input{chapter.aux}`` for included files;
- the ``.bcf`` file (biblatex with biber): ``<bcf:citekey>tpv:319</bcf:citekey>`` elements.

:func:`latex_bib` reads them and writes the entries keyed as cited (``tpv:319``), in classic
BibTeX form for an ``.aux`` and biblatex form for a ``.bcf``; then ``bibtex`` or ``biber``
runs as usual. ``*`` cites nothing of ours (we cannot know which numbers "everything" means).
The ``.bcf`` is read with the standard library's XML parser, which resolves no entities and
fetches nothing.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from .._errors import InputError
from .._files import read_bytes
from .._formats.bibtex import Dialect, to_bib
from .resolve import Resolver, Sources, require_all, tpv_key, tpv_number

_CITATION = re.compile(r"\\citation\{([^}]*)\}")
_INPUT = re.compile(r"\\@input\{([^}]*)\}")
_BCF_NS = "{https://sourceforge.net/projects/biblatex}"
MAX_AUX_DEPTH = 20  # \@input nesting a real document never reaches; stops a loop of includes


@dataclass(frozen=True, slots=True)
class LatexBib:
    """The ``.bib`` for one paper.

    Attributes:
        text: the ``.bib`` text (empty when the paper cites no ``tpv:`` key).
        dialect: ``bibtex`` for an ``.aux``, ``biblatex`` for a ``.bcf``.
        numbers: the series numbers cited, in order of first citation.
        warnings: problems noticed (no ``tpv:`` key cited, characters BibTeX cannot carry).
    """

    text: str
    dialect: Dialect
    numbers: tuple[int, ...]
    warnings: tuple[str, ...]


def _aux_keys(path: Path, depth: int = 0) -> list[str]:
    text = read_bytes(path).decode("utf-8", errors="replace")
    keys: list[str] = []
    for line in text.splitlines():
        for match in _CITATION.finditer(line):
            keys.extend(key.strip() for key in match.group(1).split(","))
        for match in _INPUT.finditer(line):
            included = path.parent / match.group(1)
            if depth < MAX_AUX_DEPTH and included.is_file():
                keys.extend(_aux_keys(included, depth + 1))
    return keys


def _bcf_keys(path: Path) -> list[str]:
    try:
        root = ElementTree.fromstring(read_bytes(path))
    except ElementTree.ParseError as error:
        raise InputError(f"{path}: not a biber control file ({error})") from None
    return [(key.text or "").strip() for key in root.iter(f"{_BCF_NS}citekey")]


def cited_keys(path: str | os.PathLike[str]) -> tuple[Dialect, list[str]]:
    """The dialect a paper needs and every key it cites, in order (repeats kept).

    Raises:
        InputError: the file cannot be read, is neither ``.aux`` nor ``.bcf``, or a ``.bcf``
            that is not XML.
    """
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix == ".aux":
        return "bibtex", _aux_keys(source)
    if suffix == ".bcf":
        return "biblatex", _bcf_keys(source)
    raise InputError(
        f"{path}: give the .aux file (BibTeX) or the .bcf file (biblatex/biber) of a LaTeX run"
    )


def latex_bib(path: str | os.PathLike[str], *, sources: Sources | None = None) -> LatexBib:
    """The ``.bib`` of every ``tpv:`` key an ``.aux`` or ``.bcf`` file cites, keyed as cited.

    Raises:
        InputError: the file cannot be read (see :func:`cited_keys`).
        BuildError: a ``tpv:`` key no source knows (every one named, with the file).
    """
    dialect, keys = cited_keys(path)
    cited: dict[int, list[str]] = {}
    spelled: dict[int, str] = {}
    for key in keys:
        number = tpv_number(key)
        if number is not None:
            cited.setdefault(number, []).append(str(path))
            spelled.setdefault(number, key)
    if not cited:
        return LatexBib("", dialect, (), (f"{path}: cites no tpv: key; nothing to write",))
    resolver = Resolver(sources or Sources())
    found = require_all(resolver, {n: places[:1] for n, places in cited.items()}, what="in")
    numbers = list(cited)
    # keyed as the paper spells them: BibTeX matches keys case-insensitively, biber exactly
    written = to_bib(
        [found[n] for n in numbers],
        [spelled.get(n, tpv_key(n)) for n in numbers],
        dialect=dialect,
    )
    return LatexBib(
        written.text, dialect, tuple(numbers), tuple(resolver.warnings) + written.warnings
    )
