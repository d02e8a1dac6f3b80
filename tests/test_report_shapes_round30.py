"""Round 30 shapes, in our own words (issue 10). Measured on real China–Netherlands reports
before any change (labelled by a helper, never run before): the Dutch government's press
statement of its minister, in the first person, had no side ("Press statement" with no "by" in
its title); a daily's "Minister also spoke about Xinjiang during meeting with Wang" made the
meeting a phone call, so the report stayed apart from its meeting; and an agency story on a
site that carries the wire ("Space News from ..." as the page title, the headline, then
"Beijing, May 22 (AFP) May 22, 2025" alone on its line) lost its headline, its dateline, its
outlet and the meeting's place."""

from __future__ import annotations

from bot.analysis.meeting_facts import extract_meeting
from bot.articles.text import parse_text
from bot.meetings.sides import side_from_wording, title_speaker
from bot.models import MeetingInfo
from bot.registry.people import default_registry

MINISTER_PRESS_STATEMENT = """Press statement Wopke Hoekstra, Minister of Foreign Affairs, \
Beijing 23 May 2023

Press statement by Wopke Hoekstra, Minister of Foreign Affairs, Beijing 23 May 2023.

Good evening,

I thank my host Qin Gang for a long and frank exchange today. We talked about trade, about the \
war in Ukraine and about the climate.

Our countries do not agree on everything, and I said so. But talking to each other is how we \
keep this relationship steady.
"""


def test_a_minister_s_press_statement_is_his_government_s_account() -> None:
    reg = default_registry()
    article = parse_text(MINISTER_PRESS_STATEMENT, "statement.txt")
    info = extract_meeting(article, reg)
    assert str(info.event_date) == "2023-05-23"
    assert sorted(p.name for p in info.participants) == ["Qin Gang", "Wopke Hoekstra"]
    assert side_from_wording(article, info, reg) == "netherlands"
    speaker = title_speaker(article, reg)
    assert speaker is not None and speaker.name == "Wopke Hoekstra"


DAILY_SPOKE_ABOUT_AT_A_MEETING = """Dutch minister Stef Blok presses Wang Yi on Hong Kong

- Blok calls recent arrests in the city a worrying turn
- Minister also spoke about the situation in Xinjiang during meeting with Wang, who is touring \
five European capitals

The Dutch foreign minister told his Chinese counterpart, Wang Yi, of his concern over Hong \
Kong, a written statement from The Hague said on Wednesday.
"""


def test_spoke_about_topics_at_a_meeting_is_no_phone_call() -> None:
    article = parse_text(DAILY_SPOKE_ABOUT_AT_A_MEETING, "daily.txt")
    info = extract_meeting(article, default_registry())
    assert info.format == "meeting"
    assert sorted(p.name for p in info.participants) == ["Stef Blok", "Wang Yi"]


CALL_WHERE_THEY_SPOKE_ABOUT = """Foreign ministers of China and the Netherlands talk by phone

The two ministers spoke about the war in Ukraine and about trade, the Dutch ministry said on \
Wednesday, March 18, 2020. Stef Blok spoke with Wang Yi for half an hour.
"""


def test_spoke_about_in_a_call_report_is_still_a_call() -> None:
    article = parse_text(CALL_WHERE_THEY_SPOKE_ABOUT, "call.txt")
    assert extract_meeting(article, default_registry()).format == "phone_call"


WIRE_ON_A_CARRIER_SITE = """Space News from ExampleDaily.com
Dutch minister wants trade "as free as possible" after Beijing talks
ADVERTISEMENT


Beijing, May 22 (AFP) May 22, 2025
Dutch Foreign Minister Caspar Veldkamp said on Thursday that the Netherlands wants world trade \
to stay open, after a day of meetings in the Chinese capital.

Veldkamp, on his first visit to China in the post, said he had talked about tariffs with \
Chinese officials, among them Foreign Minister Wang Yi.
"""


def test_a_dateline_alone_on_its_line_under_a_site_title() -> None:
    article = parse_text(WIRE_ON_A_CARRIER_SITE, "carrier.txt")
    assert article.title.startswith("Dutch minister wants trade")
    assert "ADVERTISEMENT" not in article.title
    assert article.outlet == "AFP"
    assert article.dateline == "Beijing, May 22"
    assert article.paragraphs[0].startswith("Dutch Foreign Minister Caspar Veldkamp said")
    info = extract_meeting(article, default_registry())
    assert str(info.event_date) == "2025-05-22"
    assert info.location == "Beijing"


DAY_FIRST_TITLE_CASE_DATELINE = """Ulaanbaatar, 10 August 2022 (TDI): The foreign ministers of \
China and Mongolia, Wang Yi and Battsetseg Batmunkh, held talks in Ulaanbaatar on Tuesday.

Both said the two neighbours would keep working together on trade and on the railway across the \
border.
"""

NON_ASCII_CITY_DATELINE = """Malé, 9 January 2022 (TDI): Chinese State Councilor and Foreign \
Minister Wang Yi, on a visit to the Maldives, held talks with Foreign Minister Abdulla Shahid.

The two ministers spoke to the press together after their talks.
"""


def test_a_day_first_dateline_in_title_case_dates_the_weekday() -> None:
    article = parse_text(DAY_FIRST_TITLE_CASE_DATELINE, "tdi.txt")
    assert article.dateline == "Ulaanbaatar, 10 August 2022"
    assert article.outlet == "TDI"
    assert article.paragraphs[0].startswith("The foreign ministers of China")
    info = extract_meeting(article, default_registry())
    assert str(info.event_date) == "2022-08-09"  # the Tuesday before the dateline's Wednesday
    assert info.location == "Ulaanbaatar"


def test_a_dateline_city_with_letters_beyond_ascii() -> None:
    article = parse_text(NON_ASCII_CITY_DATELINE, "tdi.txt")
    assert article.dateline == "Malé, 9 January 2022"
    info = extract_meeting(article, default_registry())
    assert str(info.event_date) == "2022-01-09"
    assert info.location == "Malé"


BROADCASTER_PAGE_WITH_TIP_LINES = """Foreign ministers of Korea and China hold phone talks
Foreign Minister Cho Tae-yul held phone talks with Chinese Foreign Minister Wang Yi on Tuesday, \
the ministry said.
The two ministers agreed to keep in close contact on the situation on the Korean Peninsula.
※ 'Send us your tips and they become the news'
[Kakao Talk] Search for the broadcaster and add the channel
[Phone] 02-000-0000
[Mail] tips@example.com
[Copyright holder (c) Broadcaster, no redistribution]
Politics
More- Tomorrow's deadline for the court appointment
- Another headline from the same desk
"""


def test_a_broadcaster_s_tip_lines_and_bracketed_rights_line_end_the_story() -> None:
    article = parse_text(BROADCASTER_PAGE_WITH_TIP_LINES, "broadcaster.txt")
    assert article.paragraphs[-1].startswith("The two ministers agreed")
    text = " ".join(article.paragraphs)
    for furniture in ("※", "Kakao", "[Phone]", "[Mail]", "Copyright", "More-", "Another headline"):
        assert furniture not in text


REPRINTED_WIRE_BRACKET_DATELINE = """Beijing [China], December 26 : Japanese Foreign Minister \
Iwaya Takeshi on Wednesday held talks and a working lunch with his Chinese counterpart Wang Yi in \
Beijing, covering trade, the seas around both countries and Taiwan.

The two ministers also agreed to keep talking at every level.
"""


def _wang_iwaya_on_christmas(text: str, dateline: str, opening: str) -> MeetingInfo:
    """The report's dateline and first words, and the meeting it reports: Wang Yi and Takeshi
    Iwaya on 2024-12-25."""
    article = parse_text(text, "report.txt")
    assert article.dateline == dateline
    assert article.paragraphs[0].startswith(opening)
    info = extract_meeting(article, default_registry())
    assert str(info.event_date) == "2024-12-25"
    assert sorted(p.name for p in info.participants) == ["Takeshi Iwaya", "Wang Yi"]
    return info


def test_a_reprinted_wire_dateline_with_a_bracketed_country_and_no_agency() -> None:
    # no year anywhere: the Wednesday before December 26 on which both held office
    _wang_iwaya_on_christmas(REPRINTED_WIRE_BRACKET_DATELINE, "Beijing [China], December 26",
                             "Japanese Foreign Minister Iwaya Takeshi")


SPOKESPERSON_ON_TALKS_OF_THE_DAY_BEFORE = """ date 2024-12-26 BEIJING: The talks between the \
Chinese and Japanese foreign ministers were candid and constructive, a Chinese foreign ministry \
spokesperson said on Thursday, in response to media questions about the talks between Chinese \
Foreign Minister Wang Yi and Japanese Foreign Minister Takeshi Iwaya on Wednesday.

According to the spokesperson, the talks followed up the consensus reached between President Xi \
Jinping and Prime Minister Shigeru Ishiba at their meeting in Lima last month.
"""


def test_a_spokesperson_s_day_and_an_earlier_summit_s_place_are_not_the_talks() -> None:
    info = _wang_iwaya_on_christmas(SPOKESPERSON_ON_TALKS_OF_THE_DAY_BEFORE, "BEIJING",
                                    "The talks between the Chinese")
    assert info.location != "Lima"


def test_a_capitalised_label_and_a_colon_is_no_dateline() -> None:
    article = parse_text("Ministers meet\n\nALSO READ: Another story on the same page.\n\n"
                         "The two ministers met in Kathmandu on Monday.\n", "label.txt")
    assert article.dateline is None


GOVERNMENT_PORTAL_WITH_A_REPORTER_BYLINE = """Policies

May 14, 2024

Minister of Foreign Affairs Cho Tae-yul (left) and Chinese Minister of Foreign Affairs Wang Yi \
pose for a photo before their talks in Beijing on the afternoon of May 13.

Minister of Foreign Affairs Cho Tae-yul (left) and Chinese Minister of Foreign Affairs Wang Yi \
pose for a photo before their talks in Beijing on the afternoon of May 13.


By Mina Example
Photos = Ministry of Foreign Affairs

Minister of Foreign Affairs Cho Tae-yul on May 13 told Wang Yi in Beijing that both sides, not \
one side alone, must work to improve ties.
"""


def test_a_reporter_s_byline_is_no_outlet() -> None:
    article = parse_text(GOVERNMENT_PORTAL_WITH_A_REPORTER_BYLINE, "portal.txt")
    assert article.outlet is None
    wire = parse_text("Ministers talk\n\nBy Anadolu Agency\n\nForeign Minister Maris "
                      "Sangiampongsa met Wang Yi on Tuesday.\n", "wire.txt")
    assert wire.outlet == "Anadolu Agency"
    agency = parse_text("Ministers talk\n\nBy Diplomacy Journal Kayla Example\n\nForeign "
                        "Minister Cho Tae-yul met Wang Yi on Tuesday.\n", "dj.txt")
    assert agency.outlet is not None and agency.outlet.startswith("Diplomacy Journal")
    # an outlet's name may look like a name, but not with an article or a country in it
    for outlet in ("The Diplomat", "Rising Nepal"):
        paper = parse_text(f"Ministers talk\n\nBy {outlet}\n\nForeign Minister Cho Tae-yul met"
                           " Wang Yi on Tuesday.\n", "paper.txt")
        assert paper.outlet == outlet
