"""Documentation keeps up with the code (as sqlite-utils' test_docs does): every command, every flag
and every `/readout` subcommand is documented in docs/, the README stays a two-minute read that
opens with the two commands, and every link resolves."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from bot.cli import build_parser
from bot.slack.commands import SUBCOMMANDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
DOCS = {p.name: p.read_text() for p in (ROOT / "docs").glob("*.md")}
COMMANDS_MD = DOCS.get("commands.md", "")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("readout has no subcommands")


def command_section(name: str) -> str:
    """The text under `### readout NAME` in docs/commands.md, up to the next heading."""
    m = re.search(rf"^### readout {re.escape(name)}\n(.*?)(?=^#)", COMMANDS_MD + "\n#",
                  re.M | re.S)
    return m.group(1) if m else ""


def test_every_command_has_help_and_a_docs_section() -> None:
    commands = subcommands()
    assert {"index", "search", "export", "meetings", "demo", "digest", "serve"} <= commands.keys()
    helps = {a.dest: a.help for a in build_parser()._subparsers._group_actions[0]._choices_actions}
    missing = [n for n in commands if not command_section(n)]
    assert missing == [], f"docs/commands.md lacks a '### readout NAME' section for {missing}"
    assert [n for n in commands if not helps.get(n)] == [], "commands without help text"


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_flag_is_documented_under_its_command(name: str) -> None:
    section = command_section(name)
    flags = [a.option_strings for a in subcommands()[name]._actions
             if a.option_strings and "--help" not in a.option_strings]
    undocumented = [f[-1] for f in flags if not any(re.search(rf"`{re.escape(o)}\b", section)
                                                    for o in f)]
    assert undocumented == [], f"`readout {name}`: flags not in docs/commands.md: {undocumented}"


def test_every_slash_subcommand_is_documented() -> None:
    text = "\n".join(DOCS.values())
    missing = [s for s in SUBCOMMANDS if not re.search(rf"/readout {re.escape(s)}\b", text)]
    assert missing == [], f"/readout subcommands not in docs/: {missing}"


def test_doc_checker_can_fail() -> None:
    assert command_section("no-such-command") == ""


def test_readme_opens_with_install_and_test_commands() -> None:
    block = README.split("```")[1]
    lines = [ln for ln in block.splitlines() if ln.strip() and not ln.startswith("sh")]
    assert "pip install" in lines[0] and "readout demo" in lines[0]
    assert "pytest" in lines[1]
    ci = (ROOT / ".ci" / "run").read_text()
    assert lines[0] in ci and lines[1] in ci


def test_readme_is_a_two_minute_read() -> None:
    # about 230 words a minute; tables of links count too
    assert len(README.split()) < 500, len(README.split())


def test_links_resolve() -> None:
    pages = {"README.md": README, **{f"docs/{k}": v for k, v in DOCS.items()}}
    broken = []
    for name, text in pages.items():
        base = (ROOT / name).parent
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            if not (base / target).exists():
                broken.append(f"{name} -> {target}")
    assert broken == []
