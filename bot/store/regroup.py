"""Meetings as a function of the set of reports, not of the order they were indexed in.

The rule (docs/meetings.md, "Order independence"): two reports *fit* when either report fits
the other as a one-report meeting (`merge._fit`: dates, format, participants, place). The fit
relation links reports into components; a component depends only on which reports are
stored. Inside a component the reports are placed greedily in a canonical order (dated
before month-and-day-only before weekday-only reports, fuller participant lists first, then
article id, a content hash); a report joins the meeting `merge.find_meeting` picks among the
meetings so far that hold a report it fits, else starts one. A meeting's id comes from its
first report in that order and its statements are placed in that order, so statement ids,
first sources and merges are the same whatever order or concurrency the files came in.

Every ingest, removal or correction re-places the component(s) it touches, inside the
caller's transaction (which holds the store's writer lock: SQLite BEGIN IMMEDIATE, a
PostgreSQL advisory lock), so concurrent runs serialise here. Articles a user split or joined
are outside the components; they stay where the user put them.

The `month_day` column holds what an undated report gives instead of a date: "07-28" (a month
and day with no year) or "w0".."w6" (only a weekday, Monday=0).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from bot.meetings import merge
from bot.models import MeetingInfo
from bot.registry.outlets import default_outlets
from bot.store import placing, restate
from bot.store.dialect import like_in_json
from bot.store.placing import canonical_key, own_info

JOINED_SUFFIX = " (the date of the meeting it joined)"
# A government's own readouts: one office does not date one call to two days.
_OWN_READOUTS = frozenset({"ministry", "government"})
_NOT_OVERRIDDEN = "id NOT IN (SELECT article_id FROM meeting_overrides)"
# What placing reads of a report (not its text: a day's neighbours are many rows).
_COLUMNS = ("id, event_date, month_day, format, location, occasion, participants, date_reason,"
            " meeting_id, merge_reason, url, outlet")


def encode_undated(info: MeetingInfo) -> str | None:
    if info.event_date is not None:
        return None
    if info.month_day is not None:
        return "{:02d}-{:02d}".format(*info.month_day)
    if info.weekday is not None:
        # "s": the day it was made public (MeetingInfo.said)
        return f"{'s' if info.said else 'w'}{info.weekday}"
    if info.day is not None:
        return f"d{info.day}"
    return None


def _as_candidate(row: Mapping[str, Any], info: MeetingInfo) -> merge.MeetingCandidate | None:
    if info.event_date is None and info.month_day is None:
        if info.weekday is not None and info.location:
            # only a weekday and a place: another such report may be of it (merge._fit)
            return merge.MeetingCandidate(str(row["id"]), None, info.format,
                                          [asdict(p) for p in info.participants],
                                          info.location, weekdays=merge.said_days(info))
        return None
    when = info.event_date.isoformat() if info.event_date else None
    return merge.MeetingCandidate(str(row["id"]), when, info.format,
                                  [asdict(p) for p in info.participants], info.location,
                                  info.month_day, merge.published_only(info))


class Fits:
    """The symmetric fit relation between stored reports, cached for one regrouping."""

    def __init__(self, conn: sqlite3.Connection | None = None) -> None:
        self.conn = conn
        self._words: dict[str, frozenset[str]] = {}
        self._grams: dict[str, frozenset[tuple[str, ...]]] = {}
        self._first: dict[str, bool] = {}
        self._office: dict[str, str | None] = {}
        self.infos: dict[str, MeetingInfo] = {}
        self.rows: dict[str, Mapping[str, Any]] = {}
        self._pairs: dict[tuple[str, str], bool] = {}
        self._cands: dict[str, merge.MeetingCandidate | None] = {}
        # Reports of one meeting share their date: their neighbours are one query.
        self.near: dict[tuple[Any, ...], list[Any]] = {}

    def add(self, row: Mapping[str, Any]) -> None:
        self.rows[row["id"]] = row
        self.infos[row["id"]] = own_info(row)

    def fit(self, a: str, b: str) -> bool:
        key = (a, b) if a < b else (b, a)
        if key not in self._pairs:
            self._pairs[key] = self._one_way(a, b) or self._one_way(b, a)
        return self._pairs[key]

    def words(self, aid: str) -> frozenset[str]:
        """A report's content words, read only when a placing needs them (see cluster)."""
        if aid not in self._words:
            self._words[aid] = merge.content_words(self._text(aid))
        return self._words[aid]

    def grams(self, aid: str) -> frozenset[tuple[str, ...]]:
        """A report's word 4-grams, read only when a report with no date needs them."""
        if aid not in self._grams:
            self._grams[aid] = merge.word_grams(self._text(aid))
        return self._grams[aid]

    def first_in_office(self, aid: str) -> bool:
        """Whether the report says this is someone's first call or meeting since taking office."""
        if aid not in self._first:
            self._first[aid] = merge.says_first_in_office(self._text(aid),
                                                          self.infos[aid].participants)
        return self._first[aid]

    def _text(self, aid: str) -> list[str]:
        row = (self.conn.execute("SELECT title, paragraphs FROM articles WHERE id=?",
                                 (aid,)).fetchone() if self.conn is not None else None)
        return [] if row is None else [row["title"], *json.loads(row["paragraphs"])]

    def government(self, aid: str) -> str | None:
        """The government office that published the report (a ministry's or a president's
        site, by its outlet or address), None for anyone else's. Looked up once a report:
        a regrouping asks it of every pair."""
        if aid not in self._office:
            row = self.rows[aid]
            keys = row.keys()
            found = default_outlets().lookup(row["outlet"] if "outlet" in keys else None,
                                             row["url"] if "url" in keys else None)
            self._office[aid] = found.name if found is not None \
                and found.kind in _OWN_READOUTS else None
        return self._office[aid]

    def other_day(self, a: str, b: str) -> bool:
        """Two readouts one government office dated to different days (merge.other_day). Not
        a newspaper's or an agency's two stories: a Xinhua story dated the 12th and another
        dated the 13th may be one meeting across a time zone."""
        site = self.government(a)
        return site is not None and site == self.government(b) \
            and merge.other_day(self.infos[a], self.infos[b])

    def _one_way(self, a: str, b: str) -> bool:
        if b not in self._cands:
            self._cands[b] = _as_candidate(self.rows[b], self.infos[b])
        cand = self._cands[b]
        return cand is not None and merge._fit(self.infos[a], cand)[0] is not None


# Neighbours are looked up PUBLISHED_LAG days either way: a report dated only by the day it
# was published may be that many days after its meeting (merge._window). The same window
# from either report of a pair, so that each finds the other.
_NEAR = range(-merge.PUBLISHED_LAG, merge.PUBLISHED_LAG + 1)


def _near_days(day: date) -> list[str]:
    return [(day + timedelta(days=k)).isoformat() for k in _NEAR]


def _near_month_days(md: tuple[int, int]) -> list[str]:
    return [(date(2000, *md) + timedelta(days=k)).strftime("%m-%d") for k in _NEAR]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _neighbour_rows(c: sqlite3.Connection, info: MeetingInfo) -> list[Any]:
    """Stored auto-placed reports that might fit `info` (filtered exactly by `Fits`)."""
    formats = merge.compatible_formats(info.format)
    fmarks = ",".join("?" * len(formats))
    base = f"SELECT {_COLUMNS} FROM articles WHERE format IN ({fmarks}) AND {_NOT_OVERRIDDEN} AND "
    rows: list[Any] = []
    no_date = merge.no_date(info)
    if info.event_date is not None:
        # (month_day filtered here, not in SQL: the planner would take its index, not the date's)
        near = _near_days(info.event_date)
        rows += [r for r in c.execute(base + f"event_date IN ({_marks(len(near))})",
                                      (*formats, *near)).fetchall()
                 if r["month_day"] is None]
        mds = _near_month_days((info.event_date.month, info.event_date.day))
        rows += c.execute(base + f"month_day IN ({_marks(len(mds))})",
                          (*formats, *mds)).fetchall()
        # weekday- and day-only reports of this day, or of the days before a date that is
        # only the day of publication
        days = [info.event_date - timedelta(days=k) for k in range(
            merge.PUBLISHED_LAG + 1 if merge.published_only(info) else 1)]
        codes = sorted({code for d in days for code in (
            f"w{d.weekday()}", f"d{d.day}", f"s{d.weekday()}", f"s{(d.weekday() + 1) % 7}")})
        rows += c.execute(base + f"month_day IN ({_marks(len(codes))})",
                          (*formats, *codes)).fetchall()
        if pairs := _pairs_clause(info):
            # reports with no date at all naming two of the same people (merge.no_date)
            # coalesce(...): "month_day IS NULL" holds for nearly every row, and given it the
            # planner walks the month_day index over all of them; the undated are few by date
            rows += c.execute(base + "coalesce(month_day, '') = '' AND event_date IS NULL AND "
                              f"{pairs[0]}", (*formats, *pairs[1])).fetchall()
    elif info.month_day is not None:
        near = _near_month_days(info.month_day)
        marks = _marks(len(near))
        rows += c.execute(base + f"month_day IS NULL AND substr(event_date, 6, 5) IN ({marks})",
                          (*formats, *near)).fetchall()
        rows += c.execute(base + f"month_day IN ({marks})", (*formats, *near)).fetchall()
    elif info.month_day is None and (pairs := _pairs_clause(info)):
        # Only a weekday, a day of the month, or nothing: dated reports naming two of the
        # same people (a fit needs a participant of each of two sides in common); the fit
        # checks the weekday and the rest.
        rows += c.execute(base + f"month_day IS NULL AND event_date IS NOT NULL AND {pairs[0]}",
                          (*formats, *pairs[1])).fetchall()
        if not no_date:
            rows = [r for r in rows if _on(r, info)]
        if info.weekday is not None and info.location:
            # other reports giving only the same weekday (merge._fit: and the same place)
            codes = sorted({f"{k}{d}" for d in merge.said_days(info) for k in ("w", "s")}
                           | {f"s{(d + 1) % 7}" for d in merge.said_days(info)})
            rows += c.execute(base + f"month_day IN ({_marks(len(codes))}) AND event_date IS NULL"
                              f" AND {pairs[0]}", (*formats, *codes, *pairs[1])).fetchall()
    return rows


def _pairs_clause(info: MeetingInfo) -> tuple[str, list[str]] | None:
    """SQL matching stored reports that name two of this report's participants: any word of
    each name ("Cho" finds "Cho Hyun" and "Minister Cho"), so that it finds every report a
    fit could join it with, whichever principal each report names first. The same clause
    from either side of a pair finds the other (the component must not depend on which
    report came first). The names are matched as the participants JSON stores them
    (dialect.like_in_json: an accented name's escapes once hid it on PostgreSQL)."""
    words = [sorted({w for w in re.split(r"[\s\-.']+", p.name) if len(w) > 1})
             for p in info.participants]
    words = [w for w in words if w]
    if len(words) < 2:
        return None
    clauses: list[str] = []
    params: list[str] = []
    for i in range(len(words)):
        for j in range(i + 1, len(words)):
            a = " OR ".join("participants LIKE ? ESCAPE '\\'" for _ in words[i])
            b = " OR ".join("participants LIKE ? ESCAPE '\\'" for _ in words[j])
            clauses.append(f"(({a}) AND ({b}))")
            params += [like_in_json(w) for w in words[i] + words[j]]
    return "(" + " OR ".join(clauses) + ")", params


def _on(row: Mapping[str, Any], info: MeetingInfo) -> bool:
    """Whether a dated report may be of the weekday or day of the month `info` gives: its
    day, or one of the days before it when its date is only the day it was published."""
    day = date.fromisoformat(row["event_date"])
    lag = merge.PUBLISHED_LAG if (row["date_reason"] or "").startswith("publication date") \
        else 0
    for k in range(lag + 1):
        d = day - timedelta(days=k)
        if d.weekday() in merge.said_days(info) if info.weekday is not None else \
                d.day == info.day:
            return True
    return False


def component(c: sqlite3.Connection, seeds: Iterable[str], fits: Fits) -> list[str]:
    """Every auto-placed report linked to the seeds by a chain of fits."""
    todo = []
    for aid in seeds:
        row = c.execute(f"SELECT {_COLUMNS} FROM articles WHERE id=? AND {_NOT_OVERRIDDEN}",
                        (aid,)).fetchone()
        if row is not None and row["id"] not in fits.rows:
            fits.add(row)
            todo.append(row["id"])
    seen = list(todo)
    members = set(todo)
    while todo:
        a = todo.pop()
        info = fits.infos[a]
        who = tuple(p.name for p in info.participants) if info.event_date is None else ()
        key = (info.event_date, info.month_day, info.weekday, info.day, info.format, who)
        if key not in fits.near:
            fits.near[key] = _neighbour_rows(c, info)
        for row in fits.near[key]:
            b = row["id"]
            if b == a or b in members:
                continue
            if b not in fits.rows:
                fits.add(row)
            if fits.fit(a, b):
                members.add(b)
                seen.append(b)
                todo.append(b)
    return seen


@dataclass
class Group:
    members: list[str]
    whys: dict[str, str] = field(default_factory=dict)
    participants: list[dict[str, Any]] = field(default_factory=list)
    location: str | None = None
    occasion: str | None = None
    id: str = ""
    # how many of its reports give each date
    dates: Counter[str] = field(default_factory=Counter)
    # what each report says of the meeting, in placing order: its date (merge.meeting_date)
    infos: list[MeetingInfo] = field(default_factory=list)


def cluster(ids: list[str], fits: Fits) -> list[Group]:
    """The canonical greedy placing of one set of reports (see the module docstring)."""
    groups: list[Group] = []
    for aid in sorted(ids, key=lambda a: canonical_key(fits.rows[a])):
        info = fits.infos[aid]
        # (never a meeting one of whose reports the same publisher dated another day: two
        # White House readouts of calls with Netanyahu on October 22 and 23 are two calls)
        eligible = [g for g in groups if any(fits.fit(aid, m) for m in g.members)
                    and not any(fits.other_day(aid, m) for m in g.members)]
        cands = [_group_candidate(g, fits, str(i)) for i, g in enumerate(eligible)]
        live = [x for x in cands if x is not None]
        found = merge.find_meeting(info, live)
        if found is not None and info.event_date is None and info.month_day is None \
                and not info.location and not merge.weighable(fits.words(aid)):
            # Only a weekday (or nothing) and no place, in words the weights do not know (a
            # French "mercredi"): the one such meeting indexed is all it has, and the one it
            # reports may not be indexed (a Phnom Penh Wednesday joined a Wuxi one)
            found = None
        if found is None and info.event_date is None and info.month_day is None:
            # Only a weekday or a day of the month, and several meetings of these people on
            # such a day: the one whose reports say what this one says, if one clearly does.
            fitting = merge.fitting(info, live)
            found = _pick_by_content(aid, fitting, eligible, fits)
            if found is None and len(fitting) > 1 and fits.first_in_office(aid):
                # "his first phone call ... since taking office": the earliest of them
                found = merge.pick_earliest(fitting, {
                    f.meeting_id: min(eligible[int(f.meeting_id)].dates, default=None)
                    for f in fitting})
        if found is None and info.event_date is not None:
            # A dated report that fits several meetings of the same people on its day equally
            # (one meeting's reports kept apart by a stray place in one of them): starting a
            # third record is surely wrong. The one whose reports say what it says, else the
            # first placed (canonical order, so the same in any order of indexing).
            tied = merge.tied_fits(info, live)
            if len(tied) > 1 and all(f.same_day for f in tied):
                found = _pick_by_content(aid, tied, eligible, fits) or (
                    tied[0].meeting_id, tied[0].why
                    + f" (it fits {len(tied)} meetings of these people that day equally:"
                    " the first placed)")
        if found is None and merge.no_date(info) and info.location:
            # No date at all, but one meeting of these people and format indexed is in the
            # place it names, and only one ("met ... in New York this week"): that meeting
            found = merge.pick_by_place(info, live, {
                str(i): {loc for m in g.members if (loc := fits.infos[m].location)}
                for i, g in enumerate(eligible)}, [
                c for i, g in enumerate(groups) if g not in eligible
                and (c := _group_candidate(g, fits, f"other{i}")) is not None])
        if found is None and merge.no_date(info):
            # No date and no place to go by, but it repeats one meeting's reports word for
            # word (a rewrite of a ministry's release): that meeting
            found = _pick_by_reprint(aid, eligible, live, fits)
        if found is None and merge.no_date(info):
            # Nothing to date it and no reprint, but it says one meeting's things far more
            # nearly than any other's (UNDATED_CONTENT_MIN, UNDATED_CONTENT_MARGIN)
            found = _pick_by_content(aid, merge.fitting(info, live), eligible, fits,
                                     merge.UNDATED_CONTENT_MIN, merge.UNDATED_CONTENT_MARGIN)
        if found is not None and info.event_date is None and fits.first_in_office(aid) \
                and (day := _group_date(eligible[int(found[0])])) is not None \
                and not merge.newly_in_office(info.participants, day):
            # "their first talks since Park took office last week", and the one meeting of
            # these people on that weekday is months into everybody's term: another meeting
            found = None
        if found is not None:
            g = eligible[int(found[0])]
            g.members.append(aid)
            g.whys[aid] = found[1]
            _widen(g, info)
            continue
        g = Group([aid])
        _widen(g, info)
        groups.append(g)
    _rejoin_reprints(groups, fits)
    return groups


def _pick_by_content(aid: str, fitting: list[merge.Fit], groups: list[Group], fits: Fits,
                     minimum: float = merge.CONTENT_MIN,
                     margin: float = merge.CONTENT_MARGIN) -> tuple[str, str] | None:
    """merge.pick_by_content among the groups (their index the fits' meeting ids)."""
    return merge.pick_by_content(fits.words(aid), fitting, {
        f.meeting_id: [fits.words(m) for m in groups[int(f.meeting_id)].members]
        for f in fitting}, minimum, margin)


def _pick_by_reprint(aid: str, groups: list[Group], live: list[merge.MeetingCandidate],
                     fits: Fits) -> tuple[str, str] | None:
    """merge.pick_by_reprint among the groups (candidates `live`, ids their index) `aid` fits."""
    fitting = merge.fitting(fits.infos[aid], live)
    return merge.pick_by_reprint(fits.grams(aid), fitting, {
        f.meeting_id: frozenset().union(*(fits.grams(m) for m in groups[int(f.meeting_id)].members))
        for f in fitting})


def _rejoin_reprints(groups: list[Group], fits: Fits) -> None:
    """A report with no date placed before the rewrite it repeats (among such reports the
    order is by id) had only the dated reports to go by: once all are placed, one left on its
    own joins the meeting whose reports now hold much of its wording (merge.pick_by_reprint).
    Canonical order still: the groups in the order they were made."""
    for g in [g for g in groups
              if len(g.members) == 1 and merge.no_date(fits.infos[g.members[0]])]:
        aid = g.members[0]
        others = [h for h in groups if h is not g and any(fits.fit(aid, m) for m in h.members)]
        cands = [_group_candidate(h, fits, str(i)) for i, h in enumerate(others)]
        found = _pick_by_reprint(aid, others, [x for x in cands if x is not None], fits)
        if found is None:
            continue
        into = others[int(found[0])]
        into.members.append(aid)
        into.whys[aid] = found[1]
        _widen(into, fits.infos[aid])
        groups.remove(g)


def _widen(g: Group, info: MeetingInfo) -> None:
    for p in info.participants:
        if not any(merge.same_person(p, q) for q in g.participants):
            g.participants.append(asdict(p))
    g.location = g.location or info.location
    if info.location and g.location != info.location and merge.bare_country(g.location) \
            and not merge.bare_country(info.location) \
            and merge.same_place(g.location, info.location):
        # "said in China" in one report, "in the city of Guiyang" in the next: the city
        g.location = info.location
    g.occasion = g.occasion or info.occasion
    g.infos.append(info)
    if info.event_date is not None:
        g.dates[info.event_date.isoformat()] += 1


def _group_date(g: Group) -> date | None:
    """The group's date (merge.meeting_date: most of its dated reports', else the day of
    publication, or the day before it that one of them names)."""
    return merge.meeting_date(g.infos)[0]


def _group_candidate(g: Group, fits: Fits, cid: str) -> merge.MeetingCandidate | None:
    first = fits.infos[g.members[0]]
    if first.event_date is None and first.month_day is None:
        if first.weekday is not None and first.location:
            fmt = merge.stated_format(fits.infos[m].format for m in g.members)
            return merge.MeetingCandidate(cid, None, fmt, g.participants, g.location,
                                          weekdays=merge.said_days(first))
        return None
    day, bound = merge.meeting_date(g.infos)
    when = day.isoformat() if day else None
    # the format its first report that states one gives: a report that states none widens
    # nothing (a call and an in-person meeting it both fits stay two meetings)
    fmt = merge.stated_format(fits.infos[m].format for m in g.members)
    return merge.MeetingCandidate(cid, when, fmt, g.participants, g.location, first.month_day,
                                  upper_bound=bound)


def _name(c: sqlite3.Connection, g: Group, fits: Fits, ours: set[str]) -> str:
    info = fits.infos[g.members[0]]
    if (day := _group_date(g)) is not None and day != info.event_date:
        info = replace(info, event_date=day)  # named by the date most reports give
    mid = merge.meeting_id(info, salt=g.members[0])
    # A clash with a meeting of other reports (a 24-bit hash, so practically never) moves on.
    while True:
        row = c.execute("SELECT 1 FROM articles WHERE meeting_id=? AND id NOT IN"
                        f" ({','.join('?' * len(ours))})", (mid, *ours)).fetchone()
        if row is None:
            return mid
        mid = merge.meeting_id(info, salt=mid)


def regroup(c: sqlite3.Connection, seeds: Iterable[str],
            fresh: dict[str, list[placing.Source]] | None = None) -> dict[str, str]:
    """Re-place the components of `seeds`; `fresh` holds the sentences of articles whose
    statements are not stored yet. Returns article id -> meeting id for the component."""
    fresh = fresh or {}
    fits = Fits(c)
    ids = component(c, seeds, fits)
    if not ids:
        return {}
    groups = cluster(ids, fits)
    ours = set(ids)
    before = {aid: fits.rows[aid]["meeting_id"] for aid in ids}
    touched: set[str] = {m for m in before.values() if m}
    days = _days_of(c, touched)
    placed: dict[str, str] = {}
    for g in groups:
        g.id = _name(c, g, fits, ours)
        first = fits.infos[g.members[0]]
        if (day := _group_date(g)) is not None:
            first = replace(first, event_date=day)
        fmt = merge.stated_format(fits.infos[m].format for m in g.members)
        _upsert_meeting(c, g, replace(first, format=merge.shown_format(fmt)))
        for aid in g.members:
            placed[aid] = g.id
            info = fits.infos[aid]
            date_reason = info.date_reason
            if info.event_date is None and first.event_date is not None:
                date_reason += f"; {first.event_date}{JOINED_SUFFIX}"
            why = g.whys.get(aid, fits.rows[aid]["merge_reason"])
            c.execute("UPDATE articles SET meeting_id=?, merge_reason=?, date_reason=?"
                      " WHERE id=?", (g.id, why, date_reason, aid))
    # Meetings whose stored reports changed (not counting the new ones in `fresh`).
    moved = {aid for aid in ids if before[aid] != placed[aid] and aid not in fresh}
    regrouped = {placed[a] for a in moved} | {before[a] for a in moved if before[a]}
    # Reports a user joined to a meeting whose id changed follow their anchor.
    for old in touched - set(placed.values()):
        for r in c.execute("SELECT id FROM articles WHERE meeting_id=?", (old,)).fetchall():
            target = placing.join_target(c, r["id"])
            if target is not None and target != old:
                c.execute("UPDATE articles SET meeting_id=? WHERE id=?", (target, r["id"]))
                regrouped |= {old, target}
    ids_now = {g.id for g in groups}
    rebuild = set(regrouped)
    for g in groups:
        new = [a for a in g.members if a in fresh]
        if g.id in regrouped or not new:
            continue
        rows = c.execute(f"SELECT {_COLUMNS} FROM articles WHERE meeting_id=?",
                         (g.id,)).fetchall()
        if g.id not in touched or len(new) != 1:
            rebuild.add(g.id)
        elif max(rows, key=canonical_key)["id"] == new[0]:
            # The common case: one new report that comes last in the canonical order of a
            # meeting placed in order. Appending its sentences gives what a rebuild would.
            append_sources(c, g.id, new[0], fresh[new[0]])
        else:  # one new report inside: those before it keep what they made
            restate.insert(c, g.id, new[0], fresh[new[0]])
    # One rebuild for all: a report moving between two meetings is read before either goes.
    restate.rebuild(c, rebuild, fresh)
    for mid in regrouped | ids_now:
        placing.refresh_meeting(c, mid)
    refresh_whys(c, regrouped | ids_now, days)
    return placed


def _days_of(c: sqlite3.Connection, mids: set[str]) -> set[str]:
    """The dates a meeting's neighbours' reasons may name it under (see refresh_whys)."""
    days: set[str] = set()
    for mid in mids:
        row = c.execute("SELECT event_date FROM meetings WHERE id=?", (mid,)).fetchone()
        if row is not None and row[0]:
            days.update(_near_days(date.fromisoformat(row[0])))
    return days


def remove(c: sqlite3.Connection, aid: str) -> None:
    """Delete an article; the reports it linked are placed again without it."""
    row = c.execute("SELECT meeting_id FROM articles WHERE id=?", (aid,)).fetchone()
    if row is None:
        return
    linked = [a for a in component(c, [aid], Fits(c)) if a != aid]
    days = _days_of(c, {row["meeting_id"]})
    placing.delete_article(c, aid)
    placed = regroup(c, linked)
    left = row["meeting_id"]
    if left not in placed.values() and c.execute("SELECT 1 FROM meetings WHERE id=?",
                                                 (left,)).fetchone():
        restate.rebuild(c, {left}, {})  # its next report becomes the first source
    refresh_whys(c, set(), days)


def _upsert_meeting(c: sqlite3.Connection, g: Group, first: MeetingInfo) -> None:
    when = first.event_date.isoformat() if first.event_date else None
    values = (when, first.format, g.location, g.occasion, json.dumps(g.participants),
              json.dumps(merge.sides_of(g.participants)))
    if c.execute("SELECT 1 FROM meetings WHERE id=?", (g.id,)).fetchone():
        c.execute("UPDATE meetings SET event_date=?, format=?, location=?, occasion=?,"
                  " participants=?, sides=?, origin='auto' WHERE id=?", (*values, g.id))
    else:
        c.execute("INSERT INTO meetings(id, event_date, format, location, occasion, participants,"
                  " sides, created_seq, origin) VALUES (?,?,?,?,?,?,?,?,'auto')",
                  (g.id, *values, placing.next_seq(c)))


def _row(c: sqlite3.Connection, aid: str) -> Any:
    return c.execute("SELECT * FROM articles WHERE id=?", (aid,)).fetchone()


def append_sources(c: sqlite3.Connection, mid: str, aid: str,
                   sources: list[placing.Source]) -> None:
    matcher = placing.meeting_matcher(c, mid)
    art = _row(c, aid)
    when = c.execute("SELECT event_date FROM meetings WHERE id=?", (mid,)).fetchone()[0]
    for src in sources:
        placing.place_source(c, matcher, art, src, mid, event_date=when)


def refresh_whys(c: sqlite3.Connection, mids: set[str], days: set[str] | None = None) -> None:
    """Why the first report of each meeting near these (or near `days`, those of meetings
    that changed or went) did not join another: from the stored meetings now, so the text is
    the same whatever order the reports came in."""
    days = set(days or ()) | _days_of(c, mids)
    near = {m for m in mids if c.execute("SELECT 1 FROM meetings WHERE id=?", (m,)).fetchone()}
    if days:
        near |= {r[0] for r in c.execute(
            f"SELECT id FROM meetings WHERE event_date IN ({','.join('?' * len(days))})",
            tuple(sorted(days))).fetchall()}
        # ... and of reports whose own date is one of these days: a meeting's first report
        # names the meetings near its own date, which may be a day off the meeting's (modal)
        # date, so a meeting two days from a new one can still be named in its reason.
        near |= {r[0] for r in c.execute(
            f"SELECT DISTINCT meeting_id FROM articles WHERE event_date IN"
            f" ({','.join('?' * len(days))}) AND meeting_id IS NOT NULL",
            tuple(sorted(days))).fetchall()}
        # meetings of reports that give only this month and day: their reason names these too
        mds = sorted({d[5:10] for d in days})
        near |= {r[0] for r in c.execute(
            f"SELECT DISTINCT meeting_id FROM articles WHERE month_day IN"
            f" ({','.join('?' * len(mds))}) AND meeting_id IS NOT NULL", tuple(mds)).fetchall()}
    for mid in near:
        rows = c.execute(f"SELECT {_COLUMNS} FROM articles WHERE meeting_id=? AND"
                         f" {_NOT_OVERRIDDEN}", (mid,)).fetchall()
        if not rows:
            continue
        first = min(rows, key=canonical_key)
        info = own_info(first)
        cands = sorted(placing.candidates(c, info, exclude=mid), key=lambda m: m.id)
        why = merge.explain_no_match(info, cands)
        if first["merge_reason"] != why:
            c.execute("UPDATE articles SET merge_reason=? WHERE id=?", (why, first["id"]))
