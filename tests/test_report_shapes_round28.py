"""Round 28 shapes, in our own words (issue 10). Measured on real China–Uzbekistan reports
before any change (labelled by a helper, never run before): an Uzbek ministry release carried
by a press-release wire, whose only sign of its writer is its closing "Source: Ministry of
Foreign Affairs of the Republic of Uzbekistan" line, had no side; an Uzbek daily's story under
"Tashkent, Uzbekistan (UzDaily.com) —" was read as China's; a rewrite of a Chinese broadcaster's
story credited in three lines ("Reference(s):", the story's headline, "cgtn.com") had no side;
an agency's "July 15" dateline outvoted a "July 16" dateline with "on Wednesday" for the same
talks, so both reports were dated a day early. On the older China–Vietnam set: a page saved as
one line holding the picture's caption, its "(Photo: VNA)" credit and the datelined lead lost
its lead, and with it the agency that wrote it."""

from __future__ import annotations

import itertools
from pathlib import Path

from shapes_support import meetings_in_order

from bot.articles.cleanup import split_dateline
from bot.articles.text import parse_text

RELEASE_WITH_CREDIT = """Uzbek and Chinese foreign ministers review joint plans

Today, Foreign Minister of Uzbekistan Bakhtiyor Saidov received Wang Yi, Minister of Foreign \
Affairs of China, in Tashkent.

The ministers went over the preparations for the coming summit and the trade between the two \
countries.

Source: Ministry of Foreign Affairs of the Republic of Uzbekistan
"""

DAILY_WITH_OUTLET_DATELINE = """Saidov and Wang Yi talk trade and transit

Tashkent, Uzbekistan (UzDaily.com) \u2014 Uzbekistan\u2019s Minister of Foreign Affairs Bakhtiyor \
Saidov met Wang Yi, Minister of Foreign Affairs of China, in Almaty, Kazakhstan, on 25 April 2025.

They agreed to speed up work on the new railway and to meet again in the autumn.
"""

REWRITE_CREDITED_IN_THREE_LINES = """Wang and Saidov map out next steps

Chinese Foreign Minister Wang Yi and Uzbek Foreign Minister Bakhtiyor Saidov held their strategic \
dialogue on Friday, November 21, 2025, agreeing to deepen cooperation.

Wang said China supports Uzbekistan's reform agenda and welcomes more Uzbek farm goods.

Saidov said Uzbekistan firmly follows the one-China principle.

Reference(s):

Chinese and Uzbek ministers hold strategic dialogue

cgtn.com
"""

AGENCY_WITH_WEEKDAY = """Chinese FM meets Uzbek foreign minister in Tianjin

July 17, 2025

TIANJIN, July 16 (Xinhua) -- Chinese Foreign Minister Wang Yi met with Uzbek Foreign Minister \
Bakhtiyor Saidov in Tianjin on Wednesday.

Wang said China is ready to work with Uzbekistan to carry out the outcomes of the summit.
"""

AGENCY_A_DAY_OFF = """Saidov and Wang Yi discuss connectivity

16 July 2025

TASHKENT, Uzbekistan, July 15. Bakhtiyor Saidov, Minister of Foreign Affairs of Uzbekistan, \
held a meeting with Wang Yi, Minister of Foreign Affairs of China, Trend reports.

"We discussed ways to widen the transit routes between our countries," Saidov wrote on social \
media.
"""


def _sides(tmp_path: Path, files: dict[str, str]) -> dict[str, str | None]:
    meetings = meetings_in_order(tmp_path, files, list(files))
    return {d["article"]: d["side"] for m in meetings for d in m["source_details"]}


def test_a_source_credit_line_names_the_writer(tmp_path: Path) -> None:
    article = parse_text(RELEASE_WITH_CREDIT, "release.txt")
    assert article.outlet == "Ministry of Foreign Affairs of the Republic of Uzbekistan"
    assert all(not p.startswith("Source:") for p in article.paragraphs)
    assert _sides(tmp_path, {"release.txt": RELEASE_WITH_CREDIT}) == {"release.txt": "uzbekistan"}
    # a reprint's stamp line with its credit in lower case
    reprint = RELEASE_WITH_CREDIT.replace(
        "Source: Ministry of Foreign Affairs of the Republic of Uzbekistan",
        "2025-04-07 09:03:00       source:Global Times")
    assert parse_text(reprint, "reprint.txt").outlet == "Global Times"
    # a credit naming no registered outlet names nobody
    unknown = RELEASE_WITH_CREDIT.replace("Ministry of Foreign Affairs of the Republic of "
                                          "Uzbekistan", "Our Correspondents")
    assert parse_text(unknown, "other.txt").outlet is None


def test_a_title_case_place_with_its_outlet_is_a_dateline(tmp_path: Path) -> None:
    article = parse_text(DAILY_WITH_OUTLET_DATELINE, "daily.txt")
    assert article.dateline == "Tashkent, Uzbekistan"
    assert article.paragraphs[0].startswith("Uzbekistan\u2019s Minister of Foreign Affairs")
    assert _sides(tmp_path, {"daily.txt": DAILY_WITH_OUTLET_DATELINE}) == {
        "daily.txt": "uzbekistan"}
    # a place in brackets is no outlet: the paragraph is left whole
    for text in ("Beijing (China) - Wang Yi met the minister.",
                 "Washington (Someone Unknown) - The minister spoke."):
        assert split_dateline(text) == (None, text)


def test_a_credit_split_over_three_lines_names_the_relayed_outlet(tmp_path: Path) -> None:
    sides = _sides(tmp_path, {"rewrite.txt": REWRITE_CREDITED_IN_THREE_LINES})
    assert sides == {"rewrite.txt": "china"}


def test_a_weekday_under_its_dateline_outweighs_a_dateline_a_day_off(tmp_path: Path) -> None:
    files = {"xinhua.txt": AGENCY_WITH_WEEKDAY, "trend.txt": AGENCY_A_DAY_OFF}
    for order in itertools.permutations(files):
        meetings = meetings_in_order(tmp_path, files, list(order))
        assert [(m["event_date"], sorted(m["sources"])) for m in meetings] == [
            ("2025-07-16", ["trend.txt", "xinhua.txt"])], order


CAPTION_AND_LEAD_ON_ONE_LINE = """ date 2023-12-01 Minister Bui Thanh Son and Minister Wang Yi at \
their talks in Hanoi on December 1. (Photo: VNA) Hanoi (VNA) - Minister of Foreign Affairs Bui \
Thanh Son on December 1 held talks with Chinese Foreign Minister Wang Yi, who is in Vietnam for a \
meeting of the joint steering committee.



The two sides went over the relations between the two countries and the work of the two \
foreign ministries.
"""


def test_a_caption_and_its_lead_on_one_line_keep_the_lead(tmp_path: Path) -> None:
    article = parse_text(CAPTION_AND_LEAD_ON_ONE_LINE, "vnplus.txt")
    assert article.paragraphs[0].startswith("Minister of Foreign Affairs Bui Thanh Son on")
    assert (article.dateline, article.outlet) == ("Hanoi", "VNA")
    assert article.captions[0].endswith("(Photo: VNA)")
    assert _sides(tmp_path, {"vnplus.txt": CAPTION_AND_LEAD_ON_ONE_LINE}) == {
        "vnplus.txt": "vietnam"}
    # a headline that merely holds a credit is left alone
    plain = parse_text("Ministers meet in Hanoi (Photo: VNA) as planned\n\nThe two ministers"
                       " met in Hanoi on Friday and agreed to meet again.\n", "plain.txt")
    assert plain.title.startswith("Ministers meet in Hanoi")
