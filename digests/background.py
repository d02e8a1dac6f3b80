"""How common a phrase is in a background corpus of diplomatic readouts.

A phrase that turns up in many readouts of many governments ("shared interests", "promote
greater development") is the prose of diplomacy, not a formulation an analyst tracks. The
shipped table (digests/data/background.tsv) counts, for every 1–4-word span of the folded runs of
1,412 White House readouts (2021–2025), the number of readouts it occurs in; spans found in fewer
than 5 are left out. A second shipped table (background_cn.tsv, round 23) does the same for 146
English readouts of China's side with 48 counterparts that no label set holds (addresses in
benchmarks/labels/background_cn_manifest.jsonl): Beijing's boilerplate ("implement the important
consensus reached", "deepen practical cooperation") is not the White House's. Only phrase keys
and counts are stored, never text.

Rebuild it (for instance from a larger corpus, or after changing the phrase rules):

    python -m digests.background CORPUS.jsonl [--out digests/data/background.tsv]

CORPUS is JSON Lines with a `text` field. `READOUT_BACKGROUND` names extra tables of the same
shape (`phrase<TAB>count`, the header line says how many documents), whose rates are added.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path

ENV = "READOUT_BACKGROUND"
MIN_DOCS = 5
SPAN = 4
SHIPPED = ("background.tsv", "background_cn.tsv")


class Background:
    """Document frequency scaled to the shipped corpus size (1,412 documents)."""

    REFERENCE = 1412

    def __init__(self, tables: list[tuple[int, dict[str, int]]]) -> None:
        self.counts: Counter[str] = Counter()
        for docs, table in tables:
            scale = self.REFERENCE / max(1, docs)
            for k, v in table.items():
                self.counts[k] += round(v * scale)

    def frequency(self, key: str) -> int:
        return self.counts.get(key, 0)

    @staticmethod
    def parse(text: str, name: str) -> tuple[int, dict[str, int]]:
        lines = text.splitlines()
        docs = 0
        table: dict[str, int] = {}
        for n, line in enumerate(lines):
            if n == 0 and line.startswith("#"):
                docs = int(line.split("documents=", 1)[1].split()[0]) if "documents=" in line \
                    else 0
                continue
            key, _, count = line.rpartition("\t")
            if not key or not count.isdigit():
                from bot.errors import ConfigError

                raise ConfigError(f"{name}:{n + 1}: expected 'phrase<TAB>count'")
            table[key] = int(count)
        return docs or Background.REFERENCE, table


@cache
def default_background() -> Background:
    data = resources.files("digests.data")
    tables = [Background.parse(data.joinpath(name).read_text(encoding="utf-8"), name)
              for name in SHIPPED]
    for raw in os.environ.get(ENV, "").split(os.pathsep):
        if raw.strip():
            path = Path(raw)
            try:
                tables.append(Background.parse(path.read_text(encoding="utf-8"), str(path)))
            except FileNotFoundError as exc:
                from bot.errors import ConfigError

                raise ConfigError(f"{path}: no such file (named by {ENV})") from exc
    return Background(tables)


def spans(text: str) -> set[str]:
    """Every 1–4-word span of the text's folded runs that neither starts nor ends with a
    joiner: the keys `phrases.extract` and `phrases.parts` produce."""
    from digests.phrases import _runs, _tokens, default_rules

    rules = default_rules()
    out: set[str] = set()
    for run in _runs(_tokens(text, rules)):
        run = [t for t in run if t.kind != "article"]
        keys = [t.key for t in run]
        joiner = [t.kind == "joiner" for t in run]
        for n in range(1, SPAN + 1):
            for i in range(len(keys) - n + 1):
                if joiner[i] or joiner[i + n - 1]:
                    continue
                out.add(" ".join(keys[i : i + n]))
    return out


def build(corpus: Path) -> tuple[int, Counter[str]]:
    df: Counter[str] = Counter()
    docs = 0
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            text = json.loads(line).get("text") or ""
            if text:
                docs += 1
                df.update(spans(text))
    return docs, df


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="build the background phrase table")
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parent / "data" / "background.tsv")
    args = ap.parse_args(argv)
    docs, df = build(args.corpus)
    kept = sorted((k, v) for k, v in df.items() if v >= MIN_DOCS)
    with args.out.open("w", encoding="utf-8") as out:
        out.write(f"# documents={docs} min_docs={MIN_DOCS} source={args.corpus.name}\n")
        for k, v in kept:
            out.write(f"{k}\t{v}\n")
    print(f"{len(kept)} phrases from {docs} documents -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
