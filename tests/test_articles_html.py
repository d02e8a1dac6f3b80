"""HTML pages: metadata sources, boilerplate removal, main-content choice, encodings."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from bot.articles.read import read_bytes, read_path
from bot.errors import ArticleError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"


def page(body: str, head: str = "", charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}">{head}</head>'
            f"<body>{body}</body></html>")


PROSE = [
    "The foreign ministers of China and South Korea met in Seoul on Monday, the first such "
    "meeting in two years, and agreed to resume regular dialogue.",
    "Both sides said stable supply chains, open trade and people-to-people exchanges were in "
    "their common interest, according to a statement released after the talks.",
    "They also discussed the situation on the Korean Peninsula, officials said, without giving "
    "further details of the discussions or of any future meetings.",
]


def test_realistic_news_page() -> None:
    [article] = read_path(FIXTURES / "news_page.html")
    assert article.title == "Wang Yi, Cho Hyun hold talks in Beijing"
    assert article.published == date(2025, 9, 17)  # JSON-LD inside @graph
    assert article.outlet == "Example World News"  # og:site_name before JSON-LD publisher
    assert article.url == "https://news.example.com/world/2025/09/17/wang-cho-talks"
    assert article.dateline == "BEIJING, Sept. 17"
    assert article.paragraphs == [
        "Chinese Foreign Minister Wang Yi held talks with South Korean Foreign Minister Cho Hyun "
        "in Beijing on Wednesday, the two sides agreeing to keep up high-level exchanges.",
        "Wang said China and South Korea are close neighbors that cannot be moved away, and "
        "that a sound and stable relationship serves the common interests of the two peoples.",
        "The two countries should keep industrial and supply chains stable, oppose the "
        "politicization of economic issues and expand trade, he said.",
        "Cho, for his part, said South Korea attaches great importance to its relations with "
        "China and is ready to deepen cooperation in trade, culture and people-to-people "
        "exchanges.",
        "The two sides also exchanged views on the situation on the Korean Peninsula.",
    ]


def test_metadata_fallbacks_meta_tags_h1_and_title() -> None:
    head = ('<title>Ministers meet | The Daily Example</title>'
            '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
            '<meta property="og:url" content="https://daily.example.org/ministers-meet">')
    body = "<div id='content'>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</div>"
    article = read_bytes(page(body, head).encode(), "m.html", "html")[0]
    assert article.title == "Ministers meet"
    assert article.published == date(2024, 3, 5)
    assert article.url == "https://daily.example.org/ministers-meet"
    assert article.outlet is None
    assert article.paragraphs == PROSE


@pytest.mark.parametrize("title,site,expected", [
    ("Trade war - what it means", None, "Trade war - what it means"),
    ("Trade war - what it means - Example Times", "Example Times", "Trade war - what it means"),
    ("Seoul talks | Example Times", None, "Seoul talks"),
])
def test_site_name_cut_from_title(title: str, site: str | None, expected: str) -> None:
    head = f"<title>{title}</title>"
    if site:
        head += f'<meta property="og:site_name" content="{site}">'
    body = "<article>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</article>"
    assert read_bytes(page(body, head).encode(), "t.html", "html")[0].title == expected


def test_time_element_and_jsonld_publisher() -> None:
    head = ('<script type="application/ld+json">{"@type": "ReportageNewsArticle", '
            '"headline": "Ministers meet", "publisher": {"name": "Korea Example Herald"}}'
            "</script>")
    body = ("<article><h1>Ministers meet in Seoul</h1><time datetime='2023-11-26'>Nov 26</time>"
            + "".join(f"<p>{p}</p>" for p in PROSE) + "</article>")
    article = read_bytes(page(body, head).encode(), "t.html", "html")[0]
    assert article.title == "Ministers meet"
    assert article.outlet == "Korea Example Herald"
    assert article.published == date(2023, 11, 26)


def test_jsonld_article_body_used_when_page_body_is_rendered_by_script() -> None:
    text = "\n".join(PROSE)
    head = ('<script type="application/ld+json">'
            + json.dumps({"@type": "NewsArticle", "headline": "H", "articleBody": text})
            + "</script>")
    body = "<div id='app'></div><nav><a href='/'>Home</a></nav>"
    article = read_bytes(page(body, head).encode(), "js.html", "html")[0]
    assert article.paragraphs == PROSE


def test_article_split_by_ad_slots_is_kept_whole() -> None:
    chunks = "".join(f'<div class="story-chunk"><p>{p}</p></div><div class="ad-wrapper">'
                     f'<div class="ad">Advertisement</div></div>' for p in PROSE)
    related = ('<div class="more-links"><h3>More</h3><div><a href="/x">Another story about '
               "markets that has a long teaser headline text</a></div></div>")
    article = read_bytes(page(f"<main>{chunks}{related}</main>").encode(), "s.html", "html")[0]
    assert article.paragraphs == PROSE


def test_linked_sentence_kept_and_hover_card_dropped() -> None:
    linked = ("The Swedish investigation had been shelved in 2017 but was <a href='/x'>re-opened "
              "earlier this year following his eviction from the embassy</a>.")
    card = ("<span class='rollover-people'><a href='/p/wang'>Wang Yi</a><span "
            "class='rollover-people-block'><a href='/a'>Wang Yi meets counterpart in Seoul</a> "
            "<a href='/b'>Another story about Wang</a></span></span>")
    body = (f"<article><p>{PROSE[0]}</p><p>{linked}</p><p>Foreign Minister {card} said the "
            "talks were candid, constructive and useful for both sides.</p></article>")
    paragraphs = read_bytes(page(body).encode(), "l.html", "html")[0].paragraphs
    assert paragraphs == [
        PROSE[0],
        "The Swedish investigation had been shelved in 2017 but was re-opened earlier this "
        "year following his eviction from the embassy.",
        "Foreign Minister Wang Yi said the talks were candid, constructive and useful for both "
        "sides.",
    ]


def test_bare_text_in_body() -> None:
    html = "<html><head><title>Bare</title></head><body>" + "<br>".join(PROSE) + "</body></html>"
    assert read_bytes(html.encode(), "bare.html", "html")[0].paragraphs == PROSE


def test_br_separated_text_and_link_lists() -> None:
    body = ("<div class='entry-content'>" + "<br><br>".join(PROSE) + "</div>"
            "<div class='links'><p><a href='/1'>Read another long story about the economy "
            "and the markets today</a></p></div>")
    article = read_bytes(page(body).encode(), "br.html", "html")[0]
    assert article.paragraphs == PROSE


@pytest.mark.parametrize("body", [
    "",
    "<nav><ul><li><a href='/a'>World</a></li><li><a href='/b'>Business</a></li></ul></nav>"
    "<form><input name='q'><button>Search</button></form>",
    "<div class='login'><p><a href='/login'>Log in to continue reading this page and more "
    "stories from our newsroom every day</a></p></div>",
])
def test_page_without_article_is_rejected(body: str) -> None:
    with pytest.raises(ArticleError, match=r"^no article body found$"):
        read_bytes(page(body).encode(), "empty.html", "html")


def test_declared_windows_1252_page() -> None:
    html = page("<article>" + "".join(f"<p>{p}</p>" for p in PROSE)
                + "<p>Caf\u00e9 owners in Seoul\u2019s Jongno district welcomed the news, "
                "saying tourism had suffered.</p></article>", charset="windows-1252")
    article = read_bytes(html.encode("cp1252"), "w.html", "html")[0]
    assert article.paragraphs[-1].startswith("Caf\u00e9 owners in Seoul\u2019s Jongno")


def test_stale_latin1_label_on_utf8_bytes() -> None:
    html = page("<article>" + "".join(f"<p>{p}</p>" for p in PROSE)
                + "<p>Caf\u00e9 owners in Seoul\u2019s Jongno district welcomed the news, "
                "saying tourism had suffered.</p></article>", charset="iso-8859-1")
    article = read_bytes(html.encode("utf-8"), "u.html", "html")[0]
    assert article.paragraphs[-1].startswith("Caf\u00e9 owners in Seoul\u2019s Jongno")


def test_undeclared_latin1_page_is_detected() -> None:
    text = ("<html><body><article>" + "".join(f"<p>{p}</p>" for p in PROSE)
            + "<p>Le ministre fran\u00e7ais a salu\u00e9 la r\u00e9union de S\u00e9oul, "
            "d\u00e9clarant que la coop\u00e9ration \u00e9conomique \u00e9tait "
            "n\u00e9cessaire.</p></article></body></html>")
    article = read_bytes(text.encode("latin-1"), "l.html", "html")[0]
    assert "fran\u00e7ais a salu\u00e9 la r\u00e9union" in article.paragraphs[-1]


def _f1(predicted: str, truth: str) -> float:
    pred = Counter(re.findall(r"\w+", predicted.lower()))
    gold = Counter(re.findall(r"\w+", truth.lower()))
    common = sum((pred & gold).values())
    if not common:
        return 0.0
    p, r = common / sum(pred.values()), common / sum(gold.values())
    return 2 * p * r / (p + r)


BENCHMARK_PAGES = {
    # NYT: body split over repeated wrappers; CNN: paragraphs as sibling divs;
    # Al Jazeera: ASP.NET page wrapped in one <form>
    "702d1da63b8e064cb70617620e45c2d116b4912c9bc9d518dcf5ce54bb8057ed": "nytimes.com",
    "ef4e67b66d63b5facef55c06a94d85f2ae01a0a1a4a3a1bcfe2499c8c8a7dacf": "cnn.com",
    "42aad16bde9288623543642a9ce1a396be83e2db44aa2ff8cbbfe46e14abd7cc": "aljazeera.com",
}


@pytest.mark.parametrize("sha", sorted(BENCHMARK_PAGES))
def test_benchmark_pages_body_f1(sha: str) -> None:
    truth = json.loads((FIXTURES / "benchmark-ground-truth.json").read_text())[sha]
    data = gzip.decompress((FIXTURES / f"{sha}.html.gz").read_bytes())
    [article] = read_bytes(data, f"{sha}.html", "html")
    text = " ".join(([article.dateline] if article.dateline else []) + article.paragraphs)
    assert _f1(text, truth["articleBody"]) >= 0.95
    assert article.title and len(article.title) > 20
    assert article.published is not None
    assert article.url is None or BENCHMARK_PAGES[sha] in article.url
