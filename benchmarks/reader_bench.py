"""How long `readout search` (a new process each time, as a user runs it) takes while
`readout index` runs on the same database, against the same search with nothing running.

    .venv/bin/python benchmarks/corpus_gen.py 10000
    .venv/bin/python benchmarks/reader_bench.py bench-data/corpus-10000 [--limit 3000]
        [--db postgresql://…] [--root /path/to/another/checkout]

`--root` runs another checkout's code (e.g. the main branch, for a before/after) with this
interpreter; the database and its index live in a temporary directory (or --db). The searches
run one after another for as long as the index run lasts; each is timed from process start to
exit. The issue measured 74.7 s for one search during a 10k-article run before readers stopped
applying the index run's whole journal themselves.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["supply chains speaker:wang", "taiwan since:2024", '"strategic cooperative"',
           "theme:trade side:korea", "cooperation"]


def timed_search(root: Path, db: str, q: str, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bot.cli", "--db", db, "search", q, "--limit", "5"],
                   env=env, cwd=root, capture_output=True, check=True, timeout=3600)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=3000, help="files to index (default 3000)")
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout whose code runs")
    ap.add_argument("--db", default=None, help="database (default: a fresh SQLite file)")
    args = ap.parse_args()
    files = sorted(p for p in args.corpus.rglob("*") if p.suffix in (".txt", ".html"))
    if not files:
        print(f"no corpus at {args.corpus}: run benchmarks/corpus_gen.py first")
        return 2
    work = Path(tempfile.mkdtemp(prefix="reader-bench-"))
    corpus = work / "corpus"
    corpus.mkdir()
    for f in files[: args.limit]:
        os.symlink(f.resolve(), corpus / f.name)
    db = args.db or str(work / "r.db")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("READOUT_")},
           "PYTHONPATH": str(args.root), "READOUT_INDEX_DIR": str(work / "index")}
    if args.db is None:
        env.pop("READOUT_INDEX_DIR")  # beside the file, as both versions put it
    print(f"# {datetime.now(UTC):%Y-%m-%d %H:%M} UTC  {' '.join(sys.argv)}")
    try:
        subprocess.run([sys.executable, "-m", "bot.cli", "--db", db, "index",
                        str(args.root / "seeds")], env=env, cwd=args.root, check=True,
                       capture_output=True)
        idle = [timed_search(args.root, db, q, env) for q in QUERIES]
        writer = subprocess.Popen([sys.executable, "-m", "bot.cli", "--db", db, "index",
                                   str(corpus)], env=env, cwd=args.root,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t0 = time.perf_counter()
        during: list[float] = []
        i = 0
        while writer.poll() is None:
            during.append(timed_search(args.root, db, QUERIES[i % len(QUERIES)], env))
            i += 1
        run = time.perf_counter() - t0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"code: {args.root}   index run: {len(files[: args.limit])} files in {run:.0f} s")
    mid = sorted(idle)[len(idle) // 2]
    print(f"readout search, idle:         n={len(idle):>3}  median {mid:6.2f} s"
          f"  max {max(idle):6.2f} s")
    if during:
        print(f"readout search, during index: n={len(during):>3}  median"
              f" {sorted(during)[len(during) // 2]:6.2f} s  max {max(during):6.2f} s")
        print(f"max during / median idle: {max(during) / mid:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
