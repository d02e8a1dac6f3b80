"""Link unfurls: a link to an indexed article shows its meeting, date and key statements.

Slack sends `link_shared` for links on the domains the manifest lists (`unfurl_domains`); the
app answers with `chat.unfurl` for the links it has indexed and stays silent for the rest.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import ReadoutError
from bot.slack.blocks import esc, meeting_label, side_label
from bot.store import Store

log = logging.getLogger(__name__)

KEY_STATEMENTS = 3
QUOTE = 280  # characters of a statement in an unfurl; the full text is one click away


def _article(store: Store, url: str) -> str | None:
    if not url.startswith(("http://", "https://")):
        return None
    try:
        return store.find_article(url.strip("<>").split("|")[0])
    except ReadoutError:
        return None


def key_statements(statements: list[dict[str, Any]], n: int = KEY_STATEMENTS) -> list[dict]:
    """One statement per speaker first (people before narration), in the report's order."""
    picked: list[dict[str, Any]] = []
    speakers: set[str] = set()
    for st in statements:
        if st.get("speaker") and st["speaker"] not in speakers:
            speakers.add(st["speaker"])
            picked.append(st)
    for st in statements:
        if len(picked) >= n:
            break
        if st not in picked:
            picked.append(st)
    return picked[:n]


def unfurl_blocks(store: Store, url: str) -> list[dict[str, Any]] | None:
    aid = _article(store, url)
    if aid is None:
        return None
    statements = list(store.iter_statements("s.article_id=?", (aid,)))
    meeting = store.meeting(statements[0]["meeting"]) if statements else None
    date = (meeting or {}).get("event_date") or (statements[0].get("event_date")
                                                 if statements else None) or "undated"
    title = f"*{esc(meeting_label(meeting))}* · {esc(date)}"
    if meeting and meeting.get("occasion"):
        title += f" · {esc(meeting['occasion'])}"
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": title}}]
    for st in key_statements(statements):
        text = " ".join(str(st.get("text", "")).split())
        if len(text) > QUOTE:
            text = text[: QUOTE - 1].rsplit(" ", 1)[0] + "…"
        who = "Both sides" if st.get("speaker") == "both" else (st.get("speaker") or "Narration")
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text":
                       f"> {esc(text)}\n*{esc(who)}* ({esc(side_label(st.get('side')))})"}})
    count = len(statements)
    reports = len((meeting or {}).get("sources") or [])
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text":
                   f"Readout: {count} statement{'s' * (count != 1)} in this report,"
                   f" {reports} report{'s' * (reports != 1)} of the meeting"
                   f"{' (`' + esc(meeting['id']) + '`)' if meeting else ''}."}]})
    return blocks


def unfurl(client: WebClient, store: Store, event: dict[str, Any]) -> int:
    """Answer a link_shared event; returns how many links were unfurled."""
    unfurls: dict[str, dict[str, Any]] = {}
    for link in event.get("links") or []:
        url = str((link or {}).get("url") or "")
        blocks = unfurl_blocks(store, url) if url else None
        if blocks:
            unfurls[url] = {"blocks": blocks}
    if not unfurls:
        return 0
    args: dict[str, Any] = {"unfurls": unfurls}
    if event.get("unfurl_id") and event.get("source"):
        args.update(unfurl_id=event["unfurl_id"], source=event["source"])
    else:
        args.update(channel=event.get("channel"), ts=event.get("message_ts"))
    try:
        client.chat_unfurl(**args)
    except SlackApiError as exc:
        log.warning("chat.unfurl failed: %s", exc.response.get("error"))
        return 0
    return len(unfurls)
