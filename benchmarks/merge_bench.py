"""Cost of meeting merging at ingest: statement matching and whole-article ingest.

Prints, in one process: (1) near-duplicate lookup in a meeting of N statements with the
indexed `StatementMatcher` next to a plain scan scoring every statement (the baseline), and
(2) ingesting reports of one meeting into a store, per article, as the meeting grows.
Run: .venv/bin/python benchmarks/merge_bench.py [--statements 500] [--reports 200]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.meetings import merge
from bot.models import Article, IndexedArticle, MeetingInfo, Participant, Statement
from bot.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
VERBS = [("said", "noted"), ("should", "must"), ("stressed", "underlined"), ("two", "both")]


def seed_sentences() -> list[str]:
    out = []
    for f in sorted(SEEDS.glob("*.txt")):
        for line in f.read_text().splitlines():
            out += [s for s in re.split(r"(?<=[.!?])\s+", line.strip()) if len(s) > 40]
    return out


def vary(text: str, rng: random.Random) -> str:
    for a, b in VERBS:
        if rng.random() < 0.3:
            text = re.sub(rf"\b{a}\b", b, text)
    if rng.random() < 0.3:
        text = f"{text[:-1]}, in the {rng.randrange(1000)}th report."
    return text


def naive(existing: list[tuple[int, merge.Shingles]], text: str) -> int | None:
    sh = merge.Shingles.of(text)
    best = max(((merge.similarity(sh, o), sid) for sid, o in existing), default=(0.0, None))
    return best[1] if best[0] >= merge.SAME_STATEMENT else None


def bench_matcher(n: int, rng: random.Random) -> None:
    sents = seed_sentences()
    existing = [(i, vary(rng.choice(sents), rng)) for i in range(n)]
    queries = [vary(rng.choice(sents), rng) for _ in range(200)]
    t0 = time.perf_counter()
    m = merge.StatementMatcher((sid, t, None) for sid, t in existing)
    hits = sum(m.match(q, None) is not None for q in queries)
    t1 = time.perf_counter()
    shingled = [(sid, merge.Shingles.of(t)) for sid, t in existing]
    base_hits = sum(naive(shingled, q) is not None for q in queries)
    t2 = time.perf_counter()
    print(f"matcher, meeting of {n} statements, 200 lookups: indexed {1000 * (t1 - t0):.1f} ms,"
          f" plain scan {1000 * (t2 - t1):.1f} ms (ratio {(t1 - t0) / (t2 - t1):.2f});"
          f" hits {hits} vs {base_hits}")


def bench_ingest(reports: int, rng: random.Random) -> None:
    sents = seed_sentences()
    people = [Participant("Wang Yi", "china", "wang_yi"),
              Participant("Cho Hyun", "south_korea", "cho_hyun")]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        marks = []
        t0 = time.perf_counter()
        for i in range(reports):
            paras = [vary(rng.choice(sents), rng) for _ in range(17)] + [f"Report {i}."]
            art = Article(f"r{i}.txt", f"Report {i}", paras, "Xinhua", date(2025, 7, 28))
            sts = [Statement(j, 0, p, None, None) for j, p in enumerate(paras)]
            info = MeetingInfo(date(2025, 7, 28), "phone_call", participants=people)
            store.ingest(IndexedArticle(art, info, sts, "china"))
            if (i + 1) % max(1, reports // 4) == 0:
                marks.append((i + 1, time.perf_counter() - t0))
        counts = store.counts()
    print(f"ingest into one growing meeting: {counts['statements']} statements from"
          f" {counts['articles']} reports")
    prev_n, prev_t = 0, 0.0
    for n, t in marks:
        print(f"  reports {prev_n + 1}-{n}: {1000 * (t - prev_t) / (n - prev_n):.1f} ms/article")
        prev_n, prev_t = n, t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--statements", type=int, default=500)
    ap.add_argument("--reports", type=int, default=200)
    args = ap.parse_args()
    rng = random.Random(7)
    bench_matcher(args.statements, rng)
    bench_ingest(args.reports, rng)


if __name__ == "__main__":
    main()
