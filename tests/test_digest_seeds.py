"""Done means, on the seeds, through the real pipeline (bot.ingest.index_sources):
history of the four older articles, then the 2025-07-28 call shows what moved, in the summary."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bot.pipeline.ingest import index_sources
from bot.store import Store
from digests import state
from digests.build import build_digest
from digests.render import render_blocks, render_json, render_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
LATEST = "004_ea5705f67dcdb256.txt"
PHRASE = "stability and smooth flow of global industrial and supply chains"
# as a digest shows it: with the verb of the proposal ("maintain ...")
SHOWN = f"maintain the {PHRASE}"


def _store(tmp_path: Path) -> Store:
    older = tmp_path / "older"
    older.mkdir()
    for f in SEEDS.iterdir():
        if f.name != LATEST:
            shutil.copy(f, older / f.name)
    store = Store(tmp_path / "x.db")
    index_sources(store, [str(older)])
    return store


def test_first_digest_of_a_destination_is_the_latest_meeting(tmp_path: Path) -> None:
    store = _store(tmp_path)
    first = build_digest(store, "terminal")
    assert [m["event_date"] for m in first.meetings] == ["2024-12-24"]
    assert first.notes and "latest meeting only" in first.notes[0]
    # ... and still moves the watermark past everything indexed.
    assert first.to_sid == state.max_sid(store)
    assert len(build_digest(store, "other", since=None).meetings) == 1
    from datetime import date

    assert len(build_digest(store, "terminal", since=date(2020, 1, 1)).meetings) == 4


def test_seeds_digest_after_the_2025_call(tmp_path: Path) -> None:
    store = _store(tmp_path)
    state.move_watermark(store, "terminal", build_digest(store, "terminal").to_sid)
    index_sources(store, [str(SEEDS / LATEST)])

    digest = build_digest(store, "terminal")
    out = render_json(digest)
    assert [m["event_date"] for m in out["meetings"]] == ["2025-07-28"]
    new = {p for t in out["themes"] for p in t["new_phrases_by_side"].get("china", [])}
    assert "decoupling" in new
    supply = next(t for t in out["themes"] if t["theme"] == "supply_chains")
    repeated = {r["phrase"]: r for r in supply["repeated_phrases"]}
    assert repeated[SHOWN]["first_used"] == "2024-12-24"
    assert repeated[SHOWN]["count"] == 2
    assert any(e["event_date"] == "2024-12-24" and PHRASE in e["text"]
               and e["speaker"] == "Wang Yi" for e in supply["earlier"])
    # Never new and repeated at once, on any theme.
    every_new = {(side, p) for t in out["themes"] for side, ps in
                 t["new_phrases_by_side"].items() for p in ps}
    every_rep = {(r["side"], r["phrase"]) for t in out["themes"] for r in t["repeated_phrases"]}
    assert not every_new & every_rep
    silent = {(s["theme"], s["side"]): s["last_raised"] for s in out["silent_themes"]}
    assert silent[("taiwan", "china")] == "2023-07-14"
    tone = {t["side"]: t for t in out["tone"]}
    assert tone["china"]["previous"] is not None and tone["china"]["delta"] is not None
    assert tone["china"]["stance"]["demand"] < 0  # "hope that South Korea will likewise"

    # All three are in the summary, which comes first in every rendering.
    summary = out["summary"]
    assert 1 <= len(summary) <= 8 and sum(len(b["text"].split()) for b in summary) <= 150
    assert all({"text", "kind", "theme", "side", "statements"} <= set(b) for b in summary)
    kinds: dict[tuple[str, str], str] = {}
    for b in summary:
        kinds[(b["kind"], b["side"])] = kinds.get((b["kind"], b["side"]), "") + b["text"]
    assert "decoupling" in kinds[("new", "china")]
    assert "Taiwan" in kinds[("silence", "china")]
    assert "2023-07-14" in kinds[("silence", "china")]
    assert PHRASE in kinds[("repeated", "china")]
    assert "2024-12-24" in kinds[("repeated", "china")]
    # Every bullet points to statements: a silence to where the side last raised the theme.
    assert all(b["statements"] and b["sources"] for b in summary)
    taiwan = next(b for b in summary if b["kind"] == "silence" and b["theme"] == "taiwan")
    assert taiwan["sources"][0]["date"].startswith("2023-07")
    # Sources are outlets and dates, never file names.
    assert ".txt" not in json.dumps(summary)
    assert all(s["outlet"] and s["date"] for b in summary for s in b["sources"])

    text = render_text(digest)
    head = text.split("\n## ", 1)[0]
    assert head.index("What moved") < head.index("decoupling")
    assert "Taiwan" in head and PHRASE in head
    blocks = render_blocks(digest)
    top = json.dumps(blocks.blocks)
    assert "What moved" in top and "decoupling" in top and "Taiwan" in top
    assert len(blocks.blocks) <= 50


def test_each_statement_is_shown_once_with_its_themes(tmp_path: Path) -> None:
    store = _store(tmp_path)
    state.move_watermark(store, "terminal", build_digest(store, "terminal").to_sid)
    index_sources(store, [str(SEEDS / LATEST)])
    digest = build_digest(store, "terminal")
    text = render_text(digest)
    # The Wang statement with two themes (supply chains and free trade) appears once.
    assert text.count("jointly oppose") == 1
    line = text.split("jointly oppose", 1)[1].split("\n", 2)[1]
    assert "supply_chains" in line and "free_trade" in line
