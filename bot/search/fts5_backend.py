"""SQLite FTS5 engine (stdlib): the measured alternative to tantivy, kept runnable behind the
same interface so the choice can be re-measured. It lives in its own file beside the store
(`<db>.search/fts5/fts5.db`), so it stays a derived, disposable index like tantivy's.

Two FTS5 tables share rowid = sid: `fts_stem` (porter stemmer) for free words and `fts_exact`
(unicode61) for phrases; `docs` and `doc_themes` hold the filter columns.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.search.backend import EngineQuery, EngineResult, IndexDoc, SearchBackend, speaker_tokens
from bot.store.wal import use_wal

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    sid INTEGER PRIMARY KEY, speaker TEXT, speaker_tok TEXT, side TEXT, event_date INTEGER,
    recency INTEGER NOT NULL, outlet_tok TEXT, meeting TEXT
);
CREATE INDEX IF NOT EXISTS docs_recency ON docs(recency);
CREATE INDEX IF NOT EXISTS docs_speaker ON docs(speaker, recency);
CREATE TABLE IF NOT EXISTS doc_themes (
    theme TEXT NOT NULL, sid INTEGER NOT NULL, PRIMARY KEY (theme, sid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS doc_themes_sid ON doc_themes(sid);
CREATE TABLE IF NOT EXISTS cursor (k INTEGER PRIMARY KEY CHECK (k = 1), applied INTEGER);
CREATE VIRTUAL TABLE IF NOT EXISTS fts_stem USING fts5(text, tokenize='porter unicode61');
CREATE VIRTUAL TABLE IF NOT EXISTS fts_exact USING fts5(text, tokenize='unicode61');
"""


def _spaced(words: Iterable[str]) -> str:
    """' a b c ': lets instr() match whole tokens and token runs."""
    return " " + " ".join(words) + " "


def _fts_term(tokens: tuple[str, ...] | str) -> str:
    # Tokens are alphanumeric runs (query.tokens), so quoting them cannot inject syntax.
    words = (tokens,) if isinstance(tokens, str) else tokens
    return '"' + " ".join(words) + '"'


class Fts5Backend(SearchBackend):
    name = "fts5"
    version = 1

    def __init__(self, directory: Path | None) -> None:
        super().__init__(directory)
        if directory is None:
            target = ":memory:"
        else:
            directory.mkdir(parents=True, exist_ok=True)
            target = str(directory / "fts5.db")
        self._lock = threading.Lock()
        self.conn = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        use_wal(self.conn)
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(_SCHEMA)

    def _rows(self, d: IndexDoc) -> tuple[Any, ...]:
        return (d.sid, d.speaker.lower() if d.speaker else None,
                _spaced(speaker_tokens(d.speaker)), d.side, d.event_date, d.recency,
                _spaced(speaker_tokens(d.outlet)), d.meeting)

    def _insert(self, c: sqlite3.Connection, docs: Iterable[IndexDoc]) -> int:
        n = 0
        for d in docs:
            c.execute("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?)", self._rows(d))
            c.executemany("INSERT OR IGNORE INTO doc_themes VALUES (?, ?)",
                          [(t, d.sid) for t in d.themes])
            c.execute("INSERT INTO fts_stem(rowid, text) VALUES (?, ?)", (d.sid, d.text))
            c.execute("INSERT INTO fts_exact(rowid, text) VALUES (?, ?)", (d.sid, d.text))
            n += 1
        return n

    def applied(self) -> int:
        # In the index's own database, committed with the docs it describes.
        with self._lock:
            row = self.conn.execute("SELECT applied FROM cursor WHERE k=1").fetchone()
        return int(row[0]) if row else 0

    def set_applied(self, applied: int) -> None:
        with self._lock:
            self._set_applied(self.conn, applied)

    @staticmethod
    def _set_applied(c: sqlite3.Connection, applied: int) -> None:
        c.execute("INSERT OR REPLACE INTO cursor(k, applied) VALUES (1, ?)", (applied,))

    def replace(self, docs: Iterable[IndexDoc], deleted: Iterable[int] = (),
                applied: int | None = None) -> None:
        items = list(docs)
        sids = [(s,) for s in {*deleted, *(d.sid for d in items)}]
        with self._lock:
            c = self.conn
            c.execute("BEGIN IMMEDIATE")
            try:
                for table, col in (("docs", "sid"), ("doc_themes", "sid"),
                                   ("fts_stem", "rowid"), ("fts_exact", "rowid")):
                    c.executemany(f"DELETE FROM {table} WHERE {col}=?", sids)
                self._insert(c, items)
                if applied is not None:
                    self._set_applied(c, applied)
            except BaseException:
                c.execute("ROLLBACK")
                raise
            c.execute("COMMIT")

    def bulk_load(self, docs: Iterable[IndexDoc], applied: int = 0) -> int:
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                n = self._insert(self.conn, docs)
                self._set_applied(self.conn, applied)
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        return n

    def count(self) -> int:
        with self._lock:
            return int(self.conn.execute("SELECT count(*) FROM docs").fetchone()[0])

    def build(self, q: EngineQuery) -> tuple[str, list[Any], str]:
        """FROM+WHERE clause, its parameters, and the score expression ('' without text)."""
        params: list[Any] = []
        where: list[str] = []
        score: list[str] = []
        if q.terms:
            src = "fts_stem JOIN docs d ON d.sid = fts_stem.rowid"
            where.append("fts_stem MATCH ?")
            params.append(" AND ".join(_fts_term(t) for t in q.terms))
            score.append("bm25(fts_stem)")
            if q.phrases:
                src += " JOIN fts_exact ON fts_exact.rowid = d.sid"
        elif q.phrases:
            src = "fts_exact JOIN docs d ON d.sid = fts_exact.rowid"
        else:
            src = "docs d"
        if q.phrases:
            where.append("fts_exact MATCH ?")
            params.append(" AND ".join(_fts_term(p) for p in q.phrases))
            score.append("bm25(fts_exact)")
        for table, items in (("fts_stem", q.exclude_terms), ("fts_exact", q.exclude_phrases)):
            if items:
                where.append(f"d.sid NOT IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
                params.append(" OR ".join(_fts_term(t) for t in items))
        if q.has_speaker:
            alts = [f"d.speaker IN ({','.join('?' * len(q.speakers))})"] if q.speakers else []
            params += q.speakers
            for tok in q.speaker_tokens:
                alts.append("instr(d.speaker_tok, ?) > 0")
                params.append(f" {tok} ")
            where.append("(" + " OR ".join(alts) + ")")
        if q.sides:
            where.append(f"d.side IN ({','.join('?' * len(q.sides))})")
            params += q.sides
        if q.themes:
            where.append("d.sid IN (SELECT sid FROM doc_themes WHERE theme IN"
                         f" ({','.join('?' * len(q.themes))}))")
            params += q.themes
        if q.outlets:
            where.append("(" + " OR ".join("instr(d.outlet_tok, ?) > 0" for _ in q.outlets) + ")")
            params += [_spaced(o) for o in q.outlets]
        if q.since is not None:
            where.append("d.event_date >= ?")
            params.append(q.since)
        if q.until is not None:
            where.append("d.event_date BETWEEN 1 AND ?")
            params.append(q.until)
        clause = f"FROM {src} WHERE {' AND '.join(where) or '1'}"
        # bm25() is lower-is-better; negate so scores read like tantivy's.
        return clause, params, ("-(" + " + ".join(score) + ")") if score else ""

    def search(self, query: EngineQuery, limit: int, offset: int) -> EngineResult:
        clause, params, score = self.build(query)
        order = f"round({score}, 3) DESC, d.recency DESC" if score else "d.recency DESC"
        with self._lock:
            total = self.conn.execute(f"SELECT count(*) {clause}", params).fetchone()[0]
            rows = self.conn.execute(
                f"SELECT d.sid {clause} ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, limit, offset],
            ).fetchall()
        return EngineResult(int(total), [int(r[0]) for r in rows])

    def close(self) -> None:
        with self._lock:
            self.conn.close()
