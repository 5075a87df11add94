"""Where transpacific-cite keeps things: bundled styles, the cache and the catalog.

The one module that imports platformdirs. Environment variables override the defaults:
``TRANSPACIFIC_CITE_CACHE`` (a directory) and ``TRANSPACIFIC_CITE_CATALOG`` (a file).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

APP_NAME = "transpacific-cite"
CACHE_ENV = "TRANSPACIFIC_CITE_CACHE"
CATALOG_ENV = "TRANSPACIFIC_CITE_CATALOG"


def styles_dir() -> Path:
    """The folder of our own CSL styles.

    A wheel carries ``styles/`` inside the package (``transpacific_cite/styles``); an editable
    install does not, because ``importlib.resources`` only sees the package folder, so we fall
    back to the repository's top-level ``styles/`` beside ``src/``.
    """
    packaged = Path(str(resources.files("transpacific_cite"))) / "styles"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "styles"


def examples_dir() -> Path:
    """The folder of bundled example entries (model JSON), found the same way as styles."""
    packaged = Path(str(resources.files("transpacific_cite"))) / "examples"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "examples"


def cache_dir() -> Path:
    """The cache directory (created if missing): ``$TRANSPACIFIC_CITE_CACHE`` or the user cache."""
    override = os.environ.get(CACHE_ENV)
    path = Path(override) if override else _user_dir("cache")
    path.mkdir(parents=True, exist_ok=True)
    return path


def catalog_path() -> Path:
    """The catalog database file: ``$TRANSPACIFIC_CITE_CATALOG`` or one in the user data dir."""
    override = os.environ.get(CATALOG_ENV)
    if override:
        return Path(override)
    return _user_dir("data") / "catalog.sqlite3"


def _user_dir(kind: str) -> Path:
    """The user's cache or data folder for us (platformdirs loads only when one is needed:
    the environment variables above spare a command its import)."""
    import platformdirs

    if kind == "cache":
        return Path(platformdirs.user_cache_dir(APP_NAME))
    return Path(platformdirs.user_data_dir(APP_NAME))
