"""Done means, on the seeds, through the real pipeline (bot.ingest.index_sources):
baseline on the four older articles, then the 2025-07-28 call shows what moved."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.pipeline.ingest import index_sources
from bot.store import Store
from digests import state
from digests.build import build_digest
from digests.render import render_json, render_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
LATEST = "004_ea5705f67dcdb256.txt"


def test_seeds_digest_after_the_2025_call(tmp_path: Path) -> None:
    older = tmp_path / "older"
    older.mkdir()
    for f in SEEDS.iterdir():
        if f.name != LATEST:
            shutil.copy(f, older / f.name)
    store = Store(tmp_path / "x.db")
    index_sources(store, [str(older)])
    baseline = build_digest(store, "terminal")
    assert len(baseline.meetings) == 4
    state.move_watermark(store, "terminal", baseline.to_sid)
    index_sources(store, [str(SEEDS / LATEST)])

    out = render_json(build_digest(store, "terminal"))
    assert [m["event_date"] for m in out["meetings"]] == ["2025-07-28"]
    supply = [t for t in out["themes"] if t["theme"] == "supply_chains"]
    assert supply, [t["theme"] for t in out["themes"]]
    sec = supply[0]
    assert "decoupling" in sec["new_phrases"]
    repeated = {r["phrase"]: r for r in sec["repeated_phrases"]}
    phrase = "stability and smooth flow of global industrial and supply chains"
    assert repeated[phrase]["first_used"] == "2024-12-24"
    assert repeated[phrase]["count"] == 2
    assert any(e["event_date"] == "2024-12-24" and phrase in e["text"] and e["speaker"] == "Wang Yi"
               for e in sec["earlier"])
    silent = {(s["theme"], s["side"]): s["last_raised"] for s in out["silent_themes"]}
    assert silent[("taiwan", "china")] == "2023-07-14"
    tone = {t["side"]: t for t in out["tone"]}
    assert tone["china"]["previous"] is not None and tone["china"]["delta"] is not None
    text = render_text(build_digest(store, "terminal"))
    # The headline block comes before the evidence and leads with what moved.
    head = text.split("\n## ", 1)[0]
    supply_line = next(ln for ln in head.splitlines() if ln.strip().startswith("supply_chains:"))
    assert supply_line.split(":", 1)[1].strip().startswith('"decoupling"')
    assert "taiwan (china since 2023-07-14" in head
    assert "tone of relations, china:" in head
