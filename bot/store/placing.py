"""Placing articles in meetings and sentences in statements, inside the caller's transaction.

Everything here takes the open connection of a `Store.transaction()`, so an ingest, a split or
a join either happens whole or not at all. Statement ids (sids) are kept when a statement only
changes meeting, because digests use them as a watermark: a moved statement is not news.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from bot.meetings import merge
from bot.models import IndexedArticle, MeetingInfo, Participant, Statement


@dataclass
class Source:
    """One article's copy of one sentence, with that article's own attribution."""

    paragraph: int
    sentence: int
    text: str
    speaker: str | None
    side: str | None
    themes: str
    via: str | None
    rule: str

    @classmethod
    def of(cls, st: Statement) -> Source:
        return cls(st.paragraph, st.sentence, st.text, st.speaker, st.side,
                   " ".join(st.themes), st.via, st.rule)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def next_seq(c: sqlite3.Connection) -> int:
    row = c.execute("SELECT value FROM meta WHERE key='seq'").fetchone()
    seq = int(row[0]) + 1 if row else 1
    c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('seq', ?)", (str(seq),))
    return seq


def info_of(row: sqlite3.Row) -> MeetingInfo:
    """An article row's own account of its meeting."""
    parts = [Participant(p["name"], p.get("side"), p.get("person_id"))
             for p in json.loads(row["participants"])]
    when = date.fromisoformat(row["event_date"]) if row["event_date"] else None
    return MeetingInfo(when, row["format"], row["location"], row["occasion"], parts,
                       row["date_reason"])


def own_info(row: Mapping[str, Any]) -> MeetingInfo:
    """What an article row itself says about its meeting (never a date it adopted)."""
    parts = [Participant(p["name"], p.get("side"), p.get("person_id"))
             for p in json.loads(row["participants"])]
    md = row["month_day"]
    month_day = weekday = day = None
    when = None
    said = bool(md and md.startswith("s"))
    if md and md[:1] in ("w", "s"):
        weekday = int(md[1:])
    elif md and md.startswith("d"):
        day = int(md[1:])
    elif md and md[:2].isdigit() and md[3:5].isdigit():
        month_day = (int(md[:2]), int(md[3:5]))
        try:  # a row written by an older version may hold an impossible day
            date(2000, *month_day)
        except ValueError:
            month_day = None
    elif row["event_date"]:
        when = date.fromisoformat(row["event_date"])
    reason = (row["date_reason"] or "").partition("; ")[0]
    return MeetingInfo(when, row["format"], row["location"], row["occasion"], parts, reason,
                       month_day, weekday, day, said=said)


# -- meetings -----------------------------------------------------------------------------------
def candidates(c: sqlite3.Connection, info: MeetingInfo,
               exclude: str | None = None) -> list[merge.MeetingCandidate]:
    formats = merge.compatible_formats(info.format)
    marks = ",".join("?" * len(formats))
    if info.event_date is not None:
        lag = merge.PUBLISHED_LAG  # (a report dated by publication: merge._window)
        lo = (info.event_date - timedelta(days=lag)).isoformat()
        hi = (info.event_date + timedelta(days=lag)).isoformat()
        rows = c.execute(
            "SELECT * FROM meetings WHERE event_date BETWEEN ? AND ?"
            f" AND format IN ({marks}) AND origin='auto' AND id IS NOT ?"
            " ORDER BY created_seq",
            (lo, hi, *formats, exclude),
        ).fetchall()
    elif info.month_day is not None:
        # No year in the report: meetings of any year on that day (and the days beside it).
        near = [(date(2000, *info.month_day) + timedelta(days=k)).strftime("%m-%d")
                for k in (-1, 0, 1)]
        rows = c.execute(
            "SELECT * FROM meetings WHERE substr(event_date, 6, 5) IN (?,?,?)"
            f" AND format IN ({marks}) AND origin='auto' AND id IS NOT ?"
            " ORDER BY created_seq",
            (*near, *formats, exclude),
        ).fetchall()
    else:
        return []
    return [merge.MeetingCandidate(r["id"], r["event_date"], r["format"],
                                   json.loads(r["participants"]), r["location"]) for r in rows]


def create_meeting(c: sqlite3.Connection, info: MeetingInfo, salt: str, origin: str) -> str:
    mid = merge.meeting_id(info, salt=salt)
    while c.execute("SELECT 1 FROM meetings WHERE id=?", (mid,)).fetchone():
        mid = merge.meeting_id(info, salt=mid)
    c.execute(
        "INSERT INTO meetings(id, event_date, format, location, occasion, participants, sides,"
        " created_seq, origin) VALUES (?,?,?,?,?,?,?,?,?)",
        (mid, _iso(info.event_date), merge.shown_format(info.format), info.location,
         info.occasion,
         json.dumps([asdict(p) for p in info.participants]),
         json.dumps(merge.sides_of(info.participants)), next_seq(c), origin),
    )
    return mid


def join_target(c: sqlite3.Connection, article_id: str) -> str | None:
    """The meeting a user joined this article to, if that meeting (or its anchor) is stored."""
    o = c.execute("SELECT * FROM meeting_overrides WHERE article_id=? AND action='join'",
                  (article_id,)).fetchone()
    if o is None:
        return None
    if o["anchor"]:
        row = c.execute("SELECT meeting_id FROM articles WHERE id=?", (o["anchor"],)).fetchone()
        if row is not None:
            return str(row[0])
    if o["meeting_id"] and c.execute("SELECT 1 FROM meetings WHERE id=?",
                                     (o["meeting_id"],)).fetchone():
        return str(o["meeting_id"])
    return None


def is_split(c: sqlite3.Connection, article_id: str) -> bool:
    return c.execute("SELECT 1 FROM meeting_overrides WHERE article_id=? AND action='split'",
                     (article_id,)).fetchone() is not None


def assign_meeting(c: sqlite3.Connection, article_id: str, info: MeetingInfo,
                   exclude: str | None = None) -> tuple[str, str]:
    """The meeting an article belongs to (creating it if new) and why."""
    target = join_target(c, article_id)
    if target is not None:
        return target, "joined by a user's correction"
    if is_split(c, article_id):
        return create_meeting(c, info, article_id, "split"), "split by a user's correction"
    cands = candidates(c, info, exclude)
    found = merge.find_meeting(info, cands)
    if found is not None:
        return found
    return create_meeting(c, info, "", "auto"), merge.explain_no_match(info, cands)


def canonical_key(row: Any) -> tuple[int, str, int, str]:
    """The order a meeting's reports are placed in (bot/store/regroup.py): dated reports
    first, earliest first (a dateline across a time zone is the later one), then those with
    only a month and day, then weekday-only and undated ones; the fullest account of who met
    first; then the article id (a content hash)."""
    md = row["month_day"]
    if not md and row["event_date"]:
        rank, when = 0, str(row["event_date"])
    else:
        rank, when = (1, md) if md and md[0].isdigit() else (2, "")
    # participants counted without parsing: this key sorts every source of every search hit
    return rank, when, -str(row["participants"]).count('"name"'), str(row["id"])


def refresh_meeting(c: sqlite3.Connection, mid: str) -> None:
    """Recompute a meeting from the reports it has now; drop it when none is left."""
    rows = sorted(c.execute("SELECT * FROM articles WHERE meeting_id=?", (mid,)).fetchall(),
                  key=canonical_key)
    if not rows:
        c.execute("DELETE FROM meetings WHERE id=?", (mid,))
        return
    # the rule placing uses (regroup._group_date): what the reports' texts say, else the day
    # of publication or the day before it one of them names
    day = merge.meeting_date(own_info(r) for r in rows)[0]
    when = day.isoformat() if day else None
    for (sid,) in c.execute("SELECT sid FROM statements WHERE meeting_id=? AND"
                            " event_date IS NOT ?", (mid, when)).fetchall():
        c.execute("UPDATE statements SET event_date=? WHERE sid=?", (when, sid))
        c.execute("INSERT INTO search_journal(sid, op) VALUES (?, 'add')", (sid,))
    parts: list[dict[str, Any]] = []
    for r in rows:
        for p in json.loads(r["participants"]):
            if not any(merge.same_person(p, q) for q in parts):
                parts.append(p)
    location = next((r["location"] for r in rows if r["location"]), None)
    occasion = next((r["occasion"] for r in rows if r["occasion"]), None)
    c.execute(
        "UPDATE meetings SET event_date=?, format=?, location=?, occasion=?, participants=?,"
        " sides=? WHERE id=?",
        (when, merge.shown_format(merge.stated_format(r["format"] for r in rows)), location,
         occasion, json.dumps(parts),
         json.dumps(merge.sides_of(parts)), mid),
    )


def widen_meeting(c: sqlite3.Connection, mid: str, info: MeetingInfo) -> None:
    """A later report may name a place or a participant the earlier ones did not (cheaper
    than `refresh_meeting` for a meeting with many reports)."""
    row = c.execute("SELECT participants, location, occasion FROM meetings WHERE id=?",
                    (mid,)).fetchone()
    parts = json.loads(row["participants"])
    added = [asdict(p) for p in info.participants
             if not any(merge.same_person(p, q) for q in parts)]
    if not added and (row["location"] or not info.location) and (
            row["occasion"] or not info.occasion):
        return
    parts += added
    c.execute(
        "UPDATE meetings SET location=coalesce(location, ?), occasion=coalesce(occasion, ?),"
        " participants=?, sides=? WHERE id=?",
        (info.location, info.occasion, json.dumps(parts), json.dumps(merge.sides_of(parts)), mid),
    )


# -- statements ---------------------------------------------------------------------------------
def meeting_matcher(c: sqlite3.Connection, mid: str) -> merge.StatementMatcher:
    return merge.StatementMatcher(
        (r["sid"], r["text"], r["speaker"])
        for r in c.execute("SELECT sid, text, speaker FROM statements WHERE meeting_id=?"
                           " ORDER BY sid", (mid,))
    )


_ARTICLE_DATE = "article"


def place_source(c: sqlite3.Connection, matcher: merge.StatementMatcher, art: sqlite3.Row,
                 src: Source, mid: str, event_date: str | None = _ARTICLE_DATE,
                 reuse: dict[str, Any] | None = None, kept: set[int] | None = None) -> bool:
    """Add one sentence of `art` to meeting `mid`: a reprint joins its statement, else a new
    statement. True when a new statement was made. `event_date`: the meeting's (default the
    article's); `reuse`: uid -> a statement row removed just before, whose sid a re-placed
    statement with that uid takes back (`kept` collects those sids)."""
    sid = matcher.match(src.text, src.speaker)
    created = sid is None
    if sid is None:
        when = art["event_date"] if event_date == _ARTICLE_DATE else event_date
        uid = free_uid(c, art["id"], src.paragraph, src.sentence)
        values = (uid, mid, art["id"], src.paragraph, src.sentence, src.text, src.speaker,
                  src.side, src.themes, when, art["outlet"], src.via, src.rule)
        cols = ("uid, meeting_id, article_id, paragraph, sentence, text, speaker, side, themes,"
                " event_date, outlet, via, rule")
        prior = reuse.get(uid) if reuse is not None else None
        if prior is not None:
            sid = int(prior["sid"])
            c.execute(f"INSERT INTO statements(sid, {cols}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                      (sid, *values))
            if kept is not None:
                kept.add(sid)
            same = tuple(prior[k] for k in cols.split(", ")) == values
        else:
            cur = c.execute(f"INSERT INTO statements({cols}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                            values)
            sid = int(cur.lastrowid or 0)
            same = False
        matcher.add(sid, src.text, src.speaker)
        if not same:
            c.execute("INSERT INTO search_journal(sid, op) VALUES (?, 'add')", (sid,))
    elif src.speaker is not None:
        # A reprint may attribute a sentence its first source left as narration.
        cur = c.execute("UPDATE statements SET speaker=?, side=? WHERE sid=? AND speaker IS NULL",
                        (src.speaker, src.side, sid))
        if cur.rowcount:
            c.execute("INSERT INTO search_journal(sid, op) VALUES (?, 'add')", (sid,))
    c.execute(
        "INSERT OR IGNORE INTO statement_sources(sid, article_id, paragraph, sentence, text,"
        " speaker, side, themes, via, rule) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (sid, art["id"], src.paragraph, src.sentence, src.text, src.speaker, src.side,
         src.themes, src.via, src.rule),
    )
    return created


def statement_uid(article_id: str, paragraph: int, sentence: int) -> str:
    return hashlib.sha1(f"{article_id}:{paragraph}:{sentence}".encode()).hexdigest()[:16]


def free_uid(c: sqlite3.Connection, article_id: str, paragraph: int, sentence: int) -> str:
    """The exported id; a statement keeps its id when its first source leaves, so the
    article's own sentence may find that id taken after a split."""
    uid = statement_uid(article_id, paragraph, sentence)
    while c.execute("SELECT 1 FROM statements WHERE uid=?", (uid,)).fetchone():
        uid = hashlib.sha1(uid.encode()).hexdigest()[:16]
    return uid


def add_statements(c: sqlite3.Connection, item: IndexedArticle, mid: str) -> tuple[int, int]:
    art = c.execute("SELECT * FROM articles WHERE id=?", (item.article.id,)).fetchone()
    matcher = meeting_matcher(c, mid)
    new = sum(place_source(c, matcher, art, Source.of(st), mid) for st in item.statements)
    return new, len(item.statements) - new


def detach(c: sqlite3.Connection, aid: str, only: set[int] | None = None) -> list[Source]:
    """Take an article's sentences (those in statements `only`, default all) out of their
    statements; a statement left with no source goes, one left with others gets its next
    source as first source."""
    rows = [r for r in c.execute("SELECT * FROM statement_sources WHERE article_id=?"
                                 " ORDER BY paragraph, sentence", (aid,)).fetchall()
            if only is None or r["sid"] in only]
    for r in rows:
        c.execute("DELETE FROM statement_sources WHERE article_id=? AND paragraph=? AND"
                  " sentence=?", (aid, r["paragraph"], r["sentence"]))
    for sid in dict.fromkeys(r["sid"] for r in rows):
        other = c.execute(
            "SELECT ss.*, a.outlet, a.event_date FROM statement_sources ss JOIN articles a"
            " ON a.id = ss.article_id WHERE ss.sid=? ORDER BY ss.rowid LIMIT 1", (sid,),
        ).fetchone()
        if other is None:
            c.execute("DELETE FROM statements WHERE sid=?", (sid,))
            c.execute("INSERT INTO search_journal(sid, op) VALUES (?, 'delete')", (sid,))
            continue
        cur = c.execute(
            "UPDATE statements SET article_id=?, paragraph=?, sentence=?, text=?, outlet=?,"
            " event_date=? WHERE sid=? AND article_id=?",
            (other["article_id"], other["paragraph"], other["sentence"], other["text"],
             other["outlet"], other["event_date"], sid, aid),
        )
        if cur.rowcount:
            c.execute("INSERT INTO search_journal(sid, op) VALUES (?, 'add')", (sid,))
    return [Source(r["paragraph"], r["sentence"], r["text"], r["speaker"], r["side"],
                   r["themes"], r["via"], r["rule"]) for r in rows]


def delete_article(c: sqlite3.Connection, aid: str) -> None:
    row = c.execute("SELECT meeting_id FROM articles WHERE id=?", (aid,)).fetchone()
    if row is None:
        return
    detach(c, aid)
    c.execute("DELETE FROM articles WHERE id=?", (aid,))
    refresh_meeting(c, row["meeting_id"])


def move_article(c: sqlite3.Connection, aid: str, target: str, why: str) -> None:
    """Put a stored article and its sentences in another meeting, now.

    A statement only this article carries moves with it and keeps its sid (it is not news to
    a digest), unless the target meeting already has it, then it merges there. A statement
    other articles also carry stays; this article's copy becomes a statement of the target.
    """
    art = c.execute("SELECT * FROM articles WHERE id=?", (aid,)).fetchone()
    old = art["meeting_id"]
    c.execute("UPDATE articles SET meeting_id=?, merge_reason=? WHERE id=?", (target, why, aid))
    if old == target:
        return
    rows = c.execute(
        "SELECT ss.*, (SELECT count(*) FROM statement_sources x WHERE x.sid = ss.sid"
        " AND x.article_id != ss.article_id) AS others FROM statement_sources ss"
        " WHERE ss.article_id=? ORDER BY ss.paragraph, ss.sentence", (aid,),
    ).fetchall()
    shared = {r["sid"] for r in rows if r["others"]}
    kept: dict[int, Source] = {}
    for r in rows:
        if r["sid"] not in shared:
            kept[r["sid"]] = Source(r["paragraph"], r["sentence"], r["text"], r["speaker"],
                                    r["side"], r["themes"], r["via"], r["rule"])
    moving = detach(c, aid, only=shared)
    matcher = meeting_matcher(c, target)
    for sid, src in kept.items():
        twin = matcher.match(src.text, src.speaker)
        if twin is None:
            c.execute("UPDATE statements SET meeting_id=? WHERE sid=?", (target, sid))
            c.execute("INSERT INTO search_journal(sid, op) VALUES (?, 'add')", (sid,))
            matcher.add(sid, src.text, src.speaker)
            continue
        detach(c, aid, only={sid})
        place_source(c, matcher, art, src, target)
    for src in moving:
        place_source(c, matcher, art, src, target)
    refresh_meeting(c, old)
    refresh_meeting(c, target)


def apply_joins_anchored_at(c: sqlite3.Connection, aid: str) -> None:
    """Articles a user joined to this one's meeting before this one was (re)indexed."""
    mid = c.execute("SELECT meeting_id FROM articles WHERE id=?", (aid,)).fetchone()[0]
    for r in c.execute(
        "SELECT a.id FROM meeting_overrides o JOIN articles a ON a.id = o.article_id"
        " WHERE o.action='join' AND o.anchor=? AND a.meeting_id != ?", (aid, mid),
    ).fetchall():
        move_article(c, r["id"], mid, "joined by a user's correction")


def adopt_undated(c: sqlite3.Connection, mid: str) -> None:
    """Reports indexed earlier that gave only a month and day ("on July 28") join this dated
    meeting when the merge rules accept them, whichever was indexed first."""
    meeting = c.execute("SELECT * FROM meetings WHERE id=?", (mid,)).fetchone()
    if meeting is None or not meeting["event_date"] or meeting["origin"] != "auto":
        return
    day = date.fromisoformat(meeting["event_date"])
    near = [(day + timedelta(days=k)).strftime("%m-%d") for k in (-1, 0, 1)]
    rows = c.execute(
        "SELECT a.* FROM articles a JOIN meetings m ON m.id = a.meeting_id"
        " WHERE a.event_date IS NULL AND a.month_day IN (?,?,?) AND a.meeting_id != ?"
        " AND m.origin = 'auto'", (*near, mid),
    ).fetchall()
    if not rows:
        return
    cand = merge.MeetingCandidate(mid, meeting["event_date"], meeting["format"],
                                  json.loads(meeting["participants"]), meeting["location"])
    for art in rows:
        info = info_of(art)
        info.month_day = (int(art["month_day"][:2]), int(art["month_day"][3:]))
        found = merge.find_meeting(info, [cand])
        if found is None:
            continue
        reason = f"{art['date_reason']}; {day}, the date of the meeting it joined"
        c.execute("UPDATE articles SET event_date=?, date_reason=? WHERE id=?",
                  (day.isoformat(), reason, art["id"]))
        move_article(c, art["id"], mid, found[1])
        # Its statements were stored undated; search and digests filter on the date.
        for (sid,) in c.execute(
            "SELECT sid FROM statements WHERE event_date IS NULL AND sid IN"
            " (SELECT sid FROM statement_sources WHERE article_id=?)", (art["id"],),
        ).fetchall():
            c.execute("UPDATE statements SET event_date=? WHERE sid=?", (day.isoformat(), sid))
            c.execute("INSERT INTO search_journal(sid, op) VALUES (?, 'add')", (sid,))
