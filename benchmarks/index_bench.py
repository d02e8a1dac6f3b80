"""Indexing throughput: Readout's full pipeline next to a bare beautifulsoup4+lxml parse.

    .venv/bin/python benchmarks/corpus_gen.py 10000
    .venv/bin/python benchmarks/index_bench.py bench-data/corpus-10000 [--limit 2000]

Both runs read the same files in the same process. "bare" reads each file and, for HTML, builds
the lxml soup and collects the <p> texts; for text files it splits paragraphs: the floor any
reader pays. "readout" is `bot.ingest.index_sources` into a fresh database (read, meetings,
attribution, themes, SQLite, search journal), then the search-index sync, timed separately.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bs4 import BeautifulSoup

import bot.search
from bot.pipeline.ingest import index_sources
from bot.search import sync_index
from bot.store import Store


def files_of(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".html"))
    return files[:limit] if limit else files


def bare_parse(files: list[Path]) -> int:
    paragraphs = 0
    for f in files:
        raw = f.read_text(encoding="utf-8")
        if f.suffix == ".html":
            soup = BeautifulSoup(raw, "lxml")
            paragraphs += sum(1 for p in soup.find_all("p") if p.get_text(strip=True))
        else:
            paragraphs += sum(1 for p in raw.split("\n\n") if p.strip())
    return paragraphs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, help="only the first N files (bounded runs)")
    ap.add_argument("--db", type=Path, help="keep the database here (default: a temp dir)")
    args = ap.parse_args()
    files = files_of(args.corpus, args.limit)
    print(f"# {datetime.now(UTC):%Y-%m-%d %H:%M} UTC  {' '.join(sys.argv)}")
    print(f"files: {len(files)}")

    t0 = time.perf_counter()
    bare_parse(files)
    bare = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        store = Store(db)
        # index_sources ends with the search-index sync; hold it back to time it apart.
        real_sync = bot.search.sync_index
        bot.search.sync_index = lambda store: 0
        try:
            t0 = time.perf_counter()
            report = index_sources(store, [str(f) for f in files])
            pipeline = time.perf_counter() - t0
        finally:
            bot.search.sync_index = real_sync
        t0 = time.perf_counter()
        sync_index(store)
        sync = time.perf_counter() - t0
        full = pipeline + sync
        counts = store.counts()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(files)
    print(f"bare bs4+lxml parse : {n / bare:8.1f} articles/s  ({bare:.1f} s)")
    print(f"readout index       : {n / full:8.1f} articles/s  ({full:.1f} s: pipeline+SQLite"
          f" {pipeline:.1f} s, search-index sync {sync:.1f} s)")
    print(f"ratio readout/bare time: {full / bare:.2f}x  (aim <= 1.5x)")
    print(f"stored: {counts}  rejected: {len(report.rejected)}")
    for source, reason in report.rejected[:5]:
        print(f"  rejected {source}: {reason}")
    print(f"peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
