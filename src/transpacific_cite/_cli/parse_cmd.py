"""``transpacific-cite parse PATH [--json]``: read one article (text or HTML) into the model."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from .._model import Interview
from ._common import catalog_option, fact_options, read_input

if TYPE_CHECKING:
    from .._parse import Facts


def summary(interview: Interview) -> str:
    """A readable account of what the reader found, one fact per line."""
    lines = [
        f"{interview.series}, no. {interview.number}",
        f"Title:       {interview.title or '(none)'}",
        f"Publication: {interview.publication}",
        f"Published:   {interview.published.isoformat() if interview.published else '(unknown)'}",
        f"URL:         {interview.url or '(none)'}",
    ]
    for label, people in (
        ("Interviewer", interview.interviewers),
        ("Interviewee", interview.interviewees),
    ):
        if not people:
            lines.append(f"{label}: (none)")
        for person in people:
            name = " ".join(p for p in (person.honorific, person.full_name) if p)
            if person.description:
                name += f", {person.description}"
            if person.organization:
                name += f" [organization: {person.organization}]"
            lines.append(f"{label}: {name}")
    lines.append(f"Sections:    {len(interview.sections)}")
    for section in interview.sections:
        count = len(section.paragraphs)
        lines.append(
            f"  {section.number}. {section.question} ({count} paragraph{'' if count == 1 else 's'})"
        )
    return "\n".join(lines) + "\n"


@click.command(
    epilog="\b\nExamples:\n"
    "  transpacific-cite parse article.txt\n"
    "  transpacific-cite parse saved-page.html --json > 319.json"
)
@click.argument("path")
@click.option("--json", "as_json", is_flag=True, help="Print the model JSON instead of a summary.")
@catalog_option
@fact_options
def parse(path: str, *, as_json: bool, catalog: str | None, facts: Facts | None) -> None:
    """Read PATH (article text, a Diplomat HTML page or model JSON; - for stdin) and show it.

    Text or HTML is told by content. Warnings go to stderr as "warning: ..." lines.
    """
    interview = read_input(path, catalog=catalog, facts=facts).interview
    if as_json:
        click.echo(json.dumps(interview.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(summary(interview), nl=False)
