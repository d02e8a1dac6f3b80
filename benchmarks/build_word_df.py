"""Build bot/meetings/data/word_df.tsv: in how many White House readouts (../shared/corpus)
each word occurs, as `merge.content_words` reads them (crude stems). Merging weighs the words
two reports share by how rare they are in diplomatic readouts: "martial" and "impeachment"
tell two calls of the same ministers apart, "discuss" and "bilateral" do not. Only counts of
words seen in at least two readouts are stored, never text.

Run: .venv/bin/python benchmarks/build_common_words.py [/work/shared/corpus/wh_readouts.jsonl]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.meetings.merge import content_words  # noqa: E402

WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus/wh_readouts.jsonl")
    df: Counter[str] = Counter()
    n = 0
    for line in corpus.read_text(encoding="utf-8").splitlines():
        if line.strip():
            n += 1
            df.update(content_words([json.loads(line)["text"]]))
    for day in WEEKDAYS.split():  # a weekday says nothing about which meeting
        df[day] = n
    rows = sorted((w, c) for w, c in df.items() if c >= 2)
    out = ROOT / "bot" / "meetings" / "data" / "word_df.tsv"
    out.write_text(f"# readouts\t{n}\n" + "".join(f"{w}\t{c}\n" for w, c in rows))
    print(f"{len(rows)} words -> {out}")


if __name__ == "__main__":
    main()
