"""House styles first met on real reports of meetings no earlier fixture covered (issue 10,
round 12): a masthead's stamp, a stored date line carrying a caption, a caption that dates a
story which dates nothing, "Friday (23rd)", misspelt registered names, venue places. The
fixtures are our own words in each outlet's shape (tests/fixtures/fresh_styles/README.md)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from bot.analysis.meeting_facts import extract_meeting
from bot.articles.read import read_bytes, read_path
from bot.meetings.merge import same_place
from bot.pipeline.ingest import index_sources
from bot.registry.people import default_registry
from bot.store import Store

HERE = Path(__file__).resolve().parent / "fixtures" / "fresh_styles"


def facts(name: str):
    article = read_path(HERE / name)[0]
    return article, extract_meeting(article, default_registry())


def test_masthead_stamp_is_the_publication_date_not_the_headline() -> None:
    article, info = facts("masthead_stamp.txt")
    assert article.outlet == "The Asahi Shimbun" or article.byline == "The Asahi Shimbun"
    assert article.published == date(2024, 3, 3)
    assert article.dateline == "TOKYO"  # "TOKYO--Foreign Minister ...": Asahi's dateline
    assert article.paragraphs[0].startswith("Foreign Minister Yoko Kamikawa sat down")
    assert [p.name for p in info.participants] == ["Yoko Kamikawa", "Wang Yi"]
    # a day after the session at most: within the one-day join window
    assert info.event_date in (date(2024, 3, 2), date(2024, 3, 3))


def test_stored_date_line_with_a_caption_on_it_keeps_its_date() -> None:
    article, info = facts("date_line_caption.txt")
    assert article.published == date(2024, 5, 14)
    assert info.event_date is not None
    assert abs((info.event_date - date(2024, 5, 13)).days) <= 1


def test_caption_weekday_dates_a_story_that_dates_nothing() -> None:
    article, info = facts("caption_weekday.txt")
    assert any("shakes hands" in c for c in article.captions)
    assert not any("shakes hands" in p for p in article.paragraphs)
    assert info.event_date is None and info.weekday == 6  # Sunday
    assert "caption" in info.date_reason


def test_caption_full_date_dates_a_story_that_dates_nothing() -> None:
    _, info = facts("caption_full_date.txt")
    assert info.event_date == date(2023, 3, 16)
    assert {p.name for p in info.participants} >= {"Fumio Kishida", "Yoon Suk Yeol"}


def test_file_photo_caption_dates_nothing(tmp_path: Path) -> None:
    text = (HERE / "caption_full_date.txt").read_text(encoding="utf-8").replace(
        "shake hands before their meeting", "shake hands in this file photo before a meeting")
    (tmp_path / "file_photo.txt").write_text(text, encoding="utf-8")
    info = extract_meeting(read_path(tmp_path / "file_photo.txt")[0], default_registry())
    assert info.event_date is None


def test_weekday_with_the_day_in_brackets_and_no_place_from_another_event() -> None:
    _, info = facts("weekday_and_day.txt")
    assert (info.weekday, info.day) == (4, 23)  # Friday the 23rd
    # "their first since the two met at the G20 ... in Indonesia": not this meeting's place
    assert info.location is None or "Indonesia" not in info.location


def test_background_clause_gives_no_place(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(
        "US and Chinese top diplomats hold talks\n\n"
        "US Secretary of State Antony Blinken and Chinese Foreign Minister Wang Yi met on July "
        "9, 2022 after attending a G20 gathering where Washington led efforts to pressure "
        "Russia over its war in Ukraine.\n\nThe talks lasted five hours.\n", encoding="utf-8")
    info = extract_meeting(read_path(tmp_path / "r.txt")[0], default_registry())
    assert info.location is None or "Ukraine" not in info.location


def test_misspelt_registered_names_resolve_short_ones_do_not() -> None:
    registry = default_registry()
    assert registry.by_name("Yoon Sun Yeol").id == "yoon_suk_yeol"
    assert registry.by_name("Anthony Blinken").id == "antony_blinken"
    assert registry.by_name("Fumio Kishda").id == "fumio_kishida"
    # ten letters or more only, and never two people at one edit
    assert registry.by_name("Park Jun") is None
    assert registry.by_name("Wang Yii") is None
    assert registry.by_name("Xiang Yu") is None


def test_a_venue_town_is_in_its_island() -> None:
    assert same_place("Nusa Dua", "Bali")
    assert same_place("Bali, Indonesia", "Nusa Dua")
    assert not same_place("Bali", "Tokyo")


def test_caption_weekday_report_joins_the_dated_report_of_that_sunday(tmp_path: Path) -> None:
    for name in ("caption_weekday.txt", "dated_readout.txt"):
        shutil.copy(HERE / name, tmp_path / name)
    store = Store(tmp_path / "r.db")
    try:
        index_sources(store, [str(tmp_path / "caption_weekday.txt"),
                              str(tmp_path / "dated_readout.txt")])
        meetings = store.meetings()
        assert len(meetings) == 1
        assert meetings[0]["event_date"] == "2023-04-02"
    finally:
        store.close()


def side_of(tmp_path: Path, text: str) -> str | None:
    from bot.pipeline.analyse import Pipeline

    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return Pipeline().analyse(read_path(path)[0]).side


def test_a_long_title_with_and_inside_it_marks_the_counterpart(tmp_path: Path) -> None:
    # the White House's way: its own official bare, the counterpart under a long title
    assert side_of(tmp_path, (
        "Readout of National Security Advisor Sullivan's Meeting\n\n"
        "National Security Advisor Jake Sullivan met on January 26-27 with Chinese Communist "
        "Party Politburo Member, Director of the Office of the Foreign Affairs Commission, and "
        "Foreign Minister Wang Yi in Bangkok to follow up on the leaders' summit.\n\n"
        "Mr. Sullivan stressed that competition must not veer into conflict.\n")) \
        == "united_states"


def test_a_title_abbreviation_is_no_sentence_end(tmp_path: Path) -> None:
    # "U.S." marks Austin, "Chinese Defense Minister Adm." marks Dong Jun: nobody is bare, so
    # the wording decides nothing (a third party's story)
    assert side_of(tmp_path, (
        "Austin holds video call with Chinese counterpart\n\n"
        "U.S. Secretary of Defense Lloyd J. Austin III held a virtual meeting on Tuesday with "
        "Chinese Defense Minister Adm. Dong Jun, their first direct talks.\n\n"
        "The two discussed military communication.\n")) != "china"


def test_inter_korean_names_no_country_of_a_title(tmp_path: Path) -> None:
    from bot.meetings.sides import _marked

    text = ("Xi stuck to the view that Seoul should lead efforts to improve inter-Korean "
            "relations, rebuffing Yoon's request")
    at = text.index("Yoon")
    assert not _marked(text, at, at + 4, "south_korea")


def test_the_caption_tells_whose_house_style_when_the_lead_does_not(tmp_path: Path) -> None:
    assert side_of(tmp_path, (
        "Seoul, Tokyo top diplomats meet for first time in years\n\n"
        "The chief diplomats of the two neighbours sat down together on Monday for the first "
        "time in nearly five years.\n\n"
        "Foreign Minister Park Jin met with his counterpart Yoshimasa Hayashi in Tokyo to talk "
        "about the North's missiles and wartime labour.\n\n"
        "Foreign Minister Park Jin (left) and his Japanese counterpart Yoshimasa Hayashi bump "
        "elbows in Tokyo on Monday. /Reuters-News1\n\n"
        "Both said they would keep talking.\n")) == "south_korea"


def test_a_possessive_country_is_not_the_place(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(
        "Xi urges Takaichi to keep ties on track\n\n"
        "Chinese President Xi Jinping met Japanese Prime Minister Sanae Takaichi on October 31, "
        "2025 in South Korea's southeastern city of Gyeongju.\n\nThey spoke for 30 minutes.\n",
        encoding="utf-8")
    info = extract_meeting(read_path(tmp_path / "r.txt")[0], default_registry())
    assert info.location is None or "Korea's" not in info.location


def test_a_stray_place_does_not_split_one_day_into_many_meetings(tmp_path: Path) -> None:
    # Four reports of one summit. The fullest (placed first) names the wrong place, "Busan";
    # the next says Gyeongju, so it starts a second record; the last two name no place and fit
    # both records equally. Before, each of them started a record of its own ("ambiguous"),
    # and every later report of the day did the same: four records of one meeting.
    texts = [
        "Chinese President Xi Jinping, Foreign Minister Wang Yi and Japanese Prime Minister "
        "Sanae Takaichi met on October 31, 2025 in Busan and discussed seafood imports.\n",
        "Chinese President Xi Jinping and Japanese Prime Minister Sanae Takaichi met on "
        "October 31, 2025 in Gyeongju and agreed on a mutually beneficial relationship.\n",
        "Chinese President Xi Jinping and Japanese Prime Minister Sanae Takaichi met on "
        "October 31, 2025 and pledged to keep the leaders' dialogue going.\n",
        "Chinese President Xi Jinping and Japanese Prime Minister Sanae Takaichi met on "
        "October 31, 2025 and spoke about the East China Sea and seafood imports.\n",
    ]
    names = []
    for i, text in enumerate(texts):
        name = tmp_path / f"report{i}.txt"
        name.write_text(f"Xi and Takaichi hold first summit ({i})\n\n" + text, encoding="utf-8")
        names.append(str(name))
    store = Store(tmp_path / "r.db")
    try:
        index_sources(store, names)
        assert len(store.meetings()) == 2  # the Busan record and the Gyeongju one, no more
    finally:
        store.close()


def test_a_reporters_address_names_the_outlet(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(
        "Seoul and Tokyo leaders pledge closer ties in first call\n\n"
        "Han Jae-young\n2025-06-09 16:34:37 jyhan@hankyung.com\nBusiness & Politics\n\n"
        "President Lee Jae-myung on Monday held his first telephone conversation with Japanese "
        "Prime Minister Shigeru Ishiba, and the two pledged to work together.\n", encoding="utf-8")
    article = read_path(tmp_path / "r.txt")[0]
    assert "Korea Economic Daily" in (article.outlet or article.byline or "")
    from bot.pipeline.analyse import Pipeline

    assert Pipeline().analyse(article).side == "south_korea"


def test_a_dateline_with_its_country_and_agency(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(
        " date 2025-10-31 News from Japan\n\n"
        "Gyeongju, South Korea, Oct. 31 (Jiji Press)--Japanese Prime Minister Sanae Takaichi "
        "and Chinese President Xi Jinping agreed at their first summit on Friday to keep "
        "talking.\n\nTakaichi said the two countries share a responsibility for peace.\n",
        encoding="utf-8")
    article = read_path(tmp_path / "r.txt")[0]
    assert article.dateline == "Gyeongju, South Korea, Oct. 31"
    assert article.paragraphs[0].startswith("Japanese Prime Minister Sanae Takaichi")


def test_state_department_house_style_is_the_us_account(tmp_path: Path) -> None:
    assert side_of(tmp_path, (
        "Secretary Blinken's Meeting with Director Wang Yi\n\n"
        "The below is attributable to Spokesperson Matthew Miller:\n\n"
        "Secretary of State Antony J. Blinken met with Director Wang Yi today in Beijing. "
        "They discussed a range of bilateral and global issues.\n\n"
        "The Secretary underscored the importance of open channels of communication.\n")) \
        == "united_states"


def test_a_stored_date_line_over_a_bare_photo_credit_is_not_trusted(tmp_path: Path) -> None:
    # KBS pages stored as " date 2024-02-02 Photo : YONHAP News" carry a date days before the
    # Tuesday call they report: the weekday is all the story says
    (tmp_path / "r.txt").write_text(
        " date 2024-02-02 Photo : YONHAP News\n\n"
        "Foreign Minister Cho Tae-yul held his first phone call since taking office with his "
        "Chinese counterpart, Wang Yi, on Tuesday afternoon, according to Seoul's foreign "
        "ministry.\n\nThe two discussed high-level exchanges and supply chains.\n",
        encoding="utf-8")
    article = read_path(tmp_path / "r.txt")[0]
    info = extract_meeting(article, default_registry())
    assert article.published is None
    assert info.event_date is None and info.weekday == 1


def test_another_event_in_the_event_sentence_does_not_date_it(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(
        " date 2023-06-14 Blinken is expected in Beijing on Sunday\n\n"
        "China's Foreign Minister Qin Gang on Wednesday told U.S. Secretary of State Antony "
        "Blinken that Washington should respect Beijing's core interests.\n\n"
        "During a phone call between the two top diplomats that was held ahead of Blinken's "
        "visit to China on Sunday, Qin said relations faced new difficulties.\n",
        encoding="utf-8")
    info = extract_meeting(read_path(tmp_path / "r.txt")[0], default_registry())
    assert info.event_date == date(2023, 6, 14)  # Wednesday, not the Sunday of the visit


def test_a_foreign_ministers_unnamed_us_counterpart_is_the_secretary_of_state(
        tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(
        "China rebukes US in phone call before Blinken trip\n\n"
        "Published June 14, 2023\n\n"
        "BEIJING — China's foreign minister Qin Gang urged the United States to stop meddling "
        "in its affairs in a phone call with his US counterpart on Wednesday.\n\n"
        "It would be the highest profile visit of US President Joe Biden's administration to "
        "China.\n", encoding="utf-8")
    info = extract_meeting(read_path(tmp_path / "r.txt")[0], default_registry())
    assert [p.name for p in info.participants] == ["Qin Gang", "Antony Blinken"]


def test_since_someone_took_office_names_no_party_and_file_photos_date_nothing(
        tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        " date 2021-02-06 BEIJING (AP) — The top American and Chinese diplomats have held "
        "phone talks in the first major exchange between the countries since President Joe "
        "Biden took office. China's top diplomat Yang Jiechi and U.S. Secretary of State Antony "
        "Blinken discussed Xinjiang, Hong Kong and Taiwan.\n", encoding="utf-8")
    info = extract_meeting(read_path(tmp_path / "a.txt")[0], default_registry())
    assert {p.name for p in info.participants} == {"Yang Jiechi", "Antony Blinken"}
    (tmp_path / "b.txt").write_text(
        " date 2025-06-05 Trump says call with Xi went well\n\n"
        "U.S. President Donald Trump meets with China's President Xi Jinping at the G20 summit "
        "in Osaka, Japan, June 29, 2019. (REUTERS File Photo)\n\n"
        "US President Donald Trump said Thursday that his just-concluded call with Chinese "
        "President Xi Jinping went very well for both countries.\n", encoding="utf-8")
    article = read_path(tmp_path / "b.txt")[0]
    info = extract_meeting(article, default_registry())
    assert info.event_date == date(2025, 6, 5)


def test_two_files_of_one_name_in_one_run_are_two_articles(tmp_path: Path) -> None:
    # "readout index a/kbs.txt b/kbs.txt": two saved pages of two meetings, not one replacing
    # the other (which also made a run depend on the order the files were named in)
    for folder, name in (("a", "caption_weekday.txt"), ("b", "masthead_stamp.txt")):
        (tmp_path / folder).mkdir()
        shutil.copy(HERE / name, tmp_path / folder / "kbs.txt")
    store = Store(tmp_path / "r.db")
    try:
        report = index_sources(store, [str(tmp_path / "a" / "kbs.txt"),
                                       str(tmp_path / "b" / "kbs.txt")])
        assert (report.added, report.replaced) == (2, 0)
        assert sorted(r["source"] for r in store.conn.execute("SELECT source FROM articles")) \
            == ["a/kbs.txt", "b/kbs.txt"]
    finally:
        store.close()


def test_an_agency_between_slashes_and_a_video_channel(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(
        "Putin and Xi talk by secure video link\n\n"
        "MOSCOW, December 30. /TASS/. Russian President Vladimir Putin and Chinese President "
        "Xi Jinping are holding talks via an encrypted video channel on Friday.\n\n"
        "They are discussing bilateral relations and regional issues.\n", encoding="utf-8")
    article = read_path(tmp_path / "r.txt")[0]
    info = extract_meeting(article, default_registry())
    assert article.dateline == "MOSCOW, December 30"
    assert article.outlet == "TASS"
    assert article.paragraphs[0].startswith("Russian President Vladimir Putin")
    assert info.format == "video_call"


def test_a_photo_credit_line_is_a_caption_not_the_meeting(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(
        "Biden, Xi hold first call since November\n\n"
        "Joe Biden and Xi Jinping shake hands during their meeting in California. Photo credit: "
        "Xinhua/Rao Aimin\n\n"
        "United States President Joe Biden and Chinese President Xi Jinping held a call on "
        "April 2, the first since their meeting in California, the agency reports.\n",
        encoding="utf-8")
    info = extract_meeting(read_path(tmp_path / "r.txt")[0], default_registry())
    assert info.format == "phone_call" and info.month_day == (4, 2)


def test_a_caption_dates_a_weekday_written_a_day_later_abroad(tmp_path: Path) -> None:
    # Manila's "on Tuesday" for a Monday meeting in Washington, the caption dated in full
    (tmp_path / "r.txt").write_text(
        "US President Joe Biden with President Ferdinand R. Marcos Jr. during the bilateral "
        "meeting at the Oval Office of the White House on May 1, 2023. KJ ROSALES/PPA POOL\n\n"
        "WASHINGTON — President Ferdinand Marcos Jr. and US President Joe Biden held talks at "
        "the White House on Tuesday, and both pledged to strengthen the alliance.\n",
        encoding="utf-8")
    article = read_path(tmp_path / "r.txt")[0]
    info = extract_meeting(article, default_registry())
    assert article.captions and article.captions[0].endswith("PPA POOL")
    assert info.event_date == date(2023, 5, 1)


def test_a_page_saved_from_its_first_sentence_is_dated_by_it(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(
        "US President Joe Biden met virtually on November 15 with President Xi Jinping of the "
        "People's Republic of China (PRC).\n\n"
        "The two discussed the complex nature of relations between their countries.\n",
        encoding="utf-8")
    info = extract_meeting(read_path(tmp_path / "r.txt")[0], default_registry())
    assert info.month_day == (11, 15) or (info.event_date and info.event_date.month == 11)


def test_the_agency_first_dateline_of_a_translated_wire(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(
        " date 2023-06-14 Xinhua News Agency, Beijing, June 14. On June 14, Beijing time, "
        "State Councilor and Foreign Minister Qin Gang had a telephone conversation with US "
        "Secretary of State Antony Blinken.\n\n"
        "Qin Gang pointed out that relations have met new difficulties and challenges.\n",
        encoding="utf-8")
    article = read_path(tmp_path / "r.txt")[0]
    assert article.dateline == "Beijing, June 14"
    from bot.pipeline.analyse import Pipeline

    assert Pipeline().analyse(article).side == "china"


def test_a_weekday_report_with_a_place_never_joins_a_meeting_of_no_known_place(
        tmp_path: Path) -> None:
    # own words: the same two ministers met on two Mondays nine months apart; the later
    # meeting's only report names no place, the earlier one's only report gives no date but
    # "in Rio de Janeiro on Monday" - it must stay apart rather than join the later meeting
    (tmp_path / "later.txt").write_text(
        "EAM holds talks with Chinese FM\n\n"
        "External Affairs Minister S. Jaishankar held talks with Chinese Foreign Minister Wang "
        "Yi on Monday, August 18, 2025, and said the two sides should keep the border calm."
        "\n\nJaishankar said de-escalation is the next step.\n", encoding="utf-8")
    (tmp_path / "earlier.txt").write_text(
        "Chinese, Indian FMs hold talks\n\n"
        "RIO DE JANEIRO - Chinese Foreign Minister Wang Yi and S. Jaishankar, India's external "
        "affairs minister, held talks in Rio de Janeiro on Monday.\n\n"
        "Wang said the two sides should restart direct flights soon.\n", encoding="utf-8")
    store = Store(tmp_path / "r.db")
    try:
        index_sources(store, [str(tmp_path / "later.txt"), str(tmp_path / "earlier.txt")])
        assert len(store.meetings()) == 2
    finally:
        store.close()


def test_a_ministry_building_is_no_meeting_place() -> None:
    art = read_path_text(
        "Pakistan, China hold delegation-level talks\n\n"
        "Pakistan and China held delegation level talks at the Foreign Office here on Saturday "
        "after a one-on-one meeting between Foreign Minister Qin Gang and Pakistan's Foreign "
        "Minister Bilawal Bhutto Zardari.\n")
    assert extract_meeting(art, default_registry()).location is None


def read_path_text(text: str):
    return read_bytes(text.encode("utf-8"), "report.txt", "text")[0]


def test_a_ministry_named_by_its_own_name_gives_the_side(tmp_path: Path) -> None:
    # own words in the shape of Indian papers relaying the MEA's statement
    base = ("India, China FMs meet in Vientiane\n\n"
            "Indian External Affairs Minister S. Jaishankar met Chinese Foreign Minister Wang "
            "Yi in Vientiane on Thursday on the sidelines of the ASEAN meetings.\n\n")
    assert side_of(tmp_path, base + "The Ministry of External Affairs (MEA) said in a press "
                   "statement that the ministers reviewed the border situation.\n") == "india"
    assert side_of(tmp_path, base + "The talks focused on the border, said the external "
                   "affairs ministry.\n") == "india"
    # a person's name before "said" is no ministry
    assert side_of(tmp_path, ("India, China FMs meet\n\nIndian External Affairs Minister S. "
                              "Jaishankar met Chinese Foreign Minister Wang Yi in Vientiane on "
                              "Thursday.\n\nJaishankar said the talks were useful.\n")) is None


def test_central_asian_ministers_and_an_agency_that_reports(tmp_path: Path) -> None:
    # own words in Kazinform's shape: the agency "reports", the ministers now known
    assert side_of(tmp_path, (
        "Kazakhstan, China discuss transit\n\n"
        "Foreign Ministers of Kazakhstan and China Murat Nurtleu and Wang Yi held talks today in "
        "Astana, Kazinform News Agency reports.\n\n"
        "The Kazakh Minister said transit through the country keeps growing.\n")) == "kazakhstan"


def test_a_sentence_before_a_title_marks_nobody(tmp_path: Path) -> None:
    # own words in Global Times' shape: "China ..., Chinese State Councilor and Foreign
    # Minister Wang Yi said" - the sentence's "China" does not make Wang the marked one and
    # the Kazakh minister (whose double title an "and" cuts) the unmarked, home one
    assert side_of(tmp_path, (
        "Chinese FM backs Kazakhstan's calm\n\n"
        "China firmly supports Kazakhstan's efforts to restore calm, and is willing to work "
        "together on transit, Chinese State Councilor and Foreign Minister Wang Yi said during "
        "a phone call with Kazakh Deputy Prime Minister and Foreign Minister Mukhtar "
        "Tileuberdi on Monday.\n\nWang said the call reaffirms the partnership.\n")) \
        != "kazakhstan"


def test_a_dialogue_convened_in_a_city_has_that_place() -> None:
    art = read_path_text(
        "Ministers open a new dialogue\n\n"
        "Chinese Foreign Minister Wang Yi and Kazakh Foreign Minister Murat Nurtleu convened the "
        "inaugural China-Kazakhstan Foreign Ministers' Strategic Dialogue in Beijing on Friday."
        "\n")
    info = extract_meeting(art, default_registry())
    assert info.location == "Beijing" and info.format == "meeting"


def test_a_name_opening_with_an_accented_capital_is_read_whole() -> None:
    art = read_path_text(
        "Ministers meet\n\n"
        "Foreign Minister Mevlüt Çavuşoğlu met his Chinese counterpart Wang Yi in Wuxi on "
        "Wednesday, January 12, 2022, and said Ankara wants balanced trade.\n")
    names = [p.name for p in extract_meeting(art, default_registry()).participants]
    assert "Mevlüt Çavuşoğlu" in names and "Mevlüt" not in names
