"""Schema upgrades, one step per version, run inside one transaction before schema.sql."""

from __future__ import annotations

import sqlite3


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


def migrate(conn: sqlite3.Connection, version: int, target: int) -> None:
    """Bring a database written at `version` up to `target`; all or nothing."""
    if version == 0 or version >= target:
        return
    conn.execute("BEGIN IMMEDIATE")
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
