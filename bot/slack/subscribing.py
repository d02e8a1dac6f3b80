"""Setting up a channel's digest from Slack: the one-line form, the modal, the checks.

`/readout subscribe daily 08:00 Asia/Seoul` and the modal (App Home button, or a bare
`/readout subscribe`) end in the same `subscribe_channel()`: the bot makes sure it can post in
the channel (joins a public channel with `channels:join`; for a private one it says how to
invite it), the time zone defaults to the subscriber's own (`users.info`), the subscription is
stored with who made it (failed digests are reported to them), and the channel is told in a
message that a bot will post there.
"""

from __future__ import annotations

import difflib
import json
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import QueryError, ReadoutError
from bot.slack.blocks import esc

log = logging.getLogger(__name__)

MODAL = "readout_subscribe"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TIME = re.compile(r"^([01]?\d|2[0-3])(?::([0-5]\d))?\s*(am|pm)?$", re.IGNORECASE)
_CHANNEL_REF = re.compile(r"^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$")


@dataclass
class Spec:
    cadence: str = "daily"
    weekday: str | None = None
    at: str = "08:00"
    tz: str | None = None  # None: the subscriber's own time zone
    themes: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    return {z.lower(): z for z in available_timezones()}


def check_zone(word: str) -> str:
    """An IANA time zone, spelled in any case; a one-line error with close names if not."""
    found = _zones().get(word.strip().lower())
    if found:
        try:
            ZoneInfo(found)
            return found
        except (ZoneInfoNotFoundError, ValueError):
            pass
    close = difflib.get_close_matches(word.strip().lower(), list(_zones()), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(_zones()[c] for c in close)}?" if close else \
        "; use an IANA name such as Asia/Seoul, Europe/Paris or UTC"
    raise QueryError(f"unknown time zone {word!r}{hint}")


def parse_time(word: str) -> str | None:
    m = _TIME.match(word.strip())
    if not m or (m.group(2) is None and m.group(3) is None):
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3):
        if hour == 0 or hour > 12:
            return None
        hour = hour % 12 + (12 if m.group(3).lower() == "pm" else 0)
    return f"{hour:02d}:{minute:02d}"


def parse_weekday(word: str) -> str | None:
    w = word.strip().lower().rstrip("s")
    if len(w) >= 3:
        for short, name in zip(WEEKDAYS, DAY_NAMES, strict=True):
            if name.lower().startswith(w) or w == short:
                return short
    return None


def parse_spec(words: list[str]) -> Spec:
    """`daily|weekly [weekday] [HH:MM] [Area/City] [theme …]`, in any order after the cadence;
    a weekday alone means weekly. Unknown words get a one-line error with close matches."""
    from bot.analysis.themes import default_taxonomy
    from bot.lookups.queries import check_theme

    spec = Spec()
    rest = list(words)
    if rest and rest[0].lower() in ("daily", "weekly"):
        spec.cadence = rest.pop(0).lower()
    elif rest and parse_weekday(rest[0]):
        spec.cadence = "weekly"
    else:
        raise QueryError("say daily or weekly first, e.g. `/readout subscribe daily 08:00"
                         " Asia/Seoul` (or `/readout subscribe` alone for a form)")
    for word in rest:
        at, day = parse_time(word), parse_weekday(word)
        if at:
            spec.at = at
        elif day and spec.cadence == "weekly":
            spec.weekday = day
        elif "/" in word or word.upper() in ("UTC", "GMT") or word.lower() in _zones():
            spec.tz = check_zone(word)
        else:
            tax = default_taxonomy()
            try:
                spec.themes.append(check_theme(word))
            except QueryError:
                close = difflib.get_close_matches(word.lower(), list(tax.ids()), n=3, cutoff=0.6)
                hint = f" (did you mean {', '.join(close)}?)" if close else \
                    " (`/readout themes` lists the themes)"
                raise QueryError(f"{word!r} is not a time, weekday, time zone or theme{hint}"
                                 ) from None
    if spec.cadence == "weekly" and spec.weekday is None:
        spec.weekday = "mon"
    spec.themes = list(dict.fromkeys(spec.themes))
    return spec


def user_zone(client: WebClient | None, user_id: str) -> str:
    """The user's time zone from their Slack profile; UTC if Slack will not say."""
    if client is None or not user_id:
        return "UTC"
    try:
        tz = (client.users_info(user=user_id).get("user") or {}).get("tz")
        return check_zone(tz) if tz else "UTC"
    except (SlackApiError, QueryError) as exc:
        log.info("no time zone for a user (%s); using UTC", exc)
        return "UTC"


def ensure_member(client: WebClient, channel: str) -> bool:
    """Make sure the bot can post in `channel`; True if it is private. Joins public channels;
    a private one must invite the bot, and the error says how."""
    invite = "invite me there with `/invite @readout`, then subscribe again"
    if channel.startswith("D"):
        raise ReadoutError("digests go to channels, not DMs: run `/readout subscribe` in a"
                           " channel, or pick one in the form")
    try:
        info = client.conversations_info(channel=channel).get("channel") or {}
    except SlackApiError as exc:
        error = exc.response.get("error")
        if error == "channel_not_found":
            raise ReadoutError(f"I cannot see that channel: if it is private, {invite}") from None
        raise ReadoutError(f"I could not check that channel ({error})") from None
    if info.get("is_im") or info.get("is_mpim"):
        raise ReadoutError("digests go to channels, not DMs or group DMs")
    if info.get("is_archived"):
        raise ReadoutError("that channel is archived")
    private = bool(info.get("is_private") or info.get("is_group"))
    if not info.get("is_member"):
        if private:
            raise ReadoutError(f"I am not in that private channel: {invite}")
        try:
            client.conversations_join(channel=channel)
        except SlackApiError as exc:
            raise ReadoutError(f"I could not join that channel"
                               f" ({exc.response.get('error')}): {invite}") from None
    return private


def when(sub: Any) -> str:
    if sub.cadence == "weekly":
        return f"every {DAY_NAMES[WEEKDAYS.index(sub.weekday)]} at {sub.at} {sub.tz}"
    return f"every day at {sub.at} {sub.tz}"


def describe(sub: Any) -> str:
    """One subscription as mrkdwn: the channel, when, which themes."""
    themes = f", themes {', '.join(sub.themes)}" if sub.themes else ", every theme"
    paused = " _(paused)_" if getattr(sub, "paused", False) else ""
    return f"<#{esc(sub.channel)}> {esc(sub.cadence)}, {esc(when(sub))}{esc(themes)}{paused}"


def subscribe_channel(client: WebClient, store: Any, *, team_id: str | None,
                      enterprise_id: str | None, user_id: str, channel: str, spec: Spec,
                      announce: bool = True) -> Any:
    """Check, store and announce a subscription; ReadoutError says what to do instead."""
    from digests import subscriptions

    existing = subscriptions.get_subscription(store, channel)
    if existing and existing.team_id not in ("", team_id or ""):
        raise ReadoutError("that channel already gets a digest from Readout in another"
                           " workspace")
    private = ensure_member(client, channel)
    tz = spec.tz or user_zone(client, user_id)
    sub = subscriptions.subscribe(
        store, channel, spec.cadence, at=spec.at, tz=tz, themes=spec.themes or None,
        team_id=team_id, weekday=spec.weekday or "mon", enterprise_id=enterprise_id,
        created_by=user_id, is_private=private)
    if announce:
        try:
            client.chat_postMessage(channel=channel, unfurl_links=False, **announcement(sub))
        except SlackApiError as exc:
            log.warning("could not announce a subscription: %s", exc.response.get("error"))
    return sub


def announcement(sub: Any) -> dict[str, Any]:
    """The in-channel note: the channel learns that a bot will post here, and who set it up."""
    from bot.slack.blocks import USER_ID

    who = f"<@{sub.created_by}>" if USER_ID.fullmatch(sub.created_by or "") else "Someone"
    rest = (f" subscribed this channel to a {sub.cadence} Readout digest, {when(sub)}"
            f"{' on ' + ', '.join(sub.themes) if sub.themes else ''}.")
    return {"text": f"This channel will get a {sub.cadence} Readout digest",
            "blocks": [
                {"type": "section", "text": {"type": "mrkdwn", "text": who + esc(rest)}},
                {"type": "context", "elements": [{"type": "mrkdwn", "text":
                    "Change it from Readout's App Home; stop it with `/readout unsubscribe`."}]},
            ]}


# -- failures, in words ------------------------------------------------------------------------
FIXES = {
    "not_in_channel": "I am no longer in the channel: invite me with `/invite @readout` there",
    "channel_not_found": "the channel is gone, or private without me in it: invite me with"
                         " `/invite @readout`",
    "is_archived": "the channel was archived",
    "invalid_auth": "Readout's token for this workspace no longer works: reinstall the app",
    "token_revoked": "Readout's token for this workspace was revoked: reinstall the app",
    "account_inactive": "Readout's token for this workspace no longer works: reinstall the app",
    "missing_scope": "the app lacks a permission: reinstall it from the current manifest",
    "restricted_action": "a workspace setting stops apps posting in that channel",
}


def explain(error: str | None) -> str:
    if not error:
        return ""
    return FIXES.get(error, f"Slack answered {error}")


# -- the modal ---------------------------------------------------------------------------------
def modal(tz: str, sub: Any = None, channel: str | None = None) -> dict[str, Any]:
    """The subscription form; `sub` pre-fills it to edit an existing subscription."""
    from bot.analysis.themes import default_taxonomy

    tax = default_taxonomy()

    def opt(text: str, value: str) -> dict[str, Any]:
        return {"text": {"type": "plain_text", "text": text[:75]}, "value": value}

    theme_opts = [opt(t.label, t.id) for t in tax.themes.values()][:100]
    cadence = sub.cadence if sub else "daily"
    weekday = sub.weekday if sub else "mon"
    picker: dict[str, Any] = {
        "type": "conversations_select", "action_id": "v",
        "filter": {"include": ["public", "private"], "exclude_bot_users": True},
        "placeholder": {"type": "plain_text", "text": "Pick a channel"}}
    if sub or channel:
        picker["initial_conversation"] = sub.channel if sub else channel
    else:
        picker["default_to_current_conversation"] = True
    themes_el: dict[str, Any] = {"type": "multi_static_select", "action_id": "v",
                                 "options": theme_opts,
                                 "placeholder": {"type": "plain_text", "text": "Every theme"}}
    if sub and sub.themes:
        themes_el["initial_options"] = [o for o in theme_opts if o["value"] in sub.themes]
    day_opts = [opt(n, d) for d, n in zip(WEEKDAYS, DAY_NAMES, strict=True)]
    cadence_opts = [opt("Every day", "daily"), opt("Every week", "weekly")]
    blocks = [
        _input("channel", "Channel", picker),
        _input("cadence", "How often", {
            "type": "radio_buttons", "action_id": "v", "options": cadence_opts,
            "initial_option": cadence_opts[0 if cadence == "daily" else 1]}),
        _input("weekday", "Day (weekly digests)", {
            "type": "static_select", "action_id": "v", "options": day_opts,
            "initial_option": day_opts[WEEKDAYS.index(weekday)]}, optional=True),
        _input("at", "Time", {"type": "timepicker", "action_id": "v",
                              "initial_time": sub.at if sub else "08:00"}),
        _input("tz", "Time zone", {"type": "plain_text_input", "action_id": "v",
                                   "initial_value": sub.tz if sub else tz,
                                   "placeholder": {"type": "plain_text",
                                                   "text": "Asia/Seoul"}},
               hint="An IANA name such as Asia/Seoul, Europe/Paris or UTC; yours by default."),
        _input("themes", "Themes", themes_el, optional=True,
               hint="Leave empty for every theme."),
    ]
    return {
        "type": "modal", "callback_id": MODAL,
        "title": {"type": "plain_text", "text": "Digest subscription"},
        "submit": {"type": "plain_text", "text": "Save" if sub else "Subscribe"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": json.dumps({"edit": sub.channel if sub else None}),
        "blocks": blocks,
    }


def _input(block_id: str, label: str, element: dict[str, Any], optional: bool = False,
           hint: str | None = None) -> dict[str, Any]:
    block = {"type": "input", "block_id": block_id, "optional": optional,
             "label": {"type": "plain_text", "text": label}, "element": element}
    if hint:
        block["hint"] = {"type": "plain_text", "text": hint}
    return block


def read_modal(view: dict[str, Any]) -> tuple[str | None, Spec, dict[str, str]]:
    """(channel, spec, errors by block id) from a submitted form."""
    values = (view.get("state") or {}).get("values") or {}

    def v(block: str) -> dict[str, Any]:
        return (values.get(block) or {}).get("v") or {}

    errors: dict[str, str] = {}
    channel = v("channel").get("selected_conversation")
    if not channel:
        errors["channel"] = "Pick a channel."
    cadence = (v("cadence").get("selected_option") or {}).get("value") or "daily"
    if cadence not in ("daily", "weekly"):
        errors["cadence"] = "Daily or weekly."
    weekday = (v("weekday").get("selected_option") or {}).get("value") or "mon"
    if weekday not in WEEKDAYS:
        errors["weekday"] = "Pick a day."
    at = parse_time(v("at").get("selected_time") or "") or ""
    if not at:
        errors["at"] = "Pick a time."
    tz = (v("tz").get("value") or "").strip()
    try:
        tz = check_zone(tz or "UTC")
    except QueryError as exc:
        errors["tz"] = str(exc)[:150]
    themes = [o.get("value") for o in v("themes").get("selected_options") or []]
    valid = set(_theme_ids())
    if any(t not in valid for t in themes):
        errors["themes"] = "Pick themes from the list."
    spec = Spec(cadence, weekday if cadence == "weekly" else None, at or "08:00", tz,
                [t for t in themes if t in valid])
    return channel, spec, errors


def _theme_ids() -> list[str]:
    from bot.analysis.themes import default_taxonomy

    return list(default_taxonomy().ids())
