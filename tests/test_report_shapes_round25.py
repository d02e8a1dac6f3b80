"""Round 25 shapes, in our own words (issue 10). Measured on real China–Canada reports before
any change (labelled by a helper, never run before): twelve meetings became twenty-six records.
A Canadian Press story's meeting was put "in China" (where the detainees it was about are held),
a weekday from a clause about the minister's new job dated the meeting, a date after "since"
was taken for the day of the talk, a file picture's date for the day of a meeting, The Epoch
Times' stamp under its writer's name was not read, and "Champagne" alone named nobody."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.analysis.dates import find_date, find_full_date
from bot.analysis.meeting_facts import extract_meeting
from bot.articles.text import parse_text
from bot.pipeline.ingest import index_sources
from bot.registry.people import default_registry
from bot.store import Store

PRESS_STORY = """OTTAWA — Foreign Minister Chrystia Freeland said Friday she finally secured a \
sit-down meeting with her Chinese counterpart to talk about the two Canadians being held in China.

Freeland and Wang Yi met on the margins of a regional security gathering in Bangkok, Thailand, \
after weeks of requests from Ottawa.

Freeland said the two agreed to keep talking.
"""

EMBASSY_RELEASE = """Wang Yi Meets with Canadian Foreign Minister Chrystia Freeland

On August 2, 2019, State Councilor and Foreign Minister Wang Yi met with Canadian Foreign \
Minister Chrystia Freeland in Bangkok, Thailand.

Wang Yi said China hopes Canada will take an independent stance.
"""

NEW_MINISTER = """Canada's newly named foreign minister used the weekend to raise the detained \
Canadians with Beijing.

Francois-Philippe Champagne, who took over the portfolio on Wednesday, met China's Wang Yi on \
Saturday on the margins of the G20 foreign ministers' gathering in Nagoya, Japan.

Champagne said the release of the two men was his first priority.
"""

FIRST_CALL = """Joly and Wang Yi Hold First Call in Over a Year

Foreign Minister Mélanie Joly spoke by phone with Chinese Foreign Minister Wang Yi, Global \
Affairs Canada said in a Jan. 11 statement.

It was the first formal conversation between the two ministers since April 5, 2022, the \
department said.
"""

US_LAYOUT = """Joly Meets Wang Yi in Munich, Second Contact This Year

Joly Meets Wang Yi in Munich, Second Contact This Year
Foreign Minister Mélanie Joly answers questions in the House of Commons in Ottawa on Dec. 5, \
2023. (The Canadian Press/Jane Doe)
Pat Writer
2/19/2024
Updated:
2/20/2024
0:00

Foreign Minister Mélanie Joly met her Chinese counterpart Wang Yi in Germany, the department \
said.

The meeting took place on the margins of the Munich Security Conference, it said.
"""


def _meeting(text: str, name: str = "r.txt"):  # type: ignore[no-untyped-def]
    return extract_meeting(parse_text(text, name), default_registry())


def test_a_place_in_what_they_talked_about_is_not_where_they_met() -> None:
    info = _meeting(PRESS_STORY)
    assert info.location == "Bangkok, Thailand"  # not "China", nor the dateline's Ottawa
    assert {p.name for p in info.participants} == {"Chrystia Freeland", "Wang Yi"}


def test_a_press_story_and_the_embassy_release_are_one_meeting(tmp_path: Path) -> None:
    (tmp_path / "press.txt").write_text(PRESS_STORY)
    (tmp_path / "release.txt").write_text(EMBASSY_RELEASE)
    for order in (["press.txt", "release.txt"], ["release.txt", "press.txt"]):
        store = Store(tmp_path / f"{order[0]}.db")
        try:
            index_sources(store, [str(tmp_path / n) for n in order])
            meetings = store.meetings()
        finally:
            store.close()
        assert len(meetings) == 1, [(m["event_date"], m["location"]) for m in meetings]
        assert meetings[0]["event_date"] == "2019-08-02"


def test_a_weekday_in_a_clause_about_the_minister_does_not_date_the_meeting() -> None:
    info = _meeting(NEW_MINISTER)
    assert info.weekday == 5  # Saturday, not the Wednesday he took office
    assert info.location == "Nagoya, Japan"
    assert "François-Philippe Champagne" in {p.name for p in info.participants}


def test_a_date_after_since_bounds_a_span_it_is_not_the_event() -> None:
    assert find_full_date("their first formal talk since April 5, 2022, officials said") is None
    assert find_full_date("They met on April 5, 2022 in Beijing") == (date(2022, 4, 5),
                                                                       '"April 5, 2022"')
    assert find_date("the first call since Monday; they spoke on Friday", date(2024, 1, 12)) \
        == (date(2024, 1, 12), '"Friday" on or before 2024-01-12')
    info = _meeting(FIRST_CALL)
    assert info.event_date != date(2022, 4, 5)


def test_a_stamp_under_the_writers_name_and_a_file_picture() -> None:
    article = parse_text(US_LAYOUT, "layout.txt")
    assert article.published == date(2024, 2, 19)
    assert not any("Pat Writer" in p or "Updated" in p for p in article.paragraphs)
    # the picture shows one of them in parliament months before: not the meeting's date
    info = _meeting(US_LAYOUT)
    assert info.event_date != date(2023, 12, 5), info.date_reason
    assert {p.name for p in info.participants} == {"Mélanie Joly", "Wang Yi"}


def test_a_former_minister_is_known_by_surname_alone() -> None:
    registry = default_registry()
    person = registry.resolve("Champagne", date(2020, 8, 27))
    assert person is not None and person.name == "François-Philippe Champagne"
    assert registry.resolve("Champagne", date(2023, 1, 1)) is None  # not in office then
