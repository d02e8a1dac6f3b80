"""SQLite's SQL, as the rest of Readout writes it, rewritten for PostgreSQL.

Readout keeps one body of SQL: `?` placeholders and the SQLite dialect, which SQLite runs as is.
For PostgreSQL each statement passes once through `translate` (the result is cached), which
rewrites the few SQLite forms the code uses into their PostgreSQL equivalents, so a module that
writes portable SQL, or these SQLite forms, works on both backends without a per-statement edit:

- `?`, `?NNN` -> `$n` (psycopg's RawCursor, so a `%` in the SQL needs no escaping)
- `INSERT OR IGNORE INTO t ...` -> `INSERT INTO t ... ON CONFLICT DO NOTHING`
- `INSERT OR REPLACE INTO t ...` -> `... ON CONFLICT (pk) DO UPDATE SET` every other column
- `a IS b`, `a IS NOT b` -> `a IS NOT DISTINCT FROM b`, `a IS DISTINCT FROM b`
- `max(a, b)`, `min(a, b)` -> `greatest`, `least`
- `date(d, '-1 day')` -> `to_char(CAST(d AS date) + CAST('-1 day' AS interval), 'YYYY-MM-DD')`
- `instr`, `ifnull`, `group_concat`, `round(x, n)` -> `strpos`, `coalesce`, `string_agg`,
  `round(CAST(x AS numeric), n)`
- `LIKE` (case-insensitive for ASCII) -> `ILIKE`; PostgreSQL reads a backslash in a LIKE
  pattern as an escape and SQLite does not, so patterns are written with `ESCAPE '\\'` and
  built by `like_escape` / `like_in_json`
- `ORDER BY x` (SQLite puts NULLs first), `x DESC` (last) -> `NULLS FIRST` / `NULLS LAST`,
  unless x is a column that is NOT NULL in every table
- `WHERE 1` -> `WHERE TRUE`; `x [NOT] IN ()` -> `x = ANY('{}')` (`<> ALL`); `FROM (SELECT
  ...)` gets an alias
- DDL: INTEGER, REAL, BLOB, TEXT -> BIGINT, DOUBLE PRECISION, BYTEA, TEXT COLLATE "C" (byte
  order, as SQLite's BINARY); `INTEGER PRIMARY KEY [AUTOINCREMENT]` -> an identity column;
  `WITHOUT ROWID` dropped; a table's implicit `rowid` -> an explicit identity column `rowid`,
  last (so `ORDER BY rowid` keeps insertion order)

What is not listed (triggers, `sqlite_master`, PRAGMAs with results) is written per backend by
the module that needs it (`Store.dialect` says which).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>--[^\n]*|/\*.*?\*/)
  | (?P<str>'(?:[^']|'')*')
  | (?P<qid>"(?:[^"]|"")*")
  | (?P<param>\?\d*)
  | (?P<num>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_$]*)
  | (?P<op>\|\||<=|>=|<>|!=|==|::|.)
    """,
    re.X | re.S,
)


class TranslationError(ValueError):
    """A statement uses SQLite syntax that has no automatic PostgreSQL form."""


@dataclass
class Tok:
    kind: str
    text: str

    @property
    def up(self) -> str:
        return self.text.upper() if self.kind == "word" else self.text


def tokenize(sql: str) -> list[Tok]:
    out: list[Tok] = []
    pos = 0
    while pos < len(sql):
        m = _TOKEN.match(sql, pos)
        if m is None:  # an unterminated quote: leave it for the server to reject
            out.append(Tok("op", sql[pos:]))
            break
        kind = m.lastgroup or "op"
        out.append(Tok(kind, m.group()))
        pos = m.end()
    return out


def split_statements(sql: str) -> list[str]:
    """A script split at top-level semicolons (outside quotes and comments)."""
    parts: list[str] = []
    current: list[str] = []
    for t in tokenize(sql):
        if t.kind == "op" and t.text == ";":
            text = "".join(current).strip()
            if text:
                parts.append(text)
            current = []
        elif t.kind != "comment":
            current.append(t.text)
    text = "".join(current).strip()
    if text:
        parts.append(text)
    return parts


@dataclass
class Table:
    """What the translator needs to know of a table (from PostgreSQL's catalog)."""

    columns: list[str]
    primary_key: list[str]
    identity: str | None = None  # an INTEGER PRIMARY KEY column: lastrowid comes from it


@dataclass
class Catalog:
    """Tables of the current schema, and which column names are NOT NULL in every table."""

    tables: dict[str, Table] = field(default_factory=dict)
    not_null: set[str] = field(default_factory=set)


@dataclass
class Translated:
    sql: str
    returning: str | None = None  # the identity column appended as RETURNING (lastrowid)
    kind: str = ""  # first keyword, upper case: SELECT, INSERT, CREATE ...


_TYPES = {
    "INTEGER": "BIGINT", "INT": "BIGINT", "BIGINT": "BIGINT", "SMALLINT": "BIGINT",
    "REAL": "DOUBLE PRECISION", "FLOAT": "DOUBLE PRECISION", "DOUBLE": "DOUBLE PRECISION",
    "BLOB": "BYTEA", "TEXT": 'TEXT COLLATE "C"', "NUMERIC": "NUMERIC", "BOOLEAN": "BIGINT",
}
_CONSTRAINTS = {"PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "CONSTRAINT"}
_RENAME = {"INSTR": "strpos", "IFNULL": "coalesce", "GROUP_CONCAT": "string_agg",
           "SUBSTRING": "substr"}
_ORDER_END = {"LIMIT", "OFFSET", "FETCH", "FOR", "UNION", "EXCEPT", "INTERSECT", "WINDOW",
              "RETURNING", "ON"}
_NOT_ALIAS = {"WHERE", "GROUP", "ORDER", "LIMIT", "JOIN", "LEFT", "INNER", "CROSS", "ON",
              "UNION", "HAVING", "OFFSET", "EXCEPT", "INTERSECT", "NATURAL", "USING"}
_IS_KEEP = {"NULL", "TRUE", "FALSE", "DISTINCT", "UNKNOWN", "JSON", "DOCUMENT"}


def _sig(toks: list[Tok], i: int) -> int:
    """Index of the first significant token at or after i (len(toks) if none)."""
    while i < len(toks) and toks[i].kind in ("ws", "comment"):
        i += 1
    return i


def _prev_sig(toks: list[Tok], i: int) -> int:
    i -= 1
    while i >= 0 and toks[i].kind in ("ws", "comment"):
        i -= 1
    return i


def _close(toks: list[Tok], i: int) -> int:
    """Index of the parenthesis closing the one at i."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].text == "(" and toks[j].kind == "op":
            depth += 1
        elif toks[j].text == ")" and toks[j].kind == "op":
            depth -= 1
            if depth == 0:
                return j
    raise TranslationError("unbalanced parentheses")


def _args(toks: list[Tok], open_: int, close: int) -> list[list[Tok]]:
    """The top-level, comma-separated arguments between two parentheses."""
    args: list[list[Tok]] = [[]]
    depth = 0
    for t in toks[open_ + 1 : close]:
        if t.kind == "op" and t.text == "(":
            depth += 1
        elif t.kind == "op" and t.text == ")":
            depth -= 1
        if depth == 0 and t.kind == "op" and t.text == ",":
            args.append([])
        else:
            args[-1].append(t)
    return [a for a in args if any(t.kind not in ("ws", "comment") for t in a)]


def _text(toks: list[Tok]) -> str:
    return "".join(t.text for t in toks)


class Translator:
    """Translates statements for one PostgreSQL schema; `catalog()` is called for table
    metadata when a statement needs it (INSERT OR REPLACE, lastrowid, NULL ordering), with the
    table it needs (so a table another process created since is looked up again)."""

    def __init__(self, catalog: Callable[[str | None], Catalog]) -> None:
        self._catalog = catalog
        self._cache: dict[str, Translated] = {}

    def forget(self) -> None:
        """After DDL: table shapes may have changed."""
        self._cache.clear()

    def __call__(self, sql: str) -> Translated:
        found = self._cache.get(sql)
        if found is None:
            found = self._translate(sql)
            if len(self._cache) > 4000:
                self._cache.clear()
            self._cache[sql] = found
        return found

    # -- one statement ----------------------------------------------------------------------
    def _translate(self, sql: str) -> Translated:
        toks = self._params([t for t in tokenize(sql) if t.kind != "comment"])
        first = _sig(toks, 0)
        kind = toks[first].up if first < len(toks) else ""
        if kind == "CREATE":
            nxt = toks[_sig(toks, first + 1)].up if _sig(toks, first + 1) < len(toks) else ""
            if nxt in ("TRIGGER", "VIRTUAL"):
                raise TranslationError(f"CREATE {nxt} has no automatic PostgreSQL form")
            if nxt == "TABLE":
                toks = self._create_table(toks)
        elif kind == "ALTER":
            toks = self._alter_table(toks)
        elif kind in ("INSERT", "REPLACE"):
            pass  # handled after the expression passes, which it shares
        toks = self._expressions(toks)
        returning = None
        if kind in ("INSERT", "REPLACE"):
            toks, returning = self._insert(toks)
        return Translated(_text(toks), returning, kind)

    # -- DDL --------------------------------------------------------------------------------
    def _create_table(self, toks: list[Tok]) -> list[Tok]:
        open_ = next(i for i, t in enumerate(toks) if t.kind == "op" and t.text == "(")
        close = _close(toks, open_)
        out = toks[: open_ + 1]
        depth = 0
        start = True  # at the start of a column or constraint definition
        integer_pk = False
        after_name = False
        seen_type = False
        for i in range(open_ + 1, close):
            t = toks[i]
            if t.kind == "op" and t.text == "(":
                depth += 1
            elif t.kind == "op" and t.text == ")":
                depth -= 1
            if depth == 0 and t.kind == "op" and t.text == ",":
                start, after_name, seen_type = True, False, False
                out.append(t)
                continue
            if t.kind == "ws" or depth > 0:
                out.append(t)
                continue
            if start:
                start = False
                if t.up in _CONSTRAINTS:
                    after_name = False
                    seen_type = True
                else:
                    after_name = True
                out.append(t)
                continue
            if after_name and not seen_type and t.kind == "word":
                seen_type = True
                after_name = False
                if t.up == "INTEGER" and self._integer_pk(toks, i, close):
                    integer_pk = True
                    out.append(Tok("word", "BIGINT GENERATED BY DEFAULT AS IDENTITY"))
                    continue
                out.append(Tok("word", _TYPES.get(t.up, t.text)))
                continue
            if t.up == "AUTOINCREMENT":
                continue
            out.append(t)
        tail = toks[close:]
        without_rowid = False
        j = _sig(tail, 1)
        if j < len(tail) and tail[j].up == "WITHOUT":
            k = _sig(tail, j + 1)
            tail = tail[:j] + tail[k + 1 :]
            without_rowid = True
        if not without_rowid and not integer_pk:
            # SQLite's implicit rowid (insertion order, renewed by INSERT OR REPLACE).
            out.append(Tok("op", ",\n    rowid BIGINT GENERATED BY DEFAULT AS IDENTITY"))
        return out + tail

    @staticmethod
    def _integer_pk(toks: list[Tok], i: int, close: int) -> bool:
        """`INTEGER PRIMARY KEY`: SQLite's alias for the rowid, numbered when omitted."""
        j = _sig(toks, i + 1)
        k = _sig(toks, j + 1)
        return j < close and k < close and toks[j].up == "PRIMARY" and toks[k].up == "KEY"

    def _alter_table(self, toks: list[Tok]) -> list[Tok]:
        words = [i for i, t in enumerate(toks) if t.kind not in ("ws",)]
        ups = [toks[i].up for i in words]
        if "ADD" not in ups:
            return toks
        k = ups.index("ADD") + 1
        if k < len(ups) and ups[k] == "COLUMN":
            k += 1
        if k + 1 < len(words):
            i = words[k + 1]
            toks = list(toks)
            toks[i] = Tok("word", _TYPES.get(toks[i].up, toks[i].text))
        return toks

    # -- expressions ------------------------------------------------------------------------
    def _expressions(self, toks: list[Tok]) -> list[Tok]:
        out: list[Tok] = []
        i = 0
        alias = 0
        while i < len(toks):
            t = toks[i]
            up = t.up
            if t.kind == "word" and up == "IS":
                j = _sig(toks, i + 1)
                neg = j < len(toks) and toks[j].up == "NOT"
                k = _sig(toks, j + 1) if neg else j
                if k < len(toks) and toks[k].up not in _IS_KEEP:
                    out.append(Tok("word", "IS DISTINCT FROM" if neg else
                                   "IS NOT DISTINCT FROM"))
                    i = k
                    out.append(Tok("ws", " "))
                    continue
            if t.kind == "word" and up == "LIKE":
                out.append(Tok("word", "ILIKE"))
                i += 1
                continue
            if t.kind == "word" and up == "WHERE":
                j = _sig(toks, i + 1)
                k = _sig(toks, j + 1)
                if (j < len(toks) and toks[j].kind == "num" and toks[j].text in ("0", "1")
                        and (k >= len(toks) or toks[k].up in (
                            "AND", "OR", "ORDER", "GROUP", "LIMIT", ")", ";"))):
                    out.append(t)
                    out.append(Tok("ws", " "))
                    out.append(Tok("word", "TRUE" if toks[j].text == "1" else "FALSE"))
                    i = j + 1
                    continue
            if t.kind == "word":
                j = _sig(toks, i + 1)
                if j < len(toks) and toks[j].kind == "op" and toks[j].text == "(":
                    prev = _prev_sig(toks, i)
                    is_call = prev < 0 or toks[prev].up not in ("AS", "TABLE", "INTO", "ON",
                                                                 "EXISTS", "REFERENCES")
                    if is_call and up in ("MAX", "MIN", "DATE", "ROUND", *_RENAME):
                        close = _close(toks, j)
                        inner = self._expressions(toks[j + 1 : close])
                        call = self._call(up, t.text, [Tok("op", "("), *inner, Tok("op", ")")])
                        if call is not None:
                            out.extend(call)
                            i = close + 1
                            continue
            if t.kind == "word" and up == "ORDER":
                j = _sig(toks, i + 1)
                if j < len(toks) and toks[j].up == "BY":
                    out.append(t)
                    out.extend(toks[i + 1 : j + 1])
                    end = self._order_end(toks, j + 1)
                    out.extend(self._order_items(self._expressions(toks[j + 1 : end])))
                    i = end
                    continue
            if t.kind == "word" and up in ("FROM", "JOIN"):
                j = _sig(toks, i + 1)
                if j < len(toks) and toks[j].kind == "op" and toks[j].text == "(":
                    close = _close(toks, j)
                    inner = self._expressions(toks[j + 1 : close])
                    out.append(t)
                    out.extend(toks[i + 1 : j + 1])
                    out.extend(inner)
                    out.append(toks[close])
                    k = _sig(toks, close + 1)
                    named = k < len(toks) and (toks[k].kind == "qid" or (
                        toks[k].kind == "word" and toks[k].up not in _NOT_ALIAS))
                    if not named:
                        alias += 1
                        out.append(Tok("word", f" AS _sub{alias}"))
                    i = close + 1
                    continue
            if t.kind == "op" and t.text == "(":
                # `IN ()` is valid SQLite (never true) but not PostgreSQL.
                j = _sig(toks, i + 1)
                prev = _prev_sig(toks, i)
                if j < len(toks) and toks[j].text == ")" and prev >= 0 and toks[prev].up == "IN":
                    while out and out[-1].kind == "ws":
                        out.pop()
                    out.pop()  # IN
                    while out and out[-1].kind == "ws":
                        out.pop()
                    negated = bool(out) and out[-1].up == "NOT"
                    if negated:
                        out.pop()
                        while out and out[-1].kind == "ws":
                            out.pop()
                    # An empty array takes the left side's type, as `IN ()` needs none.
                    out.append(Tok("op", " <> ALL('{}')" if negated else " = ANY('{}')"))
                    i = j + 1
                    continue
            out.append(t)
            i += 1
        return out

    def _call(self, up: str, name: str, paren: list[Tok]) -> list[Tok] | None:
        args = _args(paren, 0, len(paren) - 1)
        if up in ("MAX", "MIN"):
            if len(args) < 2:
                return None
            return [Tok("word", "greatest" if up == "MAX" else "least"), *paren]
        if up == "DATE":
            if not args:
                return None
            day = _text(args[0]).strip()
            base = "CURRENT_DATE" if day.lower() == "'now'" else f"CAST({day} AS date)"
            for mod in args[1:]:
                base = f"({base} + CAST({_text(mod).strip()} AS interval))"
            return [Tok("word", f"to_char({base}, 'YYYY-MM-DD')")]
        if up == "ROUND":
            if len(args) != 2:
                return None
            return [Tok("word", f"round(CAST({_text(args[0]).strip()} AS numeric),"
                                f" {_text(args[1]).strip()})")]
        if up == "GROUP_CONCAT" and len(args) == 1:
            return [Tok("word", f"string_agg(CAST({_text(args[0]).strip()} AS text), ',')")]
        return [Tok("word", _RENAME[up]), *paren]

    @staticmethod
    def _order_end(toks: list[Tok], i: int) -> int:
        depth = 0
        while i < len(toks):
            t = toks[i]
            if t.kind == "op" and t.text == "(":
                depth += 1
            elif t.kind == "op" and t.text == ")":
                if depth == 0:
                    return i
                depth -= 1
            elif depth == 0 and (t.up in _ORDER_END or (t.kind == "op" and t.text == ";")):
                return i
            i += 1
        return i

    def _order_items(self, toks: list[Tok]) -> list[Tok]:
        """SQLite sorts NULLs as the smallest value; PostgreSQL as the largest."""
        parts = []
        for item in _args([Tok("op", "("), *toks, Tok("op", ")")], 0, len(toks) + 1):
            words = [t for t in item if t.kind not in ("ws", "comment")]
            ups = [t.up for t in words]
            text = _text(item).strip()
            if "NULLS" in ups or not self._nullable(words):
                parts.append(text)
            else:
                parts.append(f"{text} {'NULLS LAST' if ups[-1] == 'DESC' else 'NULLS FIRST'}")
        return [Tok("word", " " + ", ".join(parts) + " ")]

    def _nullable(self, words: list[Tok]) -> bool:
        """An ORDER BY item might be NULL unless it is a column NOT NULL in every table."""
        core = [t for t in words if t.up not in ("ASC", "DESC", "COLLATE")]
        if len(core) == 1 and core[0].kind == "word":
            name = core[0].text.lower()
        elif len(core) == 3 and core[1].text == "." and core[2].kind == "word":
            name = core[2].text.lower()
        elif len(core) == 1 and core[0].kind == "num":
            return True
        else:
            return True
        return name not in self._catalog(None).not_null

    # -- INSERT OR IGNORE / OR REPLACE, lastrowid -----------------------------------------------
    def _insert(self, toks: list[Tok]) -> tuple[list[Tok], str | None]:
        sig = [i for i, t in enumerate(toks) if t.kind not in ("ws",)]
        ups = [toks[i].up for i in sig]
        mode = ""
        if ups[0] == "REPLACE":
            mode = "REPLACE"
            drop = {sig[0]}
            head = [Tok("word", "INSERT")]
        elif len(ups) > 2 and ups[1] == "OR":
            mode = ups[2]
            drop = {sig[0], sig[1], sig[2]}
            head = [Tok("word", "INSERT")]
        else:
            drop = set()
            head = []
        if mode not in ("", "IGNORE", "REPLACE"):
            raise TranslationError(f"INSERT OR {mode} has no automatic PostgreSQL form")
        body = head + [t for i, t in enumerate(toks) if i not in drop]
        into = next(i for i, t in enumerate(body) if t.up == "INTO")
        ti = _sig(body, into + 1)
        table = body[ti].text.strip('"').lower()
        info = self._catalog(table).tables.get(table)
        # The end of the statement, before any RETURNING clause.
        end = len(body)
        while (end and body[end - 1].kind in ("ws",)) or (end and body[end - 1].text == ";"):
            end -= 1
        ret = next((i for i, t in enumerate(body) if t.up == "RETURNING"), None)
        cut = ret if ret is not None else end
        clause = ""
        if mode == "IGNORE":
            clause = " ON CONFLICT DO NOTHING"
        elif mode == "REPLACE":
            if info is None or not info.primary_key:
                raise TranslationError(f"INSERT OR REPLACE into {table}: no primary key known")
            cols = self._insert_columns(body, ti, info)
            pk = set(info.primary_key)
            sets = [f"{c} = EXCLUDED.{c}" for c in cols if c not in pk]
            # REPLACE deletes the old row: columns not given take their defaults again.
            sets += [f"{c} = DEFAULT" for c in info.columns if c not in pk and c not in cols]
            clause = (f" ON CONFLICT ({', '.join(info.primary_key)}) DO "
                      + (f"UPDATE SET {', '.join(sets)}" if sets else "NOTHING"))
        if info is not None and mode == "":
            body = self._qualify_upsert(body, table, info)
            end = len(body)
            while end and (body[end - 1].kind == "ws" or body[end - 1].text == ";"):
                end -= 1
            ret = next((i for i, t in enumerate(body) if t.up == "RETURNING"), None)
            cut = ret if ret is not None else end
        returning = None
        if ret is None and info is not None and info.identity:
            returning = info.identity
        tail = [Tok("word", clause)] if clause else []
        if returning:
            tail.append(Tok("word", f" RETURNING {returning}"))
        return body[:cut] + tail + body[cut:end], returning

    @staticmethod
    def _qualify_upsert(body: list[Tok], table: str, info: Table) -> list[Tok]:
        """In `ON CONFLICT ... DO UPDATE SET a = max(a, excluded.a)` SQLite reads a bare `a` as
        the existing row's; PostgreSQL calls it ambiguous: qualify it with the table."""
        ups = [t.up for t in body]
        try:
            start = next(i for i in range(len(body) - 2) if ups[i] == "DO"
                         and ups[_sig(body, i + 1)] == "UPDATE")
        except StopIteration:
            return body
        cols = set(info.columns)
        out = body[:start]
        for i in range(start, len(body)):
            t = body[i]
            if t.kind == "word" and t.text.lower() in cols:
                p, n = _prev_sig(body, i), _sig(body, i + 1)
                before = body[p].text if p >= 0 else ""
                after = body[n].text if n < len(body) else ""
                target = after == "=" and (before == "," or body[p].up == "SET")
                if before != "." and after not in ("(", ".") and not target:
                    out.append(Tok("word", f"{table}.{t.text}"))
                    continue
            out.append(t)
        return out

    @staticmethod
    def _insert_columns(body: list[Tok], ti: int, info: Table) -> list[str]:
        j = _sig(body, ti + 1)
        if j < len(body) and body[j].text == "(":
            close = _close(body, j)
            return [_text(a).strip().strip('"').lower() for a in _args(body, j, close)]
        # No column list: VALUES (...) fills the first N columns.
        v = next((i for i, t in enumerate(body) if t.up == "VALUES"), None)
        if v is None:
            return list(info.columns)
        o = _sig(body, v + 1)
        n = len(_args(body, o, _close(body, o)))
        return info.columns[:n]

    # -- parameters -------------------------------------------------------------------------
    @staticmethod
    def _params(toks: list[Tok]) -> list[Tok]:
        """`?` and `?NNN` to `$n`: SQLite numbers a bare `?` one past the largest so far, and
        `?1` used twice is one parameter, as `$1` is."""
        out: list[Tok] = []
        largest = 0
        for t in toks:
            if t.kind != "param":
                out.append(t)
                continue
            n = int(t.text[1:]) if len(t.text) > 1 else largest + 1
            largest = max(largest, n)
            out.append(Tok("param", f"${n}"))
        return out


def like_escape(text: str) -> str:
    """`text` as a literal inside a LIKE pattern written with `ESCAPE '\\'`."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_in_json(text: str) -> str:
    """A pattern (for `LIKE ? ESCAPE '\\'`) finding `text` inside a JSON column, where it is
    stored as json.dumps writes it: "Szijjártó" as "Szijj\\u00e1rt\\u00f3"."""
    return f"%{like_escape(json.dumps(text)[1:-1])}%"
