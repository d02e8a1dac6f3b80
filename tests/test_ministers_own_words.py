"""Other governments' ministers in their own words (issue 10, round 13): a first-person media
release, a press-conference transcript ("PENNY WONG, FOREIGN MINISTER:"), a local news page with
its date above the headline and a caption dated "(11 June)", and a ministry readout of a
"Strategic Dialogue". The fixtures are our own words in each shape
(tests/fixtures/ministers_own/README.md); the shapes were first met on real China–Australia
reports, where these reports stayed apart from their meeting or had no side."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from bot.analysis.attribution import attribute
from bot.analysis.meeting_facts import extract_meeting
from bot.articles.read import read_path
from bot.meetings.sides import side_from_wording
from bot.pipeline.ingest import index_sources
from bot.registry.people import default_registry
from bot.store import Store

HERE = Path(__file__).resolve().parent / "fixtures" / "ministers_own"


def facts(name: str):  # type: ignore[no-untyped-def]
    article = read_path(HERE / name)[0]
    return article, extract_meeting(article, default_registry())


def indexed(folder: Path) -> tuple[list[dict], list[dict]]:  # type: ignore[type-arg]
    """Index every file of `folder` as a user would: (its meetings, its articles)."""
    store = Store(folder / "db.sqlite")
    try:
        index_sources(store, [str(folder)])
        return store.meetings(), store.articles()
    finally:
        store.close()


def test_a_first_person_release_is_the_writers_government() -> None:
    article, info = facts("first_person_release.txt")
    assert [p.name for p in info.participants] == ["Wang Yi"]
    # the country it names as its own ("Australia's position"), not where it met (Kuala Lumpur)
    assert side_from_wording(article, info, default_registry()) == "australia"


def test_a_transcript_labelled_name_then_title_is_that_ministers() -> None:
    article, info = facts("presser_name_title.txt")
    assert article.published == date(2024, 6, 11)
    # a detained citizen in the subjects line ("Dr Lin Mei") is no participant
    assert "Lin Mei" not in [p.name for p in info.participants]
    assert side_from_wording(article, info, default_registry()) == "australia"
    said = {s.text: s.speaker for s in attribute(article, info, default_registry())}
    assert said["I raised the case again, as I always do."] == "Penny Wong"
    assert said["Minister, did you get any commitment on the detained writer?"] is None


def test_a_date_above_the_headline_and_a_day_month_caption() -> None:
    article, info = facts("date_above_headline.txt")
    assert article.title.startswith("Wong hosts China's top diplomat")
    assert article.published == date(2024, 6, 12)
    # the caption's "(11 June)", within the week before the page's date, is the meeting's day
    assert info.event_date == date(2024, 6, 11)
    # "Mr" is a title, not part of the name
    assert "Wang Yi" in [p.name for p in info.participants]


def test_a_strategic_dialogue_is_the_event_not_an_earlier_summit() -> None:
    _article, info = facts("strategic_dialogue.txt")
    assert [p.name for p in info.participants] == ["Wang Yi", "Penny Wong"]
    assert info.event_date == date(2024, 6, 11)
    assert info.location == "Canberra"


def test_both_governments_reports_make_one_meeting(tmp_path: Path) -> None:
    for name in ("presser_name_title.txt", "date_above_headline.txt", "strategic_dialogue.txt"):
        shutil.copy(HERE / name, tmp_path / name)
    meetings, articles = indexed(tmp_path)
    assert len(meetings) == 1, [m["id"] for m in meetings]
    assert meetings[0]["event_date"] == "2024-06-11"
    assert {a["side"] for a in articles} == {"australia", "china"}


def test_the_minister_writing_in_the_first_person_is_a_participant(tmp_path: Path) -> None:
    from bot.pipeline.analyse import Pipeline

    done = Pipeline().analyse(read_path(HERE / "opening_remarks.txt")[0])
    assert done.side == "australia"
    # the registered foreign minister of Australia on that date, as the counterpart is one
    assert [p.name for p in done.meeting.participants] == ["Wang Yi", "Penny Wong"]
    undated = Pipeline().analyse(read_path(HERE / "first_person_release.txt")[0])
    assert [p.name for p in undated.meeting.participants] == ["Wang Yi"]  # no date: no holder
    for name in ("opening_remarks.txt", "strategic_dialogue.txt"):
        shutil.copy(HERE / name, tmp_path / name)
    assert len(indexed(tmp_path)[0]) == 1


def test_a_ministers_own_remarks_are_hers_not_narration() -> None:
    from bot.pipeline.analyse import Pipeline

    done = Pipeline().analyse(read_path(HERE / "opening_remarks.txt")[0])
    said = {s.text: (s.speaker, s.side, s.rule) for s in done.statements}
    # the writer's first-person sentences are the writer's, her government's words
    assert said["We will speak today about trade, about our region and about the cases of our"
                " citizens."] == ("Penny Wong", "australia", "first person")
    # a sentence with no first person in it stays as it was
    assert said["It is good to have you here again."][2] != "first person"
    # a release that names its minister in the third person is not in the first person
    done = Pipeline().analyse(read_path(HERE / "strategic_dialogue.txt")[0])
    assert all(s.rule != "first person" for s in done.statements)


def test_a_transcript_titles_where_it_was_given() -> None:
    from bot.analysis.meeting_facts import title_place
    assert title_place("Press conference, Lisbon, Portugal") == "Lisbon"
    assert title_place("G20 Doorstop, New Delhi, India") == "New Delhi"
    assert title_place("Press Conference - Parliament House, Canberra - 11/06/2024") == "Canberra"
    assert title_place("Doorstop interview, Lima") == "Lima"
    # a headline is no transcript's title, and a country alone is not a place
    assert title_place("Wang Yi meets Penny Wong in Bali") is None
    assert title_place("Press conference, India") is None


def test_an_undated_transcript_joins_the_one_meeting_in_its_city(tmp_path: Path) -> None:
    # the page saved without its date line: only the title says where it was given
    text = (HERE / "presser_name_title.txt").read_text(encoding="utf-8")
    undated = text.replace("Parliament House, Canberra - 11/06/2024", "Canberra, Australia")
    undated = undated.replace("11 June 2024\n", "")
    (tmp_path / "presser.txt").write_text(undated, encoding="utf-8")
    shutil.copy(HERE / "strategic_dialogue.txt", tmp_path / "strategic_dialogue.txt")
    meetings, articles = indexed(tmp_path)
    assert len(meetings) == 1, [(m["id"], m["location"]) for m in meetings]
    assert {a["side"] for a in articles} == {"australia", "china"}


def test_an_agency_named_after_the_stamp_and_a_title_ended_by_its_country(
        tmp_path: Path) -> None:
    page = tmp_path / "daily.txt"
    page.write_text(
        "Top Chinese diplomat meets British minister\n\nUpdated: June 12, 2024 09:10 Xinhua\n\n"
        "BEIJING, June 11 -- Chinese Foreign Minister Wang Yi held talks with David Lammy, the"
        " Secretary of State for Foreign, Commonwealth and Development Affairs of the United"
        " Kingdom, in Beijing on Tuesday.\n\nWang, also a member of the Political Bureau of the"
        " CPC Central Committee, said both countries should keep up their dialogue.\n",
        encoding="utf-8")
    article = read_path(page)[0]
    assert article.outlet == "Xinhua"
    assert article.published == date(2024, 6, 12)
    # without the agency line: both principals introduced by their countries, so the naming
    # decides, not Lammy's title read as unmarked (a British account)
    article.outlet = None
    info = extract_meeting(article, default_registry())
    assert side_from_wording(article, info, default_registry()) == "china"


def test_an_office_name_with_and_in_it_still_names_its_union(tmp_path: Path) -> None:
    page = tmp_path / "ministry.txt"
    page.write_text(
        "On April 2, 2024, Foreign Minister Wang Yi held a video call with High Representative"
        " of the European Union for Foreign Affairs and Security Policy Josep Borrell"
        " Fontelles.\n\nWang Yi said the two sides should keep talking.\n", encoding="utf-8")
    article = read_path(page)[0]
    info = extract_meeting(article, default_registry())
    # the full name as the ministry writes it is the registered High Representative
    assert [p.name for p in info.participants] == ["Wang Yi", "Josep Borrell"]
    # "... for Foreign Affairs and Security Policy" is one office: the Union marks Borrell, so
    # the unmarked principal's government is writing
    assert side_from_wording(article, info, default_registry()) == "china"


def test_a_remarks_page_titled_with_its_speaker_place_and_date(tmp_path: Path) -> None:
    from bot.pipeline.analyse import Pipeline

    (tmp_path / "remarks.txt").write_text(
        "Foreign Minister Sergey Lavrov's opening remarks during talks with Foreign Minister of"
        " the People's Republic of China Wang Yi (Moscow, March 12, 2024)\n\nWe are glad to"
        " welcome you in Moscow again.\n\nOur countries keep working together in a difficult"
        " world.\n", encoding="utf-8")
    (tmp_path / "readout.txt").write_text(
        "Wang Yi Holds Talks with Russian Foreign Minister Sergey Lavrov\n\n2024-03-12 21:00\n\n"
        "On March 12, 2024, Foreign Minister Wang Yi held talks with Russian Foreign Minister"
        " Sergey Lavrov in Moscow.\n\nWang Yi said the two sides should keep in close"
        " contact.\n", encoding="utf-8")
    done = Pipeline().analyse(read_path(tmp_path / "remarks.txt")[0])
    # where and when from the title's brackets; the speaker named by it is at the table
    assert done.meeting.event_date == date(2024, 3, 12)
    assert done.meeting.location == "Moscow"
    assert {p.name for p in done.meeting.participants} == {"Wang Yi", "Sergey Lavrov"}
    assert done.side == "russia"
    said = {s.text: s.speaker for s in done.statements}
    assert said["Our countries keep working together in a difficult world."] == "Sergey Lavrov"
    meetings, articles = indexed(tmp_path)
    assert len(meetings) == 1
    assert {a["side"] for a in articles} == {"russia", "china"}


def test_the_french_and_chinese_ministries_own_pages(tmp_path: Path) -> None:
    from bot.pipeline.analyse import Pipeline

    def analysed(name: str, text: str):  # type: ignore[no-untyped-def]
        (tmp_path / name).write_text(text, encoding="utf-8")
        return Pipeline().analyse(read_path(tmp_path / name)[0])

    # the Chinese ministry's masthead above the headline is the page's outlet
    done = analysed("mfa.txt", "Ministry of Foreign Affairs\nThe People's Republic of China\n"
                    "Wang Yi Meets with French Minister for Europe and Foreign Affairs Catherine"
                    " Colonna\nUpdated: November 04, 2023 09:00\n\nOn November 3, 2023, Foreign"
                    " Minister Wang Yi met with French Minister for Europe and Foreign Affairs"
                    " Catherine Colonna in Beijing.\n\nWang Yi said ties should stay steady.\n")
    assert done.article.outlet == "Ministry of Foreign Affairs of the People's Republic of China"
    assert done.side == "china"
    # the French ministry: the date in the title's brackets, "Mme" a title, a call "today"
    done = analysed("quai.txt", "China – Conversation between the Minister for Europe and"
                    " Foreign Affairs and her counterpart (14 May 2023)\n\nMme Catherine"
                    " Colonna, Minister for Europe and Foreign Affairs, spoke on the telephone"
                    " today to the Foreign Minister of China, Mr Qin Gang.\n\nThe Minister"
                    " stressed the importance of dialogue.\n")
    assert done.meeting.event_date == date(2023, 5, 14)
    assert done.meeting.format == "phone_call"
    assert {p.name for p in done.meeting.participants} == {"Catherine Colonna", "Qin Gang"}
    assert done.side == "france"
    # a release as a distribution service republished it, and a working dinner
    done = analysed("public.txt", "11/28/2025 | Press release | Distributed by Public on"
                    " 11/29/2025 06:10\nM. Jean-Noël Barrot, Minister for Europe and Foreign"
                    " Affairs, had a working dinner today with Mr Wang Yi, Minister of Foreign"
                    " Affairs of the People's Republic of China.\n\nThe two ministers spoke about"
                    " trade.\n")
    assert done.article.published == date(2025, 11, 28)
    assert done.meeting.event_date == date(2025, 11, 28)
    assert done.meeting.format == "meeting"
    assert {p.name for p in done.meeting.participants} == {"Jean-Noël Barrot", "Wang Yi"}


def test_a_first_sentence_saved_on_the_date_line_reports_the_meeting(tmp_path: Path) -> None:
    from bot.pipeline.analyse import Pipeline

    (tmp_path / "wire.txt").write_text(
        " date 2025-06-07 Chinese Foreign Minister Wang Yi held a phone call on Friday with"
        " French Foreign Minister Jean-Noel Barrot.\n\nWang said Chinese President Xi Jinping"
        " and his French counterpart, Emmanuel Macron, held a phone call recently.\n",
        encoding="utf-8")
    done = Pipeline().analyse(read_path(tmp_path / "wire.txt")[0])
    # the call the page reports, not the leaders' call it mentions
    assert {p.name for p in done.meeting.participants} == {"Wang Yi", "Jean-Noël Barrot"}
    assert done.meeting.event_date == date(2025, 6, 6)


def test_remarks_by_a_minister_named_under_the_headline(tmp_path: Path) -> None:
    from bot.pipeline.analyse import Pipeline

    (tmp_path / "remarks.txt").write_text(
        "Opening Remarks In Meeting With China Foreign Minister\n\nRt Hon Winston Peters\n\n"
        "Minister of Foreign Affairs\n\n14 March 2024\n\nOpening remarks by New Zealand Foreign"
        " Minister Winston Peters in meeting with China Foreign Minister Wang Yi, in Wellington"
        " on 14 March 2024:\n\nWe welcome you to Wellington and to our Parliament.\n",
        encoding="utf-8")
    done = Pipeline().analyse(read_path(tmp_path / "remarks.txt")[0])
    # the page says whose words these are: his government's account, his first person
    assert done.side == "new_zealand"
    said = {s.text: s.speaker for s in done.statements}
    assert said["We welcome you to Wellington and to our Parliament."] == "Winston Peters"


def test_a_portal_source_and_time_line_dates_the_page(tmp_path: Path) -> None:
    page = tmp_path / "portal.txt"
    page.write_text("Welcome to the portal\n\nSource:Partner site time:2024-06-13 09:12:40\n\n"
                    "Foreign Minister Wang Yi on Tuesday met with Australian Foreign Minister"
                    " Penny Wong in Canberra.\n\nWang said the two countries should keep the"
                    " relationship steady.\n", encoding="utf-8")
    article = read_path(page)[0]
    assert article.published == date(2024, 6, 13)
    info = extract_meeting(article, default_registry())
    assert info.event_date == date(2024, 6, 11)  # the Tuesday on or before it


def test_a_weekday_only_report_in_bali_is_not_a_friday_in_johannesburg(tmp_path: Path) -> None:
    (tmp_path / "bali.txt").write_text(
        "Download\n\nWang Yi meets Australian FM, both to steady ties\n\nOn Friday, Chinese"
        " Foreign Minister Wang Yi met with his Australian counterpart, Penny Wong, on the"
        " sidelines of the G20 meeting in Bali. Wang said ties face challenges and"
        " opportunities.\n", encoding="utf-8")
    (tmp_path / "joburg.txt").write_text(
        "Wang Yi meets Penny Wong\n\nPublished: Feb 22, 2025\n\nChinese Foreign Minister Wang Yi"
        " on Friday met with Australian Foreign Minister Penny Wong in Johannesburg, South"
        " Africa. Wang said the two sides should keep talking.\n", encoding="utf-8")
    bali = extract_meeting(read_path(tmp_path / "bali.txt")[0], default_registry())
    # the headline kept as a paragraph names no place; the story's own event sentence does
    assert (bali.location, bali.weekday) == ("Bali", 4)
    assert len(indexed(tmp_path)[0]) == 2


def test_skip_links_and_a_last_updated_stamp_are_page_furniture(tmp_path: Path) -> None:
    page = tmp_path / "broadcaster.txt"
    page.write_text(
        "1. Skip to content\n  2. Skip to main menu\n  3. Skip to more sites\n\n"
        "Minister presses Beijing on export curbs\n\nApril 14, 2023\n\n"
        "German Foreign Minister Annalena Baerbock met Chinese Foreign Minister Qin Gang in"
        " Beijing on Friday and raised export curbs.\n", encoding="utf-8")
    article = read_path(page)[0]
    assert article.title == "Minister presses Beijing on export curbs"
    assert article.published == date(2023, 4, 14)
    stamped = tmp_path / "portal2.txt"
    stamped.write_text(
        "Chinese FM urges steadier ties\n\n2025-12-09 00:25 Last Updated At:04:17\n\n"
        "Chinese Foreign Minister Wang Yi said on Monday in Beijing that the two countries"
        " should keep talking, as he met German Foreign Minister Johann Wadephul.\n",
        encoding="utf-8")
    article = read_path(stamped)[0]
    assert article.published == date(2025, 12, 9)
    assert extract_meeting(article, default_registry()).event_date == date(2025, 12, 8)


def test_a_page_saved_from_its_first_sentence_keeps_its_side(tmp_path: Path) -> None:
    page = tmp_path / "fcdo_copy.txt"
    page.write_text(
        "Foreign Secretary David Lammy met Foreign Minister of the People's Republic of China,"
        " Wang Yi, in Beijing today (18 October).\n\nThe Foreign Secretary set out that the two"
        " countries should work together on global challenges.\n\nHe also raised human rights"
        " concerns.\n", encoding="utf-8")
    article = read_path(page)[0]
    info = extract_meeting(article, default_registry())
    assert info.event_date == date(2024, 10, 18)
    assert side_from_wording(article, info, default_registry()) == "united_kingdom"


def test_hanoi_and_beijing_reports_of_one_meeting_each_have_their_side(tmp_path: Path) -> None:
    # written for this test in the two house styles: Hanoi's government portal names its own
    # minister without a country, Xinhua marks him "Vietnamese"
    for name in ("hanoi_portal.txt", "beijing_on_hanoi.txt"):
        shutil.copy(HERE / name, tmp_path / name)
    meetings, articles = indexed(tmp_path)
    assert len(meetings) == 1, [m["id"] for m in meetings]
    assert meetings[0]["event_date"] == "2025-03-03"
    assert {a["side"] for a in articles} == {"vietnam", "china"}


def test_two_titles_with_and_the_one_headed_by_its_country_is_the_guest() -> None:
    # written for this test: both principals' titles hold an "and"; only the Chinese one is
    # headed by its country, so the report is Hanoi's
    article, info = facts("hanoi_radio.txt")
    assert side_from_wording(article, info, default_registry()) == "vietnam"
