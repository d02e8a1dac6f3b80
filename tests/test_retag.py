"""Statements follow the taxonomy: a user's new theme reaches what is already indexed."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.analysis.themes import default_taxonomy
from bot.pipeline.analyse import Pipeline
from bot.pipeline.ingest import index_sources
from bot.search import search
from bot.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def fresh_taxonomy():
    default_taxonomy.cache_clear()
    yield
    default_taxonomy.cache_clear()


def test_changed_taxonomy_retags_stored_statements(tmp_path: Path, monkeypatch,
                                                   fresh_taxonomy) -> None:
    store = Store(tmp_path / "r.db")
    first = index_sources(store, [str(SEEDS)], Pipeline())
    assert first.retagged is None and first.added == 5

    user = tmp_path / "mine.toml"
    user.write_text(
        '[theme.apec_host]\nlabel = "APEC host"\ndescription = "Hosting APEC"\n'
        'phrases = ["APEC Economic Leaders\' Meeting"]\n'
    )
    # As a user does it: name the file in READOUT_THEMES; every part then sees the new theme.
    monkeypatch.setenv("READOUT_THEMES", str(user))
    default_taxonomy.cache_clear()
    pipeline = Pipeline()
    again = index_sources(store, [str(SEEDS)], pipeline)
    assert again.added == 0 and again.unchanged == 5
    tagged = [s for s in store.iter_statements() if "apec_host" in s["themes"]]
    assert again.retagged == len(tagged) >= 2
    assert all("APEC Economic Leaders" in s["text"] for s in tagged)
    assert search(store, "theme:apec_host", limit=10).total == len(tagged)

    # Unchanged taxonomy: nothing to do the next time.
    assert index_sources(store, [str(SEEDS)], pipeline).retagged is None
