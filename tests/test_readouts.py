"""The two governments' readouts of one meeting, compared theme by theme."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_merge_support import CHINA_DAILY, IWAYA, MOFA, MOFA_PEOPLE, WANG, XINHUA, item

from bot import cli
from bot.errors import NotFoundError
from bot.lookups import readouts
from bot.store import Store


def indexed(tmp_path: Path) -> tuple[Store, str]:
    store = Store(tmp_path / "x.db")
    store.ingest(item("xinhua.txt", XINHUA))
    store.ingest(item("cd.txt", CHINA_DAILY, day=date(2025, 7, 29), outlet="China Daily"))
    store.ingest(item("mofa.txt", MOFA, people=MOFA_PEOPLE, outlet="MOFA",
                      url="https://www.mofa.go.kr/eng/x"))
    [m] = store.meetings()
    return store, m["id"]


def theme(result: dict[str, Any], tid: str) -> dict[str, Any]:
    [row] = [r for r in result["themes"] if r["theme"] == tid]
    return row


def test_each_side_and_the_themes_only_one_side_reported(tmp_path: Path) -> None:
    store, mid = indexed(tmp_path)
    r = readouts.compare(store, mid)
    assert r["meeting"]["id"] == mid and r["compared"] and r["sides"] == ["china", "south_korea"]
    assert sorted(s["side"] for s in r["sources"]) == ["china", "china", "south_korea"]
    assert theme(r, "relations")["reported_by"] == ["china", "south_korea"]
    assert theme(r, "relations")["only"] is None
    assert theme(r, "supply_chains")["only"] == "china"
    assert theme(r, "free_trade")["by_side"]["south_korea"] == []
    assert theme(r, "peninsula")["only"] == "south_korea"
    assert "peninsula" in r["only"]["south_korea"] and "free_trade" in r["only"]["china"]
    # a reprinted statement is listed once for China, with both Chinese sources
    [dec] = [s for s in theme(r, "free_trade")["by_side"]["china"]]
    assert dec["sources"] == ["xinhua.txt", "cd.txt"] and dec["reported_by"] == ["china"]


def test_what_a_side_reported_the_other_side_saying(tmp_path: Path) -> None:
    store, mid = indexed(tmp_path)
    r = readouts.compare(store, mid)
    # China's readouts have Cho speak of history; Seoul's release does not mention it
    hist = theme(r, "history")
    assert hist["only"] == "china"
    [said] = hist["by_side"]["china"]
    assert said["speaker"] == "Cho Hyun" and said["speaker_side"] == "south_korea"
    assert said["other_side"] is True
    # and Seoul reports Wang's words on relations in its own wording
    wang_in_seoul = [s for s in theme(r, "relations")["by_side"]["south_korea"]
                     if s["speaker"] == "Wang Yi"]
    assert wang_in_seoul and wang_in_seoul[0]["text"].startswith("Foreign Minister Wang Yi")


def test_one_sided_meeting_says_there_is_nothing_to_compare(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.ingest(item("xinhua.txt", XINHUA))
    r = readouts.compare(store, store.meetings()[0]["id"])
    assert not r["compared"] and all(row["only"] is None for row in r["themes"])
    assert "nothing to compare" in readouts.render_text(r)


def test_unknown_outlet_is_listed_but_not_a_side(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.ingest(item("xinhua.txt", XINHUA))
    store.ingest(item("blog.txt", MOFA, outlet="Some Blog"))
    r = readouts.compare(store, store.meetings()[0]["id"])
    assert r["sides"] == ["china"] and "unknown" in theme(r, "relations")["by_side"]
    assert theme(r, "peninsula")["reported_by"] == []


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def test_cli_meeting_by_id_and_date(tmp_path: Path) -> None:
    store, mid = indexed(tmp_path)
    db = str(tmp_path / "x.db")
    code, out, _ = run(["--db", db, "meeting", mid, "--json"])
    data = json.loads(out)
    assert code == 0 and set(data) >= {"meeting", "sources", "themes"}
    assert all({"theme", "reported_by", "by_side"} <= set(t) for t in data["themes"])
    code, text, _ = run(["--db", db, "meeting", "2025-07-28"])
    assert code == 0 and "only china" in text and "only south_korea" in text
    # a second meeting that day: the date is ambiguous, the user is asked for an id
    store.ingest(item("iwaya.txt", [("China and Japan are close neighbors, Wang said.",
                                     "Wang Yi", ["relations"])], people=[WANG, IWAYA]))
    code, out, err = run(["--db", db, "meeting", "2025-07-28"])
    assert code == 1 and "give" not in out and len(out.splitlines()) == 2 and "ids above" in err
    code, _, err = run(["--db", db, "meeting", "1999-01-01"])
    assert code == 1 and "no meeting" in err


def test_resolve_meeting_errors(tmp_path: Path) -> None:
    store, _ = indexed(tmp_path)
    with pytest.raises(NotFoundError):
        readouts.resolve_meeting(store, "nope")


def test_a_copy_counts_for_its_own_outlets_side(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.ingest(item("xinhua.txt", XINHUA))
    # a Korean paper running the Xinhua text word for word
    out = store.ingest(item("herald.txt", XINHUA, outlet="The Korea Herald",
                            title="Report xinhua.txt"))
    assert out.status == "duplicate"
    r = readouts.compare(store, store.meetings()[0]["id"])
    assert r["sides"] == ["china", "south_korea"]
    assert theme(r, "supply_chains")["reported_by"] == ["china", "south_korea"]
