"""Switching a SQLite file to write-ahead logging when several processes open it at once.

`PRAGMA journal_mode=WAL` on a new file needs an exclusive lock. Two `readout index` runs
started together on a fresh database both read the file (a shared lock) and then ask for that
lock; SQLite answers one of them "database is locked" at once instead of waiting, because
waiting there could deadlock, so the connection's busy timeout does not help (CI saw it in
tests/test_store_backends.py's two concurrent indexers). The switch is retried until the
timeout; by then the other process has switched the file, and WAL, once set, stays set.
"""

from __future__ import annotations

import random
import sqlite3
import time

RETRY_SECONDS = 30.0


def use_wal(conn: sqlite3.Connection, timeout: float = RETRY_SECONDS,
            sleep: float = 0.05) -> None:
    """Put `conn`'s database in WAL mode, retrying while another process holds the file."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            # jitter, so two processes that collided do not collide again in step
            time.sleep(sleep * (1 + random.random()))
