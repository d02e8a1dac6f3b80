"""`readout` command line: each command parses flags, calls one library function, renders.

One module per command group (`core`, `meetings`, `lookups`, `search`, `digest`, `slack`,
`ops`), each with `register(subparsers)` that adds its parsers with `func=handler`; `common` holds
what they share (`logs`: log output of the long-running commands). This is the top of the flow:
it may import every package, and nothing imports it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from bot.errors import ReadoutError

COMMAND_MODULES = [
    "bot.cli.core", "bot.cli.meetings", "bot.cli.lookups", "bot.cli.search",
    "bot.cli.digest", "bot.cli.slack", "bot.cli.ops",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="readout",
        description="Who said what in diplomatic readouts: index articles, search, digest.",
    )
    parser.add_argument("--db", help="database: a SQLite file, or postgresql://user@host/dbname"
                                     " (default: $READOUT_DB or .readout/readout.db)")
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
