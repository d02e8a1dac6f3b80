"""End to end through the real pipeline (read -> meeting -> attribute -> tag -> store):
seeds/004 (Xinhua, the 2025-07-28 Wang Yi - Cho Hyun call), a China Daily reprint of it and a
Korean foreign-ministry release of the same call, plus another call Wang made that day.

These depend on the meeting extractor, attribution and theme tagging as well as on merging;
tests/test_store_merge.py holds the same rules on hand-built reports.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from test_merge_support import SEEDS, reports_jsonl

from bot.lookups import readouts
from bot.pipeline.ingest import index_sources
from bot.store import Store

SEED = "004_ea5705f67dcdb256.txt"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    reports_jsonl(folder)
    shutil.copy(SEEDS / SEED, folder / SEED)
    return folder


def the_call(store: Store) -> dict[str, Any]:
    calls = [m for m in store.meetings() if SEED in m["sources"]]
    assert len(calls) == 1
    return calls[0]


def test_three_reports_of_the_call_are_one_meeting(tmp_path: Path, corpus: Path) -> None:
    store = Store(tmp_path / "x.db")
    report = index_sources(store, [str(corpus)])
    assert not report.rejected, report.rejected
    call = the_call(store)
    assert call["event_date"] == "2025-07-28" and call["format"] == "phone_call"
    assert set(call["participants"]) >= {"Wang Yi", "Cho Hyun"}
    assert len(call["sources"]) == 3, [s["why"] for s in store.meetings()[0]["source_details"]]
    assert sorted(s["side"] for s in call["source_details"]) == ["china", "china", "south_korea"]
    # the Iwaya call the same day is its own meeting
    iwaya = [m for m in store.meetings() if "Takeshi Iwaya" in m["participants"]]
    assert len(iwaya) == 1 and "Cho Hyun" not in iwaya[0]["participants"]


def test_reprinted_sentences_are_one_statement_with_two_sources(
    tmp_path: Path, corpus: Path
) -> None:
    store = Store(tmp_path / "x.db")
    index_sources(store, [str(corpus)])
    call = the_call(store)
    sts = [s for s in store.iter_statements() if s["meeting"] == call["id"]]
    shared = [s for s in sts if len(s["sources"]) == 2]
    # 13 of the China Daily sentences are reprints of Xinhua's, light edits included
    assert len(shared) >= 12
    decoupling = [s for s in sts if "decoupling" in s["text"]]
    assert len(decoupling) == 1 and len(decoupling[0]["sources"]) == 2
    # the trimmed paragraph stays Xinhua's alone
    [hope] = [s for s in sts if s["text"].startswith("Wang expressed hope")]
    assert hope["sources"] == [SEED]
    # the ministry's own wording is not a reprint
    assert all(len(s["sources"]) == 1 for s in sts if "Minister Cho" in s["text"])


def test_comparison_shows_what_only_one_side_reported(tmp_path: Path, corpus: Path) -> None:
    store = Store(tmp_path / "x.db")
    index_sources(store, [str(corpus)])
    r = readouts.compare(store, the_call(store)["id"])
    assert r["compared"]
    rows = {t["theme"]: t for t in r["themes"]}
    assert rows["supply_chains"]["only"] == "china"
    if "peninsula" in rows:  # tagged once the full taxonomy is in
        assert rows["peninsula"]["only"] == "south_korea"
    assert "taiwan" not in rows


def test_reindexing_the_same_files_adds_nothing(tmp_path: Path, corpus: Path) -> None:
    store = Store(tmp_path / "x.db")
    index_sources(store, [str(corpus)])
    before = (store.counts(), store.meetings(), list(store.iter_statements()))
    report = index_sources(store, [str(corpus)])
    assert report.added == 0 and report.unchanged == 4
    assert (store.counts(), store.meetings(), list(store.iter_statements())) == before
