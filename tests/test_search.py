"""Search behaviour, run against every engine through one parametrized fixture."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_search_data import ARTICLES, indexed_article, make_store, oracle

from bot.errors import QueryError
from bot.search import search, sync_index
from bot.search.index import forget_indexes, index_for
from bot.store import Store

ENGINES = ["tantivy", "fts5"]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("READOUT_SEARCH_ENGINE", request.param)
    forget_indexes()
    yield request.param
    forget_indexes()


@pytest.fixture
def store(tmp_path: Path, engine: str) -> Store:
    return make_store(tmp_path / "x.db")


def texts(store: Store, query: str, limit: int = 50) -> list[str]:
    return [h["text"] for h in search(store, query, limit=limit).hits]


def ids(store: Store, query: str) -> set[str]:
    res = search(store, query, limit=100)
    assert res.total == len(res.hits)
    return {h["id"] for h in res.hits}


def test_index_lives_beside_the_database(store: Store, engine: str) -> None:
    search(store, "trade")
    assert (Path(f"{store.path}.search") / engine / "readout-index.json").exists()


def test_stemmed_words_match_all_forms(store: Store) -> None:
    found = texts(store, "chain")
    assert len(found) == 4  # "supply chains" x3 (two identical texts) and "supply chain of"
    assert all("chain" in t for t in found)


def test_hits_are_export_dicts_with_exact_total(store: Store) -> None:
    res = search(store, "supply", limit=2)
    assert res.total == 4
    assert len(res.hits) == 2
    hit = res.hits[0]
    assert {"id", "article", "sources", "text", "speaker", "side", "event_date", "themes",
            "outlet", "meeting", "sid"} <= hit.keys()


def test_phrase_matches_exactly_and_in_order(store: Store) -> None:
    assert set(texts(store, '"supply chains"')) == {
        "China and South Korea should maintain stable supply chains, Wang said.",
        "Wang said both countries should keep supply chains stable and open.",
    }
    assert texts(store, '"chains supply"') == []


def test_all_words_must_match(store: Store) -> None:
    assert texts(store, "supply semiconductors") == [
        "Cho said the supply chain of semiconductors must stay open."]


def test_exclusion(store: Store) -> None:
    found = texts(store, "supply -semiconductors -\"keep supply\"")
    assert len(found) == 2 and all("maintain stable" in t for t in found)


def test_speaker_surname_and_full_name(store: Store) -> None:
    assert ids(store, "speaker:wang") == oracle(store, {"Wang Yi"})
    assert ids(store, "speaker:cho") == oracle(store, {"Cho Tae-yul", "Cho Hyun"})
    assert ids(store, 'speaker:"cho hyun"') == oracle(store, {"Cho Hyun"})
    assert ids(store, "speaker:Cho-Tae-yul") == oracle(store, {"Cho Tae-yul"})
    assert ids(store, "speaker:both") == oracle(store, {"both"})
    assert ids(store, "speaker:park|both") == oracle(store, {"Park Jin", "both"})


def test_speaker_filter_with_words_and_dates(store: Store) -> None:
    assert ids(store, "supply speaker:wang since:2025") == oracle(
        store, {"Wang Yi"}, since="2025-01-01", words=("supply",))
    assert ids(store, "speaker:cho until:2024-12") == oracle(
        store, {"Cho Tae-yul", "Cho Hyun"}, until="2024-12-31")


def test_registry_speaker_known_before_any_statement(store: Store) -> None:
    # Xi Jinping is in the registry but says nothing here: a valid filter with no hits.
    assert search(store, "speaker:xi").total == 0


def test_unknown_speaker_lists_known_ones(store: Store) -> None:
    with pytest.raises(QueryError, match=r"unknown speaker 'nobody'.*Cho Hyun.*Wang Yi"):
        search(store, "speaker:nobody")


def test_side_filter(store: Store) -> None:
    korean = {h["side"] for h in search(store, "side:korea", limit=100).hits}
    assert korean == {"south_korea"}
    assert ids(store, "side:rok|prc") == oracle(
        store, {"Wang Yi", "Park Jin", "Cho Tae-yul", "Cho Hyun"})


def test_theme_filter_by_id_and_by_word(store: Store) -> None:
    assert ids(store, "theme:supply_chains") == oracle(store, theme="supply_chains")
    assert ids(store, 'theme:"supply chains"') == oracle(store, theme="supply_chains")
    assert ids(store, "theme:third_parties") == oracle(store, theme="third_parties")


def test_theme_words_resolve_through_the_taxonomy(store: Store) -> None:
    from bot.analysis.themes import default_taxonomy

    word = next((w for w in ("protectionism", "unilateralism", "decoupling")
                 if getattr(default_taxonomy(), "resolve", lambda _: None)(w) == "free_trade"),
                None)
    if word is None:
        pytest.skip("this taxonomy has no Taxonomy.resolve for free_trade words")
    res = search(store, f"theme:{word}")
    assert res.filters["theme"] == ["free_trade"]
    assert ids(store, f"theme:{word}") == oracle(store, theme="free_trade")


def test_unknown_theme_lists_theme_ids(store: Store) -> None:
    with pytest.raises(QueryError, match=r"unknown theme 'weather'.*taiwan"):
        search(store, "theme:weather")


def test_date_range(store: Store) -> None:
    assert ids(store, "since:2024-12 until:2025-07") == oracle(
        store, since="2024-12-01", until="2025-07-31")
    assert ids(store, "until:2023") == oracle(store, until="2023-12-31")


def test_outlet_filter(store: Store) -> None:
    assert {h["outlet"] for h in search(store, "outlet:xinhua", limit=50).hits} == {"Xinhua"}
    assert {h["outlet"] for h in search(store, "outlet:\"people's daily\"").hits} == {
        "People's Daily"}


def test_filters_only_list_newest_first(store: Store) -> None:
    res = search(store, "side:korea|china|both", limit=100)
    keys = [(h["event_date"], h["sid"]) for h in res.hits]
    assert keys == sorted(keys, reverse=True)
    assert res.total == sum(len(rows) for *_, rows in ARTICLES) - 1  # the narration


def test_empty_query_lists_everything_newest_first(store: Store) -> None:
    res = search(store, "", limit=3)
    assert res.total == store.counts()["statements"]
    assert res.hits[0]["event_date"] == "2025-08-01"


def test_equal_scores_are_ordered_by_recency(store: Store) -> None:
    res = search(store, '"maintain stable supply chains"')
    assert [h["event_date"] for h in res.hits] == ["2025-08-01", "2023-07-14"]


def test_pagination_is_consistent(store: Store) -> None:
    full = [h["id"] for h in search(store, "said", limit=100).hits]
    pages = [h["id"] for off in range(0, len(full), 3)
             for h in search(store, "said", limit=3, offset=off).hits]
    assert pages == full
    assert search(store, "said", limit=3, offset=len(full)).hits == []


def test_filters_are_reported(store: Store) -> None:
    res = search(store, "trade speaker:wang side:china theme:trade since:2024")
    assert res.filters == {"speaker": ["wang"], "side": ["china"], "theme": ["trade"],
                           "since": "2024-01-01"}


@pytest.mark.parametrize("hostile", [
    '"', '"""', "NEAR(", "NEAR(wang cho, 3)", "*", "wang*", "-", "--", "- -wang",
    "wang AND", "AND", "OR OR", "((wang", "wang)", ":", "::", "speaker", "side:",
    "🇨🇳🤝🇰🇷", "\x00", "'; DROP TABLE statements; --", "text:wang", "rank:1",
    "{wang}", "^wang", "wang^2", "a" * 900, "\\", "wang~2", "+wang", "[1 TO 2]",
])
def test_no_input_breaks_a_query(store: Store, hostile: str) -> None:
    try:
        res = search(store, hostile)
    except QueryError as exc:
        assert "\n" not in str(exc)
        return
    assert res.total >= len(res.hits)
    assert store.counts()["statements"] == 11


def test_replaced_article_leaves_the_index(store: Store) -> None:
    source, outlet, day, other, _ = ARTICLES[1]
    new_rows = [("Wang said cooperation on batteries should grow.", ("Wang Yi", "china"),
                 ["trade"])]
    store.ingest(indexed_article(source, outlet, day, other, new_rows))
    sync_index(store)
    assert texts(store, "semiconductors") == []
    assert texts(store, "batteries") == ["Wang said cooperation on batteries should grow."]


def test_removed_article_leaves_the_index(store: Store) -> None:
    aid = next(a["id"] for a in store.articles() if a["source"] == "a2.html")
    assert store.remove_article(aid)
    assert texts(store, "taiwan") == []  # search catches up with the journal by itself


def test_speaker_added_by_another_handle_is_known(store: Store, tmp_path: Path) -> None:
    search(store, "speaker:wang")  # names cached
    other = Store(store.path)
    rows = [("Yoon said the alliance is strong.", ("Yoon Suk Yeol", "south_korea"), [])]
    other.ingest(indexed_article("a9.txt", "Xinhua", ARTICLES[0][2], ("Yoon Suk Yeol",
                                                                       "south_korea"), rows))
    rows = [("Zed said nothing new.", ("Zed Unregistered", "south_korea"), [])]
    other.ingest(indexed_article("a10.txt", "Xinhua", ARTICLES[0][2], ("Zed Unregistered",
                                                                        "south_korea"), rows))
    assert texts(store, "speaker:zed") == ["Zed said nothing new."]


def test_index_counts_match_store(store: Store, engine: str) -> None:
    idx = index_for(store, engine)
    assert idx.open().count() == store.counts()["statements"]


def test_reindex_command(tmp_path: Path, engine: str, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from bot.cli import search as cli_search

    db = tmp_path / "x.db"
    make_store(db)
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    cli_search.register(parser.add_subparsers())
    args = parser.parse_args(["--db", str(db), "reindex"])
    assert args.func(args) == 0
    assert f"({engine}) rebuilt: 11 statements" in capsys.readouterr().out
    args = parser.parse_args(["--db", str(db), "reindex", "--sync"])
    assert args.func(args) == 0
    assert "applied 0 pending changes" in capsys.readouterr().out
    assert search(Store(db), "taiwan").total == 1
