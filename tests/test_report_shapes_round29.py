"""Round 29 shapes, in our own words (issue 10). Measured on real China–Maldives and
China–Argentina reports before any change (labelled by helpers, never run before): a Maldivian
daily's page saved with its masthead, a line of social icons, its author and a "23 July 2024,
MVT 10:47" stamp lost its headline, its date and so the meeting ("held yesterday"); a ministry
release saying only "has held extensive bilateral discussions in Beijing, today" was read from
its next sentence, so it had no place; a rewrite naming the Chinese minister with his offices
after his name ("Wang Yi, Member of ..., and Minister for Foreign Affairs of the People's
Republic of China.") was read as China's; a broadcaster's cookie notice was taken for the
headline; "Minister of Foreign Affairs, International Trade and Worship of Argentina Diana
Mondino" was read as a person named Worship; and a rewrite of the ministry's release with no
date of its own stayed a meeting of its own."""

from __future__ import annotations

import itertools
from pathlib import Path

from shapes_support import meetings_in_order

from bot.analysis.meeting_facts import extract_meeting
from bot.articles.text import parse_text
from bot.registry.people import default_registry

DAILY_WITH_ICONS_AND_ZONE_STAMP = """The Edition
facebook icon twitter icon instagram icon linkedin icon

Latest

Ministers hold official talks during the Beijing visit

The Maldives and China held bilateral discussions yesterday, on the second day of Foreign \
Minister Moosa Zameer's trip to China with two cabinet colleagues.

Aishath Example
23 July 2024, MVT 10:47
china maldives
Aishath Example
23 July 2024, MVT 10:47

The Maldives and China held bilateral discussions yesterday, on the second day of Foreign \
Minister Moosa Zameer's trip to China with two cabinet colleagues.

Chinese Foreign Minister Wang Yi had asked him to come. Minister Wang said Beijing wants the two \
countries to grow closer, and Minister Zameer passed on a message from his president.
"""


def test_a_masthead_icons_and_a_zone_stamp_leave_the_headline_and_the_date() -> None:
    article = parse_text(DAILY_WITH_ICONS_AND_ZONE_STAMP, "edition.txt")
    assert article.title == "Ministers hold official talks during the Beijing visit"
    assert article.outlet == "Edition.mv"
    assert str(article.published) == "2024-07-23"
    # the byline and stamp lines are no paragraph; the story opens with the repeated standfirst
    assert article.paragraphs[0].startswith("The Maldives and China held")
    assert not any("MVT" in p for p in article.paragraphs)
    info = extract_meeting(article, default_registry())
    assert str(info.event_date) == "2024-07-22"
    assert sorted(p.name for p in info.participants) == ["Moosa Zameer", "Wang Yi"]


STANDFIRST_NOT_REPEATED = """Minister speaks to his Chinese counterpart

The foreign minister spoke to China's Foreign Minister Wang Yi on Thursday, the ministry said \
in a statement published late in the evening.

Jane Example
Jan 14, 2022

Sheikh Abdullah bin Zayed reviewed ways to widen cooperation with China in a phone call with \
his counterpart.
"""


def test_a_standfirst_the_story_does_not_repeat_stays() -> None:
    article = parse_text(STANDFIRST_NOT_REPEATED, "national.txt")
    assert article.paragraphs[0].startswith("The foreign minister spoke to China's")


RELEASE_HELD_DISCUSSIONS = """Ref: 2024/PR/999

Foreign Minister of the Republic of Maldives Moosa Zameer and Foreign Minister of the People's \
Republic of China Wang Yi held wide-ranging bilateral discussions in Beijing, today.

The two ministers spoke about fisheries, tourism and the airport project.
"""

REWRITE_OFFICES_AFTER_THE_NAME = """Foreign Minister of the Republic of Maldives, Moosa Zameer, \
held long bilateral discussions yesterday with Wang Yi, Member of the Political Bureau, and \
Foreign Minister of the People's Republic of China.

In Beijing, Minister Zameer passed on his president's good wishes and said the new housing \
and the airport built with Chinese help had changed life on the islands.

Minister Zameer said the Maldives keeps to the one-China principle and asked for help with \
its economic reforms. He also invited his Chinese counterpart to visit the Maldives next year.
"""


def test_held_discussions_report_the_meeting_and_its_place() -> None:
    info = extract_meeting(parse_text(RELEASE_HELD_DISCUSSIONS, "release.txt"),
                           default_registry())
    assert (info.format, info.location) == ("meeting", "Beijing")


def test_offices_after_the_name_mark_the_other_side(tmp_path: Path) -> None:
    meetings = meetings_in_order(tmp_path, {"sun.txt": REWRITE_OFFICES_AFTER_THE_NAME},
                                 ["sun.txt"])
    assert [d["side"] for m in meetings for d in m["source_details"]] == ["maldives"]


BROADCASTER_WITH_COOKIE_NOTICE = """Privacy & Cookie Policy

By staying on this site you agree that we use cookies as our Privacy Policy says. Cookie \
settings can be changed in your browser.

I agree

'Old friends': Wang Yi hails ties with Argentina

Chinese Foreign Minister Wang Yi on Tuesday said China and Argentina are old friends during \
talks with his Argentine counterpart, Diana Mondino, in Beijing.
"""


def test_a_cookie_notice_is_no_headline() -> None:
    article = parse_text(BROADCASTER_WITH_COOKIE_NOTICE, "cgtn.txt")
    assert article.title == "'Old friends': Wang Yi hails ties with Argentina"
    assert not any("cookie" in p.lower() for p in article.paragraphs)
    # a story that merely mentions cookies keeps the sentence
    kept = parse_text("Ministers meet\n\nThe two ministers agreed on trade in cookies and tea.\n",
                      "trade.txt")
    assert kept.paragraphs == ["The two ministers agreed on trade in cookies and tea."]


def test_a_ministry_title_with_worship_in_it_names_the_minister() -> None:
    text = ("Top diplomat meets Argentine minister\n\nBEIJING, April 30 (Xinhua) -- Chinese "
            "Foreign Minister Wang Yi held talks with Minister of Foreign Affairs, International "
            "Trade and Worship of Argentina Diana Mondino on Tuesday in Beijing.\n")
    info = extract_meeting(parse_text(text, "xinhua.txt"), default_registry())
    assert sorted(p.name for p in info.participants) == ["Diana Mondino", "Wang Yi"]


DATED_READOUT = """Wang Yi holds talks with Maldivian Foreign Minister

On July 22, 2024, Foreign Minister Wang Yi held talks with Maldivian Foreign Minister Moosa \
Zameer in Beijing.

Wang Yi said the two countries have always treated each other as equals.
"""

# The ministry's own release (no date; the place) and a daily's rewrite of it (no date, no
# place): each repeats long runs of the other's words.
RELEASE_NO_DATE = """Foreign Minister Zameer holds talks with Chinese counterpart

Minister of Foreign Affairs Moosa Zameer and Minister for Foreign Affairs of China Wang Yi held \
extensive bilateral talks in Beijing today.

Minister Zameer reiterated the commitment of the Maldives to the one-China principle and to the \
comprehensive strategic cooperative partnership agreed during the state visit in January this \
year, and thanked China for its support to the housing, water and sanitation projects across the \
islands and for the new terminal at the international airport.

The ministers also discussed ways to expand tourism, fisheries exports and direct flights \
between the two countries, and agreed to hold the next round of consultations in Male.
"""

REWRITE_NO_DATE = """Zameer meets Wang Yi

Foreign Minister Moosa Zameer met Chinese Foreign Minister Wang Yi for bilateral talks, the \
ministry said.

Minister Zameer reiterated the commitment of the Maldives to the one-China principle and to the \
comprehensive strategic cooperative partnership agreed during the state visit in January this \
year, and thanked China for its support to the housing, water and sanitation projects across the \
islands.

The ministers also discussed ways to expand tourism, fisheries exports and direct flights \
between the two countries.
"""

OWN_WORDS_NO_DATE = """Zameer and Wang discuss the economy

Foreign Minister Moosa Zameer and Chinese Foreign Minister Wang Yi talked about the debt of the \
Maldives, a currency swap and a free trade agreement that has yet to take effect.
"""


def test_a_report_with_no_date_joins_the_meeting_whose_reports_it_repeats(
        tmp_path: Path) -> None:
    files = {"mfa.txt": DATED_READOUT, "release.txt": RELEASE_NO_DATE,
             "rewrite.txt": REWRITE_NO_DATE, "own.txt": OWN_WORDS_NO_DATE}
    seen = set()
    for order in itertools.permutations(files):
        meetings = meetings_in_order(tmp_path, files, list(order))
        got = sorted((m["event_date"] or "undated", tuple(sorted(m["sources"])))
                     for m in meetings)
        seen.add(tuple(got))
    # the release and its rewrite join the dated readout; the report in its own words, which
    # repeats none of them, stays apart: the meeting it reports may not be indexed
    assert seen == {(("2024-07-22", ("mfa.txt", "release.txt", "rewrite.txt")),
                     ("undated", ("own.txt",)))}


AGENCY_NAME_UNDER_THE_HEADLINE = """ date 2022-08-07 Wang thanks Dhaka for its support

Bangladesh

UNB
07 August, 2022, 12:55 pm

Reporters in Dhaka were told on Sunday that Chinese Foreign Minister Wang Yi had thanked \
Bangladesh for its support when he met Bangladesh Foreign Minister AK Abdul Momen there.
"""


def test_an_agency_name_alone_under_the_headline_is_the_outlet(tmp_path: Path) -> None:
    article = parse_text(AGENCY_NAME_UNDER_THE_HEADLINE, "tbs.txt")
    assert article.outlet == "UNB"
    assert "UNB" not in article.paragraphs
    meetings = meetings_in_order(tmp_path, {"tbs.txt": AGENCY_NAME_UNDER_THE_HEADLINE},
                                 ["tbs.txt"])
    assert [d["side"] for m in meetings for d in m["source_details"]] == ["bangladesh"]
