"""The two governments' readouts of one meeting, side by side, theme by theme.

A statement is *reported by* a side when at least one article of that side (its outlet's
country, bot/outlets.py) carries it; reprints merged into one statement count for every side
whose articles carry them. For each theme the comparison lists what each side's readouts say
(in that side's own wording) and marks the themes only one side reported. A side reporting the
*other* side's words is kept as such: each entry has the speaker and the speaker's side, so
"China's readout says Cho raised X; Seoul's release does not" is visible.

Pure over store data: `compare(store, meeting_id)` returns a dict; rendering is separate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.analysis.themes import Taxonomy, default_taxonomy
from bot.errors import NotFoundError, QueryError
from bot.store import Store

UNKNOWN = "unknown"  # articles from an outlet the registry does not know
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def find_meetings(store: Store, ref: str) -> list[dict[str, Any]]:
    """Meetings named by an id, an id prefix, or an event date (YYYY-MM-DD)."""
    ref = ref.strip()
    exact = store.meeting(ref)
    if exact is not None:
        return [exact]
    if _DATE.fullmatch(ref):
        return store.meetings("m.event_date = ?", (ref,))
    if len(ref) >= 4:
        like = ref.replace("%", "").replace("_", "") + "%"
        return store.meetings("m.id LIKE ?", (like,))
    return []


def resolve_meeting(store: Store, ref: str) -> dict[str, Any]:
    found = find_meetings(store, ref)
    if not found:
        raise NotFoundError(f"no meeting {ref!r} (see `readout meetings`)")
    if len(found) > 1:
        ids = "; ".join(f"{m['id']} ({', '.join(m['participants'])})" for m in found)
        raise QueryError(f"{ref!r} matches {len(found)} meetings, give an id: {ids}")
    return found[0]


def compare(store: Store, meeting_id: str, taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    meeting = store.meeting(meeting_id)
    if meeting is None:
        raise NotFoundError(f"no meeting {meeting_id!r}")
    taxonomy = taxonomy or default_taxonomy()
    copies = store.source_sides(meeting_id)
    statements = store.statements_by_sid({c["sid"] for c in copies})
    speaker_sides = meeting["participant_sides"]

    # sid -> side -> that side's first copy of the sentence, and every side carrying it
    by_sid: dict[int, dict[str, dict[str, Any]]] = {}
    for c in copies:
        side = c["source_side"] or UNKNOWN
        entry = by_sid.setdefault(c["sid"], {}).get(side)
        if entry is None:
            by_sid[c["sid"]][side] = entry = {**c, "sources": [], "themes_all": set()}
        entry["sources"].append(c["source"])
        entry["themes_all"].update((c["themes"] or "").split())

    source_sides = sorted({s["side"] or UNKNOWN for s in meeting["source_details"]})
    known = [s for s in source_sides if s != UNKNOWN]
    themes: dict[str, dict[str, list[dict[str, Any]]]] = {}
    untagged: dict[str, list[dict[str, Any]]] = {}
    for sid, per_side in sorted(by_sid.items()):
        st = statements.get(sid)
        if st is None:
            continue
        reported_by = sorted(per_side)
        for side, copy in per_side.items():
            speaker = copy["speaker"] or st["speaker"]
            speaker_side = copy["side"] or st["side"] or speaker_sides.get(speaker or "")
            item = {
                "id": st["id"],
                "text": copy["text"],
                "speaker": speaker,
                "speaker_side": speaker_side,
                # this side's readout reporting what the other side said
                "other_side": speaker_side not in (None, "both", side),
                "via": copy["via"],
                "sources": copy["sources"],
                "reported_by": reported_by,
            }
            tags = copy["themes_all"] | set(st["themes"])
            for theme in tags:
                themes.setdefault(theme, {}).setdefault(side, []).append(item)
            if not tags:
                untagged.setdefault(side, []).append(item)

    order = {t: i for i, t in enumerate(taxonomy.ids())}
    rows = []
    for theme in sorted(themes, key=lambda t: (order.get(t, len(order)), t)):
        sides = themes[theme]
        reported = sorted(s for s in sides if s != UNKNOWN)
        only = reported[0] if len(known) >= 2 and len(reported) == 1 else None
        rows.append({
            "theme": theme,
            "label": taxonomy.themes[theme].label if theme in taxonomy.themes else theme,
            "reported_by": reported,
            "only": only,
            "by_side": {s: sides.get(s, []) for s in source_sides},
        })
    return {
        "meeting": {k: meeting[k] for k in (
            "id", "event_date", "format", "location", "occasion", "participants",
            "participant_sides", "sides")},
        "sources": [
            {k: s[k] for k in ("article", "article_id", "title", "outlet", "side", "url", "why")}
            for s in meeting["source_details"]
        ],
        "sides": known,
        "compared": len(known) >= 2,
        "only": {s: [r["theme"] for r in rows if r["only"] == s] for s in known},
        "themes": rows,
        "untagged": untagged,
    }


# -- terminal -----------------------------------------------------------------------------------
def _who(item: Mapping[str, Any], side: str) -> str:
    if item["speaker"] in (None, "both"):
        return "both sides" if item["speaker"] == "both" else "(narration)"
    who = f"{item['speaker']} ({item['speaker_side']})" if item["speaker_side"] else \
        item["speaker"]
    return f"{who}, per {side}'s readout" if item["other_side"] else who


def render_text(result: Mapping[str, Any], width: int = 100) -> str:
    import textwrap

    m = result["meeting"]
    where = f" in {m['location']}" if m["location"] else ""
    people = ", ".join(f"{p} ({m['participant_sides'].get(p) or '?'})" for p in m["participants"])
    out = [f"{m['event_date'] or 'undated'}  {m['format'].replace('_', ' ')}{where}: {people}",
           f"meeting {m['id']}", "", "Sources:"]
    for s in result["sources"]:
        outlet = (s["outlet"] or "?")[:28]
        out.append(f"  {s['side'] or UNKNOWN:<14} {outlet:<28} {s['article']}")
    if not result["compared"]:
        out += ["", f"Only {', '.join(result['sides']) or 'unknown'} readouts are indexed for"
                " this meeting: nothing to compare yet."]
    for side, only in result["only"].items():
        if only:
            out.append(f"Only {side} reported: {', '.join(only)}")
    for row in result["themes"]:
        tag = f"only {row['only']}" if row["only"] else "reported by " + (
            " and ".join(row["reported_by"]) or UNKNOWN)
        out += ["", f"== {row['label']} [{row['theme']}] ({tag})"]
        for side, items in row["by_side"].items():
            if not items:
                out.append(f"  {side}: (nothing)")
                continue
            out.append(f"  {side}:")
            for item in items:
                line = f"{_who(item, side)}: {item['text']}"
                if len(item["sources"]) > 1:
                    line += f" [{len(item['sources'])} sources]"
                out += textwrap.wrap(line, width, initial_indent="    - ",
                                     subsequent_indent="      ")
    return "\n".join(out)
