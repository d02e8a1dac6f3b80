"""Hand-built meetings stored through Store.ingest, so digest logic is tested on its own.

Not a test module itself (no tests): the other test_digest*/test_schedule* modules import it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.models import Article, IndexedArticle, MeetingInfo, Participant, Statement
from bot.store import Store

WANG = ("Wang Yi", "china")
CHO = ("Cho Hyun", "south_korea")
PARK = ("Park Jin", "south_korea")
BLINKEN = ("Antony Blinken", "united_states")
KAMIKAWA = ("Yoko Kamikawa", "japan")


def meeting(
    store: Store,
    source: str,
    when: str,
    people: list[tuple[str, str]],
    lines: list[tuple[tuple[str, str] | str | None, str, list[str]]],
    fmt: str = "meeting",
    outlet: str = "Xinhua",
    url: str | None = None,
    readout: str = "china",
) -> str:
    """Store one article: `lines` are (speaker (name, side) | "both" | None, text, themes);
    `readout` is whose government's account the article is."""
    statements = []
    for i, (who, text, themes) in enumerate(lines):
        if who == "both":
            speaker, side = "both", "both"
        elif who is None:
            speaker, side = None, None
        else:
            speaker, side = who  # type: ignore[misc]
        statements.append(Statement(i, 0, text, speaker, side, list(themes), rule="fixture"))
    article = Article(source, f"{source} title", [t for _w, t, _th in lines], outlet,
                      date.fromisoformat(when), None, url)
    info = MeetingInfo(date.fromisoformat(when), fmt,
                       participants=[Participant(n, s) for n, s in people])
    outcome = store.ingest(IndexedArticle(article, info, statements, readout))
    assert outcome.meeting_id
    return outcome.meeting_id


def korea_history(store: Store) -> dict[str, str]:
    """Three China-South Korea meetings, then a fourth (the one a digest is about)."""
    ids = {}
    ids["m2023"] = meeting(store, "a2023.txt", "2023-07-14", [WANG, PARK], [
        (WANG, "Recently, relations have faced increasing difficulties and challenges,"
               " said Wang.", ["relations"]),
        (WANG, "Wang expressed the hope that South Korea will abide by the one-China"
               " principle.", ["taiwan"]),
        (PARK, "Park said South Korea and China are close neighbors and the smooth"
               " development of bilateral relations serves common interests.", ["relations"]),
        (PARK, "South Korea looks forward to strengthening cooperation in the industrial and"
               " supply chain, Park added.", ["supply_chains"]),
    ])
    ids["m2024"] = meeting(store, "a2024.txt", "2024-12-24", [WANG, ("Cho Tae-yul",
                                                                      "south_korea")], [
        (WANG, "Relations have recently shown a momentum of improvement, Wang said.",
         ["relations"]),
        (WANG, "China is ready to jointly maintain the stability and smooth flow of global"
               " industrial and supply chains, he said.", ["supply_chains"]),
        (WANG, "Despite the rise of protectionism, trade continues to expand, Wang said.",
         ["free_trade", "trade"]),
        ("both", "The two sides agreed that trilateral cooperation is conducive to regional"
                 " peace.", ["trilateral"]),
    ], fmt="phone_call")
    ids["m2025"] = meeting(store, "a2025.txt", "2025-07-28", [WANG, CHO], [
        (WANG, "China and South Korea should jointly oppose \"decoupling\" and work together"
               " to maintain the stability and smooth flow of global industrial and supply"
               " chains, Wang stressed.", ["supply_chains", "free_trade"]),
        (WANG, "The phone call brought fresh positive dynamics to bilateral ties, Wang said.",
         ["relations"]),
        (CHO, "Cho said South Korea attaches great significance to relations with China.",
         ["relations"]),
    ], fmt="phone_call")
    return ids


def fresh_store(tmp_path: Path, name: str = "x.db") -> Store:
    return Store(tmp_path / name)
