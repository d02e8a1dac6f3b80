"""Each attribution rule on short texts written for the purpose (house styles beyond the seeds)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.analysis.attribution import attribute
from bot.analysis.meeting_facts import extract_meeting
from bot.models import Article, Statement
from bot.registry.people import default_registry


def run(paragraphs: list[str], published: date, outlet: str = "Xinhua",
        url: str | None = None, title: str = "Talks") -> list[Statement]:
    art = Article(source="t.txt", title=title, paragraphs=paragraphs, outlet=outlet,
                  published=published, url=url)
    reg = default_registry()
    return attribute(art, extract_meeting(art, reg), reg)


def speakers(statements: list[Statement]) -> list[str | None]:
    return [s.speaker for s in statements]


def test_xinhua_reporting_forms() -> None:
    st = run([
        "BEIJING, March 7 (Xinhua) -- China values its ties with South Korea, Chinese Foreign "
        "Minister Wang Yi said Thursday in a phone call with South Korean Foreign Minister "
        "Cho Tae-yul.",
        "The two countries should respect each other, said Wang.",
        "Trade keeps growing, he added.",
        "Cho, for his part, said that Seoul wants stable ties.",
        "According to Cho, the two sides will meet again.",
        "Noting that supply chains matter, Wang said both sides should keep them open.",
        "The two sides agreed to keep in close contact.",
        "The two sides also exchanged views on the Korean Peninsula.",
    ], date(2024, 3, 8))
    assert speakers(st) == ["Wang Yi", "Wang Yi", "Wang Yi", "Cho Tae-yul", "Cho Tae-yul",
                            "Wang Yi", "both", "both"]
    assert [s.rule for s in st] == ["trailing_said", "said_X", "pronoun", "X_said",
                                    "according_to", "X_said", "joint", "joint"]
    assert st[0].text.startswith("China values")  # the dateline is not part of the statement
    assert [s.side for s in st[:4]] == ["china", "china", "china", "south_korea"]


def test_narration_has_no_speaker() -> None:
    st = run([
        "Wang Yi said China is ready to work with South Korea.",
        "Wang, also a member of the Political Bureau of the CPC Central Committee, made the "
        "remarks in a phone call with South Korean Foreign Minister Cho Hyun.",
    ], date(2025, 8, 1))
    assert speakers(st) == ["Wang Yi", None]
    assert st[1].rule == "narration"


def test_paragraph_close_attributes_earlier_sentences() -> None:
    st = run(["The two countries should uphold independence. Their ties serve both peoples. "
              "They are not targeted at any third party, said Wang."], date(2025, 7, 29))
    assert speakers(st) == ["Wang Yi"] * 3
    assert [s.rule for s in st] == ["paragraph_close", "paragraph_close", "said_X"]


@pytest.mark.parametrize(("published", "who"), [(date(2024, 6, 3), "Cho Tae-yul"),
                                                (date(2025, 9, 2), "Cho Hyun")])
def test_ministry_release_surname_by_date(published: date, who: str) -> None:
    st = run(["Minister Cho stated that the government will keep talking with China, "
              "the ministry said."], published, outlet="Yonhap")
    assert (st[0].speaker, st[0].side, st[0].via) == (who, "south_korea", "the ministry")


def test_quotation_then_said() -> None:
    st = run(["Foreign Minister Cho Hyun met Chinese Foreign Minister Wang Yi in Beijing on "
              "Monday.",
              '"We hope to see stable relations," Cho said.',
              "Wang told Cho that China respects South Korea."], date(2025, 9, 16),
             outlet="Yonhap")
    assert speakers(st) == [None, "Cho Hyun", "Wang Yi"]


def test_unknown_people_are_named_with_side_from_title() -> None:
    st = run(["Foreign Minister Penny Wong of Australia met Chinese Foreign Minister Wang Yi.",
              "Wong said Australia wants stable ties.",
              "Japanese Trade Minister Ken Saito also said Japan agreed."], date(2024, 3, 20),
             outlet="Reuters")
    assert [(s.speaker, s.side) for s in st] == [
        (None, None), ("Penny Wong", "australia"), ("Ken Saito", "japan")]


WH = "https://www.whitehouse.gov/briefing-room/statements-releases/x/"


@pytest.mark.parametrize(("published", "who"), [(date(2021, 6, 1), "Joe Biden"),
                                                (date(2025, 3, 1), "Donald J. Trump")])
def test_the_president_is_the_one_in_office(published: date, who: str) -> None:
    st = run(["Today the President spoke with Prime Minister Keir Starmer of the United Kingdom.",
              "The President underscored the special relationship.",
              "He also raised Ukraine."], published, outlet="White House", url=WH)
    assert speakers(st) == [None, who, who]


def test_white_house_styles() -> None:
    st = run([
        "National Security Advisor Jake Sullivan met today with Director Wang Yi in Vienna.",
        "Mr. Sullivan underscored the need to manage competition responsibly.",
        "Director Wang emphasized that Taiwan is a red line.",
        "Both leaders committed to maintain the channel.",
        "This meeting was part of ongoing efforts to maintain open lines of communication.",
    ], date(2023, 5, 11), outlet="White House", url=WH)
    assert speakers(st) == [None, "Jake Sullivan", "Wang Yi", "both", None]
    assert st[1].side == "united_states" and st[2].side == "china"


def test_captions_copyright_and_bylines_are_not_statements() -> None:
    st = run([
        "Chinese Foreign Minister Wang Yi meets with Cho Tae-yul in New York, Sept. 28, 2024. /CFP",
        "Talks",
        "By Xinhua writers Li Wei and Zhang San",
        "(Web editor: Wang Xin)",
        "Wang said the two countries are close neighbors.",
        "Copyright © 2024 CGTN",
        "RELATED STORIES",
    ], date(2024, 9, 29), outlet="CGTN")
    assert [(s.paragraph, s.speaker) for s in st] == [(4, "Wang Yi")]


def test_abbreviations_do_not_split_statements() -> None:
    st = run(["U.S. Secretary of State Antony Blinken said on Dec. 5 that the U.S. and the "
              "Republic of Korea agreed to meet No. 2 officials. He added that Mr. Park agreed."],
             date(2023, 12, 6), outlet="AP")
    assert speakers(st) == ["Antony Blinken", "Antony Blinken"]
    assert len(st) == 2


def test_a_they_recounted_inside_a_speech_does_not_end_it() -> None:
    st = run([
        "On May 6, 2024, Foreign Minister Wang Yi held talks with South Korean Foreign Minister "
        "Cho Tae-yul in Beijing.",
        "Wang Yi said that when the two presidents met last year, they set the course for ties. "
        "During the visit, they proposed that the two sides should open a new chapter. "
        "Thanks to efforts on both sides, ties have steadied and exchanges have resumed.",
        "The two sides agreed to stay in touch. Ties have steadied since.",
    ], date(2024, 5, 6))
    said = {s.text: s.speaker for s in st}
    assert said["Thanks to efforts on both sides, ties have steadied and exchanges have"
                " resumed."] == "Wang Yi"
    # a joint act with no speech before it carries nobody's words on
    assert said["Ties have steadied since."] is None


def test_a_ministry_of_the_capitalised_sides_style() -> None:
    # the Russian ministry's house style: "The Sides noted", "The meeting participants put an
    # emphasis on" are what both did, not narration
    st = run([
        "On 12 March, Foreign Minister Sergey Lavrov held talks with Foreign Minister Wang Yi "
        "of the People's Republic of China in Moscow.",
        "The Sides noted their close positions on the situation in the region.",
        "The meeting participants also put an emphasis on the need for a fair settlement.",
        "The Parties agreed to keep in touch.",
    ], date(2024, 3, 12), outlet="mid.ru")
    assert speakers(st)[1:] == ["both", "both", "both"]


def test_indian_house_style_abbreviated_title_and_a_post_on_x() -> None:
    # New Delhi's style: "EAM" for the External Affairs Minister, and his post on X quoted over
    # several sentences with the attribution at the end (written for this test)
    st = run([
        "New Delhi: External Affairs Minister (EAM) S. Jaishankar met Chinese Foreign Minister "
        "Wang Yi in Vientiane on Thursday.",
        "EAM underlined that the border situation must be handled with urgency.",
        "He said ties should be built on mutual respect.",
        "\"Good talks with FM Wang Yi this morning. Agreed to keep working on the border. Our "
        "ties matter for the region\", Jaishankar wrote on X.",
        "\"A useful exchange,\" Wang posted on social media.",
    ], date(2024, 7, 25), outlet="ETV Bharat")
    assert speakers(st) == [None] + ["S. Jaishankar"] * 5 + ["Wang Yi"]
    assert [s.side for s in st[1:]] == ["india"] * 5 + ["china"]
    assert [s.rule for s in st[3:6]] == ["paragraph_close"] * 2 + ["trailing_said"]


def test_an_abbreviated_title_no_one_holds_names_no_one() -> None:
    # an abbreviation with no one of that title in the report names no one
    st = run(["The FM said relations are improving."], date(2024, 7, 25), outlet="ETV Bharat")
    assert speakers(st) == [None]


def test_a_government_named_for_its_minister_in_the_past_tense() -> None:
    # own words in Xinhua's shape: the country stands for its minister at the meeting
    st = run([
        "BEIJING, June 3 (Xinhua) -- Chinese Foreign Minister Wang Yi held talks with South "
        "Korean Foreign Minister Cho Hyun in Beijing on Tuesday.",
        "South Korea reiterated that it will keep its commitments on supply chains.",
        "China appreciated the efforts and will further deepen cooperation on customs.",
        "The two sides termed the free trade agreement a cornerstone of ties.",
        "China and South Korea share close economic ties, Wang said.",
        "In addition, he noted that the two countries should meet halfway. China and South "
        "Korea share deeply integrated industrial chains.",
    ], date(2025, 6, 4))
    assert speakers(st)[1:] == ["Cho Hyun", "Wang Yi", "both", "Wang Yi", "Wang Yi", "Wang Yi"]
