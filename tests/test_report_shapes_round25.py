"""Round 25 shapes, in our own words (issue 10). Measured on real China–Canada reports before
any change (labelled by a helper, never run before): twelve meetings became twenty-six records.
A Canadian Press story's meeting was put "in China" (where the detainees it was about are held),
a weekday from a clause about the minister's new job dated the meeting, a date after "since"
was taken for the day of the talk, a file picture's date for the day of a meeting, The Epoch
Times' stamp under its writer's name was not read, and "Champagne" alone named nobody."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from shapes_support import meetings_in_order

from bot.analysis.dates import find_date, find_full_date
from bot.analysis.meeting_facts import extract_meeting
from bot.articles.text import parse_text
from bot.registry.people import default_registry

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
    files = {"press.txt": PRESS_STORY, "release.txt": EMBASSY_RELEASE}
    for order in (["press.txt", "release.txt"], ["release.txt", "press.txt"]):
        meetings = meetings_in_order(tmp_path, files, order)
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


# The same shapes, met again on the twenty earlier relationships once the Canadian ones were
# mended: a Cambodian release whose dateline is two days after the call it dates in its first
# sentence, a Tokyo story "said Sunday" of a call "on Thursday" after a clause about the
# minister's first day, a Xinhua press-conference story naming the counterpart only in "after
# talks with ...", "MP" after a minister's name, "Minister Attached to the Prime Minister", and
# a machine's spelling of a minister the registry knows by another.

MINISTRY_RELEASE = """Cambodia and China Pledge Closer Ties

Phnom Penh, 20 December 2025 — On the afternoon of 18 December 2025, Deputy Prime Minister and \
Minister of Foreign Affairs Prak Sokhonn held a telephone conversation with Wang Yi, Minister of \
Foreign Affairs of the People's Republic of China.

Both sides agreed to keep in close touch.
"""

TOKYO_STORY = """Hayashi says Wang asked him to visit Beijing

Foreign Minister Yoshimasa Hayashi said Sunday his Chinese counterpart Wang Yi \
had asked him to visit Beijing during a recent phone conversation.

Foreign Minister Yoshimasa Hayashi speaks to reporters at the ministry last week. | KYODO

Hayashi, who took office on Nov. 10, and Wang agreed on the need for stable ties when they \
spoke on Thursday.
"""

PRESS_CONFERENCE = """News / World

China, Thailand to waive visas, says Chinese FM

Xinhua
Chinese Foreign Minister Wang Yi said here on Sunday that the two countries will waive visas \
for each other's citizens from March as the two sides have just signed an agreement.

Wang made the remarks at a joint press conference after an annual consultation with Thai \
Deputy Prime Minister and Minister of Foreign Affairs Parnpree Bahiddha-Nukara, adding that \
travel between the two countries will grow.

Wang said that China sees Thailand as a priority among its neighbours.
"""

MACHINE_SPELLING = """On July 27, 2021, State Councilor and Foreign Minister Wang Yi met the \
press after a meeting with Mongolian Foreign Minister Batzezeg in Tianjin.

Wang Yi said the two ministers had just held fruitful talks.
"""


def test_the_dateline_date_is_the_day_filed_when_the_sentence_dates_the_call() -> None:
    info = _meeting(MINISTRY_RELEASE)
    assert info.event_date == date(2025, 12, 18), info.date_reason


def test_a_clause_about_the_ministers_first_day_does_not_hide_the_calls_day() -> None:
    info = _meeting(TOKYO_STORY, "tokyo.txt")
    parsed = parse_text(TOKYO_STORY, "tokyo.txt")
    assert parsed.published is None
    # with the page's date (a Sunday), the call is the Thursday before it
    from dataclasses import replace

    dated = extract_meeting(replace(parsed, published=date(2021, 11, 21)), default_registry())
    assert dated.event_date == date(2021, 11, 18), dated.date_reason
    assert {p.name for p in info.participants} == {"Yoshimasa Hayashi", "Wang Yi"}


def test_the_counterpart_named_in_the_talks_a_press_conference_followed() -> None:
    from bot.analysis.meeting_facts import _principal_part

    info = _meeting(PRESS_CONFERENCE)
    assert {p.name for p in info.participants} == {"Wang Yi", "Parnpree Bahiddha-nukara"}
    # (Shanghai Daily's copy puts a section line and the headline in the story, so this
    # sentence is read after the lead, where only its parties' part counts)
    second = PRESS_CONFERENCE.split("\n\n")[3]
    assert "Parnpree" in _principal_part(second)
    assert "Parnpree" not in _principal_part(
        "Wang met reporters after attending a ceremony with Parnpree Bahiddha-Nukara.")


def test_letters_after_a_name_and_an_office_that_reads_like_a_name() -> None:
    from bot.analysis.names import parse_run

    assert parse_run("Foreign Minister Dr AK Abdul Momen MP").name == "AK Abdul Momen"
    assert parse_run("Foreign Minister Ali Sabry PC").name == "Ali Sabry"
    assert parse_run("Kim PC").name == "Kim PC"  # a name of two words keeps its second
    assert parse_run("Minister Attached to the Prime Minister").name == ""


def test_a_machine_spelling_of_the_office_holder_is_the_holder() -> None:
    info = _meeting(MACHINE_SPELLING)
    assert {p.name for p in info.participants} == {"Wang Yi", "Battsetseg Batmunkh"}
    # a name nothing like the holder's stays its own (a minister the registry has not caught
    # up with is not renamed into his predecessor)
    other = _meeting(MACHINE_SPELLING.replace("Batzezeg", "Tsogtbaatar"))
    assert "Battsetseg Batmunkh" not in {p.name for p in other.participants}


def test_a_rank_under_the_office_is_not_the_office_holder() -> None:
    vice = MACHINE_SPELLING.replace("Mongolian Foreign Minister Batzezeg",
                                    "Mongolian Vice Foreign Minister Batzezeg")
    assert "Battsetseg Batmunkh" not in {p.name for p in _meeting(vice).participants}
