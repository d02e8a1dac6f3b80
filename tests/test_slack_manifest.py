"""The manifest asks for exactly what the code uses, and every Block Kit surface the app builds
validates against slack_sdk's models and Slack's limits.

Scopes are derived, not listed by hand: the Web API methods the code calls (found in the
source), the events it listens to, and its slash command and shortcut, each mapped to the
scopes Slack's method and event reference pages give. A method the table does not know fails
the test, so a new call cannot slip in without its scope.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from slack_fake.blockkit import problems
from slack_sdk import WebClient

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = yaml.safe_load((ROOT / "manifest.yml").read_text())
SOURCES = [*sorted((ROOT / "bot" / "slack").glob("*.py")), ROOT / "digests" / "post.py",
           ROOT / "digests" / "schedule.py", ROOT / "bot" / "cli" / "slack.py"]

# Slack's method reference: the bot scopes each method needs (channels only, not DMs).
METHOD_SCOPES: dict[str, set[str]] = {
    "chat_postMessage": {"chat:write"},
    "chat_update": {"chat:write"},
    "chat_postEphemeral": {"chat:write"},
    "chat_unfurl": {"links:write"},
    "conversations_history": {"channels:history", "groups:history"},
    "conversations_replies": {"channels:history", "groups:history"},
    "conversations_info": {"channels:read", "groups:read"},
    "conversations_join": {"channels:join"},
    "users_conversations": {"channels:read", "groups:read"},
    "users_info": {"users:read"},
    "views_publish": set(), "views_open": set(), "views_update": set(),
    "files_upload_v2": {"files:write"},
    "auth_test": set(), "api_test": set(), "oauth_v2_access": set(),
    "apps_connections_open": set(),  # the app-level token's connections:write
}
EVENT_SCOPES: dict[str, set[str]] = {
    "app_mention": {"app_mentions:read"}, "message.im": {"im:history"},
    "link_shared": {"links:read"}, "app_home_opened": set(), "tokens_revoked": set(),
    "app_uninstalled": set(),
}
API_METHODS = {n for n in dir(WebClient) if not n.startswith("_") and "_" in n
               and callable(getattr(WebClient, n))} - {"api_call"}


def used_methods() -> dict[str, list[str]]:
    """Web API methods called anywhere in the Slack-facing code: `x.chat_postMessage(...)`."""
    found: dict[str, list[str]] = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in API_METHODS):
                found.setdefault(node.func.attr, []).append(path.name)
    return found


def registered_events() -> set[str]:
    out = set()
    for path in SOURCES:
        for m in re.finditer(r'@app\.event\("(\w+)"\)', path.read_text()):
            out.add("message.im" if m.group(1) == "message" else m.group(1))
    return out


def test_the_code_calls_only_methods_whose_scopes_are_known() -> None:
    unknown = set(used_methods()) - set(METHOD_SCOPES)
    assert unknown == set(), f"add these to METHOD_SCOPES with their scopes: {unknown}"


def test_manifest_scopes_are_exactly_what_the_code_uses() -> None:
    from bot.slack.settings import BOT_SCOPES

    needed = set().union(*(METHOD_SCOPES[m] for m in used_methods()))
    needed |= set().union(*(EVENT_SCOPES[e] for e in MANIFEST["settings"]["event_subscriptions"]
                            ["bot_events"]))
    if MANIFEST["features"].get("slash_commands") or MANIFEST["features"].get("shortcuts"):
        needed.add("commands")
    declared = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert declared == needed, (f"missing: {sorted(needed - declared)},"
                                f" unused: {sorted(declared - needed)}")
    assert set(BOT_SCOPES) == declared  # what the OAuth install asks for


def test_manifest_events_are_the_ones_the_app_listens_to() -> None:
    events = set(MANIFEST["settings"]["event_subscriptions"]["bot_events"])
    assert events == registered_events()


def test_manifest_features_match_the_app() -> None:
    from bot.slack.listen_commands import SHORTCUT_RELATED

    feats = MANIFEST["features"]
    assert [c["command"] for c in feats["slash_commands"]] == ["/readout"]
    assert [s["callback_id"] for s in feats["shortcuts"]] == [SHORTCUT_RELATED]
    assert feats["shortcuts"][0]["type"] == "message"
    assert 1 <= len(feats["unfurl_domains"]) <= 5
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    for url in (MANIFEST["settings"]["event_subscriptions"]["request_url"],
                MANIFEST["settings"]["interactivity"]["request_url"],
                feats["slash_commands"][0]["url"]):
        assert url.endswith("/slack/events")


def test_the_scope_check_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(METHOD_SCOPES, "views_open", {"im:write"})
    with pytest.raises(AssertionError, match="missing: \\['im:write'\\]"):
        test_manifest_scopes_are_exactly_what_the_code_uses()


# -- Block Kit ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from slack_fake.harness import seeded_db

    from bot.store import Store

    return Store(seeded_db(tmp_path_factory.mktemp("bk") / "readout.db"))


def _messages(store: Any) -> list[tuple[str, dict[str, Any]]]:
    from bot.slack import answers, commands
    from bot.slack.settings import Settings

    out = []
    for name, ans in (
        ("help", answers.help_answer()), ("themes", answers.themes_answer()),
        ("problem", answers.problem_answer("x <!channel> " * 300)),
        ("search", answers.search_answer(store, "China")),
        ("search-none", answers.search_answer(store, "zqxnothing")),
        ("theme", answers.theme_answer(store, "supply_chains")),
        ("phrase", answers.phrase_answer(store, "decoupling")),
        ("meetings", answers.meetings_answer(store, None)),
        ("related", answers.related_answer(store, "supply chains and Taiwan <!here>")),
        ("question", answers.answer_question(store, "has Korea talked about trade?")),
    ):
        out += [(name, m) for m in ans.messages()]
    inv = commands.Invocation("digest", "U1", "C1", "T1", Settings(), store)
    out += [("digest", m) for m in commands.run(inv).messages()]
    return out


def test_every_answer_validates_as_block_kit(store: Any) -> None:
    msgs = _messages(store)
    # every surface produced at least one message (the digest preview may be one or several)
    assert {name for name, _ in msgs} == {"help", "themes", "problem", "search", "search-none",
                                          "theme", "phrase", "meetings", "related", "question",
                                          "digest"}
    bad = {name: found for name, m in msgs if (found := problems("chat.postMessage", m))}
    assert bad == {}


def test_home_form_unfurl_and_notices_validate(store: Any) -> None:
    from bot.slack import subscribing
    from bot.slack.home import home_view
    from digests.subscriptions import subscribe, workspace_subscriptions

    for i in range(30):  # more than the Home lists
        subscribe(store, f"C{i:03d}", "weekly" if i % 2 else "daily", team_id="T1",
                  created_by="UALICE1", themes=["taiwan"] if i % 3 else None)
    subs = workspace_subscriptions(store, "T1")
    subs[0].last_error, subs[0].last_error_at = "not_in_channel", "2026-01-01T00:00:00+00:00"
    subs[1].paused = True
    view = home_view(store, subs).to_dict()
    assert problems("views.publish", {"view": view}) == []
    assert len(view["blocks"]) <= 100
    form = subscribing.modal("Asia/Seoul", sub=subs[1])
    assert problems("views.open", {"view": json.dumps(form)}) == []
    assert problems("views.open", {"view": subscribing.modal("UTC")}) == []
    assert problems("chat.postMessage", subscribing.announcement(subs[0])) == []


def test_the_block_kit_check_can_fail() -> None:
    too_long = {"text": "x", "blocks": [{"type": "header", "text": {
        "type": "plain_text", "text": "h" * 151}}]}
    assert problems("chat.postMessage", too_long)
    unknown = {"text": "x", "blocks": [{"type": "sectionn"}]}
    assert problems("chat.postMessage", unknown)
    assert problems("chat.postMessage", {"text": "x", "blocks": [{"type": "divider"}] * 51})
