"""`readout` command line: each command parses flags, calls one library function, renders.

Commands from other packages (digests, Slack) register themselves through `COMMAND_MODULES`:
each module has `register(subparsers)` that adds its parser with `func=handler`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from bot.errors import ReadoutError
from bot.store import Store

COMMAND_MODULES = [
    "bot.cli_core", "bot.cli_meetings", "bot.cli_lookups", "bot.cli_search",
    "digests.cli", "bot.slack.cli",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="readout",
        description="Who said what in diplomatic readouts: index articles, search, digest.",
    )
    parser.add_argument("--db", help="database file (default: $READOUT_DB or .readout/readout.db)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real missing dependency inside the module
                raise
            continue
        module.register(sub)
    return parser


def open_store(args: argparse.Namespace) -> Store:
    return Store(args.db) if getattr(args, "db", None) else Store()


def print_json_lines(rows: Sequence[dict[str, Any]] | Any) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return func(args)
    except ReadoutError as exc:
        print(f"readout: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `readout export | head`
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
