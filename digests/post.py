"""Post a digest to a Slack channel exactly once, whatever fails.

State machine, one row per digest in `digest_outbox`:

    build   -> row 'built' (channel, sid range, payload, hash)      [committed before any call]
    attempt -> attempts+1, last_attempt=now                          [committed before the call]
    post    -> chat.postMessage with metadata {digest_id, part}
    record  -> 'posted' + ts (+ thread parts) -> 'done' + watermark  [one transaction at the end]

Restarting after a crash resumes the open row instead of building a new digest, so the sid range
(and the watermark that follows it) is exactly what was built: nothing is skipped. Before posting
again after an attempt that may have reached Slack, the channel history since that attempt is
searched for a message carrying the digest's id in its metadata; if found, its ts is recorded
instead of posting twice. Only an attempt whose outcome is unknown (the process died, the
connection dropped, Slack answered 5xx) needs that search: when Slack answered an error such as
`not_in_channel` or 429, nothing was posted. So `conversations.history` (1 request a minute for
apps outside the Marketplace) is called only after a crash or a lost answer, never on the
ordinary path. Slack 429/5xx are retried by slack_sdk's retry handlers, and beyond that the row
stays open for the next run (`pending()`, retried by the scheduler's watcher).

Failures are never silent: the subscription records the last error (the App Home shows it), and
the person who subscribed gets a DM saying what failed and how to fix it, once per error. An
error only a person can fix (`not_in_channel`, a revoked token) waits for the channel's next
scheduled run instead of being retried every few minutes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.store import Store
from digests import state
from digests.build import build_digest
from digests.render_blocks import render_blocks

log = logging.getLogger(__name__)

EVENT_TYPE = "readout_digest"
UNKNOWN = "maybe_posted: "  # prefix of an error after which the post may have reached Slack
REPORT_AFTER = 3  # attempts before a transient failure is reported to the subscriber
# Errors only a person can fix: reported at once, and not retried until the next scheduled run.
PERMANENT = frozenset({
    "not_in_channel", "channel_not_found", "is_archived", "invalid_auth", "token_revoked",
    "token_expired", "account_inactive", "not_authed", "missing_scope", "restricted_action",
    "restricted_action_read_only_channel", "restricted_action_thread_only_channel",
    "team_access_not_granted", "ekm_access_denied", "no_permission", "not_allowed_token_type",
    "org_login_required", "not_installed",
})
FIXES = {
    "not_in_channel": "I am not in the channel any more: invite me with `/invite @readout`"
                      " there",
    "channel_not_found": "the channel is gone, or private without me in it: invite me with"
                         " `/invite @readout`",
    "is_archived": "the channel was archived",
    "invalid_auth": "Readout's token for this workspace no longer works: reinstall the app",
    "token_revoked": "Readout's token for this workspace was revoked: reinstall the app",
    "token_expired": "Readout's token for this workspace expired: reinstall the app",
    "account_inactive": "Readout's token for this workspace no longer works: reinstall the app",
    "not_installed": "Readout is no longer installed in this workspace",
    "missing_scope": "the app lacks a permission: reinstall it from the current manifest",
    "restricted_action": "a workspace setting stops apps posting in that channel",
    "ratelimited": "Slack kept answering 'rate limited'; I will keep trying",
}


def explain(error: str | None) -> str:
    """A failed delivery in words, with what fixes it."""
    if not error:
        return ""
    if error.startswith(UNKNOWN):
        return "Slack could not be reached; I will keep trying"
    return FIXES.get(error, f"Slack answered `{error}`")
CLAIM_SECONDS = 120.0  # another poster's attempt younger than this is still in flight
MAX_ATTEMPTS = 20
HISTORY_SLACK = 30.0  # seconds before an attempt to search from (clock skew)


@dataclass
class PostResult:
    status: str  # posted | already_posted | empty | failed | in_progress
    channel: str
    digest_id: str | None = None
    ts: str | None = None
    thread_ts: list[str] = field(default_factory=list)
    new_statements: int = 0
    error: str | None = None


def crash_point(name: str) -> None:
    """Test hook: READOUT_CRASH_AT=name kills the process here, as a power cut would."""
    if os.environ.get("READOUT_CRASH_AT") == name:
        os._exit(17)


def with_retries(client: WebClient) -> WebClient:
    """Add slack_sdk's own retry handlers for 429 (honours Retry-After), 5xx and resets."""
    have = {type(h) for h in client.retry_handlers}
    for handler in (RateLimitErrorRetryHandler(max_retry_count=2),
                    ServerErrorRetryHandler(max_retry_count=2),
                    ConnectionErrorRetryHandler(max_retry_count=1)):
        if type(handler) not in have:
            client.retry_handlers.append(handler)
    return client


def digest_id_for(channel: str, from_sid: int, to_sid: int, since: str | None) -> str:
    key = f"{channel}\0{from_sid}\0{to_sid}\0{since or ''}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def _open_row(store: Store, channel: str) -> Any:
    return store.conn.execute(
        "SELECT * FROM digest_outbox WHERE channel=? AND status IN ('built', 'posted')"
        " ORDER BY created_at LIMIT 1", (channel,),
    ).fetchone()


def _build_row(store: Store, channel: str, since: date | None) -> tuple[Any, int]:
    from digests.subscriptions import get_subscription

    sub = get_subscription(store, channel)
    digest = build_digest(store, channel, since=since, themes=sub.themes if sub else None)
    if digest.empty:
        if since is None:
            with store.transaction() as c:
                state.set_watermark(c, channel, digest.to_sid)
        return None, 0
    msgs = render_blocks(digest)
    payload = json.dumps({"text": msgs.text, "blocks": msgs.blocks, "thread": msgs.thread},
                         ensure_ascii=False, sort_keys=True)
    did = digest_id_for(channel, digest.from_sid, digest.to_sid, digest.since)
    now = state.now_iso()
    with store.transaction() as c:
        c.execute(
            "INSERT OR IGNORE INTO digest_outbox(digest_id, channel, from_sid, to_sid, payload,"
            " payload_hash, status, advance, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,'built',?,?,?)",
            (did, channel, digest.from_sid, digest.to_sid, payload,
             hashlib.sha256(payload.encode()).hexdigest(), 0 if since else 1, now, now),
        )
    crash_point("after_build")
    row = store.conn.execute("SELECT * FROM digest_outbox WHERE digest_id=?", (did,)).fetchone()
    return row, digest.new_statements


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _holder_gone(holder: str | None) -> bool:
    """A claim by a process on this host that no longer runs (killed mid-post) is void."""
    if not holder or ":" not in holder:
        return True
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return int(pid) == os.getpid()


def _claim(store: Store, row: Any) -> bool:
    """Mark an attempt (committed before calling Slack); False if another poster is on it."""
    now = time.time()
    fresh = (row["last_attempt"] is not None and row["last_attempt"] > now - CLAIM_SECONDS
             and row["error"] is None and not _holder_gone(row["claimed_by"]))
    if fresh:
        return False
    with store.transaction() as c:
        cur = c.execute(
            "UPDATE digest_outbox SET attempts=attempts+1, last_attempt=?, claimed_by=?,"
            " error=NULL, updated_at=? WHERE digest_id=? AND attempts=?",
            (now, _holder(), state.now_iso(), row["digest_id"], row["attempts"]),
        )
    return bool(cur.rowcount)


def _find_posted(
    client: WebClient, channel: str, digest_id: str, part: int, oldest: float,
    thread_ts: str | None = None,
) -> str | None:
    """The ts of a message already carrying this digest part in its metadata, if any."""
    cursor = None
    while True:
        if thread_ts:
            resp = client.conversations_replies(channel=channel, ts=thread_ts, cursor=cursor,
                                                include_all_metadata=True, limit=200)
        else:
            resp = client.conversations_history(channel=channel, oldest=f"{oldest:.6f}",
                                                cursor=cursor, include_all_metadata=True,
                                                limit=200)
        for msg in resp.get("messages", []):
            meta = msg.get("metadata") or {}
            payload = meta.get("event_payload") or {}
            if (meta.get("event_type") == EVENT_TYPE and payload.get("digest_id") == digest_id
                    and int(payload.get("part", 0)) == part):
                return str(msg["ts"])
        cursor = (resp.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return None


def _send(
    client: WebClient, row: Any, part: int, text: str, blocks: list[dict[str, Any]],
    previous_attempt: float | None, thread_ts: str | None = None,
) -> tuple[str, bool]:
    """Post one part; (ts, True) when an earlier attempt had already posted it.
    `previous_attempt` is the time of an earlier attempt whose outcome is unknown."""
    channel, did = row["channel"], row["digest_id"]
    if previous_attempt is not None:
        try:
            found = _find_posted(client, channel, did, part, previous_attempt - HISTORY_SLACK,
                                 thread_ts)
        except SlackApiError as exc:
            # Without history access we cannot tell; say so and post (at least once).
            log.warning("cannot check %s history (%s); posting digest %s part %d",
                        channel, exc.response.get("error"), did, part)
            found = None
        if found:
            return found, True
    resp = client.chat_postMessage(
        channel=channel, text=text, blocks=blocks, thread_ts=thread_ts,
        metadata={"event_type": EVENT_TYPE, "event_payload": {"digest_id": did, "part": part}},
        unfurl_links=False, unfurl_media=False,
    )
    return str(resp["ts"]), False


def _outcome_unknown(row: Any) -> bool:
    """Did the last attempt perhaps reach Slack? (It died without an answer, or the answer was
    lost.) An attempt Slack answered with an error, 429 included, posted nothing."""
    return row["last_attempt"] is not None and (
        row["error"] is None or str(row["error"]).startswith(UNKNOWN))


def _error_of(exc: Exception) -> str:
    if isinstance(exc, SlackApiError):
        status = getattr(exc.response, "status_code", 200)
        code = str(exc.response.get("error") or f"http_{status}")
        return f"{UNKNOWN}{code}" if status >= 500 else code
    return f"{UNKNOWN}{type(exc).__name__}: {exc}"


def _deliver(store: Store, client: WebClient, row: Any, new_statements: int) -> PostResult:
    did, channel = row["digest_id"], row["channel"]
    previous = row["last_attempt"] if _outcome_unknown(row) else None
    if not _claim(store, row):
        return PostResult("in_progress", channel, did)
    payload = json.loads(row["payload"])
    ts = row["ts"]
    reused = False
    try:
        if ts is None:
            ts, reused = _send(client, row, 0, payload["text"], payload["blocks"], previous)
            crash_point("after_post")
            with store.transaction() as c:
                c.execute("UPDATE digest_outbox SET status='posted', ts=?, updated_at=?"
                          " WHERE digest_id=?", (ts, state.now_iso(), did))
        threads: list[str] = json.loads(row["thread_ts"])
        for part, blocks in enumerate(payload["thread"], start=1):
            if part <= len(threads):
                continue
            part_ts, _again = _send(client, row, part, f"{payload['text']} (continued)", blocks,
                            previous, thread_ts=ts)
            threads.append(part_ts)
            with store.transaction() as c:
                c.execute("UPDATE digest_outbox SET thread_ts=? WHERE digest_id=?",
                          (json.dumps(threads), did))
        with store.transaction() as c:
            c.execute("UPDATE digest_outbox SET status='done', updated_at=? WHERE digest_id=?",
                      (state.now_iso(), did))
            if row["advance"]:
                state.set_watermark(c, channel, row["to_sid"])
        crash_point("after_record")
    except (SlackApiError, SlackClientError, OSError) as exc:
        error = _error_of(exc)
        with store.transaction() as c:
            c.execute("UPDATE digest_outbox SET error=?, updated_at=? WHERE digest_id=?",
                      (error, state.now_iso(), did))
        log.warning("posting digest %s to %s failed: %s", did, channel, error)
        _report(store, client, channel, error, row["attempts"] + 1)
        return PostResult("failed", channel, did, ts, new_statements=new_statements,
                          error=error)
    _recorded(store, channel, ts)
    status = "already_posted" if reused or row["ts"] else "posted"
    return PostResult(status, channel, did, ts, threads, new_statements)


def _recorded(store: Store, channel: str, ts: str | None) -> None:
    from digests.subscriptions import record_post

    record_post(store, channel, ts)


def _report(store: Store, client: WebClient, channel: str, error: str, attempts: int) -> None:
    """The subscription shows the error; its subscriber hears of it once, by DM: at once for
    an error only a person can fix, after REPORT_AFTER attempts for one that may pass."""
    from digests.subscriptions import record_error

    notify = error in PERMANENT or attempts >= REPORT_AFTER
    sub = record_error(store, channel, error) if notify else None
    if not notify:
        from digests.subscriptions import get_subscription

        found = get_subscription(store, channel)
        if found is not None:  # show it in the App Home, but do not mark anyone told
            with store.transaction() as c:
                c.execute("UPDATE digest_subscriptions SET last_error=?, last_error_at=?"
                          " WHERE channel=?", (error, state.now_iso(), channel))
    if sub is None or not sub.created_by:
        return
    text = (f"Readout could not post the {sub.cadence} digest to <#{channel}>:"
            f" {explain(error)}.")
    try:
        client.chat_postMessage(channel=sub.created_by, text=text, blocks=[
            {"type": "section", "text": {"type": "mrkdwn", "text": f":warning: {text}"}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text":
                "You get this because you subscribed that channel. The digest goes out at its"
                " next scheduled time once this is fixed; nothing is skipped."}]},
        ])
    except (SlackApiError, SlackClientError, OSError) as exc:
        log.warning("could not tell the subscriber of %s about %s: %s", channel, error, exc)


def post_digest(
    store: Store, channel: str, client: WebClient, since: date | None = None
) -> PostResult:
    """Deliver the channel's open digest if one is pending, else build and deliver a new one.
    A scheduled run always tries; the watcher's retries (`pending()`) stop after MAX_ATTEMPTS
    and leave the digest to the channel's next scheduled run."""
    state.ensure_schema(store)
    with_retries(client)
    row = _open_row(store, channel)
    count = 0
    if row is None:
        row, count = _build_row(store, channel, since)
        if row is None:
            return PostResult("empty", channel)
    else:
        count = row["to_sid"] - row["from_sid"]  # upper bound; the payload has the detail
    return _deliver(store, client, row, count)


def pending(store: Store) -> list[str]:
    """Channels with a digest built but not yet delivered, that a retry may now deliver: not
    paused, not waiting for a person to fix a permanent error, not tried MAX_ATTEMPTS times
    already (those go out at the channel's next scheduled run)."""
    from digests.subscriptions import list_subscriptions

    state.ensure_schema(store)
    active = {s.channel for s in list_subscriptions(store)}
    out = []
    for channel, error, attempts in store.conn.execute(
        "SELECT channel, error, attempts FROM digest_outbox WHERE status IN ('built', 'posted')"
        " ORDER BY created_at"
    ):
        if channel in out or error in PERMANENT or (error and attempts >= MAX_ATTEMPTS):
            continue
        if channel in active or not _subscribed(store, channel):
            out.append(channel)  # a one-off `readout digest --post` has no subscription
    return out


def _subscribed(store: Store, channel: str) -> bool:
    from digests.subscriptions import get_subscription

    return get_subscription(store, channel) is not None
