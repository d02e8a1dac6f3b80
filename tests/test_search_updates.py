"""Updates reach the search index in place: no stale copies, no fallback rebuild."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot.pipeline.ingest import index_sources
from bot.search import index_for, search
from bot.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "002_51129d58d30bfeb7.txt"


def test_replaced_and_moved_statements_leave_no_stale_documents(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    art = folder / "a.txt"
    shutil.copy(SEED, art)
    store = Store(tmp_path / "r.db")
    index_sources(store, [str(folder)])
    idx = index_for(store)
    idx.open()
    caplog.set_level(logging.INFO, logger="bot.search.index")

    # A changed file replaces its statements; a report with no year is adopted by a dated one
    # (its statements move meeting and get a date): every one of them is journalled again.
    art.write_text(SEED.read_text().replace("increasing difficulties", "grave troubles"))
    shutil.copy(ROOT / "tests" / "fixtures" / "undated" / "mofa_20250728.txt", folder)
    index_sources(store, [str(folder)])
    shutil.copy(ROOT / "seeds" / "004_ea5705f67dcdb256.txt", folder)
    index_sources(store, [str(folder)])

    assert idx.open().count() == store.counts()["statements"]
    assert not [r for r in caplog.records if "rebuilding" in r.getMessage()]
    assert search(store, '"grave troubles"').total == 1
    assert search(store, '"increasing difficulties"').total == 0
