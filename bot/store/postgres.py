"""PostgreSQL as the store: a thin connection adapter that looks like sqlite3's to the code.

Why an adapter rather than SQLAlchemy Core: Readout's SQL is a few hundred statements of plain
SQL in the SQLite dialect, written and edited by many hands (placing, corrections, digests). An
adapter translates each statement once (`dialect.py`, cached) and runs it with psycopg 3, so every
module keeps its SQL, its `?` placeholders and its sqlite3-style code (`conn.execute(...)
.fetchone()["col"]`, `cur.rowcount`, `cur.lastrowid`, `executemany`, `executescript`) on both
backends; SQLAlchemy Core would mean rewriting every statement as Python expressions.

Behaviour kept from SQLite:
- One writer at a time: `BEGIN IMMEDIATE` takes a transaction-scoped advisory lock for the
  database and schema, so ingests from several processes or machines serialise as SQLite's
  writers do (ids and the search journal stay in commit order; merge decisions see every
  earlier article). Readers never wait (MVCC), as with SQLite's WAL.
- Rows read by name or position (`Row`), `sum()` as int, bools and dates stored as SQLite
  stores them, errors raised as the sqlite3 exception classes (`sqlite3.IntegrityError` ...).
- `lock_timeout` 30 s, like SQLite's busy timeout.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import adapt, pq
from psycopg.rows import RowMaker

from bot.errors import ReadoutError
from bot.store import dialect

LOCK_TIMEOUT = "30s"


class StoreUnavailable(ReadoutError, sqlite3.OperationalError):
    """The database server cannot be reached: a one-line message at the CLI."""


def is_url(location: str) -> bool:
    return location.startswith(("postgresql://", "postgres://", "postgresql+psycopg://"))


def conninfo(url: str) -> str:
    """A libpq URL (SQLAlchemy's `postgresql+psycopg://` spelling accepted)."""
    return "postgresql://" + url.split("://", 1)[1]


def redact(url: str) -> str:
    """The URL without its password, for logs and messages."""
    parts = urlsplit(conninfo(url))
    if parts.password is None:
        return conninfo(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def with_schema(url: str, schema: str) -> str:
    """The URL with `options=-csearch_path=<schema>` (tables created and read there)."""
    parts = urlsplit(conninfo(url))
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-csearch_path={schema}"))
    return urlunsplit(parts._replace(query=urlencode(query)))


def lock_key(*parts: str) -> int:
    """A signed 64-bit advisory lock key from names."""
    digest = hashlib.sha1(":".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


# -- adaptation: what SQLite stores, PostgreSQL stores the same way ---------------------------
class _NumericLoader(adapt.Loader):
    """sum() over BIGINT is NUMERIC in PostgreSQL: an int when whole, as SQLite returns."""

    def load(self, data: Any) -> Any:
        text = bytes(data).decode()
        try:
            return int(text)
        except ValueError:
            return float(text)


class _BoolDumper(adapt.Dumper):
    oid = psycopg.adapters.types["int8"].oid

    def dump(self, obj: Any) -> bytes:
        return b"1" if obj else b"0"


class _IsoDumper(adapt.Dumper):
    """Dates as ISO text (sqlite3's default adapters), typed `unknown` like str."""

    def dump(self, obj: Any) -> bytes:
        sep = " " if isinstance(obj, datetime) else None
        return (obj.isoformat(sep) if sep else obj.isoformat()).encode()


def _adapt(conn: psycopg.Connection[Any]) -> None:
    conn.adapters.register_loader("numeric", _NumericLoader)
    conn.adapters.register_dumper(bool, _BoolDumper)
    conn.adapters.register_dumper(date, _IsoDumper)
    conn.adapters.register_dumper(datetime, _IsoDumper)


class Row(tuple):
    """A result row read by position or (case-insensitive) column name, like sqlite3.Row."""

    _index: ClassVar[dict[str, int]] = {}
    _names: ClassVar[tuple[str, ...]] = ()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                key = self._index[key]
            except KeyError:
                key = self._index[key.lower()]
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


_ROW_TYPES: dict[tuple[str, ...], type[Row]] = {}


def _row_factory(cursor: Any) -> RowMaker[Any]:
    desc = cursor.description
    if desc is None:
        return tuple  # type: ignore[return-value]
    names = tuple(d.name for d in desc)
    cls = _ROW_TYPES.get(names)
    if cls is None:
        index = {n.lower(): i for i, n in reversed(list(enumerate(names)))}
        index.update({n: i for i, n in reversed(list(enumerate(names)))})
        cls = _ROW_TYPES[names] = type("Row", (Row,), {"_index": index, "_names": names})
    return cls  # type: ignore[return-value]


_ERRORS: list[tuple[type[Exception], type[Exception]]] = [
    (psycopg.errors.IntegrityError, sqlite3.IntegrityError),
    (psycopg.errors.LockNotAvailable, sqlite3.OperationalError),
    (psycopg.errors.DataError, sqlite3.DataError),
    (psycopg.errors.ProgrammingError, sqlite3.OperationalError),
    (psycopg.errors.OperationalError, sqlite3.OperationalError),
    (psycopg.errors.InternalError, sqlite3.InternalError),
    (psycopg.errors.NotSupportedError, sqlite3.NotSupportedError),
    (psycopg.errors.DatabaseError, sqlite3.DatabaseError),
    (psycopg.errors.InterfaceError, sqlite3.InterfaceError),
]


def _as_sqlite(exc: psycopg.Error) -> Exception:
    for theirs, ours in _ERRORS:
        if isinstance(exc, theirs):
            return ours(str(exc).strip())
    return sqlite3.Error(str(exc).strip())


class Cursor:
    """What a statement returns: rows to fetch, rowcount, lastrowid."""

    __slots__ = ("_cur", "lastrowid")

    def __init__(self, cur: Any, lastrowid: int | None = None) -> None:
        self._cur = cur
        self.lastrowid = lastrowid

    @property
    def rowcount(self) -> int:
        return int(self._cur.rowcount) if self._cur is not None else -1

    @property
    def description(self) -> Any:
        return self._cur.description if self._cur is not None else None

    def fetchone(self) -> Any:
        if self._cur is None or self._cur.description is None:
            return None
        return self._cur.fetchone()

    def fetchall(self) -> list[Any]:
        if self._cur is None or self._cur.description is None:
            return []
        return self._cur.fetchall()

    def fetchmany(self, size: int = 100) -> list[Any]:
        if self._cur is None or self._cur.description is None:
            return []
        return self._cur.fetchmany(size)

    def __iter__(self) -> Iterator[Any]:
        if self._cur is None or self._cur.description is None:
            return iter(())
        return iter(self._cur)

    def close(self) -> None:
        if self._cur is not None:
            self._cur.close()


class Connection:
    """A psycopg connection with sqlite3.Connection's methods, for one thread."""

    def __init__(self, backend: PostgresBackend, raw: psycopg.Connection[Any]) -> None:
        self.backend = backend
        self.raw = raw

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != pq.TransactionStatus.IDLE

    @property
    def closed(self) -> bool:
        return bool(self.raw.closed or self.raw.broken)

    def _control(self, sql: str) -> Cursor | None:
        """BEGIN [IMMEDIATE|DEFERRED|EXCLUSIVE] / COMMIT / END / ROLLBACK / PRAGMA."""
        words = sql.strip().rstrip(";").upper().split()
        if not words or words[0] not in ("BEGIN", "COMMIT", "END", "ROLLBACK", "PRAGMA"):
            return None
        if words[0] == "PRAGMA":
            return Cursor(None)
        if words[0] == "BEGIN":
            if "ISOLATION" in words or "READ" in words:
                self.raw.execute(sql)
            elif "IMMEDIATE" in words or "EXCLUSIVE" in words:
                self.raw.execute("BEGIN")
                self.raw.execute("SELECT pg_advisory_xact_lock($1)", [self.backend.write_key])
            else:
                # A deferred transaction reads one snapshot, as SQLite's does under WAL.
                self.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        elif words[0] in ("COMMIT", "END"):
            self.raw.execute("COMMIT")
        elif words[0] == "ROLLBACK" and len(words) == 1:
            self.raw.execute("ROLLBACK")
        else:
            return None  # ROLLBACK TO SAVEPOINT ...: the server's own syntax
        return Cursor(None)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        control = self._control(sql)
        if control is not None:
            return control
        tr = self.backend.translate(sql)
        try:
            cur = self.raw.cursor()
            cur.execute(tr.sql, list(params) if params else None)
        except psycopg.Error as exc:
            raise _as_sqlite(exc) from exc
        if tr.kind in ("CREATE", "ALTER", "DROP"):
            self.backend.schema_changed()
        lastrowid = None
        if tr.returning and cur.description is not None:
            row = cur.fetchone()
            lastrowid = int(row[0]) if row is not None else None
        return Cursor(cur, lastrowid)

    def executemany(self, sql: str, seq: Any) -> Cursor:
        tr = self.backend.translate(sql)
        rows = [list(p) for p in seq]
        cur = self.raw.cursor()
        if rows:
            try:
                cur.executemany(tr.sql, rows)
            except psycopg.Error as exc:
                raise _as_sqlite(exc) from exc
        return Cursor(cur)

    def executescript(self, script: str) -> None:
        """Every statement of a script in one transaction, under the schema lock, so several
        processes creating the same tables at once do not collide. `CREATE ... IF NOT EXISTS`
        of a table or index that exists is skipped without touching it: PostgreSQL would
        first lock the table, and so wait for any writer holding it."""
        existing = self._relations()
        statements = [s for s in dialect.split_statements(script)
                      if _created(s) not in existing]
        if not statements:
            return
        own = not self.in_transaction
        if own:
            self.raw.execute("BEGIN")
        try:
            self.raw.execute("SELECT pg_advisory_xact_lock($1)", [self.backend.schema_key])
            for stmt in statements:
                self.execute(stmt)
        except BaseException:
            if own:
                self.raw.execute("ROLLBACK")
            raise
        if own:
            self.raw.execute("COMMIT")
        self.backend.schema_changed()

    def _relations(self) -> set[str]:
        return {str(r[0]) for r in self.raw.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema()").fetchall()}

    def commit(self) -> None:
        if self.in_transaction:
            self.raw.execute("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()


class PostgresBackend:
    """Connections and metadata for one PostgreSQL database and schema."""

    dialect = "postgresql"

    def __init__(self, url: str, schema: str | None = None) -> None:
        self.url = with_schema(url, schema) if schema else conninfo(url)
        self.schema_name = schema
        self._catalog: dialect.Catalog | None = None
        self._catalog_at = 0.0
        self._catalog_lock = threading.Lock()
        self.translate = dialect.Translator(self.catalog)
        first = self.connect()
        row = first.raw.execute("SELECT current_database(), current_schema()").fetchone()
        if row is None or row[1] is None:
            raise sqlite3.OperationalError(
                f"{redact(url)}: no schema to create tables in (check search_path)")
        self.database, self.schema = str(row[0]), str(row[1])
        self.write_key = lock_key("readout-write", self.database, self.schema)
        self.schema_key = lock_key("readout-schema", self.database, self.schema)
        first.close()

    def connect(self) -> Connection:
        try:
            raw = psycopg.connect(
                self.url, autocommit=True, cursor_factory=psycopg.RawCursor,
                row_factory=_row_factory, application_name="readout",
                # A dead peer is noticed in about a minute, not two hours.
                keepalives=1, keepalives_idle=30, keepalives_interval=10, keepalives_count=3,
                connect_timeout=10,
            )
        except psycopg.Error as exc:
            detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise StoreUnavailable(f"cannot connect to {redact(self.url)}: {detail}") from exc
        raw.server_cursor_factory = psycopg.RawServerCursor
        _adapt(raw)
        raw.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
        if self.schema_name:
            # (another process may create it at the same moment)
            with contextlib.suppress(psycopg.errors.UniqueViolation):
                raw.execute("CREATE SCHEMA IF NOT EXISTS " + _ident(self.schema_name))
        return Connection(self, raw)

    # -- catalog (for INSERT OR REPLACE, lastrowid and NULL ordering) ------------------------
    def schema_changed(self) -> None:
        with self._catalog_lock:
            self._catalog = None
        self.translate.forget()

    def catalog(self, table: str | None) -> dialect.Catalog:
        with self._catalog_lock:
            cat = self._catalog
            stale = cat is None or (table is not None and table not in cat.tables
                                    and time.monotonic() - self._catalog_at > 1.0)
            if stale:
                cat = self._catalog = self._load_catalog()
                self._catalog_at = time.monotonic()
            assert cat is not None
            return cat

    def _load_catalog(self) -> dialect.Catalog:
        with psycopg.connect(self.url, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT c.relname, a.attname, a.attnotnull, a.attidentity <> '',"
                " coalesce(a.attnum = ANY(i.indkey), false)"
                " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0"
                " AND NOT a.attisdropped"
                " LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary"
                " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
                " ORDER BY c.relname, a.attnum").fetchall()
        cat = dialect.Catalog()
        nullable: set[str] = set()
        for table, col, notnull, identity, pk in rows:
            t = cat.tables.setdefault(table, dialect.Table([], []))
            t.columns.append(col)
            if pk:
                t.primary_key.append(col)
                if identity:
                    t.identity = col
            (cat.not_null if notnull else nullable).add(col)
        cat.not_null -= nullable
        for t in cat.tables.values():
            if len(t.primary_key) != 1:
                t.identity = None
        return cat

    # -- what other libraries need -------------------------------------------------------------
    @property
    def sqlalchemy_url(self) -> str:
        return "postgresql+psycopg://" + self.url.split("://", 1)[1]

    def location_label(self) -> str:
        return redact(self.url)


_CREATED = re.compile(
    r"^\s*CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX)\s+IF\s+NOT\s+EXISTS\s+\"?(\w+)", re.I)


def _created(statement: str) -> str | None:
    """The table or index a `CREATE ... IF NOT EXISTS` statement creates."""
    m = _CREATED.match(statement)
    return m.group(1).lower() if m else None


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def stream_rows(conn: Connection, sql: str, params: Sequence[Any] = (),
                batch: int = 500) -> Iterator[Any]:
    """Rows of a large query read in batches through a server-side cursor, so a rebuild of a
    million statements does not load them all (inside the caller's snapshot if there is one)."""
    tr = conn.backend.translate(sql)
    name = f"readout_{threading.get_ident()}_{time.monotonic_ns()}"
    with conn.raw.cursor(name=name, withhold=not conn.in_transaction) as cur:
        cur.execute(tr.sql, list(params) or None)
        while True:
            rows = cur.fetchmany(batch)
            if not rows:
                return
            yield from rows
