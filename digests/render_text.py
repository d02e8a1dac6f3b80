"""The digest for a terminal: "What moved" first, then the evidence, each statement once.

Layout, per meeting: the summary bullets with their sources (outlet, date, link); then each
side's statements, once each, with their themes and the formulations marked («new»,
‹repeated›); then the formulations by kind, the silences, the themes only one side raised, and
the tone with the cues that moved it; last the closest earlier statements compared with.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from digests.build import Digest
from digests.compare import Formulation, MeetingComparison, Section
from digests.summary import Bullet, cut_note, in_readout, side_name, theme_label

NEW_MARK = ("«", "»")
OLD_MARK = ("‹", "›")


def who(st: dict[str, Any]) -> str:
    speaker = st.get("speaker")
    if speaker == "both":
        return "both sides"
    if speaker:
        side = st.get("side")
        return f"{speaker} ({side})" if side and side != "both" else speaker
    return "narration"


@lru_cache(maxsize=4096)
def _pattern(phrase: str) -> re.Pattern[str] | None:
    words = [re.escape(w) for w in re.findall(r"[\w'’\-]+", phrase)]
    if not words:
        return None
    return re.compile(r"\b" + r"\W+".join(w + r"[a-z']{0,3}" for w in words) + r"\b",
                      re.IGNORECASE)


def highlight(text: str, phrases: list[str], mark: tuple[str, str] = NEW_MARK,
              others: list[str] | None = None,
              other_mark: tuple[str, str] = OLD_MARK) -> str:
    """Mark each phrase where it occurs (case-insensitive, plural endings tolerated); longer
    phrases first, and a span inside an already marked one is not marked again. `others`
    (repeated formulations) get their own marks."""
    spans: list[tuple[int, int, tuple[str, str]]] = []
    wanted = [(p, mark) for p in set(phrases)] + [(p, other_mark) for p in set(others or [])]
    for p, m in sorted(wanted, key=lambda x: len(x[0]), reverse=True):
        pattern = _pattern(p)
        if pattern is None:
            continue
        for hit in pattern.finditer(text):
            if not any(hit.start() < e and s < hit.end() for s, e, _m in spans):
                spans.append((hit.start(), hit.end(), m))
                break
    for start, end, m in sorted(spans, reverse=True):
        text = f"{text[:start]}{m[0]}{text[start:end]}{m[1]}{text[end:]}"
    return text


def source(st: dict[str, Any]) -> str:
    """Outlet, date and link of a statement; never a file name."""
    url = st.get("url") or ""
    link = url if url.startswith(("http://", "https://")) else ""
    parts = [st.get("outlet") or "", st.get("event_date") or "", link]
    return ", ".join(p for p in parts if p) or "source not recorded"


def bullet_sources(b: Bullet) -> str:
    out = []
    for s in b.sources:
        parts = [s.get("outlet") or "", s.get("date") or "", s.get("url") or ""]
        out.append(", ".join(p for p in parts if p))
    return "; ".join(o for o in out if o)


def summary_lines(digest: Digest) -> list[str]:
    """The "What moved" block: per meeting, its bullets with their sources."""
    if not digest.summary:
        return []
    lines = ["What moved"]
    by_meeting: dict[str | None, list[Bullet]] = {}
    for b in digest.summary:
        by_meeting.setdefault(b.meeting, []).append(b)
    titles = {m["id"]: m for m in digest.meetings}
    for mid, bullets in by_meeting.items():
        m = titles.get(mid or "")
        if len(by_meeting) > 1 and m is not None:
            lines.append(f"  {meeting_title(m)}")
        for b in bullets:
            lines.append(f"  • {b.text}")
            src = bullet_sources(b)
            if src:
                lines.append(f"      [{src}]")
    return lines


def meeting_title(m: dict[str, Any]) -> str:
    people = ", ".join(m.get("participants") or []) or "participants unknown"
    fmt = (m.get("format") or "meeting").replace("_", " ")
    return f"{m.get('event_date') or '????'} {fmt}: {people}"


def _phrases_by(forms: list[Formulation], kind: str) -> dict[str, list[Formulation]]:
    out: dict[str, list[Formulation]] = {}
    for f in forms:
        if f.kind == kind and (kind not in ("new", "repeated") or f.strength.score >= 1.0):
            out.setdefault(f.side, []).append(f)
    return out


def _statements(digest: Digest, comp: MeetingComparison, mid: str) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for sec in digest.sections:
        if sec.meeting != mid:
            continue
        for st in sec.new:
            seen.setdefault(st["id"], st)
    return sorted(seen.values(), key=lambda st: (st.get("side") or "~", st.get("sid", 0)))


def _details(digest: Digest, comp: MeetingComparison, m: dict[str, Any]) -> list[str]:
    mid = m["id"]
    forms = comp.formulations
    new = [f.phrase for f in forms if f.kind in ("new", "changed") and f.strength.score >= 1.0]
    old = [f.phrase for f in forms if f.kind == "repeated" and f.strength.score >= 1.0]
    lines = [f"## {meeting_title(m)}"]
    readouts = comp.readouts
    if readouts:
        lines.append("  readouts: " + "; ".join(
            f"{side_name(s)} {r.chars:,} characters"
            f"{'' if r.full else ' (a brief: no silences judged)'}"
            f"{' (cut off)' if r.cut else ''}" for s, r in sorted(readouts.items())))
    current = None
    for st in _statements(digest, comp, mid):
        side = st.get("side") or ""
        if side != current:
            current = side
            lines.append(f"  {side_name(side) if side else 'Narration'}")
        lines.append(f"    {who(st)}: {highlight(st['text'], new, others=old)}")
        lines.append(f"      themes: {', '.join(st['themes']) or '—'} · {source(st)}")
    for kind, title in (("new", "new formulations"), ("changed", "same formulation, new wording"),
                        ("repeated", "repeated"), ("dropped", "dropped since the previous"
                                                   " meeting")):
        groups = _phrases_by(forms, kind)
        if not groups:
            continue
        lines.append(f"  {title}:")
        for side, items in groups.items():
            if kind == "changed":
                text = "; ".join(f'"{f.phrase}" (was "{f.was}", since {f.first_used})'
                                 for f in items)
            elif kind == "repeated":
                text = "; ".join(f'"{f.phrase}" (first used {f.first_used}, {f.count}'
                                 f" meetings)" for f in items)
            elif kind == "dropped":
                text = "; ".join(f'"{f.phrase}" ({f.first_used})' for f in items)
            else:
                text = "; ".join(f'"{f.phrase}" [{theme_label(f.theme)}]'
                                 + (f" (also worded: {', '.join(repr(a) for a in f.also)})"
                                    if f.also else "") for f in items)
            lines.append(f"    {side_name(side)}{in_readout(items[0].reported_in)}: {text}")
    if comp.silences:
        lines.append("  silent themes:")
        for s in comp.silences:
            lines.append(f"    {side_name(s.side)} did not raise {s.theme} ({theme_label(s.theme)})"
                         f"; raised at {s.raised} of its {s.readouts} earlier readouts,"
                         f" last raised {s.last_raised}")
    if comp.one_sided:
        lines.append("  only one readout raised:")
        for o in comp.one_sided:
            lines.append(f"    {theme_label(o.theme)}: {side_name(o.side)}{cut_note(o)}")
    if comp.tone:
        lines.append("  tone (stance of each side's own readout):")
        for t in comp.tone:
            prev = "no earlier readout of the same kind" if t.previous is None else \
                f"{t.previous:+.2f} on {t.previous_date}, shift {t.delta:+.2f}"
            stance = ", ".join(f"{k} {v:+.1f}" for k, v in t.stance.items() if v)
            moved = ", ".join(f'"{c.shown}" {c.weight:+g}×{d:+d}' for c, d in t.moved)
            lines.append(f"    {side_name(t.side)}: {t.current:+.2f} ({prev})"
                         + (f"; {stance}" if stance else "")
                         + (f"; moved by {moved}" if moved else ""))
    earlier = _earlier(digest, mid)
    if earlier:
        lines.append("  compared with:")
        for e in earlier:
            text = highlight(e["text"], [], others=old)
            lines.append(f"    {e.get('event_date') or '????'} {who(e)} [{e['why']},"
                         f" similarity {e['similarity']:.2f}]: {text}")
            lines.append(f"      {source(e)}")
    return lines


def _earlier(digest: Digest, mid: str, limit: int = 4) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for sec in digest.sections:
        if sec.meeting != mid:
            continue
        for e in sec.earlier:
            if e["id"] not in seen or e["similarity"] > seen[e["id"]]["similarity"]:
                seen[e["id"]] = e
    best = sorted(seen.values(), key=lambda e: -e["similarity"])[:limit]
    return sorted(best, key=lambda e: (e.get("event_date") or "", e.get("sid", 0)))


def summary(digest: Digest, sections: list[Section] | None = None) -> list[str]:
    """The headline block (kept for callers of the older API)."""
    return summary_lines(digest)


def render_text(digest: Digest) -> str:
    if digest.empty:
        return f"Nothing new for {digest.destination} since the last digest.\n"
    head = (f"Digest for {digest.destination}: {digest.new_statements} new statements from"
            f" {len(digest.meetings)} meetings")
    out = [head, "=" * min(len(head), 100)]
    out += [f"({n})" for n in digest.notes]
    out += ["", *summary_lines(digest), ""]
    # build_digest compares the meetings in order: one comparison per meeting.
    for m, comp in zip(digest.meetings, digest.comparisons, strict=False):
        out += [*_details(digest, comp, m), ""]
    return "\n".join(out).rstrip() + "\n"
