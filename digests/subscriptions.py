"""Per-channel digest subscriptions, stored in the database next to the schedule's job store."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import QueryError
from bot.store import Store
from digests import state
from digests.build import Digest, build_digest, validate_themes

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass
class Subscription:
    channel: str
    cadence: str
    at: str = "08:00"
    tz: str = "UTC"
    themes: list[str] = field(default_factory=list)
    weekday: str = "mon"
    team_id: str | None = None

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
) -> Subscription:
    """Create or replace the channel's subscription (one per channel)."""
    if not channel or not channel.strip():
        raise QueryError("a subscription needs a channel")
    cadence, at, tz, day = _validate(cadence, at, tz, weekday)
    wanted = validate_themes(themes) or []
    state.ensure_schema(store)
    with store.transaction() as c:
        c.execute(
            "INSERT OR REPLACE INTO digest_subscriptions(channel, team_id, cadence, at, tz,"
            " themes, weekday, created_at) VALUES (?,?,?,?,?,?,?,?)",
            (channel, team_id, cadence, at, tz, json.dumps(wanted), day, state.now_iso()),
        )
    return Subscription(channel, cadence, at, tz, wanted, day, team_id)


def unsubscribe(store: Store, channel: str) -> int:
    state.ensure_schema(store)
    with store.transaction() as c:
        return c.execute("DELETE FROM digest_subscriptions WHERE channel=?", (channel,)).rowcount


def list_subscriptions(store: Store, channel: str | None = None) -> list[Subscription]:
    state.ensure_schema(store)
    sql, params = "SELECT * FROM digest_subscriptions", ()
    if channel is not None:
        sql, params = sql + " WHERE channel=?", (channel,)
    return [
        Subscription(r["channel"], r["cadence"], r["at"], r["tz"], json.loads(r["themes"]),
                     r["weekday"], r["team_id"])
        for r in store.conn.execute(sql + " ORDER BY channel", params)
    ]


def get_subscription(store: Store, channel: str) -> Subscription | None:
    found = list_subscriptions(store, channel)
    return found[0] if found else None


def preview_digest(store: Store, channel: str) -> Digest:
    """What the channel's next scheduled digest would say now, with its subscription's themes."""
    sub = get_subscription(store, channel)
    return build_digest(store, channel, themes=sub.themes if sub else None)
