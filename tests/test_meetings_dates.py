"""Event dates, formats, places and occasions from the words of a report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.analysis.dates import find_date, find_full_date, parse_dateline
from bot.analysis.meeting_facts import extract_meeting
from bot.articles.read import read_path
from bot.models import Article, MeetingInfo
from bot.registry.people import default_registry


@pytest.mark.parametrize(("text", "ref", "want"), [
    ("Wang Yi said Tuesday.", date(2024, 12, 24), date(2024, 12, 24)),
    ("met Park Jin Friday", date(2023, 7, 15), date(2023, 7, 14)),
    ("in New York on Saturday", date(2024, 9, 29), date(2024, 9, 28)),
    ("met today with", date(2022, 5, 17), date(2022, 5, 17)),
    ("Yesterday, the Vice President", date(2021, 7, 7), date(2021, 7, 6)),
    ("met on January 26-27 with", date(2024, 1, 27), date(2024, 1, 26)),
    ("met December 14 with", date(2022, 12, 15), date(2022, 12, 14)),
    ("met on Dec. 30 with", date(2025, 1, 2), date(2024, 12, 30)),
    ("on September 28, 2024", date(2024, 9, 29), date(2024, 9, 28)),
    # a visit of two days is dated by its first (a ministry's notice before a visit)
    ("in China for talks on 8 and 9 December", date(2025, 12, 7), date(2025, 12, 8)),
    ("on 8-9 December 2025", date(2026, 1, 3), date(2025, 12, 8)),
    ("met on May 5 and 6, 2023", date(2023, 5, 8), date(2023, 5, 5)),
    ("on December 8 and 2024 saw", date(2025, 1, 3), date(2024, 12, 8)),
])
def test_find_date(text: str, ref: date, want: date) -> None:
    found = find_date(text, ref)
    assert found is not None and found[0] == want


def test_a_date_naming_another_event_is_not_the_meetings() -> None:
    # written for this test: "the Dec. 3 martial law" is what they talked about
    text = ("Wang said on Tuesday that the people can handle the fallout from the Dec. 3 "
            "martial law.")
    assert find_date(text, date(2024, 12, 25)) == (date(2024, 12, 24),
                                                   '"Tuesday" on or before 2024-12-25')
    assert find_full_date("after the Oct. 7, 2023 attack, they met on Oct. 20, 2023")[0] \
        == date(2023, 10, 20)
    # ... but "the May 10 talks" are the meeting's own date
    assert find_date("Wang said at the May 10 talks in Vienna that ...", date(2023, 5, 11)) \
        == (date(2023, 5, 10), '"May 10"')


def test_possessive_today_is_not_a_date() -> None:
    assert find_date("condolences for yesterday's attack", date(2021, 8, 27)) is None


def test_dateline_year_across_new_year() -> None:
    dl = parse_dateline("BEIJING, Dec. 31 (Xinhua) -- China said.", date(2025, 1, 1))
    assert dl is not None and dl.when == date(2024, 12, 31) and dl.city == "BEIJING"
    assert parse_dateline("No dateline here.", date(2025, 1, 1)) is None


def meeting(paragraphs: list[str], published: date, title: str = "Talks") -> MeetingInfo:
    art = Article(source="t", title=title, paragraphs=paragraphs, outlet="Xinhua",
                  published=published)
    return extract_meeting(art, default_registry())


def test_new_year_dateline_and_weekday() -> None:
    m = meeting(["BEIJING, Dec. 31 (Xinhua) -- Chinese Foreign Minister Wang Yi said Tuesday "
                 "in a phone call with South Korean Foreign Minister Cho Tae-yul that ..."],
                date(2025, 1, 1))
    assert (m.event_date, m.format) == (date(2024, 12, 31), "phone_call")
    assert [p.name for p in m.participants] == ["Wang Yi", "Cho Tae-yul"]
    assert m.location is None and "Tuesday" in m.date_reason


@pytest.mark.parametrize(("sentence", "fmt"), [
    ("Wang Yi held talks via video link with Park Jin.", "video_call"),
    ("Wang Yi held a virtual meeting with Park Jin.", "video_call"),
    ("Wang Yi talked over the phone with Park Jin.", "phone_call"),
    ("Xi Jinping sent a congratulatory message to Lee Jae-myung.", "message"),
    ("Wang Yi met with Park Jin in Beijing.", "meeting"),
])
def test_formats(sentence: str, fmt: str) -> None:
    assert meeting([sentence], date(2023, 6, 1)).format == fmt


def test_place_occasion_and_principals_only() -> None:
    m = meeting(["Chinese Foreign Minister Wang Yi met with South Korean Foreign Minister "
                 "Park Jin on the sidelines of the G20 foreign ministers' meeting in Bali, "
                 "Indonesia on Thursday.",
                 "Wang said President Xi Jinping attaches importance to the ties."],
                date(2022, 7, 8))
    assert m.location == "Bali, Indonesia"
    assert m.occasion == "the G20 foreign ministers' meeting"
    assert [p.name for p in m.participants] == ["Wang Yi", "Park Jin"]
    assert m.event_date == date(2022, 7, 7)


def test_caption_dates_an_undated_lead() -> None:
    m = meeting(["Chinese Foreign Minister Wang Yi (R) meets with Cho Tae-yul, South Korean "
                 "foreign minister, in New York, U.S., September 28, 2024. /CFP",
                 "Chinese Foreign Minister Wang Yi met with Cho Tae-yul, South Korea's foreign "
                 "minister, in New York."], date(2024, 9, 29))
    assert m.event_date == date(2024, 9, 28) and "caption" in m.date_reason
    assert m.location == "New York"
    assert [p.name for p in m.participants] == ["Wang Yi", "Cho Tae-yul"]


def test_a_month_and_day_a_sentence_after_the_lead(tmp_path: Path) -> None:
    # a ministry's notice saved without its date line (written for this test): the day of the
    # talks comes after a heading, a photo credit and the first sentence
    page = tmp_path / "notice.txt"
    page.write_text(
        "Welcome\n"
        "Talks in hard times: Foreign Minister Baerbock's working visit to Beijing\n"
        "Foreign Minister Annalena Baerbock and her Chinese counterpart Wang Yi, © photo agency\n"
        "Foreign Minister Baerbock is travelling to China for the second time, to hold a "
        "strategic dialogue with her Chinese counterpart Wang Yi on 2 December.\n"
        "At the start of her trip, Foreign Minister Baerbock said:\n"
        "Hard times show that talking matters, and that our security is tied to others'.\n",
        encoding="utf-8")
    m = extract_meeting(read_path(page)[0], default_registry())
    assert m.event_date is None and m.month_day == (12, 2)
