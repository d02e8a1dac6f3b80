"""House styles of round 6, written in our own words after real pages (not copies of them):
a broadcaster's mobile masthead above the headline, a daily whose lead is a quoted remark, a
Japanese ministry's press-conference transcript under its section name, a broadcaster's
"NHK -- May 23" line, a wire story's descriptive clause between the two principals, "in the
South Korean port city of Busan", an unnamed counterpart named paragraphs later, and a wire
story dated only by the day a ministry made it public ("the ministry said on Tuesday") for a
meeting held the evening before in New York.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from bot.analysis.meeting_facts import extract_meeting
from bot.articles.text import parse_text
from bot.meetings.sides import side_from_wording
from bot.pipeline.ingest import index_sources
from bot.registry.people import default_registry
from bot.store import Store

REG = default_registry()


def info(text: str, name: str = "page.txt"):
    art = parse_text(text, name)
    return art, extract_meeting(art, REG)


def test_a_sites_masthead_line_is_the_outlet_not_the_title() -> None:
    art, m = info(
        "arirang mobile\n\nSeoul and Washington pledge a wider alliance\nUpdated: 2022-05-21"
        " 16:39:57 KST\nPresidents Yoon and Biden had their first one-on-one this afternoon.\n"
        "The two presidents agreed to widen joint drills.\n")
    assert art.outlet == "Arirang"
    assert art.title == "Seoul and Washington pledge a wider alliance"
    # plural title then surnames: "Presidents Yoon and Biden" are who met
    assert [p.name for p in m.participants] == ["Yoon Suk Yeol", "Joe Biden"]
    assert m.format == "meeting"


def test_a_line_that_only_names_an_outlet_in_passing_is_still_the_title() -> None:
    art, _m = info("Korea Herald columnist wins award\n\nSEOUL -- A columnist won a prize.\n")
    assert art.title == "Korea Herald columnist wins award"


def test_a_quoted_remark_before_the_sentence_that_reports_the_meeting() -> None:
    _art, m = info(
        "Three leaders hold retreat summit\n\nPosted August. 21, 2023 09:00,\n\n"
        "“We had a wonderful day together,” said U.S. President Joe Biden.\n\n"
        "The leaders of South Korea, the U.S. and Japan held a trilateral summit at Camp David"
        " on Friday (local time), touring the lodge together.\n")
    # the remark's "meeting"-like words are speech; Friday is the event's day
    assert m.event_date == date(2023, 8, 18)


def test_a_ministers_press_conference_is_that_governments_account() -> None:
    text = ("Press Conferences\n\nExtraordinary Press Conference by Foreign Minister IWAYA"
            " Takeshi\n\nWednesday, October 9, 2024, 7:42 p.m. Ministry of Foreign Affairs\n\n"
            "Mr. IWAYA Takeshi, Minister for Foreign Affairs: Earlier this evening I had my first"
            " telephone talk with Foreign Minister Wang Yi of China.\n")
    art, m = info(text)
    assert art.title.startswith("Extraordinary Press Conference")  # the section name is not it
    assert side_from_wording(art, m, REG) == "japan"
    art, m = info("Press Conference by Prime Minister Kishida Regarding His Visit\n\n"
                  "August 18, 2023\n\nI met President Biden and President Yoon today.\n")
    assert side_from_wording(art, m, REG) == "japan"


def test_a_statement_by_someone_in_a_news_sentence_is_no_own_account() -> None:
    from bot.meetings.sides import _side_from_presser
    art, _m = info("Beijing responds\n\nIn a statement by Foreign Minister Wang Yi issued late"
                   " on Monday, China said the talks with Japan had been useful.\n")
    assert _side_from_presser(art, REG) is None


def test_a_broadcasters_outlet_and_day_line() -> None:
    art, m = info("Leaders agree to bolster alliance\n\nNHK -- May 23\n\nPrime Minister Kishida"
                  " Fumio met President Joe Biden in Tokyo.\n")
    # no year on the line: the day is no publication date (a wrong year would misplace it)
    assert art.outlet == "NHK" and art.published is None
    assert m.event_date is None and m.location == "Tokyo"


def test_a_clause_describing_one_principal_does_not_hide_the_other() -> None:
    _art, m = info(
        "Ministers meet for the first time\n\nThe foreign ministers of Japan and China met for"
        " the first time Saturday in the South Korean port city of Busan.\n\nThe talks between"
        " Yoko Kamikawa, who took office in September, and Wang Yi come a week after a summit"
        " of the two countries' leaders.\n\nAt that summit, Japanese Prime Minister Fumio"
        " Kishida and Chinese President Xi Jinping agreed to hold expert talks.\n")
    assert [p.name for p in m.participants] == ["Yoko Kamikawa", "Wang Yi"]
    assert m.location == "Busan" and m.weekday == 5


SAID_DAY = (
    "China urges Japan to stay calm\n\nBEIJING (AFP) – China's top diplomat Wang Yi told his"
    " Japanese counterpart that Tokyo should handle a criminal case calmly, China's foreign"
    " ministry said on Tuesday.\n\nAfter the attack last week in the southern city of Shenzhen,"
    " Prime Minister Fumio Kishida asked for an explanation.\n\nThe case has strained ties"
    " further.\n\nMeeting in New York, Wang told his Japanese counterpart Yoko Kamikawa that"
    " the case would be handled in accordance with the law.\n")
DATED = (
    "Wang Yi meets Japanese FM in New York\n\nNEW YORK, Sept. 23 (Xinhua) -- Chinese Foreign"
    " Minister Wang Yi met with Japanese Foreign Minister Yoko Kamikawa on Monday on the"
    " sidelines of the UN General Assembly.\n\nWang said China will handle the case in"
    " accordance with the law.\n")


def in_three_orders(tmp_path: Path, files: list[tuple[str, str]]) -> list[list[Any]]:
    """(event date, sources) of every meeting, the files indexed in three shuffled orders."""
    results = []
    for order in range(3):
        folder = tmp_path / f"in{order}"
        folder.mkdir(parents=True)
        random.Random(order).shuffle(files)
        for name, text in files:
            (folder / name).write_text(text)
        st = Store(tmp_path / f"s{order}.db")
        index_sources(st, [str(folder)])
        results.append(sorted(((m["event_date"], tuple(sorted(m["sources"])))
                               for m in st.meetings()), key=lambda r: (r[0] or "", r[1])))
    return results


def test_an_unnamed_counterpart_named_paragraphs_later() -> None:
    _art, m = info(SAID_DAY)
    assert [p.name for p in m.participants] == ["Wang Yi", "Yoko Kamikawa"]
    # no sentence reports the meeting up front: Shenzhen is where something else happened;
    # the paragraph that reports it says where it was
    assert m.location == "New York"
    assert m.weekday == 1 and m.said


def test_the_day_it_was_made_public_joins_the_meeting_of_the_day_before(tmp_path: Path) -> None:
    results = in_three_orders(tmp_path, [("afp.txt", SAID_DAY), ("xinhua.txt", DATED)])
    assert results[0] == [("2024-09-23", ("afp.txt", "xinhua.txt"))]
    assert results[1] == results[0] and results[2] == results[0]


def test_the_day_it_was_made_public_is_not_two_days_after(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "afp.txt").write_text(SAID_DAY.replace("said on Tuesday", "said on Wednesday"))
    (folder / "xinhua.txt").write_text(DATED)
    st = Store(tmp_path / "s.db")
    index_sources(st, [str(folder)])
    assert len(st.meetings()) == 2


def test_an_aggregators_closing_credit_names_whose_account_it_is() -> None:
    art, m = info("Ministers meet in New York\n\nChinese Foreign Minister Wang Yi met South Korea's"
                  " Foreign Minister Cho Tae-yul in New York this week.\n\nBoth called for"
                  " stable ties.\n\nReference(s):\n\ncgtn.com\n")
    assert side_from_wording(art, m, REG) == "china"
    # a portal's credit under the first paragraphs, the page's links after it
    art, m = info("Ministers meet in New York\n\nChinese Foreign Minister Wang Yi met South"
                  " Korea's Foreign Minister Cho Tae-yul in New York this week.\n\nSource(s):"
                  " Xinhua News Agency\n\nSearch Trends\n\nMore news from the region today\n\n"
                  "Markets close higher on Friday\n\nWeather: rain expected\n")
    assert side_from_wording(art, m, REG) == "china"



def test_a_rewrite_that_names_the_ministry_statement_it_rests_on() -> None:
    # A portal's rewrite of a wire story: no outlet, both ministers named plainly, and the
    # account it rests on named only at the end ("confirmed by a statement from ...").
    art, m = info("Beijing and Seoul talk supply chains\n\nChinese Foreign Minister Wang Yi"
                  " urged closer ties in a phone call with South Korean Foreign Minister Cho"
                  " Hyun.\n\nHe asked Seoul to keep supply chains open.\n\nThe call, confirmed"
                  " by a statement from the Chinese ministry, came ahead of the APEC summit.\n")
    assert side_from_wording(art, m, REG) == "china"
    art, m = info("Beijing and Seoul talk supply chains\n\nChinese Foreign Minister Wang Yi"
                  " held a phone call with South Korean Foreign Minister Cho Hyun.\n\nSouth"
                  " Korea's ministry said Cho asked for a constructive role on the North.\n")
    assert side_from_wording(art, m, REG) == "south_korea"
    # Both ministries named: nothing says whose account it is.
    art, m = info("Beijing and Seoul talk supply chains\n\nChinese Foreign Minister Wang Yi"
                  " held a phone call with South Korean Foreign Minister Cho Hyun.\n\nThe"
                  " Chinese ministry said Wang urged calm; South Korea's ministry said Cho asked"
                  " for a constructive role.\n")
    assert side_from_wording(art, m, REG) is None

NODATE_NY = ("Ministers meet in New York\n\nChinese Foreign Minister Wang Yi met South Korean"
             " Foreign Minister Cho Tae-yul in New York this week and called for stable"
             " ties.\n")
DATED_NY = ("Wang Yi meets ROK FM\n\nNEW YORK, Sept. 28 (Xinhua) -- Chinese Foreign Minister"
            " Wang Yi met with South Korean Foreign Minister Cho Tae-yul on Saturday on the"
            " sidelines of the UN General Assembly in New York.\n")
DATED_BEIJING = ("Wang Yi holds talks with ROK FM\n\nBEIJING, May 13 (Xinhua) -- Chinese Foreign"
                 " Minister Wang Yi held talks with South Korean Foreign Minister Cho Tae-yul in"
                 " Beijing on Monday.\n")


def test_a_report_with_no_date_joins_the_one_meeting_in_the_place_it_names(
    tmp_path: Path
) -> None:
    results = in_three_orders(tmp_path, [("nodate.txt", NODATE_NY), ("ny.txt", DATED_NY),
                                         ("beijing.txt", DATED_BEIJING)])
    assert ("2024-09-28", ("nodate.txt", "ny.txt")) in results[0]
    assert results[1] == results[0] and results[2] == results[0]


def test_a_report_with_no_date_stays_apart_when_two_meetings_are_in_its_place(
    tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nodate.txt").write_text(NODATE_NY)
    (folder / "ny.txt").write_text(DATED_NY)
    # a second meeting of the same ministers in New York, a week earlier
    (folder / "ny_earlier.txt").write_text(
        "FMs discuss peninsula\n\nNEW YORK, Sept. 21 (Xinhua) -- Chinese Foreign Minister Wang Yi"
        " met with South Korean Foreign Minister Cho Tae-yul on Saturday in New York to discuss"
        " the situation on the Korean Peninsula and preparations for the trilateral summit.\n")
    st = Store(tmp_path / "s.db")
    index_sources(st, [str(folder)])
    alone = [m for m in st.meetings() if "nodate.txt" in m["sources"]]
    assert alone and alone[0]["sources"] == ["nodate.txt"]


def test_where_the_meeting_was_held_from_a_later_sentence() -> None:
    _art, m = info("Ministers hold first meeting\n\nIn the first meeting since the new government"
                   " took office, the foreign ministers of Korea and China discussed ties.\n\n"
                   "During the meeting held at Diaoyutai in Beijing, Minister Cho Hyun thanked"
                   " Wang Yi for the invitation.\n")
    assert m.location == "Beijing"


def test_one_place_is_the_same_town_or_venue_first_not_a_word_in_common() -> None:
    from bot.meetings.merge import named_same_place
    assert named_same_place("New York", "New York, United States")
    assert named_same_place("Busan", "busan, South Korea")
    assert not named_same_place("New York", "New Delhi")
    assert not named_same_place("Washington, United States", "New York, United States")


WEEKDAY_VIENTIANE = (
    "Seoul and Beijing diplomats stress dialogue\n\nThe top diplomats of South Korea and China"
    " met on the margins of a regional security forum, agreeing to keep talking about the"
    " peninsula.\n\nAccording to Seoul's foreign ministry on Friday, Foreign Minister Cho"
    " Tae-yul and his Chinese counterpart, Wang Yi, reached the agreement in the Laotian capital"
    " of Vientiane.\n")
DATED_TOKYO_FRIDAY = (
    "Wang Yi meets ROK FM in Tokyo\n\nTOKYO, March 21 (Xinhua) -- Chinese Foreign Minister Wang"
    " Yi met with South Korean Foreign Minister Cho Tae-yul in Tokyo on Friday.\n")


def test_a_city_named_after_the_event_sentence_is_where_the_meeting_was(
    tmp_path: Path
) -> None:
    _art, m = info(WEEKDAY_VIENTIANE)
    assert m.location == "Vientiane" and m.weekday == 4
    # Only the weekday, and a Friday meeting of the same ministers elsewhere: not that one.
    results = in_three_orders(tmp_path, [("kbs.txt", WEEKDAY_VIENTIANE),
                                         ("xinhua.txt", DATED_TOKYO_FRIDAY)])
    assert results[0] == [(None, ("kbs.txt",)), ("2025-03-21", ("xinhua.txt",))]
    assert results[1] == results[0] and results[2] == results[0]


def test_a_paper_quoting_the_other_sides_release_keeps_its_own_side() -> None:
    # A Seoul daily: its own ministry's release unmarked, then Beijing's quoted for Wang.
    art, m = info(
        "\n\nSouth Korean Foreign Minister Cho Tae-yul held his first phone call with his"
        " Chinese counterpart, Wang Yi, on Feb. 6.\n\nAccording to a press release from the"
        " Ministry of Foreign Affairs, Cho stressed trust between the two countries.\n\nIn a"
        " press release from the Chinese Foreign Ministry, Wang called the two countries close"
        " neighbors.\n")
    assert side_from_wording(art, m, REG) != "china"


FIRST_SINCE_OFFICE = (
    "Beijing and Seoul pledge steady ties\n\nChinese Foreign Minister Wang Yi held a virtual"
    " meeting with new South Korean Foreign Minister Park Jin on Monday.\n\nIn their first talks"
    " since Park took office last week, Wang called for ties to grow in the right direction.\n")
DECEMBER_VIDEO = (
    "Wang Yi holds video talks with ROK FM\n\nBEIJING, Dec. 12 (Xinhua) -- Chinese Foreign"
    " Minister Wang Yi held video talks with South Korean Foreign Minister Park Jin on Monday.\n")
MAY_VIDEO = (
    "Wang Yi holds video talks with ROK FM\n\nBEIJING, May 16 (Xinhua) -- Chinese Foreign"
    " Minister Wang Yi held video talks with South Korean Foreign Minister Park Jin on Monday.\n")


def test_a_first_call_since_taking_office_is_not_one_months_into_the_term(
    tmp_path: Path
) -> None:
    # Only a weekday, and the one Monday video call indexed is seven months into Park's term.
    results = in_three_orders(tmp_path / "late", [("cd.txt", FIRST_SINCE_OFFICE),
                                                  ("xinhua.txt", DECEMBER_VIDEO)])
    assert results[0] == [(None, ("cd.txt",)), ("2022-12-12", ("xinhua.txt",))]
    assert results[1] == results[0] and results[2] == results[0]
    # The Monday call of his first week is that one.
    results = in_three_orders(tmp_path / "early", [("cd.txt", FIRST_SINCE_OFFICE),
                                                   ("xinhua.txt", MAY_VIDEO)])
    assert results[0] == [("2022-05-16", ("cd.txt", "xinhua.txt"))]
    assert results[1] == results[0] and results[2] == results[0]


# A Hong Kong daily's house style: no word for how the ministers talked.
NO_FORMAT = (
    "Seoul's new top diplomat reaches out to Beijing\n\nSEOUL - South Korean Foreign Minister"
    " Cho Hyun and his Chinese counterpart Wang Yi pledged on Monday to keep relations on a"
    " steady footing, in their first official exchange since Cho took office last week.\n\nCho"
    " said Seoul wanted the two neighbours to widen trade in the second half of the year.\n")
PHONE_DATED = (
    "Wang Yi holds phone talks with ROK FM\n\nBEIJING, July 28 (Xinhua) -- Chinese Foreign"
    " Minister Wang Yi held phone talks with South Korean Foreign Minister Cho Hyun on Monday."
    "\n\nWang congratulated Cho on taking office.\n")
MET_DATED = (
    "Wang Yi meets ROK FM\n\nBEIJING, July 28 (Xinhua) -- Chinese Foreign Minister Wang Yi met"
    " with South Korean Foreign Minister Cho Hyun in Beijing on Monday.\n")


def test_a_report_that_names_no_format_joins_the_call_it_reports(tmp_path: Path) -> None:
    _art, m = info(NO_FORMAT)
    # neither a meeting nor a call, and not in the dateline's city
    assert m.format == "unstated" and m.location is None
    results = in_three_orders(tmp_path, [("scmp.txt", NO_FORMAT), ("xinhua.txt", PHONE_DATED)])
    assert results[0] == [("2025-07-28", ("scmp.txt", "xinhua.txt"))]
    assert results[1] == results[0] and results[2] == results[0]
    st = Store(tmp_path / "s0.db")
    # the record says what the report that names a format says, whichever came first
    assert [m["format"] for m in st.meetings()] == ["phone_call"]


def test_a_report_that_names_no_format_alone_is_shown_as_a_meeting(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "scmp.txt").write_text(NO_FORMAT)
    st = Store(tmp_path / "s.db")
    index_sources(st, [str(folder)])
    assert [(m["format"], m["location"]) for m in st.meetings()] == [("meeting", None)]


def test_a_report_that_names_no_format_does_not_join_a_call_and_a_meeting_into_one(
    tmp_path: Path
) -> None:
    # The same ministers on the same day by phone and in person (two reports that say so):
    # a report that could be of either links them, and must not make them one.
    results = in_three_orders(tmp_path, [("scmp.txt", NO_FORMAT), ("xinhua.txt", PHONE_DATED),
                                         ("cd.txt", MET_DATED)])
    meetings = results[0]
    assert len(meetings) in (2, 3)
    assert not any({"xinhua.txt", "cd.txt"} <= set(src) for _d, src in meetings)
    assert results[1] == results[0] and results[2] == results[0]


# A Seoul wire story of a bilateral held before a three-way summit, in our own words.
BILATERAL_BEFORE_TRILATERAL = (
    "Yoon, Biden vow closer security ties\n\nSouth Korean President Yoon Suk Yeol and U.S."
    " President Joe Biden agreed Friday to deepen cooperation on deterrence, the presidential"
    " office said.\n\nThe two leaders held a bilateral meeting ahead of a trilateral summit with"
    " Japanese Prime Minister Fumio Kishida at the retreat.\n")


def test_a_leader_of_the_summit_that_follows_is_no_participant() -> None:
    _art, m = info(BILATERAL_BEFORE_TRILATERAL)
    assert [p.name for p in m.participants] == ["Yoon Suk Yeol", "Joe Biden"]
    assert m.weekday == 4


def test_the_presidential_office_with_no_country_is_seouls() -> None:
    art, m = info(BILATERAL_BEFORE_TRILATERAL)
    assert side_from_wording(art, m, REG) == "south_korea"
    # a report that says nothing of whose account it is gets no side from this rule
    art, m = info(BILATERAL_BEFORE_TRILATERAL.replace(", the presidential office said", ""))
    assert side_from_wording(art, m, REG) is None


def test_a_broadcast_dated_only_by_its_header_day_joins_the_dated_meeting(
        tmp_path: Path) -> None:
    dated = ("Tokyo talks: leaders agree on defence\n\n"
             "TOKYO, May 23 (Kyodo) -- Japanese Prime Minister Fumio Kishida and U.S. President"
             " Joe Biden held talks in Tokyo on Monday, May 23, 2022.\n\n"
             "Kishida said Japan would raise its defence budget.\n")
    brief = ("Leaders pledge closer ties\n\nNHK -- May 23\n\n"
             "Prime Minister Kishida Fumio met President Joe Biden amid rising tensions in the"
             " Indo-Pacific.\n\n"
             "Biden said a strong alliance was a force for good in the region.\n")
    for result in in_three_orders(tmp_path, [("kyodo.txt", dated), ("nhk.txt", brief)]):
        assert result == [("2022-05-23", ("kyodo.txt", "nhk.txt"))]


# A minister's press conference saved whole: a section name, the stamp with its weekday and
# time, a translation note, a language link, headings, then the minister's own account.
PRESSER = (
    "Press Conferences\n\nExtraordinary Press Conference by Foreign Minister IWAYA Takeshi\n\n"
    "Wednesday, October 9, 2024, 7:42 p.m. Ministry of Foreign Affairs\n\n"
    "This is a provisional translation by an external company for reference purpose only.\n"
    "Japanese\n\nOpening Remarks\n\n(1) Japan-China Foreign Ministers' Telephone Talk\n\n"
    "Mr. IWAYA Takeshi, Minister for Foreign Affairs: Let me begin with the Japan-China"
    " Foreign Ministers' Telephone Talk.\n\n"
    "A short while ago I spoke by telephone for the first time with Foreign Minister Wang Yi of"
    " China. We agreed to keep the relationship stable.\n")


def test_a_press_conference_whose_account_follows_its_headings() -> None:
    art, m = info(PRESSER)
    assert art.published == date(2024, 10, 9)  # the stamp with its weekday and time
    assert not any(p.startswith("This is a provisional") for p in art.paragraphs)
    assert m.format == "phone_call" and m.event_date == date(2024, 10, 9)
    assert [p.person_id for p in m.participants] == ["takeshi_iwaya", "wang_yi"]


def test_background_between_the_lead_and_the_meeting_does_not_date_it() -> None:
    text = ("Beijing asks Tokyo for calm over attack\n\n"
            "BEIJING (AFP) - China's top diplomat told his Japanese counterpart he hoped Tokyo"
            " would stay calm over the attack, China's foreign ministry said on Tuesday.\n\n"
            "The attack took place last week in a southern city.\n\n"
            "Officials have given few details about the victim.\n\n"
            "It happened on September 18, a sensitive anniversary in China.\n\n"
            "The two ministers last met in Busan in November, before a trilateral meeting"
            " with Seoul.\n\n"
            "Meeting in New York, Wang Yi told Japanese Foreign Minister Yoko Kamikawa that China"
            " would handle the case according to the law.\n")
    _art, m = info(text)
    assert [p.person_id for p in m.participants] == ["wang_yi", "yoko_kamikawa"]
    assert m.month_day is None and m.weekday == 1  # "said on Tuesday", not September 18
    assert m.location == "New York"  # not Busan, where they last met


def test_a_report_relaying_a_state_broadcaster_is_that_governments_account() -> None:
    from bot.meetings.sides import _side_from_source
    art, m = info("Beijing hopes for better ties with Tokyo\n\n"
                  "BEIJING: Chinese Foreign Minister Wang Yi told Japanese Foreign Minister"
                  " Takeshi Iwaya during a phone call on Wednesday that ties should improve.\n\n"
                  "Wang said he looked forward to progress, according to a report by Chinese"
                  " state broadcaster CCTV.\n")
    assert _side_from_source(art, m) == "china"
