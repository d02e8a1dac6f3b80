"""Renderings: JSON contract, Block Kit limits and escaping, overflow into the thread."""

from __future__ import annotations

from pathlib import Path

from test_digest_fixtures import WANG, fresh_store, korea_history, meeting

from bot.cli.core import EXPORT_KEYS
from digests import state
from digests.build import build_digest
from digests.render import render_blocks, render_json, render_text


def _digest(tmp_path: Path):
    store = fresh_store(tmp_path)
    ids = korea_history(store)
    cut = store.conn.execute(
        "SELECT min(sid) FROM statements WHERE meeting_id=?", (ids["m2025"],)).fetchone()[0]
    state.move_watermark(store, "terminal", cut - 1)
    return store, build_digest(store, "terminal")


def test_json_keys_per_contract(tmp_path: Path) -> None:
    _store, digest = _digest(tmp_path)
    out = render_json(digest)
    assert {"meetings", "themes", "silent_themes", "tone"} <= set(out)
    assert [m["event_date"] for m in out["meetings"]] == ["2025-07-28"]
    sec = next(t for t in out["themes"] if t["theme"] == "supply_chains")
    assert {"theme", "new", "earlier", "new_phrases", "repeated_phrases",
            "dropped_phrases"} <= set(sec)
    for st in sec["new"]:
        assert set(EXPORT_KEYS) <= set(st)
    for st in sec["earlier"]:
        assert set(EXPORT_KEYS) <= set(st) and isinstance(st["similarity"], float)
    assert all(set(r) >= {"phrase", "first_used", "count"} for r in sec["repeated_phrases"])
    assert {"theme": "taiwan", "side": "china", "last_raised": "2023-07-14"}.items() <= next(
        s for s in out["silent_themes"] if s["theme"] == "taiwan" and s["side"] == "china"
    ).items()
    china = next(t for t in out["tone"] if t["side"] == "china")
    assert set(china) >= {"side", "previous", "current", "delta"}


def test_text_lists_new_before_repeated_and_marks_phrases(tmp_path: Path) -> None:
    _store, digest = _digest(tmp_path)
    text = render_text(digest)
    assert '"decoupling"' in text and "«decoupling»" in text
    assert "taiwan" in text and "last raised 2023-07-14" in text
    assert text.index("new formulations") < text.index("silent themes")


def _blocks_text(blocks: list[dict]) -> str:
    out = []
    for b in blocks:
        if "text" in b:
            out.append(b["text"]["text"])
        for e in b.get("elements", []):
            out.append(e.get("text", ""))
    return "\n".join(out)


def test_blocks_escape_article_text(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    meeting(store, "evil.txt", "2025-01-01", [WANG, ("Cho Hyun", "south_korea")], [
        (WANG, "Wang said <!channel> & <@U123> relations are <b>friendly</b>.", ["relations"]),
    ])
    msgs = render_blocks(build_digest(store, "terminal"))
    text = _blocks_text(msgs.blocks) + _blocks_text([b for t in msgs.thread for b in t])
    assert "<!channel>" not in text and "<@U123>" not in text
    assert "&lt;!channel&gt;" in text and "&amp;" in text


def test_blocks_within_limits_and_overflow_goes_to_thread(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    korea_history(store)
    long_text = "Wang said that " + " ".join(f"cooperation item{i} matters" for i in range(900))
    lines = [(WANG, f"{long_text} number {n}.", ["relations", "trade"]) for n in range(40)]
    meeting(store, "huge.txt", "2026-01-05", [WANG, ("Cho Hyun", "south_korea")], lines)
    digest = build_digest(store, "terminal")
    msgs = render_blocks(digest)
    assert len(msgs.blocks) <= 50 and msgs.thread
    every = [msgs.blocks, *msgs.thread]
    for message in every:
        assert len(message) <= 50
        for b in message:
            if b["type"] == "section":
                assert len(b["text"]["text"]) <= 3000
            for e in b.get("elements", []):
                assert len(e.get("text", "")) <= 3000
    # Nothing silently cut: every new statement's closing words appear somewhere.
    joined = "\n".join(_blocks_text(m) for m in every)
    for n in range(40):
        assert f"number {n}." in joined
    assert "Continued in the thread" in _blocks_text(msgs.blocks)
    assert msgs.text.startswith("Readout digest:")


def test_empty_digest_renders_plainly(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    digest = build_digest(store, "terminal")
    assert digest.empty
    assert "Nothing new" in render_text(digest)
    assert render_blocks(digest).blocks[0]["type"] == "header"
    assert render_json(digest)["themes"] == []


def test_slack_channel_message_opens_with_what_moved(tmp_path: Path) -> None:
    _store, digest = _digest(tmp_path)
    msgs = render_blocks(digest)
    texts = [_blocks_text([b]) for b in msgs.blocks]
    first_section = next(i for i, b in enumerate(msgs.blocks) if b["type"] == "section")
    assert "What moved" in texts[first_section]
    assert "decoupling" in texts[first_section]
    assert msgs.text.startswith("Readout digest:") and "decoupling" in msgs.text
    # Each statement once, with its themes.
    joined = "\n".join(_blocks_text(m) for m in [msgs.blocks, *msgs.thread])
    assert joined.count("jointly oppose") == 1


def test_big_digest_keeps_the_channel_message_short(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    korea_history(store)
    state.move_watermark(store, "terminal", state.max_sid(store))
    lines = [(WANG, f"Wang said the two sides should promote project number {n} in"
                    f" region {n}.", ["relations", "trade"]) for n in range(30)]
    meeting(store, "big.txt", "2026-01-05", [WANG, ("Cho Hyun", "south_korea")], lines)
    msgs = render_blocks(build_digest(store, "terminal"))
    assert len(msgs.blocks) <= 12 and msgs.thread
    assert "Continued in the thread" in _blocks_text(msgs.blocks)


def test_json_summary_bullets(tmp_path: Path) -> None:
    _store, digest = _digest(tmp_path)
    out = render_json(digest)
    assert out["summary"] and len(out["summary"]) <= 8
    for b in out["summary"]:
        assert {"text", "kind", "theme", "side", "statements", "sources"} <= set(b)
        assert b["kind"] in {"tone", "silence", "only", "changed", "new", "dropped", "repeated"}
        for s in b["sources"]:
            assert set(s) == {"outlet", "date", "url"}
    assert sum(len(b["text"].split()) for b in out["summary"]) <= 150
