"""`readout meetings`: one line per meeting (the merge helper extends this with `meeting`)."""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli import open_store, print_json_lines

MEETING_KEYS = ("id", "article", "sources", "title", "outlet", "published", "event_date",
                "format", "location", "occasion", "dateline", "participants")


def register(sub: Any) -> None:
    p = sub.add_parser("meetings", help="list meetings (one per event, all its reports merged)")
    p.add_argument("person", nargs="?", help="only meetings with this person")
    p.add_argument("--json", action="store_true", help="JSON Lines, one meeting a line")
    p.set_defaults(func=cmd_meetings)


def cmd_meetings(args: argparse.Namespace) -> int:
    rows = open_store(args).meetings()
    if args.person:
        key = args.person.lower()
        rows = [m for m in rows if any(key in p.lower() for p in m["participants"])]
    if args.json:
        print_json_lines(
            {**{k: m[k] for k in MEETING_KEYS},
             "why": [{"article": s["article"], "why": s["why"]} for s in m["source_details"]]}
            for m in rows
        )
        return 0
    for m in rows:
        where = f" in {m['location']}" if m["location"] else ""
        print(f"{m['event_date']}  {m['format']:<10} {', '.join(m['participants'])}{where}"
              f"  [{m['id']}]  ({len(m['sources'])} report(s))")
    return 0
