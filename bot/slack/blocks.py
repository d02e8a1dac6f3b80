"""Block Kit for answers, built with slack_sdk's models and kept inside Slack's limits.

Every piece of text that comes from an article or a user goes through `esc()`, so `<!channel>`
in an article or a question shows as text and pings nobody: in mrkdwn sections (escaped by the
caller), in plain_text headers (`header()` escapes), and in the notification fallback `text`
(`Answer.text` is plain text; `paginate()` escapes it). Answers are lists of block *groups* (a
statement is a section plus its context line) that `paginate()` packs into messages of at most
50 blocks; a section longer than 3,000 characters is split into several sections, never cut.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    Option,
    OverflowMenuElement,
    SectionBlock,
)

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_VALUE = 2000  # a button's value

ACTION_MORE = "readout_more"
ACTION_EARLIER = "readout_earlier"
ACTION_SHARE = "readout_share"
ACTION_CHART = "readout_chart"
USER_ID = re.compile(r"[UW][A-Z0-9]{2,20}")

FORMATS = {"meeting": "Meeting", "phone_call": "Phone call", "video_call": "Video call",
           "message": "Message"}


def esc(text: object) -> str:
    """Slack's three control characters; nothing else is special in mrkdwn text."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(escaped: str, limit: int) -> str:
    """Cut escaped text to `limit` characters, never inside an `&amp;`-style entity."""
    if len(escaped) <= limit:
        return escaped
    cut = escaped[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"


def plain(text: object, limit: int = 3000) -> str:
    """User or article text for a plain_text field or a notification: escaped and clipped."""
    return clip(esc(" ".join(str(text).split())), limit)


def side_label(side: str | None) -> str:
    if not side:
        return "narration"
    if side == "both":
        return "both sides"
    return side.replace("_", " ").title()


def link(url: str | None, label: str) -> str:
    """A mrkdwn link; the URL is percent-encoded where `<`, `>` or `|` would break it."""
    if not url or not url.startswith(("http://", "https://")):
        return esc(label)
    safe = quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")
    return f"<{safe.replace('&', '&amp;')}|{esc(label)}>"


def split_text(text: str, limit: int = MAX_SECTION) -> list[str]:
    """Split at whitespace (never inside an &amp; entity) into pieces of at most `limit`."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)  # whole lines first, so a list item stays whole
        if cut < limit // 2:
            cut = text.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
            amp = text.rfind("&", cut - 5, cut)
            if amp != -1 and ";" not in text[amp:cut]:
                cut = amp
        pieces.append(text[:cut])
        text = text[cut:].lstrip(" \n")
    pieces.append(text)
    return pieces


def sections(mrkdwn: str, **kwargs: Any) -> list[Block]:
    """One section per 3,000 characters; only the first keeps the accessory."""
    out: list[Block] = []
    for i, piece in enumerate(split_text(mrkdwn)):
        extra = kwargs if i == 0 else {}
        out.append(SectionBlock(text=MarkdownTextObject(text=piece), **extra))
    return out


def header(text: str) -> Block:
    """A header from plain (unescaped) text; a title, so the full query is repeated below it."""
    return HeaderBlock(text=plain(text, MAX_HEADER))


def context(*lines: str) -> Block:
    return ContextBlock(elements=[MarkdownTextObject(text=line[:MAX_SECTION]) for line in lines])


def state(kind: str, **args: Any) -> str:
    """A button's value: what to run when it is pressed. Kept under Slack's 2,000 characters."""
    value = json.dumps({"k": kind, **args}, ensure_ascii=False, separators=(",", ":"))
    if len(value) > MAX_VALUE:
        raise ValueError("button state too long")
    return value


def button(label: str, action_id: str, value: str, primary: bool = False) -> ButtonElement:
    return ButtonElement(text=label, action_id=action_id, value=value,
                         style="primary" if primary else None)


def meeting_label(meeting: dict[str, Any] | None) -> str:
    if not meeting:
        return "meeting unknown"
    fmt = FORMATS.get(meeting.get("format") or "", "Meeting")
    who = " & ".join(meeting.get("participants") or [])
    where = f" in {meeting['location']}" if meeting.get("location") else ""
    return f"{fmt}{' of ' + who if who else ''}{where}"


def statement_group(
    st: dict[str, Any], meetings: dict[str, dict[str, Any]], earlier: bool = True,
) -> list[Block]:
    """A statement: its text, then who, side, date, meeting and a link to the source."""
    accessory = None
    themes = [t for t in st.get("themes") or [] if t]
    if earlier and themes and st.get("event_date"):
        from bot.analysis.themes import default_taxonomy

        tax = default_taxonomy()
        values = [(t, state("earlier", t=t, d=st["event_date"], s=st.get("sid") or 0))
                  for t in themes[:5]]
        if len(values) == 1:
            accessory = button("Earlier on this theme", ACTION_EARLIER, values[0][1])
        else:
            accessory = OverflowMenuElement(action_id=ACTION_EARLIER, options=[
                Option(text=f"Earlier on {tax.themes[t].label if t in tax.themes else t}"[:75],
                       value=v)
                for t, v in values
            ])
    speaker = st.get("speaker")
    who = "Both sides" if speaker == "both" else (speaker or "Narration")
    meeting = meetings.get(st.get("meeting") or "")
    source = link(st.get("url") or (st.get("article") if str(st.get("article", "")).startswith(
        ("http://", "https://")) else None), st.get("outlet") or st.get("article") or "source")
    themes_txt = ", ".join(themes) if themes else "no theme"
    date = st.get("event_date") or "undated"
    line = (f"*{esc(who)}* ({esc(side_label(st.get('side')))}) · {esc(date)}"
            f" · {esc(meeting_label(meeting))} · {source} · _{esc(themes_txt)}_")
    kwargs = {"accessory": accessory} if accessory else {}
    return [*sections("> " + esc(st.get("text", "")).replace("\n", "\n> "), **kwargs),
            context(line)]


@dataclass
class Answer:
    """An answer before it is split into messages: groups of blocks plus a notification text
    (plain text, escaped when the messages are made)."""

    text: str
    groups: list[list[Block]] = field(default_factory=list)
    actions: list[ButtonElement] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.groups.append(list(blocks))

    def credit(self, user_id: str) -> None:
        """'Shared by @user' under an answer someone posted to the channel."""
        if USER_ID.fullmatch(user_id):
            self.groups.insert(0, [context(f"Shared by <@{user_id}>")])
            self.text = f"{self.text} (shared)"

    def messages(self) -> list[dict[str, Any]]:
        groups = list(self.groups)
        if self.actions:
            groups.append([ActionsBlock(elements=self.actions)])
        return paginate(groups, self.text)


def paginate(groups: Sequence[Iterable[Block]], text: str) -> list[dict[str, Any]]:
    """Pack block groups into messages of at most 50 blocks; a group is never split."""
    messages: list[list[dict[str, Any]]] = [[]]
    for group in groups:
        blocks = [b.to_dict() if isinstance(b, Block) else b for b in group]
        if len(blocks) > MAX_BLOCKS:  # only a pathological statement: split it plainly
            for i in range(0, len(blocks), MAX_BLOCKS):
                messages.append(blocks[i : i + MAX_BLOCKS])
            continue
        if len(messages[-1]) + len(blocks) > MAX_BLOCKS:
            messages.append([])
        messages[-1].extend(blocks)
    messages = [m for m in messages if m] or [[]]
    total = len(messages)
    out = []
    for i, blocks in enumerate(messages):
        note = text if total == 1 else f"{text} ({i + 1}/{total})"
        out.append({"text": plain(note), "blocks": blocks})
    return out


def divider() -> Block:
    return DividerBlock()


def plain_answer(text: str, *lines: str) -> Answer:
    ans = Answer(text)
    for line in lines:
        ans.add(*sections(line))
    return ans
