"""RSS/Atom feeds (feedparser): the article links a feed lists, for the corpus watcher.

A URL is fetched through `fetch_bytes`, with the same address checks, size cap and deadline as
articles; feedparser is only ever given bytes, so it never opens a URL itself.
"""

from __future__ import annotations

import feedparser

from bot.articles.fetch import fetch_bytes
from bot.errors import ArticleError


def read_feed(url_or_bytes: str | bytes, *, allow_private: bool = False,
              max_bytes: int = 5_000_000, timeout: float = 10.0) -> list[str]:
    """The entry links of a feed, in feed order, without duplicates."""
    if isinstance(url_or_bytes, str):
        data = fetch_bytes(url_or_bytes, allow_private=allow_private, max_bytes=max_bytes,
                           timeout=timeout).data
    else:
        data = url_or_bytes
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception", "")).splitlines()[0:1]
            raise ArticleError(f"not a feed: {reason[0] if reason else 'unreadable'}")
        if not parsed.get("version"):
            raise ArticleError("not a feed: no RSS or Atom entries")
    links: list[str] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            hrefs = [x.get("href") for x in entry.get("links", []) if x.get("href")]
            link = hrefs[0] if hrefs else None
        if isinstance(link, str) and link.startswith(("http://", "https://")) \
                and link not in links:
            links.append(link)
    return links
