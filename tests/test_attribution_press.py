"""Press styles beyond the wire copy: pair subjects, role phrases, appositives, quotations."""

from __future__ import annotations

from pathlib import Path

from bot.articles.read import read_path
from bot.models import Article
from bot.pipeline.analyse import Pipeline
from bot.pipeline.ingest import index_sources
from bot.store import Store

STYLES = Path(__file__).resolve().parent / "fixtures" / "styles"


def speakers(name: str) -> dict[str, str | None]:
    item = Pipeline().analyse(read_path(STYLES / name)[0])
    return {st.text: st.speaker for st in item.statements}


def speaker_of(found: dict[str, str | None], start: str) -> str | None:
    [who] = [s for text, s in found.items() if text.startswith(start)]
    return who


def test_korea_herald_style() -> None:
    found = speakers("herald.txt")
    # "X and his Chinese counterpart Wang Yi agreed": both, without commas round the name
    assert speaker_of(found, "South Korean Foreign Minister Cho Tae-yul and his") == "both"
    assert speaker_of(found, "Cho, who is on a two-day visit") is None  # narration
    assert speaker_of(found, '"The two countries should work together') == "Cho Tae-yul"
    assert speaker_of(found, '"China is willing to be a friend') == "Wang Yi"
    assert speaker_of(found, "It was the first visit") is None


def test_global_times_style() -> None:
    found = speakers("globaltimes.txt")
    assert speaker_of(found, "The Chinese top diplomat urged") == "Wang Yi"
    assert speaker_of(found, '"Over the past two years') == "Wang Yi"
    assert speaker_of(found, "Cho said the ROK attaches") == "Cho Tae-yul"


def test_appositives_between_name_and_verb() -> None:
    article = Article(source="x.txt", title="Wang meets Cho", paragraphs=[
        "Chinese Foreign Minister Wang Yi met with Cho Tae-yul, South Korea's foreign minister,"
        " in New York on Saturday.",
        "Cho, South Korea's top diplomat, said Seoul hopes to keep the positive momentum.",
        "Wang, the Chinese foreign minister, said the two sides should create conditions.",
    ])
    got = [st.speaker for st in Pipeline().analyse(article).statements]
    assert got == [None, "Cho Tae-yul", "Wang Yi"]


def test_both_reports_are_one_meeting_in_beijing(tmp_path: Path) -> None:
    store = Store(tmp_path / "r.db")
    index_sources(store, [str(STYLES)])
    [meeting] = store.meetings()
    assert (meeting["event_date"], meeting["format"], meeting["location"]) == (
        "2024-05-13", "meeting", "Beijing")
    assert sorted(meeting["participants"]) == ["Cho Tae-yul", "Wang Yi"]
    assert len(meeting["sources"]) == 2


def test_places_after_a_name_are_not_part_of_it() -> None:
    from bot.analysis.meeting_facts import extract_meeting
    from bot.registry.people import default_registry

    def names(lead: str) -> list[str]:
        article = Article(source="x.txt", title="Readout", paragraphs=[lead])
        return [p.name for p in extract_meeting(article, default_registry()).participants]

    assert "Greg Abbott" in names(
        "Today, President Biden spoke with Governor Greg Abbott of Texas about the storm.")
    assert "Luis Gilberto Murillo" in names(
        "Jon Finer welcomed Colombian Foreign Minister Luis Gilberto Murillo to the White House"
        " today.")
