"""The derived search index beside the store: open, catch up from the journal, rebuild.

Consistency with SQLite (the source of truth) rests on three rules:
1. The store writes `search_journal` rows in the same transaction as the statement change.
2. `sync` re-reads each journalled sid from the store, deletes it from the index and adds its
   current version (so applying a row twice is harmless), commits the index, and only then
   clears the journal up to the last applied id. A crash before the index commit leaves the
   journal to replay; a crash after it replays rows already applied, which changes nothing.
3. A rebuild reads every statement and the journal's high-water mark in one read snapshot,
   writes a fresh index into a temporary directory with a marker file, then swaps it in with
   renames; the marker (engine, version, the store's id, a generation) is checked on open, so
   a missing, half-written, foreign or outdated index is rebuilt rather than trusted.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.search.backend import IndexDoc, SearchBackend
from bot.store import SCHEMA_VERSION, Store

log = logging.getLogger(__name__)

MARKER = "readout-index.json"
DEFAULT_ENGINE = "tantivy"
ENGINE_ENV = "READOUT_SEARCH_ENGINE"
SYNC_BATCH = 5000


def backend_class(engine: str) -> type[SearchBackend]:
    if engine == "tantivy":
        from bot.search.tantivy_backend import TantivyBackend

        return TantivyBackend
    if engine == "fts5":
        from bot.search.fts5_backend import Fts5Backend

        return Fts5Backend
    from bot.errors import ConfigError

    raise ConfigError(f"unknown search engine {engine!r} in ${ENGINE_ENV}; use tantivy or fts5")


def index_directory(store: Store, engine: str) -> Path | None:
    """`<db>.search/<engine>/` beside the database; None (in memory) for a :memory: store."""
    if str(store.path) == ":memory:":
        return None
    return Path(f"{store.path}.search") / engine


class SearchIndex:
    def __init__(self, store: Store, engine: str | None = None) -> None:
        self.store = store
        self.engine = engine or os.environ.get(ENGINE_ENV) or DEFAULT_ENGINE
        self.cls = backend_class(self.engine)
        self.directory = index_directory(store, self.engine)
        self.backend: SearchBackend | None = None
        self.marker_stamp: tuple[int, int] | None = None
        self.vocabulary: Any = None
        self.lock = threading.RLock()

    # -- lifecycle --------------------------------------------------------------------------
    def _store_id(self) -> str:
        sid = self.store.get_meta("search_store_id")
        if sid is None:
            sid = uuid.uuid4().hex
            self.store.set_meta("search_store_id", sid)
        return sid

    def _identity(self) -> dict[str, Any]:
        """What an index must match to be trusted; the store's schema is part of it because
        a schema change may change what a statement is."""
        return {"engine": self.engine, "version": self.cls.version,
                "store_id": self._store_id(), "store_schema": SCHEMA_VERSION}

    def _read_marker(self) -> dict[str, Any] | None:
        if self.directory is None:
            return None
        try:
            return json.loads((self.directory / MARKER).read_text())  # type: ignore[no-any-return]
        except (OSError, ValueError):
            return None

    def _stamp(self) -> tuple[int, int] | None:
        if self.directory is None:
            return None
        try:
            st = (self.directory / MARKER).stat()
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns)

    def open(self) -> SearchBackend:
        """The backend, (re)opened or rebuilt as needed and caught up with the journal."""
        with self.lock:
            if self.backend is not None and self._stamp() == self.marker_stamp:
                return self.backend
            self._close()
            if self.directory is None:
                self.rebuild()
                return self.backend  # type: ignore[return-value]
            marker = self._read_marker()
            expected = self._identity()
            if marker is None or any(marker.get(k) != v for k, v in expected.items()):
                why = "missing" if marker is None else "from another store or version"
                log.info("search index %s is %s: rebuilding", self.directory, why)
                self.rebuild()
                return self.backend  # type: ignore[return-value]
            try:
                self.backend = self.cls(self.directory)
                self.marker_stamp = self._stamp()
                self.sync()
                # With the journal applied the counts must agree; if another process holds
                # the writer (journal kept), it is mid-change and the check would misfire.
                if not self.pending() and self.backend.count() != self._store_count():
                    raise ValueError("index and store disagree on the number of statements")
            except Exception as exc:  # unreadable or disagreeing: the store decides
                log.warning("search index %s unusable (%s): rebuilding", self.directory, exc)
                self._close()
                self.rebuild()
            return self.backend  # type: ignore[return-value]

    def _close(self) -> None:
        if self.backend is not None:
            self.backend.close()
            self.backend = None

    def _store_count(self) -> int:
        return int(self.store.conn.execute("SELECT count(*) FROM statements").fetchone()[0])

    def rebuild(self) -> int:
        """A fresh index from every statement in the store; returns the number indexed."""
        with self.lock:
            self._close()
            target = None
            if self.directory is not None:
                target = self.directory.with_name(f".{self.engine}.tmp-{os.getpid()}")
                shutil.rmtree(target, ignore_errors=True)
            backend = self.cls(target)
            conn = self.store.conn
            conn.execute("BEGIN")  # one read snapshot for the rows and the journal mark
            try:
                row = conn.execute("SELECT max(id) FROM search_journal").fetchone()
                upto = int(row[0] or 0)
                n = backend.bulk_load(_docs(self.store))
            finally:
                conn.execute("COMMIT")
            if self.directory is None or target is None:
                self.backend = backend
            else:
                backend.close()
                marker = {**self._identity(), "generation": uuid.uuid4().hex}
                (target / MARKER).write_text(json.dumps(marker))
                _swap(target, self.directory)
                self.backend = self.cls(self.directory)
                self.marker_stamp = self._stamp()
            if upto:
                self.store.clear_journal(upto)
            self.vocabulary = None
            return n

    # -- catching up ------------------------------------------------------------------------
    def pending(self) -> bool:
        return self.store.conn.execute("SELECT 1 FROM search_journal LIMIT 1").fetchone() \
            is not None

    def sync(self) -> int:
        """Apply the journal; returns how many journal rows were applied."""
        with self.lock:
            backend = self.backend if self.backend is not None else self.open()
            applied = 0
            while True:
                rows = self.store.journal(limit=SYNC_BATCH)
                if not rows:
                    break
                sids = list(dict.fromkeys(sid for _, sid, _ in rows))
                current = self.store.statements_by_sid(sids)
                try:
                    backend.replace(
                        (IndexDoc.from_statement(current[s]) for s in sids if s in current),
                        deleted=sids,
                    )
                except ValueError as exc:
                    if "LockBusy" not in str(exc):
                        raise
                    # Another process holds tantivy's writer lock and will apply the journal
                    # (or a later sync here will): the journal is kept, nothing is lost.
                    log.info("search index busy; %d changes wait in the journal", len(rows))
                    break
                if self._stamp() != self.marker_stamp:
                    # Another process swapped in a rebuilt index while we wrote to the old
                    # one: keep the journal for the new index and reopen it.
                    self._close()
                    backend = self.open()
                    continue
                self.store.clear_journal(rows[-1][0])
                applied += len(rows)
            if applied:
                self.vocabulary = None
            return applied


def _docs(store: Store) -> Iterator[IndexDoc]:
    for st in store.iter_statements(order="s.sid"):
        yield IndexDoc.from_statement(st)


def _swap(new: Path, current: Path) -> None:
    """Replace `current` by `new` with renames; a crash in between leaves no marker at
    `current`, which the next open treats as missing and rebuilds."""
    old = current.with_name(f".{current.name}.old-{os.getpid()}")
    if current.exists():
        current.rename(old)
    new.rename(current)
    shutil.rmtree(old, ignore_errors=True)


_INDEXES: dict[tuple[str, str], SearchIndex] = {}
_INDEXES_LOCK = threading.Lock()


def index_for(store: Store, engine: str | None = None) -> SearchIndex:
    """One SearchIndex per (database, engine) in this process."""
    name = engine or os.environ.get(ENGINE_ENV) or DEFAULT_ENGINE
    path = str(store.path)
    key = (f"memory:{id(store)}" if path == ":memory:" else os.path.abspath(path), name)
    with _INDEXES_LOCK:
        idx = _INDEXES.get(key)
        if idx is None or (idx.store is not store and path == ":memory:"):
            idx = _INDEXES[key] = SearchIndex(store, name)
        elif idx.store is not store:
            idx.store = store  # same file, newer handle: keep the open engine
        return idx


def forget_indexes() -> None:
    """Drop every cached index (tests that reopen a database as a crash simulation)."""
    with _INDEXES_LOCK:
        for idx in _INDEXES.values():
            idx._close()
        _INDEXES.clear()
