"""Fault 13: citeproc-py lowercases ids (so "Hornung2022" and "hornung2022" collided), turns
an unknown key into a callback and the text "key?", and only warns on an invalid style, then
fails later in odd ways. The whole repair:

- :func:`internal_keys`: every item gets an internal key (``i0``, ``i1``, ...) that
  citeproc-py sees instead of its id, unique by construction (:func:`.items.build_source`
  stores the items under these keys); a missing or repeated id is an error;
- :func:`internal`: a cited id that no item has is an :class:`UnknownKeyError`;
- :func:`validate_style`: a style is checked against the CSL schema before it is loaded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from citeproc import SCHEMA_PATH
from lxml import etree

from ..._errors import RenderError, StyleError, UnknownKeyError, UnknownStyleError

CSL_NS = "http://purl.org/net/xbiblio/csl"
NS = {"cs": CSL_NS}


def internal_keys(items: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Each item's id (as a str) -> its internal key, ``i`` and its index.

    Raises:
        RenderError: an item has no id, or two items have the same one.
    """
    ids: dict[str, str] = {}
    for index, item in enumerate(items):
        item_id = item.get("id")
        if not isinstance(item_id, (str, int)) or isinstance(item_id, bool):
            raise RenderError(f"CSL item {index + 1} has no id")
        if str(item_id) in ids:
            raise RenderError(f"two CSL items have the id {item_id!r}")
        ids[str(item_id)] = f"i{index}"
    return ids


def internal(ids: Mapping[str, str], key: str) -> str:
    """The internal key of a cited id.

    Raises:
        UnknownKeyError: no item has that id (naming up to ten that exist).
    """
    try:
        return ids[key]
    except KeyError:
        known = ", ".join(sorted(ids)[:10]) or "none"
        raise UnknownKeyError(f"no item has the key {key!r} (known keys: {known})") from None


@lru_cache(maxsize=1)
def _schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(SCHEMA_PATH))


def validate_style(path: Path) -> None:
    """Check a style file against the CSL 1.0.2 schema that citeproc-py bundles.

    citeproc-py only *warns* on an invalid style and then fails later in odd ways (fault 13:
    an ``UnboundLocalError`` while rendering), so we validate first and refuse.

    Raises:
        StyleError: for unreadable XML or a schema violation, with the first problem's line.
    """
    try:
        tree = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    except etree.XMLSyntaxError as error:
        raise StyleError(f"{path.name} is not well-formed XML: {error}") from None
    except OSError as error:
        raise UnknownStyleError(f"cannot read style {path}: {error}") from None
    schema = _schema()
    if not schema.validate(tree):
        first = schema.error_log[0] if len(schema.error_log) else None
        where = f" (line {first.line}: {first.message})" if first is not None else ""
        raise StyleError(f"{path.name} is not valid CSL 1.0.2{where}")
    root = tree.getroot()
    if root.find("cs:info", NS) is not None and root.find("cs:citation", NS) is None:
        raise StyleError(
            f"{path.name} is a dependent style (it only points at another); use its parent"
        )
