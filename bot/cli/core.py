"""Core commands: index, search, export, demo."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.cli.common import open_store, print_json_lines
from bot.models import printable, shown_date
from bot.pipeline.ingest import IndexReport, index_sources

# `readout index` exit status (docs/commands.md): 1 is a fatal error (bot.cli.main), 2 a usage
# error (argparse).
EXIT_OK = 0
EXIT_REJECTED = 3


def register(sub: Any) -> None:
    p = sub.add_parser("index", help="index articles: files, folders, .jsonl archives, URLs")
    p.add_argument("sources", nargs="*", metavar="PATH|URL",
                   help="files, folders or URLs (default: the bundled seeds)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--allow-private", action="store_true",
                   help="allow URLs on private or loopback addresses")
    p.add_argument("--workers", type=int, default=None,
                   help="processes that read and analyse (default: $READOUT_WORKERS or the"
                        " number of cores, at most 4; 0 = this process only)")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("search", help="search statements with the query language")
    p.add_argument("query", nargs="+", help='e.g. supply chains speaker:wang since:2024')
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--json", action="store_true", help="JSON Lines, one statement a line")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("export", help="every statement as JSON Lines")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("retag", help="re-tag every statement with the current theme taxonomy")
    p.set_defaults(func=cmd_retag)

    p = sub.add_parser("demo", help="index the bundled seeds, then show a lookup and a digest")
    p.add_argument("sources", nargs="*", metavar="PATH",
                   help="files or folders (default: the bundled seeds)")
    p.set_defaults(func=cmd_demo)


def _progress(total_hint: int) -> Any:
    """A progress bar on a terminal; nothing when piped (scripts read our stdout)."""
    if not sys.stderr.isatty():
        return None, None
    from rich.progress import Progress

    bar = Progress(transient=True)
    task = bar.add_task("indexing", total=total_hint or None)
    bar.start()

    def step(source: str) -> None:
        bar.update(task, advance=1, description=printable(Path(source).name)[:40])

    return bar, step


def run_index(args: argparse.Namespace) -> IndexReport:
    from bot.config import seeds_dir
    from bot.pipeline.analyse import expand_paths

    if not args.sources:
        args.sources = [str(seeds_dir())]
    store = open_store(args)
    total = sum(1 for _ in expand_paths(args.sources))
    bar, step = _progress(total)
    try:
        return index_sources(store, args.sources, progress=step,
                             allow_private=getattr(args, "allow_private", False),
                             workers=getattr(args, "workers", None))
    finally:
        if bar is not None:
            bar.stop()


def format_report(report: IndexReport) -> str:
    lines = []
    if report.retagged is not None:
        lines.append(f"the theme taxonomy changed: re-tagged {report.retagged} statements")
    lines += [
        f"indexed: {report.added} added, {report.replaced} replaced, {report.unchanged} unchanged,"
        f" {report.duplicates} word-for-word copies; {report.new_statements} new statements"
        f" ({report.merged_statements} merged into earlier reports);"
        f" {len(report.meetings)} meetings touched"
    ]
    for source, reason in report.rejected:
        lines.append(f"rejected {printable(source)}: {printable(reason)}")
    return "\n".join(lines)


def index_status(report: IndexReport) -> int:
    """EXIT_OK when every input was indexed, EXIT_REJECTED when any file, URL or archive line
    was rejected (each is named in the report); a fatal error exits with 1 before a report."""
    return EXIT_REJECTED if report.rejected else EXIT_OK


def cmd_index(args: argparse.Namespace) -> int:
    report = run_index(args)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print(format_report(report))
    return index_status(report)


def format_statement(hit: dict[str, Any]) -> str:
    who = hit["speaker"] or "(narration)"
    side = f" [{hit['side']}]" if hit.get("side") and hit["side"] != "both" else ""
    themes = ", ".join(hit["themes"]) or "-"
    return (f"{shown_date(hit['event_date']):<10}  {who}{side}  ({themes})\n"
            f"    {hit['text']}\n    source: {cited(hit)}")


def cited(st: dict[str, Any]) -> str:
    """Where a statement comes from as a reader cites it: its outlet and link; the file a
    local index read it from only when there is no link (and then after the outlet)."""
    where = st.get("url") or ", ".join(st.get("sources") or [st.get("article") or ""])
    more = len(st.get("sources") or []) - 1 if st.get("url") else 0
    also = f" (+{more} more)" if more > 0 else ""
    return ", ".join(p for p in (st.get("outlet"), where) if p) + also


def cmd_search(args: argparse.Namespace) -> int:
    from bot.search import search

    result = search(open_store(args), " ".join(args.query), limit=args.limit, offset=args.offset)
    if args.json:
        print_json_lines(result.hits)
        return 0
    shown = f" (showing {args.offset + 1}-{args.offset + len(result.hits)})" if result.hits else ""
    print(f"{result.total} statements match {' '.join(args.query)!r}{shown}")
    for hit in result.hits:
        print(format_statement(hit))
    return 0


EXPORT_KEYS = ("id", "article", "sources", "text", "speaker", "side", "event_date", "themes",
               "outlet", "meeting")


def cmd_export(args: argparse.Namespace) -> int:
    store = open_store(args)
    print_json_lines({k: st[k] for k in EXPORT_KEYS} for st in store.iter_statements())
    return 0


def cmd_retag(args: argparse.Namespace) -> int:
    from bot.analysis.themes import default_taxonomy
    from bot.pipeline.ingest import ensure_tags_current
    from bot.search import sync_index

    store = open_store(args)
    changed = ensure_tags_current(store, default_taxonomy(), force=True) or 0
    sync_index(store)
    print(f"retagged: {changed} statements changed themes")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    report = run_index(args)
    print(format_report(report))
    print()
    print("$ readout search 'supply chains speaker:wang'")
    args.query, args.limit, args.offset, args.json = ["supply chains speaker:wang"], 5, 0, False
    cmd_search(args)
    from bot.cli.digest import print_demo_digest

    print()
    print_demo_digest(open_store(args))
    return 0
