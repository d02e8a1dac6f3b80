"""The store merges reports of one meeting and reprinted sentences, and keeps corrections."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_merge_support import (
    CHINA_DAILY,
    IWAYA,
    MOFA,
    MOFA_PEOPLE,
    WANG,
    XINHUA,
    item,
)

from bot.store import Store, regroup

CD_URL = "https://www.chinadaily.com.cn/a/202507/29/WS1.html"
MOFA_URL = "https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=1"


def three(store: Store) -> None:
    store.ingest(item("xinhua.txt", XINHUA))
    store.ingest(item("chinadaily.txt", CHINA_DAILY, day=date(2025, 7, 29), outlet="China Daily",
                      url=CD_URL))
    store.ingest(item("mofa.txt", MOFA, people=MOFA_PEOPLE, outlet="MOFA", url=MOFA_URL))


def snapshot(store: Store) -> tuple[Any, ...]:
    return (store.counts(), store.meetings(), list(store.iter_statements()))


def by_text(store: Store, start: str, meeting: str | None = None) -> dict[str, Any]:
    hits = [s for s in store.iter_statements() if s["text"].startswith(start)
            and meeting in (None, s["meeting"])]
    assert len(hits) == 1, hits
    return hits[0]


def test_three_reports_are_one_meeting_and_reprints_one_statement(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    three(store)
    [m] = store.meetings()
    # Listed in the canonical order (earliest event date first), not the order indexed.
    assert m["sources"] == ["xinhua.txt", "mofa.txt", "chinadaily.txt"]
    assert m["article"] == "xinhua.txt" and m["participants"] == ["Wang Yi", "Cho Hyun"]
    assert [s["side"] for s in m["source_details"]] == ["china", "south_korea", "china"]
    assert m["source_details"][0]["why"].startswith("first report")
    assert "same participants" in m["source_details"][1]["why"]
    assert "one day apart" in m["source_details"][2]["why"]
    # 5 Xinhua + 0 new from the reprint (all four reprinted) + 3 MOFA
    assert store.counts()["statements"] == 8
    decoupling = by_text(store, "As beneficiaries")
    assert decoupling["sources"] == ["xinhua.txt", "chinadaily.txt"]
    assert decoupling["article"] == "xinhua.txt"
    only_xinhua = by_text(store, "Wang expressed hope")
    assert only_xinhua["sources"] == ["xinhua.txt"]
    assert all(s["meeting"] == m["id"] for s in store.iter_statements())


def test_reprint_fills_a_speaker_the_first_source_left_open(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.ingest(item("cd.txt", CHINA_DAILY))  # leaves "share close economic ties" unattributed
    store.ingest(item("xinhua.txt", XINHUA))
    assert by_text(store, "China and South Korea share")["speaker"] == "Wang Yi"


def test_reindexing_the_same_reports_adds_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    three(store)
    before = snapshot(store)
    three(store)
    assert snapshot(store) == before


def test_changed_reprint_replaces_its_old_version(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    three(store)
    edited = [*CHINA_DAILY[:1], ("An entirely new paragraph about tourism and visas between the "
                                 "two countries, Wang said.", "Wang Yi", ["exchanges"])]
    out = store.ingest(item("chinadaily.txt", edited, day=date(2025, 7, 29),
                            outlet="China Daily", url=CD_URL))
    assert out.status == "replaced" and out.new_statements == 1
    assert len(store.meetings()) == 1 and store.counts()["articles"] == 3
    # the statement only the old version shared keeps its other source
    assert by_text(store, "As beneficiaries")["sources"] == ["xinhua.txt"]
    assert by_text(store, "China and South Korea should deepen")["sources"] == [
        "xinhua.txt", "chinadaily.txt"]
    assert by_text(store, "An entirely new")["sources"] == ["chinadaily.txt"]


def test_removing_the_first_source_hands_statements_to_the_next(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    three(store)
    xinhua_id = store.find_article("xinhua.txt")
    assert store.remove_article(xinhua_id)
    st = by_text(store, "As beneficiaries")
    assert st["article"] == "chinadaily.txt" and st["sources"] == ["chinadaily.txt"]
    assert "Wang said" in st["text"]  # now the remaining source's wording
    [m] = store.meetings()
    # the earliest remaining report now leads the meeting and gives its date
    assert m["article"] == "mofa.txt" and m["event_date"] == "2025-07-28"
    with pytest.raises(Exception):  # noqa: B017 - gone means gone
        by_text(store, "Wang expressed hope")


def test_crash_inside_the_transaction_keeps_the_previous_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "x.db")
    store.ingest(item("xinhua.txt", XINHUA))
    before = snapshot(store)
    journal = store.journal()
    real = regroup.refresh_whys

    def crash(c: Any, *args: Any) -> None:
        real(c, *args)  # everything written, then the process "dies"
        raise RuntimeError("power cut")

    monkeypatch.setattr(regroup, "refresh_whys", crash)
    with pytest.raises(RuntimeError):
        store.ingest(item("chinadaily.txt", CHINA_DAILY, outlet="China Daily", url=CD_URL))
    with pytest.raises(RuntimeError):  # a replacement that dies must not lose the old version
        store.ingest(item("xinhua.txt", XINHUA[:2]))
    assert snapshot(store) == before and store.journal() == journal
    monkeypatch.undo()
    store.ingest(item("chinadaily.txt", CHINA_DAILY, outlet="China Daily", url=CD_URL))
    assert len(store.meetings()[0]["sources"]) == 2


def test_two_calls_the_same_day_stay_apart(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.ingest(item("cho.txt", XINHUA))
    store.ingest(item("iwaya.txt", [("China and Japan are close neighbors, Wang said.",
                                     "Wang Yi", ["relations"])], people=[WANG, IWAYA]))
    assert len(store.meetings()) == 2
    cho, iwaya = store.meetings()
    why = iwaya["source_details"][0]["why"]
    assert why.startswith("first report") and cho["id"] in why  # says why it did not join


# -- corrections --------------------------------------------------------------------------------
def test_split_moves_the_article_and_its_sentences_now(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    three(store)
    old_mid = store.meetings()[0]["id"]
    cd = store.find_article(CD_URL)
    new_mid = store.split_article(cd)
    ms = {m["id"]: m for m in store.meetings()}
    assert len(ms) == 2 and ms[new_mid]["sources"] == ["chinadaily.txt"]
    assert ms[new_mid]["source_details"][0]["why"] == "split by a user's correction"
    assert by_text(store, "As beneficiaries", old_mid)["sources"] == ["xinhua.txt"]
    assert by_text(store, "As beneficiaries", new_mid)["sources"] == ["chinadaily.txt"]
    moved = [s for s in store.iter_statements() if s["meeting"] == new_mid]
    assert len(moved) == 4 and all(s["sources"] == ["chinadaily.txt"] for s in moved)
    # the speaker the reprint itself gave is kept (it left one sentence unattributed)
    assert sorted(str(s["speaker"]) for s in moved) == ["Cho Hyun", "None", "Wang Yi", "Wang Yi"]


def test_split_survives_reindexing_in_any_order(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    three(store)
    store.split_article(store.find_article(CD_URL))
    for a in store.articles():
        store.remove_article(a["id"])
    assert store.counts() == {"articles": 0, "meetings": 0, "statements": 0}
    # the split article first this time: nobody may join its meeting automatically
    store.ingest(item("chinadaily.txt", CHINA_DAILY, day=date(2025, 7, 29), outlet="China Daily",
                      url=CD_URL))
    store.ingest(item("xinhua.txt", XINHUA))
    store.ingest(item("mofa.txt", MOFA, people=MOFA_PEOPLE, outlet="MOFA", url=MOFA_URL))
    assert sorted(len(m["sources"]) for m in store.meetings()) == [1, 2]


def test_join_and_its_anchor_survive_reindexing(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.ingest(item("xinhua.txt", XINHUA))
    # a report dated three days off (a weekly summary) does not merge by itself
    late = item("weekly.txt", CHINA_DAILY, day=date(2025, 7, 31))
    store.ingest(late)
    assert len(store.meetings()) == 2
    mid = store.meetings()[0]["id"]
    assert store.join_article(store.find_article("weekly.txt"), mid) == mid
    [m] = store.meetings()
    assert m["source_details"][1]["why"] == "joined by a user's correction"
    assert by_text(store, "As beneficiaries")["sources"] == ["xinhua.txt", "weekly.txt"]
    # re-index in the other order: the joined article comes before its anchor
    for a in store.articles():
        store.remove_article(a["id"])
    store.ingest(late)
    store.ingest(item("xinhua.txt", XINHUA))
    [m] = store.meetings()
    assert sorted(m["sources"]) == ["weekly.txt", "xinhua.txt"]
    assert by_text(store, "As beneficiaries")["sources"] == ["xinhua.txt", "weekly.txt"]


def test_reset_undoes_a_split(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    three(store)
    cd = store.find_article(CD_URL)
    store.split_article(cd)
    assert len(store.meetings()) == 2
    store.reset_article(cd)
    [m] = store.meetings()
    assert len(m["sources"]) == 3 and store.overrides() == []
    assert by_text(store, "As beneficiaries")["sources"] == ["xinhua.txt", "chinadaily.txt"]


def test_article_references(tmp_path: Path) -> None:
    from bot.errors import NotFoundError

    store = Store(tmp_path / "x.db")
    three(store)
    aid = store.find_article("xinhua.txt")
    assert store.find_article(aid[:6]) == aid == store.find_article(aid)
    with pytest.raises(NotFoundError):
        store.find_article("nope.txt")


def test_moving_keeps_the_ids_of_statements_only_that_article_carries(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    three(store)
    mofa_ids = {s["sid"]: s["id"] for s in store.iter_statements() if s["sources"] == ["mofa.txt"]}
    assert len(mofa_ids) == 3
    mid = store.split_article(store.find_article("mofa.txt"))
    moved = {s["sid"]: s["id"] for s in store.iter_statements() if s["meeting"] == mid}
    assert moved == mofa_ids  # not new statements to a digest watermark
    journal_ops = {(sid, op) for _, sid, op in store.journal()}
    assert all((sid, "add") in journal_ops for sid in mofa_ids)  # the search index follows


def test_phone_and_video_reports_of_one_call_merge(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.ingest(item("xinhua.txt", XINHUA))
    store.ingest(item("mofa.txt", MOFA, people=MOFA_PEOPLE, fmt="video_call", outlet="MOFA"))
    [m] = store.meetings()
    assert m["format"] == "phone_call" and len(m["sources"]) == 2


def test_a_word_for_word_copy_is_one_more_source(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    three(store)
    copy = item("peoplesdaily.txt", XINHUA, outlet="People's Daily", title="Report xinhua.txt")
    assert store.ingest(copy).status == "duplicate"
    [m] = store.meetings()
    # Of two files with one text, the name that sorts first is the article, whichever came
    # first, so the same files give the same sources in any order.
    assert m["sources"][0] == "peoplesdaily.txt" and store.counts()["articles"] == 3
    assert m["sources"][-1] == "xinhua.txt"
    assert m["source_details"][-1]["why"] == "word for word the text of peoplesdaily.txt"
    assert [d["side"] for d in m["source_details"]].count("china") == 3
    assert by_text(store, "As beneficiaries")["sources"] == [
        "peoplesdaily.txt", "chinadaily.txt", "xinhua.txt"]
    before = snapshot(store)
    assert store.ingest(copy).status == "unchanged" and snapshot(store) == before
    assert store.find_article("peoplesdaily.txt") == store.find_article("xinhua.txt")
    # the copy goes with its original
    store.remove_article(store.find_article("xinhua.txt"))
    assert "peoplesdaily.txt" not in store.meetings()[0]["sources"]
