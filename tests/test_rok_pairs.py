"""Both governments' readouts of China-ROK meetings saved as plain text (no URL, no outlet
field): every meeting one record, every report its side, the comparison shown for each.

The fixtures (tests/fixtures/rok_pairs) are written in our own words in the house styles seen
on real reports: Korean ministry press releases, a Chinese embassy release, Xinhua under the
seeds' "date YYYY-MM-DD Title" line, People's Daily with its "Xinhua) 11:06, ..." source line
under that line, CGTN saved headline first, KBS's broadcast brief (photo credit on top, glued
sentences, only a weekday), YTN's headline-less copy with "Cho Tae-yeol", Diplomacy Journal's
byline, a foreign wire relaying Xinhua (unnamed "counterpart", "Cho Tae-yul's trip"), another
relaying Yonhap ("Park and Wang" by surname only, "Yonhap broadcaster reported", only a weekday),
a Korean daily's wire copy, an aggregator's rewrite and a copy site (see SIDES).
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from test_cli import run

from bot.analysis.attribution import attribute
from bot.analysis.meeting_facts import extract_meeting
from bot.analysis.sentences import split_sentences
from bot.articles.read import read_path
from bot.articles.text import parse_text
from bot.lookups.readouts import compare
from bot.models import Statement
from bot.pipeline.analyse import Pipeline
from bot.pipeline.ingest import index_sources
from bot.registry.outlets import side_of_outlet
from bot.registry.people import default_registry
from bot.store import Store

PAIRS = Path(__file__).resolve().parent / "fixtures" / "rok_pairs"
SIDES = {
    "mofa": "south_korea", "kbs": "south_korea", "ytn": "south_korea",
    "diplomacyjournal": "south_korea", "embassy": "china", "cgtn": "china",
    "peoplesdaily": "china", "xinhua": "china",
    # a foreign wire relaying Xinhua's account: China's, though it names Cho unmarked first
    "afpwire": "china",
    # a foreign wire relaying Yonhap, naming the ministers by surname only and only the weekday
    "relaywire": "south_korea",
    # a Korean daily's wire copy ("summit" before "telephone call"; only "Tuesday"), an
    # aggregator's rewrite (" date ... Left Menu", an unnamed "South Korean counterpart"), a
    # copy site (a lead sentence naming the presidents before the one naming who met)
    "heraldwire": "south_korea", "aggregator": "china", "copysite": "south_korea",
}


def analysed(name: str):
    return Pipeline().analyse(read_path(PAIRS / name)[0])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = tmp_path_factory.mktemp("rok") / "r.db"
    st = Store(db)
    report = index_sources(st, [str(PAIRS)])
    assert not report.rejected and report.added == len(list(PAIRS.glob("*.txt")))
    return st


def test_every_meeting_is_one_record_with_both_sides_compared(store: Store) -> None:
    meetings = store.meetings()
    # one meeting per date in the file names, and nothing else
    want = {f.stem.split("_")[1] for f in PAIRS.glob("*.txt")}
    assert {m["event_date"].replace("-", "") for m in meetings} == want
    assert len(meetings) == len(want)
    for m in meetings:
        days = {Path(s).stem.split("_")[1] for s in m["sources"]}
        assert days == {m["event_date"].replace("-", "")}, m["sources"]
        result = compare(store, m["id"])
        assert result["compared"] and result["sides"] == ["china", "south_korea"], m["sources"]


def test_every_report_has_its_side_without_a_url(store: Store) -> None:
    for a in store.articles():
        assert a["url"] is None
        assert a["side"] == SIDES[Path(a["source"]).stem.split("_")[0]], a["source"]


def test_formats_come_from_the_text_not_the_dateline() -> None:
    # "BEIJING, Dec. 12 (Xinhua) -- ... met with ... via video link": a video call, no place
    xinhua = analysed("xinhua_20221212.txt").meeting
    assert xinhua.format == "video_call" and xinhua.location is None
    assert analysed("mofa_20221212.txt").meeting.format == "video_call"
    assert analysed("kbs_20240206.txt").meeting.format == "phone_call"


def test_combined_header_is_no_statement_and_keeps_outlet_and_dateline() -> None:
    item = analysed("peoplesdaily_20250321.txt")
    art = item.article
    assert art.outlet == "Xinhua" and art.dateline == "TOKYO, March 21"
    assert art.published == date(2025, 3, 22) and art.title.startswith("Wang Yi meets")
    assert not any("11:06" in s.text for s in item.statements)
    assert item.meeting.event_date == date(2025, 3, 21)


def test_the_date_is_this_meetings_not_the_trilateral_mentioned_next() -> None:
    info = analysed("ytn_20250321.txt").meeting
    assert info.event_date is None and info.weekday == 4  # Friday, not Saturday
    assert [p.person_id for p in info.participants] == ["cho_tae_yul", "wang_yi"]


def test_a_relayed_wire_story_naming_the_ministers_by_surname_only() -> None:
    info = analysed("relaywire_20221212.txt").meeting
    assert [p.person_id for p in info.participants] == ["park_jin", "wang_yi"]
    assert info.format == "video_call" and info.weekday == 0 and info.event_date is None
    # one surname, or two of one country, name no principals
    reg = default_registry()
    for text in ["Park said the talks went well.", "Park and Cho spoke to reporters."]:
        article = parse_text(f"Talks\n\nThe ministers held talks on Monday.\n\n{text}\n", "x.txt")
        assert extract_meeting(article, reg).participants == [], text


def test_an_unnamed_counterpart_and_the_sentence_that_reports_the_meeting() -> None:
    # "his South Korean counterpart", never named: the Foreign Minister on that date
    agg = analysed("aggregator_20241224.txt")
    assert agg.article.title == "Beijing Pledges Steady Ties With Seoul"  # not "Left Menu"
    assert [p.person_id for p in agg.meeting.participants] == ["wang_yi", "cho_tae_yul"]
    assert agg.meeting.format == "phone_call"
    # the presidents of a lead sentence's summit did not meet: the ministers of the next did
    copy = analysed("copysite_20240928.txt").meeting
    assert [p.person_id for p in copy.participants] == ["cho_tae_yul", "wang_yi"]
    # "the upcoming summit" decides no format before "their first telephone call"
    assert analysed("heraldwire_20240206.txt").meeting.format == "phone_call"


def test_romanisations_of_registered_people() -> None:
    reg = default_registry()
    for name, pid in [("Cho Tae-yeol", "cho_tae_yul"), ("Pak Jin", "park_jin"),
                      ("Jo Hyun", "cho_hyun"), ("Yoon Seok-youl", "yoon_suk_yeol")]:
        article = parse_text(f"Talks\n\nForeign Minister {name} held talks with Chinese Foreign"
                             " Minister Wang Yi in Beijing on Monday.\n", "x.txt")
        info = extract_meeting(article, reg)
        assert pid in [p.person_id for p in info.participants], name


def test_headers_saved_with_a_page() -> None:
    kbs = read_path(PAIRS / "kbs_20240206.txt")[0]
    assert not kbs.title.startswith("Photo")  # the photo credit is no headline
    assert "ministry, Cho and Wang" in " ".join(kbs.paragraphs)
    # glued sentences ("...North Korea.According to ...") are split again
    assert any(s.startswith("According to") for s in split_sentences(kbs.paragraphs[0]))
    dj = read_path(PAIRS / "diplomacyjournal_20240928.txt")[0]
    assert side_of_outlet(dj.outlet) == "south_korea"
    assert dj.paragraphs[0].startswith("Minister of Foreign Affairs Cho Tae-yul")
    cgtn = read_path(PAIRS / "cgtn_20240928.txt")[0]
    assert cgtn.outlet == "CGTN" and cgtn.published == date(2024, 9, 29)
    assert cgtn.title.startswith("Wang Yi urges")
    stamped = parse_text("Ministers talk\n\nBy Yonhap\n\nPublished : Feb. 7, 2024 - 00:33\n\n"
                         "Foreign Minister Cho Tae-yul spoke by phone with Wang Yi.\n", "y.txt")
    assert stamped.outlet == "Yonhap" and stamped.published == date(2024, 2, 7)
    assert stamped.paragraphs == ["Foreign Minister Cho Tae-yul spoke by phone with Wang Yi."]


@pytest.mark.parametrize(("url", "side"), [
    ("http://gr.china-embassy.gov.cn/eng/x.htm", "china"),
    ("http://un.china-mission.gov.cn/eng/zgyw/x.htm", "china"),
    ("https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=1", "south_korea"),
    ("https://www.ytn.co.kr/_ln/0104_1", "south_korea"),
])
def test_embassies_missions_and_broadcasters_by_domain(url: str, side: str) -> None:
    assert side_of_outlet(None, url) == side


def starting(statements: list[Statement], start: str) -> Statement:
    [hit] = [s for s in statements if s.text.startswith(start)]
    return hit


def test_commentary_and_unnamed_officials_are_nobodys_statement() -> None:
    kbs = analysed("kbs_20240206.txt").statements
    assert starting(kbs, "The call is seen as").speaker is None
    assert starting(kbs, "The call is seen as").rule == "commentary"
    assert starting(kbs, "A Seoul official said").speaker is None
    assert starting(kbs, "A Seoul official said").rule == "unnamed_source"
    # "He added ..." after the unnamed official is not the last named minister's
    assert starting(kbs, "He added that").speaker is None
    assert starting(kbs, "Cho urged Beijing").speaker == "Cho Tae-yul"
    dj = analysed("diplomacyjournal_20240928.txt").statements
    assert starting(dj, "Analysts say").speaker is None
    assert starting(dj, "Minister Cho asked").speaker == "Cho Tae-yul"
    ytn = analysed("ytn_20250321.txt").statements
    assert starting(ytn, "The remark comes as").speaker is None


def test_a_sentence_one_side_said_is_not_both_sides() -> None:
    article = parse_text(
        "Call\n\nBEIJING, July 28 (Xinhua) -- Chinese Foreign Minister Wang Yi held a phone call"
        " with ROK Foreign Minister Cho Hyun on Monday.\n\nThe two sides should respect each"
        " other's core concerns and deepen cooperation, Wang said.\n\nThe two sides agreed to"
        " keep in close touch.\n", "w.txt")
    reg = default_registry()
    statements = attribute(article, extract_meeting(article, reg), reg)
    assert starting(statements, "The two sides should").speaker == "Wang Yi"
    assert starting(statements, "The two sides agreed").speaker == "both"


def test_an_undated_report_shows_undated_not_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nodate.txt").write_text(
        "Ministers talk\n\nForeign Minister Cho Hyun held talks with Chinese Foreign Minister"
        " Wang Yi to discuss bilateral ties.\n")
    db = str(tmp_path / "u.db")
    assert run(capsys, "--db", db, "index", str(folder))[0] == 0
    code, out, _ = run(capsys, "--db", db, "meetings")
    assert code == 0 and out.startswith("undated") and "None" not in out
    code, out, _ = run(capsys, "--db", db, "meetings", "--json")
    assert json.loads(out.splitlines()[0])["event_date"] is None


def test_one_folder_per_meeting_with_the_same_file_names(tmp_path: Path) -> None:
    # pages saved as <meeting>/<outlet>.txt: two kbs.txt are two reports, not a replacement
    root = tmp_path / "saved"
    for f in PAIRS.glob("*.txt"):
        sub = root / f.stem.split("_")[1]
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, sub / (f.stem.split("_")[0] + ".txt"))
    st = Store(tmp_path / "l.db")
    report = index_sources(st, [str(root)], workers=2)
    assert report.added == len(list(PAIRS.glob("*.txt"))) and report.replaced == 0
    assert "20240206/mofa.txt" in {a["source"] for a in st.articles()}
    assert all(compare(st, m["id"])["compared"] for m in st.meetings())
    assert index_sources(st, [str(root)]).unchanged == report.added  # same names next time


def test_names_written_family_name_first_or_in_capitals() -> None:
    reg = default_registry()
    assert reg.by_name("IWAYA Takeshi") is reg.by_name("Takeshi Iwaya") is not None
    assert reg.by_name("CHO Tae Yul") is reg.by_name("Cho Tae-yul") is not None


def test_a_month_name_before_a_number_that_is_no_day_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "may.txt").write_text(
        "Leaders meet\n\nSEOUL -- President Yoon Suk Yeol held talks with President Joe Biden,"
        " who arrived in May 53 hours after leaving Washington.\n")
    report = index_sources(Store(tmp_path / "m.db"), [str(folder)])
    assert report.added == 1 and not report.rejected


def test_a_report_dated_only_by_the_day_of_the_month_joins_its_meeting(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PAIRS / "peoplesdaily_20250321.txt", folder)
    (folder / "daily_21st.txt").write_text(
        "Korea, China foreign ministers meet in Tokyo\n\nForeign Minister Cho Tae-yeol held"
        " talks with Chinese Foreign Minister Wang Yi in Tokyo on the 21st and asked for"
        " Beijing's help on North Korea.\n")
    info = extract_meeting(read_path(folder / "daily_21st.txt")[0], default_registry())
    assert info.event_date is None and info.day == 21
    st = Store(tmp_path / "d.db")
    index_sources(st, [str(folder)])
    [m] = st.meetings()
    assert m["event_date"] == "2025-03-21" and len(m["sources"]) == 2
    assert compare(st, m["id"])["sides"] == ["china", "south_korea"]


def test_a_weekday_only_report_between_two_such_meetings_goes_by_its_words(
    store: Store, tmp_path: Path
) -> None:
    # Two Tuesday phone calls of Wang Yi and Cho Tae-yul (2024-02-06, 2024-12-24): each
    # weekday-only Korean brief joins the call its words are about...
    placed = {Path(s).stem: m["event_date"] for m in store.meetings() for s in m["sources"]}
    assert placed["kbs_20240206"] == "2024-02-06"
    assert placed["ytn_20241224"] == "2024-12-24"
    why = {d["article"]: d["why"] for m in store.meetings() for d in m["source_details"]}
    assert "2 such meetings" in why["kbs_20240206.txt"]
    # ... and one whose words could be either call stays apart for the user to join.
    folder = tmp_path / "in"
    shutil.copytree(PAIRS, folder)
    (folder / "brief.txt").write_text(
        "Ministers speak\n\nForeign Minister Cho Tae-yul and Chinese Foreign Minister Wang Yi"
        " spoke by phone on Tuesday.\n")
    st = Store(tmp_path / "b.db")
    index_sources(st, [str(folder)])
    [alone] = [m for m in st.meetings() if "brief.txt" in m["sources"]]
    assert alone["sources"] == ["brief.txt"] and alone["event_date"] is None


@pytest.mark.parametrize(("tail", "side"), [
    (", according to Seoul's foreign ministry.", "south_korea"),
    (", South Korea's foreign ministry said.", "south_korea"),
    (", the Chinese Foreign Ministry said in a statement.", "china"),
    (", citing Beijing's foreign ministry.", "china"),
    (".", None),  # both ministers named with their countries, nobody's account named
    (", according to Seoul's foreign ministry and China's foreign ministry.", None),
])
def test_a_news_report_relaying_one_governments_account_is_that_side(
    tail: str, side: str | None
) -> None:
    # a broadcaster's brief saved without its URL: both ministers carry their country, so
    # only the source it names says whose account it is
    article = parse_text(
        "Ministers talk\n\nSouth Korean Foreign Minister Cho Hyun held a 40-minute phone call"
        f" with Chinese Foreign Minister Wang Yi on Tuesday{tail}\n\nThe two discussed the APEC"
        " summit.\n", "brief.txt")
    assert Pipeline().analyse(article).side == side


def test_page_furniture_and_stamps_above_the_headline() -> None:
    # a Hong Kong reprint saved with its stamp first and the wire's byline under the headline
    hk = parse_text(
        "Published: 09:10, July 26, 2024\nWang Yi: ties with ROK must not be harmed\nBy Xinhua\n"
        "\nVIENTIANE - Chinese Foreign Minister Wang Yi said on Friday when meeting ROK Foreign"
        " Minister Cho Tae-yul in Vientiane that the two countries' ties must not be harmed.\n",
        "hk.txt")
    assert hk.published == date(2024, 7, 26) and hk.title.startswith("Wang Yi: ties")
    assert hk.outlet == "Xinhua"
    item = Pipeline().analyse(hk)
    assert item.side == "china" and item.meeting.event_date == date(2024, 7, 26)
    # a broadcaster's page: its menu before the headline, a "Written:" stamp after it, and
    # a first sentence about a summit elsewhere before the sentence reporting these talks
    kbs = parse_text(
        " date 2025-03-21 Menu Content\n\nMinister Cho vows to bring Xi to APEC\n\n"
        "Written: 2025-03-21 17:30:12Updated: 2025-03-21 18:38:41\n\nPhoto : YONHAP News\n\n"
        "Foreign Minister Cho Tae-yul pledged to work for Chinese President Xi Jinping's visit"
        " to the APEC summit to be held in Gyeongju this year.\n\nDuring bilateral talks in"
        " Tokyo on Friday with Wang Yi, Cho said he hoped for more exchanges.\n", "kbs.txt")
    assert kbs.title == "Minister Cho vows to bring Xi to APEC"
    assert not any("Written" in p or "Menu" in p for p in kbs.paragraphs)
    info = Pipeline().analyse(kbs).meeting
    assert info.location == "Tokyo" and info.event_date == date(2025, 3, 21)
    # a wire story as a partner agency ran it: "(Xinhua/APP):"
    app = parse_text(
        " date 2025-08-25 - Advertisement -\n\nBEIJING, Aug. 25 (Xinhua/APP): Chinese Foreign"
        " Minister Wang Yi on Sunday met with ROK Foreign Minister Cho Hyun in Beijing.\n",
        "app.txt")
    assert app.outlet == "Xinhua" and "Advertisement" not in app.title
    assert Pipeline().analyse(app).meeting.event_date == date(2025, 8, 24)


def test_the_meetings_date_is_the_one_most_reports_give(tmp_path: Path) -> None:
    # One outlet wrote "on Tuesday" for a Wednesday meeting; the others say Wednesday (or
    # give only "the 17th"). The meeting is of the 17th whatever order the files come in,
    # and the day-only report joins it.
    texts = {
        "a_xinhua.txt": " date 2025-09-17 Wang Yi holds talks with ROK FM\nBEIJING, Sept. 17"
                        " (Xinhua) -- Chinese Foreign Minister Wang Yi held talks with ROK"
                        " Foreign Minister Cho Hyun in Beijing on Wednesday.\n",
        "b_mofa.txt": "Outcome of the Korea-China Foreign Ministers' Meeting (September 17)\n\n"
                      "Minister of Foreign Affairs Cho Hyun met Wang Yi, Minister of Foreign"
                      " Affairs of China, in Beijing on Wednesday, September 17, 2025.\n",
        "c_repost.txt": " date 2025-09-17 Korea and China meet\n\nForeign Minister Cho Hyun"
                        " met his Chinese counterpart Wang Yi in Beijing on Tuesday.\n",
        "d_daily.txt": "Minister Cho meets Wang\n\nMinister Cho Hyun held talks on the 17th with"
                       " Wang Yi, China's foreign minister, in Beijing.\n",
    }
    for order in (sorted(texts), sorted(texts, reverse=True)):
        folder = tmp_path / "-".join(order)[:40]
        folder.mkdir()
        st = Store(folder / "r.db")
        for name in order:  # one file at a time, in this order
            (folder / name).write_text(texts[name])
            index_sources(st, [str(folder / name)])
        [meeting] = st.meetings()
        assert meeting["event_date"] == "2025-09-17" and meeting["id"].startswith("2025-09-17")
        assert len(meeting["sources"]) == 4


EVENING = (
    "Cho, Wang discuss situation at home\n\nIn a telephone conversation with Chinese Foreign"
    " Minister Wang Yi this evening, Foreign Minister Cho Tae-yul said the government keeps"
    " operating normally after the martial law crisis and the impeachment, and that its"
    " policy toward China is unchanged.\n\nWang said China respects Korea's internal affairs,"
    " and the two agreed to prepare for the APEC summit in Gyeongju.\n")


def test_a_report_with_no_date_joins_the_meeting_it_reports_by_its_words(
    tmp_path: Path
) -> None:
    # "this evening", no publication date: any phone call of Cho Tae-yul and Wang Yi may be
    # it; its words say which of the two such calls, whatever order the files come in.
    places = []
    for order in (1, -1):
        folder = tmp_path / f"o{order}"
        folder.mkdir()
        st = Store(folder / "r.db")
        names = [*sorted(f.name for f in PAIRS.glob("*.txt"))[::order], "evening.txt"]
        for name in names[::order]:
            target = folder / name
            if name == "evening.txt":
                target.write_text(EVENING)
            else:
                shutil.copy(PAIRS / name, target)
            index_sources(st, [str(target)])
        [meeting] = [m for m in st.meetings() if "evening.txt" in m["sources"]]
        assert meeting["event_date"] == "2024-12-24", meeting["sources"]
        why = {d["article"]: d["why"] for d in meeting["source_details"]}
        assert "gives no date" in why["evening.txt"]
        places.append((meeting["id"], sorted(meeting["sources"])))
    assert places[0] == places[1]
    # with only one call of these two indexed, nothing says it is that call: it stays apart
    st = Store(tmp_path / "one.db")
    (tmp_path / "one").mkdir()
    for name in ("xinhua_20241224.txt",):
        shutil.copy(PAIRS / name, tmp_path / "one" / name)
    (tmp_path / "one" / "evening.txt").write_text(EVENING)
    index_sources(st, [str(tmp_path / "one")])
    assert len(st.meetings()) == 2


def test_standfirst_bylines_picture_and_date_before_the_dateline() -> None:
    # a newspaper page: headline, standfirst, the reporter twice, the paper, the picture's
    # file name and caption, a date line, then the story under its dateline
    page = parse_text(
        "Envoys hand leader's letter to Beijing, ask to mend public feeling\n\n"
        "The delegation also asked for ways to repair public feeling between the two nations,"
        " and Wang responded warmly, according to Seoul officials who briefed reporters on it.\n\n"
        "Kim Min-ji\n\nKim Min-ji\n\nThe Korea Herald\n\nnews-photo.20250825_P1.jpg\n\n"
        "The special delegation meets Chinese Foreign Minister Wang Yi in Beijing on Sunday."
        " PHOTO: MINISTRY OF FOREIGN AFFAIRS/ THE KOREA HERALD\n\nAugust 26, 2025\n\n"
        "SEOUL – A special delegation led by former Speaker Park Byeong-seug held a meeting with"
        " Chinese Foreign Minister Wang Yi on Sunday and handed over a letter from President Lee"
        " Jae-myung, the Foreign Ministry said Monday.\n", "kh.txt")
    assert page.outlet == "The Korea Herald" and page.published == date(2025, 8, 26)
    assert page.dateline == "SEOUL" and page.paragraphs[0].startswith("A special delegation")
    info = Pipeline().analyse(page).meeting
    # the title's "letter" is what was handed over at the meeting the story reports
    assert info.format == "meeting" and info.event_date == date(2025, 8, 24)


@pytest.mark.parametrize(("text", "side"), [
    # "U.S." is no clause boundary: Biden is introduced with his country, Ishiba is not
    ("Prime Minister Shigeru Ishiba told U.S. President Joe Biden that he would strengthen"
     " the alliance.\n\n\"The Japan-U.S. alliance was reinforced by former Prime Minister"
     " Fumio Kishida,\" Ishiba said.", "japan"),
    # both introduced with their countries: nothing in the wording says whose account
    ("TOKYO - Japanese Prime Minister Fumio Kishida and U.S. President Joe Biden agreed"
     " Monday to strengthen their alliance.", None),
    # a country named near a principal but not as his ("the South Korean side") marks nobody
    ("At the request of the South Korean side, Wang Yi held talks with ROK Foreign Minister"
     " Park Jin in Jakarta on Friday.", "china"),
])
def test_whose_account_from_how_each_principal_is_introduced(text: str, side: str | None) -> None:
    article = parse_text(f"Leaders talk\n\n{text}\n", "w.txt")
    assert Pipeline().analyse(article).side == side


def test_skip_links_section_labels_credits_and_bare_stamps() -> None:
    kbs = parse_text(
        "Menu Content\nGo Top\n\nIssues\n\nLeaders agree to deepen the alliance further\n\n"
        "#Issues of the Week l 2022-05-22\n\nNews\n\n\u24d2YONHAP News\n\nPresident Yoon Suk"
        " Yeol and U.S. President Joe Biden held summit talks in Seoul on Saturday.\n", "k.txt")
    assert kbs.title == "Leaders agree to deepen the alliance further"
    assert kbs.published == date(2022, 5, 22) and kbs.outlet is None
    assert kbs.paragraphs[0].startswith("President Yoon")
    donga = parse_text(
        "Go to contents\n\nLeaders of three countries hold a summit\n\n"
        "Posted August. 21, 2023 09:00,\n\nThe leaders met at the retreat on Friday.\n", "d.txt")
    assert donga.title.startswith("Leaders of three") and donga.published == date(2023, 8, 21)
    assert donga.paragraphs == ["The leaders met at the retreat on Friday."]


@pytest.mark.parametrize(("tail", "side"), [
    (", according to the Xinhua News Agency.", "china"),
    (", Yonhap reported.", "south_korea"),
    (", according to AFP.", None),  # a neutral wire says nothing about whose account
])
def test_a_wire_relaying_a_state_outlet_is_that_governments_account(
    tail: str, side: str | None
) -> None:
    article = parse_text(
        "Talks in Beijing\n\nChinese Foreign Minister Wang Yi called for better ties in talks"
        f" with South Korean Foreign Minister Cho Tae-yul in Beijing{tail}\n", "w.txt")
    assert Pipeline().analyse(article).side == side


@pytest.mark.parametrize(("line", "furniture"), [
    ("Home   Embassy Info   About China   China & Greece   Economy & Trade   Consular Affairs"
     "   Culture & Education   Science & Technology   Beijing 2022   China's EU Policy Paper",
     True),
    ("Home Meetings & Statements Events & Activities China & UN Documents About China \u4e2d\u6587",
     True),
    ("Home Secretary Meets Chinese Foreign Minister Wang Yi In London", False),  # a headline
    ("Liz Shuler, President, AFL-CIO - Sean McGarvey, President, Building Trades - Deryl"
     " McKissack, President & CEO, McKissack & McKissack - Jane Doe, Director & Founder", False),
])
def test_navigation_bars_are_furniture_headlines_and_lists_are_not(
    line: str, furniture: bool
) -> None:
    from bot.articles.cleanup import clean_line, is_furniture

    assert is_furniture(clean_line(line)) is furniture


def test_a_ministry_release_that_names_its_own_minister_with_the_country() -> None:
    # a Japanese ministry page: the section as headline, a date, a photo's line, then
    # "Mr. IWAYA Takeshi, Minister for Foreign Affairs of Japan" — both ministers carry their
    # country, but the release names Japan first in every pair ("Japan-China relations")
    page = parse_text(
        "Japan-China Relations\n\nDecember 25, 2024\nMinister Iwaya shaking hands with Mr. Wang"
        "\nWorking Lunch\n\nOn December 25, Mr. IWAYA Takeshi, Minister for Foreign Affairs of"
        " Japan, during his visit to Beijing in the People's Republic of China, held a"
        " Japan-China Foreign Ministers' Meeting with Mr. WANG Yi, Minister of Foreign Affairs"
        " of the People's Republic of China.\n\nThe two ministers agreed to advance Japan-China"
        " relations and to hold the Japan-China high-level dialogue next year.\n", "mofa.txt")
    item = Pipeline().analyse(page)
    assert item.side == "japan"
    assert [p.person_id for p in item.meeting.participants] == ["takeshi_iwaya", "wang_yi"]
    assert "China" in (item.meeting.location or "")  # "the People's Republic of China"


def test_chinese_state_media_style_without_the_agency() -> None:
    # a state-media story reposted without "(Xinhua)": both ministers carry their country
    # and the Japanese minister's own words say "Japan-China", but "Wang, also a member of
    # the Political Bureau ..." is how Chinese state media introduce him
    story = parse_text(
        "Ministers talk by phone\n\nBEIJING, Oct. 9 -- Chinese Foreign Minister Wang Yi on"
        " Wednesday held phone talks with Japan's new Foreign Minister Takeshi Iwaya.\n\n"
        "There is great potential for Japan-China cooperation, Iwaya said.\n\nWang, also a"
        " member of the Political Bureau of the Communist Party of China Central Committee, said"
        " the two countries are close neighbors.\n", "x.txt")
    assert Pipeline().analyse(story).side == "china"
    # the same office named by another government's release, without "also", says nothing
    release = parse_text(
        "Foreign Ministers' Telephone Talk\n\nOn October 9, Mr. IWAYA Takeshi, Minister for"
        " Foreign Affairs of Japan, held a telephone talk with Mr. WANG Yi, Member of the"
        " Political Bureau of the CPC Central Committee and Minister of Foreign Affairs of the"
        " People's Republic of China.\n", "m.txt")
    assert Pipeline().analyse(release).side is None


def test_an_envoys_meeting_from_both_sides_is_one_meeting(tmp_path: Path) -> None:
    # Beijing's account names the envoy "of President Lee"; Seoul's speaks of "President
    # Lee's special delegation": the president's side is at the table in both
    folder = tmp_path / "envoy"
    folder.mkdir()
    (folder / "xinhua.txt").write_text(
        " date 2025-08-25 Wang Yi meets ROK president's special envoy\nBEIJING, Aug. 24"
        " (Xinhua) -- Chinese Foreign Minister Wang Yi on Sunday met with Park Byeong-seug,"
        " special envoy of President of the Republic of Korea Lee Jae-myung, in Beijing.\n")
    (folder / "herald.txt").write_text(
        "Envoys hand over president's letter\n\nAugust 26, 2025\n\nSEOUL – President Lee"
        " Jae-myung's special delegation held a meeting with Chinese Foreign Minister Wang Yi in"
        " Beijing on Sunday, the Foreign Ministry said Monday.\n")
    st = Store(tmp_path / "e.db")
    index_sources(st, [str(folder)])
    [meeting] = st.meetings()
    assert meeting["event_date"] == "2025-08-24" and len(meeting["sources"]) == 2
    assert compare(st, meeting["id"])["sides"] == ["china", "south_korea"]


def test_first_since_taking_office_is_the_earliest_such_meeting() -> None:
    from bot.meetings.merge import Fit, pick_earliest, says_first_in_office
    assert says_first_in_office(["Cho held his first phone call with Wang since taking office."])
    assert says_first_in_office(["the first dialogue since Cho's assumption of office"])
    assert not says_first_in_office(["It was the first call since the summit in May."])
    fits = [Fit("b", ["x", "y"], False, "the only such meeting of these people is of later"),
            Fit("a", ["x", "y"], False, "the only such meeting of these people is of earlier")]
    found = pick_earliest(fits, {"a": "2024-02-06", "b": "2024-12-24"})
    assert found is not None and found[0] == "a" and "first since taking office" in found[1]
    assert pick_earliest(fits, {"a": None, "b": None}) is None
