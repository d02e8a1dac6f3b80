"""Lookups shared by the CLI and Slack: each returns data, never text.

theme timelines, phrase first/every use, meetings by person, two meetings compared theme by
theme, and the counts the App Home shows. All reads go through the Store's public methods and
the search engine, so a lookup answers the same in the terminal and in Slack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from bot.analysis.themes import default_taxonomy
from bot.errors import NotFoundError, QueryError
from bot.store import Store
from bot.store.dialect import like_escape, like_in_json

# Above this many search hits a phrase's first use is found by a chronological SQL scan
# instead of sorting the hits, so "first use" is never wrong because of a cap.
PHRASE_SORT_CAP = 2000


def check_theme(theme: str) -> str:
    tax = default_taxonomy()
    if theme in tax.themes:
        return theme
    resolve = getattr(tax, "resolve", None)
    resolved = resolve(theme) if callable(resolve) else None
    if resolved:
        return str(resolved)
    raise QueryError(f"unknown theme {theme!r}; valid themes: {', '.join(tax.ids())}")


def _theme_where(theme: str) -> tuple[str, tuple[Any, ...]]:
    # themes is a space-separated list; padding makes "trade" not match "free_trade".
    return "(' ' || s.themes || ' ') LIKE ?", (f"% {theme} %",)


@dataclass
class Page:
    items: list[dict[str, Any]]
    offset: int
    limit: int
    more: bool
    total: int | None = None


def theme_timeline(
    store: Store, theme: str, limit: int = 10, offset: int = 0,
    before: tuple[str, int] | None = None,
) -> Page:
    """Statements on a theme, newest first, every side; `before` = (event_date, sid) pages back
    from one statement ("earlier statements on this theme")."""
    from bot.search import check_offset

    theme = check_theme(theme)
    offset = check_offset(offset)
    where, params = _theme_where(theme)
    if before is not None:
        where += " AND (s.event_date < ? OR (s.event_date = ? AND s.sid < ?))"
        params = (*params, before[0], before[0], before[1])
    rows = list(islice(
        store.iter_statements(where, params, "s.event_date DESC, s.sid DESC"),
        offset, offset + limit + 1,
    ))
    return Page(rows[:limit], offset, limit, len(rows) > limit)


def theme_counts(store: Store, theme: str) -> dict[str, dict[str, int]]:
    """{year: {side: statements}} for a chart of a theme over time."""
    theme = check_theme(theme)
    where, params = _theme_where(theme)
    out: dict[str, dict[str, int]] = {}
    for row in store.conn.execute(
        f"SELECT substr(s.event_date, 1, 4) AS y, coalesce(s.side, 'narration') AS side,"
        f" count(*) FROM statements s WHERE s.event_date IS NOT NULL AND {where}"
        f" GROUP BY y, side ORDER BY y", params,
    ):
        out.setdefault(row[0], {})[row[1]] = row[2]
    return out


@dataclass
class PhraseUses:
    phrase: str
    first: dict[str, Any] | None
    uses: list[dict[str, Any]]  # chronological, the page asked for
    offset: int
    more: bool


def phrase_uses(store: Store, phrase: str, limit: int = 10, offset: int = 0) -> PhraseUses:
    """The first use of a phrase and every later use, oldest first."""
    text = " ".join(phrase.strip().strip("\"'“”‘’").split())
    if not text:
        raise QueryError("give a phrase, e.g. phrase \"supply chains\"")
    from bot.search import search

    probe = search(store, f'"{text}"', limit=1, offset=0)
    if probe.total <= PHRASE_SORT_CAP:
        hits = search(store, f'"{text}"', limit=max(probe.total, 1), offset=0).hits
        ordered = sorted(hits, key=lambda h: (h.get("event_date") or "9999", h.get("sid") or 0))
        first = ordered[0] if ordered else None
        page = ordered[offset : offset + limit + 1]
    else:
        # A chronological scan that stops once the page is full: its first row is the first
        # use, wherever relevance ranking would have put it.
        rows = store.iter_statements(
            "s.text LIKE ? ESCAPE '\\'", (f"%{like_escape(text)}%",), "s.event_date, s.sid",
        )
        first = next(rows, None)
        if offset == 0:
            page = ([first] if first else []) + list(islice(rows, limit))
        else:
            page = list(islice(rows, offset - 1, offset + limit))
    return PhraseUses(text, first, page[:limit], offset, len(page) > limit)


def meetings_by_person(store: Store, person: str | None = None, limit: int = 20) -> list[dict]:
    """Meetings newest first, optionally only those a person (name or surname) took part in."""
    # Newest `limit` picked in SQL: building a meeting dict costs a query, and an archive
    # holds tens of thousands of meetings.
    newest = ("m.id IN (SELECT id FROM meetings WHERE {cond}"
              " ORDER BY event_date DESC, created_seq DESC LIMIT ?)")
    if not person:
        rows = store.meetings(newest.format(cond="1"), (limit,))
    else:
        from bot.registry.people import default_registry

        registry = default_registry()
        found = registry.by_name(person) or registry.by_letters(person)
        name = found.name if found else person.strip()
        rows = store.meetings(newest.format(cond="participants LIKE ? ESCAPE '\\'"),
                              (like_in_json(name), limit * 2))
        rows = [m for m in rows if any(_name_matches(name, p) for p in m["participants"])]
        if not rows:
            raise NotFoundError(f"no meetings with anyone called {person!r}")
    rows.sort(key=lambda m: (m["event_date"] or "", m["id"]), reverse=True)
    return rows[:limit]


def _name_matches(query: str, name: str) -> bool:
    words = name.lower().replace("-", " ").split()
    q = query.lower().replace("-", " ").split()
    return q == words[: len(q)] or q == words[-len(q):] or query.lower() == name.lower()


_DATE_REF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def find_meeting(store: Store, ref: str, meeting_format: str | None = None) -> dict[str, Any]:
    """A meeting by id, or by date (YYYY, YYYY-MM or YYYY-MM-DD) when that date names one."""
    ref = ref.strip()
    exact = store.meeting(ref)
    if exact is not None:
        return exact
    if not _DATE_REF.match(ref):
        raise NotFoundError(f"no meeting {ref!r}; give a meeting id or a date like 2024-12-24")

    def newest(extra: str, params: tuple[Any, ...]) -> list[Any]:
        # A range, not LIKE, so the event_date index answers it ("~" sorts after any date);
        # 11 rows are enough to pick the newest or to list an ambiguous day.
        return store.conn.execute(
            f"SELECT id, format FROM meetings WHERE event_date >= ? AND event_date < ?{extra}"
            " ORDER BY event_date DESC, created_seq DESC LIMIT 11", (ref, f"{ref}~", *params),
        ).fetchall()

    rows = newest(" AND format = ?", (meeting_format,)) if meeting_format else []
    rows = rows or newest("", ())
    if not rows:
        raise NotFoundError(f"no meeting on {ref}")
    if len(rows) > 1 and len(ref) == 10:
        listed = ", ".join(f"{r['id']} ({r['format']})" for r in rows[:10])
        many = "more than 10" if len(rows) > 10 else str(len(rows))
        raise NotFoundError(f"{many} meetings on {ref}: {listed}; give the id")
    # A year or month names its latest meeting: the one an analyst compares against.
    found = store.meeting(rows[0]["id"])
    assert found is not None
    return found


@dataclass
class ThemeRow:
    theme: str
    label: str
    a: list[dict[str, Any]]
    b: list[dict[str, Any]]


@dataclass
class Comparison:
    a: dict[str, Any]
    b: dict[str, Any]
    rows: list[ThemeRow] = field(default_factory=list)


def compare_meetings(
    store: Store, ref_a: str, ref_b: str, theme: str | None = None,
    meeting_format: str | None = None,
) -> Comparison:
    """Two meetings side by side, theme by theme, themes in taxonomy order."""
    if theme:
        theme = check_theme(theme)
    ma = find_meeting(store, ref_a, meeting_format)
    mb = find_meeting(store, ref_b, meeting_format)
    tax = default_taxonomy()
    order = {t: i for i, t in enumerate(tax.ids())}

    def by_theme(mid: str) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for st in store.iter_statements("s.meeting_id = ?", (mid,), "s.paragraph, s.sentence"):
            for t in st["themes"]:
                out.setdefault(t, []).append(st)
        return out

    ta, tb = by_theme(ma["id"]), by_theme(mb["id"])
    themes = sorted(set(ta) | set(tb), key=lambda t: (order.get(t, len(order)), t))
    if theme:
        themes = [theme]
    rows = [
        ThemeRow(t, tax.themes[t].label if t in tax.themes else t, ta.get(t, []), tb.get(t, []))
        for t in themes
    ]
    return Comparison(ma, mb, rows)


def home_stats(store: Store) -> dict[str, Any]:
    """What the App Home shows about the index."""
    counts = store.counts()
    latest_row = store.conn.execute(
        "SELECT id FROM meetings WHERE event_date IS NOT NULL"
        " ORDER BY event_date DESC, created_seq DESC LIMIT 1"
    ).fetchone()
    latest = store.meeting(latest_row[0]) if latest_row else None
    return {**counts, "latest_meeting": latest}
