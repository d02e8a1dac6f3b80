"""`readout theme|phrase|compare|person|ask`: the Slack lookups, in the terminal.

Each command calls one function of bot.lookups (or bot.questions for `ask`) and prints either
readable lines or, with --json, JSON Lines in the `readout export` statement shape.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import Any

from bot.cli.core import cited
from bot.errors import ReadoutError
from bot.lookups import queries as lookups
from bot.models import shown_date


def register(sub: Any) -> None:
    p = sub.add_parser("theme", help="a theme's statements, newest first, every side")
    p.add_argument("theme")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_theme)

    p = sub.add_parser("phrase", help="first use of a phrase and every later use")
    p.add_argument("text", nargs="+")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_phrase)

    p = sub.add_parser("compare", help="two meetings (ids or dates) side by side, theme by theme")
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--theme")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("person", help="meetings a person took part in, newest first")
    p.add_argument("name", nargs="+")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_person)

    p = sub.add_parser("ask", help='a plain-English question, e.g. "what did Wang say about '
                                   'Taiwan?"')
    p.add_argument("question", nargs="+")
    p.add_argument("--limit", type=int, default=10)
    p.set_defaults(func=cmd_ask)


def _store(args: argparse.Namespace) -> Any:
    from bot.cli.common import open_store

    return open_store(args)


def _line(st: dict[str, Any]) -> str:
    who = st.get("speaker") or "narration"
    side = f" ({st['side']})" if st.get("side") and st["side"] != "both" else ""
    head = f"{st.get('event_date') or 'undated'}  {who}{side}  [{', '.join(st['themes'])}]"
    body = textwrap.fill(st["text"], 96, initial_indent="    ", subsequent_indent="    ")
    return f"{head}\n{body}\n    source: {cited(st)}"


def _print(rows: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        from bot.cli.common import print_json_lines

        print_json_lines(rows)
        return
    for st in rows:
        print(_line(st))


def cmd_theme(args: argparse.Namespace) -> int:
    page = lookups.theme_timeline(_store(args), args.theme, limit=args.limit)
    _print(page.items, args.json)
    if page.more and not args.json:
        print(f"(more: --limit {args.limit * 2})")
    return 0


def cmd_phrase(args: argparse.Namespace) -> int:
    uses = lookups.phrase_uses(_store(args), " ".join(args.text), limit=args.limit)
    if args.json:
        _print(uses.uses, True)
        return 0
    if uses.first is None:
        print(f"“{uses.phrase}” does not appear in any statement.")
        return 0
    first = uses.first
    print(f"“{uses.phrase}” first used {shown_date(first['event_date'])} by"
          f" {first['speaker'] or 'narration'}")
    _print(uses.uses, False)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    cmp = lookups.compare_meetings(_store(args), args.a, args.b, args.theme)
    if args.json:
        from bot.cli.common import print_json_lines

        print_json_lines([{"theme": r.theme, "a": r.a, "b": r.b, "meeting_a": cmp.a["id"],
                           "meeting_b": cmp.b["id"]} for r in cmp.rows])
        return 0
    for tag, m in (("A", cmp.a), ("B", cmp.b)):
        print(f"{tag}: {shown_date(m['event_date'])} {m['format']}"
              f" {', '.join(m['participants'])} ({m['id']})")
    for row in cmp.rows:
        print(f"\n== {row.label} ({row.theme})")
        for tag, items in (("A", row.a), ("B", row.b)):
            if not items:
                print(f"  {tag}: not raised")
            for st in items:
                print(textwrap.fill(f"{tag}: {st.get('speaker') or 'narration'}: {st['text']}",
                                    96, initial_indent="  ", subsequent_indent="     "))
    return 0


def cmd_person(args: argparse.Namespace) -> int:
    rows = lookups.meetings_by_person(_store(args), " ".join(args.name), limit=1000)
    if args.json:
        from bot.cli.common import print_json_lines

        print_json_lines(rows)
        return 0
    for m in rows:
        where = f" in {m['location']}" if m.get("location") else ""
        print(f"{shown_date(m['event_date'])}  {m['format']}{where}: {', '.join(m['participants'])}"
              f"  ({m['id']})")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.lookups.questions import EXAMPLES, map_question

    question = " ".join(args.question)
    mapping = map_question(question)
    if mapping is None:
        print("I could not map that question. Try:", *(f"  {e}" for e in EXAMPLES), sep="\n")
        return 1
    print(f"read as: {mapping.explanation}")
    store = _store(args)
    if mapping.kind == "compare" and mapping.compare:
        cmp = lookups.compare_meetings(store, *mapping.compare, mapping.theme,
                                       mapping.meeting_format)
        args.a, args.b, args.theme, args.json = cmp.a["id"], cmp.b["id"], mapping.theme, False
        return cmd_compare(args)
    if mapping.kind == "phrase" and mapping.phrase:
        args.text, args.json = [mapping.phrase], False
        return cmd_phrase(args)
    from bot.search import search

    print(f"query: {mapping.query}")
    try:
        result = search(store, mapping.query, limit=args.limit, offset=0)
    except ReadoutError as exc:
        print(f"readout: {exc}", file=sys.stderr)
        return 1
    print(f"{result.total} statements")
    _print(result.hits, False)
    return 0
