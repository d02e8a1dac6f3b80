"""Report shapes that kept one meeting's reports apart on two relationships held out this
round (China–Japan, China–Malaysia), each in our own words in the house style seen:

- a wire story's lead that opens on the event it leads up to ("Ahead of the leaders' talks,
  ..."), its own phone call in the next sentence;
- "met in Tokyo Tuesday with ...": the day is not part of the place;
- "called his counterpart 'brother'": no phone call;
- "Foreign Ministers Meet Online": a video call;
- a Malaysian daily's photo line ("File picture shows ... — Bernama pic") above the story;
- a page that lost the space between two sentences ("... on Tuesday.The two ministers ...");
- a dateline with no year and a weekday: the year is one when each held the office the report
  gives them (Qin Gang was ambassador in April 2022, foreign minister in April 2023).
"""

from __future__ import annotations

from datetime import date

from bot.analysis.meeting_facts import extract_meeting
from bot.articles.cleanup import clean_line, is_caption
from bot.articles.text import parse_text
from bot.registry.people import default_registry


def meeting(text: str):  # type: ignore[no-untyped-def]
    return extract_meeting(parse_text(text, "page.txt"), default_registry())


def test_lead_about_the_coming_summit_is_not_the_event() -> None:
    info = meeting(
        " date 2021-04-06 Ahead of the leaders' talks in Washington, Beijing cautioned Tokyo"
        " against meddling in what it called its internal affairs. In an hour-long telephone"
        " conversation on April 5, Chinese Foreign Minister Wang Yi urged Japanese Foreign"
        " Minister Toshimitsu Motegi to view China's rise objectively.\n\n"
        "Motegi raised concerns over the East China Sea, the Japanese side said.\n")
    assert info.format == "phone_call"
    assert info.event_date == date(2021, 4, 5)


def test_weekday_after_the_city_is_not_part_of_the_place() -> None:
    info = meeting(
        "Wang Yi holds talks in Tokyo\n\n"
        "Chinese Foreign Minister Wang Yi met in Tokyo Tuesday with Japanese Foreign Minister"
        " Toshimitsu Motegi to discuss business travel and the pandemic.\n")
    assert info.location == "Tokyo"
    assert info.weekday == 1


def test_calling_a_counterpart_a_brother_is_no_call() -> None:
    info = meeting(
        "Minister describes counterpart as a brother\n\n"
        "Malaysia's foreign minister called his Chinese counterpart \"a brother\" after they"
        " met in Beijing on Sept. 12, 2019, and said the two sides would set up a consultation"
        " mechanism on maritime issues.\n")
    assert info.format == "meeting"


def test_ministers_meeting_online_is_a_video_call() -> None:
    info = meeting(
        "Japanese, Chinese Foreign Ministers Meet Online To Discuss Regional Security\n\n"
        "TOKYO, May 18 (Agency) - Japanese Foreign Minister Yoshimasa Hayashi on Wednesday held"
        " talks with Chinese Foreign Minister Wang Yi on bilateral cooperation.\n")
    assert info.format == "video_call"


def test_file_picture_line_is_a_caption() -> None:
    assert is_caption("File picture shows the foreign minister speaking to reporters after a"
                      " regional summit held via video conferencing, Nov. 22, 2021. — Bernama"
                      " pic")
    info = meeting(
        "Minister: both sides agree on sea code\n\n"
        "File picture shows the foreign minister speaking to reporters after a regional summit"
        " held via video conferencing, Nov. 22, 2021. — Bernama pic\n\n"
        "ANJI (China), Dec 4 — Malaysia and China stressed peace in the South China Sea, Foreign"
        " Minister Saifuddin Abdullah said after talks with Chinese Foreign Minister Wang Yi here"
        " on Saturday.\n")
    assert info.format == "meeting"


def test_sentences_joined_without_a_space_are_split() -> None:
    assert clean_line("said during their talks on Tuesday.The two ministers met") == (
        "said during their talks on Tuesday. The two ministers met")
    # initials, abbreviations and decimals keep their form
    assert clean_line("Mr.Wang met U.S. officials; growth was 5.2%.") == (
        "Mr.Wang met U.S. officials; growth was 5.2%.")


def test_year_from_the_office_the_report_gives() -> None:
    info = meeting(
        "Chinese, Japanese FMs hold talks\n\n"
        "Beijing, Apr 3 (Agency) Chinese State Councilor and Foreign Minister Qin Gang held"
        " talks with Japanese Foreign Minister Yoshimasa Hayashi in Beijing on Sunday, the"
        " first such visit in over three years.\n")
    # 3 April 2022 was a Sunday, but Qin Gang was then ambassador, not foreign minister: the
    # Sunday on or before the dateline in his term is 2 April 2023
    assert info.event_date == date(2023, 4, 2)


def test_ministers_named_only_by_their_country_are_the_office_holders() -> None:
    # an agency's story naming one minister, the other only as "the Chinese ... foreign
    # ministers": whoever was China's foreign minister that day (the registry's terms)
    info = meeting(
        " date 2024-04-18 Two ministers urge a Gaza ceasefire\n\n"
        "JAKARTA, Indonesia (Agency) — The Chinese and Indonesian foreign ministers called for"
        " a lasting ceasefire in Gaza after their meeting in Jakarta on Thursday.\n\n"
        "Indonesia's Foreign Minister Retno Marsudi told reporters the two countries shared"
        " the same view.\n")
    assert {p.name for p in info.participants} == {"Retno Marsudi", "Wang Yi"}
    # "the ministers of foreign affairs of Egypt and China": both from the registry
    info = meeting(
        "Egypt, China discuss cooperation\n\n"
        "CAIRO – 15 January 2023: The ministers of foreign affairs of Egypt and China held a"
        " joint press conference on Sunday in Cairo.\n")
    assert {p.name for p in info.participants} == {"Sameh Shoukry", "Qin Gang"}
    # a former minister is nobody at the table
    info = meeting(
        "Talks in Jakarta\n\n"
        "JAKARTA, April 18 (Agency) - Chinese Foreign Minister Wang Yi met President Joko"
        " Widodo on Thursday, a former foreign minister said.\n")
    assert "Retno Marsudi" not in {p.name for p in info.participants}


def test_a_headline_calling_someone_something_is_no_call() -> None:
    info = meeting(
        "Malaysian Foreign Minister Calls Chinese Counterpart 'Brother'\n\n"
        "Malaysia's foreign minister praised his Chinese counterpart after they met in Beijing"
        " on September 12, 2019.\n")
    assert info.format == "meeting"


def test_dateline_city_before_a_dash_marks_no_minister_and_tiongkok_is_china() -> None:
    from bot.pipeline.analyse import Pipeline

    # an Indonesian ministry item in Indonesian: "Jakarta –" is where it was filed; "Menlu
    # Tiongkok Wang Yi" marks the Chinese minister, so the unmarked one is the writer's own
    text = ("Menlu bertemu Menlu Tiongkok\n\n"
            "Jakarta – Menteri Luar Negeri Retno Marsudi bertemu dengan Menlu Tiongkok Wang Yi."
            " Pertemuan dilakukan pada 23 Agustus 2024 di Beijing.\n\n"
            "Kedua menteri membahas kerja sama ekonomi.\n")
    assert Pipeline().analyse(parse_text(text, "kemlu.txt")).side == "indonesia"


def test_a_date_before_the_ministers_held_office_is_history() -> None:
    info = meeting(
        "Chinese Foreign Minister visits Kazakhstan\n\n"
        "Kazakhstan and China praised their relations during Chinese Foreign Minister Wang Yi's"
        " visit to Nur-Sultan.\n\n"
        "Wang met Foreign Minister Mukhtar Tileuberdi to discuss ties that have grown since"
        " diplomatic relations were established on Jan. 3, 1992.\n")
    # neither minister held office in 1992: that date is not the meeting's
    assert info.event_date is None or info.event_date.year > 2000


def test_report_filed_at_home_about_talks_abroad_is_that_sides() -> None:
    from bot.pipeline.analyse import Pipeline

    # Trend's dateline: the city in capitals, its country, the day and a full stop. Both
    # ministers are named with their countries, so the wording does not tell; the story was
    # filed in Kazakhstan about talks "during his visit to China": the Kazakh account.
    text = (" date 2025-07-16 ASTANA, Kazakhstan, July 16. Kazakhstan's Foreign Minister Murat"
            " Nurtleu met with Wang Yi, the Foreign Minister of the People's Republic of China,"
            " during his visit to China for a ministerial meeting, the agency reports.\n\n"
            "The parties discussed trade and transit cooperation, the statement said.\n")
    article = parse_text(text, "trend.txt")
    assert article.dateline == "ASTANA, Kazakhstan, July 16"
    info = extract_meeting(article, default_registry())
    assert info.location == "China"  # not the dateline's city: he was on a visit to China
    assert Pipeline().analyse(article).side == "kazakhstan"
    # filed where the talks were: the dateline says nothing, but the story's own minister is
    # the one who "met with" the other (round 31, sides._side_from_subject: measured on 29
    # real relationships, 8 more reports got their government's side, 1 a wrong one)
    text2 = text.replace("during his visit to China for a ministerial meeting",
                         "in Astana during a ministerial meeting")
    assert Pipeline().analyse(parse_text(text2, "trend2.txt")).side == "kazakhstan"
    # ... and the Chinese agency's framing of the same talks is China's
    text3 = (" date 2025-07-16 ASTANA, Kazakhstan, July 16. Chinese Foreign Minister Wang Yi met"
             " with Kazakhstan's Foreign Minister Murat Nurtleu in Astana during a ministerial"
             " meeting, the agency reports.\n\nThe parties discussed trade and transit"
             " cooperation, the statement said.\n")
    assert Pipeline().analyse(parse_text(text3, "trend3.txt")).side == "china"
