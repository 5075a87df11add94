"""How many article pages per second the readers parse (text copies and full HTML pages).

Builds one 5-question series entry of realistic size, with invented answer text: a text
copy (~12 KB, with the chrome web copies keep), the same copy flattened to one paragraph (a
tag page: questions found by their shape in the run of text), and a full Diplomat WordPress
page (~180 KB: head metadata, inline scripts and styles, navigation, sidebars, ads, footer),
then times ``parse_bytes`` on each on one core. Targets: text >= 2,000/s (flattened too),
HTML >= 500/s.

Run: ``python benchmarks/parse.py [--seconds N]``.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable

from transpacific_cite._parse import parse_bytes

QUESTIONS = (
    "Identify the three main consequences of the fixture crisis for regional diplomacy.",
    "Examine how Tokyo weighs its options in the context of the invented summit.",
    "What calculations shape the fixture government’s response to great-power competition?",
    "Analyze the internal debate among the fixture’s political leaders and its implications.",
    "Assess the effectiveness of the invented sanctions and coordination with G-7 partners.",
)
SENTENCE = (
    "This invented sentence stands in for an answer of the fixture interview and talks "
    "about alliances, deterrence, trade and the regional order in measured terms. "
)
INTRO = (
    "The Diplomat author Mercy Kuo regularly engages subject-matter experts, policy "
    "practitioners, and strategic thinkers across the globe for their diverse insights into "
    "U.S. Asia policy. This conversation with Dr. Jane Fixture, senior fellow at the Center "
    "for Invented Studies (CIS), is the 412th in “The Trans-Pacific View Insight Series.”"
)
PAYWALL = "Like this article? Click here to subscribe for full access. Just $5 a month."


def answers(question: int) -> list[str]:
    """Three or four paragraphs of ~6 sentences each."""
    return [f"Answer {question}.{p}: " + SENTENCE * 5 for p in range(1, 4 + question % 2)]


def text_copy() -> bytes:
    lines = [
        "The invented entry on regional diplomacy – The Diplomat",
        "Interviews | Diplomacy | East Asia",
        "Insights from Jane Fixture.",
        "By Mercy A. Kuo",
        "May 16, 2022",
        "Credit: Depositphotos",
        INTRO,
    ]
    for number, question in enumerate(QUESTIONS, 1):
        lines.append(question)
        for index, paragraph in enumerate(answers(number)):
            lines.append(paragraph)
            if index == 1:
                lines.append(PAYWALL)
    lines += ["Recent Features"] + [f"Another invented feature headline {i}" for i in range(8)]
    return ("\n\n".join(lines) + "\n").encode("utf-8")


def flattened_copy() -> bytes:
    """The text copy with its line breaks lost: one paragraph, as tag pages show it."""
    return b" ".join(line for line in text_copy().splitlines() if line.strip()) + b"\n"


def _script(size: int) -> str:
    chunk = 'var tdBlocksArray=[];window.tdwGlobal={"adminUrl":"https://example.invalid/wp-admin/","wpRestNonce":"0123456789"};'
    return "<script>" + chunk * (size // len(chunk)) + "</script>\n"


def _style(size: int) -> str:
    chunk = ".td-module-thumb{position:relative;margin-bottom:13px}.td-post-date{color:#aaa;font-size:11px}"
    return "<style>" + chunk * (size // len(chunk)) + "</style>\n"


def _menu(items: int) -> str:
    links = "".join(
        f'<li class="menu-item menu-item-type-taxonomy"><a href="https://example.invalid/regions/{i}/">Region {i}</a></li>'
        for i in range(items)
    )
    return f'<nav class="td-header-menu"><ul class="sf-menu">{links}</ul></nav>\n'


def _sidebar(posts: int) -> str:
    cards = "".join(
        f'<div class="td_module_wrap td-animation-stack"><div class="td-module-thumb"><a href="https://example.invalid/p/{i}/">'
        f'<img width="100" height="70" src="https://example.invalid/i/{i}.jpg" alt=""></a></div>'
        f'<h3 class="entry-title td-module-title"><a href="https://example.invalid/p/{i}/">Invented sidebar headline number {i}</a></h3>'
        f'<div class="td-module-meta-info"><span class="td-post-date">January {i % 28 + 1}, 2022</span></div></div>'
        for i in range(posts)
    )
    return f'<aside class="td-pb-span4 td-main-sidebar"><div class="td-ss-main-sidebar">{cards}</div></aside>\n'


def _ad(slot: int) -> str:
    return (
        f'<div class="td-a-rec td-a-rec-id-content_inline td-ad-inline"><div id="div-gpt-ad-{slot}">'
        f"<script>googletag.cmd.push(function(){{googletag.display('div-gpt-ad-{slot}');}});</script>"
        "</div><span>Advertisement</span></div>\n"
    )


def html_page() -> bytes:
    head = (
        '<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8">\n'
        "<title>The Invented Entry on Regional Diplomacy – The Diplomat</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        '<link rel="canonical" href="https://thediplomat.com/2022/05/the-invented-entry/">\n'
        '<meta property="og:title" content="The Invented Entry on Regional Diplomacy">\n'
        '<meta property="og:url" content="https://thediplomat.com/2022/05/the-invented-entry/">\n'
        '<meta property="article:published_time" content="2022-05-16T09:00:00+09:00">\n'
        '<meta name="author" content="Mercy A. Kuo">\n'
        + "".join(
            f'<link rel="stylesheet" href="https://example.invalid/css/{i}.css">\n'
            for i in range(12)
        )
        + _style(30_000)
        + _script(62_000)
        + '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle"}</script>\n'
        "</head>\n"
    )
    body = ['<body class="post-template-default single single-post">', _menu(120)]
    body.append('<div class="td-main-content-wrap"><div class="td-container"><article>')
    body.append(
        '<h1 id="td-headline" class="entry-title">The Invented Entry on Regional Diplomacy</h1>'
    )
    body.append('<div id="td-lead"><p>Insights from Jane Fixture.</p></div>')
    body.append(
        '<div class="td-byline">By <a rel="author" href="https://thediplomat.com/authors/mercy-a-kuo/">Mercy A. Kuo</a></div>'
    )
    body.append('<meta itemprop="datePublished" content="2022-05-16T09:00:00+09:00">')
    body.append(
        '<span class="td-post-date"><time datetime="2022-05-16T09:00:00+09:00">May 16, 2022</time></span>'
    )
    body.append(
        '<figure><img src="https://example.invalid/hero.jpg" alt=""><figcaption>Credit: Depositphotos</figcaption></figure>'
    )
    body.append('<div class="td-post-content" id="td-story-body">')
    body.append(f"<p>{INTRO}</p>")
    for number, question in enumerate(QUESTIONS, 1):
        body.append(f"<p><strong>{question}</strong></p>")
        for index, paragraph in enumerate(answers(number)):
            body.append(f"<p>{paragraph}</p>")
            if index == 1:
                body.append(_ad(number))
    body.append('<div class="dip-paywall"><p>' + PAYWALL + "</p></div>")
    body.append("</div></article>")
    body.append(_sidebar(60))
    body.append("</div></div>")
    body.append('<footer class="td-footer-wrap">' + _menu(40) + "</footer>")
    body.append(_script(25_000))
    body.append("</body>\n</html>\n")
    return (head + "\n".join(body)).encode("utf-8")


def rate(func: Callable[[], object], seconds: float) -> float:
    """Calls per second of ``func`` over about ``seconds`` (after a warm-up call)."""
    func()
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        func()
        count += 1
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    seconds = parser.parse_args().seconds
    if hasattr(os, "sched_setaffinity"):  # one core, as the targets are stated
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    cases = (
        ("text", text_copy(), 2000),
        ("flattened text", flattened_copy(), 2000),
        ("html", html_page(), 500),
    )
    for name, data, target in cases:
        result = parse_bytes(data)
        assert len(result.interview.sections) == 5, result
        per_second = rate(lambda data=data: parse_bytes(data), seconds)
        verdict = "ok" if per_second >= target else "BELOW TARGET"
        print(
            f"{name}: {per_second:,.0f} pages/s ({len(data) / 1024:.0f} KB/page, "
            f"target >= {target:,}/s: {verdict})"
        )


if __name__ == "__main__":
    main()
