"""Attribution + meeting extraction throughput, next to bare sentence splitting in the same run.

    .venv/bin/python benchmarks/attribution_bench.py [--copies N] [--wh PATH]

Prints sentences/s for: our splitter alone, syntok alone (the library we measured against), and
the full extract_meeting + attribute pipeline, on the seeds repeated N times (each copy gets a
different publication year so caches keyed by date do not make copies free) and on the White House
corpus when present.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from datetime import date
from pathlib import Path

from bot.analysis.attribution import attribute
from bot.analysis.meeting_facts import extract_meeting
from bot.analysis.sentences import split_sentences
from bot.models import Article
from bot.registry.people import default_registry

ROOT = Path(__file__).resolve().parent.parent


def seed_articles(copies: int) -> list[Article]:
    rows = json.loads((ROOT / "tests/fixtures/labels/seed_articles.json").read_text())
    out = []
    for i in range(copies):
        for r in rows:
            pub = date.fromisoformat(r["published"])
            out.append(Article(source=f"{i}-{r['source']}", title=r["title"],
                               paragraphs=list(r["paragraphs"]), outlet=r["outlet"],
                               published=pub.replace(year=2021 + i % 5)))
    return out


def wh_articles(path: Path) -> list[Article]:
    out = []
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        paras = [" ".join(b.split()) for b in re.split(r"\n[ \t]*\n", row["text"])]
        out.append(Article(source=row["path"], title=row["title"],
                           paragraphs=[p for p in paras if p and p != "###"],
                           outlet="White House", published=date.fromisoformat(row["date"]),
                           url=row["source_url"]))
    return out


def timed(label: str, articles: list[Article], fn, sentences: int, base: float | None) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for art in articles:
        fn(art)
    secs = time.perf_counter() - start
    rate = sentences / secs
    ratio = f"  ({base / rate:.1f}x the time of the splitter)" if base else ""
    print(f"  {label:<34} {secs:7.2f} s  {rate:10,.0f} sentences/s{ratio}")
    return rate


def bench(name: str, articles: list[Article]) -> None:
    reg = default_registry()
    sentences = sum(len(split_sentences(p)) for a in articles for p in a.paragraphs)
    print(f"{name}: {len(articles)} articles, {sentences} sentences")
    base = timed("split_sentences (ours)", articles,
                 lambda a: [split_sentences(p) for p in a.paragraphs], sentences, None)
    try:
        import syntok.segmenter as seg

        timed("syntok segmenter", articles,
              lambda a: [list(s) for p in a.paragraphs for para in seg.process(p) for s in para],
              sentences, base)
    except ImportError:
        print("  syntok not installed")
    timed("extract_meeting + attribute", articles,
          lambda a: attribute(a, extract_meeting(a, reg), reg), sentences, base)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=400)
    ap.add_argument("--wh", type=Path, default=ROOT.parent / "shared/corpus/wh_readouts.jsonl")
    args = ap.parse_args()
    default_registry()  # load once, outside the timings
    bench(f"seeds x {args.copies}", seed_articles(args.copies))
    if args.wh.exists():
        bench("White House readouts", wh_articles(args.wh))


if __name__ == "__main__":
    main()
