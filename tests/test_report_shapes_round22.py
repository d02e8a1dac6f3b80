"""Report shapes that split, merged or misread meetings and formulations on the labelled
relationships re-read in round 22, each in our own words in the house style seen:

- a photo caption of an earlier meeting run into the story on a page saved as text, its credit
  in capitals and then the story's dateline ("... in Kathmandu, Nepal. RAM SHRESTHA XINHUA
  QINGDAO Chinese ... held talks on Wednesday ..."): the caption's date is not the story's;
- a format word inside a quotation ("countries that change their position with one phone
  call", he said at the meeting) is not how the ministers met;
- the person someone advises ("Ali Larijani, advisor to Iran's Supreme Leader") is named, not
  met; "the top Chinese diplomat" is China's foreign minister on that day;
- a country pair of two-word names before a registry wording ("China-New Zealand community
  with a shared future") is one formulation; "power bullying" is a noun phrase;
- "TÜRKİYE" in capitals (a dotted capital I) is Türkiye, not a crash;
- a readout's tone counts the other minister's words it chose to print.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from test_digest_fixtures import KAMIKAWA, WANG, fresh_store, meeting
from test_report_shapes_round20 import _meetings  # one file at a time, in the order given

from bot.analysis.meeting_facts import extract_meeting
from bot.articles.text import parse_text
from bot.registry.countries import default_countries
from bot.registry.people import default_registry
from digests.build import build_digest
from digests.phrases import extract

CAPTIONED = """Nepali Foreign Minister meets Chinese Foreign Minister

Nepali Foreign Minister Narayan Khadka shakes hands with Chinese State Councilor and Foreign \
Minister Wang Yi on March 26, 2022 in Kathmandu, Nepal. RAM SHRESTHA XINHUA QINGDAO Chinese \
State Councilor and Foreign Minister Wang Yi held talks on Wednesday with visiting Nepali \
Foreign Minister Narayan Khadka in Qingdao, in east China's Shandong province.

Wang said China would keep supporting Nepal on matters of its core interests.

Khadka said Nepal valued the friendship between the two neighbours.
"""

KATHMANDU = """Wang Yi, Khadka hold talks in Kathmandu

KATHMANDU, March 26, 2022 -- Chinese State Councilor and Foreign Minister Wang Yi held talks \
with Nepali Foreign Minister Narayan Khadka in Kathmandu on Saturday.

Wang said the two countries were good neighbours linked by mountains and rivers.
"""


def test_a_caption_run_into_the_story_is_not_its_date(tmp_path: Path) -> None:
    art = parse_text(CAPTIONED, "c.txt")
    assert art.paragraphs[0].startswith("QINGDAO Chinese State Councilor")
    assert any("March 26, 2022" in c for c in art.captions)
    info = extract_meeting(art, default_registry())
    assert info.event_date is None and info.weekday == 2  # "on Wednesday", no date of its own
    assert info.location == "Qingdao"
    # ... so it does not join the Kathmandu talks of the caption, in either order
    files = {"k.txt": KATHMANDU, "c.txt": CAPTIONED}
    for order in (["k.txt", "c.txt"], ["c.txt", "k.txt"]):
        meetings = _meetings(tmp_path / "-".join(order), files, order)
        assert sorted(len(m["sources"]) for m in meetings) == [1, 1]


SIGNED = """China, Iran sign cooperation pact

TEHRAN, March 27 -- Chinese Foreign Minister Wang Yi and his Iranian counterpart Mohammad \
Javad Zarif signed a cooperation agreement in Tehran on Saturday.

"China's position does not change with one phone call," Wang told reporters after the talks.
"""

ADVISED = """China, Iran vow closer ties

TEHRAN, March 27 (Xinhua) -- China and Iran on Saturday agreed to deepen their ties.

The consensus was reached at the meeting between Chinese Foreign Minister Wang Yi and Ali \
Larijani, advisor to Iran's Supreme Leader Ayatollah Ali Khamenei.
"""

TOP_DIPLOMAT = """Iran, China discuss regional issues

In a meeting with Iranian Foreign Minister Abbas Araghchi on the sidelines of the SCO foreign \
ministers' meeting in Tianjin on Wednesday, July 16, 2025, the top Chinese diplomat said China \
opposed the use of force.
"""


def test_a_format_in_a_quotation_is_not_the_events() -> None:
    info = extract_meeting(parse_text(SIGNED, "s.txt"), default_registry())
    assert info.format == "meeting"


def test_the_one_advised_is_not_at_the_table() -> None:
    info = extract_meeting(parse_text(ADVISED, "a.txt"), default_registry())
    assert "Ayatollah Ali Khamenei" not in [p.name for p in info.participants]
    assert "Ali Khamenei" not in " ".join(p.name for p in info.participants)


def test_the_top_chinese_diplomat_is_chinas_foreign_minister() -> None:
    info = extract_meeting(parse_text(TOP_DIPLOMAT, "t.txt"), default_registry())
    assert {p.person_id for p in info.participants} >= {"wang_yi", "abbas_araghchi"}


def test_a_two_word_country_in_a_pair_stays_with_its_formulation() -> None:
    found = extract("Wang said the two sides would build a China-New Zealand community with a "
                    "shared future.")
    assert "China-New Zealand community with a shared future" in found.values()
    assert "China-New Zealand community" not in found.values()
    # a name before the pair is no part of it
    found = extract("Wang Yi China-Sri Lanka community with a shared future")
    assert "China-Sri Lanka community with a shared future" in found.values()


def test_a_condemned_practice_in_ing_is_a_noun() -> None:
    found = extract("China will work with Fiji to resist power bullying and defend the "
                    "international order.")
    assert "resist power bullying" in found.values()
    assert "resist power" not in found.values()


def test_a_dotted_capital_i_is_turkiye() -> None:
    found = default_countries().find("TÜRKİYE AND CHINA SIGN DEAL")
    assert [cid for _s, _e, cid in found] == ["turkey", "china"]
    assert extract("TÜRKİYE and China pledged to oppose unilateral sanctions.")


def test_a_readouts_tone_counts_the_other_ministers_words_it_prints(tmp_path: Path) -> None:
    """China's readout of the second meeting prints the Japanese minister's warm words; of the
    first, none. Its own speaker's lines are procedure in both."""
    store = fresh_store(tmp_path)
    plain = (WANG, "Wang said the ministers exchanged views on the agenda.", ["relations"])
    meeting(store, "a.txt", "2024-01-10", [WANG, KAMIKAWA], [plain])
    meeting(store, "b.txt", "2024-06-10", [WANG, KAMIKAWA], [
        plain, (KAMIKAWA, "Kamikawa said relations show a momentum of improvement.",
                ["relations"])])
    tone = {t.side: t for t in build_digest(store, "terminal", since=date(2024, 1, 1)).tone}
    assert tone["china"].current > tone["china"].previous
    assert "momentum of improvement" in [c.phrase for c in tone["china"].drivers]


def test_an_undertaking_is_one_verb_phrase() -> None:
    from digests.proposals import proposals

    found = proposals("He noted the need to make joint efforts to implement the agreements "
                      "reached at the highest level in order to further expand cooperation.")
    # the light verb's "make joint efforts to" opens none; "in order to" ends it
    assert "implement the agreements reached at the highest level" in found.values()
    assert not any(v.startswith("make joint efforts") for v in found.values())
    found = proposals("The minister said Fiji opposes and condemns all attacks on civilians, "
                      "and hopes talks resume.")
    assert list(found.values()) == ["opposes and condemns all attacks on civilians"]
    # an "and" before another verb is the next undertaking
    found = proposals("China is ready to rebuild mutual trust and put the partnership back on "
                      "track.")
    assert "rebuild mutual trust" in found.values()
    # and the digest's candidates hold it whole
    assert "implement the agreements reached at the highest level" in extract(
        "Both sides agreed to implement the agreements reached at the highest level.").values()


MONGOLIAN = """Foreign Ministers of Mongolia, China hold talks

2020-09-16 17:59:04

At the invitation of Minister of Foreign Affairs of Mongolia N.Enkhtaivan, State Councilor and \
Minister of Foreign Affairs of China Wang Yi is paying an official visit to Mongolia on September \
15 and 16.

On the first day of the visit, the two ministers held official talks on bilateral ties.
"""


def test_an_initial_glued_to_a_name_is_the_registrys_person() -> None:
    from bot.articles.cleanup import clean_line

    assert clean_line("Minister N.Enkhtaivan met U.S.President Biden") == \
        "Minister N. Enkhtaivan met U.S. President Biden"
    assert clean_line("see montsame.mn and e.g. the U.S. side") == \
        "see montsame.mn and e.g. the U.S. side"
    info = extract_meeting(parse_text(MONGOLIAN, "m.txt"), default_registry())
    assert {p.person_id for p in info.participants} == {"wang_yi", "nyamtseren_enkhtaivan"}


HOST_FIRST = """Foreign Ministers of Mongolia, China hold talks

2023-05-02 10:15:00

Minister of Foreign Affairs of Mongolia B. Battsetseg held talks with the State Councilor and \
Minister of Foreign Affairs of the People's Republic of China Qin Gang in Beijing on May 1.

The ministers said Mongolia and China would mark the anniversary of their treaty with more \
exchanges.
"""


def test_a_government_names_its_own_country_first() -> None:
    from test_report_shapes_round21 import _side

    # both ministers are marked by their countries; the pairs say whose press this is
    assert _side(HOST_FIRST) == "mongolia"
    swapped = HOST_FIRST.replace("Mongolia, China", "China, Mongolia").replace(
        "Mongolia and China", "China and Mongolia")
    assert _side(swapped) != "mongolia"
