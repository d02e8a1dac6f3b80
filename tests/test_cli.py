"""The CLI contracts other tools read: keys, counts, rejects, re-indexing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EXPORT_KEYS = {"id", "article", "sources", "text", "speaker", "side", "event_date", "themes",
               "outlet"}
MEETING_KEYS = {"id", "article", "sources", "title", "outlet", "published", "event_date",
                "format", "location", "dateline", "participants"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "r.db")


def test_index_counts_and_reindex_adds_nothing(capsys, db):
    code, out, _ = run(capsys, "--db", db, "index", str(SEEDS), "--json")
    assert code == 0
    first = json.loads(out)
    assert first["added"] == 5 and first["rejected"] == []
    assert first["statements"] > 50
    _, exported, _ = run(capsys, "--db", db, "export")
    before = jsonl(exported)

    code, out, _ = run(capsys, "--db", db, "index", str(SEEDS), "--json")
    again = json.loads(out)
    assert (again["added"], again["unchanged"], again["statements"]) == (0, 5, 0)
    _, exported, _ = run(capsys, "--db", db, "export")
    assert jsonl(exported) == before


def test_export_and_meetings_keep_their_keys(capsys, db):
    run(capsys, "--db", db, "index", str(SEEDS))
    _, out, _ = run(capsys, "--db", db, "export")
    rows = jsonl(out)
    assert rows and all(row.keys() >= EXPORT_KEYS for row in rows)
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert isinstance(row["themes"], list)
        assert row["article"] in row["sources"]
        assert row["side"] is None or isinstance(row["side"], str)
    _, out, _ = run(capsys, "--db", db, "meetings", "--json")
    meetings = jsonl(out)
    assert meetings and all(m.keys() >= MEETING_KEYS for m in meetings)
    assert sum(len(m["sources"]) for m in meetings) == 5


def test_bad_inputs_are_named_and_the_rest_indexed(capsys, db, tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (bad / "nobody.html").write_text("<html><head><title>x</title></head><body></body></html>")
    shutil.copy(SEEDS / "000_42f8c5bc6eb1c378.txt", bad / "good.txt")
    code, out, _ = run(capsys, "--db", db, "index", str(bad), str(tmp_path / "missing.txt"))
    assert code == 3  # some inputs rejected (docs/commands.md)
    rejected = [line for line in out.splitlines() if line.startswith("rejected ")]
    named = {line.split(":", 1)[0].split("/")[-1] for line in rejected}
    assert named == {"empty.txt", "binary.txt", "nobody.html", "missing.txt"}
    assert all(len(line.split(":", 1)[1].strip()) > 3 for line in rejected)
    assert "1 added" in out


def test_changed_file_replaces_its_old_version(capsys, db, tmp_path):
    art = tmp_path / "a.txt"
    text = (SEEDS / "002_51129d58d30bfeb7.txt").read_text()
    art.write_text(text)
    run(capsys, "--db", db, "index", str(art))
    art.write_text(text.replace("increasing difficulties and challenges", "grave troubles"))
    _, out, _ = run(capsys, "--db", db, "index", str(art), "--json")
    assert json.loads(out)["replaced"] == 1
    _, exported, _ = run(capsys, "--db", db, "export")
    texts = " ".join(r["text"] for r in jsonl(exported))
    assert "grave troubles" in texts and "increasing difficulties" not in texts
    _, out, _ = run(capsys, "--db", db, "meetings", "--json")
    assert len(jsonl(out)) == 1


def test_search_with_user_junk_never_crashes(capsys, db):
    run(capsys, "--db", db, "index", str(SEEDS))
    for junk in ['"unbalanced', "NEAR(", "*", "-", "supply AND", "((", ":", "speaker:", "🙂"]:
        code, _, err = run(capsys, "--db", db, "search", junk)
        assert code in (0, 1), junk
        assert "Traceback" not in err


def test_lookups_cite_outlet_and_link_not_the_archive_file(capsys, tmp_path) -> None:
    archive = tmp_path / "saved.jsonl"
    archive.write_text(json.dumps({
        "title": "Wang Yi holds talks with Cho Hyun", "outlet": "Xinhua",
        "url": "https://example.org/talks.html", "published": "2025-09-17",
        "text": "BEIJING, Sept. 17 (Xinhua) -- Chinese Foreign Minister Wang Yi held talks with"
                " ROK Foreign Minister Cho Hyun in Beijing on Wednesday.\n\nChina opposes"
                " decoupling and the breaking of supply chains, Wang said."}) + "\n")
    db = str(tmp_path / "c.db")
    assert run(capsys, "--db", db, "index", str(archive))[0] == 0
    for argv in (("search", "decoupling"), ("theme", "supply_chains")):
        code, out, _ = run(capsys, "--db", db, *argv)
        assert code == 0 and "source: Xinhua, https://example.org/talks.html" in out, out
        assert "saved.jsonl" not in out
