"""The SQLite store. All SQL lives under bot/store so another backend is a new module."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from bot import merge
from bot.models import IndexedArticle

SCHEMA_VERSION = 1


def default_db_path() -> Path:
    return Path(os.environ.get("READOUT_DB", ".readout/readout.db"))


@dataclass
class IngestOutcome:
    status: str  # added | replaced | unchanged | duplicate
    article_id: str
    meeting_id: str | None = None
    new_statements: int = 0
    merged_statements: int = 0
    detail: str = ""


def _statement_uid(article_id: str, paragraph: int, sentence: int) -> str:
    return hashlib.sha1(f"{article_id}:{paragraph}:{sentence}".encode()).hexdigest()[:16]


class Store:
    """Thread-safe handle: one SQLite connection per thread, WAL so readers never block."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self._local = threading.local()
        self._init_lock = threading.Lock()
        self._create()

    # -- connection -------------------------------------------------------------------------
    def _create(self) -> None:
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():
                # Created owner-only: the same file holds Slack installation tokens.
                fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
        conn = self.conn
        version = self._schema_version(conn)
        if version > SCHEMA_VERSION:
            from bot.errors import ReadoutError

            raise ReadoutError(
                f"{self.path} was written by a newer Readout (schema {version} > {SCHEMA_VERSION})"
            )
        sql = resources.files("bot.store").joinpath("schema.sql").read_text()
        with self._init_lock:
            # executescript commits on its own; every statement in it is idempotent.
            conn.executescript(sql)
        with self.transaction() as c:
            c.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )

    @staticmethod
    def _schema_version(conn: sqlite3.Connection) -> int:
        try:
            row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.OperationalError:
            return 0
        return int(row[0]) if row else 0

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; any exception rolls the whole unit back."""
        conn = self.conn
        if conn.in_transaction:  # nested: join the outer unit
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- meta -------------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def _next_seq(self, c: sqlite3.Connection) -> int:
        row = c.execute("SELECT value FROM meta WHERE key='seq'").fetchone()
        seq = int(row[0]) + 1 if row else 1
        c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('seq', ?)", (str(seq),))
        return seq

    # -- ingest -----------------------------------------------------------------------------
    def ingest(self, item: IndexedArticle) -> IngestOutcome:
        """Store one article atomically: its row, its meeting, its statements, the journal."""
        art = item.article
        aid = art.id
        with self.transaction() as c:
            same = c.execute("SELECT source FROM articles WHERE id=?", (aid,)).fetchone()
            if same is not None:
                status = "unchanged" if same["source"] == art.source else "duplicate"
                return IngestOutcome(status, aid, detail=same["source"])
            old = c.execute("SELECT id FROM articles WHERE source=?", (art.source,)).fetchone()
            status = "added"
            if old is not None:
                self._delete_article(c, old["id"])
                status = "replaced"
            meeting_id, reason = self._assign_meeting(c, item)
            participants = json.dumps([asdict(p) for p in item.meeting.participants])
            c.execute(
                "INSERT INTO articles(id, source, url, outlet, side, title, published, dateline,"
                " event_date, format, location, occasion, participants, paragraphs, meeting_id,"
                " merge_reason, date_reason, indexed_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    aid, art.source, art.url, art.outlet, item.side, art.title,
                    art.published.isoformat() if art.published else None, art.dateline,
                    _iso(item.meeting.event_date), item.meeting.format, item.meeting.location,
                    item.meeting.occasion, participants, json.dumps(art.paragraphs),
                    meeting_id, reason, item.meeting.date_reason,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            new, merged = self._add_statements(c, item, meeting_id)
            return IngestOutcome(status, aid, meeting_id, new, merged, reason)

    def _assign_meeting(self, c: sqlite3.Connection, item: IndexedArticle) -> tuple[str, str]:
        info = item.meeting
        override = c.execute(
            "SELECT action, meeting_id FROM meeting_overrides WHERE article_id=?",
            (item.article.id,),
        ).fetchone()
        if override is not None and override["action"] == "join" and override["meeting_id"]:
            if c.execute(
                "SELECT 1 FROM meetings WHERE id=?", (override["meeting_id"],)
            ).fetchone():
                return override["meeting_id"], "joined by a user's correction"
        forced_split = override is not None and override["action"] == "split"
        if not forced_split:
            rows = c.execute(
                "SELECT * FROM meetings WHERE event_date BETWEEN date(?, '-1 day') AND"
                " date(?, '+1 day') AND format=?",
                (_iso(info.event_date), _iso(info.event_date), info.format),
            ).fetchall() if info.event_date else []
            candidates = [
                merge.MeetingCandidate(
                    r["id"], r["event_date"], r["format"], json.loads(r["participants"])
                )
                for r in rows
            ]
            found = merge.find_meeting(info, candidates)
            if found is not None:
                mid, why = found
                self._widen_meeting(c, mid, info)
                return mid, why
        mid = merge.meeting_id(info, salt=item.article.id if forced_split else "")
        while c.execute("SELECT 1 FROM meetings WHERE id=?", (mid,)).fetchone():
            mid = merge.meeting_id(info, salt=mid)
        parts = [asdict(p) for p in info.participants]
        c.execute(
            "INSERT INTO meetings(id, event_date, format, location, occasion, participants,"
            " sides, created_seq) VALUES (?,?,?,?,?,?,?,?)",
            (
                mid, _iso(info.event_date), info.format, info.location, info.occasion,
                json.dumps(parts), json.dumps(merge.sides_of(info.participants)),
                self._next_seq(c),
            ),
        )
        why = "split by a user's correction" if forced_split else "first report of this meeting"
        return mid, why

    def _widen_meeting(self, c: sqlite3.Connection, mid: str, info: Any) -> None:
        """A later report may name a place or participant the first one did not."""
        row = c.execute("SELECT * FROM meetings WHERE id=?", (mid,)).fetchone()
        parts = json.loads(row["participants"])
        names = {p["name"] for p in parts}
        for p in info.participants:
            if p.name not in names:
                parts.append(asdict(p))
                names.add(p.name)
        c.execute(
            "UPDATE meetings SET location=coalesce(location, ?), occasion=coalesce(occasion, ?),"
            " participants=?, sides=? WHERE id=?",
            (
                info.location, info.occasion, json.dumps(parts),
                json.dumps(sorted({p["side"] for p in parts if p.get("side")})), mid,
            ),
        )

    def _add_statements(
        self, c: sqlite3.Connection, item: IndexedArticle, meeting_id: str
    ) -> tuple[int, int]:
        aid = item.article.id
        existing = [
            (r["sid"], r["text"], r["speaker"])
            for r in c.execute(
                "SELECT sid, text, speaker FROM statements WHERE meeting_id=?", (meeting_id,)
            )
        ]
        matcher = merge.StatementMatcher(existing)
        new = merged = 0
        for st in item.statements:
            sid = matcher.match(st.text, st.speaker)
            if sid is None:
                cur = c.execute(
                    "INSERT INTO statements(uid, meeting_id, article_id, paragraph, sentence,"
                    " text, speaker, side, themes, event_date, outlet, via, rule)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        _statement_uid(aid, st.paragraph, st.sentence), meeting_id, aid,
                        st.paragraph, st.sentence, st.text, st.speaker, st.side,
                        " ".join(st.themes), _iso(item.meeting.event_date),
                        item.article.outlet, st.via, st.rule,
                    ),
                )
                sid = int(cur.lastrowid or 0)
                matcher.add(sid, st.text, st.speaker)
                c.execute("INSERT INTO search_journal(sid, op) VALUES (?, 'add')", (sid,))
                new += 1
            else:
                merged += 1
                self._fill_speaker(c, sid, st)
            c.execute(
                "INSERT OR IGNORE INTO statement_sources(sid, article_id, paragraph, sentence,"
                " text) VALUES (?,?,?,?,?)",
                (sid, aid, st.paragraph, st.sentence, st.text),
            )
        return new, merged

    def _fill_speaker(self, c: sqlite3.Connection, sid: int, st: Any) -> None:
        """A reprint may attribute a sentence its first source left as narration."""
        if st.speaker is None:
            return
        cur = c.execute(
            "UPDATE statements SET speaker=?, side=? WHERE sid=? AND speaker IS NULL",
            (st.speaker, st.side, sid),
        )
        if cur.rowcount:
            c.execute("INSERT INTO search_journal(sid, op) VALUES (?, 'add')", (sid,))

    def _delete_article(self, c: sqlite3.Connection, aid: str) -> None:
        sids = [r[0] for r in c.execute(
            "SELECT DISTINCT sid FROM statement_sources WHERE article_id=?", (aid,)
        )]
        row = c.execute("SELECT meeting_id FROM articles WHERE id=?", (aid,)).fetchone()
        c.execute("DELETE FROM articles WHERE id=?", (aid,))  # cascades to its sources
        for sid in sids:
            other = c.execute(
                "SELECT article_id, paragraph, sentence, text FROM statement_sources"
                " WHERE sid=? LIMIT 1", (sid,),
            ).fetchone()
            if other is None:
                c.execute("DELETE FROM statements WHERE sid=?", (sid,))
                c.execute("INSERT INTO search_journal(sid, op) VALUES (?, 'delete')", (sid,))
            else:
                c.execute(
                    "UPDATE statements SET article_id=?, paragraph=?, sentence=?"
                    " WHERE sid=? AND article_id=?",
                    (other["article_id"], other["paragraph"], other["sentence"], sid, aid),
                )
        if row is not None and not c.execute(
            "SELECT 1 FROM articles WHERE meeting_id=? LIMIT 1", (row["meeting_id"],)
        ).fetchone():
            c.execute("DELETE FROM meetings WHERE id=?", (row["meeting_id"],))

    def remove_article(self, aid: str) -> bool:
        with self.transaction() as c:
            if not c.execute("SELECT 1 FROM articles WHERE id=?", (aid,)).fetchone():
                return False
            self._delete_article(c, aid)
            return True

    # -- reads ------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        c = self.conn
        return {
            "articles": c.execute("SELECT count(*) FROM articles").fetchone()[0],
            "meetings": c.execute("SELECT count(*) FROM meetings").fetchone()[0],
            "statements": c.execute("SELECT count(*) FROM statements").fetchone()[0],
        }

    def statements_by_sid(self, sids: Iterable[int]) -> dict[int, dict[str, Any]]:
        ids = list(sids)
        out: dict[int, dict[str, Any]] = {}
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT s.*, a.source AS article_source, a.url AS article_url"
                f" FROM statements s JOIN articles a ON a.id = s.article_id"
                f" WHERE s.sid IN ({marks})", chunk,
            ).fetchall()
            sources = self._sources_for(chunk)
            for r in rows:
                out[r["sid"]] = statement_dict(r, sources.get(r["sid"], []))
        return out

    def _sources_for(self, sids: list[int]) -> dict[int, list[str]]:
        marks = ",".join("?" * len(sids))
        res: dict[int, list[str]] = {}
        for r in self.conn.execute(
            f"SELECT ss.sid, a.source FROM statement_sources ss JOIN articles a"
            f" ON a.id = ss.article_id WHERE ss.sid IN ({marks}) ORDER BY a.indexed_at, a.source",
            sids,
        ):
            if r[1] not in res.setdefault(r[0], []):
                res[r[0]].append(r[1])
        return res

    def iter_statements(
        self, where: str = "1", params: tuple[Any, ...] = (), order: str = "s.event_date, s.sid"
    ) -> Iterator[dict[str, Any]]:
        """Statements as export dicts; `where` is trusted SQL written inside Readout."""
        sql = (
            "SELECT s.*, a.source AS article_source, a.url AS article_url FROM statements s"
            f" JOIN articles a ON a.id = s.article_id WHERE {where} ORDER BY {order}"
        )
        cur = self.conn.execute(sql, params)
        while True:
            batch = cur.fetchmany(500)
            if not batch:
                return
            sources = self._sources_for([r["sid"] for r in batch])
            for r in batch:
                yield statement_dict(r, sources.get(r["sid"], []))

    def meetings(self, where: str = "1", params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            f"SELECT * FROM meetings m WHERE {where} ORDER BY event_date, created_seq", params
        ).fetchall()
        return [self._meeting_dict(r) for r in rows]

    def meeting(self, mid: str) -> dict[str, Any] | None:
        r = self.conn.execute("SELECT * FROM meetings WHERE id=?", (mid,)).fetchone()
        return self._meeting_dict(r) if r else None

    def _meeting_dict(self, r: sqlite3.Row) -> dict[str, Any]:
        arts = self.conn.execute(
            "SELECT id, source, url, title, outlet, side, published, dateline, merge_reason,"
            " date_reason FROM articles WHERE meeting_id=? ORDER BY indexed_at, source",
            (r["id"],),
        ).fetchall()
        first = arts[0] if arts else None
        parts = json.loads(r["participants"])
        return {
            "id": r["id"],
            "article": first["source"] if first else None,
            "sources": [a["source"] for a in arts],
            "title": first["title"] if first else None,
            "outlet": first["outlet"] if first else None,
            "published": first["published"] if first else None,
            "event_date": r["event_date"],
            "format": r["format"],
            "location": r["location"],
            "occasion": r["occasion"],
            "dateline": first["dateline"] if first else None,
            "participants": [p["name"] for p in parts],
            "participant_sides": {p["name"]: p.get("side") for p in parts},
            "sides": json.loads(r["sides"]),
            "source_details": [
                {
                    "article": a["source"], "article_id": a["id"], "title": a["title"],
                    "outlet": a["outlet"], "side": a["side"], "published": a["published"],
                    "url": a["url"], "why": a["merge_reason"], "date_reason": a["date_reason"],
                }
                for a in arts
            ],
        }

    def articles(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT id, source, url, outlet, side, title, published, meeting_id FROM articles"
            " ORDER BY indexed_at, source"
        )]

    def set_override(self, article_id: str, action: str, meeting_id: str | None) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT OR REPLACE INTO meeting_overrides(article_id, action, meeting_id)"
                " VALUES (?,?,?)", (article_id, action, meeting_id),
            )

    # -- search journal ---------------------------------------------------------------------
    def journal(self, limit: int = 5000) -> list[tuple[int, int, str]]:
        return [tuple(r) for r in self.conn.execute(
            "SELECT id, sid, op FROM search_journal ORDER BY id LIMIT ?", (limit,)
        )]

    def clear_journal(self, upto: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM search_journal WHERE id<=?", (upto,))


def statement_dict(r: sqlite3.Row, sources: list[str]) -> dict[str, Any]:
    """The `readout export` shape, shared by search, digests and Slack."""
    article = r["article_source"]
    return {
        "id": r["uid"],
        "article": article,
        "sources": sources or [article],
        "text": r["text"],
        "speaker": r["speaker"],
        "side": r["side"],
        "event_date": r["event_date"],
        "themes": r["themes"].split() if r["themes"] else [],
        "outlet": r["outlet"],
        "meeting": r["meeting_id"],
        "url": r["article_url"],
        "sid": r["sid"],
    }


def _iso(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


def _chunks(items: list[int], n: int) -> Iterator[list[int]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]
