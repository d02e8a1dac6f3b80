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


def test_hostile_files_in_worker_processes_are_named_and_the_run_goes_on(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 14)  # 70 files: a pool
    story = ("<p>China and South Korea should deepen cooperation on supply chains, Chinese "
             "Foreign Minister Wang Yi said Monday in talks with Cho Hyun.</p>")
    (corpus / "000_deep.html").write_text("<html><body>" + "<div>" * 20_000 + story
                                          + "</div>" * 20_000 + "</body></html>")
    (corpus / "001_deep.jsonl").write_text("[" * 5000 + "]" * 5000 + "\n")
    (corpus / "002_tags.html").write_text("<b>" * 500_000)
    report = index_sources(Store(tmp_path / "p.db"), [str(corpus)], workers=2)
    reasons = {Path(s).name: r for s, r in report.rejected}
    assert set(reasons) == {"001_deep.jsonl", "002_tags.html"}
    assert "nested too deeply" in reasons["001_deep.jsonl"]
    assert "over the 400,000 cap" in reasons["002_tags.html"]
    assert report.added == 71  # the deep page and every file after the bad ones
