"""The same store on SQLite and PostgreSQL (each test runs on both, as APScheduler tests each of
its job stores): the SQLite-dialect SQL the code writes means the same on both, indexing gives
the same result, writers from several processes take turns, readers never wait for a writer,
and each machine's search index follows the journal on its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.pipeline.ingest import index_sources
from bot.search import search, sync_index
from bot.search.index import SearchIndex, forget_indexes
from bot.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

DDL = """
CREATE TABLE IF NOT EXISTS t_events (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    name    TEXT NOT NULL,
    day     TEXT,
    score   REAL,
    blob    BLOB,
    n       INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS t_kv (
    k     TEXT PRIMARY KEY,
    v     TEXT NOT NULL,
    note  TEXT DEFAULT 'fresh'
);
CREATE TABLE IF NOT EXISTS t_pairs (
    a TEXT NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b)
) WITHOUT ROWID;
"""


@pytest.fixture
def store(any_store_location: str) -> Store:
    s = Store(any_store_location)
    s.conn.executescript(DDL)
    return s


def rows(store: Store, sql: str, params: tuple = ()) -> list[tuple]:
    return [tuple(r) for r in store.conn.execute(sql, params).fetchall()]


def test_sqlite_dialect_means_the_same_on_both(store: Store) -> None:
    c = store.conn
    with store.transaction() as t:
        ids = [t.execute("INSERT INTO t_events(name, day, score, blob) VALUES (?,?,?,?)",
                         (name, day, score, blob)).lastrowid
               for name, day, score, blob in [("b", "2024-03-01", 1.5, b"\x00\xff"),
                                              ("a", None, None, None),
                                              ("B", "2024-02-29", 2.25, b"")]]
    assert ids == sorted(ids) and len(set(ids)) == 3  # lastrowid: the new row's id
    # NULLs sort first ascending and last descending, text in byte order ('B' < 'a' < 'b').
    assert rows(store, "SELECT name FROM t_events ORDER BY day") == [("a",), ("B",), ("b",)]
    assert rows(store, "SELECT name FROM t_events ORDER BY day DESC") == \
        [("b",), ("B",), ("a",)]
    assert rows(store, "SELECT name FROM t_events ORDER BY name") == [("B",), ("a",), ("b",)]
    # IS / IS NOT compare NULLs as values; LIKE ignores ASCII case; ?1 is one parameter.
    assert rows(store, "SELECT name FROM t_events WHERE day IS ? ORDER BY id", (None,)) == \
        [("a",)]
    assert rows(store, "SELECT count(*) FROM t_events WHERE day IS NOT ?", (None,)) == [(2,)]
    assert rows(store, "SELECT count(*) FROM t_events WHERE name LIKE ?", ("b",)) == [(2,)]
    assert rows(store, "SELECT ?1 || ?1, ?2", ("x", 3)) == [("xx", 3)]
    # date() arithmetic, two-argument max(), sum() as an int, IN () and round().
    assert rows(store, "SELECT date(?, '-1 day'), date(?, '+1 day')",
                ("2024-03-01", "2024-02-28")) == [("2024-02-29", "2024-02-29")]
    assert rows(store, "SELECT max(n, 7), min(2, n) FROM t_events WHERE name='a'") == [(7, 0)]
    total = rows(store, "SELECT sum(n + 1), round(sum(score), 1) FROM t_events")[0]
    assert total == (3, 3.8) and isinstance(total[0], int)
    assert rows(store, "SELECT count(*) FROM t_events WHERE id IN ()") == [(0,)]
    assert rows(store, "SELECT blob FROM t_events WHERE name='b'") == [(b"\x00\xff",)]
    assert rows(store, "SELECT count(*) FROM (SELECT name FROM t_events)") == [(3,)]
    # Rows read by name or position, and as dicts.
    r = c.execute("SELECT name AS label, score FROM t_events WHERE name='B'").fetchone()
    assert (r["label"], r[1], dict(r)) == ("B", 2.25, {"label": "B", "score": 2.25})


def test_insert_or_replace_and_ignore_mean_the_same_on_both(store: Store) -> None:
    c = store.conn
    c.execute("INSERT OR REPLACE INTO t_kv(k, v, note) VALUES ('x', '1', 'kept?')")
    c.execute("INSERT OR REPLACE INTO t_kv(k, v) VALUES ('y', '2')")
    # REPLACE deletes the old row: columns not given take their default again, and the row
    # moves to the end of insertion order (rowid).
    c.execute("INSERT OR REPLACE INTO t_kv(k, v) VALUES ('x', '3')")
    assert rows(store, "SELECT k, v, note FROM t_kv ORDER BY rowid") == \
        [("y", "2", "fresh"), ("x", "3", "fresh")]
    cur = c.execute("INSERT OR IGNORE INTO t_kv(k, v) VALUES ('y', 'no')")
    assert cur.rowcount == 0 and rows(store, "SELECT v FROM t_kv WHERE k='y'") == [("2",)]
    c.executemany("INSERT OR IGNORE INTO t_pairs VALUES (?, ?)", [("a", 1), ("a", 1), ("b", 2)])
    assert rows(store, "SELECT a, b FROM t_pairs ORDER BY a") == [("a", 1), ("b", 2)]
    # An upsert whose update reads the existing row by its bare column name.
    for v in ("5", "4"):
        c.execute("INSERT INTO t_kv(k, v) VALUES ('m', ?) ON CONFLICT(k) DO UPDATE SET"
                  " v=max(v, excluded.v)", (v,))
    assert rows(store, "SELECT v FROM t_kv WHERE k='m'") == [("5",)]


def test_a_failed_transaction_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as c:
        c.execute("INSERT INTO t_kv(k, v) VALUES ('gone', '1')")
        raise RuntimeError("power cut")
    assert rows(store, "SELECT count(*) FROM t_kv") == [(0,)]
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):  # the same exception class on both
        store.conn.execute("INSERT INTO t_kv(k, v) VALUES ('z', NULL)")


def test_indexing_gives_the_same_store_on_both(any_store_location: str,
                                               tmp_path: Path) -> None:
    reference = Store(tmp_path / "reference.db")
    other = Store(any_store_location)
    for s in (reference, other):
        assert index_sources(s, [str(SEEDS)], workers=0).added == 5

    def export(s: Store) -> list[str]:
        return sorted(json.dumps(st, sort_keys=True) for st in s.iter_statements())

    assert export(other) == export(reference)
    assert json.dumps(other.meetings(), sort_keys=True) == \
        json.dumps(reference.meetings(), sort_keys=True)
    for q in ("supply chains speaker:wang", "taiwan", 'theme:trade since:2024'):
        assert [h["id"] for h in search(other, q).hits] == \
            [h["id"] for h in search(reference, q).hits]


def copies(folder: Path, n: int) -> list[Path]:
    """n distinct reports of each seed's meeting (distinct text, the same meeting)."""
    folder.mkdir()
    out = []
    for i in range(n):
        for seed in sorted(SEEDS.glob("*.txt")):
            lines = seed.read_text().splitlines()
            lines.insert(len(lines) // 2, f"\nCopy {i} of this report was filed for testing.\n")
            path = folder / f"{i:03d}_{seed.name}"
            path.write_text("\n".join(lines) + "\n")
            out.append(path)
    return out


def test_indexers_in_several_processes_write_at_once(any_store_location: str,
                                                     tmp_path: Path) -> None:
    files = copies(tmp_path / "corpus", 6)
    halves = [tmp_path / "even", tmp_path / "odd"]
    for h in halves:
        h.mkdir()
    for i, f in enumerate(files):
        f.rename(halves[i % 2] / f.name)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READOUT_WORKERS": "0"}
    procs = [subprocess.Popen([sys.executable, "-m", "bot.cli", "--db", any_store_location,
                               "index", str(h), "--json"], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for h in halves]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e for _o, e in outs]
    reports = [json.loads(o) for o, _e in outs]
    assert sum(r["added"] for r in reports) == 30
    # Writers took turns: each report found the meeting the other process had stored.
    serial = Store(tmp_path / "serial.db")
    index_sources(serial, [str(h) for h in halves], workers=0)
    store = Store(any_store_location)
    assert len(store.meetings()) == len(serial.meetings())
    assert store.counts() == serial.counts()
    forget_indexes()
    assert search(store, "").total == store.counts()["statements"]


def test_a_reader_does_not_wait_for_an_open_write(any_store_location: str) -> None:
    store = Store(any_store_location)
    index_sources(store, [str(SEEDS)], workers=0)
    before = search(store, "taiwan").total
    inside, release = threading.Event(), threading.Event()

    def writer() -> None:
        w = Store(any_store_location)
        with w.transaction() as c:
            c.execute("DELETE FROM search_journal")
            c.execute("UPDATE statements SET text = 'rewritten' WHERE text LIKE '%Taiwan%'")
            inside.set()
            release.wait(30)
            raise RuntimeError("rolled back")

    def guarded() -> None:
        with pytest.raises(RuntimeError):
            writer()

    t = threading.Thread(target=guarded)
    t.start()
    assert inside.wait(10)
    try:
        started = time.monotonic()
        reader = Store(any_store_location)
        result = search(reader, "taiwan")
        counts = reader.counts()
        waited = time.monotonic() - started
    finally:
        release.set()
        t.join()
    # The reader saw the last committed state, and did not sit out the writer's lock (up to
    # 30 s busy/lock timeout) to get it.
    assert result.total == before and counts["statements"] > 0
    assert waited < 5


def test_each_index_follows_the_journal_and_it_is_pruned_behind_the_slowest(
        any_store_location: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_search_data import ARTICLES, indexed_article

    store = Store(any_store_location)
    forget_indexes()
    monkeypatch.setenv("READOUT_INDEX_DIR", str(tmp_path / "one"))
    one = SearchIndex(store)
    monkeypatch.setenv("READOUT_INDEX_DIR", str(tmp_path / "two"))
    two = SearchIndex(store)
    assert one.directory != two.directory
    one.open()
    two.open()
    store.ingest(indexed_article("late.txt", "Xinhua", ARTICLES[0][2], ("Park Jin", "south_korea"),
                                 [("Wang said talks on fisheries will resume.", ("Wang Yi",
                                                                                  "china"), [])]))
    top = store.journal_top()
    assert one.sync() > 0 and one.lag() == 0
    assert two.lag() > 0
    # two has not applied them yet: the rows stay for it.
    assert store.journal(after=two.applied())
    assert two.sync() > 0 and two.lag() == 0
    assert store.journal() == [] and store.journal_pruned() == top
    assert {n["applied"] for n in store.search_nodes()} == {top}
    assert one.backend.count() == two.backend.count() == store.counts()["statements"]


def test_an_index_away_while_its_rows_were_pruned_is_rebuilt(any_store_location: str,
                                                            tmp_path: Path) -> None:
    from test_search_data import ARTICLES, indexed_article

    db = any_store_location
    store = Store(db)
    forget_indexes()
    os.environ["READOUT_INDEX_DIR"] = str(tmp_path / "away")
    try:
        away = SearchIndex(store)
        away.open()
        away_node = away.node
        away._close()
        store.ingest(indexed_article("late.txt", "Xinhua", ARTICLES[0][2],
                                     ("Park Jin", "south_korea"),
                                     [("Wang said fisheries talks resume.", ("Wang Yi", "china"),
                                       [])]))
        # A day later it is forgotten, and the others prune the journal without it.
        store.forget_node(str(away_node))
        store.clear_journal(store.journal_top())
        back = SearchIndex(Store(db))
        back.open()
        assert back.node != away_node  # rebuilt: a new generation
        assert back.backend.count() == store.counts()["statements"]
        assert search(Store(db), "fisheries").total == 1
    finally:
        del os.environ["READOUT_INDEX_DIR"]
        forget_indexes()


def test_sync_index_catches_a_large_backlog_up_in_batches(any_store_location: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.search import index as index_mod

    store = Store(any_store_location)
    index_sources(store, [str(SEEDS)], workers=0)
    forget_indexes()
    idx = SearchIndex(store)
    idx.rebuild()
    store.conn.execute("INSERT INTO search_journal(sid, op) SELECT sid, 'add' FROM statements")
    monkeypatch.setattr(index_mod, "SYNC_BATCH", 7)
    seen = []
    real = idx.backend.replace

    def spy(docs, deleted=(), applied=None):  # type: ignore[no-untyped-def]
        seen.append(len(list(deleted)))
        return real(docs, deleted, applied)

    monkeypatch.setattr(idx.backend, "replace", spy)
    assert idx.sync(limit=7) == 7  # a reader's bounded share
    n = store.counts()["statements"]
    assert idx.sync() == n - 7 and max(seen) <= 7
    assert idx.backend.count() == n
    assert sync_index(store) == 0


def test_an_unreachable_database_is_one_line(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", "postgresql://nobody@127.0.0.1:1/nowhere",
         "search", "x"], env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
        capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith("readout: cannot connect to postgresql://nobody@127.0.0.1:1/")
    assert "Traceback" not in proc.stderr


def test_a_password_never_reaches_a_message() -> None:
    from bot.store.postgres import redact

    assert redact("postgresql://u:s3cret@db/x") == "postgresql://u:***@db/x"


def test_a_schema_step_runs_on_both(any_store_location: str,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Migrations are one list of steps in SQLite's dialect, run on either backend."""
    from bot.store import migrate
    from bot.store import sqlite as store_module

    Store(any_store_location).conn.execute(
        "INSERT INTO meta(key, value) VALUES ('probe', 'kept')")
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 4)
    monkeypatch.setitem(migrate.STEPS, 3, lambda c: c.execute(
        "ALTER TABLE articles ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0"))
    upgraded = Store(any_store_location)
    assert upgraded.get_meta("schema_version") == "4" and upgraded.get_meta("probe") == "kept"
    index_sources(upgraded, [str(SEEDS)], workers=0)
    assert upgraded.conn.execute("SELECT sum(reviewed), count(*) FROM articles").fetchone()[:] \
        == (0, 5)


def test_processes_opening_a_new_database_at_once_create_it_once(
        any_store_location: str) -> None:
    code = ("import sys; from bot.store import Store; from digests import state;"
            " s = Store(sys.argv[1]); state.ensure_schema(s); print(s.counts()['articles'])")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", code, any_store_location], env=env,
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [e[-1500:] for _o, e in outs]
    assert [o.strip() for o, _e in outs] == ["0"] * 4


def test_slack_and_scheduler_tables_live_in_the_same_database(any_store_location: str) -> None:
    import sqlalchemy

    from bot.slack.app import build_app
    from bot.slack.settings import Settings
    from digests.schedule import JOBS_TABLE, ReadoutScheduler

    store = Store(any_store_location)
    build_app(Settings(signing_secret="x", client_id="111.222", client_secret="cs",
                       api_url="http://127.0.0.1:9/api/"), store)
    sched = ReadoutScheduler(store, lambda _t: None, watch_minutes=0).start(paused=True,
                                                                          keeper=False)
    sched.shutdown()
    tables = set(sqlalchemy.inspect(sqlalchemy.create_engine(store.sqlalchemy_url))
                 .get_table_names())
    assert {"slack_installations", "slack_bots", "slack_oauth_states", "slack_events",
            JOBS_TABLE, "digest_leases", "digest_outbox", "statements",
            "search_journal"} <= tables
