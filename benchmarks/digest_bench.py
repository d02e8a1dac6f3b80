"""Time to build a digest of 100 new articles against 10k and 100k earlier articles.

    .venv/bin/python benchmarks/digest_bench.py [--sizes 10000 100000] [--new 100]

The history is bulk-inserted straight into the store's tables (articles, meetings, statements,
statement_sources) with executemany — running 100k articles through the reader/attribution
pipeline would measure the pipeline, not the digest. It is shaped like a real corpus:
- sentences are the seeds' sentences (tagged by the shipped taxonomy), each in one of 20
  variants (a content word swapped from a pool of 400), so phrasing repeats as in diplomacy;
- 12 statements an article, one article a meeting, speakers alternating between the two sides;
- meetings spread over 300 relationships (pairs of 25 countries) and 20 years (2005-2024);
- the 100 new articles are 2025 meetings in random relationships of the same set.
It prints, per size: statements in the history, the one-off catch-up of the comparison index
(like building a search index, done once and then incrementally), and the digest build time,
then the ratio between sizes next to the ratio of history sizes.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.analysis.themes import default_taxonomy  # noqa: E402
from bot.store import Store  # noqa: E402
from digests import state  # noqa: E402
from digests.build import build_digest  # noqa: E402
from digests.render import render_blocks, render_json  # noqa: E402

STATEMENTS_PER_ARTICLE = 12
VARIANTS = 20


def seed_sentences() -> list[tuple[str, str]]:
    """(text, themes) for every seed sentence that carries a theme."""
    taxonomy = default_taxonomy()
    out = []
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        for para in f.read_text(encoding="utf-8").split("\n"):
            for sent in re.split(r"(?<=[.!?])\s+", para.strip()):
                if len(sent.split()) >= 8:
                    themes = taxonomy.tag(sent)
                    if themes:
                        out.append((sent, " ".join(themes)))
    return out


def variants(pool: list[tuple[str, str]], rng: random.Random) -> list[list[tuple[str, str]]]:
    vocab = [f"{a}{b}" for a in ("lumin", "strat", "conver", "resil", "harmon", "steadf",
                                 "prag", "recip") for b in ("ity", "ance", "ism", "ment", "ure",
                                                            "ion", "al", "ive", "ous", "ic")]
    vocab = [f"{w}{i}" for w in vocab for i in range(5)]  # 400 words
    out = []
    for text, themes in pool:
        words = text.split()
        vs = []
        for _ in range(VARIANTS):
            w = list(words)
            i = rng.randrange(len(w))
            w[i] = rng.choice(vocab)
            vs.append((" ".join(w), themes))
        out.append(vs)
    return out


def populate(store: Store, n_articles: int, start_day: date, days: int, rels: list[tuple[str,
             str]], texts: list[list[tuple[str, str]]], rng: random.Random, tag: str) -> None:
    c = store.conn
    c.execute("BEGIN")
    arts, meets, stmts, sources = [], [], [], []
    seq = int(store.get_meta("seq", "0") or 0)
    next_sid = (c.execute("SELECT coalesce(max(sid), 0) FROM statements").fetchone()[0]) + 1
    for a in range(n_articles):
        aid = f"{tag}{a:07d}"
        side_a, side_b = rels[rng.randrange(len(rels))]
        day = (start_day + timedelta(days=rng.randrange(days))).isoformat()
        mid = f"m{aid}"
        parts = [{"name": f"Minister {side_a}", "side": side_a, "person_id": None},
                 {"name": f"Minister {side_b}", "side": side_b, "person_id": None}]
        seq += 1
        meets.append((mid, day, "meeting", None, None, json.dumps(parts),
                      json.dumps(sorted([side_a, side_b])), seq))
        arts.append((aid, f"{aid}.txt", None, "Synthetic News", side_a, f"title {aid}", day,
                     None, day, "meeting", None, None, json.dumps(parts), "[]", mid, "bench",
                     "", "2025-01-01T00:00:00+00:00"))
        for s in range(STATEMENTS_PER_ARTICLE):
            text, themes = rng.choice(rng.choice(texts))
            side = side_a if s % 2 == 0 else side_b
            stmts.append((next_sid, f"u{aid}{s:02d}", mid, aid, s, 0, text,
                          f"Minister {side}", side, themes, day, "Synthetic News", None, "bench"))
            sources.append((next_sid, aid, s, 0, text))
            next_sid += 1
    c.executemany("INSERT INTO meetings(id, event_date, format, location, occasion,"
                  " participants, sides, created_seq) VALUES (?,?,?,?,?,?,?,?)", meets)
    c.executemany("INSERT INTO articles(id, source, url, outlet, side, title, published,"
                  " dateline, event_date, format, location, occasion, participants, paragraphs,"
                  " meeting_id, merge_reason, date_reason, indexed_at)"
                  " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", arts)
    c.executemany("INSERT INTO statements(sid, uid, meeting_id, article_id, paragraph, sentence,"
                  " text, speaker, side, themes, event_date, outlet, via, rule)"
                  " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", stmts)
    c.executemany("INSERT INTO statement_sources(sid, article_id, paragraph, sentence, text)"
                  " VALUES (?,?,?,?,?)", sources)
    # As Store.ingest does: every new statement is journalled for the search index, which
    # also tells the digest's index refresh that the store changed.
    c.executemany("INSERT INTO search_journal(sid, op) VALUES (?, 'add')",
                  [(row[0],) for row in stmts])
    c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('seq', ?)", (str(seq),))
    c.execute("COMMIT")


def run(size: int, new: int, workdir: Path) -> dict[str, float]:
    rng = random.Random(size)
    countries = [f"country{i:02d}" for i in range(25)]
    rels = list(combinations(countries, 2))  # 300 relationships
    texts = variants(seed_sentences(), rng)
    store = Store(workdir / f"digest_{size}.db")
    t0 = time.perf_counter()
    populate(store, size, date(2005, 1, 1), 20 * 365, rels, texts, rng, "h")
    insert_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    state.refresh(store)
    catchup_s = time.perf_counter() - t0
    state.move_watermark(store, "bench", state.max_sid(store))
    populate(store, new, date(2025, 1, 1), 300, rels, texts, rng, "n")
    t0 = time.perf_counter()
    digest = build_digest(store, "bench")
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    render_json(digest)
    render_blocks(digest)
    render_s = time.perf_counter() - t0
    n_statements = store.counts()["statements"]
    print(f"history {size:>7} articles ({n_statements - new * STATEMENTS_PER_ARTICLE} statements):"
          f" bulk insert {insert_s:6.1f} s, index catch-up {catchup_s:6.1f} s (one-off);"
          f" digest of {new} new articles ({digest.new_statements} statements,"
          f" {len(digest.sections)} theme sections): build {build_s:6.2f} s,"
          f" render {render_s:5.2f} s", flush=True)
    store.close()
    return {"build": build_s, "catchup": catchup_s}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--dir", help="where to put the databases (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(args.dir) if args.dir else Path(tmp)
        results = {n: run(n, args.new, workdir) for n in args.sizes}
    sizes = sorted(results)
    base = sizes[0]
    for n in sizes[1:]:
        ratio = results[n]["build"] / results[base]["build"]
        print(f"{n // base}x history -> digest build {ratio:.2f}x the {base}-article time")


if __name__ == "__main__":
    main()
