"""Search over statements (placeholder: the search helper replaces this with the real engine).

Contract: `search(store, query, limit, offset)` returns a `SearchResult` whose hits are
statement dicts in the `readout export` shape; `sync_index(store)` applies the store's search
journal to the derived index; `QueryError` for unknown themes/speakers/sides or bad dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.store import Store


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[dict[str, Any]]
    filters: dict[str, Any] = field(default_factory=dict)


def sync_index(store: Store) -> int:
    rows = store.journal()
    if rows:
        store.clear_journal(rows[-1][0])
    return len(rows)


def search(store: Store, query: str, limit: int = 10, offset: int = 0) -> SearchResult:
    like = f"%{query}%"
    hits = list(store.iter_statements("s.text LIKE ?", (like,)))
    return SearchResult(query, len(hits), hits[offset : offset + limit])
