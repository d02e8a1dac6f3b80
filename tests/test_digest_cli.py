"""`readout digest`: watermarks per destination, --dry-run, --since, --json, bad input."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from test_digest_fixtures import WANG, fresh_store, korea_history, meeting

from bot.cli import digest as cli
from digests import state


def run(db: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    sub = parser.add_subparsers()
    cli.register(sub)
    args = parser.parse_args(["--db", str(db), *argv])
    from bot.errors import ReadoutError

    try:
        code = args.func(args)
    except ReadoutError as exc:
        print(f"readout: {exc}", file=__import__("sys").stderr)
        code = 1
    out = capsys.readouterr()
    return code, out.out, out.err


def test_plain_digest_moves_terminal_watermark_dry_run_does_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.db"
    store = fresh_store(tmp_path)
    korea_history(store)
    code, out, _ = run(db, "digest", "--dry-run", capsys=capsys)
    # A first digest covers the latest meeting (3 statements), not the whole history.
    assert code == 0 and "3 new statements" in out
    assert state.watermark(store, "terminal") == 0
    code, out, _ = run(db, "digest", capsys=capsys)
    assert "3 new statements" in out
    assert state.watermark(store, "terminal") == state.max_sid(store)
    code, out, _ = run(db, "digest", capsys=capsys)
    assert "Nothing new" in out
    meeting(store, "later.txt", "2026-02-02", [WANG, ("Cho Hyun", "south_korea")], [
        (WANG, "Wang said relations show positive momentum.", ["relations"]),
        (WANG, "China is ready to work with South Korea to deepen cooperation in trade, culture"
               " and people-to-people exchanges and to keep supply chains stable, Wang said.",
         ["trade", "exchanges"]),
        (WANG, "The two countries are close neighbors and should respect each other, Wang said.",
         ["relations"]),
    ])
    code, out, _ = run(db, "digest", "--json", capsys=capsys)
    data = json.loads(out)
    assert [m["event_date"] for m in data["meetings"]] == ["2026-02-02"]
    assert data["tone"][0]["previous"] is not None


def test_since_covers_by_event_date_and_keeps_watermark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.db"
    store = fresh_store(tmp_path)
    korea_history(store)
    _code, out, _ = run(db, "digest", "--since", "2024-01-01", "--json", capsys=capsys)
    data = json.loads(out)
    assert sorted(m["event_date"] for m in data["meetings"]) == ["2024-12-24", "2025-07-28"]
    assert state.watermark(store, "terminal") == 0


def test_bad_input_gets_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "x.db"
    code, _out, err = run(db, "digest", "--since", "yesterday", capsys=capsys)
    assert code == 1 and "--since wants a date" in err and err.count("\n") == 1
    code, _out, err = run(db, "digest", "--theme", "taiwn", capsys=capsys)
    assert code == 1 and "unknown theme taiwn" in err


def test_post_dry_run_prints_blocks_without_posting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.db"
    store = fresh_store(tmp_path)
    korea_history(store)
    code, out, _ = run(db, "digest", "--post", "C1", "--dry-run", capsys=capsys)
    data = json.loads(out)
    assert code == 0 and data["blocks"][0]["type"] == "header"
    assert state.watermark(store, "C1") == 0


def test_demo_digest_shows_latest_meeting_without_watermark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = fresh_store(tmp_path)
    korea_history(store)
    cli.print_demo_digest(store)
    out = capsys.readouterr().out
    assert "2025-07-28" in out and "decoupling" in out
    assert state.watermark(store, "terminal") == 0


def test_preview_uses_the_channel_subscription_and_moves_nothing(tmp_path: Path) -> None:
    from digests.subscriptions import preview_digest, subscribe

    store = fresh_store(tmp_path)
    korea_history(store)
    subscribe(store, "C9", "weekly", themes=["taiwan"])
    digest = preview_digest(store, "C9")
    assert {s.theme for s in digest.sections} == {"taiwan"}
    assert state.watermark(store, "C9") == 0
    # Unsubscribed, the first digest is the latest meeting, on all its themes.
    assert len({s.theme for s in preview_digest(store, "C-unsubscribed").sections}) > 1


def test_post_goes_to_slack_api_url_once(tmp_path, capsys, monkeypatch) -> None:
    """`readout digest --post` as an operator runs it: token and API URL from the environment."""
    from slack_fake import FakeSlack

    from bot.cli import main

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    fake = FakeSlack().start()
    try:
        db = str(tmp_path / "post.db")
        assert main(["--db", db, "index", str(seeds)]) == 0
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
        monkeypatch.setenv("SLACK_API_URL", fake.base_url)
        capsys.readouterr()
        assert main(["--db", db, "digest", "--post", "C1"]) == 0
        out, err = capsys.readouterr()
        posts = fake.of("chat.postMessage")
        assert posts and {c.params["channel"] for c in posts} == {"C1"}
        assert "xoxb-test" not in out + err
        # Delivered: the channel's watermark moved, so nothing new is posted again.
        assert main(["--db", db, "digest", "--post", "C1"]) == 0
        assert len(fake.of("chat.postMessage")) == len(posts)
    finally:
        fake.stop()
