"""Round 27 shapes, in our own words (issue 10). Measured on real China–Hungary reports before
any change (labelled by a helper, never run before): a wire story saved with "top of page"
above its headline lost its byline's date and joined, by its Monday, a meeting two years
earlier; a Budapest-datelined story of talks in China took Budapest as their place, so the
Chinese report of the same talks (in Guiyang) stayed apart; an EU presidency "between July 1
and December 31, 2024" dated a June phone call; a railway "to follow on March 14" in a story
of February dated it the year before."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

from shapes_support import meetings_in_order

from bot.analysis.dates import find_date, find_full_date
from bot.analysis.meeting_facts import extract_meeting
from bot.articles.cleanup import is_furniture
from bot.articles.text import parse_text
from bot.registry.people import default_registry


def _meeting(text: str, name: str = "r.txt"):  # type: ignore[no-untyped-def]
    return extract_meeting(parse_text(text, name), default_registry())


WIRE_WITH_PAGE_CHROME = """top of page

Beijing and Budapest pledge to work for a ceasefire, says Wang

By Agence France-Presse

April 23, 2024

Wang Yi and Peter Szijjarto shake hands in Budapest on Monday. Photo: Reuters

China and Hungary are ready to work with others for peace, Chinese top diplomat Wang Yi said \
on Monday after talks with Hungarian Foreign Minister Peter Szijjarto in Budapest.

Szijjarto said Hungary welcomed any proposal that could bring a ceasefire.
"""

CHINA_SIDE_BUDAPEST = """Wang Yi Meets Hungarian Foreign Minister Peter Szijjarto

BUDAPEST, April 22, 2024 (Xinhua) -- Chinese Foreign Minister Wang Yi met with Hungarian \
Minister of Foreign Affairs and Trade Peter Szijjarto in Budapest on Monday.

Wang said China values Hungary as a good friend and partner.
"""

A_MONDAY_CALL_YEARS_LATER = """Wang Yi Speaks with Hungarian Foreign Minister on the Phone

BEIJING, March 17 (Xinhua) -- Chinese Foreign Minister Wang Yi spoke with Hungarian Foreign \
Minister Peter Szijjarto on the phone on Monday, 17 March 2025.

Wang said the two sides should keep in close touch.
"""


def test_page_chrome_above_the_headline_is_not_the_title() -> None:
    for line in ("top of page", "Download", "N", "Home > News & Events"):
        assert is_furniture(line), line
    for line in ("China and Hungary agree", "Of course not", "A new chapter"):
        assert not is_furniture(line), line
    article = parse_text(WIRE_WITH_PAGE_CHROME, "afp.txt")
    assert article.title.startswith("Beijing and Budapest pledge")
    assert article.published == date(2024, 4, 23)
    assert _meeting(WIRE_WITH_PAGE_CHROME).event_date == date(2024, 4, 22)


def test_the_wire_story_joins_its_own_meeting_not_a_later_monday(tmp_path: Path) -> None:
    files = {"afp.txt": WIRE_WITH_PAGE_CHROME, "xinhua.txt": CHINA_SIDE_BUDAPEST,
             "call.txt": A_MONDAY_CALL_YEARS_LATER}
    for order in itertools.permutations(files):
        meetings = meetings_in_order(tmp_path, files, list(order))
        by_day = {m["event_date"]: m for m in meetings}
        assert set(by_day) == {"2024-04-22", "2025-03-17"}, order
        assert sorted(by_day["2024-04-22"]["sources"]) == ["afp.txt", "xinhua.txt"]


FILED_AT_HOME = """ date 2021-05-31 BUDAPEST, May 31 (Reuters) - Hungary will produce Chinese \
vaccines at a new plant, Foreign Minister Peter Szijjarto said in China on Monday, according to \
the state news agency.

Szijjarto made the announcement after talks with his Chinese counterpart, Wang Yi.

The plant is due to open next year.
"""

CHINA_SIDE_GUIYANG = """Chinese FM meets his Hungarian counterpart

Chinese Foreign Minister Wang Yi held talks on Monday with his Hungarian counterpart Peter \
Szijjarto in the city of Guiyang in southwest China's Guizhou Province.

Wang said the two countries would deepen cooperation on vaccines.
"""

SPEECH_ABOUT_A_WAR = """ROME, February 17 - Italy's Foreign Minister Antonio Tajani said that \
Wang Yi had told him about a speech on the anniversary of the war in Ukraine.

"He spoke of peace," Tajani said after the meeting with Wang Yi.
"""


def test_a_story_filed_at_home_of_talks_abroad_is_placed_abroad() -> None:
    assert _meeting(FILED_AT_HOME).location == "China"
    # the city and the country it is in, known to be one place with "China"
    assert _meeting(CHINA_SIDE_GUIYANG).location == "Guiyang, China"
    # a country the story is about is not where anyone was
    assert _meeting(SPEECH_ABOUT_A_WAR).location != "Ukraine"


def test_the_home_filed_story_and_the_guiyang_report_are_one_meeting(tmp_path: Path) -> None:
    # (on PostgreSQL too: "Szijjártó" is stored as "Szijj\u00e1rt\u00f3", whose backslashes
    # PostgreSQL's LIKE read as escapes, so an accented name found no neighbours)
    files = {"reuters.txt": FILED_AT_HOME, "cgtn.txt": CHINA_SIDE_GUIYANG}
    for order in itertools.permutations(files):
        meetings = meetings_in_order(tmp_path, files, list(order))
        assert len(meetings) == 1, [(m["event_date"], m["location"]) for m in meetings]
        assert meetings[0]["event_date"] == "2021-05-31"
        assert meetings[0]["location"] in ("China", "Guiyang, China")  # never Budapest


def test_a_long_period_is_no_meetings_date() -> None:
    assert find_full_date("the EU presidency between July 1 and December 31, 2024, will"
                          " focus on competitiveness") is None
    assert find_full_date("from March 1, 2024 to May 31, 2024 the office was shut") is None
    # a visit of a few days keeps its days: the meeting is one of them
    assert find_full_date("Wang visited Rome from 7 to 12 October 2025") is not None
    assert find_full_date("talks between May 3 and May 4, 2024 in Rome") is not None
    text = """Szijjarto: China is a valuable partner

Peter Szijjarto, Minister of Foreign Affairs and Trade, said after a phone call with Wang Yi \
that cooperation with China will be a goal of Hungary's EU presidency.

Another focus of the presidency between July 1 and December 31, 2024, is competitiveness.
"""
    assert _meeting(text).event_date != date(2024, 12, 31)


def test_a_coming_day_is_not_last_years() -> None:
    ref = date(2026, 2, 12)
    assert find_date("freight service starts on February 27, with passengers to follow",
                     ref) is None
    assert find_date("they met on February 10", ref) == (date(2026, 2, 10), '"February 10"')
    # a day well past in the calendar is last year's, as before
    assert find_date("they met on December 28", date(2026, 1, 5))[0] == date(2025, 12, 28)


EMBASSY_GUIYANG = """Wang Yi Holds Talks with Hungarian Foreign Minister

On May 31, 2021, State Councilor and Foreign Minister Wang Yi held talks with Hungarian \
Minister of Foreign Affairs and Trade Peter Szijjarto in Guiyang.

Wang said the two countries should expand cooperation on vaccines.
"""

CONSULATE_NO_PLACE = """Wang Yi Meets with Hungarian Foreign Minister

On August 24, 2020, State Councilor and Foreign Minister Wang Yi met with Hungarian Minister \
of Foreign Affairs and Trade Peter Szijjarto.

Wang said China and Hungary are good friends of mutual trust.
"""


def test_a_weekday_report_joins_the_one_meeting_known_to_be_where_it_says(
        tmp_path: Path) -> None:
    # two Monday meetings of the same ministers: one in Guiyang, one whose place nobody gave;
    # "in Guiyang ... on Monday" is the Guiyang one, in any order
    files = {"embassy.txt": EMBASSY_GUIYANG, "consulate.txt": CONSULATE_NO_PLACE,
             "cgtn.txt": CHINA_SIDE_GUIYANG}
    for order in itertools.permutations(files):
        meetings = meetings_in_order(tmp_path, files, list(order))
        by_day = {m["event_date"]: sorted(m["sources"]) for m in meetings}
        assert by_day == {"2021-05-31": ["cgtn.txt", "embassy.txt"],
                          "2020-08-24": ["consulate.txt"]}, order
