"""Opening a store while another process is writing a fresh SQLite file (two `readout index`
runs started together): switching the file to WAL must wait for the writer, not fail."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from bot.store.sqlite import SqliteBackend


def _writer_holding_the_file(path: Path) -> sqlite3.Connection:
    """A connection in a write transaction on a file still in rollback-journal mode."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=5, check_same_thread=False)
    conn.execute("CREATE TABLE t(x)")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO t VALUES (1)")
    return conn


def test_the_switch_to_wal_waits_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    writer = _writer_holding_the_file(path)
    # SQLite itself answers at once here, whatever the busy timeout: the reason for use_wal
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        sqlite3.connect(path, isolation_level=None, timeout=5).execute("PRAGMA journal_mode=WAL")
    done = threading.Timer(0.3, writer.execute, args=("COMMIT",))
    done.start()
    try:
        conn = SqliteBackend(path).connect()
    finally:
        done.join()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert [tuple(r) for r in conn.execute("SELECT x FROM t")] == [(1,)]  # the writer's row kept


class _Locked:
    """A connection whose first `locked` calls fail as SQLite's do."""

    def __init__(self, locked: int, message: str = "database is locked") -> None:
        self.calls = 0
        self.locked = locked
        self.message = message

    def execute(self, sql: str) -> None:
        self.calls += 1
        if self.calls <= self.locked:
            raise sqlite3.OperationalError(self.message)


def test_use_wal_retries_only_a_lock_and_only_until_its_timeout() -> None:
    from bot.store.wal import use_wal

    conn = _Locked(3)
    use_wal(conn, timeout=5, sleep=0.001)  # type: ignore[arg-type]
    assert conn.calls == 4
    other = _Locked(1, "disk I/O error")
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        use_wal(other, timeout=5, sleep=0.001)  # type: ignore[arg-type]
    assert other.calls == 1
    stuck = _Locked(10**9)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        use_wal(stuck, timeout=0.05, sleep=0.001)  # type: ignore[arg-type]
    assert stuck.calls > 1
