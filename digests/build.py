"""Assemble a Digest: what is new for a destination since its watermark, compared with history.

Building never moves a watermark; `post.py` (Slack) and `cli.py` (terminal) do that once the
digest has been delivered.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.analysis.themes import default_taxonomy
from bot.errors import QueryError
from bot.store import Store
from digests import state
from digests.compare import (
    Comparer,
    Formulation,
    MeetingComparison,
    OneSided,
    Section,
    Silence,
    ToneShift,
)
from digests.summary import Bullet, summarize

TERMINAL = "terminal"


@dataclass
class Digest:
    destination: str
    from_sid: int  # exclusive: statements after this sid are new
    to_sid: int  # inclusive: the watermark to record once delivered
    since: str | None
    meetings: list[dict[str, Any]]
    sections: list[Section]
    silences: list[Silence]
    tone: list[ToneShift]
    new_statements: int
    themes_filter: list[str] | None = None
    widen: bool = False
    notes: list[str] = field(default_factory=list)
    formulations: list[Formulation] = field(default_factory=list)
    one_sided: list[OneSided] = field(default_factory=list)
    comparisons: list[MeetingComparison] = field(default_factory=list)
    summary: list[Bullet] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.new_statements == 0

    def ordered_sections(self) -> list[Section]:
        """Most significant first: new formulations, then dropped ones, then repetitions."""
        return sorted(self.sections, key=lambda s: (
            s.tier, -len(s.new_phrases), -len(s.dropped_phrases), -len(s.repeated_phrases),
            s.event_date or "", s.theme,
        ))


def validate_themes(themes: list[str] | None) -> list[str] | None:
    if not themes:
        return None
    valid = default_taxonomy().ids()
    unknown = [t for t in themes if t not in valid]
    if unknown:
        raise QueryError(
            f"unknown theme {', '.join(unknown)}; valid themes: {', '.join(sorted(valid))}"
        )
    return list(dict.fromkeys(themes))


def build_digest(
    store: Store,
    destination: str,
    since: date | None = None,
    themes: list[str] | None = None,
    widen: bool = False,
) -> Digest:
    """The digest `destination` would get now (does not move its watermark)."""
    wanted = validate_themes(themes)
    state.refresh(store)
    from_sid = state.watermark(store, destination)
    to_sid = state.max_sid(store)
    first = since is None and not _has_watermark(store, destination)
    if since is not None:
        rows = store.iter_statements("s.event_date >= ? AND s.sid <= ?",
                                     (since.isoformat(), to_sid))
    else:
        rows = store.iter_statements("s.sid > ? AND s.sid <= ?", (from_sid, to_sid))
    by_meeting: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for st in rows:
        if wanted is None or set(st["themes"]) & set(wanted):
            by_meeting[st["meeting"]].append(st)
    meetings = [m for m in (store.meeting(mid) for mid in by_meeting) if m is not None]
    meetings.sort(key=lambda m: (m["event_date"] or "", m["id"]))
    notes: list[str] = []
    if first and len(meetings) > 1:
        # A new destination starts with the latest meeting, not the whole corpus; its
        # watermark still moves past everything indexed.
        notes.append(f"first digest for {destination}: the latest meeting only"
                     f" ({len(meetings) - 1} earlier meetings are history; --since covers more)")
        meetings = meetings[-1:]
    count = sum(len(by_meeting[m["id"]]) for m in meetings)
    comparer = Comparer(store, widen=widen)
    digest = Digest(destination, from_sid, to_sid, since.isoformat() if since else None,
                    meetings, [], [], [], count, wanted, widen, notes)
    filt = set(wanted) if wanted else None
    for m in meetings:
        result = comparer.compare_meeting(m, by_meeting[m["id"]], filt)
        digest.sections += result.sections
        digest.silences += result.silences
        digest.tone += result.tone
        digest.formulations += result.formulations
        digest.one_sided += result.one_sided
        digest.comparisons.append(result)
    digest.summary = summarize(store, digest.comparisons)
    return digest


def _has_watermark(store: Store, destination: str) -> bool:
    return store.conn.execute("SELECT 1 FROM digest_watermarks WHERE destination=?",
                              (destination,)).fetchone() is not None
