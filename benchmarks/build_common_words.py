"""Build bot/meetings/data/common_words.txt: the words of diplomatic readouts too common to
tell two meetings of the same people apart ("discuss", "bilateral", "phone", "office").

A word is common when at least 2% of the White House readouts (../shared/corpus) hold it, as
`merge.content_words` reads them. Only the list of words is stored, never text.

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

SHARE = 0.02
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus/wh_readouts.jsonl")
    df: Counter[str] = Counter()
    n = 0
    for line in corpus.read_text(encoding="utf-8").splitlines():
        if line.strip():
            n += 1
            df.update(content_words([json.loads(line)["text"]]))
    words = sorted({w for w, c in df.items() if c >= SHARE * n} | set(WEEKDAYS.split()))
    out = ROOT / "bot" / "meetings" / "data" / "common_words.txt"
    out.write_text(f"# {len(words)} words in >= {SHARE:.0%} of {n} White House readouts"
                   " (benchmarks/build_common_words.py)\n" + "\n".join(words) + "\n")
    print(f"{len(words)} words -> {out}")


if __name__ == "__main__":
    main()
