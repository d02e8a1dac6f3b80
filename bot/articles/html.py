"""HTML pages (beautifulsoup4 with the lxml parser) into an `Article`."""

from __future__ import annotations

from bs4 import BeautifulSoup

from bot.articles.cleanup import clean_line, finish_article
from bot.articles.html_body import extract_body
from bot.articles.html_meta import read_meta
from bot.errors import ArticleError
from bot.models import Article

# The publisher's own JSON-LD articleBody is trusted over the page layout when the layout
# gives clearly less text (paywalled or script-rendered pages keep the full text only there).
JSONLD_PREFERRED_BELOW = 0.6
# beautifulsoup4 keeps about 600 bytes per element: a 20 MB file of 2.5 million nested <b>s
# took 1.6 GB and a minute. News pages hold a few thousand elements, long ones 100,000.
MAX_TAGS = 400_000


def _split_plain_body(body: str) -> list[str]:
    lines = [clean_line(ln) for ln in body.replace("\r", "").split("\n")]
    return [ln for ln in lines if ln]


def parse_html(html: str, source: str, url: str | None = None) -> Article:
    tags = html.count("<")
    if tags > MAX_TAGS:
        raise ArticleError(f"HTML of {tags:,} tags, over the {MAX_TAGS:,} cap (a page of"
                           " markup, not an article); refused before parsing")
    soup = BeautifulSoup(html, "lxml")
    meta = read_meta(soup)
    paragraphs = extract_body(soup)
    if meta.article_body:
        from_ld = _split_plain_body(meta.article_body)
        dom_len = sum(len(p) for p in paragraphs)
        if dom_len < JSONLD_PREFERRED_BELOW * sum(len(p) for p in from_ld):
            paragraphs = from_ld
    if not paragraphs:
        raise ArticleError("no article body found")
    return finish_article(source=source, title=meta.title or "", paragraphs=paragraphs,
                          outlet=meta.outlet, published=meta.published, url=meta.url or url)
