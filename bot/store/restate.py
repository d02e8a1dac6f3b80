"""A meeting's statements as a function of its reports: placed in canonical order, written as
a difference.

Every sentence of every report of the meeting is placed again in memory, report by report in
the canonical order (`placing.canonical_key`), with the same near-duplicate rule as at ingest
(`merge.StatementMatcher`: a reprint joins the statement it matches best; a sentence never joins
one of its own report's). The result is compared with what is stored and only the difference is
written: a statement whose first source (hence uid) is unchanged keeps its sid, so digests do
not see it as news, and an ingest that changes one statement writes one statement.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from bot.meetings import merge
from bot.store import placing
from bot.store.placing import Source, canonical_key

_FIELDS = ("meeting_id", "article_id", "paragraph", "sentence", "text", "speaker", "side",
           "themes", "event_date", "outlet", "via", "rule")


@dataclass
class _Wanted:
    values: dict[str, Any]
    sources: list[tuple[str, Source]] = field(default_factory=list)


def _sources_of(c: sqlite3.Connection, aid: str) -> list[Source]:
    return [Source(s["paragraph"], s["sentence"], s["text"], s["speaker"], s["side"],
                   s["themes"], s["via"], s["rule"])
            for s in c.execute("SELECT * FROM statement_sources WHERE article_id=?"
                               " ORDER BY paragraph, sentence", (aid,)).fetchall()]


def _place(mid: str, when: str | None, reports: list[Any],
           sources: dict[str, list[Source]],
           start: list[_Wanted] | None = None) -> dict[str, _Wanted]:
    """uid -> the statement as canonical placing makes it (continuing from `start`, the
    statements the reports before these make, in the order they were made)."""
    wanted: list[_Wanted] = list(start or [])
    for art in reports:
        # A matcher per report over the statements so far: "own" is per report.
        matcher = merge.StatementMatcher(
            (i, w.values["text"], w.values["speaker"]) for i, w in enumerate(wanted))
        for src in sources[art["id"]]:
            i = matcher.match(src.text, src.speaker)
            if i is None:
                wanted.append(_Wanted({
                    "meeting_id": mid, "article_id": art["id"], "paragraph": src.paragraph,
                    "sentence": src.sentence, "text": src.text, "speaker": src.speaker,
                    "side": src.side, "themes": src.themes, "event_date": when,
                    "outlet": art["outlet"], "via": src.via, "rule": src.rule,
                }, [(art["id"], src)]))
                matcher.add(len(wanted) - 1, src.text, src.speaker)
                continue
            w = wanted[i]
            w.sources.append((art["id"], src))
            if w.values["speaker"] is None and src.speaker is not None:
                # a reprint may attribute a sentence its first source left as narration
                w.values["speaker"], w.values["side"] = src.speaker, src.side
    return {placing.statement_uid(w.values["article_id"], w.values["paragraph"],
                                  w.values["sentence"]): w for w in wanted}


def insert(c: sqlite3.Connection, mid: str, aid: str, new: list[Source]) -> None:
    """One new report in a meeting whose other reports are placed canonically: the reports
    before it in the canonical order keep what they made (read back from the store); only
    it and the reports after it are placed again."""
    rows = sorted(c.execute("SELECT * FROM articles WHERE meeting_id=?", (mid,)).fetchall(),
                  key=canonical_key)
    at = next(i for i, r in enumerate(rows) if r["id"] == aid)
    before = {r["id"]: i for i, r in enumerate(rows[:at])}
    when = c.execute("SELECT event_date FROM meetings WHERE id=?", (mid,)).fetchone()[0]
    old = {r["uid"]: r for r in c.execute(
        "SELECT * FROM statements WHERE meeting_id=?", (mid,)).fetchall()}
    kept: dict[int, list[tuple[tuple[int, int, int], Any]]] = {}
    for s in c.execute("SELECT ss.* FROM statement_sources ss JOIN statements st"
                       " ON st.sid = ss.sid WHERE st.meeting_id=?", (mid,)).fetchall():
        if s["article_id"] in before:
            pos = (before[s["article_id"]], s["paragraph"], s["sentence"])
            kept.setdefault(s["sid"], []).append((pos, s))
    outlet = {r["id"]: r["outlet"] for r in rows}
    start: list[_Wanted] = []
    # in the order canonical placing made them: by their first source
    for group in sorted(kept.values(), key=lambda g: min(pos for pos, _ in g)):
        group.sort(key=lambda g: g[0])
        first = group[0][1]
        w = _Wanted({
            "meeting_id": mid, "article_id": first["article_id"],
            "paragraph": first["paragraph"], "sentence": first["sentence"],
            "text": first["text"], "speaker": first["speaker"], "side": first["side"],
            "themes": first["themes"], "event_date": when,
            "outlet": outlet[first["article_id"]], "via": first["via"], "rule": first["rule"],
        }, [(s["article_id"], _source(s)) for _, s in group])
        for _, s in group[1:]:
            if w.values["speaker"] is None and s["speaker"] is not None:
                w.values["speaker"], w.values["side"] = s["speaker"], s["side"]
        start.append(w)
    later = rows[at:]
    sources = {r["id"]: new if r["id"] == aid else _sources_of(c, r["id"]) for r in later}
    wanted = _place(mid, when, later, sources, start)
    _write(c, old, wanted, sources, settled=set(before))


def _source(s: Any) -> Source:
    return Source(s["paragraph"], s["sentence"], s["text"], s["speaker"], s["side"],
                  s["themes"], s["via"], s["rule"])


def rebuild(c: sqlite3.Connection, mids: set[str], fresh: dict[str, list[Source]]) -> None:
    """Make the stored statements of these meetings what canonical placing gives; `fresh`
    holds the sentences of reports not stored yet."""
    if not mids:
        return
    marks = ",".join("?" * len(mids))
    old = {r["uid"]: r for r in c.execute(
        f"SELECT * FROM statements WHERE meeting_id IN ({marks})", tuple(mids)).fetchall()}
    residents: dict[str, list[Any]] = {m: [] for m in mids}
    for r in c.execute(f"SELECT * FROM articles WHERE meeting_id IN ({marks})",
                       tuple(mids)).fetchall():
        residents[r["meeting_id"]].append(r)
    sources = {r["id"]: fresh[r["id"]] if r["id"] in fresh else _sources_of(c, r["id"])
               for rows in residents.values() for r in rows}
    wanted: dict[str, _Wanted] = {}
    for mid in sorted(mids):
        row = c.execute("SELECT event_date FROM meetings WHERE id=?", (mid,)).fetchone()
        wanted.update(_place(mid, row[0] if row else None,
                             sorted(residents[mid], key=canonical_key), sources))
    _write(c, old, wanted, sources, set())


def _write(c: sqlite3.Connection, old: dict[str, Any], wanted: dict[str, _Wanted],
           sources: dict[str, list[Source]], settled: set[str]) -> None:
    """Store `wanted` in place of `old`, writing only what differs; the source rows of the
    `settled` reports are already right."""
    claimed = _claim(old, wanted)
    # Statements that go first (their uids may be taken again by a source of another meeting).
    for uid in old.keys() - {o["uid"] for o in claimed.values()}:
        sid = old[uid]["sid"]
        c.execute("DELETE FROM statement_sources WHERE sid=?", (sid,))
        c.execute("DELETE FROM statements WHERE sid=?", (sid,))
        c.execute("INSERT INTO search_journal(sid, op) VALUES (?, 'delete')", (sid,))
    # A statement whose first source is now an earlier reprint takes the reprint's uid but
    # keeps its sid: the sentence is not news to a digest. (Renamed in two steps: uids swap.)
    renamed = {uid: o for uid, o in claimed.items() if o["uid"] != uid}
    for o in renamed.values():
        c.execute("UPDATE statements SET uid=? WHERE sid=?", (f"~{o['sid']}", o["sid"]))
    for uid, o in renamed.items():
        c.execute("UPDATE statements SET uid=? WHERE sid=?", (uid, o["sid"]))
        c.execute("INSERT INTO search_journal(sid, op) VALUES (?, 'add')", (o["sid"],))
    sid_of: dict[tuple[str, int, int], int] = {}
    for uid, w in wanted.items():
        values = tuple(w.values[k] for k in _FIELDS)
        prior = claimed.get(uid)
        if prior is None:
            if c.execute("SELECT 1 FROM statements WHERE uid=?", (uid,)).fetchone():
                # kept by a statement elsewhere when its first source left (free_uid)
                uid = placing.free_uid(c, w.values["article_id"], w.values["paragraph"],
                                       w.values["sentence"])
            cur = c.execute(
                f"INSERT INTO statements(uid, {', '.join(_FIELDS)})"
                f" VALUES (?{', ?' * len(_FIELDS)})", (uid, *values))
            sid = int(cur.lastrowid or 0)
            c.execute("INSERT INTO search_journal(sid, op) VALUES (?, 'add')", (sid,))
        else:
            sid = int(prior["sid"])
            if tuple(prior[k] for k in _FIELDS) != values:
                c.execute(f"UPDATE statements SET {', '.join(f'{k}=?' for k in _FIELDS)}"
                          " WHERE sid=?", (*values, sid))
                c.execute("INSERT INTO search_journal(sid, op) VALUES (?, 'add')", (sid,))
        for aid, src in w.sources:
            sid_of[(aid, src.paragraph, src.sentence)] = sid
    _write_sources(c, sid_of, {a: s for a, s in sources.items() if a not in settled})


def _claim(old: dict[str, Any], wanted: dict[str, _Wanted]) -> dict[str, Any]:
    """uid wanted -> the stored statement it continues: the one with that uid, else the one
    whose first source is among its sources."""
    claimed = {uid: old[uid] for uid in wanted if uid in old}
    free = {(o["article_id"], o["paragraph"], o["sentence"]): o
            for uid, o in old.items() if uid not in wanted}
    for uid, w in wanted.items():
        if uid in claimed:
            continue
        for aid, src in w.sources:
            o = free.pop((aid, src.paragraph, src.sentence), None)
            if o is not None:
                claimed[uid] = o
                break
    return claimed


def _write_sources(c: sqlite3.Connection, sid_of: dict[tuple[str, int, int], int],
                   sources: dict[str, list[Source]]) -> None:
    """Each source row points at its statement; rows already right are left alone."""
    for aid, srcs in sources.items():
        have = {(r["paragraph"], r["sentence"]): r["sid"] for r in c.execute(
            "SELECT paragraph, sentence, sid FROM statement_sources WHERE article_id=?",
            (aid,)).fetchall()}
        for src in srcs:
            sid = sid_of[(aid, src.paragraph, src.sentence)]
            now = have.get((src.paragraph, src.sentence))
            if now == sid:
                continue
            if now is not None:
                c.execute("UPDATE statement_sources SET sid=? WHERE article_id=? AND"
                          " paragraph=? AND sentence=?", (sid, aid, src.paragraph, src.sentence))
                continue
            c.execute(
                "INSERT INTO statement_sources(sid, article_id, paragraph, sentence, text,"
                " speaker, side, themes, via, rule) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (sid, aid, src.paragraph, src.sentence, src.text, src.speaker, src.side,
                 src.themes, src.via, src.rule))
