"""``export``: interviews as citation data in any format we write, in one call.

The one place that maps a format name to its writer, so the ``export`` command and scripts
write the same bytes. Each writer is imported only when its format is asked for (pybtex and
rispy are slow to import).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from ._model import Interview

ExportFormat = Literal["csl-json", "zotero-csl-json", "biblatex", "bibtex", "ris", "zotero-rdf"]
EXPORT_FORMATS: tuple[str, ...] = get_args(ExportFormat)


@dataclass(frozen=True, slots=True)
class Exported:
    """What :func:`export` returns.

    Attributes:
        text: the whole file, as written to disk (UTF-8; ends with a newline).
        warnings: problems the writer noticed and worked around, one sentence each
            (an interview with no date, a character BibTeX cannot carry).
        keys: the citation key of each interview, in order (what the entries are cited by).
    """

    text: str
    warnings: tuple[str, ...]
    keys: tuple[str, ...]


def export(
    interviews: Interview | Sequence[Interview],
    *,
    to: ExportFormat = "biblatex",
    keys: Sequence[str] | None = None,
    key_format: Literal["tpv", "bbt"] = "tpv",
    byline: bool = False,
) -> Exported:
    """Write interviews as one file of citation data.

    Args:
        interviews: one interview or several (each becomes one entry, in order).
        to: ``csl-json``, ``zotero-csl-json``, ``biblatex``, ``bibtex``, ``ris`` or
            ``zotero-rdf`` (which Zotero imports as interviews with both creators).
        keys: the citation keys to use, one per interview; by default made with
            ``key_format`` (``hornung2022tpv319``, or Better BibTeX's
            ``hornungUkraineWarImpact2022`` for ``bbt``), colliding ones suffixed a, b, ...
        byline: make the interviewer the author (APA cites a magazine interview by its
            byline) and name the interviewee in the note or title addition instead.

    Returns:
        The text plus the warnings the writer noticed and the keys used.

    Raises:
        ValueError: an unknown format or key format, or not one unique key per interview.
        ExportError: an interview the format cannot carry.
    """
    items = [interviews] if isinstance(interviews, Interview) else list(interviews)
    if to not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {to!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if keys is None:
        from ._keys import assign_keys

        keys = assign_keys(items, key_format=key_format)
    elif len(keys) != len(items) or len(set(keys)) != len(keys):
        raise ValueError(f"give one unique key per interview ({len(items)}), not {len(keys)}")
    warnings: tuple[str, ...] = ()
    if to in ("csl-json", "zotero-csl-json"):
        from ._formats.csl import dumps, to_csl_data

        zotero = to == "zotero-csl-json"
        text = dumps(
            to_csl_data(items, keys, byline=byline, flavour="zotero" if zotero else "standard")
        )
    elif to == "zotero-rdf":
        from ._formats.zotero_rdf import to_rdf

        if byline:
            warnings = (
                "--byline does not apply to Zotero RDF: an interview item names both roles",
            )
        text = to_rdf(items, keys)
    elif to == "ris":
        from ._formats.ris import to_ris

        text = to_ris(items, keys, byline=byline)
    else:
        from ._formats.bibtex import to_bib

        written = to_bib(
            items, keys, dialect="bibtex" if to == "bibtex" else "biblatex", byline=byline
        )
        text, warnings = written.text, written.warnings
    return Exported(text, warnings, tuple(keys))
