"""Lookups shared by the CLI and Slack, on the seeds indexed through the real pipeline."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from bot.errors import NotFoundError, QueryError
from bot.store import Store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from bot.pipeline.ingest import index_sources

    s = Store(tmp_path_factory.mktemp("lookups") / "x.db")
    report = index_sources(s, [str(SEEDS)])
    assert report.added == 5 and not report.rejected
    return s


def test_theme_timeline_is_newest_first_and_pages(store: Store) -> None:
    from bot.lookups.queries import theme_timeline

    first = theme_timeline(store, "supply_chains", limit=3)
    assert len(first.items) == 3 and first.more
    rest = theme_timeline(store, "supply_chains", limit=100, offset=3)
    items = first.items + rest.items
    keys = [(s["event_date"], s["sid"]) for s in items]
    assert keys == sorted(keys, reverse=True)
    assert all("supply_chains" in s["themes"] for s in items)
    tagged = [s for s in store.iter_statements() if "supply_chains" in s["themes"]]
    assert len(items) == len(tagged)


def test_earlier_on_theme_stops_before_a_statement(store: Store) -> None:
    from bot.lookups.queries import theme_timeline

    newest = theme_timeline(store, "supply_chains", limit=1).items[0]
    earlier = theme_timeline(store, "supply_chains", limit=100,
                             before=(newest["event_date"], newest["sid"])).items
    assert newest["sid"] not in {s["sid"] for s in earlier}
    assert all((s["event_date"], s["sid"]) < (newest["event_date"], newest["sid"])
               for s in earlier)


def test_unknown_theme_lists_valid_ones(store: Store) -> None:
    from bot.lookups.queries import theme_timeline

    with pytest.raises(QueryError, match="supply_chains"):
        theme_timeline(store, "nosuch")


def test_phrase_first_use_and_every_use(store: Store) -> None:
    from bot.lookups.queries import phrase_uses

    uses = phrase_uses(store, '"decoupling"', limit=50)
    assert uses.first is not None and uses.first["speaker"] == "Wang Yi"
    assert uses.first["event_date"].startswith("2025-07")
    assert all("decoupling" in u["text"].lower() for u in uses.uses)
    chain = phrase_uses(store, "supply chains", limit=50)
    dates = [u["event_date"] for u in chain.uses]
    assert dates == sorted(dates) and chain.first == chain.uses[0]


def test_meetings_by_person(store: Store) -> None:
    from bot.lookups.queries import meetings_by_person

    park = meetings_by_person(store, "Park Jin")
    assert len(park) == 2 and all(m["event_date"].startswith("2023") for m in park)
    assert [m["event_date"] for m in park] == sorted((m["event_date"] for m in park),
                                                     reverse=True)
    assert len(meetings_by_person(store, "Cho Hyun")) == 1
    with pytest.raises(NotFoundError):
        meetings_by_person(store, "Nobody Atall")


def test_compare_by_year_and_theme(store: Store) -> None:
    from bot.lookups.queries import compare_meetings

    cmp = compare_meetings(store, "2023", "2025", theme="supply_chains",
                           meeting_format="phone_call")
    assert cmp.a["event_date"].startswith("2023") and cmp.b["event_date"].startswith("2025")
    assert cmp.b["format"] == "phone_call"
    [row] = cmp.rows
    assert row.theme == "supply_chains"
    assert any("decoupling" in s["text"] for s in row.b)
    assert all(s["meeting"] == cmp.a["id"] for s in row.a)


def test_compare_every_theme_in_either_meeting(store: Store) -> None:
    from bot.lookups.queries import compare_meetings

    ms = store.meetings()
    cmp = compare_meetings(store, ms[0]["id"], ms[-1]["id"])
    themes_a = {t for s in store.iter_statements("s.meeting_id=?", (ms[0]["id"],))
                for t in s["themes"]}
    themes_b = {t for s in store.iter_statements("s.meeting_id=?", (ms[-1]["id"],))
                for t in s["themes"]}
    assert {r.theme for r in cmp.rows} == themes_a | themes_b


def test_unknown_meeting_reference(store: Store) -> None:
    from bot.lookups.queries import find_meeting

    with pytest.raises(NotFoundError, match="no meeting on 1999"):
        find_meeting(store, "1999")
    with pytest.raises(NotFoundError, match="meeting id or a date"):
        find_meeting(store, "yesterday")


def test_home_stats(store: Store) -> None:
    from bot.lookups.queries import home_stats

    stats = home_stats(store)
    assert stats["articles"] == 5 and stats["meetings"] == 5
    assert stats["latest_meeting"]["event_date"].startswith("2025-07")


def _cli(store: Store, *argv: str) -> str:
    from bot.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--db", str(store.path), *argv]) == 0
    return out.getvalue()


def test_cli_theme_phrase_compare_ask(store: Store) -> None:
    assert "supply chains" in _cli(store, "theme", "supply_chains").lower()
    rows = [json.loads(line) for line in _cli(store, "phrase", "decoupling", "--json")
            .splitlines()]
    assert rows[0]["speaker"] == "Wang Yi" and rows[0]["event_date"].startswith("2025-07")
    out = _cli(store, "compare", "2023", "2025", "--theme", "supply_chains")
    assert "supply_chains" in out and "decoupling" in out
    ask = _cli(store, "ask", "when was 'decoupling' first used?")
    assert "first used" in ask.lower() and "Wang Yi" in ask


def test_phrase_scan_path_agrees_with_sorted_hits(store: Store, monkeypatch: object) -> None:
    """Above the sort cap the chronological SQL scan must give the same first use and pages."""
    import bot.lookups.queries as lk

    sorted_pages = [lk.phrase_uses(store, "China", limit=4, offset=o) for o in (0, 4, 8)]
    monkeypatch.setattr(lk, "PHRASE_SORT_CAP", 0)  # type: ignore[attr-defined]
    scanned = [lk.phrase_uses(store, "China", limit=4, offset=o) for o in (0, 4, 8)]
    assert scanned[0].first["sid"] == sorted_pages[0].first["sid"]
    for a, b in zip(sorted_pages, scanned, strict=True):
        assert [u["event_date"] for u in a.uses] == [u["event_date"] for u in b.uses]
        assert a.more == b.more


def test_meetings_of_a_minister_with_an_accented_name(tmp_path: Path) -> None:
    """The participants are stored as JSON ("Szijj\\u00e1rt\\u00f3"): looked up as written,
    or by the name without its accents, the minister's meetings are found."""
    from bot.lookups.queries import meetings_by_person
    from bot.pipeline.ingest import index_sources

    (tmp_path / "call.txt").write_text(
        "Wang Yi Speaks with Hungarian Foreign Minister on the Phone\n\n"
        "BEIJING, March 17, 2025 (Xinhua) -- Chinese Foreign Minister Wang Yi spoke with"
        " Hungarian Foreign Minister Peter Szijjarto on the phone on Monday.\n\n"
        "Wang said the two sides should keep in close touch.\n")
    store = Store(tmp_path / "accents.db")
    try:
        index_sources(store, [str(tmp_path / "call.txt")])
        for asked in ("Péter Szijjártó", "Szijjártó", "Peter Szijjarto", "szijjarto"):
            found = meetings_by_person(store, asked)
            assert [m["event_date"] for m in found] == ["2025-03-17"], asked
    finally:
        store.close()
