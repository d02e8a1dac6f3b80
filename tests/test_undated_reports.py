"""Reports without a publication date or outlet still get their date, side and meeting."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.analysis.meeting_facts import extract_meeting
from bot.articles.read import read_path
from bot.lookups.readouts import compare
from bot.pipeline.analyse import Pipeline
from bot.pipeline.ingest import index_sources
from bot.registry.people import default_registry
from bot.store import Store

HERE = Path(__file__).resolve().parent
UNDATED = HERE / "fixtures" / "undated"
SEEDS = HERE.parent / "seeds"
CALL = "004_ea5705f67dcdb256.txt"


def meeting_of(name: str):
    article = read_path(UNDATED / name)[0]
    return article, extract_meeting(article, default_registry())


def test_timestamp_line_under_the_title_is_the_publication_date() -> None:
    article, info = meeting_of("fmprc_20250728.txt")
    assert article.published == date(2025, 7, 28)
    assert article.paragraphs[0].startswith("On July 28, 2025,")
    assert info.event_date == date(2025, 7, 28)


def test_year_from_weekday_and_terms_in_office() -> None:
    article, info = meeting_of("yonhap_20250728.txt")
    assert article.published is None and article.dateline == "SEOUL, July 28"
    # July 28 fell on a Monday in 2025 and not in 2026; Cho Hyun took office in July 2025.
    assert info.event_date == date(2025, 7, 28)
    assert "Monday" in info.date_reason and "Cho Hyun" in info.date_reason
    assert [p.name for p in info.participants] == ["Cho Hyun", "Wang Yi"]


def test_no_year_at_all_keeps_the_month_and_day() -> None:
    _, info = meeting_of("mofa_20250728.txt")
    # 2025 and 2026 both fit Cho Hyun's term, and no weekday decides: no guess.
    assert info.event_date is None and info.month_day == (7, 28)


@pytest.mark.parametrize(("name", "side"), [
    ("fmprc_20250728.txt", "china"), ("mofa_20250728.txt", "south_korea"),
    ("yonhap_20250728.txt", "south_korea"),
])
def test_whose_readout_from_the_wording(name: str, side: str) -> None:
    article = read_path(UNDATED / name)[0]
    assert Pipeline().analyse(article).side == side


def test_all_reports_merge_into_the_seed_meeting(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / CALL, folder / CALL)
    for f in UNDATED.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    store = Store(tmp_path / "r.db")
    report = index_sources(store, [str(folder)])
    assert report.added == 4 and not report.rejected
    [meeting] = store.meetings()
    assert meeting["event_date"] == "2025-07-28" and len(meeting["sources"]) == 4
    why = {s["article"]: s["why"] for s in meeting["source_details"]}
    assert "gives no year" in why["mofa_20250728.txt"]
    # the release that gave no year now carries the meeting's date on its statements
    dates = {s["event_date"] for s in store.iter_statements()}
    assert dates == {"2025-07-28"}
    compared = compare(store, meeting["id"])
    assert set(compared["sides"]) == {"china", "south_korea"}


def test_numbered_release_and_quoted_speech_are_attributed() -> None:
    pipeline = Pipeline()
    statements = [st for name in ("mofa_20250728.txt", "yonhap_20250728.txt")
                  for st in pipeline.analyse(read_path(UNDATED / name)[0]).statements]

    def speaker(start: str) -> str | None:
        [found] = [st.speaker for st in statements if st.text.startswith(start)]
        return found

    assert speaker("Minister Cho said that he looks forward") == "Cho Hyun"  # was "- Minister"
    assert speaker("Foreign Minister Wang Yi stated that") == "Wang Yi"  # was "3. Foreign"
    assert speaker('"We will work to restore dialogue') == "Cho Hyun"
    assert speaker("The two ministers agreed") == "both"


def test_report_without_a_year_indexed_first_is_adopted_later(tmp_path: Path) -> None:
    store = Store(tmp_path / "r.db")
    index_sources(store, [str(UNDATED / "mofa_20250728.txt")])
    [alone] = store.meetings()
    assert alone["event_date"] is None
    index_sources(store, [str(SEEDS / CALL)])
    [meeting] = store.meetings()
    assert meeting["event_date"] == "2025-07-28" and len(meeting["sources"]) == 2
    assert {s["event_date"] for s in store.iter_statements()} == {"2025-07-28"}
    assert search_total(store, "speaker:cho since:2025-07-28 until:2025-07-28") >= 3


def search_total(store: Store, query: str) -> int:
    from bot.search import search

    return search(store, query).total
