"""Reports the other government (or a third country's press) publishes in its own language,
and house styles first met on China–Kazakhstan, China–Turkey and China–Indonesia reports
(issue 10, round 18). Every text here is our own words in the shape of such a report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_fresh_house_styles import side_of

from bot.analysis.dates import find_date, find_full_date, find_month_day, find_weekday
from bot.analysis.meeting_facts import extract_meeting
from bot.articles.read import read_bytes
from bot.errors import ArticleError
from bot.pipeline.ingest import index_sources
from bot.registry.people import default_registry
from bot.store import Store

REF = date(2025, 7, 10)


def article(text: str):
    return read_bytes(text.encode("utf-8"), "report.txt", "text")[0]


def facts(text: str):
    return extract_meeting(article(text), default_registry())


@pytest.mark.parametrize(("text", "when"), [
    ("Wadephul empfing Wang Yi am 3. Juli 2025 in Berlin.", date(2025, 7, 3)),
    ("Les deux ministres se sont entretenus le 3 août 2022.", date(2022, 8, 3)),
    ("Los cancilleres conversaron el 24 de junio de 2025.", date(2025, 6, 24)),
    ("Kedua menteri bertemu di Beijing, Senin (21/4/2025).", date(2025, 4, 21)),
    ("Stand: 08.12.2025 14:30 Uhr", date(2025, 12, 8)),
    ("2025年7月3日，王毅同外长通电话。", date(2025, 7, 3)),
    ("Bakanlar 3 Temmuz 2025 tarihinde görüştü.", date(2025, 7, 3)),
])
def test_a_date_written_in_another_language_is_read(text: str, when: date) -> None:
    assert find_full_date(text) is not None and find_full_date(text)[0] == when
    assert find_date(text, REF)[0] == when


def test_a_day_and_month_without_a_year_and_a_weekday_in_another_language() -> None:
    assert find_month_day("le 3 juillet à Paris") == (7, 3)
    assert find_month_day("7月3日，王毅") == (7, 3)
    assert find_weekday("Der Außenminister telefonierte am Montag mit Wang Yi.") == 0
    assert find_weekday("el canciller habló el martes con Wang Yi") == 1


def test_a_weekday_beside_a_numeric_date_decides_its_order() -> None:
    # 4/6/2024 may be April 6 or June 4: June 4, 2024 was a Tuesday, April 6 a Saturday
    assert find_date("Tuesday (4/6/2024)", REF)[0] == date(2024, 6, 4)
    assert find_date("Saturday (4/6/2024)", REF)[0] == date(2024, 4, 6)
    assert find_date("on 4/21/2025", REF)[0] == date(2025, 4, 21)  # no month 21: US order


def test_capitalised_romance_weekdays_in_english_are_names() -> None:
    # "Santo Domingo" and "Domingo" the surname are no Sunday; "Mars" no March
    assert find_weekday("Wang met the minister in Santo Domingo.") is None
    assert find_date("He met Domingo, and spoke of Mars.", REF) is None


@pytest.mark.parametrize(("text", "fmt"), [
    ("Außenminister Wadephul telefonierte am Dienstag mit Wang Yi.", "phone_call"),
    ("Wang Yi a eu un entretien téléphonique avec Hakan Fidan le 3 août.", "phone_call"),
    ("Wang Yi sostuvo una conversación telefónica con Hakan Fidan el 24 de junio.",
     "phone_call"),
    ("Wadephul und Wang Yi sprachen per Videokonferenz am 3. Juli 2025.", "video_call"),
])
def test_a_call_reported_in_another_language_is_a_call(text: str, fmt: str) -> None:
    assert facts(f"Report\n\n{text}\n").format == fmt


@pytest.mark.parametrize(("text", "script"), [
    ("وجرت مباحثات هاتفية بين وزيري الخارجية المصري والصيني وانغ يي، تناولت مستجدات الوضع"
     " في الشرق الأوسط.", "Arabic"),
    ("王毅同土耳其外长费丹在北京举行会谈。王毅表示，中方愿同土方加强合作。", "Chinese"),
    ("รัฐมนตรีว่าการกระทรวงการต่างประเทศหารือกับนายหวัง อี้ ที่กรุงปักกิ่ง", "Thai"),
])
def test_a_report_in_another_script_is_refused_by_name(text: str, script: str) -> None:
    with pytest.raises(ArticleError) as err:
        article(text + "\n")
    message = str(err.value)
    assert script in message and "English" in message and "\n" not in message


def test_a_report_with_a_foreign_name_or_two_is_still_read() -> None:
    # English with a Chinese name in brackets stays English
    got = article("Ministers meet\n\nWang Yi (王毅) met Foreign Minister Hakan Fidan in "
                  "Beijing on June 4, 2024, and said both sides should deepen trade.\n")
    assert got.paragraphs[0].startswith("Wang Yi")


def test_kazinform_dateline_names_the_agency() -> None:
    got = article("XI'AN. KAZINFORM – Foreign Minister Murat Nurtleu held talks with Foreign "
                  "Minister Qin Gang on April 26, 2023, the ministry said.\n")
    assert got.outlet == "Kazinform" and got.dateline == "XI'AN"
    assert got.paragraphs[0].startswith("Foreign Minister Murat Nurtleu")
    # a city with a full stop in it stays a city
    other = article("ST. PETERSBURG – Foreign Minister Murat Nurtleu met Wang Yi on June 2, "
                    "2023.\n")
    assert other.outlet is None


@pytest.mark.parametrize("relay", [
    "Kazinform cites the Kazakh MFA.",
    "Kazinform News Agency has learnt from the press service of the Kazakh Foreign Ministry.",
    "The ministers reviewed transit, reported the Kazakh Foreign Ministry's press service.",
])
def test_an_agency_relaying_its_ministry_gives_the_ministry_side(tmp_path: Path,
                                                                 relay: str) -> None:
    # both principals marked with their country: only the relay says whose account it is
    text = ("Ministers discuss transit\n\n"
            "Deputy Prime Minister and Minister of Foreign Affairs of the Republic of Kazakhstan "
            "Murat Nurtleu held talks with Minister of Foreign Affairs of the People's Republic "
            f"of China Wang Yi in Beijing on March 29, 2024. {relay}\n\n"
            "The sides discussed transit and trade.\n")
    assert side_of(tmp_path, text) == "kazakhstan"


def test_a_possessive_double_title_marks_its_holder(tmp_path: Path) -> None:
    # a Xinhua rewrite: "Kazakhstan's Deputy Prime Minister and Minister of Foreign Affairs"
    # is one title, its "and" inside it; the Kazakh minister is the marked one, so the report
    # is not Kazakhstan's
    text = ("Wang Yi meets Kazakh FM\n\n"
            "Chinese Foreign Minister Wang Yi on Sunday met with Kazakhstan's Deputy Prime "
            "Minister and Minister of Foreign Affairs Murat Nurtleu in Chengdu, with both sides "
            "willing to deepen cooperation.\n\n"
            "Wang, also a member of the Political Bureau of the Communist Party of China Central "
            "Committee, said the two sides should consolidate mutual trust.\n")
    assert side_of(tmp_path, text) == "china"


def test_diplomatic_sources_said_on_a_weekday_is_when_it_was_made_public() -> None:
    info = facts("Minister visits China\n\n"
                 "Türkiye's foreign minister discussed trade and global issues during his visit "
                 "to China at the invitation of his Chinese counterpart Wang Yi, diplomatic "
                 "sources said Wednesday.\n\nHakan Fidan urged more imports.\n")
    assert info.weekday == 2 and info.said
    # ... and the visit says where they met
    assert info.format == "meeting" and info.location == "China"


def test_the_second_day_of_his_visit_is_a_meeting_there() -> None:
    info = facts("Ministers meet\n\n"
                 "Foreign Minister Hakan Fidan met his Chinese counterpart Wang Yi on the second "
                 "day of his visit to China as his guest on June 4, 2024.\n")
    assert info.location == "China" and info.format == "meeting"
    # a visit to come is no place of this meeting
    later = facts("Ministers talk\n\n"
                  "Foreign Minister Hakan Fidan spoke by phone with Wang Yi on June 4, 2024, "
                  "ahead of his visit to China.\n")
    assert later.location is None and later.format == "phone_call"


def test_a_weekday_report_of_a_visit_joins_the_visit_not_another_meeting(
        tmp_path: Path) -> None:
    """Three meetings of the same two ministers on Tuesdays and Wednesdays: the one in
    Ankara, a call, and the visit to China. A report dated only by the day "sources said"
    it and set "during his visit to China" joins the visit (it had joined Ankara's)."""
    rows = placed(tmp_path, {
        "ankara.txt": "Wang Yi in Ankara\n\nChinese Foreign Minister Wang Yi held talks with "
                      "Foreign Minister Hakan Fidan in Ankara on July 26, 2023, on trade and "
                      "Gaza.\n",
        "call.txt": "Ministers talk\n\nChinese Foreign Minister Wang Yi held a phone call with "
                    "Foreign Minister Hakan Fidan on June 24, 2025, on the Middle East.\n",
        "visit.txt": "Fidan in China\n\nForeign Minister Hakan Fidan met his Chinese counterpart "
                     "Wang Yi on the second day of his visit to China on June 4, 2024, on trade "
                     "and energy.\n",
        "sources.txt": "Minister discusses ties in China\n\nTürkiye's foreign minister Hakan "
                       "Fidan discussed economic ties with Wang Yi during his visit to China, "
                       "diplomatic sources said Wednesday.\n\nFidan urged more imports of "
                       "Turkish farm products.\n"})
    assert rows["sources.txt"] == rows["visit.txt"]
    assert len(set(rows.values())) == 3


def test_a_weekday_report_from_new_york_does_not_join_a_cairo_meeting(tmp_path: Path) -> None:
    """Round 18 (China–Egypt, held out): "met on Sunday ... on the side-lines of the UN General
    Assembly in New York" had joined the Cairo talks of a Sunday fifteen months on: a capital
    stands for its country, so New York was "not told apart" from Cairo. A report dated by its
    weekday alone needs a place known to agree."""
    rows = placed(tmp_path, {
        "cairo.txt": "Ministers meet in Cairo\n\nCAIRO, Jan. 15, 2024 (Xinhua) -- Chinese Foreign "
                     "Minister Wang Yi held talks with Egyptian Foreign Minister Sameh Shoukry in "
                     "Cairo on Sunday, January 14, 2024.\n",
        "newyork.txt": "Shoukry meets Wang\n\nEgypt's Minister of Foreign Affairs Sameh Shoukry "
                       "met on Sunday with Minister of Foreign Affairs of China Wang Yi on the "
                       "side-lines of the UN General Assembly in New York.\n"})
    assert rows["newyork.txt"] != rows["cairo.txt"]


def placed(tmp_path: Path, files: dict[str, str]) -> dict[str, str]:
    """Index the files as one folder; each file's meeting id."""
    folder = tmp_path / "saved"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = Store(tmp_path / "q.db")
    index_sources(store, [str(folder)], workers=1)
    return {r["source"].rsplit("/", 1)[-1]: r["meeting_id"] for r in store.conn.execute(
        "SELECT source, meeting_id FROM articles")}


def test_a_coming_summits_place_is_not_the_meetings() -> None:
    info = facts("Ministers meet\n\nThe top diplomats of South Korea and China held talks on "
                 "Saturday and agreed to seek a summit on the sidelines of the APEC summit set "
                 "for November in Peru.\n\nForeign Minister Cho Tae-yul and Wang Yi met on the "
                 "margins of the UN General Assembly.\n")
    assert info.location != "Peru"


def test_his_counterpart_with_a_double_title_is_the_other_side(tmp_path: Path) -> None:
    # own words in the shape of an English rewrite of Xinhua (China–Thailand, round 18): the
    # Thai minister is "his Thai counterpart", whatever "and" his title holds
    assert side_of(tmp_path, (
        "Chinese and Thai officials meet\n\n"
        "In a diplomatic meeting, the Chinese Foreign Minister, Wang Yi, held talks with his "
        "Thai counterpart, Deputy Prime Minister and Foreign Minister Don Pramudwinai, in "
        "Beijing on August 19, 2023.\n\nBoth sides agreed to deepen cooperation.\n")) == "china"


def test_a_ministry_page_saved_with_its_menus_and_a_long_appositive(tmp_path: Path) -> None:
    # own words in the shape of a ministry page saved whole: the headline twice, posting
    # stamps, a view count, then the lead; the Chinese minister's offices follow his name one
    # after another, his country at the end of the last
    text = ("Ministers agree to expedite visa talks\n\n"
            "Ministers agree to expedite visa talks\n\n"
            "Posted 7 Dec 2023\n\nUpdated 7 Dec 2023\n\n| 1,204 view\n\n"
            "On 6 December 2023, H.E. Mr. Parnpree Bahiddha-Nukara, Deputy Prime Minister and "
            "Minister of Foreign Affairs, met with H.E. Mr. Wang Yi, Member of the Political "
            "Bureau of the CPC Central Committee, Director of the Office of the Central "
            "Commission for Foreign Affairs, and Minister of Foreign Affairs of the People's "
            "Republic of China, in Beijing.\n\nBoth sides discussed visas and trade.\n")
    assert side_of(tmp_path, text) == "thailand"
