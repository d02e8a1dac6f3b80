"""The digest as Block Kit messages: a main message within Slack's limits, the rest in its thread.

Limits (api.slack.com/reference/block-kit): 50 blocks a message, 3,000 characters a section
text, 150 a header, 10 elements / 2,000 characters... in a context block. Nothing is cut: long
texts are split over several sections, and blocks beyond the first message go into thread
messages. Every text from an article or a user is escaped (&, <, >), so "<!channel>" in an
article is shown, never executed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from digests.build import Digest
from digests.compare import Section
from digests.render_text import highlight, who

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_CONTEXT = 2000
MAX_HEADER = 150


@dataclass
class BlockMessages:
    blocks: list[dict[str, Any]]
    thread: list[list[dict[str, Any]]] = field(default_factory=list)
    text: str = ""


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(st: dict[str, Any]) -> str:
    url = st.get("url") or ""
    label = escape(st.get("outlet") or st.get("article") or "source")
    if url.startswith(("http://", "https://")) and not any(c in url for c in "|<> "):
        return f"<{url}|{label}>"
    return f"`{escape(str(st.get('article') or 'source'))}`"


def _split(text: str, limit: int) -> list[str]:
    """Cut at line ends, then at spaces, so no piece exceeds `limit`; nothing is dropped."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        segments = []
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            segments.append(line[:cut])
            line = line[cut:].lstrip()
        segments.append(line)
        for seg in segments:
            candidate = f"{current}\n{seg}" if current else seg
            if len(candidate) > limit:
                if current:
                    pieces.append(current)
                current = seg
            else:
                current = candidate
    if current:
        pieces.append(current)
    return [p for p in pieces if p.strip()]


def _sections(text: str) -> list[Block]:
    return [SectionBlock(text=MarkdownTextObject(text=p)) for p in _split(text, MAX_SECTION)]


def _mark(text: str, phrases: list[str]) -> str:
    # Escape first, then bold: the markers must survive and the phrases are escaped too.
    return highlight(escape(text), [escape(p) for p in phrases], ("*", "*"))


def _section_blocks(sec: Section) -> list[Block]:
    title = f"{sec.theme} · meeting of {sec.event_date or 'unknown date'}"
    lines = [f"*{escape(title)}*"]
    if sec.new_phrases:
        lines.append(":new: " + "; ".join(f"“{escape(p)}”" for p in sec.new_phrases))
    if sec.dropped_phrases:
        lines.append(":wastebasket: dropped: "
                     + "; ".join(f"“{escape(p)}”" for p in sec.dropped_phrases))
    if sec.repeated_phrases:
        lines.append(":repeat: " + "; ".join(
            f"“{escape(r['phrase'])}” ({escape(r['side'])} since {r['first_used']},"
            f" {r['count']} meetings)"
            for r in sec.repeated_phrases))
    blocks: list[Block] = [DividerBlock(), *_sections("\n".join(lines))]
    marks = sec.new_phrases + [r["phrase"] for r in sec.repeated_phrases]
    for st in sec.new:
        blocks += _sections(
            f"*{escape(who(st))}*, {st.get('event_date') or '?'} — {link(st)}\n"
            f">{_mark(st['text'], marks)}")
    for e in sec.earlier:
        text = (f"was: {escape(who(e))}, {e.get('event_date') or '?'} ({escape(e['why'])},"
                f" similarity {e['similarity']:.2f}) {link(e)}: {_mark(e['text'], marks)}")
        blocks += [ContextBlock(elements=[MarkdownTextObject(text=p)])
                   for p in _split(text, MAX_CONTEXT)]
    return blocks


def fallback_text(digest: Digest) -> str:
    if digest.empty:
        return "Readout digest: nothing new."
    news = sum(len(s.new_phrases) for s in digest.sections)
    return escape(f"Readout digest: {digest.new_statements} new statements from"
                  f" {len(digest.meetings)} meetings, {news} new formulations,"
                  f" {len(digest.silences)} silent themes")


def render_blocks(digest: Digest) -> BlockMessages:
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text="Readout digest"[:MAX_HEADER]))]
    if digest.empty:
        blocks += _sections("Nothing new since the last digest.")
        return BlockMessages([b.to_dict() for b in blocks], [], fallback_text(digest))
    meetings = "\n".join(
        f"• {m.get('event_date') or '?'} {escape(m.get('format') or '')}: "
        f"{escape(', '.join(m.get('participants') or []) or 'participants unknown')}"
        for m in digest.meetings)
    blocks += _sections(f"*{digest.new_statements} new statements*\n{meetings}")
    sections = digest.ordered_sections()
    for sec in [s for s in sections if s.tier == 0]:
        blocks += _section_blocks(sec)
    if digest.silences:
        blocks += [DividerBlock(), *_sections("*Silent themes*\n" + "\n".join(
            f"• {escape(s.side)} did not raise *{escape(s.theme)}* on {s.event_date}"
            f" (last raised {s.last_raised})" for s in digest.silences))]
    if digest.tone:
        rows = []
        for t in digest.tone:
            prev = "no earlier meeting" if t.previous is None else \
                f"{t.previous:+.2f} on {t.previous_date}, shift *{t.delta:+.2f}*"
            cues = ", ".join(f"“{escape(c.phrase)}” {c.weight:+g}" for c in t.drivers)
            rows.append(f"• {escape(t.side)}: {t.current:+.2f} ({prev}); cues: {cues or 'none'}")
        blocks += [DividerBlock(), *_sections("*Tone of relations*\n" + "\n".join(rows))]
    for sec in [s for s in sections if s.tier > 0]:
        blocks += _section_blocks(sec)
    dicts = [b.to_dict() for b in blocks]
    main, rest = dicts[:MAX_BLOCKS], dicts[MAX_BLOCKS:]
    if rest:
        # Say so in the main message instead of dropping anything.
        note = SectionBlock(text=MarkdownTextObject(text="_Continued in the thread._")).to_dict()
        main, rest = [*dicts[: MAX_BLOCKS - 1], note], dicts[MAX_BLOCKS - 1 :]
    thread = [rest[i : i + MAX_BLOCKS] for i in range(0, len(rest), MAX_BLOCKS)]
    return BlockMessages(main, thread, fallback_text(digest))
