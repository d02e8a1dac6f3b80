"""Events API retries answered once: event ids are remembered in the database.

Slack re-sends an event (with X-Slack-Retry-Num) when our acknowledgement was slow or lost.
Several `readout serve` processes, on one machine or many (PostgreSQL), share one database, so
the memory of seen events lives in a table there and the first INSERT wins, atomically, across
processes. The INSERT is a statement of its own, not a store transaction: on PostgreSQL it
takes no writer lock, so an acknowledgement never waits behind an index run.
"""

from __future__ import annotations

import time

from bot.store import Store

KEEP_SECONDS = 24 * 3600  # Slack retries for minutes; a day is ample and keeps the table small

_SCHEMA = """
CREATE TABLE IF NOT EXISTS slack_events (
    event_id TEXT PRIMARY KEY,
    seen_at  REAL NOT NULL
)
"""


class EventDeduper:
    def __init__(self, store: Store) -> None:
        self.store = store
        store.conn.executescript(_SCHEMA)
        self._last_prune = 0.0

    def first_time(self, event_id: str) -> bool:
        """True the first time an event id is seen by any process on this database."""
        now = time.time()
        conn = self.store.conn
        cur = conn.execute(
            "INSERT OR IGNORE INTO slack_events(event_id, seen_at) VALUES (?, ?)",
            (event_id, now),
        )
        if now - self._last_prune > 600:
            self._last_prune = now
            conn.execute("DELETE FROM slack_events WHERE seen_at < ?", (now - KEEP_SECONDS,))
        return cur.rowcount == 1
