"""The digest as JSON (`readout digest --json`); statements keep the `readout export` keys."""

from __future__ import annotations

from typing import Any

from digests.build import Digest
from digests.compare import LIST_MIN
from digests.tone import Cue

STATEMENT_KEYS = ("id", "article", "sources", "text", "speaker", "side", "event_date", "themes",
                  "outlet", "meeting")
MEETING_KEYS = ("id", "article", "sources", "title", "outlet", "published", "event_date",
                "format", "location", "occasion", "dateline", "participants", "sides")


def statement(st: dict[str, Any]) -> dict[str, Any]:
    return {k: st.get(k) for k in STATEMENT_KEYS}


def _cues(cues: list[Cue]) -> list[dict[str, Any]]:
    return [{"phrase": c.phrase, "text": c.shown, "weight": c.weight, "kind": c.kind}
            for c in cues]


def render_json(digest: Digest) -> dict[str, Any]:
    return {
        "summary": [b.to_json() for b in digest.summary],
        "destination": digest.destination,
        "since": digest.since,
        "from_sid": digest.from_sid,
        "to_sid": digest.to_sid,
        "new_statements": digest.new_statements,
        "widen": digest.widen,
        "theme_filter": digest.themes_filter,
        "notes": digest.notes,
        "meetings": [{k: m.get(k) for k in MEETING_KEYS} for m in digest.meetings],
        "themes": [
            {
                "theme": s.theme,
                "meeting": s.meeting,
                "event_date": s.event_date,
                "new": [statement(st) for st in s.new],
                "earlier": [
                    {**statement(e), "similarity": e["similarity"],
                     "compared_with": e["compared_with"], "why": e["why"]}
                    for e in s.earlier
                ],
                "new_phrases": s.new_phrases,
                "new_phrases_by_side": s.new_phrases_by_side,
                "repeated_phrases": s.repeated_phrases,
                "dropped_phrases": s.dropped_phrases,
                "dropped_phrases_by_side": s.dropped_by_side,
                "changed_phrases": s.changed_phrases,
            }
            for s in digest.ordered_sections()
        ],
        "silent_themes": [
            {"theme": s.theme, "side": s.side, "last_raised": s.last_raised,
             "meeting": s.meeting, "event_date": s.event_date, "raised": s.raised,
             "readouts": s.readouts, "watch": s.watch, "statements": s.statements}
            for s in digest.silences
        ],
        "formulations": [
            {"phrase": f.phrase, "side": f.side, "kind": f.kind, "theme": f.theme,
             "strength": f.strength.score, "why": f.strength.why, "first_used": f.first_used,
             "count": f.count, "was": f.was, "formulation": f.formulation, "also": f.also,
             "reported_in": f.reported_in, "statements": f.statements}
            for f in digest.formulations
            if f.kind in ("changed", "dropped") or f.strength.score >= LIST_MIN
        ],
        "one_sided": [
            {"theme": o.theme, "side": o.side, "meeting": o.meeting,
             "event_date": o.event_date, "statements": o.statements, "cut_off": o.cut_off}
            for o in digest.one_sided
        ],
        "tone": [
            {"side": t.side, "previous": t.previous, "current": t.current, "delta": t.delta,
             "meeting": t.meeting, "event_date": t.event_date, "previous_date": t.previous_date,
             "drivers": _cues(t.drivers), "previous_drivers": _cues(t.previous_drivers),
             "stance": t.stance, "full": t.full,
             "moved": [{"phrase": c.phrase, "text": c.shown, "weight": c.weight, "kind": c.kind,
                        "change": d}
                       for c, d in t.moved]}
            for t in digest.tone
        ],
    }
