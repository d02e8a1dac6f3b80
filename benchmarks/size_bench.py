"""Indexing time against the size of one file, and near-duplicate lookup against meeting size.

    .venv/bin/python benchmarks/size_bench.py [--sizes 0.25,0.5,1,2] [--no-19] [--db URL]

Part 1 writes one generated readout file per size (0.25, 0.5, 1, 2 MB and, unless --no-19, 19 MB:
just under the 20 MB cap), each made of consecutive articles of benchmarks/corpus_gen.py (real
seed paragraphs with speakers, places and verbs swapped), and indexes each into a fresh store in
this process. It prints seconds, seconds per MB, and that ratio against the 0.25 MB file of the
same run: flat ratios mean time proportional to size (the issue measured 1.5 / 4.7 / 17.4 / 67 s
for 0.25 / 0.5 / 1 / 2 MB, and no end at 19 MB in 300 s; its bar is 2 MB in under 10 s). It then
indexes 2 MB of distinct statements and another outlet's rewrite of it (same meeting, verbs
swapped), whose every sentence is looked up among the first file's 10,000 statements.

Part 2 looks up 200 reprinted sentences in a meeting of 1,000 / 4,000 / 16,000 statements with:
brute force (score every statement: the reference), the matcher before this change (an inverted
index whose postings of common words hold most of the meeting), the exact prefix-filtered index and
MinHash LSH of bot/meetings/duplicates.py on their own, and the matcher as it runs (the exact
index below EXACT_BELOW statements, LSH above). For each: seconds to build, ms per lookup and
how many answers differ from brute force.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus_gen import VERBS, load_seeds, make_article  # noqa: E402

from bot.meetings import duplicates as dup  # noqa: E402
from bot.pipeline.analyse import Pipeline  # noqa: E402
from bot.pipeline.ingest import index_sources  # noqa: E402
from bot.store import Store  # noqa: E402

HEADER = " date 2024-12-25 Wang Yi holds phone talks with Cho Tae-yul\n\n"


def readout_text(megabytes: float, start: int = 0) -> str:
    """About `megabytes` of readout paragraphs, one file (the same bytes for the same size)."""
    seeds = load_seeds()
    target = int(megabytes * 1024 * 1024)
    out = [HEADER]
    size, i = len(HEADER), start
    while size < target:
        for p in make_article(i, seeds)["paragraphs"]:  # type: ignore[union-attr]
            out.append(p + "\n\n")
            size += len(p.encode()) + 2
        i += 1
    return "".join(out)


def rewrite(text: str) -> str:
    """Another outlet's copy: the reporting verbs swapped, the agency renamed."""
    for a, b in VERBS:
        text = re.sub(rf"\b{a}\b", b, text)
    return text.replace("(Xinhua)", "(CGTN)")


def open_store(db: str | None, tmp: Path, name: str) -> Store:
    if db is None:
        return Store(tmp / f"{name}.db")
    import psycopg

    from bot.store.postgres import with_schema

    schema = f"size_{name}_{int(time.time() * 1000) % 10**9}"
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return Store(with_schema(db, schema))  # type: ignore[arg-type]


def bench_sizes(sizes: list[float], db: str | None) -> None:
    pipeline = Pipeline()
    print("\n## one file of readout text, indexed into a fresh store")
    print(f"{'MB':>6} {'statements':>10} {'seconds':>8} {'s/MB':>6} {'vs 0.25 MB':>10}")
    base: float | None = None
    with tempfile.TemporaryDirectory(prefix="size-bench-") as t:
        tmp = Path(t)
        for mb in sizes:
            path = tmp / f"readout-{mb}mb.txt"
            path.write_text(readout_text(mb), encoding="utf-8")
            real_mb = path.stat().st_size / 2**20
            store = open_store(db, tmp, f"s{str(mb).replace('.', '_')}")
            t0 = time.perf_counter()
            report = index_sources(store, [str(path)], pipeline=pipeline, workers=0)
            took = time.perf_counter() - t0
            assert not report.rejected, report.rejected
            per_mb = took / real_mb
            base = per_mb if base is None else base
            print(f"{real_mb:6.2f} {report.new_statements:10d} {took:8.2f} {per_mb:6.2f}"
                  f" {per_mb / base:9.2f}x")
        # A second report of one huge meeting: 2 MB of distinct statements, then another
        # outlet's rewrite of it, whose every sentence is looked up among the first's. (The
        # files above repeat the seeds' few hundred sentences, which would measure the
        # repetition: every sentence there has a hundred true near-duplicates.)
        first = tmp / "meeting-2mb.txt"
        lead = readout_text(0.001).split("\n\n")[1]
        rng = random.Random(3)
        paras, size = [HEADER, lead + "\n\n"], 0
        while size < 2 * 2**20:
            para = " ".join(distinct_statements(3, rng)) + "\n\n"
            paras.append(para)
            size += len(para.encode())
        first.write_text("".join(paras), encoding="utf-8")
        copy = tmp / "meeting-2mb-cgtn.txt"
        copy.write_text(rewrite(first.read_text(encoding="utf-8")), encoding="utf-8")
        store = open_store(db, tmp, "meeting")
        for label, path in (("2 MB of distinct statements", first),
                            ("another outlet's rewrite of it", copy)):
            t0 = time.perf_counter()
            report = index_sources(store, [str(path)], pipeline=pipeline, workers=0)
            took = time.perf_counter() - t0
            print(f"{label}: {took:.2f} s; {report.new_statements} new statements,"
                  f" {report.merged_statements} merged into earlier ones")


# -- part 2: lookups ----------------------------------------------------------------------------
class MatcherBefore:
    """The matcher before this change (bot/meetings/merge.py at 722341e), for comparison:
    postings of every content word, counted for every statement sharing any word."""

    def __init__(self, existing: Iterable[tuple[int, str, str | None]]) -> None:
        self._items: list[tuple[int, dup.Shingles, str | None]] = []
        self._postings: dict[str, list[int]] = {}
        for sid, text, speaker in existing:
            sh = dup.Shingles.of(text)
            self._items.append((sid, sh, speaker))
            for w in sh.content:
                self._postings.setdefault(w, []).append(len(self._items) - 1)

    def match(self, text: str, speaker: str | None) -> int | None:
        sh = dup.Shingles.of(text)
        shared: Counter[int] = Counter()
        for w in sh.content:
            shared.update(self._postings.get(w, ()))
        best_sid, best = None, 0.0
        for pos, n in shared.items():
            sid, other, other_speaker = self._items[pos]
            if n < (2 * dup.SAME_STATEMENT - 1) * min(len(sh.content), len(other.content)):
                continue
            if not dup.speakers_compatible(speaker, other_speaker):
                continue
            score = dup.similarity(sh, other)
            if score >= dup.SAME_STATEMENT and (score > best or (score == best and sid < best_sid)):
                best_sid, best = sid, score
        return best_sid


def brute_force(shingled: list[tuple[int, dup.Shingles]], text: str) -> int | None:
    """Score every statement (shingled beforehand); dup.brute_force_best without speakers."""
    sh = dup.Shingles.of(text)
    best_sid, best = None, 0.0
    for sid, other in shingled:
        score = dup.similarity(sh, other)
        if score >= dup.SAME_STATEMENT and (score > best or (score == best and sid < best_sid)):
            best_sid, best = sid, score
    return best_sid


def exact(existing: list[tuple[int, str, str | None]]) -> dup.StatementMatcher:
    return dup.StatementMatcher(existing, exact_below=10**9)


def lsh(existing: list[tuple[int, str, str | None]]) -> dup.StatementMatcher:
    return dup.StatementMatcher(existing, exact_below=0)


def vocabulary() -> list[str]:
    """Words of the project's own data (seeds, themes, registry, digest phrase lists)."""
    files = [*(ROOT / "seeds").glob("*.txt"), *(ROOT / "bot").glob("*/data/*.toml"),
             *(ROOT / "digests" / "data").glob("*")]
    words = {w for f in files for w in re.findall(r"[a-z]{4,}", f.read_text().lower())}
    return sorted(words - dup.STOP)


def distinct_statements(n: int, rng: random.Random) -> list[str]:
    """n statements shaped like readout sentences but about different things, as a meeting's
    statements are once reprints have merged: seed sentences with half their content words
    replaced by words of the project's data."""
    seeds = [s for f in sorted((ROOT / "seeds").glob("*.txt"))
             for s in re.split(r"(?<=[.!?])\s+", f.read_text()) if len(s) > 60]
    vocab = vocabulary()
    out = []
    for _ in range(n):
        words = rng.choice(seeds).split()
        out.append(" ".join(rng.choice(vocab) if w.lower() not in dup.STOP and
                            rng.random() < 0.5 else w for w in words))
    return out


def reprint(text: str, rng: random.Random) -> str:
    for a, b in VERBS:
        if rng.random() < 0.3:
            text = re.sub(rf"\b{a}\b", b, text)
    words = text.split()
    if rng.random() < 0.3 and len(words) > 10:
        words = words[rng.randrange(1, len(words) // 3):]  # a trimmed lead
    return " ".join(words)


def bench_lookups(meeting_sizes: list[int], queries: int = 200) -> None:
    print(f"\n## {queries} lookups of reprinted sentences in one meeting")
    print(f"{'statements':>10} {'method':<16} {'build s':>8} {'ms/lookup':>9} {'vs brute':>8}"
          f" {'differ':>6}")
    rng = random.Random(12)
    pool = distinct_statements(max(meeting_sizes) + queries, rng)
    for n in meeting_sizes:
        existing = [(i, s, None) for i, s in enumerate(pool[:n])]
        # half reprints of the meeting's statements, half sentences it does not hold
        asked = [reprint(rng.choice(existing)[1], rng) for _ in range(queries // 2)]
        asked += [reprint(s, rng) for s in pool[-(queries - len(asked)):]]
        shingled = [(sid, dup.Shingles.of(t)) for sid, t, _ in existing]
        t0 = time.perf_counter()
        want = [brute_force(shingled, q) for q in asked]
        brute = (time.perf_counter() - t0) / len(asked)
        print(f"{len(existing):10d} {'brute force':<16} {0.0:8.2f} {1000 * brute:9.3f}"
              f" {1.0:7.2f}x {0:6d}   ({sum(w is not None for w in want)} matches)")
        methods = (("before (merge)", MatcherBefore), ("exact index", exact),
                   ("MinHash LSH", lsh), ("now (switches)", dup.StatementMatcher))
        for name, cls in methods:
            t0 = time.perf_counter()
            m = cls(existing)
            built = time.perf_counter() - t0
            t0 = time.perf_counter()
            got = [m.match(q, None) for q in asked]
            per = (time.perf_counter() - t0) / len(asked)
            differ = sum(g != w for g, w in zip(got, want, strict=True))
            print(f"{'':10} {name:<16} {built:8.2f} {1000 * per:9.3f} {per / brute:7.2f}x"
                  f" {differ:6d}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="0.25,0.5,1,2", help="MB, comma-separated")
    ap.add_argument("--no-19", dest="big", action="store_false",
                    help="skip the 19 MB file (about 20 s)")
    ap.add_argument("--meetings", default="1000,4000,16000",
                    help="meeting sizes for the lookup part (statements)")
    ap.add_argument("--db", default=None, help="a postgresql:// URL (default: SQLite files)")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")] + ([19.0] if args.big else [])
    print(f"# {datetime.now(UTC):%Y-%m-%d %H:%M} UTC  {' '.join(sys.argv)}")
    bench_sizes(sizes, args.db)
    bench_lookups([int(n) for n in args.meetings.split(",")])
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
