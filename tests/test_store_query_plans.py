"""Indexing one more report reads the rows near it, not the whole store (SQLite's query plans).

A statement that scans every statement or every article for each report indexed makes indexing
quadratic: on a generated 10,000-article corpus the sorted reference run of the order check
did not finish in 88 minutes. The plans are read for the statements actually run while
reports are indexed into a store that already holds others (benchmarks/index_bench.py
measures the time)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.pipeline.ingest import index_sources
from bot.store import Store

# SQLite's own planner and trace hook; PostgreSQL gets the same index from schema.sql
pytestmark = pytest.mark.sqlite_only

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def report(n: int) -> str:
    day = 3 + n
    return (f"Ministers talk trade\n\nBEIJING, March {day} (Xinhua) -- Chinese Foreign Minister"
            f" Wang Yi held talks with South Korean Foreign Minister Cho Tae-yul in Beijing on"
            f" March {day}, 2024.\n\nWang said the two sides should keep supply chains stable"
            f" and open, item {n}.\n\nCho said Seoul hoped for more exchanges of young people.\n")


def statements_run_while_indexing(tmp_path: Path) -> tuple[list[str], sqlite3.Connection]:
    store = Store(tmp_path / "s.db")
    index_sources(store, [str(SEEDS)])
    (tmp_path / "more").mkdir()
    for n in range(3):
        (tmp_path / "more" / f"r{n}.txt").write_text(report(n))
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    index_sources(store, [str(tmp_path / "more")], workers=1)
    store.conn.set_trace_callback(None)
    return seen, sqlite3.connect(tmp_path / "s.db")


def plan(raw: sqlite3.Connection, sql: str) -> list[str]:
    return [r[3] for r in raw.execute("EXPLAIN QUERY PLAN " + sql)]


def test_no_statement_run_for_a_report_scans_every_statement_or_article(
        tmp_path: Path) -> None:
    seen, raw = statements_run_while_indexing(tmp_path)
    queries = [q for q in seen if q.lstrip().upper().startswith(("SELECT", "DELETE", "UPDATE"))]
    assert any("FROM statements WHERE article_id" in q for q in queries)
    scans = [(step, q[:120]) for q in queries for step in plan(raw, q)
             if step.startswith("SCAN") and any(t in step for t in ("statements", "articles"))
             and "USING" not in step]
    assert scans == []


def test_reports_with_no_date_are_found_by_the_date_index(tmp_path: Path) -> None:
    # "month_day IS NULL" holds for almost every row: walking its index is a scan in disguise
    seen, raw = statements_run_while_indexing(tmp_path)
    undated = [q for q in seen if "event_date IS NULL" in q and "FROM articles" in q]
    assert undated
    for q in undated:
        assert any("articles_date" in step for step in plan(raw, q)), q[:200]
