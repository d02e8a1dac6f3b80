"""The derived index never disagrees with SQLite after a crash, a lost or a foreign index.

A "crash" is simulated by failing at the named step and then dropping every in-process
handle (`forget_indexes` + a new Store), which is what a restarted process starts from.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_search_data import ARTICLES, indexed_article, make_store

from bot.search import rebuild_index, search, sync_index
from bot.search.index import MARKER, SearchIndex, forget_indexes, index_for
from bot.store import Store

ENGINES = ["tantivy", "fts5"]


class Crash(Exception):
    pass


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("READOUT_SEARCH_ENGINE", request.param)
    forget_indexes()
    yield request.param
    forget_indexes()


def reopen(path: Path) -> Store:
    forget_indexes()
    return Store(path)


def agrees(store: Store, engine: str) -> None:
    """Every statement is found exactly once, and nothing else is."""
    in_store = {st["id"] for st in store.iter_statements()}
    res = search(store, "", limit=1000)
    assert res.total == len(in_store)
    assert {h["id"] for h in res.hits} == in_store
    assert index_for(store, engine).open().count() == len(in_store)
    assert store.journal() == []


NEW = [("Wang said talks on fisheries will resume in spring.", ("Wang Yi", "china"), [])]


def test_crash_between_store_commit_and_index_commit(tmp_path: Path, engine: str) -> None:
    db = tmp_path / "x.db"
    store = make_store(db)
    sync_index(store)
    # The article is committed with its journal rows; the process dies before any sync.
    store.ingest(indexed_article("late.txt", "Xinhua", ARTICLES[0][2],
                                 ("Park Jin", "south_korea"), NEW))
    assert store.journal()
    store = reopen(db)
    assert [h["text"] for h in search(store, "fisheries").hits] == [NEW[0][0]]
    agrees(store, engine)


def test_crash_between_index_commit_and_cursor_write(
    tmp_path: Path, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "x.db"
    store = make_store(db)
    sync_index(store)
    store.ingest(indexed_article("late.txt", "Xinhua", ARTICLES[0][2],
                                 ("Park Jin", "south_korea"), NEW))
    backend = index_for(store, engine).open()
    before = backend.applied()

    def crash(*args: object) -> None:
        raise Crash

    monkeypatch.setattr(type(backend), "set_applied", crash)
    monkeypatch.setattr(type(backend), "_set_applied", crash, raising=False)
    with pytest.raises(Crash):
        sync_index(store)
    monkeypatch.undo()
    monkeypatch.setenv("READOUT_SEARCH_ENGINE", engine)
    # The index may have the rows; its cursor does not say so, and the journal keeps them.
    assert backend.applied() == before and store.journal(after=before)
    store = reopen(db)
    assert search(store, "fisheries").total == 1  # replayed once, not duplicated
    agrees(store, engine)


def test_crash_before_a_delete_reaches_the_index(tmp_path: Path, engine: str) -> None:
    db = tmp_path / "x.db"
    store = make_store(db)
    sync_index(store)
    aid = next(a["id"] for a in store.articles() if a["source"] == "a2.html")
    store.remove_article(aid)
    store = reopen(db)
    assert search(store, "semiconductors").total == 0
    agrees(store, engine)


def test_crash_during_index_write_rolls_back(
    tmp_path: Path, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "x.db"
    store = make_store(db)
    sync_index(store)
    store.ingest(indexed_article("late.txt", "Xinhua", ARTICLES[0][2],
                                 ("Park Jin", "south_korea"), NEW))
    idx = index_for(store, engine)
    backend = idx.open()
    original = type(backend)._doc if engine == "tantivy" else type(backend)._rows

    calls = {"n": 0}

    def fail_midway(self: object, d: object) -> object:
        calls["n"] += 1
        raise Crash

    monkeypatch.setattr(type(backend), "_doc" if engine == "tantivy" else "_rows", fail_midway)
    with pytest.raises(Crash):
        idx.sync()
    monkeypatch.setattr(type(backend), "_doc" if engine == "tantivy" else "_rows", original)
    assert calls["n"] == 1
    store = reopen(db)
    agrees(store, engine)


def test_missing_index_is_rebuilt(tmp_path: Path, engine: str) -> None:
    db = tmp_path / "x.db"
    store = make_store(db)
    sync_index(store)
    forget_indexes()
    shutil.rmtree(f"{db}.search")
    store = reopen(db)
    agrees(store, engine)


def test_corrupt_index_is_rebuilt(tmp_path: Path, engine: str) -> None:
    db = tmp_path / "x.db"
    store = make_store(db)
    sync_index(store)
    forget_indexes()
    directory = Path(f"{db}.search") / engine
    for f in directory.iterdir():
        if f.name != MARKER and f.is_file():
            # garbage in a new file put in its place: a file truncated in place under a
            # native reader thread that still maps it kills the process with SIGBUS (a CI run
            # did), while a crash leaves whole files of the wrong bytes, which is the case here
            garbage = f.with_name(f"{f.name}.garbage")
            garbage.write_bytes(b"\x00garbage" * 10)
            os.replace(garbage, f)
    store = reopen(db)
    agrees(store, engine)


def test_index_of_another_version_is_rebuilt(tmp_path: Path, engine: str) -> None:
    db = tmp_path / "x.db"
    store = make_store(db)
    sync_index(store)
    forget_indexes()
    marker = Path(f"{db}.search") / engine / MARKER
    data = json.loads(marker.read_text())
    generation = data["generation"]
    marker.write_text(json.dumps({**data, "version": -1}))
    store = reopen(db)
    agrees(store, engine)
    assert json.loads(marker.read_text())["generation"] != generation


def test_index_copied_from_another_database_is_rebuilt(tmp_path: Path, engine: str) -> None:
    a = make_store(tmp_path / "a.db")
    sync_index(a)
    forget_indexes()
    b = Store(tmp_path / "b.db")
    b.ingest(indexed_article("only.txt", "Xinhua", ARTICLES[0][2],
                             ("Park Jin", "south_korea"), NEW))
    b.clear_journal(10**9)  # as if b's own index had applied it
    shutil.copytree(f"{tmp_path / 'a.db'}.search", f"{tmp_path / 'b.db'}.search")
    b = reopen(tmp_path / "b.db")
    assert [h["text"] for h in search(b, "").hits] == [NEW[0][0]]
    agrees(b, engine)


def test_rebuild_agrees_and_clears_journal(tmp_path: Path, engine: str) -> None:
    store = make_store(tmp_path / "x.db")
    assert store.journal()
    assert rebuild_index(store) == store.counts()["statements"]
    agrees(store, engine)


def test_second_process_sees_the_other_ones_changes(tmp_path: Path, engine: str) -> None:
    db = tmp_path / "x.db"
    serving = make_store(db)
    assert search(serving, "fisheries").total == 0
    # Another process (a CLI `readout index`) adds and syncs with its own index handle.
    writer_store = Store(db)
    writer = SearchIndex(writer_store, engine)
    writer.open()
    writer_store.ingest(indexed_article("late.txt", "Xinhua", ARTICLES[0][2],
                                        ("Park Jin", "south_korea"), NEW))
    writer.sync()
    writer._close()
    assert search(serving, "fisheries").total == 1


def test_sync_into_an_index_another_process_replaced(tmp_path: Path, engine: str) -> None:
    db = tmp_path / "x.db"
    store = make_store(db)
    first = SearchIndex(store, engine)
    first.open()
    other = SearchIndex(Store(db), engine)
    other.rebuild()  # swaps a new directory in under `first`
    other._close()
    store.ingest(indexed_article("late.txt", "Xinhua", ARTICLES[0][2],
                                 ("Park Jin", "south_korea"), NEW))
    first.sync()
    first._close()
    store = reopen(db)
    assert search(store, "fisheries").total == 1
    agrees(store, engine)


def test_busy_writer_keeps_the_journal(tmp_path: Path) -> None:
    import tantivy

    db = tmp_path / "x.db"
    store = make_store(db)
    idx = SearchIndex(store, "tantivy")
    backend = idx.open()
    store.ingest(indexed_article("late.txt", "Xinhua", ARTICLES[0][2],
                                 ("Park Jin", "south_korea"), NEW))
    other = tantivy.Index(backend.schema, path=str(idx.directory), reuse=True)
    holder = other.writer(heap_size=20_000_000, num_threads=1)  # "another process"
    assert idx.sync() == 0
    assert store.journal()
    holder.wait_merging_threads()  # releases the lock
    assert idx.sync() > 0
    assert store.journal() == []
