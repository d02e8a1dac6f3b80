"""Search over statements: the query language (query.py) on a derived index (index.py).

Contract: `search(store, query, limit, offset)` returns a `SearchResult` whose hits are
statement dicts in the `readout export` shape and whose `total` is the exact number of
matches; `sync_index(store)` applies the store's search journal to the index;
`rebuild_index(store)` rebuilds it from the store; `follow(store)` starts a thread that keeps
this machine's index caught up with the journal (app servers). Unknown themes, speakers or sides
and bad dates raise QueryError with a one-line message naming the valid values.

Ranking: statements with text terms are ordered by (round(BM25 score, 3) desc, event date desc,
ingest order desc); a query of filters only lists its matches newest first.

May import: the bot root, `registry`, `analysis`, `store`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.analysis.themes import default_taxonomy
from bot.errors import QueryError
from bot.search.index import READER_ROWS, follow, followed, index_for
from bot.search.query import ParsedQuery, parse_query
from bot.search.resolve import UnknownSpeaker, Vocabulary, resolve
from bot.store import Store

MAX_LIMIT = 1000
# Paging past this is not reading results; and the engine's own counters overflow on numbers
# near 2**63 (tantivy panics), so a forged button value or a typo'd --offset stops here.
MAX_OFFSET = 100_000

__all__ = ["MAX_OFFSET", "ParsedQuery", "SearchResult", "check_offset", "follow", "parse_query",
           "rebuild_index", "search", "sync_index"]


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[dict[str, Any]]
    filters: dict[str, Any] = field(default_factory=dict)


def sync_index(store: Store) -> int:
    """Bring the index up to date with the store; returns the journal rows applied."""
    idx = index_for(store)
    idx.open()
    return idx.sync()


def rebuild_index(store: Store) -> int:
    """Throw the index away and rebuild it from SQLite; returns the statements indexed."""
    return index_for(store).rebuild()


def _store_speakers(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute(
        "SELECT DISTINCT speaker FROM statements WHERE speaker IS NOT NULL"
    )]


_BASE: list[Vocabulary] = []


def _current(vocab: Vocabulary | None) -> Vocabulary | None:
    """A vocabulary built before the taxonomy was reloaded (a new READOUT_THEMES) is stale."""
    return vocab if vocab is not None and vocab.taxonomy is default_taxonomy() else None


def _base_vocabulary() -> Vocabulary:
    if not _BASE or _current(_BASE[0]) is None:
        _BASE[:] = [Vocabulary.build([])]
    return _BASE[0]


def check_offset(offset: int) -> int:
    """The offset if it is one a reader can page to; QueryError (one line) otherwise."""
    if not 0 <= offset <= MAX_OFFSET:
        raise QueryError(f"offset {offset} is out of range: use 0 to {MAX_OFFSET:,}")
    return offset


def search(store: Store, query: str, limit: int = 10, offset: int = 0) -> SearchResult:
    offset = check_offset(int(offset))
    parsed = parse_query(query)
    idx = index_for(store)
    backend = idx.open()
    if not followed(idx):
        # No follower keeps this index (a CLI process): apply a little of any backlog, never
        # waiting for another thread that is applying it.
        idx.sync(limit=READER_ROWS, wait=False)
        backend = idx.open()
    if not parsed.speakers:
        # The store's distinct speakers (a full index scan) are only needed to check speakers.
        engine_query, filters = resolve(parsed, _current(idx.vocabulary) or _base_vocabulary())
    else:
        try:
            vocab = _current(idx.vocabulary) or Vocabulary.build(_store_speakers(store))
            engine_query, filters = resolve(parsed, vocab)
        except UnknownSpeaker:
            # Another process may have added the speaker since our names were read.
            vocab = Vocabulary.build(_store_speakers(store))
            engine_query, filters = resolve(parsed, vocab)
        idx.vocabulary = vocab
    limit = max(0, min(int(limit), MAX_LIMIT))
    result = backend.search(engine_query, limit, offset)
    found = store.statements_by_sid(result.sids)
    hits = [found[sid] for sid in result.sids if sid in found]
    return SearchResult(query, result.total, hits, filters)
