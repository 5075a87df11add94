"""The pandoc filter ``transpacific-cite-pandoc``: cite the series by number in Markdown.

Run as ``pandoc paper.md --filter transpacific-cite-pandoc --citeproc``. The filter reads
pandoc's JSON AST on stdin and writes it back with:

- every cited ``tpv:N`` resolved (:mod:`.resolve`) and its CSL item added to the document's
  ``references`` metadata, keyed ``tpv:N``, so pandoc's citeproc formats it in any CSL style;
- our pinpoints in a citation's suffix (``[@tpv:319, q3]``, ``@tpv:319 [q2-q4]``,
  ``[@tpv:319, q3p2, emphasis added]``) rewritten as the locator pandoc's citeproc reads as a
  CSL ``section`` label (``sec. 3``; ``secs. 2-4``), so each style prints sections its own way
  ("sec. 3" in Chicago and MLA, "Section 3" in APA). A paragraph follows as suffix text
  (``sec. 3, para. 2``): see :mod:`transpacific_cite._pinpoint` for why.

Other keys are left alone, so the user's own ``bibliography`` works beside it. Document
metadata may set, under ``transpacific-cite``: ``catalog`` (a path), ``sources`` (files or
URLs), ``fetch`` (true to fetch URLs) and ``examples`` (false to leave out the bundled ones).

pandocfilters is used rather than panflute: the filter touches only ``Cite`` elements and the
metadata, and pandocfilters walks pandoc's JSON as it is, without converting the whole
document into objects or checking pandoc-types versions, so one code path serves pandoc 2.17
(API 1.22) and 3.9 (API 1.23) and a 200-citation paper costs a few milliseconds. This module
is the only importer of pandocfilters.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pandocfilters import stringify, walk

from .._errors import BuildError, CiteError, PinpointError
from .._formats.csl import to_csl_item
from .._model import Interview, Pinpoint
from .._pinpoint import check_pinpoint, parse_pinpoint, to_pandoc
from .resolve import Resolver, Sources, require_all, tpv_key, tpv_number

PROG = "transpacific-cite-pandoc"
META_KEY = "transpacific-cite"
META_OPTIONS = ("catalog", "sources", "fetch", "examples")

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Filtered:
    """What the filter did to a document.

    Attributes:
        document: the document (pandoc JSON as Python data), changed in place.
        numbers: the series numbers cited, in order of first citation.
        warnings: problems noticed while reading sources.
    """

    document: Json
    numbers: tuple[int, ...]
    warnings: tuple[str, ...]


def _str(text: str) -> Json:
    return {"t": "Str", "c": text}


_SPACE: Json = {"t": "Space"}


def _inlines(text: str) -> list[Json]:
    """Plain text as pandoc inlines (Str and Space)."""
    out: list[Json] = []
    for index, word in enumerate(text.split(" ")):
        if index:
            out.append(dict(_SPACE))
        if word:
            out.append(_str(word))
    return out


def pandoc_locator(pinpoint: Pinpoint) -> str:
    """The locator text pandoc's citeproc reads as a section: ``sec. 3``, ``secs. 2-4``."""
    # to_pandoc writes the whole citation "[@k, sec. 3]"; the locator is what follows "@k, ".
    return to_pandoc(pinpoint, key="k")[len("[@k, ") : -1]


def split_pinpoint(suffix: Sequence[Json]) -> tuple[Pinpoint | None, str, list[Json]]:
    """The pinpoint a citation suffix opens with, its text, and the rest of the suffix.

    Only leading ``Str``/``Space`` inlines are read; the longest run of them (cut at an inline
    boundary or before a trailing ``,`` or ``;``) that is a pinpoint wins, so
    ``q3, emphasis added`` gives ``q3`` and keeps ``, emphasis added`` (with any formatting)
    as suffix. A suffix that does not open with a pinpoint (``p. 4``, ``emphasis added``) is
    returned whole with None.
    """
    start = 0
    while start < len(suffix) and suffix[start].get("t") in ("Space", "SoftBreak"):
        start += 1
    if start < len(suffix) and suffix[start] == _str(","):
        start += 1
    # (text so far, index of the first inline not consumed, leftover punctuation)
    candidates: list[tuple[str, int, str]] = []
    text = ""
    index = start
    while index < len(suffix) and suffix[index].get("t") in ("Str", "Space", "SoftBreak"):
        node = suffix[index]
        if node["t"] == "Str":
            word = str(node["c"])
            if not text and word.startswith(","):
                word = word[1:]
            for mark in (",", ";"):
                if word.endswith(mark) and len(word) > 1:
                    candidates.append((text + word[:-1], index + 1, mark))
            text += word
        else:
            text += " "
        index += 1
        candidates.append((text, index, ""))
    for candidate, end, leftover in reversed(candidates):
        spec = candidate.strip()
        if not spec:
            continue
        try:
            pinpoint = parse_pinpoint(spec)
        except PinpointError:
            continue
        rest = ([_str(leftover)] if leftover else []) + list(suffix[end:])
        return pinpoint, spec, rest
    return None, "", list(suffix)


def _meta(value: Any) -> Json:
    """Python data as pandoc metadata (strings stay strings; citeproc reads them as text)."""
    if isinstance(value, dict):
        return {"t": "MetaMap", "c": {k: _meta(v) for k, v in value.items()}}
    if isinstance(value, list | tuple):
        return {"t": "MetaList", "c": [_meta(v) for v in value]}
    if isinstance(value, bool):
        return {"t": "MetaBool", "c": value}
    return {"t": "MetaString", "c": str(value)}


def _meta_text(value: Json) -> str:
    if value.get("t") == "MetaString":
        return str(value["c"])
    return str(stringify(value["c"] if value.get("t") == "MetaInlines" else value))


def _meta_bool(value: Json, name: str) -> bool:
    if value.get("t") == "MetaBool":
        return bool(value["c"])
    text = _meta_text(value).strip().lower()
    if text in ("true", "yes", "on"):
        return True
    if text in ("false", "no", "off"):
        return False
    raise BuildError(f"metadata {META_KEY}.{name}: must be true or false, not {text!r}")


def sources_from_meta(meta: Json, *, base: Sources | None = None) -> Sources:
    """The sources a document's ``transpacific-cite`` metadata names (over ``base``).

    Raises:
        BuildError: an unknown option (the message lists the known ones) or a bad value.
    """
    base = base or Sources()
    block = meta.get(META_KEY)
    if block is None:
        return base
    if block.get("t") != "MetaMap":
        raise BuildError(f"metadata {META_KEY}: must be a map of {', '.join(META_OPTIONS)}")
    options: dict[str, Json] = block["c"]
    unknown = sorted(set(options) - set(META_OPTIONS))
    if unknown:
        raise BuildError(
            f"metadata {META_KEY}: unknown option {unknown[0]!r}; known: {', '.join(META_OPTIONS)}"
        )
    catalog = base.catalog
    if "catalog" in options:
        catalog = Path(_meta_text(options["catalog"]))
    files, urls = list(base.files), list(base.urls)
    if "sources" in options:
        value = options["sources"]
        items = value["c"] if value.get("t") == "MetaList" else [value]
        from .._library import is_url

        for item in items:
            text = _meta_text(item).strip()
            (urls.append(text) if is_url(text) else files.append(Path(text)))
    fetch = _meta_bool(options["fetch"], "fetch") if "fetch" in options else base.fetch
    examples = (
        _meta_bool(options["examples"], "examples") if "examples" in options else base.examples
    )
    return Sources(
        files=tuple(files),
        urls=tuple(urls),
        catalog=catalog,
        use_catalog=base.use_catalog,
        examples=examples,
        fetch=fetch,
        allow_hosts=base.allow_hosts,
    )


def _cites(document: Json) -> list[tuple[list[Json], list[Json]]]:
    """Every Cite element's ``(citations, text)``, in document order, in one walk.

    pandocfilters' walk hands the action the document's own element contents (and builds a
    copy of the tree, which is not used): the lists found are the document's, so changing a
    citation dict afterwards changes the document itself.
    """
    found: list[tuple[list[Json], list[Json]]] = []

    def action(key: str, value: Any, _format: str, _meta: Any) -> None:
        if key == "Cite":
            found.append((value[0], value[1]))

    walk(document["blocks"], action, "", document.get("meta", {}))
    return found


def filter_document(document: Json, *, sources: Sources | None = None) -> Filtered:
    """Resolve and rewrite every ``tpv:`` citation of a pandoc JSON document (in place).

    Args:
        document: pandoc's JSON AST as Python data.
        sources: the defaults (catalog from ``--catalog`` or the environment); the document's
            ``transpacific-cite`` metadata adds to them.

    Raises:
        BuildError: an unknown number (naming it and the citation it is in), a pinpoint
            past the interview's sections, or bad metadata.
    """
    meta: Json = document.setdefault("meta", {})
    resolver = Resolver(sources_from_meta(meta, base=sources))
    cited: dict[int, list[str]] = {}
    cites = _cites(document)
    for citations, text in cites:
        for citation in citations:
            number = tpv_number(str(citation["citationId"]))
            if number is not None:
                cited.setdefault(number, []).append(stringify(text) or f"@{tpv_key(number)}")
    if not cited:
        return Filtered(document, (), ())
    found = require_all(resolver, cited)
    for citations, text in cites:
        for citation in citations:
            number = tpv_number(str(citation["citationId"]))
            if number is None:
                continue
            citation["citationId"] = tpv_key(number)  # TPV:319 and tpv:319 are one item
            pinpoint, spec, rest = split_pinpoint(citation["citationSuffix"])
            if pinpoint is None:
                continue
            try:
                check_pinpoint(pinpoint, found[number])
            except PinpointError as error:
                raise BuildError(f"{error} (pinpoint {spec!r} in {stringify(text)})") from None
            citation["citationSuffix"] = [
                _str(","),
                dict(_SPACE),
                *_inlines(pandoc_locator(pinpoint)),
                *rest,
            ]
    add_references(meta, [found[n] for n in cited], [tpv_key(n) for n in cited])
    return Filtered(document, tuple(cited), tuple(resolver.warnings))


def add_references(meta: Json, interviews: Sequence[Interview], keys: Sequence[str]) -> None:
    """Add CSL items to the document's ``references`` (after any it has; its own win)."""
    existing = meta.get("references")
    items: list[Json] = list(existing["c"]) if existing and existing["t"] == "MetaList" else []
    taken = {_meta_text(item["c"]["id"]) for item in items if "id" in item.get("c", {})}
    for interview, key in zip(interviews, keys, strict=True):
        if key not in taken:
            items.append(_meta(to_csl_item(interview, key=key)))
    meta["references"] = {"t": "MetaList", "c": items}


def main(argv: Sequence[str] | None = None) -> int:
    """The console script: pandoc JSON on stdin, filtered JSON on stdout.

    pandoc passes the output format as the first argument. An error is one
    ``transpacific-cite-pandoc: error: ...`` line on stderr and exit status 2, which pandoc
    reports as a failed filter (non-zero exit).
    """
    del argv  # pandoc passes the output format; the filter does the same for every format
    try:
        document = json.loads(sys.stdin.buffer.read().decode("utf-8"))
        result = filter_document(document)
    except CiteError as error:
        print(f"{PROG}: error: {' '.join(str(error).split())}", file=sys.stderr)
        return 2
    except (ValueError, KeyError, TypeError) as error:  # not pandoc JSON: say so, no traceback
        print(f"{PROG}: error: stdin is not a pandoc JSON document ({error})", file=sys.stderr)
        return 2
    for message in result.warnings:
        print(f"{PROG}: warning: {' '.join(message.split())}", file=sys.stderr)
    sys.stdout.write(json.dumps(result.document, ensure_ascii=False))
    sys.stdout.flush()
    return 0


def run() -> None:
    """Entry point of the ``transpacific-cite-pandoc`` console script."""
    sys.exit(main(sys.argv[1:]))
