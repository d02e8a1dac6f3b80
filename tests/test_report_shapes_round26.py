"""Round 26 shapes, in our own words (issues 10 and 9). Measured on real China–Italy reports
before any change (labelled by a helper, never run before): a news story about a minister's
speech in parliament ("said on Wednesday ... went to Beijing last weekend to meet ...") was
joined, by its Wednesday, to a meeting of the same two ministers two years later."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

from shapes_support import meetings_in_order

from bot.analysis.attribution import attribute
from bot.analysis.meeting_facts import extract_meeting
from bot.articles.text import parse_text
from bot.registry.people import default_registry

BEIJING_RELEASE = """Wang Yi Holds Talks with Italian Deputy Prime Minister and Foreign Minister \
Antonio Tajani

BEIJING, Sept. 4 (Xinhua) -- Chinese Foreign Minister Wang Yi held talks with Italian Deputy \
Prime Minister and Foreign Minister Antonio Tajani in Beijing on Monday.

Wang said China is willing to deepen practical cooperation with Italy.
"""

ROME_RELEASE = """Wang Yi Meets Italian Foreign Minister Antonio Tajani

ROME, Oct. 8 (Xinhua) -- Chinese Foreign Minister Wang Yi met with Italian Deputy Prime \
Minister and Foreign Minister Antonio Tajani in Rome on Wednesday.

Wang said the two countries should keep to the spirit of their strategic partnership.
"""

PARLIAMENT_STORY = """Partnership with China matters more than one deal, Italy's minister says

Italian Foreign Minister Antonio Tajani said on Wednesday, addressing parliament, that a \
strategic partnership with China mattered more than any single agreement.

Tajani went to Beijing last weekend to meet Chinese Foreign Minister Wang Yi.

He said trade under the deal had been disappointing.
"""

LATER_SPEECH_ONLY = """Tajani speaks on China

Italian Foreign Minister Antonio Tajani met Chinese Foreign Minister Wang Yi in Rome on \
Wednesday, and said the talks were frank. Lavrov met Blinken last week.
"""


def _meeting(text: str, name: str = "r.txt"):  # type: ignore[no-untyped-def]
    return extract_meeting(parse_text(text, name), default_registry())


def _one_meeting_in_every_order(tmp_path: Path, files: dict[str, str], day: str) -> None:
    """The files make one meeting, dated `day`, whatever order they are indexed in."""
    for order in itertools.permutations(files):
        meetings = meetings_in_order(tmp_path, files, list(order))
        assert len(meetings) == 1, [(m["event_date"], m["location"]) for m in meetings]
        assert meetings[0]["event_date"] == day


def test_a_later_speech_day_does_not_date_a_meeting_put_last_weekend() -> None:
    info = _meeting(PARLIAMENT_STORY)
    assert info.event_date is None and info.weekday is None, info.date_reason
    # another pair's meeting "last week" leaves this story's own weekday alone
    assert _meeting(LATER_SPEECH_ONLY).weekday == 2


def test_the_parliament_story_joins_no_meeting_of_another_year(tmp_path: Path) -> None:
    files = {"beijing.txt": BEIJING_RELEASE, "rome.txt": ROME_RELEASE,
             "speech.txt": PARLIAMENT_STORY}
    for order in itertools.permutations(files):
        meetings = meetings_in_order(tmp_path, files, list(order))
        rome = [m for m in meetings if m["location"] and "Rome" in m["location"]]
        assert len(rome) == 1
        assert len(rome[0]["sources"]) == 1, (order, rome[0]["sources"])


WIRE_STORY = """ROME (AP) — Italy's foreign minister said he stressed during a meeting with his \
Chinese counterpart Wang Yi on Tuesday that Rome would closely follow the effects of new \
security measures in Hong Kong.

Luigi Di Maio told reporters the two ministers also discussed trade.
"""

EMBASSY_ROME = """Wang Yi Meets Italian Foreign Minister Luigi Di Maio

On August 25, 2020, State Councilor and Foreign Minister Wang Yi met with Italian Foreign \
Minister Luigi Di Maio in Rome.

Wang Yi said China and Italy should deepen cooperation after the pandemic.
"""


def test_a_place_the_talks_were_about_is_not_where_they_met() -> None:
    info = _meeting(WIRE_STORY)
    assert info.location != "Hong Kong"
    assert _meeting("Talks in Rome\n\nWang Yi met Luigi Di Maio in Rome on Tuesday to discuss"
                    " the crisis in Ukraine.\n").location == "Rome"


def test_the_wire_story_joins_the_embassy_release_in_either_order(tmp_path: Path) -> None:
    files = {"wire.txt": WIRE_STORY, "embassy.txt": EMBASSY_ROME}
    _one_meeting_in_every_order(tmp_path, files, "2020-08-25")


READOUT_VOICE = """Wang Yi Holds Talks with Malaysian Foreign Minister

On April 2, 2025, Foreign Minister Wang Yi held talks in Beijing with Malaysian Foreign \
Minister Mohamad Hasan.

Wang Yi said the two countries are good neighbours.

China appreciates Malaysia's firm adherence to the one-China principle.

Malaysia is ready to work with China to deepen trade and investment ties.

China is Malaysia's largest trading partner.

Japan welcomes closer regional cooperation.
"""


def test_a_government_stating_its_position_speaks_through_its_minister() -> None:
    article = parse_text(READOUT_VOICE, "voice.txt")
    registry = default_registry()
    info = extract_meeting(article, registry)
    said = {st.text[:20]: st.speaker for st in attribute(article, info, registry)}
    assert said["China appreciates Ma"] == "Wang Yi"
    assert said["Malaysia is ready to"] == "Mohamad Hasan"
    assert said["China is Malaysia's "] is None  # a fact, no position stated
    assert said["Japan welcomes close"] is None  # no Japanese participant at this meeting


PRESS_QUOTES = """Joly says no reset with Beijing yet

OTTAWA — Foreign Minister Mélanie Joly met Chinese Foreign Minister Wang Yi in Beijing on \
Friday.

“A great deal has to happen before any reset. Too many core questions remain open, from \
interference to trade,” she said to the Toronto Star.

“This is not about the people. It is about what their government does.”

Joly and Wang agreed Friday to resume consular talks by the end of the year.
"""


def test_a_quotation_closed_by_she_said_and_the_quote_paragraph_after_it_are_hers() -> None:
    article = parse_text(PRESS_QUOTES, "quotes.txt")
    registry = default_registry()
    info = extract_meeting(article, registry)
    said = {st.text[:22]: (st.speaker, st.rule) for st in attribute(article, info, registry)}
    assert said["“A great deal has to h"][0] == "Mélanie Joly"
    assert said["“This is not about the"] == ("Mélanie Joly", "quote_continues")
    assert said["It is about what their"][0] == "Mélanie Joly"
    # what two ministers agreed "to" do is no closing "said to <someone>"
    assert said["Joly and Wang agreed F"][0] == "both"


SAVED_YEARS_LATER = """Friday Mar 7, 2025
Tuesday, 11 October 2022 09:40 - - 1,204

Colombo and Beijing on Saturday rejected talk of a "debt trap" when their foreign ministers \
met on the sidelines of a regional forum.

Foreign Minister Ali Sabry and his counterpart Wang Yi met in Phnom Penh on Saturday.
"""


def test_the_sites_today_above_a_storys_own_stamp_is_not_its_date() -> None:
    article = parse_text(SAVED_YEARS_LATER, "saved.txt")
    assert article.published == date(2022, 10, 11)
    assert not article.title.startswith("Tuesday,")
    info = _meeting(SAVED_YEARS_LATER)
    assert info.event_date == date(2022, 10, 8), info.date_reason


VISIT_RELEASE = """Foreign Minister travels to China

Published: 7 December 2025

Foreign Minister Johann Wadephul will travel to Beijing on 8 and 9 December for talks with \
Chinese Foreign Minister Wang Yi.

Wadephul said he wanted an open exchange on trade and on Ukraine.
"""

PAGE_OF_THE_SECOND_DAY = """Wang Yi holds talks with German Foreign Minister Wadephul

Published: 9 December 2025

Chinese Foreign Minister Wang Yi held talks with German Foreign Minister Johann Wadephul in \
Beijing.

Wang said China and Germany should be partners.
"""


def test_a_page_of_a_visits_second_day_does_not_outvote_its_first(tmp_path: Path) -> None:
    files = {"release.txt": VISIT_RELEASE, "page.txt": PAGE_OF_THE_SECOND_DAY}
    _one_meeting_in_every_order(tmp_path, files, "2025-12-08")
