"""The corpus watcher: index what is new in watched folders and RSS/Atom feeds.

Folders (READOUT_WATCH, os.pathsep-separated) are scanned for article files whose size or mtime
changed since the last scan; feeds (READOUT_FEEDS, whitespace- or comma-separated URLs) are
parsed with feedparser and each entry link not yet seen is fetched and indexed. What was seen is
kept in `digest_watch_seen`, so a restart does not refetch a feed's back catalogue.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.articles import read
from bot.errors import ReadoutError
from bot.pipeline.ingest import IndexReport, index_sources
from bot.store import Store
from digests import state

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS digest_watch_seen (
    key        TEXT PRIMARY KEY,   -- file path or entry URL
    signature  TEXT NOT NULL,      -- size:mtime for files, 'ok' or the last error for links
    seen_at    TEXT NOT NULL
);
"""


@dataclass
class WatchReport:
    files: int = 0
    links: int = 0
    indexed: IndexReport = field(default_factory=IndexReport)
    errors: list[tuple[str, str]] = field(default_factory=list)


def watched_folders() -> list[Path]:
    return [Path(p) for p in os.environ.get("READOUT_WATCH", "").split(os.pathsep) if p.strip()]


def watched_feeds() -> list[str]:
    return [u for u in re.split(r"[\s,]+", os.environ.get("READOUT_FEEDS", "")) if u]


def _feed_links(url: str, allow_private: bool = False) -> list[str]:
    """Entry links of a feed, through the readers' fetcher when present, else httpx."""
    try:
        from bot.articles.feeds import read_feed
    except ImportError:
        import feedparser
        import httpx

        resp = httpx.get(url, timeout=10.0, follow_redirects=True)
        resp.raise_for_status()
        return [e.get("link") for e in feedparser.parse(resp.content).entries if e.get("link")]
    return read_feed(url, allow_private=allow_private)


def _seen(store: Store, key: str) -> str | None:
    row = store.conn.execute("SELECT signature FROM digest_watch_seen WHERE key=?",
                             (key,)).fetchone()
    return row[0] if row else None


def _mark(store: Store, key: str, signature: str) -> None:
    with store.transaction() as c:
        c.execute("INSERT OR REPLACE INTO digest_watch_seen(key, signature, seen_at)"
                  " VALUES (?,?,?)", (key, signature, state.now_iso()))


def watch_once(
    store: Store,
    folders: list[Path] | None = None,
    feeds: list[str] | None = None,
    feed_links: Callable[..., list[str]] = _feed_links,
    allow_private: bool = False,
) -> WatchReport:
    """One scan; `allow_private` lets tests and intranet feeds use private addresses."""
    state.ensure_schema(store)
    store.conn.executescript(_SCHEMA)
    report = WatchReport()
    changed: list[tuple[str, str]] = []
    for folder in folders if folders is not None else watched_folders():
        if not folder.is_dir():
            report.errors.append((str(folder), "not a folder"))
            continue
        for f in sorted(folder.rglob("*")):
            if not f.is_file() or f.suffix.lower() not in read.SUFFIXES:
                continue
            st = f.stat()
            sig = f"{st.st_size}:{st.st_mtime_ns}"
            if _seen(store, str(f)) != sig:
                changed.append((str(f), sig))
    for url in feeds if feeds is not None else watched_feeds():
        try:
            links = feed_links(url, allow_private=allow_private)
        except (ReadoutError, OSError, ValueError) as exc:
            report.errors.append((url, str(exc)))
            continue
        for link in links:
            known = store.conn.execute("SELECT 1 FROM articles WHERE source=? OR url=?",
                                       (link, link)).fetchone()
            if _seen(store, link) != "ok" and not known:
                changed.append((link, "ok"))
    for key, sig in changed:
        one = index_sources(store, [key], allow_private=allow_private)
        _merge(report.indexed, one)
        if key.startswith(("http://", "https://")):
            report.links += 1
        else:
            report.files += 1
        # A rejected file is still marked (its reason is in the report); editing it re-queues it.
        _mark(store, key, sig if not one.rejected or not key.startswith("http") else
              f"error: {one.rejected[0][1]}")
    return report


def _merge(total: IndexReport, one: IndexReport) -> None:
    for name in ("added", "replaced", "unchanged", "duplicates", "new_statements",
                 "merged_statements"):
        setattr(total, name, getattr(total, name) + getattr(one, name))
    total.rejected += one.rejected
    total.meetings |= one.meetings
