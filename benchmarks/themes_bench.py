"""Theme tagging throughput, next to baselines measured in the same process.

    .venv/bin/python benchmarks/themes_bench.py [--sentences N]

Sentences come from the seeds and, when present, ../shared/corpus/wh_readouts.jsonl, repeated
deterministically up to N (default 200,000). Printed, in statements per second:
- floor: lowercasing and splitting into words, the least any word-level tagger must do;
- tagger: `Taxonomy.tag`;
- one regex: every term of every theme in a single case-insensitive alternation with word
  boundaries (the usual "combined regex" design), mapping each hit to its theme;
- substring: the original placeholder (`term in text.lower()` for every term).
and the projected time for 2.5M statements (100k articles).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from bot.analysis.themes import _WORD, Taxonomy

ROOT = Path(__file__).resolve().parents[1]
WH = ROOT.parent / "shared" / "corpus" / "wh_readouts.jsonl"
TARGET = 2_500_000


def corpus(n: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if WH.exists():
        with WH.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh]
    pool = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", " ".join(t.split()))
            if len(s.split()) >= 6]
    return [pool[i % len(pool)] for i in range(n)]


def one_regex(tax: Taxonomy) -> Callable[[str], list[str]]:
    owner: dict[str, str] = {}
    for tid, theme in tax.themes.items():
        for term in (*theme.phrases, *theme.keywords, *theme.weak):
            owner.setdefault(term.lower(), tid)
    alternation = "|".join(re.escape(t) for t in sorted(owner, key=len, reverse=True))
    rx = re.compile(rf"\b(?:{alternation})s?\b", re.IGNORECASE)
    order = {tid: i for i, tid in enumerate(tax.ids())}

    def tag(text: str) -> list[str]:
        found = {owner.get(m.group(0).lower().rstrip("s"), owner.get(m.group(0).lower()))
                 for m in rx.finditer(text)}
        found.discard(None)
        return sorted(found, key=order.__getitem__)  # type: ignore[arg-type]
    return tag


def substring(tax: Taxonomy) -> Callable[[str], list[str]]:
    terms = [(tid, tuple(t.lower() for t in (*th.phrases, *th.keywords)))
             for tid, th in tax.themes.items()]

    def tag(text: str) -> list[str]:
        low = text.lower()
        return [tid for tid, ts in terms if any(t in low for t in ts)]
    return tag


def rate(fn: Callable[[str], object], sentences: list[str]) -> float:
    start = time.perf_counter()
    for s in sentences:
        fn(s)
    return len(sentences) / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sentences", type=int, default=200_000)
    args = ap.parse_args()
    sentences = corpus(args.sentences)
    tax = Taxonomy.load()
    tax.tag(sentences[0])
    floor = rate(lambda s: _WORD.findall(s.lower()), sentences)
    ours = rate(tax.tag, sentences)
    rx = rate(one_regex(tax), sentences)
    sub = rate(substring(tax), sentences)
    tagged = sum(bool(tax.tag(s)) for s in sentences[:20_000]) / min(20_000, len(sentences))
    print(f"{len(sentences):,} sentences, {len(tax.ids())} themes, "
          f"{sum(len(t.phrases) + len(t.keywords) for t in tax.themes.values())} terms; "
          f"{tagged:.0%} get at least one theme")
    for name, r in (("floor (split words)", floor), ("tagger (Taxonomy.tag)", ours),
                    ("one combined regex", rx), ("substring placeholder", sub)):
        print(f"{name:24s} {r:>10,.0f} statements/s  {TARGET / r:7.1f} s for 2.5M  "
              f"tagger/this {ours / r:5.2f}x")


if __name__ == "__main__":
    main()
