"""The store: SQLite (embedded, the default) or PostgreSQL (shared by several machines).

All SQL is written once, in SQLite's dialect with `?` placeholders; on PostgreSQL the connection
adapter in `postgres.py` translates it (see `dialect.py`). A store is named by a location: a file
path (SQLite, `:memory:` for tests) or a `postgresql://user@host/dbname` URL, from `--db` or
`$READOUT_DB`.
"""

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

from bot.models import IndexedArticle
from bot.store import corrections, placing, regroup
from bot.store.migrate import migrate
from bot.store.wal import use_wal

SCHEMA_VERSION = 3
DEFAULT_LOCATION = ".readout/readout.db"
# Test runs only: every SQLite file a test names is stored instead in a schema of this
# PostgreSQL database named after the file, so the whole suite runs on PostgreSQL unchanged
# (docs/development.md). Never set in a deployment.
TEST_POSTGRES_ENV = "READOUT_TEST_POSTGRES"


def default_location() -> str:
    return os.environ.get("READOUT_DB") or DEFAULT_LOCATION


def default_db_path() -> Path:
    return Path(default_location())


def is_postgres_url(location: str) -> bool:
    return location.startswith(("postgresql://", "postgres://", "postgresql+psycopg://"))


@dataclass
class IngestOutcome:
    status: str  # added | replaced | unchanged | duplicate
    article_id: str
    meeting_id: str | None = None
    new_statements: int = 0
    merged_statements: int = 0
    detail: str = ""


class SqliteBackend:
    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                # Created owner-only: the same file holds Slack installation tokens.
                fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)

    def connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.row_factory = sqlite3.Row
        use_wal(conn)
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    @property
    def sqlalchemy_url(self) -> str:
        return f"sqlite:///{self.path}"


def _backend(location: str) -> tuple[Any, Any]:
    """(backend, path): `path` is what `Store(store.path)` reopens and where a file-backed
    store keeps its search index beside it (`<path>.search`)."""
    if is_postgres_url(location):
        return _postgres().PostgresBackend(location), location
    redirect = os.environ.get(TEST_POSTGRES_ENV)
    if redirect:
        PostgresBackend = _postgres().PostgresBackend

        key = os.path.abspath(location) if location != ":memory:" else \
            f":memory:{os.getpid()}:{threading.get_ident()}:{id(object())}:{os.urandom(4).hex()}"
        schema = "t_" + hashlib.sha1(key.encode()).hexdigest()[:20]
        return PostgresBackend(redirect, schema=schema), Path(location)
    return SqliteBackend(Path(location)), Path(location)


def _postgres() -> Any:
    try:
        from bot.store import postgres
    except ImportError as exc:
        from bot.errors import ConfigError

        raise ConfigError("a PostgreSQL store needs psycopg:"
                          " pip install 'readout-bot[postgres]'") from exc
    return postgres


class Store:
    """Thread-safe handle: one connection per thread. SQLite runs in WAL mode and PostgreSQL
    under MVCC, so readers never wait for a writer; writers take turns (`transaction`)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.location = str(path) if path is not None else default_location()
        self.backend, self.path = _backend(self.location)
        self.dialect: str = self.backend.dialect
        # A short, secret-free name for in-process registries and job arguments.
        if self.location == ":memory:":
            self.key = f"memory-{id(self):x}"
        else:
            ident = self.location if is_postgres_url(self.location) else \
                os.path.abspath(self.location)
            self.key = hashlib.sha1(ident.encode()).hexdigest()[:16]
        self._local = threading.local()
        self._init_lock = threading.Lock()
        self._create()

    # -- connection -------------------------------------------------------------------------
    def _create(self) -> None:
        conn = self.conn
        version = self._schema_version(conn)
        if version > SCHEMA_VERSION:
            from bot.errors import ReadoutError

            raise ReadoutError(
                f"{self.label} was written by a newer Readout"
                f" (schema {version} > {SCHEMA_VERSION})"
            )
        migrate(conn, SCHEMA_VERSION)
        sql = resources.files("bot.store").joinpath("schema.sql").read_text()
        with self._init_lock:
            # executescript commits on its own; every statement in it is idempotent.
            conn.executescript(sql)
        if self._schema_version(conn) != SCHEMA_VERSION:
            with self.transaction() as c:
                c.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )

    @staticmethod
    def _schema_version(conn: Any) -> int:
        try:
            row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.OperationalError:
            return 0
        return int(row[0]) if row else 0

    @property
    def conn(self) -> Any:
        """This thread's connection (sqlite3's, or the PostgreSQL adapter with its methods)."""
        conn = getattr(self._local, "conn", None)
        if conn is None or (self.dialect == "postgresql" and conn.closed):
            conn = self.backend.connect()
            self._local.conn = conn
        return conn

    @property
    def label(self) -> str:
        """The location for messages and logs (a PostgreSQL URL without its password)."""
        if self.dialect == "postgresql" and is_postgres_url(self.location):
            return str(self.backend.location_label())
        return self.location

    @property
    def sqlalchemy_url(self) -> str:
        """The same database as a SQLAlchemy URL, for the libraries that keep their own tables in
        it (APScheduler's job store, slack_sdk's installation and OAuth state stores)."""
        return str(self.backend.sqlalchemy_url)

    @property
    def index_root(self) -> Path | None:
        """Where this machine keeps its search indexes of this store: `$READOUT_INDEX_DIR`,
        else beside a database file, else `.readout/search/<database>-<schema>`."""
        env = os.environ.get("READOUT_INDEX_DIR")
        if env:
            return Path(env)
        if isinstance(self.path, Path):
            return None if str(self.path) == ":memory:" else Path(f"{self.path}.search")
        return Path(".readout/search") / f"{self.backend.database}-{self.backend.schema}"

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        """BEGIN IMMEDIATE ... COMMIT: one writer at a time (on PostgreSQL an advisory lock
        per database), so ids and the search journal follow commit order; any exception rolls
        the whole unit back."""
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

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Any]:
        """A read-only transaction: every query in it sees one state of the store."""
        conn = self.conn
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    @contextlib.contextmanager
    def bookkeeping(self) -> Iterator[Any]:
        """A small write that is not part of the store's content (search node cursors, the
        journal's pruning) and must never wait: yields None when SQLite's one writer is busy.
        On PostgreSQL it takes no writer lock (row locks suffice)."""
        conn = self.conn
        if self.dialect == "postgresql":
            conn.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return
        conn.execute("PRAGMA busy_timeout=0")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            conn.execute("PRAGMA busy_timeout=30000")
            yield None
            return
        conn.execute("PRAGMA busy_timeout=30000")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def stream(self, sql: str, params: tuple[Any, ...] = (), batch: int = 500) -> Iterator[Any]:
        """Rows of a large query in batches, never all in memory at once."""
        if self.dialect == "postgresql":
            from bot.store.postgres import stream_rows

            yield from stream_rows(self.conn, sql, params, batch)
            return
        cur = self.conn.execute(sql, params)
        while True:
            rows = cur.fetchmany(batch)
            if not rows:
                return
            yield from rows

    # -- meta -------------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- ingest -----------------------------------------------------------------------------
    def ingest(self, item: IndexedArticle) -> IngestOutcome:
        """Store one article atomically: its row, its meeting, its statements, the journal."""
        art = item.article
        aid = art.id
        with self.transaction() as c:
            same = c.execute("SELECT source, meeting_id FROM articles WHERE id=?",
                             (aid,)).fetchone()
            if same is not None:
                known = c.execute("SELECT 1 FROM article_copies WHERE source=? AND article_id=?",
                                  (art.source, aid)).fetchone()
                if same["source"] == art.source or known is not None:
                    return IngestOutcome("unchanged", aid, same["meeting_id"],
                                         detail=same["source"])
                mid = self._record_copy(c, item, same["source"])
                return IngestOutcome("duplicate", aid, mid, detail=same["source"])
            return self._add(c, item)

    def _add(self, c: sqlite3.Connection, item: IndexedArticle) -> IngestOutcome:
        art = item.article
        aid = art.id
        c.execute("DELETE FROM article_copies WHERE source=?", (art.source,))
        old = c.execute("SELECT id FROM articles WHERE source=?", (art.source,)).fetchone()
        status = "added"
        if old is not None:
            regroup.remove(c, old["id"])
            status = "replaced"
        overridden = c.execute("SELECT 1 FROM meeting_overrides WHERE article_id=?",
                               (aid,)).fetchone() is not None
        if overridden:
            meeting_id, reason = placing.assign_meeting(c, aid, item.meeting)
        else:  # placed by regroup below, with the reports it fits
            meeting_id, reason = "", ""
        participants = json.dumps([asdict(p) for p in item.meeting.participants])
        c.execute(
            "INSERT INTO articles(id, source, url, outlet, side, title, published, dateline,"
            " event_date, format, location, occasion, participants, paragraphs, meeting_id,"
            " merge_reason, date_reason, month_day, indexed_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                aid, art.source, art.url, art.outlet, item.side, art.title,
                art.published.isoformat() if art.published else None, art.dateline,
                _iso(item.meeting.event_date), item.meeting.format, item.meeting.location,
                item.meeting.occasion, participants, json.dumps(art.paragraphs),
                meeting_id, reason, item.meeting.date_reason,
                regroup.encode_undated(item.meeting),
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
        if overridden:
            placing.widen_meeting(c, meeting_id, item.meeting)
            placing.add_statements(c, item, meeting_id)
        else:
            sources = [placing.Source.of(st) for st in item.statements]
            meeting_id = regroup.regroup(c, [aid], {aid: sources})[aid]
        placing.apply_joins_anchored_at(c, aid)
        row = c.execute("SELECT merge_reason FROM articles WHERE id=?", (aid,)).fetchone()
        new = c.execute("SELECT count(*) FROM statements WHERE article_id=?",
                        (aid,)).fetchone()[0]
        return IngestOutcome(status, aid, meeting_id, new, len(item.statements) - new,
                             row["merge_reason"])

    def _record_copy(self, c: sqlite3.Connection, item: IndexedArticle, original: str) -> str:
        """A file with the text of an article already stored: one more source of it. Of the
        files with one text, the name that sorts first is the article (analysed: its date,
        its dateline) and the others are copies, whichever came first, so the same files give
        the same meetings and sources in any order. Returns the article's meeting."""
        art = item.article
        replaced = c.execute("SELECT id FROM articles WHERE source=?", (art.source,)).fetchone()
        if replaced is not None:  # this file held another text before
            regroup.remove(c, replaced["id"])
        row = c.execute("SELECT * FROM articles WHERE id=?", (art.id,)).fetchone()
        copies = [dict(r) for r in c.execute("SELECT * FROM article_copies WHERE article_id=?",
                                             (art.id,)).fetchall()]
        if art.source < row["source"]:
            regroup.remove(c, art.id)
            self._add(c, item)
            copies.append({"source": row["source"], "url": row["url"], "outlet": row["outlet"],
                           "side": row["side"], "published": row["published"],
                           "indexed_at": row["indexed_at"]})
            for cp in copies:
                self._insert_copy(c, art.id, cp)
        else:
            self._insert_copy(c, art.id, {
                "source": art.source, "url": art.url, "outlet": art.outlet, "side": item.side,
                "published": _iso(art.published),
                "indexed_at": datetime.now(UTC).isoformat(timespec="seconds")})
        return str(c.execute("SELECT meeting_id FROM articles WHERE id=?",
                             (art.id,)).fetchone()[0])

    @staticmethod
    def _insert_copy(c: sqlite3.Connection, aid: str, cp: dict[str, Any]) -> None:
        c.execute(
            "INSERT OR REPLACE INTO article_copies(source, article_id, url, outlet, side,"
            " published, indexed_at) VALUES (?,?,?,?,?,?,?)",
            (cp["source"], aid, cp["url"], cp["outlet"], cp["side"], cp["published"],
             cp["indexed_at"]))

    def remove_article(self, aid: str) -> bool:
        with self.transaction() as c:
            if not c.execute("SELECT 1 FROM articles WHERE id=?", (aid,)).fetchone():
                return False
            regroup.remove(c, aid)
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
        rows = self.conn.execute(
            f"SELECT ss.sid, a.source, a.id, a.event_date, a.month_day, a.participants"
            f" FROM statement_sources ss JOIN articles a ON a.id = ss.article_id"
            f" WHERE ss.sid IN ({marks})", sids,
        ).fetchall()
        # in the canonical order of the reports, whatever order they were indexed in
        for r in sorted(rows, key=lambda r: (r["sid"], placing.canonical_key(r))):
            if r["source"] not in res.setdefault(r["sid"], []):
                res[r["sid"]].append(r["source"])
        for r in self.conn.execute(
            f"SELECT ss.sid, ac.source FROM statement_sources ss JOIN article_copies ac"
            f" ON ac.article_id = ss.article_id WHERE ss.sid IN ({marks})"
            f" ORDER BY ss.sid, ac.source", sids,
        ):
            if r[1] not in res.setdefault(r[0], []):
                res[r[0]].append(r[1])
        return res

    def iter_statements(
        self, where: str = "TRUE", params: tuple[Any, ...] = (),
        order: str = "s.event_date, s.sid",
    ) -> Iterator[dict[str, Any]]:
        """Statements as export dicts; `where` is trusted SQL written inside Readout."""
        sql = (
            "SELECT s.*, a.source AS article_source, a.url AS article_url FROM statements s"
            f" JOIN articles a ON a.id = s.article_id WHERE {where} ORDER BY {order}"
        )
        batch: list[Any] = []
        for r in self.stream(sql, params):
            batch.append(r)
            if len(batch) == 500:
                yield from self._with_sources(batch)
                batch = []
        yield from self._with_sources(batch)

    def _with_sources(self, rows: list[Any]) -> Iterator[dict[str, Any]]:
        sources = self._sources_for([r["sid"] for r in rows]) if rows else {}
        for r in rows:
            yield statement_dict(r, sources.get(r["sid"], []))

    def meetings(self, where: str = "TRUE", params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            f"SELECT * FROM meetings m WHERE {where} ORDER BY event_date, id", params
        ).fetchall()
        return [self._meeting_dict(r) for r in rows]

    def meeting(self, mid: str) -> dict[str, Any] | None:
        r = self.conn.execute("SELECT * FROM meetings WHERE id=?", (mid,)).fetchone()
        return self._meeting_dict(r) if r else None

    def _meeting_dict(self, r: sqlite3.Row) -> dict[str, Any]:
        arts = sorted(self.conn.execute(
            "SELECT id, source, url, title, outlet, side, published, dateline, merge_reason,"
            " date_reason, event_date, month_day, participants FROM articles WHERE meeting_id=?",
            (r["id"],),
        ).fetchall(), key=placing.canonical_key)
        copies = self.conn.execute(
            "SELECT ac.source, ac.url, ac.outlet, ac.side, ac.published, a.id, a.title,"
            " a.source AS original FROM article_copies ac JOIN articles a"
            " ON a.id = ac.article_id WHERE a.meeting_id=? ORDER BY ac.source", (r["id"],),
        ).fetchall()
        first = arts[0] if arts else None
        parts = json.loads(r["participants"])
        return {
            "id": r["id"],
            "article": first["source"] if first else None,
            "sources": [a["source"] for a in arts] + [c["source"] for c in copies],
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
            ] + [
                {
                    "article": c["source"], "article_id": c["id"], "title": c["title"],
                    "outlet": c["outlet"], "side": c["side"], "published": c["published"],
                    "url": c["url"], "why": f"word for word the text of {c['original']}",
                    "date_reason": "",
                }
                for c in copies
            ],
        }

    def articles(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT id, source, url, outlet, side, title, published, meeting_id FROM articles"
            " ORDER BY rowid"
        )]

    # -- corrections to merging (applied at once, kept across re-indexing) -----------------
    def find_article(self, ref: str) -> str:
        return corrections.find_article(self.conn, ref)

    def split_article(self, article_id: str) -> str:
        """The article becomes its own meeting; returns that meeting's id."""
        with self.transaction() as c:
            return corrections.split(c, article_id)

    def join_article(self, article_id: str, target: str) -> str:
        """The article joins meeting `target` (a meeting id or one of its articles)."""
        with self.transaction() as c:
            return corrections.join(c, article_id, target)

    def reset_article(self, article_id: str) -> str:
        """Drop the user's correction; the automatic rules place the article again."""
        with self.transaction() as c:
            return corrections.reset(c, article_id)

    def set_override(self, article_id: str, action: str, meeting_id: str | None) -> None:
        if action == "split":
            self.split_article(article_id)
        elif action == "join" and meeting_id:
            self.join_article(article_id, meeting_id)
        else:
            raise ValueError(f"unknown override {action!r}")

    def overrides(self) -> list[dict[str, Any]]:
        return corrections.overrides(self.conn)

    def source_sides(self, mid: str) -> list[dict[str, Any]]:
        """Every copy of every sentence of a meeting, with the side of the article it is in:
        the raw material of a readout comparison."""
        cols = ("ss.sid, ss.article_id, ss.paragraph, ss.sentence, ss.text, ss.speaker, ss.side,"
                " ss.themes, ss.via")
        return [dict(r) for r in self.conn.execute(
            f"SELECT {cols}, a.source, a.outlet, a.side AS source_side, 0 AS copy, a.id AS k"
            " FROM statement_sources ss JOIN articles a ON a.id = ss.article_id"
            " WHERE a.meeting_id=?1"
            f" UNION ALL SELECT {cols}, ac.source, ac.outlet, ac.side, 1, ac.source"
            " FROM statement_sources ss JOIN articles a ON a.id = ss.article_id"
            " JOIN article_copies ac ON ac.article_id = a.id WHERE a.meeting_id=?1"
            " ORDER BY copy, k, paragraph, sentence", (mid,),
        )]

    # -- search journal ---------------------------------------------------------------------
    # Written in the same transaction as the statements (placing.py). Every machine's search
    # index keeps its own cursor into it (bot/search/index.py) and registers it here, so rows
    # are deleted only once every index seen in the last day has applied them.
    def journal(self, limit: int = 5000, after: int = 0) -> list[tuple[int, int, str]]:
        return [(int(r[0]), int(r[1]), str(r[2])) for r in self.conn.execute(
            "SELECT id, sid, op FROM search_journal WHERE id > ? ORDER BY id LIMIT ?",
            (after, limit),
        )]

    def journal_top(self) -> int:
        """The id of the newest journal row ever written (kept in meta once pruned away)."""
        row = self.conn.execute("SELECT max(id) FROM search_journal").fetchone()
        top = int(row[0] or 0)
        return top or int(self.get_meta("search_journal_pruned", "0") or 0)

    def journal_pruned(self) -> int:
        """Rows up to this id are gone: an index whose cursor is older must be rebuilt."""
        return int(self.get_meta("search_journal_pruned", "0") or 0)

    def clear_journal(self, upto: int) -> None:
        with self.transaction() as c:
            self._prune(c, upto)

    def _prune(self, c: Any, upto: int) -> None:
        if upto <= 0:
            return
        c.execute("DELETE FROM search_journal WHERE id<=?", (upto,))
        c.execute("INSERT INTO meta(key, value) VALUES ('search_journal_pruned', ?)"
                  " ON CONFLICT(key) DO UPDATE SET value=excluded.value"
                  " WHERE CAST(excluded.value AS INTEGER) > CAST(meta.value AS INTEGER)",
                  (str(upto),))

    def record_applied(self, node: str, applied: int, host: str,
                       keep_seconds: float = 24 * 3600) -> bool:
        """A search index `node` has applied the journal up to `applied`; rows every index
        seen within `keep_seconds` has applied are pruned. False (nothing written) when the
        store is busy with a writer: bookkeeping never makes a reader wait."""
        import time

        now = time.time()
        with self.bookkeeping() as c:
            if c is None:
                return False
            c.execute("INSERT INTO search_nodes(node, applied, host, seen_at) VALUES (?,?,?,?)"
                      " ON CONFLICT(node) DO UPDATE SET applied=excluded.applied,"
                      " host=excluded.host, seen_at=excluded.seen_at", (node, applied, host, now))
            c.execute("DELETE FROM search_nodes WHERE seen_at < ?", (now - keep_seconds,))
            low = c.execute("SELECT min(applied) FROM search_nodes").fetchone()[0]
            self._prune(c, int(low or 0))
        return True

    def forget_node(self, node: str) -> None:
        with self.bookkeeping() as c:
            if c is not None:
                c.execute("DELETE FROM search_nodes WHERE node=?", (node,))

    def search_nodes(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT node, applied, host, seen_at FROM search_nodes ORDER BY node")]


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
