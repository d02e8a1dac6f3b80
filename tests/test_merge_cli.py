"""`readout meetings` contracts and the split/join/reset commands."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

from test_merge_support import CHINA_DAILY, MOFA, MOFA_PEOPLE, XINHUA, item

from bot import cli
from bot.store import Store

KEYS = {"id", "article", "sources", "title", "outlet", "published", "event_date", "format",
        "location", "dateline", "participants", "why"}


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def setup(tmp_path: Path) -> str:
    db = tmp_path / "x.db"
    store = Store(db)
    store.ingest(item("xinhua.txt", XINHUA))
    store.ingest(item("cd.txt", CHINA_DAILY, day=date(2025, 7, 29), outlet="China Daily"))
    store.ingest(item("mofa.txt", MOFA, people=MOFA_PEOPLE, outlet="MOFA"))
    store.close()
    return str(db)


def lines(db: str, *extra: str) -> list[dict[str, object]]:
    code, out, _ = run(["--db", db, "meetings", "--json", *extra])
    assert code == 0
    return [json.loads(ln) for ln in out.splitlines()]


def test_meetings_json_one_line_per_meeting_with_sources_and_why(tmp_path: Path) -> None:
    db = setup(tmp_path)
    [m] = lines(db)
    assert set(m) >= KEYS
    assert m["article"] == "xinhua.txt" and m["sources"] == ["xinhua.txt", "mofa.txt", "cd.txt"]
    assert [w["side"] for w in m["why"]] == ["china", "south_korea", "china"]  # type: ignore[index]
    assert all(w["why"] for w in m["why"])  # type: ignore[union-attr]
    assert lines(db, "cho") == [m] and lines(db, "iwaya") == []


def test_split_join_reset_from_the_command_line(tmp_path: Path) -> None:
    db = setup(tmp_path)
    code, out, _ = run(["--db", db, "meetings", "split", "mofa.txt"])
    assert code == 0 and "split" in out
    ms = lines(db)
    assert sorted(len(m["sources"]) for m in ms) == [1, 2]  # type: ignore[arg-type]
    code, out, _ = run(["--db", db, "meetings", "overrides"])
    assert "split" in out and "mofa.txt" in out
    target = next(m["id"] for m in ms if "xinhua.txt" in m["sources"])  # type: ignore[operator]
    code, _, _ = run(["--db", db, "meetings", "join", "mofa.txt", str(target)])
    assert code == 0 and len(lines(db)) == 1
    code, _, _ = run(["--db", db, "meetings", "reset", "mofa.txt"])
    assert code == 0 and len(lines(db)) == 1
    code, out, _ = run(["--db", db, "meetings", "overrides"])
    assert out == ""


def test_bad_corrections_get_one_line(tmp_path: Path) -> None:
    db = setup(tmp_path)
    code, _, err = run(["--db", db, "meetings", "split", "nope.txt"])
    assert code == 1 and err.count("\n") == 1 and "no indexed article" in err
    code, _, err = run(["--db", db, "meetings", "join", "mofa.txt"])
    assert code == 1 and "usage" in err
    code, _, err = run(["--db", db, "meetings", "join", "mofa.txt", "no-such-meeting"])
    assert code == 1 and "no meeting or article" in err
    assert len(lines(db)) == 1  # nothing changed


def test_export_keeps_one_line_per_statement_with_sources(tmp_path: Path) -> None:
    db = setup(tmp_path)
    code, out, _ = run(["--db", db, "export"])
    rows = [json.loads(ln) for ln in out.splitlines()]
    assert code == 0 and len(rows) == len({r["id"] for r in rows}) == 8
    shared = [r for r in rows if len(r["sources"]) == 2]
    assert shared and all(r["article"] == r["sources"][0] for r in rows)
