"""`readout reindex`: rebuild the derived search index from SQLite, or just catch it up."""

from __future__ import annotations

import argparse
import time
from typing import Any

from bot.cli.common import open_store


def register(sub: Any) -> None:
    p = sub.add_parser(
        "reindex",
        help="rebuild the search index from the database (it is derived and disposable)",
    )
    p.add_argument("--sync", action="store_true",
                   help="only apply pending changes instead of rebuilding")
    p.set_defaults(func=cmd_reindex)


def cmd_reindex(args: argparse.Namespace) -> int:
    from bot.search import rebuild_index, sync_index
    from bot.search.index import index_for

    store = open_store(args)
    t0 = time.perf_counter()
    if args.sync:
        n = sync_index(store)
        print(f"search index: applied {n} pending changes in {time.perf_counter() - t0:.1f} s")
        return 0
    n = rebuild_index(store)
    idx = index_for(store)
    where = idx.directory if idx.directory is not None else "memory"
    print(f"search index ({idx.engine}) rebuilt: {n} statements in"
          f" {time.perf_counter() - t0:.1f} s, at {where}")
    return 0
