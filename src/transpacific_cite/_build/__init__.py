"""Papers and scripted builds: cite ``tpv:N`` in Markdown and LaTeX, build from a manifest.

- :mod:`.resolve`: ``tpv:319`` to its interview (named files and URLs, catalog, examples).
- :mod:`.pandoc`: the ``transpacific-cite-pandoc`` filter.
"""

from __future__ import annotations

from .resolve import Resolver, Sources, tpv_key, tpv_number

__all__ = ["Resolver", "Sources", "tpv_key", "tpv_number"]
