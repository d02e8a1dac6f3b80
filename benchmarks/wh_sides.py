"""Sides of the White House's counterparts: for every readout of the President's or the Vice
President's call or meeting whose title ends "of <Country>", is that country among the sides
of the meeting Readout made of it? (issue 10: every report its side, every meeting both sides)

    .venv/bin/python benchmarks/wh_sides.py [/work/shared/corpus/wh_readouts.jsonl] [--show]

Indexes the corpus into a fresh embedded store and prints the count, and with --show each
readout that misses.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.environ.get("READOUT_CODE") or str(Path(__file__).resolve().parent.parent))

from bot.pipeline.ingest import index_sources
from bot.registry.countries import default_countries
from bot.store import Store

CORPUS = Path(os.environ.get("READOUT_WH_CORPUS", "/work/shared/corpus/wh_readouts.jsonl"))
_LEADER = re.compile(r"Readout of (?:the )?(?:Vice )?President")
_OF_COUNTRY = re.compile(r"\bof (?:the )?([A-Z][\w'\-]+(?: [A-Z][\w'\-]+)*)\s*$")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    ap.add_argument("--show", action="store_true", help="list every readout that misses")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"skipped: no corpus at {args.corpus}")
        return 0
    countries = default_countries()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "wh.db")
        index_sources(store, [str(args.corpus)])
        total = right = alone = 0
        misses: list[str] = []
        lonely: list[str] = []
        for meeting in store.meetings():
            for art in meeting["source_details"]:
                title = (art["title"] or "").replace("’", "'")
                # (any readout whose title names another country, in a meeting of one side)
                named = {c for _s, _e, c in countries.find(title)} - {"united_states"}
                if named and meeting["sides"] == ["united_states"]:
                    alone += 1
                    lonely.append(f"  {meeting['event_date']} {title}")
                m = _OF_COUNTRY.search(title)
                if not _LEADER.match(title) or m is None:
                    continue
                found = countries.find(m.group(1))
                if not found:
                    continue
                total += 1
                if found[0][2] in meeting["sides"]:
                    right += 1
                else:
                    misses.append(f"  {meeting['event_date']} {title} -> {meeting['sides']}")
        store.close()
    print(f"counterpart's country among the meeting's sides: {right} of {total} readouts")
    print(f"readouts whose title names another country, in a meeting of the United States"
          f" alone: {alone}")
    if args.show:
        print("\n".join(misses))
        print("alone:")
        print("\n".join(lonely))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
