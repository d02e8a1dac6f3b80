"""Every command has help text and a README mention (as sqlite-utils' test_docs does)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from bot.cli import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("readout has no subcommands")


def test_every_command_has_help_and_a_readme_mention() -> None:
    commands = subcommands()
    assert {"index", "search", "export", "meetings", "demo"} <= commands.keys()
    helps = {a.dest: a.help for a in build_parser()._subparsers._group_actions[0]._choices_actions}
    for name in commands:
        assert helps.get(name), f"`readout {name}` has no help text"
        assert re.search(rf"readout {re.escape(name)}\b", README), f"README lacks `readout {name}`"


def test_readme_opens_with_install_and_test_commands() -> None:
    block = README.split("```")[1]
    lines = [ln for ln in block.splitlines() if ln.strip() and not ln.startswith("sh")]
    assert "pip install" in lines[0] and "readout demo" in lines[0]
    assert "pytest" in lines[1]
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert lines[0] in ci and lines[1] in ci
