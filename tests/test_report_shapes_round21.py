"""Report shapes that left a sentence without its speaker or a report without its side or date
on the twelve labelled relationships re-read at the start of round 21, each in our own words in
the house style seen:

- who said it: a role before the name ("Top Chinese diplomat Wang Yi in his talks with ... has
  said"), a country's top diplomat with no name ("Pakistan's top diplomat said"), "revealed",
  "quickly clarified", "spoke highly of", "went on to assure", "had told", an inverted
  "..., affirmed Dar.", "made the remarks ..., adding that", "met ... and said that", a bare
  "the Foreign Minister" in a government's own press, and a sentence a country's foreign
  ministry puts out ("..., the Pakistani Foreign Ministry stated") — that government's one
  participant, as "the Pakistani side said" is; never a joint act or an event a ministry
  narrates;
- whose report: a lead naming one side's minister by bare title only is that side's press
  ("Foreign Minister Bilawal Bhutto Zardari Wednesday underlined ..."), but not in a minister's
  own first-person words; a reprint's "also a member of the Communist Party of China Central
  Committee's Political Bureau" is Chinese state media's style;
- page furniture: "Your location:Home >International >" and a site's name or a section label in
  capitals on the page's date line are not the headline; a European page's stamp
  ("Veröffentlicht: 02.12.2024,") is its publication date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from test_report_shapes_round20 import _meetings  # one file at a time, in the order given

from bot.analysis.meeting_facts import extract_meeting
from bot.articles.cleanup import is_furniture
from bot.articles.text import parse_text
from bot.meetings.sides import side_from_wording
from bot.pipeline.ingest import index_sources
from bot.registry.people import default_registry
from bot.store import Store


def _speakers(tmp_path: Path, text: str, name: str = "a.txt") -> _Prefixed:
    folder = tmp_path / "att"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    store = Store(tmp_path / "att.db")
    report = index_sources(store, [str(folder / name)])
    assert report.added == 1 and not report.rejected
    rows = store.conn.execute("SELECT text, speaker, side, rule FROM statements").fetchall()
    return _Prefixed({r["text"]: (r["speaker"], r["side"], r["rule"]) for r in rows})


class _Prefixed(dict):
    """Statements looked up by the start of their text."""

    def __getitem__(self, start: str) -> tuple:
        [hit] = [v for k, v in self.items() if k.startswith(start)]
        return hit


ATTRIBUTION = """Pakistan, China pledge closer ties

ISLAMABAD, May 3 (APP): Foreign Minister Ishaq Dar held talks with Chinese Foreign Minister \
Wang Yi in Beijing on Monday.

Top Chinese diplomat Wang Yi in his talks with the Pakistani minister has said that the two \
countries remain steadfast friends.

Beijing and Islamabad are partners for all seasons, senior Chinese diplomat Wang Yi said on \
Monday, adding that cooperation keeps widening.

Pakistan's top diplomat said his country firmly backs the one-China principle.

Mr. Dar revealed that the two sides would convene a strategic dialogue in July.

Dar quickly clarified that Pakistan had accepted no new loan terms.

For his part, Dar spoke highly of what the corridor has delivered, stressing that the \
partnership anchors Pakistan's foreign policy.

Dar went on to assure the public that the country stayed neutral in the dispute.

At a briefing in Beijing, Dar had told Wang Yi he would always count China as a brother.

Wang made the remarks at the talks with Dar, adding that China treasures its neighbour.

Regional cooperation is our first priority, affirmed Dar.

The Foreign Minister noted that Pakistan and China are friends tested by time.

"Developing countries must speak with one voice," the Pakistani Foreign Ministry stated.

The Ministry of Foreign Affairs of Pakistan in a statement said the talks were productive.

Dar and his Chinese counterpart have agreed to meet again in autumn, the Pakistani Foreign \
Ministry said.

Pakistan's Foreign Ministry said that the two ministers held a two-hour meeting.
"""


def test_roles_verbs_and_ministries_name_the_speaker(tmp_path: Path) -> None:
    who = _speakers(tmp_path, ATTRIBUTION)
    wang, dar = "Wang Yi", "Ishaq Dar"
    assert who["Top Chinese diplomat Wang Yi in his talk"][0] == wang
    assert who["Beijing and Islamabad are partners for a"][0] == wang
    assert who["Pakistan's top diplomat said his countr"][0] == dar
    assert who["Mr. Dar revealed that the two sides woul"][0] == dar
    assert who["Dar quickly clarified that Pakistan had "][0] == dar
    assert who["For his part, Dar spoke highly of what t"][0] == dar
    assert who["Dar went on to assure the public that th"][0] == dar
    assert who["At a briefing in Beijing, Dar had told W"][0] == dar
    assert who["Wang made the remarks at the talks with "][0] == wang
    assert who["Regional cooperation is our first priori"][0] == dar
    # Pakistan's own news agency writes its minister as "the Foreign Minister"
    assert who["The Foreign Minister noted that Pakistan"][0] == dar
    # what a government's ministry puts out is that side's, via the ministry
    ministry = who["\"Developing countries must speak with on"]
    assert ministry[:3] == (dar, "pakistan", "ministry")
    assert who["The Ministry of Foreign Affairs of Pakis"][0] == dar
    # ... but not a joint act it reports, nor an event it narrates
    assert who["Dar and his Chinese counterpart have agr"][0] is None
    assert who["Pakistan's Foreign Ministry said that th"][0] is None
    # the event sentence stays narration
    assert who["Foreign Minister Ishaq Dar held talks wi"][0] is None


def test_met_and_said_is_what_the_subject_said(tmp_path: Path) -> None:
    text = ("India, China ministers meet in Astana\n\n"
            "New Delhi, July 4: External Affairs Minister S. Jaishankar on Thursday met his "
            "Chinese counterpart Wang Yi in Astana, and said that the border must stay calm.\n")
    who = _speakers(tmp_path, text)
    assert who["New Delhi, July 4: External Affairs Mini"][0] == "S. Jaishankar"


def _side(text: str) -> str | None:
    art = parse_text(text, "page.txt")
    registry = default_registry()
    return side_from_wording(art, extract_meeting(art, registry), registry)


LONE_PRINCIPAL = """Pakistan keen to speed up corridor projects: FM

Foreign Minister Bilawal Bhutto Zardari Wednesday underlined that Pakistan wanted the corridor's \
key projects finished sooner.

He said industrial zones would come next, and farming after them.

He also wanted more students to go abroad to study.

Officials said a date for the next round would be set soon.

The remarks came in a video call with Chinese Foreign Minister Wang Yi.
"""

FIRST_PERSON = """Briefing by the Minister on the visit

As you know, my talks with Foreign Minister Wang Yi have just ended. We met for two hours and \
went through a wide agenda in a frank manner.

We discussed the border areas and the next round of talks.
"""


def test_a_lone_principal_by_bare_title_is_the_home_sides_report() -> None:
    assert _side(LONE_PRINCIPAL) == "pakistan"
    # in a minister's own words the one named by bare title is the other side: no side from it
    assert _side(FIRST_PERSON) != "china"


REPRINT = """Chinese FM meets Kazakh counterpart in Chengdu

Chinese Foreign Minister Wang Yi met with Kazakhstan's Deputy Prime Minister and Foreign \
Minister Murat Nurtleu on Sunday in Chengdu, and both voiced a wish to cooperate more.

Wang, who is also a member of the Communist Party of China Central Committee's Political \
Bureau, said that closer cooperation serves both peoples.
"""


def test_reprinted_state_media_style_is_chinas() -> None:
    assert _side(REPRINT) == "china"


def test_crumbs_and_labels_are_not_the_headline() -> None:
    assert is_furniture("Your location:Home >International >")
    assert is_furniture("You are here: Home » News")
    crumbed = ("Your location:Home >International >\n\n"
               "China, Kazakhstan to build the next golden decades: Chinese FM\n\n"
               "2022-06-08 09:03:07\n\n"
               "China and Kazakhstan agreed to build their relations together, visiting Chinese "
               "Foreign Minister Wang Yi said Tuesday.\n")
    assert parse_text(crumbed, "a.txt").title.startswith("China, Kazakhstan to build")
    labelled = (" date 2023-07-26 TÜRKİYE\n\nForeign ministers of Türkiye, China meet in "
                "Ankara\n\nTurkish Foreign Minister Hakan Fidan met Chinese Foreign Minister "
                "Wang Yi in Ankara on Wednesday to discuss ties.\n")
    assert parse_text(labelled, "b.txt").title == "Foreign ministers of Türkiye, China meet in " \
        "Ankara"
    site = (" date 2022-05-11 NewsSite.com\n\nPakistan wants corridor projects sped up: FM\n\n"
            "Foreign Minister Bilawal Bhutto Zardari said on Wednesday that Pakistan wanted "
            "faster work on the corridor.\n")
    assert parse_text(site, "c.txt").title == "Pakistan wants corridor projects sped up: FM"


def test_european_page_stamp_is_the_publication_date() -> None:
    text = ("Veröffentlicht: 02.12.2024,\nLetzte Aktualisierung: 20.12.2024\n\n"
            "Sicherheitsfragen prägten das Gespräch, das Außenministerin Annalena Baerbock am "
            "Montag mit Wang Yi in Peking führte. Es war das dritte Treffen der beiden.\n")
    art = parse_text(text, "d.txt")
    assert art.published == date(2024, 12, 2)


def test_how_a_side_places_the_other_is_one_formulation() -> None:
    from digests.phrases import extract

    got = set(extract("Wang said China regards Laos as a dependable partner and a force for "
                      "stability in the region, and is ready to deepen trade.").values())
    assert "regards Laos as a dependable partner and a force for stability in the region" in got
    got = set(extract("China considers its ties with Nepal a priority in its neighbourhood "
                      "diplomacy.").values())
    assert "considers its ties with Nepal a priority in its neighbourhood diplomacy" in got
    got = set(extract("He said his country views Taiwan as an inseparable part of China's "
                      "territory.").values())
    assert "views Taiwan as an inseparable part of China's territory" in got
    # "views" the noun, and "such as" a list: no placing
    got = extract("The two sides exchanged views on regional issues such as the situation "
                  "in the Gulf.")
    assert not any(s.startswith(("views", "exchanged views")) and " as " in s
                   for s in got.values())


TWIN_A = """Chinese FM meets Kazakh counterpart

Chinese Foreign Minister Wang Yi on Sunday met with Kazakh Deputy Prime Minister and Foreign \
Minister Murat Nurtleu in the city of Chengdu, with both sides voicing a wish to widen trade.

Wang said deeper cooperation serves the shared interests of the two countries.
"""

TWIN_B = """Wang Yi, Nurtleu pledge closer cooperation

Chinese Foreign Minister Wang Yi met with Kazakhstan's Deputy Prime Minister and Foreign \
Minister Murat Nurtleu on Sunday in Chengdu, and both expressed a desire to widen trade.

Wang emphasized that stronger cooperation serves the common interests of both nations.
"""

TWIN_ELSEWHERE = """Wang Yi meets Nurtleu in Astana

Chinese Foreign Minister Wang Yi met with Kazakh Deputy Prime Minister and Foreign Minister \
Murat Nurtleu on Sunday in Astana to discuss transit corridors.
"""


def test_two_weekday_only_reports_of_one_place_are_one_meeting(tmp_path: Path) -> None:
    files = {"a.txt": TWIN_A, "b.txt": TWIN_B, "c.txt": TWIN_ELSEWHERE}
    for order in (["a.txt", "b.txt", "c.txt"], ["c.txt", "b.txt", "a.txt"]):
        meetings = _meetings(tmp_path / "-".join(order), files, order)
        # the two Chengdu Sunday reports are one meeting; the Astana Sunday one is another
        groups = sorted(sorted(Path(s).name for s in m["sources"]) for m in meetings)
        assert groups == [["a.txt", "b.txt"], ["c.txt"]]


QUOTE_LATER = """KUALA LUMPUR, Sept 12 — Malaysia wants to widen its ties with China, says \
Foreign Minister Datuk Saifuddin Abdullah.

He said the two countries had deepened cooperation on infrastructure.

“We thank China for buying more of our palm oil, which shows the ties are strong.

“The understanding goes beyond palm oil sales,” he said.

He said this at a joint press conference with his counterpart Wang Yi.
"""


def test_a_quotation_further_down_does_not_undo_the_lone_principal() -> None:
    assert _side(QUOTE_LATER) == "malaysia"


def test_an_archived_white_house_page_is_the_white_houses(tmp_path: Path) -> None:
    record = {"title": "Readout of a call", "date": "2024-05-06",
              "source_url": "https://bidenwhitehouse.archives.gov/briefing-room/statements-"
                            "releases/2024/05/06/readout-of-a-call/",
              "text": "President Biden spoke this morning with Prime Minister Netanyahu. The "
                      "President reaffirmed his support for a hostage deal. The Prime Minister "
                      "agreed to keep the crossing open."}
    import json

    folder = tmp_path / "wh"
    folder.mkdir()
    (folder / "wh.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    store = Store(tmp_path / "wh.db")
    index_sources(store, [str(folder / "wh.jsonl")])
    who = {" ".join(r["text"].split())[:30]: r["speaker"] for r in store.conn.execute(
        "SELECT text, speaker FROM statements")}
    # "The President" of a White House readout is whoever held the office, and a sentence's
    # end is no part of a name ("Netanyahu. The President" is nobody)
    assert who["The President reaffirmed his s"] == "Joe Biden"
    assert who["The Prime Minister agreed to k"] == "Benjamin Netanyahu"


def test_a_visit_in_the_lead_is_where_a_home_dated_meeting_was() -> None:
    text = ("Minister holds talks in China\n\n"
            "PUTRAJAYA, April 25 — Foreign Minister Mohamad Hasan held wide-ranging discussions "
            "with his counterpart, Wang Yi, during his first visit to China since taking up the "
            "post.\n\nAccording to a Foreign Ministry statement on Thursday, the talks covered "
            "trade and the anniversary of ties.\n")
    info = extract_meeting(parse_text(text, "m.txt"), default_registry())
    assert info.location == "China"


def test_foreign_ministers_of_more_countries_are_known() -> None:
    registry = default_registry()
    assert registry.holder("Foreign Minister", "nepal", date(2023, 6, 1)).name == "N.P. Saud"
    assert registry.by_name("Arzu Rana").id == "arzu_rana_deuba"
    assert registry.holder("Foreign Minister", "cambodia", date(2021, 12, 4)).name \
        == "Prak Sokhonn"
    # a surname shared with others is no alias of hers
    assert registry.by_name("Deuba") is None
