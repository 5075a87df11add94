"""Q&A pinpoints: read "q3", "3.2" or "section 3 paragraph 2", and write them out for each tool.

Vocabulary: a *pinpoint* (:class:`~transpacific_cite._model.Pinpoint`) names a section (one
question and its answer), a paragraph of a section's answer, or a range of sections. Its
*spec* is what a user types. Its renderings are:

- a *CSL locator*: ``("section", "3")``, ``("section", "3, para. 2")``, ``("section", "2-4")``.
  CSL has no "question" term, so a Q&A section is a ``section`` locator; the paragraph rides in
  the locator text because a CSL citation item carries a single label.
- a *LaTeX postnote*: ``\\autocite[sec.~3]{key}`` (biblatex) or ``\\cite[sec.~3]{key}`` (BibTeX).
- a *pandoc citation*: ``[@key, sec. 3]``; pandoc reads the ``sec.`` label from its locale.
  With a paragraph, ``[@key, sec. 3, para. 2]``: pandoc's locator stops at the comma, so
  ``para. 2`` is a suffix, printed after the whole cite (Chicago full notes put it after the
  URL). Bracing it into the locator (``{sec. 3, para. 2}``) is worse: pandoc then calls
  it "secs." (a locator with a comma or space is plural to it). citeproc-js reads the CSL
  locator ``3, para. 2`` as intended ("sec. 3, para. 2"). Measured with pandoc 2.17 and 3.9.
- a *deep link*: the article URL with a text fragment on the opening words of the question
  (or of the paragraph, when the paragraphs are known), encoded per the URL Fragment Text
  Directives spec (https://wicg.github.io/scroll-to-text-fragment/): every character outside
  the unreserved set is percent-encoded, and ``-``, ``,`` and ``&`` too, since they are the
  directive's own syntax.

Accepted specs (case and spacing do not matter; an en dash works as a hyphen)::

    3  q3  Q3  section 3  sec. 3  § 3       section 3
    3.2  q3p2  q3.2  sec. 3 para. 2         section 3, paragraph 2
    section 3 paragraph 2  sec 3, p. 2
    2-4  q2-q4  q2-4  sections 2-4          sections 2 to 4
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import quote, urlsplit, urlunsplit

from ._errors import ExportError, ModelError, PinpointError
from ._model import Interview, Pinpoint

LatexDialect = Literal["biblatex", "bibtex"]

ACCEPTED_FORMS = (
    "3, q3, section 3, sec. 3 (a section); 3.2, q3p2, sec. 3 para. 2, "
    "section 3 paragraph 2 (a paragraph); 2-4, q2-q4 (a range of sections)"
)

# How many words of a question (or paragraph) the text fragment quotes: enough to be unique
# on a Diplomat page (questions open with verbs like "Identify", "Assess"), short enough to
# survive small copy-editing changes later in the sentence.
LINK_WORDS = 8

_SECTION = r"(?:q|§|sec(?:tion)?s?\.?)?"
_PARAGRAPH = r"(?:p|para(?:graph)?s?)\.?"
_PATTERNS: tuple[re.Pattern[str], ...] = (
    # q3, 3, section 3, sec. 3, with an optional paragraph: 3.2, q3p2, sec. 3 para. 2
    re.compile(
        rf"^{_SECTION}\s*(?P<section>\d+)"
        rf"(?:\s*(?:\.|,?\s*{_PARAGRAPH})\s*(?P<paragraph>\d+))?$"
    ),
    # ranges: 2-4, q2-q4, q2-4, sections 2-4
    re.compile(rf"^{_SECTION}\s*(?P<section>\d+)\s*-\s*(?:q|sec(?:tion)?\.?)?\s*(?P<end>\d+)$"),
)
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-"})


def parse_pinpoint(text: str, *, interview: Interview | None = None) -> Pinpoint:
    """Read a pinpoint spec, checked against the interview's sections when they are known.

    Args:
        text: what the user typed: ``q3``, ``3.2``, ``2-4``, ``section 3 paragraph 2`` ...
        interview: the interview cited; with its sections known, a section or paragraph
            beyond them is an error.

    Raises:
        PinpointError: the spec is not one of the accepted forms (the message lists them), or
            it points past the interview's sections or paragraphs.
    """
    spec = " ".join(text.translate(_DASHES).lower().split())
    for pattern in _PATTERNS:
        match = pattern.match(spec)
        if match is None:
            continue
        groups = match.groupdict()
        try:
            pinpoint = Pinpoint(
                section=int(groups["section"]),
                paragraph=int(groups["paragraph"]) if groups.get("paragraph") else None,
                end_section=int(groups["end"]) if groups.get("end") else None,
            )
        except ModelError as error:
            raise PinpointError(f"pinpoint {text!r}: {error}") from None
        if interview is not None:
            check_pinpoint(pinpoint, interview)
        return pinpoint
    raise PinpointError(f"cannot read pinpoint {text!r}; accepted forms: {ACCEPTED_FORMS}")


def check_pinpoint(pinpoint: Pinpoint, interview: Interview) -> None:
    """Check a pinpoint against what is known of an interview's sections and paragraphs.

    An interview read without its Q&A text (no sections) cannot be checked, so anything
    passes; a paragraph is only checked where that section's paragraphs are known.

    Raises:
        PinpointError: naming how many sections (or paragraphs) there are.
    """
    count = len(interview.sections)
    if not count:
        return
    last = pinpoint.end_section or pinpoint.section
    if last > count:
        raise PinpointError(
            f"interview {interview.number} has {_count(count, 'section')}; "
            f"there is no section {last}"
        )
    if pinpoint.paragraph is not None:
        paragraphs = interview.sections[pinpoint.section - 1].paragraphs
        if paragraphs and pinpoint.paragraph > len(paragraphs):
            raise PinpointError(
                f"section {pinpoint.section} of interview {interview.number} has "
                f"{_count(len(paragraphs), 'paragraph')}; there is no paragraph {pinpoint.paragraph}"
            )


def _count(number: int, noun: str) -> str:
    """``1 paragraph``, ``2 paragraphs``: the message reads as English for every count."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def to_csl_locator(pinpoint: Pinpoint) -> tuple[str, str]:
    """The CSL ``(label, locator)`` pair: ``("section", "3, para. 2")``."""
    if pinpoint.end_section is not None:
        return "section", f"{pinpoint.section}-{pinpoint.end_section}"
    if pinpoint.paragraph is not None:
        return "section", f"{pinpoint.section}, para. {pinpoint.paragraph}"
    return "section", str(pinpoint.section)


def to_csl_citation_item(pinpoint: Pinpoint, *, key: str) -> dict[str, str]:
    """A CSL citation item citing ``key`` at the pinpoint: ``{"id", "label", "locator"}``."""
    label, locator = to_csl_locator(pinpoint)
    return {"id": key, "label": label, "locator": locator}


def _postnote(pinpoint: Pinpoint, *, tie: str, dash: str) -> str:
    if pinpoint.end_section is not None:
        return f"secs.{tie}{pinpoint.section}{dash}{pinpoint.end_section}"
    text = f"sec.{tie}{pinpoint.section}"
    if pinpoint.paragraph is not None:
        text += f", para.{tie}{pinpoint.paragraph}"
    return text


def to_latex(pinpoint: Pinpoint, *, key: str, dialect: LatexDialect = "biblatex") -> str:
    """A LaTeX citation with the pinpoint as postnote: ``\\autocite[sec.~3]{key}``.

    biblatex gets ``\\autocite`` (footnote or parenthetical, as the style decides); classic
    BibTeX gets ``\\cite``. The label is written out (``sec.``) rather than left to biblatex's
    ``\\pno`` machinery, which only knows pages.

    Raises:
        ValueError: for an unknown dialect.
    """
    if dialect not in ("biblatex", "bibtex"):
        raise ValueError(f"unknown LaTeX dialect {dialect!r}; choose biblatex or bibtex")
    command = "autocite" if dialect == "biblatex" else "cite"
    return f"\\{command}[{_postnote(pinpoint, tie='~', dash='--')}]{{{key}}}"


def to_pandoc(pinpoint: Pinpoint, *, key: str) -> str:
    """A pandoc citation: ``[@key, sec. 3]``; pandoc's citeproc reads ``sec.`` as the label."""
    name = key if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*", key) else f"{{{key}}}"
    return f"[@{name}, {_postnote(pinpoint, tie=' ', dash='-')}]"


def fragment_quote(text: str) -> str:
    """Percent-encode text for a ``:~:text=`` directive (``-``, ``,`` and ``&`` included)."""
    return quote(text, safe="").replace("-", "%2D")


def to_link(pinpoint: Pinpoint, interview: Interview) -> str:
    """The article URL with a text fragment on the opening words of the cited place.

    The fragment quotes the first :data:`LINK_WORDS` words of the paragraph when one is cited
    and known, else of the (first) section's question. Any fragment the URL already has is
    replaced, since it points elsewhere on the page.

    Raises:
        ExportError: the interview has no URL, or its sections are unknown (no text to quote).
        PinpointError: the pinpoint points past the interview's sections.
    """
    if not interview.url:
        raise ExportError(
            f"interview {interview.number} has no URL, so there is no link to a section of it"
        )
    if not interview.sections:
        raise ExportError(
            f"interview {interview.number} has no Q&A sections, so there is no text to link to"
        )
    check_pinpoint(pinpoint, interview)
    section = interview.sections[pinpoint.section - 1]
    text = section.question
    if pinpoint.paragraph is not None and section.paragraphs:
        text = section.paragraphs[pinpoint.paragraph - 1]
    words = text.split()[:LINK_WORDS]
    start = " ".join(words).rstrip(".,;:!?")
    scheme, netloc, path, query, _fragment = urlsplit(interview.url)
    base = urlunsplit((scheme, netloc, path, query, ""))
    return f"{base}#:~:text={fragment_quote(start)}"


PinpointForm = Literal["csl", "latex", "pandoc", "link"]
PINPOINT_FORMS: tuple[str, ...] = ("csl", "latex", "pandoc", "link")


def pinpoint(
    interview: Interview,
    spec: str,
    *,
    to: PinpointForm = "pandoc",
    key: str | None = None,
    dialect: LatexDialect = "biblatex",
) -> str:
    """Cite one Q&A place of an interview, written for one tool.

    Args:
        interview: the interview cited; the spec is checked against its sections.
        spec: ``q3``, ``q3p2``, ``2-4``, ``section 3 paragraph 2``, ... (see the module).
        to: ``pandoc`` (``[@key, sec. 3]``), ``latex`` (``\\autocite[sec.~3]{key}``),
            ``csl`` (a CSL citation item as JSON text) or ``link`` (the article URL with a
            text fragment on the question).
        key: the citation key; by default the interview's own (``hornung2022tpv319``).
        dialect: for ``latex``: ``biblatex`` (``\\autocite``) or ``bibtex`` (``\\cite``).

    Raises:
        PinpointError: a spec that cannot be read or points past the interview's sections.
        ExportError: ``link`` for an interview with no URL or no known sections.
        ValueError: an unknown form or dialect.
    """
    place = parse_pinpoint(spec, interview=interview)
    if to == "link":
        return to_link(place, interview)
    if key is None:
        from ._keys import citation_key

        key = citation_key(interview)
    if to == "pandoc":
        return to_pandoc(place, key=key)
    if to == "latex":
        return to_latex(place, key=key, dialect=dialect)
    if to == "csl":
        import json

        return json.dumps(to_csl_citation_item(place, key=key), ensure_ascii=False)
    raise ValueError(f"unknown form {to!r}; choose one of {', '.join(PINPOINT_FORMS)}")
