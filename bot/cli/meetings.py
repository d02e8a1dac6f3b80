"""`readout meetings` (list, split, join, reset) and `readout meeting` (readout comparison)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.cli.common import open_store, print_json_lines
from bot.errors import QueryError
from bot.models import shown_date

MEETING_KEYS = ("id", "article", "sources", "title", "outlet", "published", "event_date",
                "format", "location", "occasion", "dateline", "participants")
ACTIONS = ("split", "join", "reset", "overrides")

MEETINGS_EPILOG = """\
corrections (kept across re-indexing, applied at once):
  readout meetings split ARTICLE            the article reports a meeting of its own
  readout meetings join ARTICLE MEETING     the article reports MEETING (an id, or any article
                                            of that meeting)
  readout meetings reset ARTICLE            forget the correction, merge automatically again
  readout meetings overrides                list the corrections
ARTICLE is an article id (or a unique prefix), its file name or its URL, as shown by
`readout meetings --json`.
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "meetings", help="list meetings (one per event, all its reports merged); split/join",
        epilog=MEETINGS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("words", nargs="*", metavar="PERSON | ACTION ARGS",
                   help="only meetings with this person, or split/join/reset/overrides")
    p.add_argument("--json", action="store_true", help="JSON Lines, one meeting a line")
    p.set_defaults(func=cmd_meetings)

    p = sub.add_parser("meeting",
                       help="one meeting: its sources and each side's readout, theme by theme")
    p.add_argument("ref", metavar="ID|DATE", help="a meeting id (or prefix) or its date")
    p.add_argument("--json", action="store_true", help="the comparison as one JSON object")
    p.set_defaults(func=cmd_meeting)


def meeting_line(m: dict[str, Any]) -> dict[str, Any]:
    return {
        **{k: m[k] for k in MEETING_KEYS},
        "why": [{"article": s["article"], "article_id": s["article_id"], "outlet": s["outlet"],
                 "side": s["side"], "why": s["why"]} for s in m["source_details"]],
    }


def cmd_meetings(args: argparse.Namespace) -> int:
    if args.words and args.words[0] in ACTIONS:
        return _correct(args, args.words[0], args.words[1:])
    rows = open_store(args).meetings()
    if args.words:  # `readout meetings Cho Hyun` needs no quotes
        key = " ".join(args.words).lower()
        rows = [m for m in rows if any(key in p.lower() for p in m["participants"])]
    if args.json:
        print_json_lines(meeting_line(m) for m in rows)
        return 0
    for m in rows:
        where = f" in {m['location']}" if m["location"] else ""
        sides = sorted({s["side"] or "?" for s in m["source_details"]})
        print(f"{shown_date(m['event_date']):<10}  {m['format']:<10}"
              f" {', '.join(m['participants'])}{where}  [{m['id']}]"
              f"  ({len(m['sources'])} report(s): {', '.join(sides)})")
    return 0


def _correct(args: argparse.Namespace, action: str, rest: list[str]) -> int:
    store = open_store(args)
    want = {"split": 1, "join": 2, "reset": 1, "overrides": 0}[action]
    if len(rest) != want:
        usage = {"split": "ARTICLE", "join": "ARTICLE MEETING", "reset": "ARTICLE",
                 "overrides": ""}[action]
        raise QueryError(f"usage: readout meetings {action} {usage}".rstrip())
    if action == "overrides":
        rows = store.overrides()
        if args.json:
            print_json_lines(rows)
        for r in rows if not args.json else []:
            target = f" -> {r['meeting_id']}" if r["action"] == "join" else ""
            print(f"{r['action']:<6} {r['source'] or '(not indexed)'} [{r['article_id']}]{target}")
        return 0
    from bot import search

    aid = store.find_article(rest[0])
    if action == "split":
        mid = store.split_article(aid)
    elif action == "join":
        mid = store.join_article(aid, rest[1])
    else:
        mid = store.reset_article(aid)
    search.sync_index(store)  # statements moved: the search index follows at once
    m = store.meeting(mid)
    if args.json:
        print(json.dumps(meeting_line(m), ensure_ascii=False) if m else "null")
    else:
        print(f"{action}: article {aid} is now in meeting {mid}"
              f" ({len(m['sources']) if m else 0} report(s))")
    return 0


def cmd_meeting(args: argparse.Namespace) -> int:
    from bot.lookups import readouts

    store = open_store(args)
    found = readouts.find_meetings(store, args.ref)
    if len(found) > 1:
        for m in found:
            print(f"{m['id']}  {shown_date(m['event_date'])}  {m['format']:<10} "
                  f"{', '.join(m['participants'])}  ({len(m['sources'])} report(s))")
        print(f"readout: {args.ref!r} matches {len(found)} meetings; run `readout meeting ID`"
              " with one of the ids above", file=sys.stderr)
        return 1
    meeting = readouts.resolve_meeting(store, args.ref)
    result = readouts.compare(store, meeting["id"])
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(readouts.render_text(result))
    return 0
