"""Round 23 shapes, in our own words: a counterpart's words known only from the other
government's readout (issue 9). On real China–Laos reports nine of ten meetings had no Lao
account in English; what Xinhua reported the Lao minister saying was the only record of it, and
the digest listed nothing for Laos at all."""

from __future__ import annotations

from pathlib import Path

from bot.pipeline.ingest import index_sources
from bot.store import Store
from digests.build import build_digest
from digests.render_json import render_json
from digests.render_text import render_text

XINHUA = """Wang Yi holds talks with Lao foreign minister

BEIJING, March 3, 2025 (Xinhua) -- Chinese Foreign Minister Wang Yi held talks with Lao Foreign \
Minister Saleumxay Kommasith in Beijing on Monday.

Wang said China and Laos are good neighbours linked by mountains and rivers, and China is ready \
to work with Laos to run the cross-border railway well and deepen cooperation in agriculture and \
power grids.

Saleumxay said Laos regards its ties with China as the top priority of its foreign policy and is \
ready to speed up the building of the northern economic belt together with China.
"""

KPL = """Lao, Chinese foreign ministers hold talks in Beijing

VIENTIANE, March 4, 2025 (KPL) -- Minister of Foreign Affairs Saleumxay Kommasith held talks with \
Chinese Foreign Minister Wang Yi in Beijing on March 3.

Minister Saleumxay expressed appreciation for China's support in the development of the Lao PDR \
and proposed to open more border crossings for farm produce.

The two ministers agreed to celebrate the anniversary of diplomatic relations with a series of \
events.
"""


def _digest(tmp_path: Path, files: dict[str, str]) -> tuple[dict, str]:  # type: ignore[type-arg]
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    store = Store(tmp_path / "d.db")
    try:
        index_sources(store, [str(tmp_path / n) for n in files])
        digest = build_digest(store, "terminal")
        return render_json(digest), render_text(digest)
    finally:
        store.close()


def test_the_counterparts_words_from_the_other_readout_when_its_own_is_absent(
        tmp_path: Path) -> None:
    out, text = _digest(tmp_path, {"xinhua.txt": XINHUA})
    lao = [f for f in out["formulations"] if f["side"] == "laos" and f["kind"] == "new"]
    assert any("northern economic belt" in f["phrase"] for f in lao), out["formulations"]
    assert all(f["reported_in"] == "china" for f in lao)
    # said where it is shown: the summary and the details name whose readout it is
    bullet = next(b for b in out["summary"] if b["side"] == "laos")
    assert "in China's readout" in bullet["text"]
    assert "Laos (in China's readout):" in text
    # China's own words are its own, and come first
    china = next(i for i, b in enumerate(out["summary"]) if b["side"] == "china")
    assert china < out["summary"].index(bullet)


def test_with_its_own_readout_indexed_the_other_sides_paraphrase_is_not_its_wording(
        tmp_path: Path) -> None:
    out, _text = _digest(tmp_path, {"xinhua.txt": XINHUA, "kpl.txt": KPL})
    lao = [f for f in out["formulations"] if f["side"] == "laos"]
    assert not any("northern economic belt" in f["phrase"] for f in lao)
    assert all(f["reported_in"] is None for f in out["formulations"])


# Issue 10 shapes met on real China–Saudi Arabia and China–UAE reports (round 23), in our words.

SPA_STYLE = """RIYADH - Saudi Foreign Minister Prince Faisal bin Farhan met on Tuesday with the \
Chinese Foreign Minister Wang Yi.

The two ministers reviewed the close ties between Saudi Arabia and the People's Republic of \
China and ways to advance them through the Saudi-Chinese High-Level Joint Committee.

They also discussed the situation in the region.
"""

YEARLESS = """Chinese, Saudi FMs talk by phone on regional tensions

BEIJING, April 16 (Xinhua) -- Chinese Foreign Minister Wang Yi and his Saudi counterpart Faisal \
bin Farhan Al Saud held phone talks on Monday on the situation in the Middle East.

Wang said China is ready to keep close communication with Saudi Arabia.
"""


def _facts(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    from bot.analysis.meeting_facts import extract_meeting
    from bot.articles.read import read_path
    from bot.registry.people import default_registry

    (tmp_path / name).write_text(text)
    article = read_path(tmp_path / name)[0]
    return article, extract_meeting(article, default_registry())


def test_a_report_naming_its_own_country_first_is_that_governments(tmp_path: Path) -> None:
    from bot.meetings.sides import side_from_wording
    from bot.registry.people import default_registry

    article, info = _facts(tmp_path, "spa.txt", SPA_STYLE)
    # "Saudi Arabia and the People's Republic of China", "the Saudi-Chinese ... Committee"
    assert side_from_wording(article, info, default_registry()) == "saudi_arabia"


def test_a_yearless_agency_dateline_and_a_weekday_give_the_one_year_in_office(
        tmp_path: Path) -> None:
    from datetime import date

    _article, info = _facts(tmp_path, "xinhua.txt", YEARLESS)
    # Mondays on or before April 16 fall in every year Wang Yi and Faisal bin Farhan held
    # office; only in 2024 is it the day before the dateline
    assert info.event_date == date(2024, 4, 15)


def test_beijings_boilerplate_is_common_in_the_shipped_background() -> None:
    """"Implement the important consensus reached by the leaders" closes half of China's
    readouts; the White House table alone never saw it, so it was listed as a new undertaking
    of every meeting (round 23: a table of 146 Chinese readouts with other counterparts)."""
    from digests import proposals
    from digests.background import default_background
    from digests.compare import LIST_MIN
    from digests.phrases import default_rules
    from digests.strength import score

    rules = default_rules()
    assert default_background().frequency("important consensus reached") >= rules.background_min
    text = ("Wang said China is willing to work with Laos to implement the important consensus "
            "reached by the leaders of the two countries.")
    found = proposals.proposals(text)
    assert found
    assert all(score(k, v, rules, frozenset(), frozenset(found)).score < LIST_MIN
               for k, v in found.items())
    # ... while a coined word stays a formulation
    assert default_background().frequency("decoupling") < rules.background_min


def test_the_day_of_the_talks_outvotes_the_first_day_of_the_visit(tmp_path: Path) -> None:
    """Two reports date a visit "from Dec. 3 to 5", one the talks "On December 4"; the meeting
    was the 4th (round 23: China–Cambodia in Anji, China–Nepal in Beijing)."""
    texts = {
        "ministry.txt": "Wang Yi holds talks with Cambodian foreign minister\n\nOn December 4, "
                        "2021, State Councilor and Foreign Minister Wang Yi held talks with "
                        "Cambodian Foreign Minister Prak Sokhonn in Anji, Zhejiang Province.\n\n"
                        "Wang Yi said China will keep supplying vaccines to Cambodia.\n",
        "agency.txt": "Outcomes of the Foreign Minister's visit to China\n\nDeputy Prime Minister "
                      "and Foreign Minister Prak Sokhonn paid an official visit to Zhejiang, "
                      "China, from Dec. 3 to 5, 2021, and held talks with Foreign Minister Wang "
                      "Yi in Anji.\n\nPrak Sokhonn thanked China for its vaccines.\n",
        "paper.txt": "China offers to help build a vaccine plant\n\nThe offer was made during the "
                     "visit of Foreign Minister Prak Sokhonn to Zhejiang on December 3-5, 2021, "
                     "for talks with Chinese Foreign Minister Wang Yi in Anji.\n\nWang Yi said "
                     "China is willing to help Cambodia build a vaccine plant.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    store = Store(tmp_path / "m.db")
    try:
        index_sources(store, [str(tmp_path / n) for n in texts])
        meetings = store.meetings()
    finally:
        store.close()
    assert len(meetings) == 1, [m["id"] for m in meetings]
    assert meetings[0]["event_date"] == "2021-12-04"


def test_the_day_something_else_began_is_not_the_meetings_day() -> None:
    """"The offensive ..., which began early Friday ... Speaking on Saturday, Wang ...": the
    call was the Saturday (round 23, China–Iran)."""
    from datetime import date

    from bot.analysis.dates import find_date, find_weekday

    text = ("China's foreign minister criticised the strikes, which began early Friday and "
            "have continued since. Speaking on Saturday, Wang called for renewed diplomacy.")
    found = find_date(text, date(2025, 6, 15))
    assert found is not None and found[0] == date(2025, 6, 14)
    assert find_weekday(text) == 5  # Saturday
