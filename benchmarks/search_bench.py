"""Search latency: Readout's `search()` next to the bare engine query, 200 fixed queries.

    # build a store through the full pipeline from a generated corpus, then measure
    .venv/bin/python benchmarks/search_bench.py --n 10000 --via pipeline --engines tantivy,fts5
    # 100k: statements bulk-inserted straight into the store tables (see `bulk_fill`)
    .venv/bin/python benchmarks/search_bench.py --n 100000 --via bulk --engines tantivy

For each engine the index is rebuilt from SQLite (timed), then a fresh serving process runs
the queries: one warm-up pass, then each query through `search()` (parse, resolve, rank with
exact tie-breaking, statements fetched from SQLite) and through the bare engine (the same
engine query prebuilt outside the timer, top 10 plus the exact count, sids only), alternating.
It prints p50/p95/p99 for plain and filtered queries and the serving process's peak RSS.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bot.search import parse_query, rebuild_index, search  # noqa: E402
from bot.search.index import index_for  # noqa: E402
from bot.search.resolve import Vocabulary, resolve  # noqa: E402
from bot.store import Store  # noqa: E402

PHRASES = ['"strategic cooperative partnership"', '"supply chains"', '"Korean Peninsula"',
           '"people-to-people exchanges"', '"mutual benefit"', '"free trade"',
           '"internal affairs"', '"high-level exchanges"', '"regional peace"']
SPEAKERS = ["speaker:wang", "speaker:cho", "speaker:park", 'speaker:"cho hyun"',
            'speaker:"park jin"', "speaker:both", "speaker:wang|cho"]
SIDES = ["side:china", "side:korea", "side:both", "side:korea|china"]
DATES = ["since:2024", "since:2023-07 until:2024-06", "until:2022", "since:2025-01-01",
         "since:2022-03 until:2022-09"]


def _seed_sentences() -> list[list[str]]:
    import corpus_gen

    stop = {"the", "and", "of", "to", "in", "a", "on", "that", "with", "is", "for", "as", "its",
            "their", "said", "has", "have", "be", "will", "are", "by", "at", "an", "he", "his"}
    out = []
    for seed in corpus_gen.load_seeds():
        for para in seed.paragraphs:
            for sent in _SENT.split(para):
                words = [w for w in re.findall(r"[A-Za-z]{3,}", sent) if w.lower() not in stop]
                if len(words) >= 4:
                    out.append(words)
    return out


def queries(themes: list[str]) -> list[tuple[str, str]]:
    """200 fixed queries: 100 plain, 100 with filters (every tenth filter-only). Words are
    drawn from one seed sentence so that most queries match something, as users' do."""
    rng = random.Random(2024)
    sentences = _seed_sentences()
    out: list[tuple[str, str]] = []
    for k in range(100):
        words = rng.sample(rng.choice(sentences), rng.choice([1, 1, 2, 2, 3]))
        if k % 4 == 0:
            words = [rng.choice(PHRASES), *words[:1]]
        out.append(("plain", " ".join(words)))
    for k in range(100):
        words = rng.sample(rng.choice(sentences), rng.choice([1, 1, 2])) if k % 10 else []
        filters = [rng.choice(SPEAKERS), rng.choice(DATES), f"theme:{rng.choice(themes)}",
                   rng.choice(SIDES)]
        words += rng.sample(filters, rng.choice([1, 1, 2, 3]))
        out.append(("filtered", " ".join(words)))
    return out


# -- building the store ---------------------------------------------------------------------
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")


def _speaker(text: str, art: dict[str, Any]) -> tuple[str | None, str | None]:
    """A crude stand-in for attribution; the bulk path measures search, not attribution."""
    if "two sides" in text or "both sides" in text:
        return "both", "both"
    if re.search(rf"\b{art['surname']}\b", text):
        return str(art["counterpart"]), "south_korea"
    if "Wang" in text or " he " in text:
        return "Wang Yi", "china"
    return None, None


def bulk_fill(store: Store, n: int) -> None:
    """Insert N generated articles' statements straight into the store tables (no search
    journal: the index is rebuilt afterwards). Skips reading, meetings and attribution, so
    it is a search benchmark fixture only."""
    import corpus_gen

    from bot.analysis.themes import default_taxonomy

    tag = default_taxonomy().tag
    seeds = corpus_gen.load_seeds()
    conn = store.conn
    now = datetime.now(UTC).isoformat(timespec="seconds")
    conn.execute("BEGIN")
    for i in range(n):
        art = corpus_gen.make_article(i, seeds)
        aid = hashlib.sha1(f"bench:{i}".encode()).hexdigest()
        mid = f"m{aid[:16]}"
        day = art["event_date"].isoformat()  # type: ignore[attr-defined]
        parts = json.dumps([{"name": "Wang Yi", "side": "china", "person_id": "wang_yi"},
                            {"name": art["counterpart"], "side": "south_korea",
                             "person_id": None}])
        conn.execute(
            "INSERT INTO meetings(id, event_date, format, location, occasion, participants,"
            " sides, created_seq) VALUES (?,?,?,?,?,?,?,?)",
            (mid, day, "meeting", art["place"], None, parts, '["china", "south_korea"]', i),
        )
        conn.execute(
            "INSERT INTO articles(id, source, url, outlet, side, title, published, dateline,"
            " event_date, format, location, occasion, participants, paragraphs, meeting_id,"
            " merge_reason, date_reason, indexed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (aid, f"bench/{i:06d}", None, art["outlet"], "china", art["title"],
             str(art["published"]), None, day, "meeting", art["place"], None, parts,
             json.dumps(art["paragraphs"]), mid, "bulk", "bulk", now),
        )
        for p, para in enumerate(art["paragraphs"]):  # type: ignore[arg-type]
            for s, text in enumerate(_SENT.split(para)):
                speaker, side = _speaker(text, art)
                cur = conn.execute(
                    "INSERT INTO statements(uid, meeting_id, article_id, paragraph, sentence,"
                    " text, speaker, side, themes, event_date, outlet, via, rule)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (f"{aid[:10]}{p:03d}{s:03d}", mid, aid, p, s, text, speaker, side,
                     " ".join(tag(text)), day, art["outlet"], None, "bulk"),
                )
                conn.execute("INSERT INTO statement_sources(sid, article_id, paragraph,"
                             " sentence, text) VALUES (?,?,?,?,?)",
                             (cur.lastrowid, aid, p, s, text))
        if i % 5000 == 4999:
            conn.execute("COMMIT")
            conn.execute("BEGIN")
    conn.execute("COMMIT")


def build_store(args: argparse.Namespace) -> Path:
    db = args.db or ROOT / "bench-data" / f"search-{args.n}-{args.via}.db"
    if db.exists():
        return db
    db.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    store = Store(db)
    if args.via == "bulk":
        bulk_fill(store, args.n)
    else:
        import corpus_gen

        from bot.pipeline.ingest import index_sources

        corpus = corpus_gen.generate(args.n, ROOT / "bench-data" / f"corpus-{args.n}")
        index_sources(store, [str(corpus)])
    print(f"store built via {args.via} in {time.perf_counter() - t0:.0f} s: {store.counts()}")
    return db


# -- serving --------------------------------------------------------------------------------
def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 \
        else values[0]


def bare_runner(engine: str, backend: Any, eq: Any) -> Any:
    """The bare engine call for one prebuilt query: top 10 + exact count, sids only."""
    if engine == "tantivy":
        tq, has_text = backend.build(eq)
        kw = {} if has_text else {"order_by_field": "recency"}

        def run() -> None:
            searcher = backend.index.searcher()
            res = searcher.search(tq, limit=10, count=True, **kw)
            searcher.fast_field_values("recency", [a for _, a in res.hits])
        return run
    clause, params, score = backend.build(eq)
    order = f"round({score}, 3) DESC, d.recency DESC" if score else "d.recency DESC"

    def run_sql() -> None:
        backend.conn.execute(f"SELECT count(*) {clause}", params).fetchone()
        backend.conn.execute(f"SELECT d.sid {clause} ORDER BY {order} LIMIT 10",
                             params).fetchall()
    return run_sql


def serve(db: Path, engine: str) -> dict[str, Any]:
    os.environ["READOUT_SEARCH_ENGINE"] = engine
    store = Store(db)
    idx = index_for(store, engine)
    backend = idx.open()
    vocab = Vocabulary.build(r[0] for r in store.conn.execute(
        "SELECT DISTINCT speaker FROM statements WHERE speaker IS NOT NULL"))
    qs = queries(vocab.theme_ids)
    bare = [bare_runner(engine, backend, resolve(parse_query(q), vocab)[0]) for _, q in qs]
    for (_, q), run in zip(qs, bare, strict=True):  # warm-up: caches, mmap, first compiles
        search(store, q)
        run()
    times: dict[str, list[float]] = {"readout plain": [], "readout filtered": [],
                                     "bare plain": [], "bare filtered": []}
    totals = []
    for (kind, q), run in zip(qs, bare, strict=True):
        t0 = time.perf_counter()
        res = search(store, q)
        t1 = time.perf_counter()
        run()
        t2 = time.perf_counter()
        times[f"readout {kind}"].append((t1 - t0) * 1000)
        times[f"bare {kind}"].append((t2 - t1) * 1000)
        totals.append(res.total)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"times": times, "rss_mb": rss, "median_total": statistics.median(totals),
            "docs": backend.count(), "now": _proc_memory()}


def _proc_memory() -> str:
    """Current anonymous vs file-backed (mmapped index, reclaimable) resident memory."""
    try:
        lines = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        return "n/a"
    keep = ("RssAnon", "RssFile")
    return ", ".join(" ".join(ln.split()[:3]) for ln in lines if ln.startswith(keep))


def report(engine: str, out: dict[str, Any]) -> None:
    t = out["times"]
    print(f"[{engine}] docs {out['docs']}, median matches/query {out['median_total']:.0f},"
          f" serving peak RSS {out['rss_mb']:.0f} MB (at the end: {out['now']})")
    print(f"  {'':18} {'p50':>8} {'p95':>8} {'p99':>8}   (ms)")
    for kind in ("plain", "filtered"):
        for who in ("readout", "bare"):
            v = t[f"{who} {kind}"]
            print(f"  {who + ' ' + kind:18} {pct(v, 50):8.2f} {pct(v, 95):8.2f} {pct(v, 99):8.2f}")
        r, b = t[f"readout {kind}"], t[f"bare {kind}"]
        print(f"  {'ratio ' + kind:18} {pct(r, 50) / pct(b, 50):8.2f} "
              f"{pct(r, 95) / pct(b, 95):8.2f} {pct(r, 99) / pct(b, 99):8.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000, help="articles in the generated corpus")
    ap.add_argument("--via", choices=["pipeline", "bulk"], default="pipeline")
    ap.add_argument("--db", type=Path)
    ap.add_argument("--engines", default="tantivy")
    ap.add_argument("--no-rebuild", action="store_true",
                    help="serve the existing index (rebuild only if it is missing or stale)")
    ap.add_argument("--serve", help=argparse.SUPPRESS)  # internal: the serving subprocess
    args = ap.parse_args()
    if args.serve:
        print(json.dumps(serve(args.db, args.serve)))
        return
    print(f"# {datetime.now(UTC):%Y-%m-%d %H:%M} UTC  {' '.join(sys.argv)}")
    db = build_store(args)
    for engine in args.engines.split(","):
        os.environ["READOUT_SEARCH_ENGINE"] = engine
        store = Store(db)
        if not args.no_rebuild:
            t0 = time.perf_counter()
            n = rebuild_index(store)
            print(f"[{engine}] rebuilt index of {n} statements in"
                  f" {time.perf_counter() - t0:.1f} s")
        store.close()
        proc = subprocess.run(
            [sys.executable, __file__, "--db", str(db), "--serve", engine],
            capture_output=True, text=True, check=True,
        )
        report(engine, json.loads(proc.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
