"""The public surface is curated: ``__all__`` is sorted and every name in it exists."""

from __future__ import annotations

import transpacific_cite


def test_all_is_sorted_and_complete() -> None:
    names = transpacific_cite.__all__

    # ruff's RUF022 order: CONSTANTS, then Classes, then everything else, each alphabetical
    def group(name: str) -> int:
        if name.isupper():
            return 0
        return 1 if name[:1].isupper() else 2

    assert names == sorted(names, key=lambda n: (group(n), n))
    for name in names:
        assert hasattr(transpacific_cite, name), name


def test_every_public_error_is_a_cite_error() -> None:
    for name in transpacific_cite.__all__:
        value = getattr(transpacific_cite, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, transpacific_cite.CiteError), name
