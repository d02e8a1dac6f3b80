"""User corrections to meeting merging: split an article off, join it to a meeting, undo.

Stored in meeting_overrides (keyed by article id, a content hash, so they hold when the same
files are indexed again) and applied at once: the article and its sentences move now.
"""

from __future__ import annotations

import sqlite3

from bot.errors import NotFoundError, QueryError
from bot.store import placing, regroup


def find_article(c: sqlite3.Connection, ref: str) -> str:
    """An article id from its id, a unique id prefix, its source (path or URL) or file name."""
    ref = ref.strip()
    row = c.execute("SELECT id FROM articles WHERE id=? OR source=? OR url=?",
                    (ref, ref, ref)).fetchone()
    if row is not None:
        return str(row[0])
    row = c.execute("SELECT article_id FROM article_copies WHERE source=? OR url=?",
                    (ref, ref)).fetchone()
    if row is not None:  # a verbatim copy is corrected with the article it copies
        return str(row[0])
    rows = c.execute(
        "SELECT id FROM articles WHERE source LIKE ? ESCAPE '\\' OR (length(?) >= 4 AND id LIKE ?)",
        ("%/" + ref.replace("%", "\\%").replace("_", "\\_"), ref, ref + "%"),
    ).fetchall()
    if len(rows) == 1:
        return str(rows[0][0])
    if rows:
        raise QueryError(f"{ref!r} names {len(rows)} articles; give more of its id")
    raise NotFoundError(f"no indexed article {ref!r} (see `readout meetings --json`)")


def _article(c: sqlite3.Connection, aid: str) -> sqlite3.Row:
    row = c.execute("SELECT * FROM articles WHERE id=?", (aid,)).fetchone()
    if row is None:
        raise NotFoundError(f"no indexed article {aid!r}")
    return row


def split(c: sqlite3.Connection, aid: str) -> str:
    """Make the article a meeting of its own, which no later report joins automatically."""
    art = _article(c, aid)
    c.execute("INSERT OR REPLACE INTO meeting_overrides(article_id, action, meeting_id, anchor)"
              " VALUES (?, 'split', NULL, NULL)", (aid,))
    current = c.execute("SELECT origin FROM meetings WHERE id=?", (art["meeting_id"],)).fetchone()
    if current is not None and current["origin"] == "split":
        return str(art["meeting_id"])
    mid = placing.create_meeting(c, placing.info_of(art), aid, "split")
    placing.move_article(c, aid, mid, "split by a user's correction")
    _regroup_left(c, art["meeting_id"])
    return mid


def _regroup_left(c: sqlite3.Connection, old_mid: str) -> None:
    """The reports the corrected article left behind are placed again without it (it may
    have been what linked them)."""
    left = [r[0] for r in c.execute("SELECT id FROM articles WHERE meeting_id=?", (old_mid,))]
    regroup.regroup(c, left)


def join(c: sqlite3.Connection, aid: str, target: str) -> str:
    """Put the article in the meeting `target` (a meeting id, or any article of it)."""
    _article(c, aid)
    mrow = c.execute("SELECT id FROM meetings WHERE id=?", (target,)).fetchone()
    if mrow is not None:
        mid = str(mrow[0])
        first = c.execute("SELECT id FROM articles WHERE meeting_id=? AND id != ?"
                          " ORDER BY rowid LIMIT 1", (mid, aid)).fetchone()
        anchor = first[0] if first else None
    else:
        try:
            anchor = find_article(c, target)
        except NotFoundError:
            raise NotFoundError(f"no meeting or article {target!r}") from None
        mid = str(_article(c, anchor)["meeting_id"])
    if anchor == aid:
        raise QueryError("an article cannot be joined to itself")
    c.execute("INSERT OR REPLACE INTO meeting_overrides(article_id, action, meeting_id, anchor)"
              " VALUES (?, 'join', ?, ?)", (aid, mid, anchor))
    old_mid = _article(c, aid)["meeting_id"]
    placing.move_article(c, aid, mid, "joined by a user's correction")
    if old_mid != mid:
        _regroup_left(c, old_mid)
    return str(_article(c, aid)["meeting_id"])


def reset(c: sqlite3.Connection, aid: str) -> str:
    """Forget the correction and place the article by the automatic rules again."""
    art = _article(c, aid)
    c.execute("DELETE FROM meeting_overrides WHERE article_id=?", (aid,))
    placed = regroup.regroup(c, [aid])
    _regroup_left(c, art["meeting_id"])
    return placed.get(aid) or str(_article(c, aid)["meeting_id"])


def overrides(c: sqlite3.Connection) -> list[dict[str, str | None]]:
    return [dict(r) for r in c.execute(
        "SELECT o.article_id, o.action, o.meeting_id, o.anchor, a.source FROM meeting_overrides o"
        " LEFT JOIN articles a ON a.id = o.article_id ORDER BY o.rowid"
    )]
