"""The digests' own tables in the store's database, and the comparison index that feeds them.

`digest_index` holds each statement's relationship, side, date and precomputed formulations;
`digest_theme_index` is its (relationship, theme, side, date) index, so a comparison reads only
the history of one theme in one relationship. Both are derived from `statements` and caught up
by `refresh()` before every digest; dropping them loses nothing.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from array import array
from datetime import UTC, datetime
from typing import Any

from bot.store import Store
from digests import phrases

SCHEMA_VERSION = 1
_VERSION_KEY = "digests_schema_version"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS digest_index (
    sid        INTEGER PRIMARY KEY,
    meeting_id TEXT NOT NULL,
    rel        TEXT NOT NULL,      -- sorted sides of the meeting joined by '|': the relationship
    side       TEXT,
    event_date TEXT,
    themes     TEXT NOT NULL,
    phrases    TEXT NOT NULL       -- JSON {normalised: as written}
);
CREATE INDEX IF NOT EXISTS digest_index_meeting ON digest_index(meeting_id);
CREATE TABLE IF NOT EXISTS digest_theme_index (
    rel        TEXT NOT NULL,
    theme      TEXT NOT NULL,
    side       TEXT NOT NULL,      -- '' for narration
    event_date TEXT NOT NULL,
    sid        INTEGER NOT NULL,
    PRIMARY KEY (rel, theme, side, event_date, sid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS digest_theme_all ON digest_theme_index(theme, side, event_date);
CREATE INDEX IF NOT EXISTS digest_theme_recent ON digest_theme_index(rel, theme, event_date);
CREATE INDEX IF NOT EXISTS digest_theme_sid ON digest_theme_index(sid);
-- Per meeting, theme and side: the set of formulations used (CRC32 of each normalised phrase and
-- of its 2-4-word parts), so "used before?" reads one small row per earlier meeting.
CREATE TABLE IF NOT EXISTS digest_meeting_phrases (
    rel        TEXT NOT NULL,
    theme      TEXT NOT NULL,
    side       TEXT NOT NULL,
    event_date TEXT NOT NULL,
    meeting_id TEXT NOT NULL,
    keys       BLOB NOT NULL,      -- array('I') of CRC32s
    PRIMARY KEY (rel, theme, event_date, meeting_id, side)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS digest_meeting_phrases_m ON digest_meeting_phrases(meeting_id);
CREATE INDEX IF NOT EXISTS digest_meeting_phrases_all
    ON digest_meeting_phrases(theme, event_date);
CREATE TABLE IF NOT EXISTS digest_meetings (
    meeting_id TEXT PRIMARY KEY,
    sides      TEXT NOT NULL       -- meetings.sides when indexed: a change re-indexes it
);
CREATE TABLE IF NOT EXISTS digest_dirty (sid INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS digest_watermarks (
    destination TEXT PRIMARY KEY,
    sid         INTEGER NOT NULL,
    updated_at  TEXT NOT NULL
);
-- One subscription per channel (Slack channel ids are unique across workspaces; a channel
-- shared through Slack Connect keeps the subscription of the workspace that made it). Every
-- read from Slack is scoped by (enterprise_id, team_id); '' when Slack gives none. Columns
-- after created_at are added to older files by digests.subscriptions._upgrade().
CREATE TABLE IF NOT EXISTS digest_subscriptions (
    channel        TEXT PRIMARY KEY,
    team_id        TEXT NOT NULL DEFAULT '',
    cadence        TEXT NOT NULL CHECK (cadence IN ('daily', 'weekly')),
    at             TEXT NOT NULL,
    tz             TEXT NOT NULL,
    themes         TEXT NOT NULL,      -- JSON list, empty = all
    weekday        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    enterprise_id  TEXT NOT NULL DEFAULT '',
    created_by     TEXT NOT NULL DEFAULT '',  -- Slack user id: failed digests are reported to them
    is_private     INTEGER NOT NULL DEFAULT 0,
    paused         INTEGER NOT NULL DEFAULT 0,
    last_post_at   TEXT,
    last_ts        TEXT,
    last_error     TEXT,               -- Slack's error code of the last failed delivery
    last_error_at  TEXT,
    notified_error TEXT                -- the error the subscriber was last told about
);
-- The exactly-once outbox: one row per digest, moved built -> posted -> done.
CREATE TABLE IF NOT EXISTS digest_outbox (
    digest_id     TEXT PRIMARY KEY,
    channel       TEXT NOT NULL,
    from_sid      INTEGER NOT NULL,
    to_sid        INTEGER NOT NULL,
    payload       TEXT NOT NULL,
    payload_hash  TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('built', 'posted', 'done', 'empty')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_attempt  REAL,
    claimed_by    TEXT,             -- host:pid of the poster of the last attempt
    ts            TEXT,
    thread_ts     TEXT NOT NULL DEFAULT '[]',  -- JSON ts of thread parts posted so far
    advance       INTEGER NOT NULL DEFAULT 1,  -- 0 for --since digests: watermark stays
    error         TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS digest_outbox_open ON digest_outbox(channel, status);
CREATE TABLE IF NOT EXISTS digest_leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at REAL NOT NULL
);
-- A subscription run that fired and is not yet delivered (schedule.py): written before the
-- digest is built, so a poster that dies mid-run leaves it for the next one.
CREATE TABLE IF NOT EXISTS digest_due (
    channel    TEXT PRIMARY KEY,
    due_at     TEXT NOT NULL
);
"""


# Statements changed in place (a correction moving an article to another meeting, a reprint
# filling in a speaker, a replaced article) are queued here by triggers, whoever writes them, so
# a refresh re-indexes exactly those instead of comparing the whole table.
_TRIGGERS = """
CREATE TRIGGER IF NOT EXISTS digest_statement_changed
    AFTER UPDATE OF meeting_id, side, themes, event_date, text ON statements
    BEGIN INSERT OR IGNORE INTO digest_dirty(sid) VALUES (new.sid); END;
CREATE TRIGGER IF NOT EXISTS digest_statement_deleted AFTER DELETE ON statements
    BEGIN INSERT OR IGNORE INTO digest_dirty(sid) VALUES (old.sid); END;
CREATE TRIGGER IF NOT EXISTS digest_meeting_changed AFTER UPDATE OF sides ON meetings
    BEGIN INSERT OR IGNORE INTO digest_dirty(sid)
          SELECT sid FROM statements WHERE meeting_id = new.id; END;
"""
_TRIGGER_NAMES = ("digest_statement_changed", "digest_statement_deleted",
                  "digest_meeting_changed")

# The same three triggers in PostgreSQL's form (a trigger calls a function).
_PG_TRIGGERS = """
CREATE OR REPLACE FUNCTION digest_mark_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO digest_dirty(sid) VALUES (OLD.sid) ON CONFLICT DO NOTHING;
        RETURN OLD;
    END IF;
    INSERT INTO digest_dirty(sid) VALUES (NEW.sid) ON CONFLICT DO NOTHING;
    RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION digest_mark_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO digest_dirty(sid) SELECT sid FROM statements WHERE meeting_id = NEW.id
        ON CONFLICT DO NOTHING;
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER digest_statement_changed
    AFTER UPDATE OF meeting_id, side, themes, event_date, text ON statements
    FOR EACH ROW EXECUTE FUNCTION digest_mark_statement();
CREATE OR REPLACE TRIGGER digest_statement_deleted AFTER DELETE ON statements
    FOR EACH ROW EXECUTE FUNCTION digest_mark_statement();
CREATE OR REPLACE TRIGGER digest_meeting_changed AFTER UPDATE OF sides ON meetings
    FOR EACH ROW EXECUTE FUNCTION digest_mark_meeting();
"""


def _triggers_missing(conn: Any) -> bool:
    if hasattr(conn, "raw"):  # PostgreSQL
        found = {r[0] for r in conn.raw.execute(
            "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND NOT t.tgisinternal")}
    else:
        found = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger'")}
    return not set(_TRIGGER_NAMES) <= found


def _create_triggers(conn: Any) -> None:
    if hasattr(conn, "raw"):
        # Under the schema lock: CREATE OR REPLACE of the same function from two processes
        # at once would otherwise collide in the catalog.
        conn.raw.execute("SELECT pg_advisory_xact_lock($1)", [conn.backend.schema_key])
        conn.raw.execute(_PG_TRIGGERS)
        return
    for stmt in _TRIGGERS.split(";\n"):
        if stmt.strip():
            conn.execute(stmt)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def ensure_schema(store: Store) -> None:
    """Create the digests' tables once per database; refuses a newer layout."""
    if getattr(store, "_digests_schema_ok", False):
        return
    from bot.errors import ReadoutError

    found = int(store.get_meta(_VERSION_KEY, "0") or 0)
    if found > SCHEMA_VERSION:
        raise ReadoutError(f"digest tables were written by a newer Readout ({found})")
    store.conn.executescript(_SCHEMA)
    if found < SCHEMA_VERSION:
        store.set_meta(_VERSION_KEY, str(SCHEMA_VERSION))
    store._digests_schema_ok = True  # type: ignore[attr-defined]


def rel_key(sides: list[str]) -> str:
    return "|".join(sorted(s for s in sides if s and s != "both"))


# -- watermarks -------------------------------------------------------------------------------
def watermark(store: Store, destination: str) -> int:
    ensure_schema(store)
    row = store.conn.execute(
        "SELECT sid FROM digest_watermarks WHERE destination=?", (destination,)
    ).fetchone()
    return int(row[0]) if row else 0


def set_watermark(conn: sqlite3.Connection, destination: str, sid: int) -> None:
    """Only ever forwards, so a late retry of an old digest cannot re-open covered statements."""
    conn.execute(
        "INSERT INTO digest_watermarks(destination, sid, updated_at) VALUES (?,?,?)"
        " ON CONFLICT(destination) DO UPDATE SET sid=max(sid, excluded.sid),"
        " updated_at=excluded.updated_at",
        (destination, sid, now_iso()),
    )


def move_watermark(store: Store, destination: str, sid: int) -> None:
    ensure_schema(store)
    with store.transaction() as c:
        set_watermark(c, destination, sid)


# -- scheduled runs not yet delivered ---------------------------------------------------------
def mark_due(store: Store, channel: str) -> None:
    """The earliest undelivered run is kept: a later one is covered by the same digest."""
    ensure_schema(store)
    store.conn.execute("INSERT OR IGNORE INTO digest_due(channel, due_at) VALUES (?, ?)",
                       (channel, now_iso()))


def clear_due(store: Store, channel: str) -> None:
    store.conn.execute("DELETE FROM digest_due WHERE channel=?", (channel,))


def due_runs(store: Store) -> list[tuple[str, str]]:
    ensure_schema(store)
    return [(str(r[0]), str(r[1])) for r in store.conn.execute(
        "SELECT channel, due_at FROM digest_due ORDER BY due_at, channel")]


def delivered_since(store: Store, channel: str, when: str) -> bool:
    """The channel's watermark moved (a digest delivered, or found empty) at or after `when`."""
    row = store.conn.execute("SELECT updated_at FROM digest_watermarks WHERE destination=?",
                             (channel,)).fetchone()
    return row is not None and str(row[0]) >= when


def max_sid(store: Store) -> int:
    row = store.conn.execute("SELECT max(sid) FROM statements").fetchone()
    return int(row[0] or 0)


# -- comparison index -------------------------------------------------------------------------
def key_hash(key: str) -> int:
    return zlib.crc32(key.encode("utf-8"))


def _stale(c: sqlite3.Connection) -> set[int]:
    """Indexed statements whose meeting, side, themes or date changed in place (corrections,
    a reprint filling in a speaker), or whose meeting's sides changed; and deleted ones."""
    sids = {r[0] for r in c.execute(
        "SELECT d.sid FROM digest_index d LEFT JOIN statements s ON s.sid = d.sid"
        " WHERE s.sid IS NULL OR s.meeting_id != d.meeting_id OR s.side IS NOT d.side"
        " OR s.themes != d.themes OR s.event_date IS NOT d.event_date")}
    moved = [r[0] for r in c.execute(
        "SELECT dm.meeting_id FROM digest_meetings dm LEFT JOIN meetings m"
        " ON m.id = dm.meeting_id WHERE m.id IS NULL OR m.sides != dm.sides")]
    for chunk in _chunks(moved, 500):
        marks = ",".join("?" * len(chunk))
        sids.update(r[0] for r in c.execute(
            f"SELECT sid FROM digest_index WHERE meeting_id IN ({marks})", chunk))
    return sids


def refresh(store: Store) -> int:
    """Catch the comparison index up with the statements table; returns statements (re)indexed.

    New statements (sid past the index's watermark) are added; statements changed in place are
    the ones the triggers queued in `digest_dirty`. Where the triggers were missing (a database
    written before them, or a store migration that rebuilt its tables), the whole index is
    compared with the statements table once.
    """
    ensure_schema(store)
    done_sid = int(store.get_meta("digests_indexed_sid", "0") or 0)
    rules = phrases.default_rules().fingerprint()
    with store.transaction() as c:
        if store.get_meta("digests_phrase_rules") != rules:
            # The phrase configuration changed: every stored formulation is recomputed.
            for table in ("digest_index", "digest_theme_index", "digest_meeting_phrases",
                          "digest_meetings", "digest_dirty"):
                c.execute(f"DELETE FROM {table}")
            done_sid = 0
            c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES"
                      " ('digests_phrase_rules', ?)", (rules,))
        if _triggers_missing(c):
            _create_triggers(c)
            redo = _stale(c)
        else:
            redo = set()
        redo |= {r[0] for r in c.execute("SELECT sid FROM digest_dirty")}
        c.execute("DELETE FROM digest_dirty")
        old_meetings = _meetings_of(c, redo)
        _delete_rows(c, redo)
        sql = ("SELECT s.sid, s.meeting_id, s.side, s.event_date, s.themes, s.text, m.sides"
               " FROM statements s JOIN meetings m ON m.id = s.meeting_id WHERE ")
        rows = list(c.execute(sql + "s.sid > ?", (done_sid,)))
        for chunk in _chunks(sorted(redo), 500):
            rows += c.execute(sql + f"s.sid IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        cache: dict[str, dict[str, str]] = {}
        index_rows_, theme_rows, meetings = [], [], set(old_meetings)
        for r in rows:
            found = cache.get(r["text"])
            if found is None:
                found = cache.setdefault(r["text"], phrases.extract(r["text"]))
            rel = rel_key(json.loads(r["sides"]))
            themes = r["themes"] or ""
            index_rows_.append((r["sid"], r["meeting_id"], rel, r["side"], r["event_date"],
                                themes, json.dumps(found, ensure_ascii=False)))
            if r["event_date"]:
                theme_rows += [(rel, t, r["side"] or "", r["event_date"], r["sid"])
                               for t in themes.split()]
            meetings.add(r["meeting_id"])
        c.executemany("INSERT OR REPLACE INTO digest_index VALUES (?,?,?,?,?,?,?)", index_rows_)
        c.executemany("INSERT OR IGNORE INTO digest_theme_index VALUES (?,?,?,?,?)", theme_rows)
        _rebuild_meetings(c, meetings)
        top = max([done_sid, *(r["sid"] for r in rows)])
        c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('digests_indexed_sid', ?)",
                  (str(top),))
    return len(rows)


def _meetings_of(c: sqlite3.Connection, sids: set[int]) -> set[str]:
    out: set[str] = set()
    for chunk in _chunks(sorted(sids), 500):
        marks = ",".join("?" * len(chunk))
        out.update(r[0] for r in c.execute(
            f"SELECT DISTINCT meeting_id FROM digest_index WHERE sid IN ({marks})", chunk))
    return out


def _delete_rows(c: sqlite3.Connection, sids: set[int]) -> None:
    for chunk in _chunks(sorted(sids), 500):
        marks = ",".join("?" * len(chunk))
        c.execute(f"DELETE FROM digest_index WHERE sid IN ({marks})", chunk)
        c.execute(f"DELETE FROM digest_theme_index WHERE sid IN ({marks})", chunk)


def _rebuild_meetings(c: sqlite3.Connection, meetings: set[str]) -> None:
    """Recompute the per-meeting phrase sets of these meetings from digest_index."""
    parts_cache: dict[str, list[int]] = {}
    for chunk in _chunks(sorted(meetings), 500):
        marks = ",".join("?" * len(chunk))
        c.execute(f"DELETE FROM digest_meeting_phrases WHERE meeting_id IN ({marks})", chunk)
        c.execute(f"DELETE FROM digest_meetings WHERE meeting_id IN ({marks})", chunk)
        sets: dict[tuple[str, str, str, str, str], set[int]] = {}
        for r in c.execute(
            f"SELECT meeting_id, rel, side, event_date, themes, phrases FROM digest_index"
            f" WHERE meeting_id IN ({marks})", chunk,
        ):
            if not r["event_date"]:
                continue
            hashes = parts_cache.get(r["phrases"])
            if hashes is None:
                found = json.loads(r["phrases"])
                hashes = [key_hash(k) for k in {*found, *phrases.parts(found)}]
                parts_cache[r["phrases"]] = hashes
            # (a statement tagged with no theme still says its words: "the importance of
            # upholding the rules-based order" of a line on China, untagged, was "new" again at
            # the next call; it is kept under the theme '')
            for theme in r["themes"].split() or [""]:
                key = (r["rel"], theme, r["side"] or "", r["event_date"], r["meeting_id"])
                sets.setdefault(key, set()).update(hashes)
        c.executemany(
            "INSERT INTO digest_meeting_phrases VALUES (?,?,?,?,?,?)",
            [(*k, array("I", sorted(v)).tobytes()) for k, v in sets.items()],
        )
        c.executemany(
            "INSERT OR REPLACE INTO digest_meetings(meeting_id, sides)"
            " SELECT id, sides FROM meetings WHERE id=?", [(m,) for m in chunk])


def meeting_keys(blob: bytes) -> frozenset[int]:
    arr = array("I")
    arr.frombytes(blob)
    return frozenset(arr)


def index_rows(store: Store, sids: list[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(sids, 500):
        marks = ",".join("?" * len(chunk))
        for r in store.conn.execute(
            f"SELECT * FROM digest_index WHERE sid IN ({marks})", chunk
        ):
            out[r["sid"]] = {
                "sid": r["sid"], "meeting": r["meeting_id"], "rel": r["rel"], "side": r["side"],
                "event_date": r["event_date"], "themes": r["themes"].split(),
                "phrases": json.loads(r["phrases"]),
            }
    return out


def _chunks(items: list[Any], n: int) -> Any:
    for i in range(0, len(items), n):
        yield items[i : i + n]
