"""The digest as Block Kit messages: "What moved" in the channel, the evidence in its thread.

The top-level message is what a phone shows: a header, the meetings, and the summary bullets,
each with links to its sources (outlet and date). Everything else (each side's statements once,
with their themes and marked formulations; formulations by kind; silences; tone) goes into the
thread. Limits (api.slack.com/reference/block-kit): 50 blocks a message, 3,000 characters a
section text, 150 a header, 10 elements / 2,000 characters... in a context block. Nothing is cut:
long texts are split over several sections, and blocks beyond one message go into further
thread messages. Every text from an article or a user is escaped (&, <, >), so "<!channel>" in an
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
from digests.compare import MeetingComparison
from digests.render_text import _earlier, _phrases_by, _statements, highlight, meeting_title, who
from digests.summary import Bullet, cut_note, side_name, theme_label

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_CONTEXT = 2000
MAX_HEADER = 150
INLINE_BLOCKS = 16  # details this short stay in the channel message, below the summary


@dataclass
class BlockMessages:
    blocks: list[dict[str, Any]]
    thread: list[list[dict[str, Any]]] = field(default_factory=list)
    text: str = ""


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _safe_url(url: str | None) -> str | None:
    if url and url.startswith(("http://", "https://")) and not any(c in url for c in "|<> "):
        return url
    return None


def link(st: dict[str, Any]) -> str:
    """Outlet (linked) and date of a statement; never a file name."""
    label = escape(st.get("outlet") or "source")
    date = st.get("event_date") or ""
    url = _safe_url(st.get("url"))
    shown = f"<{url}|{label}>" if url else label
    return f"{shown}, {date}" if date else shown


def _source_links(b: Bullet) -> str:
    out = []
    for s in b.sources:
        label = escape(s.get("outlet") or "source")
        url = _safe_url(s.get("url"))
        shown = f"<{url}|{label}>" if url else label
        out.append(f"{shown}, {s.get('date')}" if s.get("date") else shown)
    return " · ".join(out)


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


def _context(text: str) -> list[Block]:
    return [ContextBlock(elements=[MarkdownTextObject(text=p)])
            for p in _split(text, MAX_CONTEXT)]


def _mark(text: str, new: list[str], old: list[str]) -> str:
    # Escape first, then bold/italic: the markers must survive and the phrases are escaped too.
    return highlight(escape(text), [escape(p) for p in new], ("*", "*"),
                     [escape(p) for p in old], ("_", "_"))


def summary_blocks(digest: Digest) -> list[Block]:
    """"What moved": one section of bullets per meeting, each with its sources."""
    titles = {m["id"]: m for m in digest.meetings}
    by_meeting: dict[str | None, list[Bullet]] = {}
    for b in digest.summary:
        by_meeting.setdefault(b.meeting, []).append(b)
    blocks: list[Block] = []
    for mid, bullets in by_meeting.items():
        m = titles.get(mid or "")
        head = f"*What moved* — {escape(meeting_title(m))}" if m else "*What moved*"
        rows = []
        for b in bullets:
            src = _source_links(b)
            rows.append(f"• {escape(b.text)}" + (f"  ({src})" if src else ""))
        blocks += _sections(head + "\n" + "\n".join(rows))
    return blocks


def _detail_blocks(digest: Digest, comp: MeetingComparison, m: dict[str, Any]) -> list[Block]:
    forms = comp.formulations
    new = [f.phrase for f in forms if f.kind in ("new", "changed") and f.strength.score >= 1.0]
    old = [f.phrase for f in forms if f.kind == "repeated" and f.strength.score >= 1.0]
    blocks: list[Block] = [DividerBlock(), *_sections(f"*{escape(meeting_title(m))}*")]
    for st in _statements(digest, comp, m["id"]):
        themes = escape(", ".join(st["themes"]) or "—")
        blocks += _sections(f"*{escape(who(st))}* — {link(st)} · _{themes}_\n"
                            f">{_mark(st['text'], new, old)}")
    lines = []
    for kind, title in (("new", ":new: new"), ("changed", ":arrows_counterclockwise: same line,"
                                                " new words"),
                        ("repeated", ":repeat: repeated"), ("dropped", ":wastebasket: dropped")):
        for side, items in _phrases_by(forms, kind).items():
            if kind == "changed":
                text = "; ".join(f"“{escape(f.phrase)}” (was “{escape(f.was or '')}”,"
                                 f" since {f.first_used})" for f in items)
            elif kind == "repeated":
                text = "; ".join(f"“{escape(f.phrase)}” (since {f.first_used}, {f.count}"
                                 f" meetings)" for f in items)
            elif kind == "dropped":
                text = "; ".join(f"“{escape(f.phrase)}” ({f.first_used})" for f in items)
            else:
                text = "; ".join(f"“{escape(f.phrase)}”" + (
                    " (also “" + "”, “".join(escape(a) for a in f.also) + "”)" if f.also else "")
                    for f in items)
            lines.append(f"{title} ({escape(side_name(side))}): {text}")
    for s in comp.silences:
        lines.append(f":zipper_mouth_face: {escape(side_name(s.side))} silent on"
                     f" *{escape(theme_label(s.theme))}* (raised at {s.raised} of"
                     f" {s.readouts} earlier readouts, last {s.last_raised})")
    for o in comp.one_sided:
        lines.append(f":point_right: *{escape(theme_label(o.theme))}* in"
                     f" {escape(side_name(o.side))}'s readout only{escape(cut_note(o))}")
    for t in comp.tone:
        prev = "no earlier readout of the same kind" if t.previous is None else \
            f"{t.previous:+.2f} on {t.previous_date}, shift *{t.delta:+.2f}*"
        moved = ", ".join(f"“{escape(c.shown)}” {c.weight:+g}×{d:+d}" for c, d in t.moved)
        lines.append(f":thermometer: tone, {escape(side_name(t.side))}: {t.current:+.2f}"
                     f" ({prev})" + (f"; moved by {moved}" if moved else ""))
    if lines:
        blocks += _sections("\n".join(lines))
    earlier = [f"was: {escape(who(e))}, {e.get('event_date') or '?'} ({escape(e['why'])},"
               f" similarity {e['similarity']:.2f}) {link(e)}: {_mark(e['text'], [], old)}"
               for e in _earlier(digest, m["id"])]
    if earlier:
        blocks += _context("\n".join(earlier))
    return blocks


def fallback_text(digest: Digest) -> str:
    """The notification text: the first bullets of "What moved"."""
    if digest.empty:
        return "Readout digest: nothing new."
    if digest.summary:
        return escape("Readout digest: " + " · ".join(b.text for b in digest.summary[:3]))[:3000]
    return escape(f"Readout digest: {digest.new_statements} new statements from"
                  f" {len(digest.meetings)} meetings")


def render_blocks(digest: Digest) -> BlockMessages:
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text="Readout digest"[:MAX_HEADER]))]
    if digest.empty:
        blocks += _sections("Nothing new since the last digest.")
        return BlockMessages([b.to_dict() for b in blocks], [], fallback_text(digest))
    meetings = "\n".join(f"• {escape(meeting_title(m))}" for m in digest.meetings)
    blocks += _context(f"{digest.new_statements} new statements · " + meetings.replace(
        "\n", " "))
    for note in digest.notes:
        blocks += _context(escape(note))
    top = summary_blocks(digest) or _sections("No new formulations, silences or shifts of tone.")
    blocks += top
    details: list[Block] = []
    for m, comp in zip(digest.meetings, digest.comparisons, strict=False):
        details += _detail_blocks(digest, comp, m)
    main = [b.to_dict() for b in blocks]
    rest = [b.to_dict() for b in details]
    if len(main) + len(rest) <= INLINE_BLOCKS:
        # A small digest reads in one message; a thread is for the evidence of a big one.
        main, rest = main + rest, []
    if len(main) > MAX_BLOCKS:
        # A summary never needs this, but nothing is dropped if it does.
        rest = main[MAX_BLOCKS - 1:] + rest
        main = main[: MAX_BLOCKS - 1]
    if rest:
        note = ContextBlock(elements=[MarkdownTextObject(
            text="_Continued in the thread: each statement, its themes and sources._")])
        main.append(note.to_dict())
    thread = [rest[i : i + MAX_BLOCKS] for i in range(0, len(rest), MAX_BLOCKS)]
    return BlockMessages(main, thread, fallback_text(digest))
