"""Saved pages whose header or caption carries what the story leaves out (written in our own
words in each site's house style): a section path and a standfirst above the publication stamp
(Global Times), a weekday-led date line and a dated photo caption over a story that gives no
date (a regional paper reprinting Xinhua), "talks ... over phone" (Xinhua), "obstacles in
China-U.S. relations" (no place), a venue in one report and the city in another."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.analysis.meeting_facts import _format_of, _place, extract_meeting
from bot.articles.text import parse_text
from bot.meetings.merge import same_place
from bot.registry.people import default_registry

PAGES = Path(__file__).resolve().parent / "fixtures" / "saved_pages"
GLOBAL_TIMES_STYLE = (PAGES / "globaltimes_style.txt").read_text()
REGIONAL_REPRINT = (PAGES / "regional_reprint.txt").read_text()


def test_section_path_and_standfirst_above_the_stamp() -> None:
    art = parse_text(GLOBAL_TIMES_STYLE, "gt.txt")
    assert art.title.startswith("Top diplomats of China and US")
    assert art.published == date(2024, 8, 29)
    # the standfirst repeats the story; the story starts at its first sentence
    assert art.paragraphs[0].startswith("China's top diplomat Wang Yi held")
    assert not any(p.startswith("Wang Yi and Sullivan discuss") for p in art.paragraphs)


def test_a_dated_caption_dates_a_story_that_does_not() -> None:
    art = parse_text(REGIONAL_REPRINT, "reprint.txt")
    assert art.published == date(2024, 11, 19)  # "Tuesday 19 November 2024 | 00:16"
    assert not any("/Xinhua" in p for p in art.paragraphs)  # a caption is no statement
    info = extract_meeting(art, default_registry())
    assert info.event_date == date(2024, 11, 16)  # the caption's date, not the reprint's
    assert "caption" in info.date_reason


def test_a_caption_of_an_older_photo_does_not_date_the_event() -> None:
    old = REGIONAL_REPRINT.replace("November 16, 2024", "November 15, 2023")
    info = extract_meeting(parse_text(old, "reprint.txt"), default_registry())
    assert info.event_date == date(2024, 11, 19)  # only the publication date is left


def test_talks_over_phone_is_a_call() -> None:
    assert _format_of("Xi made the remarks when having talks with his U.S. counterpart, Joe"
                      " Biden, over phone on Thursday.") == "phone_call"
    # a call mentioned in another clause does not make the meeting a call
    assert _format_of("Wang met Park Jin in Beijing, after they talked by phone last week.") \
        == "meeting"


def test_a_pair_of_countries_is_no_place() -> None:
    text = "The two sides held discussions on removing obstacles in China-U.S. relations"
    assert _place(text, "VIENNA") == "Vienna"


def test_a_venue_and_a_city_may_be_one_place() -> None:
    assert same_place("Filoli Estate", "San Francisco")
    assert same_place("Busan, South Korea", "Busan")
    assert not same_place("Beijing", "Seoul")


def test_a_related_storys_headline_inside_the_body_is_dropped() -> None:
    page = ("Seoul and Beijing ministers meet\n\n"
            "The foreign ministers of South Korea and China met on Tuesday, Yonhap reported.\n\n"
            "'Peace First': Protesters Rally Against Missile Battery Near Seongju\n\n"
            "Park told Wang that supply chains must stay open, the agency said.\n")
    art = parse_text(page, "wire.txt")
    assert [p[:8] for p in art.paragraphs] == ["The fore", "Park tol"]


def test_a_wire_reprint_with_no_date_but_a_dated_caption_on_its_weekday() -> None:
    # "TOKYO—" with an unspaced em dash; "Japan's Prime Minister ..." is the country's title
    page = ("Tokyo and Washington pledge closer alliance\n\n"
            "President Biden greets Prime Minister Kishida before their talks in Phnom Penh,"
            " Cambodia, on Nov. 13, 2022. (Photo/Wire)\n\n"
            "TOKYO—Japan's Prime Minister Fumio Kishida and U.S. President Joe Biden agreed at a"
            " meeting on Sunday to deepen their alliance.\n\n"
            "Kishida told reporters the two leaders shared concerns about missile launches.\n")
    art = parse_text(page, "reprint.txt")
    assert art.dateline == "TOKYO" and art.paragraphs[0].startswith("Japan's Prime Minister")
    info = extract_meeting(art, default_registry())
    assert [p.person_id for p in info.participants] == ["fumio_kishida", "joe_biden"]
    assert info.event_date == date(2022, 11, 13)  # a Sunday, as the story says
    # a caption of another day is no date for a Sunday meeting
    other = extract_meeting(parse_text(page.replace("Nov. 13", "Nov. 10"), "r.txt"),
                            default_registry())
    assert other.event_date is None and other.weekday == 6


def test_a_title_case_dateline_with_its_agency_and_an_honorific() -> None:
    from bot.articles.cleanup import split_dateline
    from bot.pipeline.analyse import Pipeline
    line, rest = split_dateline("Jakarta, July 14 (Jiji Press)--Japan's foreign minister met")
    assert line is not None and (line.text, line.agency) == ("Jakarta, July 14", "Jiji Press")
    assert rest.startswith("Japan's foreign minister")
    # a parenthesis in a sentence is no dateline
    assert split_dateline("The talks (held today) - went well")[0] is None
    page = ("Leaders meet in Phnom Penh\n\n"
            "On November 13, Mr. KISHIDA Fumio, Prime Minister of Japan, held a meeting with the"
            " Honorable Joseph R. Biden, Jr., President of the United States of America.\n")
    item = Pipeline().analyse(parse_text(page, "release.txt"))
    assert [p.person_id for p in item.meeting.participants] == ["fumio_kishida", "joe_biden"]


def test_the_day_a_ministry_said_it_is_not_the_meetings_day() -> None:
    from bot.analysis.dates import find_weekday
    text = ("Foreign Minister Cho Tae-yul and his Japanese counterpart held talks in Lima,"
            " Seoul's foreign ministry said Friday.")
    assert find_weekday(text) is None and find_weekday(text, said=True) == 4
    assert find_weekday("Wang Yi said on Tuesday that ties should improve.") == 1
    # a caption with two dates and no year: the one on the story's weekday
    page = ("This photo, provided by the foreign ministry on Nov. 15, Friday, shows the two"
            " ministers meeting in Lima, Peru, on Nov. 14, Thursday. (Yonhap) |\n\n"
            "Foreign Minister Cho Tae-yul and his Japanese counterpart, Takeshi Iwaya, have held"
            " talks in Peru, Seoul's foreign ministry said Friday.\n\n"
            "The two held a meeting in Lima on Thursday to discuss bilateral ties.\n")
    art = parse_text(page, "lima.txt")
    assert art.captions and not any("This photo" in p for p in art.paragraphs)
    info = extract_meeting(art, default_registry())
    assert info.month_day == (11, 14) and info.event_date is None


def test_a_byline_with_its_stamp_and_a_possessive_at_its_own_meeting() -> None:
    page = ("Seoul and Tokyo ministers meet ahead of Trump's inauguration\n\n"
            "By Jane Roe Posted : January 13, 2025, 17:20 Updated : January 13, 2025, 17:26\n"
            "SEOUL, January 13 (AJP) - The foreign ministers of South Korea and Japan held"
            " talks in Seoul on Monday.\n\n"
            "It was South Korea's Foreign Minister Cho Tae-yul's first meeting with his Japanese"
            " counterpart Takeshi Iwaya since October.\n\n"
            "They stressed cooperation with Washington as incoming U.S. President Donald Trump"
            " takes office.\n")
    art = parse_text(page, "ajp.txt")
    assert art.published == date(2025, 1, 13)
    info = extract_meeting(art, default_registry())
    assert [p.person_id for p in info.participants] == ["cho_tae_yul", "takeshi_iwaya"]


# A Turkish agency's saved page, in our own words: a spaced section name, the headline, a
# standfirst, a byline with a day-first date and its update stamp, the headline again.
PIPE_STAMPED = (
    "Asia - Pacific\n\nBeijing and Seoul ministers talk before regional summit\n\n"
    "Wang Yi and Cho Hyun speak by phone ahead of the leaders' gathering\n\n"
    "Agency staff  | 08.10.2025 - Update : 08.10.2025\n"
    "Beijing and Seoul ministers talk before regional summit\n\nANKARA\n\n"
    "The Chinese and South Korean foreign ministers discussed the coming summit in a phone"
    " call, China's Foreign Ministry said Tuesday.\n")


def test_a_byline_with_a_day_first_date_is_the_publication_date() -> None:
    art = parse_text(PIPE_STAMPED, "agency.txt")
    assert art.title == "Beijing and Seoul ministers talk before regional summit"
    assert art.published == date(2025, 10, 8)  # day first: 8 October, not 10 August
    assert not any("Update" in p or p == art.title for p in art.paragraphs)
    info = extract_meeting(art, default_registry())
    # "said Tuesday", published Wednesday the 8th: the call was on Tuesday the 7th
    assert info.event_date == date(2025, 10, 7)


def test_a_stamp_with_posted_on_before_its_colon() -> None:
    # a Seoul daily's header: "Posted on : <date> <time> KST Modified on : ..."
    page = ("Beijing warns Seoul against mixing trade and politics\n\n"
            "Posted on : 2023-11-27 17:05 KST Modified on : 2023-11-27 17:19 KST\n"
            "Analysts read the warning as aimed at Washington\n\n"
            "During talks with his South Korean counterpart Park Jin on Sunday, Chinese Foreign"
            " Minister Wang Yi urged the two countries to keep economic issues out of"
            " politics.\n")
    art = parse_text(page, "daily.txt")
    assert art.published == date(2023, 11, 27)
    info = extract_meeting(art, default_registry())
    assert info.event_date == date(2023, 11, 26)  # the Sunday before the stamp


def test_a_press_release_dateline_with_its_year_dates_the_story() -> None:
    page = ("Broadcaster: leaders hold candid talks on an island resort\n\n"
            "BEIJING, Nov. 15, 2022 /PRNewswire/ — Chinese President Xi Jinping and U.S."
            " President Joe Biden met face to face on Monday, agreeing to keep talking.\n\n"
            "The two leaders met on the eve of a summit of the Group of 20.\n")
    art = parse_text(page, "release.txt")
    assert art.dateline == "BEIJING, Nov. 15, 2022"
    assert art.outlet != "PRNewswire"  # the release service only carries the story
    assert art.paragraphs[0].startswith("Chinese President Xi Jinping")
    info = extract_meeting(art, default_registry())
    assert info.event_date == date(2022, 11, 14)  # the Monday before the release, not its day


def test_a_broadcasters_outlet_and_day_line_gives_the_month_and_day() -> None:
    page = ("Tokyo and Washington leaders vow stronger alliance\n\n"
            "NHK -- May 23\n\n"
            "Prime Minister Kishida Fumio met President Joe Biden amid rising tensions in the"
            " Indo-Pacific.\n\n"
            "Kishida said the two had agreed to deepen their security ties.\n")
    art = parse_text(page, "nhk.txt")
    assert art.header_day == (5, 23) and art.published is None
    info = extract_meeting(art, default_registry())
    assert info.event_date is None and info.month_day == (5, 23)
    assert info.location is None  # the region a story sets the meeting against is no place


def test_the_country_word_of_a_capital_is_no_place() -> None:
    assert _place("Wang said in his talks with Cho in the Chinese capital that ties should"
                  " improve.", None) is None
    assert _place("Kishida and Biden met in Tokyo amid tensions in the Indo-Pacific.",
                  None) == "Tokyo"


def test_a_sentence_that_opens_with_the_day_of_the_month() -> None:
    page = ("Seoul's top diplomat visits Beijing\n\n"
            "Relations between the neighbours have been cool for years.\n\n"
            "On the 13th (local time), Foreign Minister Cho Tae-yul held talks with Chinese"
            " Foreign Minister Wang Yi in Beijing.\n")
    info = extract_meeting(parse_text(page, "daily.txt"), default_registry())
    assert info.day == 13


def test_a_page_saved_from_its_photo_caption_dates_a_weekday_story_by_it() -> None:
    # the headline was not saved; the page opens with the photo's caption and its credit
    page = ("The two presidents share a laugh at the mountain retreat in Maryland, Aug. 18."
            " Yonhap |\n"
            "South Korean President Yoon Suk Yeol and U.S. President Joe Biden agreed Friday to"
            " keep working closely on making the U.S. commitment to defend the South credible,"
            " the presidential office said.\n"
            "The two leaders met before a three-way summit with Japan.\n")
    art = parse_text(page, "daily.txt")
    assert art.captions and not art.title.startswith("The two presidents")
    info = extract_meeting(art, default_registry())
    assert info.month_day == (8, 18)


def test_a_courtesy_credit_ends_a_caption_and_its_wrong_month_dates_nothing() -> None:
    # the story dates by the day of the month only; the caption's month is a slip
    page = ("Foreign Minister Cho Tae-yul said on the 21st that the two countries would work"
            " together so that President Xi Jinping's visit to South Korea can take place.\n\n"
            "Minister Cho Tae-yul (left) and Wang Yi shake hands before the foreign ministers'"
            " meeting held at a hotel in Tokyo on Nov. 21. / Courtesy of Yonhap News Agency\n\n"
            "On the same day, Minister Cho spoke at the opening of a foreign ministers' meeting"
            " held in Tokyo with Wang Yi.\n")
    art = parse_text(page, "biz.txt")
    assert len(art.captions) == 1 and not any("Courtesy" in p for p in art.paragraphs)
    info = extract_meeting(art, default_registry())
    assert info.event_date is None and info.month_day is None and info.day == 21
    assert "21st" in info.date_reason


def test_a_caption_dated_in_full_gives_a_yearless_dateline_its_year() -> None:
    # Our own words, in the state agency's style: a two-day meeting, the picture dated in full
    # on its first day, the dateline the day the story went out (no year, no page date). The
    # weekday alone would fit another year (May 11 was a Wednesday in 2022).
    page = ("Senior officials hold talks in a European capital\n\n"
            "Wang Yi meets with U.S. National Security Advisor Jake Sullivan in Vienna,"
            " Austria, May 10, 2023. (Xinhua)\n\n"
            "VIENNA, May 11 (Xinhua) -- Wang Yi and U.S. National Security Advisor Jake"
            " Sullivan held frank talks on Wednesday and Thursday in Vienna.\n\n"
            "Wang said the two sides should manage their differences.\n")
    art = parse_text(page, "agency.txt")
    assert len(art.captions) == 1 and not any("2023" in p for p in art.paragraphs)
    info = extract_meeting(art, default_registry())
    assert info.event_date == date(2023, 5, 10), info.date_reason
    assert "caption" in info.date_reason
    # a caption dated long before the dateline is an older picture: no year from it
    older = page.replace("May 10, 2023", "March 2, 2021")
    info = extract_meeting(parse_text(older, "agency.txt"), default_registry())
    assert info.event_date != date(2021, 3, 2)
