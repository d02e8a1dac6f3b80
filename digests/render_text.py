"""The digest for a terminal: plain text, most significant first, phrases marked with «»."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from digests.build import Digest
from digests.compare import Section


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
    words = [re.escape(w) for w in phrase.split()]
    if not words:
        return None
    return re.compile(r"\b" + r"\W+".join(w + r"[a-z']{0,3}" for w in words) + r"\b",
                      re.IGNORECASE)


def highlight(text: str, phrases: list[str], mark: tuple[str, str] = ("«", "»")) -> str:
    """Mark each phrase where it occurs (case-insensitive, plural endings tolerated); longer
    phrases first, and a span inside an already marked one is not marked again."""
    spans: list[tuple[int, int]] = []
    for p in sorted(set(phrases), key=len, reverse=True):
        pattern = _pattern(p)
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            if not any(m.start() < e and s < m.end() for s, e in spans):
                spans.append((m.start(), m.end()))
                break
    for start, end in sorted(spans, reverse=True):
        text = f"{text[:start]}{mark[0]}{text[start:end]}{mark[1]}{text[end:]}"
    return text


def source(st: dict[str, Any]) -> str:
    return st.get("url") or st.get("article") or "?"


def _section(sec: Section) -> list[str]:
    lines = [f"## {sec.theme} — meeting of {sec.event_date or 'unknown date'}"]
    if sec.new_phrases:
        lines.append("  new formulations: " + "; ".join(f'"{p}"' for p in sec.new_phrases))
    if sec.dropped_phrases:
        lines.append("  dropped since the previous meeting: "
                     + "; ".join(f'"{p}"' for p in sec.dropped_phrases))
    if sec.repeated_phrases:
        lines.append("  repeated: " + "; ".join(
            f'"{r["phrase"]}" ({r["side"]}, first used {r["first_used"]}, {r["count"]} meetings)'
            for r in sec.repeated_phrases))
    marks = sec.new_phrases + [r["phrase"] for r in sec.repeated_phrases]
    for st in sec.new:
        lines.append(f"  NEW  {st.get('event_date') or '????'}  {who(st)}")
        lines.append(f"       {highlight(st['text'], marks)}")
        lines.append(f"       source: {source(st)}")
    for e in sec.earlier:
        lines.append(f"  was  {e.get('event_date') or '????'}  {who(e)}  "
                     f"[{e['why']}, similarity {e['similarity']:.2f}]")
        lines.append(f"       {highlight(e['text'], marks)}")
        lines.append(f"       source: {source(e)}")
    return lines


def summary(digest: Digest, sections: list[Section], per_theme: int = 3) -> list[str]:
    """The headline an analyst reads first; the sections below give the evidence."""
    from bot.analysis.themes import default_taxonomy
    from digests.phrases import default_rules

    taxonomy = default_taxonomy()
    key_terms = default_rules().key_terms

    def rank(theme: str, phrase: str) -> tuple[int, int, int, str]:
        # Key terms ("decoupling") first; then, since a statement carries several themes, the
        # phrases that name this one; shorter before longer.
        on_theme = theme in taxonomy.themes and bool(taxonomy.matches(phrase, theme))
        return (phrase not in key_terms, not on_theme, len(phrase.split()), phrase)

    lines = ["What moved"]
    fresh = [(sec.theme, sorted(sec.new_phrases, key=lambda p: rank(sec.theme, p))[:per_theme])
             for sec in sections if sec.new_phrases]
    if fresh:
        lines.append("  new formulations:")
        lines += [f"    {theme}: " + ", ".join(f'"{p}"' for p in phrases)
                  for theme, phrases in fresh]
    if digest.silences:
        silent: dict[str, list[str]] = {}
        for sil in digest.silences:
            silent.setdefault(sil.theme, []).append(f"{sil.side} since {sil.last_raised}")
        lines.append("  silent: " + "; ".join(f"{t} ({', '.join(w)})" for t, w in silent.items()))
    for t in digest.tone:
        shift = "" if t.delta is None else f", {t.delta:+.2f} since {t.previous_date}"
        lines.append(f"  tone of relations, {t.side}: {t.current:+.2f}{shift}")
    return lines if len(lines) > 1 else []


def render_text(digest: Digest) -> str:
    if digest.empty:
        return f"Nothing new for {digest.destination} since the last digest."
    head = (f"Digest for {digest.destination}: {digest.new_statements} new statements from"
            f" {len(digest.meetings)} meetings")
    out = [head, "=" * min(len(head), 100)]
    for m in digest.meetings:
        out.append(f"- {m.get('event_date') or '????'} {m.get('format')}: "
                   f"{', '.join(m.get('participants') or []) or 'participants unknown'}"
                   f" — {m.get('title') or m.get('article')}")
    sections = digest.ordered_sections()
    out += ["", *summary(digest, sections), ""]
    for sec in [s for s in sections if s.tier == 0]:
        out += [*_section(sec), ""]
    if digest.silences:
        out.append("## silent themes")
        for s in digest.silences:
            out.append(f"  {s.side} did not raise {s.theme} on {s.event_date}"
                       f" (last raised {s.last_raised})")
        out.append("")
    if digest.tone:
        out.append("## tone of relations")
        for t in digest.tone:
            prev = "no earlier meeting" if t.previous is None else \
                f"{t.previous:+.2f} on {t.previous_date}, shift {t.delta:+.2f}"
            cues = ", ".join(f'"{c.phrase}" {c.weight:+g}' for c in t.drivers) or "no cues"
            out.append(f"  {t.side} on {t.event_date}: {t.current:+.2f} ({prev}); cues: {cues}")
        out.append("")
    for sec in [s for s in sections if s.tier > 0]:
        out += [*_section(sec), ""]
    return "\n".join(out).rstrip() + "\n"
