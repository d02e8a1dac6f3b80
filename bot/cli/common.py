"""What the command modules share: opening the store a command names, JSON Lines output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from bot.store import Store


def open_store(args: argparse.Namespace) -> Store:
    return Store(args.db) if getattr(args, "db", None) else Store()


def print_json_lines(rows: Sequence[dict[str, Any]] | Any) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
