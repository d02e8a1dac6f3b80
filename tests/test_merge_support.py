"""Builders shared by the merge, store and readout tests (no tests here).

They build `IndexedArticle`s by hand, so the merging tests do not depend on how the meeting
extractor and attribution read a text: the store and merge rules are tested on their own.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from bot.models import Article, IndexedArticle, MeetingInfo, Participant, Statement
from bot.registry.outlets import side_of_outlet

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "merge"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"

WANG = Participant("Wang Yi", "china", "wang_yi")
CHO = Participant("Cho Hyun", "south_korea", "cho_hyun")
PARK = Participant("Park Jin", "south_korea", "park_jin")
IWAYA = Participant("Takeshi Iwaya", "japan", "takeshi_iwaya")


def item(
    source: str,
    sentences: list[tuple[str, str | None, list[str]]],
    *,
    day: date = date(2025, 7, 28),
    fmt: str = "phone_call",
    people: list[Participant] | None = None,
    outlet: str | None = "Xinhua",
    url: str | None = None,
    location: str | None = None,
    title: str | None = None,
) -> IndexedArticle:
    """One report: each sentence its own paragraph, (text, speaker, themes)."""
    people = [WANG, CHO] if people is None else people
    sides = {p.name: p.side for p in people}
    art = Article(source, title or f"Report {source}", [s[0] for s in sentences], outlet,
                  day, None, url)
    stmts = [
        Statement(i, 0, text, speaker, sides.get(speaker or "", "both" if speaker else None),
                  list(themes), rule="test")
        for i, (text, speaker, themes) in enumerate(sentences)
    ]
    info = MeetingInfo(day, fmt, location, None, list(people), "test")
    return IndexedArticle(art, info, stmts, side_of_outlet(outlet, url))


# The 2025-07-28 call as three outlets report it (shortened from the fixtures).
XINHUA = [
    ("China and South Korea should deepen mutually beneficial cooperation and achieve common "
     "development, Chinese Foreign Minister Wang Yi said Monday in a phone call with his South "
     "Korean counterpart, Cho Hyun.", "Wang Yi", ["relations"]),
    ("China and South Korea share close economic ties and deeply integrated industrial and "
     "supply chains.", "Wang Yi", ["supply_chains"]),
    ("As beneficiaries of multilateralism and free trade, China and South Korea should jointly "
     "oppose \"decoupling\" and disruptions to supply chains, Wang stressed.", "Wang Yi",
     ["supply_chains", "free_trade"]),
    ("Wang expressed hope that South Korea will likewise ensure that its China policy is "
     "stable, sustainable and predictable without vacillation.", "Wang Yi", ["policy_stability"]),
    ("South Korea looks forward to strengthening communication and coordination with China, "
     "facing up to history, and jointly maintaining regional peace and stability, Cho said.",
     "Cho Hyun", ["history", "regional_security"]),
]
CHINA_DAILY = [
    ("China and South Korea should deepen mutually beneficial cooperation and achieve common "
     "development, Wang Yi said on Monday in a phone call with his South Korean counterpart "
     "Cho Hyun.", "Wang Yi", ["relations"]),
    ("China and South Korea share close economic ties and deeply integrated industrial and "
     "supply chains.", None, ["supply_chains"]),
    ("As beneficiaries of multilateralism and free trade, China and South Korea should jointly "
     "oppose \"decoupling\" and disruptions to supply chains, Wang said.", "Wang Yi",
     ["supply_chains", "free_trade"]),
    ("South Korea looks forward to strengthening communication and coordination with China, "
     "facing up to history, and jointly maintaining regional peace and stability, he said.",
     "Cho Hyun", ["history", "regional_security"]),
]
MOFA = [
    ("Minister Cho stated that the new government attaches great importance to relations with "
     "China, the ministry said.", "Cho Hyun", ["relations"]),
    ("Minister Cho stressed that the denuclearization of North Korea is a common goal and asked "
     "China to play a constructive role on the Korean Peninsula, the ministry said.", "Cho Hyun",
     ["peninsula"]),
    ("Foreign Minister Wang Yi said that China values its relations with the Republic of Korea.",
     "Wang Yi", ["relations"]),
]
MOFA_PEOPLE = [Participant("Minister Cho", "south_korea"),
               Participant("Chinese Foreign Minister Wang Yi", "china")]


def reports_jsonl(folder: Path) -> Path:
    """The text fixtures as a JSON Lines archive with their outlet, URL and date
    (tests/fixtures/merge/meta.json), ready for `index_sources`."""
    meta = json.loads((FIXTURES / "meta.json").read_text())
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "reports.jsonl"
    with out.open("w") as f:
        for name, fields in meta.items():
            title, _, body = (FIXTURES / name).read_text().partition("\n")
            f.write(json.dumps({"title": title, "text": body.strip(), **fields}) + "\n")
    return out
