"""Per-channel digest subscriptions, stored in the database next to the schedule's job store.

Every Slack-facing read and write names the workspace: `(team_id, enterprise_id)`, '' where
Slack gives none. `list_subscriptions()` without a team is the scheduler's view (active
subscriptions of every workspace); the Slack app uses `workspace_subscriptions()`.

A subscription remembers who made it (failed digests are reported to them), whether it is
paused (the scheduler skips it), and how its last delivery went: `record_post()` and
`record_error()` are called by digests/post.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import QueryError
from bot.store import Store
from digests import state
from digests.build import Digest, build_digest, validate_themes

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

# Columns added after the first layout (name, DDL): `_upgrade()` adds the missing ones.
_NEW_COLUMNS = (
    ("enterprise_id", "TEXT NOT NULL DEFAULT ''"),
    ("created_by", "TEXT NOT NULL DEFAULT ''"),
    ("is_private", "INTEGER NOT NULL DEFAULT 0"),
    ("paused", "INTEGER NOT NULL DEFAULT 0"),
    ("last_post_at", "TEXT"),
    ("last_ts", "TEXT"),
    ("last_error", "TEXT"),
    ("last_error_at", "TEXT"),
    ("notified_error", "TEXT"),
)


@dataclass
class Subscription:
    channel: str
    cadence: str
    at: str = "08:00"
    tz: str = "UTC"
    themes: list[str] = field(default_factory=list)
    weekday: str = "mon"
    team_id: str | None = None
    enterprise_id: str = ""
    created_by: str = ""
    is_private: bool = False
    paused: bool = False
    last_post_at: str | None = None
    last_ts: str | None = None
    last_error: str | None = None
    last_error_at: str | None = None
    notified_error: str | None = None

    @property
    def hour(self) -> int:
        return int(self.at.split(":")[0])

    @property
    def minute(self) -> int:
        return int(self.at.split(":")[1])

    def describe(self) -> str:
        when = f"every day at {self.at}" if self.cadence == "daily" else \
            f"every {self.weekday.capitalize()} at {self.at}"
        themes = f" on {', '.join(self.themes)}" if self.themes else ""
        return f"{self.channel}: {when} {self.tz}{themes}"


def _key(value: str | None) -> str:
    return value or ""


def _ensure(store: Store) -> None:
    state.ensure_schema(store)
    if not getattr(store, "_digest_subscriptions_ok", False):
        _upgrade(store)
        store._digest_subscriptions_ok = True  # type: ignore[attr-defined]


def _upgrade(store: Store) -> None:
    """Add the columns a database made by an older Readout lacks; idempotent, and harmless
    when two processes race (the loser finds the column there)."""
    cur = store.conn.execute("SELECT * FROM digest_subscriptions WHERE 1=0")
    have = {d[0] for d in cur.description}
    for name, ddl in _NEW_COLUMNS:
        if name in have:
            continue
        try:
            with store.transaction() as c:
                c.execute(f"ALTER TABLE digest_subscriptions ADD COLUMN {name} {ddl}")
        except Exception as exc:  # another process added it first
            if "duplicate" not in str(exc).lower() and "exists" not in str(exc).lower():
                raise
    with store.transaction() as c:
        c.execute("UPDATE digest_subscriptions SET team_id='' WHERE team_id IS NULL")


def _validate(cadence: str, at: str, tz: str, weekday: str) -> tuple[str, str, str, str]:
    cadence = cadence.strip().lower()
    if cadence not in ("daily", "weekly"):
        raise QueryError(f"cadence must be daily or weekly, not {cadence!r}")
    m = _TIME.match(at.strip())
    if not m:
        raise QueryError(f"time must be HH:MM on a 24-hour clock (e.g. 08:00), not {at!r}")
    at = f"{int(m.group(1)):02d}:{m.group(2)}"
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise QueryError(
            f"unknown time zone {tz!r}; use an IANA name such as Asia/Seoul or UTC"
        ) from exc
    day = weekday.strip().lower()[:3]
    if day not in WEEKDAYS:
        raise QueryError(f"weekday must be one of {', '.join(WEEKDAYS)}, not {weekday!r}")
    return cadence, at, tz, day


def subscribe(
    store: Store,
    channel: str,
    cadence: str,
    at: str = "08:00",
    tz: str = "UTC",
    themes: list[str] | None = None,
    team_id: str | None = None,
    weekday: str = "mon",
    *,
    enterprise_id: str | None = None,
    created_by: str | None = None,
    is_private: bool = False,
) -> Subscription:
    """Create or replace the channel's subscription (one per channel). Replacing one made by
    another workspace is refused; a row from before workspaces were recorded is adopted."""
    if not channel or not channel.strip():
        raise QueryError("a subscription needs a channel")
    cadence, at, tz, day = _validate(cadence, at, tz, weekday)
    wanted = validate_themes(themes) or []
    _ensure(store)
    team, ent = _key(team_id), _key(enterprise_id)
    with store.transaction() as c:
        row = c.execute("SELECT team_id, enterprise_id FROM digest_subscriptions"
                        " WHERE channel=?", (channel,)).fetchone()
        if row is not None and _key(row[0]) not in ("", team):
            raise QueryError("that channel already gets a digest from another workspace")
        c.execute(
            "INSERT INTO digest_subscriptions(channel, team_id, cadence, at, tz, themes,"
            " weekday, created_at, enterprise_id, created_by, is_private, paused)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,0)"
            " ON CONFLICT(channel) DO UPDATE SET team_id=excluded.team_id,"
            " cadence=excluded.cadence, at=excluded.at, tz=excluded.tz,"
            " themes=excluded.themes, weekday=excluded.weekday,"
            " enterprise_id=excluded.enterprise_id, created_by=excluded.created_by,"
            " is_private=excluded.is_private, paused=0, last_error=NULL,"
            " last_error_at=NULL, notified_error=NULL",
            (channel, team, cadence, at, tz, json.dumps(wanted), day, state.now_iso(), ent,
             _key(created_by), int(is_private)),
        )
    found = get_subscription(store, channel)
    assert found is not None
    return found


def unsubscribe(store: Store, channel: str, team_id: str | None = None) -> int:
    """Remove the channel's subscription; with `team_id`, only if that workspace made it."""
    _ensure(store)
    sql, params = "DELETE FROM digest_subscriptions WHERE channel=?", [channel]
    if team_id is not None:
        sql, params = sql + " AND team_id IN (?, '')", [channel, _key(team_id)]
    with store.transaction() as c:
        return c.execute(sql, tuple(params)).rowcount


def _from_row(r: Any) -> Subscription:
    keys = r.keys() if hasattr(r, "keys") else []

    def get(name: str, default: Any = None) -> Any:
        return r[name] if name in keys else default

    return Subscription(
        r["channel"], r["cadence"], r["at"], r["tz"], json.loads(r["themes"]), r["weekday"],
        r["team_id"] or "", get("enterprise_id") or "", get("created_by") or "",
        bool(get("is_private", 0)), bool(get("paused", 0)), get("last_post_at"),
        get("last_ts"), get("last_error"), get("last_error_at"), get("notified_error"))


def _select(store: Store, where: str, params: tuple[Any, ...]) -> list[Subscription]:
    _ensure(store)
    return [_from_row(r) for r in store.conn.execute(
        f"SELECT * FROM digest_subscriptions WHERE {where} ORDER BY channel", params)]


def list_subscriptions(store: Store, channel: str | None = None) -> list[Subscription]:
    """Active (not paused) subscriptions of every workspace: what the scheduler runs."""
    if channel is not None:
        return _select(store, "paused=0 AND channel=?", (channel,))
    return _select(store, "paused=0", ())


def workspace_subscriptions(store: Store, team_id: str | None,
                            enterprise_id: str | None = None) -> list[Subscription]:
    """One workspace's subscriptions, paused ones included: what its users may see."""
    return _select(store, "team_id=? AND enterprise_id=?",
                   (_key(team_id), _key(enterprise_id)))


def get_subscription(store: Store, channel: str, team_id: str | None = None,
                     enterprise_id: str | None = None) -> Subscription | None:
    """The channel's subscription (paused or not); with a workspace, only if it is that one's."""
    found = _select(store, "channel=?", (channel,))
    sub = found[0] if found else None
    if sub is not None and team_id is not None and (
            sub.team_id != _key(team_id) or sub.enterprise_id != _key(enterprise_id)):
        return None
    return sub


def set_paused(store: Store, channel: str, paused: bool, team_id: str | None,
               enterprise_id: str | None = None) -> bool:
    _ensure(store)
    with store.transaction() as c:
        return bool(c.execute(
            "UPDATE digest_subscriptions SET paused=? WHERE channel=? AND team_id=?"
            " AND enterprise_id=?",
            (int(paused), channel, _key(team_id), _key(enterprise_id))).rowcount)


def adopt_unscoped(store: Store, team_id: str, enterprise_id: str | None = None) -> int:
    """Give subscriptions made before workspaces were recorded to the one workspace a single
    bot token serves."""
    _ensure(store)
    with store.transaction() as c:
        return c.execute("UPDATE digest_subscriptions SET team_id=?, enterprise_id=?"
                         " WHERE team_id=''", (team_id, _key(enterprise_id))).rowcount


def record_post(store: Store, channel: str, ts: str | None) -> None:
    _ensure(store)
    with store.transaction() as c:
        c.execute("UPDATE digest_subscriptions SET last_post_at=?, last_ts=?, last_error=NULL,"
                  " last_error_at=NULL, notified_error=NULL WHERE channel=?",
                  (state.now_iso(), ts, channel))


def record_error(store: Store, channel: str, error: str) -> Subscription | None:
    """Note a failed delivery; the subscription if its subscriber has not been told of this
    error yet (and marks them told), else None."""
    _ensure(store)
    with store.transaction() as c:
        c.execute("UPDATE digest_subscriptions SET last_error=?, last_error_at=?"
                  " WHERE channel=?", (error, state.now_iso(), channel))
        cur = c.execute("UPDATE digest_subscriptions SET notified_error=? WHERE channel=?"
                        " AND (notified_error IS NULL OR notified_error != ?)",
                        (error, channel, error))
        told = bool(cur.rowcount)
    return get_subscription(store, channel) if told else None


def next_run(sub: Subscription, now: datetime | None = None) -> datetime | None:
    """When the scheduler will next post it (None while paused): the same cron rule."""
    if sub.paused:
        return None
    from apscheduler.triggers.cron import CronTrigger

    tz = ZoneInfo(sub.tz)
    if sub.cadence == "weekly":
        trigger = CronTrigger(day_of_week=sub.weekday, hour=sub.hour, minute=sub.minute,
                              timezone=tz)
    else:
        trigger = CronTrigger(hour=sub.hour, minute=sub.minute, timezone=tz)
    return trigger.get_next_fire_time(None, now or datetime.now(tz))


def remove_workspace(store: Store, team_id: str | None,
                     enterprise_id: str | None = None) -> list[str]:
    """An uninstalled workspace's subscriptions and the digest state of their channels
    (watermarks, undelivered digests) are deleted; returns the channels."""
    _ensure(store)
    team, ent = _key(team_id), _key(enterprise_id)
    with store.transaction() as c:
        channels = [r[0] for r in c.execute(
            "SELECT channel FROM digest_subscriptions WHERE team_id=? AND enterprise_id=?",
            (team, ent))]
        for ch in channels:
            c.execute("DELETE FROM digest_outbox WHERE channel=?", (ch,))
            c.execute("DELETE FROM digest_watermarks WHERE destination=?", (ch,))
        c.execute("DELETE FROM digest_subscriptions WHERE team_id=? AND enterprise_id=?",
                  (team, ent))
    return channels


def preview_digest(store: Store, channel: str, team_id: str | None = None,
                   enterprise_id: str | None = None) -> Digest:
    """What the channel's next scheduled digest would say now, with its subscription's themes."""
    sub = get_subscription(store, channel, team_id, enterprise_id)
    return build_digest(store, channel, themes=sub.themes if sub else None)


def as_dict(sub: Subscription) -> dict[str, Any]:
    return {k: getattr(sub, k) for k in Subscription.__dataclass_fields__}


def enterprise_of(store: Store, team_id: str | None) -> str | None:
    """The Enterprise Grid org a workspace's subscriptions were made in, if any."""
    _ensure(store)
    row = store.conn.execute("SELECT enterprise_id FROM digest_subscriptions WHERE team_id=?"
                             " AND enterprise_id != '' LIMIT 1", (_key(team_id),)).fetchone()
    return row[0] if row else None
