"""Thin classes that host programs load through their entry points; they only delegate.

- :mod:`~transpacific_cite.plugins.pybtex`: pybtex's ``tpc-unsrt`` and ``tpc-alpha`` formatting
  styles and its ``tpc-json`` database input (also used by sphinxcontrib-bibtex, which loads
  pybtex styles by name).

Hosts import these modules themselves; nothing here is imported by the rest of the package.
"""
