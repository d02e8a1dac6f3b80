"""Saved pages as real sites print them, in our own words in each site's house style: China
Daily's edition switch and piped byline ("By X | chinadaily.com.cn | Updated: ..."), a
weather widget and a "By Correspondent" byline above a regional paper's headline, an ordinal
date under a relayed wire story's headline ("25th May, 2022"), the South China Morning Post's
personalisation box, a Manila paper's "the DFA said Thursday, Dec. 21" over a call held the day
before, and an Indian web paper naming "the second Trump presidency" and a counterpart it names
only paragraphs later. Each one, before, lost the date, the outlet or a participant, so two
reports of one meeting stayed apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from bot.analysis.meeting_facts import extract_meeting
from bot.analysis.mentions import ArticleContext
from bot.articles.text import parse_text
from bot.meetings.merge import content_words, weighable
from bot.models import Article, MeetingInfo
from bot.pipeline.analyse import Pipeline
from bot.registry.people import default_registry

PAGES = Path(__file__).resolve().parent / "fixtures" / "saved_pages"


def _page(name: str) -> Article:
    return parse_text((PAGES / name).read_text(encoding="utf-8"), name)


def _people(info: MeetingInfo) -> list[str]:
    return [p.name for p in info.participants]


def test_china_daily_edition_switch_and_piped_byline() -> None:
    art = _page("chinadaily_chrome.txt")
    assert art.title.startswith("Wang Yi calls for steadier ties with India")
    assert art.published == date(2025, 8, 19)
    assert art.outlet == "chinadaily.com.cn"
    assert art.paragraphs[0].startswith("Foreign Minister Wang Yi said on Monday")
    assert not any("WeChat" in p for p in art.paragraphs)
    info = extract_meeting(art, default_registry())
    assert info.event_date == date(2025, 8, 18)  # "on Monday" before the stamp
    assert _people(info) == ["Wang Yi", "S. Jaishankar"]


def test_weather_widget_and_a_writer_byline_are_not_title_or_outlet() -> None:
    art = _page("weather_masthead.txt")
    assert art.title.startswith("Indian External Affairs Minister Dr S Jaishankar meets")
    assert art.outlet == "New Delhi Times"  # the masthead line, not "Correspondent"
    info = extract_meeting(art, default_registry())
    assert info.event_date == date(2024, 7, 25)  # the story's "25 July 2024"


def test_ordinal_date_under_a_relayed_headline() -> None:
    art = _page("urdupoint_ordinal.txt")
    assert art.published == date(2022, 5, 25)
    info = extract_meeting(art, default_registry())
    assert info.event_date == date(2022, 5, 25)
    assert info.format == "phone_call"


def test_scmp_personalisation_box_is_not_the_headline() -> None:
    art = _page("scmp_promo.txt")
    assert art.title.startswith("Beijing and Berlin should steady a shaken world")
    info = extract_meeting(art, default_registry())
    assert info.event_date == date(2022, 5, 24)  # the caption of this meeting
    assert set(_people(info)) == {"Wang Yi", "Annalena Baerbock"}


def test_said_day_is_not_the_call_day() -> None:
    info = extract_meeting(_page("manila_said_day.txt"), default_registry())
    assert info.event_date == date(2023, 12, 20)  # "ended their call on Wednesday"
    assert set(_people(info)) == {"Enrique Manalo", "Wang Yi"}  # "DFA Secretary ..."
    # with no later weekday, the day it was said is all there is
    only_said = (PAGES / "manila_said_day.txt").read_text().replace(" on Wednesday", "")
    info = extract_meeting(parse_text(only_said, "m.txt"), default_registry())
    assert info.event_date == date(2023, 12, 21)


def test_a_presidency_is_no_participant_and_a_later_name_is_the_counterpart() -> None:
    info = extract_meeting(_page("wire_presidency.txt"), default_registry())
    assert info.month_day == (2, 21) and info.event_date is None
    assert set(_people(info)) == {"S. Jaishankar", "Wang Yi"}


def test_headline_verbs_end_a_name() -> None:
    ctx = ArticleContext(default_registry(), None, None)

    def names(text: str) -> list[str]:
        return [m.ref.name for m in ctx.find(text)]

    assert names("Foreign Minister Wang Yi Visits Indonesia") == ["Wang Yi"]
    assert names("Wang Yi Meets With Park Jin") == ["Wang Yi", "Park Jin"]
    assert names("Wang Yi Holds Talks With Park Jin") == ["Wang Yi", "Park Jin"]
    # a name is not cut where no headline verb stands
    assert names("Foreign Minister Park Jin") == ["Park Jin"]


def test_a_named_dialogue_between_principals_is_the_event_not_the_last_round() -> None:
    info = extract_meeting(_page("islamabad_dialogue.txt"), default_registry())
    assert info.event_date == date(2025, 8, 21)
    assert info.location is None  # "in Beijing" was the fifth round's, in May 2024
    assert info.occasion == "the 6th Strategic Dialogue"


def test_ani_bracketed_country_dateline_and_a_longer_registered_name() -> None:
    art = _page("ani_bracket_dateline.txt")
    assert art.paragraphs[0].startswith("Amid rising tensions")  # the dateline is cut off
    info = extract_meeting(art, default_registry())
    assert info.event_date == date(2025, 4, 27)  # "on Sunday", before April 28
    # "Mohammad Ishaq Dar" is the registered Ishaq Dar, so both sides' reports meet
    assert set(_people(info)) == {"Ishaq Dar", "Wang Yi"}
    assert default_registry().by_name("Muhammad Ishaq Dar").name == "Ishaq Dar"


def test_a_stock_ticker_is_no_headline() -> None:
    art = _page("ticker_headline.txt")
    assert art.title == "Pakistan FM talks to Qin on projects"
    info = extract_meeting(art, default_registry())
    assert info.format == "phone_call"


def test_a_third_countrys_agency_is_neither_sides_readout() -> None:
    story = ("MOSCOW, May 12. /TASS/. Chinese Foreign Minister Wang Yi held talks with Brazilian"
             " Foreign Minister Mauro Vieira in Beijing on Monday.\n\nThe two ministers"
             " discussed trade.")
    art = parse_text(story, "tass.txt")
    assert art.outlet == "TASS"  # a Russian state agency, registered as Russia's
    item = Pipeline().analyse(replace(art, published=date(2025, 5, 12)))
    assert {p.side for p in item.meeting.participants} == {"china", "brazil"}
    assert item.side != "russia"
    # the same agency on a meeting Russia was at is Russia's account
    own = story.replace("Brazilian Foreign Minister Mauro Vieira",
                        "Russian Foreign Minister Sergei Lavrov")
    item = Pipeline().analyse(replace(parse_text(own, "tass.txt"), published=date(2025, 5, 12)))
    assert item.side == "russia"


def test_a_gulf_agency_stamp_and_day_first_dateline() -> None:
    art = _page("gulf_agency_stamp.txt")
    assert art.published == date(2025, 7, 4)  # "04 Jul 2025, 01:25 GMT+10" is a stamp
    assert art.paragraphs[0].startswith("The European Union and China held")
    info = extract_meeting(art, default_registry())
    assert info.event_date == date(2025, 7, 3)  # "BRUSSELS, 3rd July, 2025 (WAM)"


def test_a_repeated_headline_does_not_hide_the_dated_sentence() -> None:
    # the headline again as the first paragraph names the dialogue; the sentence after it
    # dates it
    info = extract_meeting(_page("eeas_repeated_headline.txt"), default_registry())
    assert info.event_date == date(2023, 10, 13)


def test_words_of_another_language_do_not_pick_a_meeting() -> None:
    english = content_words(["Wang Yi and Johann Wadephul discussed trade, Ukraine and export"
                             " controls on rare earths during talks in Berlin."])
    german = content_words(["Außenminister Johann Wadephul fordert eindringlich von China,"
                            " seinen Einfluss auf Russland geltend zu machen, sagte er nach"
                            " dem Treffen mit seinem chinesischen Amtskollegen."])
    assert weighable(english)
    assert not weighable(german)  # its words weigh as rare ones only because unknown
