"""A version-1 database (before per-source attribution and join anchors) upgrades in place."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from test_merge_support import CHINA_DAILY, FIXTURES, item

from bot.store import SCHEMA_VERSION, Store


def make_v1(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "schema_v1.sql").read_text())
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    parts = json.dumps([{"name": "Wang Yi", "side": "china", "person_id": "wang_yi"},
                        {"name": "Cho Hyun", "side": "south_korea", "person_id": "cho_hyun"}])
    conn.execute("INSERT INTO meetings VALUES ('2025-07-28-aaaaaa', '2025-07-28', 'phone_call',"
                 " NULL, NULL, ?, '[\"china\", \"south_korea\"]', 1)", (parts,))
    conn.execute(
        "INSERT INTO articles VALUES ('a1', 'xinhua.txt', NULL, 'Xinhua', 'china', 'T',"
        " '2025-07-29', NULL, '2025-07-28', 'phone_call', NULL, NULL, ?, ?,"
        " '2025-07-28-aaaaaa', 'first report', '', '2025-07-29T00:00:00')",
        (parts, json.dumps([CHINA_DAILY[2][0]])),
    )
    conn.execute(
        "INSERT INTO statements(uid, meeting_id, article_id, paragraph, sentence, text, speaker,"
        " side, themes, event_date, outlet, via, rule) VALUES ('u1', '2025-07-28-aaaaaa', 'a1',"
        " 0, 0, ?, 'Wang Yi', 'china', 'supply_chains free_trade', '2025-07-28', 'Xinhua', NULL,"
        " 'said')", (CHINA_DAILY[2][0],),
    )
    conn.execute("INSERT INTO statement_sources VALUES (1, 'a1', 0, 0, ?)", (CHINA_DAILY[2][0],))
    conn.execute("INSERT INTO meeting_overrides VALUES ('zz', 'split', NULL)")
    conn.commit()
    conn.close()


@pytest.mark.sqlite_only  # reads the SQLite file itself
def test_v1_database_upgrades_and_keeps_its_data(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    make_v1(db)
    store = Store(db)
    assert store.get_meta("schema_version") == str(SCHEMA_VERSION) == "3"
    # v3: reports that give no year keep their month and day
    assert "month_day" in {r[1] for r in store.conn.execute("PRAGMA table_info(articles)")}
    src = store.conn.execute("SELECT speaker, side, themes, rule FROM statement_sources"
                             ).fetchone()
    assert tuple(src) == ("Wang Yi", "china", "supply_chains free_trade", "said")
    assert store.overrides()[0]["action"] == "split"
    [st] = list(store.iter_statements())
    assert st["sources"] == ["xinhua.txt"] and st["themes"] == ["supply_chains", "free_trade"]
    # and it works as a current store: a reprint merges into the migrated statement
    store.ingest(item("cd.txt", CHINA_DAILY))
    merged = [s for s in store.iter_statements() if s["text"].startswith("As beneficiaries")]
    assert [s["sources"] for s in merged] == [["xinhua.txt", "cd.txt"]]
    store.close()
    assert Store(db).get_meta("schema_version") == "3"  # opening again is a no-op
