"""Shared data for the search tests: a small store built from hand-written statements, and
an oracle that answers filters from the store's own export (the source of truth)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from bot.models import Article, IndexedArticle, MeetingInfo, Participant, Statement
from bot.store import Store

WANG = ("Wang Yi", "china")
PARK = ("Park Jin", "south_korea")
CHO_T = ("Cho Tae-yul", "south_korea")
CHO_H = ("Cho Hyun", "south_korea")
BOTH = ("both", "both")
NONE = (None, None)

# (source, outlet, event date, counterpart, [(text, (speaker, side), themes)])
ARTICLES: list[tuple[str, str, date, tuple[str, str], list[tuple[str, Any, list[str]]]]] = [
    ("a1.txt", "Xinhua", date(2023, 7, 14), PARK, [
        ("China and South Korea should maintain stable supply chains, Wang said.", WANG,
         ["supply_chains"]),
        ("Park said South Korea supports free trade and opposes protectionism.", PARK,
         ["free_trade"]),
        ("The two sides agreed to strengthen trilateral cooperation with Japan.", BOTH,
         ["trilateral"]),
    ]),
    ("a2.html", "CGTN", date(2024, 12, 24), CHO_T, [
        ("Wang said the Taiwan question is at the core of China's core interests.", WANG,
         ["taiwan"]),
        ("Cho said the supply chain of semiconductors must stay open.", CHO_T,
         ["supply_chains"]),
        ("Wang made the remarks in a phone call with Cho.", NONE, []),
    ]),
    ("a3.txt", "People's Daily", date(2025, 7, 28), CHO_H, [
        ("Cho Hyun said South Korea values the strategic cooperative partnership.", CHO_H,
         ["relations"]),
        ("Wang said both countries should keep supply chains stable and open.", WANG,
         ["supply_chains"]),
        ("The two sides discussed the situation on the Korean Peninsula.", BOTH,
         ["peninsula"]),
    ]),
    # Same first sentence as a1, two years later: the ranking tie is broken by recency.
    ("a4.txt", "Xinhua", date(2025, 8, 1), CHO_H, [
        ("China and South Korea should maintain stable supply chains, Wang said.", WANG,
         ["supply_chains"]),
        ("Cho stressed that the strategic cooperative partnership must not target any"
         " third party.", CHO_H, ["relations", "third_parties"]),
    ]),
]


def indexed_article(source: str, outlet: str, day: date, other: tuple[str, str],
                    rows: list[tuple[str, Any, list[str]]], extra: str = "") -> IndexedArticle:
    texts = [t for t, _, _ in rows]
    art = Article(source=source, title=f"Wang Yi meets {other[0]}{extra}",
                  paragraphs=[*texts, extra] if extra else texts, outlet=outlet,
                  published=day, dateline=None, url=None)
    meeting = MeetingInfo(day, "meeting", None, None,
                          [Participant("Wang Yi", "china", "wang_yi"),
                           Participant(other[0], other[1], None)])
    statements = [Statement(i, 0, text, who[0], who[1], list(themes))
                  for i, (text, who, themes) in enumerate(rows)]
    return IndexedArticle(art, meeting, statements, side="china")


def make_store(path: Path) -> Store:
    store = Store(path)
    for spec in ARTICLES:
        store.ingest(indexed_article(*spec))
    return store


def oracle(store: Store, speakers: set[str] | None = None, since: str | None = None,
           until: str | None = None, theme: str | None = None,
           words: tuple[str, ...] = ()) -> set[str]:
    """Statement texts matching the filters, computed from the export with plain Python."""
    out = set()
    for st in store.iter_statements():
        if speakers is not None and st["speaker"] not in speakers:
            continue
        if since and (st["event_date"] or "") < since:
            continue
        if until and not (st["event_date"] and st["event_date"] <= until):
            continue
        if theme and theme not in st["themes"]:
            continue
        if any(w not in st["text"].lower() for w in words):
            continue
        out.add(st["uid"] if "uid" in st else st["id"])
    return out
