"""Shared by the report-shape tests: index the same files in a given order, read the meetings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.pipeline.ingest import index_sources
from bot.store import Store


def meetings_in_order(tmp_path: Path, files: dict[str, str], order: list[str]
                      ) -> list[dict[str, Any]]:
    """Write `files` once, index them in `order` (one run, a fresh database per order) and
    return the meetings."""
    for name, text in files.items():
        if not (tmp_path / name).exists():
            (tmp_path / name).write_text(text)
    store = Store(tmp_path / f"{order[0]}-{len(order)}.db")
    try:
        index_sources(store, [str(tmp_path / n) for n in order])
        return store.meetings()
    finally:
        store.close()
