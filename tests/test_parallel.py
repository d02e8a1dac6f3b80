"""Indexing with worker processes stores exactly what a serial run stores, in the same order."""

from __future__ import annotations

from pathlib import Path

from test_ingest_crash import make_corpus

from bot.pipeline.ingest import index_sources
from bot.store import Store

FIELDS = ("id", "text", "speaker", "side", "event_date", "themes", "meeting", "sources")


def exported(store: Store) -> list[tuple]:
    return [tuple(str(s[k]) for k in FIELDS) for s in store.iter_statements(order="s.sid")]


def test_parallel_index_equals_serial(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 16)  # 80 files: above the threshold for a pool
    (corpus / "zz_empty.txt").write_bytes(b"")
    serial, parallel = Store(tmp_path / "s.db"), Store(tmp_path / "p.db")
    a = index_sources(serial, [str(corpus)], workers=0)
    b = index_sources(parallel, [str(corpus)], workers=2)
    assert a.as_dict() == b.as_dict()
    assert a.added == 80 and [r for r, _ in b.rejected] == [str(corpus / "zz_empty.txt")]
    assert exported(serial) == exported(parallel)
    assert serial.meetings() == parallel.meetings()
