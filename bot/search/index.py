"""The derived search index beside the store: open, follow the journal, rebuild.

Every machine keeps its own index and follows the store's change journal (`search_journal`),
so an article indexed through any machine is searchable on every one. Consistency with the
store (the source of truth) rests on four rules:
1. The store writes `search_journal` rows in the same transaction as the statement change, one
   writer at a time, so journal ids follow commit order.
2. An index keeps its own cursor: the id of the last journal row it applied, written after the
   index commits (backend.applied). `sync` re-reads each journalled sid from the store, deletes
   it from the index and adds its current version (so applying a row twice is harmless). A
   crash before the cursor is written replays rows already applied, which changes nothing.
3. Each index registers its cursor in `search_nodes`; the store prunes journal rows every index
   seen in the last day has applied. An index whose cursor is older than the pruned mark
   (a machine away for longer) is rebuilt.
4. A rebuild reads every statement and the journal's high-water mark in one read snapshot,
   writes a fresh index into a temporary directory with a marker file, then swaps it in with
   renames; the marker (engine, version, the store's id, a generation) is checked on open, so
   a missing, half-written, foreign or outdated index is rebuilt rather than trusted.

Readers never wait on an index run: a search applies at most READER_ROWS pending rows, and only
when no other thread of its process is applying; the indexer (`readout index`) syncs every few
seconds as it goes, and `readout serve` runs a follower thread (`follow`) that tails the journal
every POLL_SECONDS, so searches there apply nothing themselves.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import socket
import threading
import time
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
READER_ROWS = 500  # the most a search applies itself before answering (~0.1-0.3 s)
POLL_SECONDS = float(os.environ.get("READOUT_FOLLOW_SECONDS", "1.0"))
HEARTBEAT_SECONDS = 60.0  # a following index re-registers its cursor at least this often


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
    """`<index root>/<engine>/` (beside a database file, see Store.index_root); None (in
    memory) for a :memory: store."""
    root = store.index_root
    return None if root is None else root / engine


class SearchIndex:
    def __init__(self, store: Store, engine: str | None = None) -> None:
        self.store = store
        self.engine = engine or os.environ.get(ENGINE_ENV) or DEFAULT_ENGINE
        self.cls = backend_class(self.engine)
        self.directory = index_directory(store, self.engine)
        self.backend: SearchBackend | None = None
        self.marker_stamp: tuple[int, int] | None = None
        self.node: str | None = None  # this index's name in search_nodes (its generation)
        self.vocabulary: Any = None
        self.lock = threading.RLock()  # open, rebuild
        self._dir_depth = 0  # how deep this process holds the directory's file lock
        self.sync_lock = threading.Lock()  # one applier per process
        self.follower: Follower | None = None
        self.last_registered = 0.0
        self.caught_up_once = False

    # -- lifecycle --------------------------------------------------------------------------
    def _store_id(self) -> str:
        sid = self.store.get_meta("search_store_id")
        if sid is None:
            with self.store.transaction() as c:
                c.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('search_store_id', ?)",
                          (uuid.uuid4().hex,))
            sid = self.store.get_meta("search_store_id")
        return str(sid)

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

    @contextlib.contextmanager
    def _dir_lock(self) -> Iterator[None]:
        """Several processes (two `readout index` runs, a server and an indexer) may find the
        index missing at once: one checks and rebuilds at a time, the others then open what it
        built. Held with self.lock, so the depth count is per process."""
        if self.directory is None or self._dir_depth:
            self._dir_depth += 1
            try:
                yield
            finally:
                self._dir_depth -= 1
            return
        self.directory.parent.mkdir(parents=True, exist_ok=True)
        with open(self.directory.with_name(f".{self.directory.name}.lock"), "a+b") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            self._dir_depth += 1
            try:
                yield
            finally:
                self._dir_depth -= 1
                fcntl.flock(fh, fcntl.LOCK_UN)

    def open(self) -> SearchBackend:
        """The backend, (re)opened or rebuilt as needed. Applies nothing of a pending journal
        (`sync` does: a search at most READER_ROWS of it, the follower and the indexer all)."""
        backend = self.backend
        if backend is not None and self._stamp() == self.marker_stamp:
            return backend  # the common case: no lock, one stat
        with self.lock, self._dir_lock():
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
                self.node = str(marker.get("generation") or "")
                if self.backend.applied() < self.store.journal_pruned():
                    raise ValueError("the journal rows it has not applied were pruned")
                self._check_count()
            except Exception as exc:  # unreadable or disagreeing: the store decides
                log.warning("search index %s unusable (%s): rebuilding", self.directory, exc)
                self._close()
                self.rebuild()
            return self.backend  # type: ignore[return-value]

    def _check_count(self) -> None:
        """With the journal applied the counts must agree (read in one snapshot, so a writer
        elsewhere cannot make them differ for a moment)."""
        assert self.backend is not None
        with self.store.snapshot() as c:
            top = self.store.journal_top()
            count = int(c.execute("SELECT count(*) FROM statements").fetchone()[0])
        if self.backend.applied() >= top:
            if self.backend.count() != count:
                raise ValueError("index and store disagree on the number of statements")
            self.caught_up_once = True

    def _close(self) -> None:
        if self.backend is not None:
            self.backend.close()
            self.backend = None

    def rebuild(self) -> int:
        """A fresh index from every statement in the store; returns the number indexed."""
        with self.lock, self._dir_lock():
            self._close()
            target = None
            if self.directory is not None:
                target = self.directory.with_name(
                    f".{self.engine}.tmp-{os.getpid()}-{threading.get_ident()}")
                shutil.rmtree(target, ignore_errors=True)
            backend = self.cls(target)
            with self.store.snapshot():  # one read snapshot for the rows and the journal mark
                upto = self.store.journal_top()
                n = backend.bulk_load(_docs(self.store), applied=upto)
            # The index this one replaces (ours, or another process's) stops being a node.
            old = {self.node, (self._read_marker() or {}).get("generation")} - {None, ""}
            generation = uuid.uuid4().hex
            if self.directory is None or target is None:
                self.backend = backend
            else:
                backend.close()
                marker = {**self._identity(), "generation": generation}
                (target / MARKER).write_text(json.dumps(marker))
                _swap(target, self.directory)
                self.backend = self.cls(self.directory)
                self.marker_stamp = self._stamp()
            self.node = generation
            for node in old:
                self.store.forget_node(str(node))
            self._register(force=True)
            self.vocabulary = None
            self.caught_up_once = True
            return n

    # -- catching up ------------------------------------------------------------------------
    def applied(self) -> int:
        backend = self.backend if self.backend is not None else self.open()
        return backend.applied()

    def lag(self) -> int:
        """Journal rows written since the last one this index applied (0: caught up)."""
        return max(0, self.store.journal_top() - self.applied())

    def pending(self) -> bool:
        return self.lag() > 0

    def sync(self, limit: int | None = None, wait: bool = True) -> int:
        """Apply the journal (at most `limit` rows); returns how many rows were applied.
        With wait=False it returns 0 at once if another thread of this process is applying."""
        if not self.sync_lock.acquire(blocking=wait):
            return 0
        try:
            return self._sync(limit)
        finally:
            self.sync_lock.release()

    def _sync(self, limit: int | None) -> int:
        backend = self.backend if self.backend is not None else self.open()
        applied = 0
        cursor = backend.applied()
        while limit is None or applied < limit:
            batch = SYNC_BATCH if limit is None else min(SYNC_BATCH, limit - applied)
            rows = self.store.journal(limit=batch, after=cursor)
            if not rows:
                self.caught_up_once = True
                break
            if self.store.journal_pruned() > cursor:
                log.warning("search index %s missed pruned journal rows: rebuilding",
                            self.directory)
                self.rebuild()
                return applied
            sids = list(dict.fromkeys(sid for _, sid, _ in rows))
            current = self.store.statements_by_sid(sids)
            try:
                backend.replace(
                    (IndexDoc.from_statement(current[s]) for s in sids if s in current),
                    deleted=sids, applied=rows[-1][0],
                )
            except ValueError as exc:
                if "LockBusy" not in str(exc):
                    raise
                # Another process holds tantivy's writer lock and will apply the journal
                # (or a later sync here will): nothing is lost.
                log.info("search index busy; %d changes wait in the journal", len(rows))
                break
            if self._stamp() != self.marker_stamp:
                # Another process swapped in a rebuilt index while we wrote to the old
                # one: reopen the new one, which has its own cursor.
                if self.node:
                    self.store.forget_node(self.node)
                self._close()
                backend = self.open()
                cursor = backend.applied()
                continue
            cursor = rows[-1][0]
            applied += len(rows)
        if applied:
            self.vocabulary = None
        self._register(force=bool(applied))
        return applied

    def _register(self, force: bool = False) -> None:
        """Tell the store how far this index is, so the journal can be pruned behind it."""
        if self.backend is None or not self.node or self.directory is None:
            return
        now = time.monotonic()
        if not force and now - self.last_registered < HEARTBEAT_SECONDS:
            return
        if self.store.record_applied(self.node, self.backend.applied(), socket.gethostname()):
            self.last_registered = now

    def status(self) -> dict[str, Any]:
        """For readiness checks: how far behind the store this index is."""
        top = self.store.journal_top()
        applied = self.applied()
        follower = self.follower
        return {
            "engine": self.engine, "applied": applied, "journal": top,
            "lag": max(0, top - applied), "caught_up_once": self.caught_up_once,
            "following": bool(follower and follower.is_alive()),
            "last_sync_age": (time.monotonic() - follower.last_pass) if follower else None,
        }


class Follower(threading.Thread):
    """Tails the journal in the background: applies new rows every POLL_SECONDS."""

    def __init__(self, index: SearchIndex, interval: float = POLL_SECONDS) -> None:
        super().__init__(name="readout-search-follower", daemon=True)
        self.index = index
        self.interval = interval
        self.stopping = threading.Event()
        self.last_pass = time.monotonic()
        self.errors = 0

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                self.index.open()
                while self.index.sync(limit=SYNC_BATCH) and not self.stopping.is_set():
                    pass
                self.index._register()
                self.last_pass = time.monotonic()
                self.errors = 0
            except Exception as exc:  # the store is down, say: keep trying, quietly
                self.errors += 1
                if self.errors in (1, 10) or self.errors % 100 == 0:
                    log.warning("search follower: %s (attempt %d)", exc, self.errors)
            self.stopping.wait(self.interval)

    def stop(self) -> None:
        self.stopping.set()


FOLLOWED_ENV = "READOUT_INDEX_FOLLOWED"


def follow(store: Store, engine: str | None = None,
           interval: float = POLL_SECONDS) -> SearchIndex:
    """Start (once per index and process) the thread that keeps this index caught up. Worker
    processes started after this (the Slack answer workers) inherit FOLLOWED_ENV and leave the
    applying to it, so a lookup there never applies a backlog either."""
    idx = index_for(store, engine)
    with idx.lock:
        if idx.follower is None or not idx.follower.is_alive():
            idx.follower = Follower(idx, interval)
            idx.follower.start()
    os.environ[FOLLOWED_ENV] = "1"
    return idx


def followed(idx: SearchIndex) -> bool:
    """A follower keeps this index caught up (in this process, or in the one that started
    this one)."""
    return idx.follower is not None or os.environ.get(FOLLOWED_ENV) == "1"


class PeriodicSync:
    """For an index run: sync every `seconds`, so the index follows the run instead of
    catching up at its end (and readers never find a large backlog)."""

    def __init__(self, store: Store, seconds: float = 1.0) -> None:
        self.store = store
        self.seconds = seconds
        self.last = time.monotonic()

    def __call__(self) -> None:
        if time.monotonic() - self.last >= self.seconds:
            index_for(self.store).sync(wait=False)
            self.last = time.monotonic()


def _docs(store: Store) -> Iterator[IndexDoc]:
    for st in store.iter_statements(order="s.sid"):
        yield IndexDoc.from_statement(st)


def _swap(new: Path, current: Path) -> None:
    """Replace `current` by `new` with renames; a crash in between leaves no marker at
    `current`, which the next open treats as missing and rebuilds."""
    old = current.with_name(f".{current.name}.old-{os.getpid()}-{threading.get_ident()}")
    if current.exists():
        current.rename(old)
    current.parent.mkdir(parents=True, exist_ok=True)
    new.rename(current)
    shutil.rmtree(old, ignore_errors=True)


_INDEXES: dict[tuple[str, str, str], SearchIndex] = {}
_INDEXES_LOCK = threading.Lock()


def index_for(store: Store, engine: str | None = None) -> SearchIndex:
    """One SearchIndex per (database, index directory, engine) in this process."""
    name = engine or os.environ.get(ENGINE_ENV) or DEFAULT_ENGINE
    memory = str(store.path) == ":memory:"
    key = (store.key, str(index_directory(store, name)), name)
    with _INDEXES_LOCK:
        idx = _INDEXES.get(key)
        if idx is None or (idx.store is not store and memory):
            idx = _INDEXES[key] = SearchIndex(store, name)
        elif idx.store is not store:
            idx.store = store  # same file, newer handle: keep the open engine
        return idx


def forget_indexes() -> None:
    """Drop every cached index (tests that reopen a database as a crash simulation)."""
    with _INDEXES_LOCK:
        for idx in _INDEXES.values():
            if idx.follower is not None:
                idx.follower.stop()
            idx._close()
        _INDEXES.clear()
