"""Body-text extraction: Readout's HTML reader next to trafilatura, on the same pages, same run.

Corpus: article-extraction-benchmark (31 real news pages, gzip HTML, ground-truth.json keyed by
sha256 with the hand-checked `articleBody`). Prints per-page and mean token-level precision,
recall and F1 (bag of lower-cased word tokens), time per page for both extractors, and the ratio
of Readout's reader (decode + parse + extract) to a bare `BeautifulSoup(html, "lxml")` parse.

    .venv/bin/python benchmarks/extraction_bench.py [--corpus DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.articles.read import read_bytes  # noqa: E402
from bot.errors import ArticleError  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "article-extraction-benchmark"
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def prf(predicted: str, truth: str) -> tuple[float, float, float]:
    pred, gold = tokens(predicted), tokens(truth)
    common = sum((pred & gold).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision = common / sum(pred.values())
    recall = common / sum(gold.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def readout_text(data: bytes) -> str:
    try:
        article = read_bytes(data, "bench.html", "html")[0]
    except ArticleError:
        return ""
    # the dateline is cut off the first paragraph but is article text for the ground truth
    head = f"{article.dateline} " if article.dateline else ""
    return head + "\n".join(article.paragraphs)


def trafilatura_text(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data, include_comments=False, include_tables=False) or ""


def bare_parse(data: bytes) -> object:
    return BeautifulSoup(data, "lxml")


def timed(fns: list[Callable[[bytes], object]], pages: list[bytes],
          repeat: int) -> list[float]:
    """Total seconds per function: each page's best of `repeat`, the functions interleaved page
    by page so that load from other processes on a shared CPU hits them alike."""
    best = [[float("inf")] * len(pages) for _ in fns]
    for _ in range(repeat):
        for i, data in enumerate(pages):
            for j, fn in enumerate(fns):
                start = time.perf_counter()
                fn(data)
                best[j][i] = min(best[j][i], time.perf_counter() - start)
    return [sum(per_page) for per_page in best]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    truth = json.loads((args.corpus / "ground-truth.json").read_text())
    names = sorted(truth)
    pages = [gzip.decompress((args.corpus / f"{name}.html.gz").read_bytes()) for name in names]

    rows = []
    print(f"{'page':10} {'readout P/R/F1':>20} {'trafilatura P/R/F1':>22}")
    for name, data in zip(names, pages, strict=True):
        gold = truth[name]["articleBody"]
        ours, theirs = prf(readout_text(data), gold), prf(trafilatura_text(data), gold)
        rows.append((ours, theirs))
        print(f"{name[:10]} {ours[0]:6.3f} {ours[1]:6.3f} {ours[2]:6.3f}   "
              f"{theirs[0]:6.3f} {theirs[1]:6.3f} {theirs[2]:6.3f}")

    def mean(i: int, j: int) -> float:
        return statistics.fmean(r[i][j] for r in rows)

    print(f"{'MEAN':10} {mean(0, 0):6.3f} {mean(0, 1):6.3f} {mean(0, 2):6.3f}   "
          f"{mean(1, 0):6.3f} {mean(1, 1):6.3f} {mean(1, 2):6.3f}")

    t_bare, t_ours, t_traf = timed([bare_parse, readout_text, trafilatura_text], pages,
                                   args.repeat)
    n = len(pages)
    print(f"\ntime per page (per-page best of {args.repeat}): readout {t_ours / n * 1000:.1f} ms, "
          f"trafilatura {t_traf / n * 1000:.1f} ms, bare BeautifulSoup(lxml) parse "
          f"{t_bare / n * 1000:.1f} ms")
    print(f"readout reader / bare bs4+lxml parse: {t_ours / t_bare:.2f}x  (aim <= 1.5x)")
    print(f"mean F1: readout {mean(0, 2):.3f} vs trafilatura {mean(1, 2):.3f}")


if __name__ == "__main__":
    main()
