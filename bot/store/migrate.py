"""Schema upgrades, one step per version, run inside one transaction before schema.sql.

Steps are written in SQLite's dialect and run on both backends (PostgreSQL through the
translating adapter, see dialect.py). A PostgreSQL database is created at the current version
by schema.sql, so only steps added after version 3 ever run there.
"""

from __future__ import annotations

import sqlite3
from typing import Any


def _v1_to_v2(c: sqlite3.Connection) -> None:
    """Per-source attribution, split meetings, join anchors (meeting merging, issue 5)."""
    c.execute("ALTER TABLE meetings ADD COLUMN origin TEXT NOT NULL DEFAULT 'auto'")
    for col in ("speaker TEXT", "side TEXT", "themes TEXT NOT NULL DEFAULT ''", "via TEXT",
                "rule TEXT NOT NULL DEFAULT ''"):
        c.execute(f"ALTER TABLE statement_sources ADD COLUMN {col}")
    c.execute(
        "UPDATE statement_sources SET (speaker, side, themes, via, rule) ="
        " (SELECT speaker, side, themes, via, rule FROM statements s"
        "  WHERE s.sid = statement_sources.sid)"
    )
    c.execute("ALTER TABLE meeting_overrides ADD COLUMN anchor TEXT")


def _v2_to_v3(c: sqlite3.Connection) -> None:
    """The month and day of reports that give no year, so a dated report can adopt them."""
    c.execute("ALTER TABLE articles ADD COLUMN month_day TEXT")


STEPS = {1: _v1_to_v2, 2: _v2_to_v3}


def _version(conn: Any) -> int:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(row[0]) if row else 0


def migrate(conn: Any, target: int) -> None:
    """Bring the database up to `target`; all or nothing. The version is read again under the
    writer lock, so two processes opening an old database at once upgrade it once."""
    if _version(conn) in (0, target):
        return
    conn.execute("BEGIN IMMEDIATE")
    version = _version(conn)
    if version == 0 or version >= target:
        conn.execute("COMMIT")
        return
    try:
        for v in range(version, target):
            STEPS[v](conn)
        conn.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(target),)
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
