"""Round 35 shapes, in our own words (issue 9). Measured on White House readouts of nine
relationships (United States–France, –Israel, –India, –Germany, –Qatar, –Türkiye, –Ukraine,
–Egypt, –Canada; public domain, in ../shared/corpus), labelled by helpers before any Readout code
ran on them:
- a wording said again with a grading word ("Russia's brutal aggression" after "Russian
  aggression", "ongoing diplomacy and deterrence efforts" after "diplomatic and deterrence
  efforts") was listed as new;
- a trip to a third country, talks in another capital or an election there ("upcoming travel to
  the People's Republic of China", "upcoming talks in Cairo") were narration, never listed; a
  visit to one of the meeting's own countries still is narration;
- a past participle opening a noun phrase ("shared commitment to democratic values") was read
  as a verb, its phrase as an action;
- two noun phrases one "and" joins ("extremist settler violence and settlement expansion") were
  one long run, matching neither formulation."""

from __future__ import annotations

from pathlib import Path

from test_digest_compare import _advance, _new
from test_digest_fixtures import BLINKEN, CHO, KAMIKAWA, WANG, fresh_store, meeting

from digests.build import build_digest
from digests.compare import LIST_MIN
from digests.lexicon import default_rules
from digests.phrases import extract
from digests.strength import score


def _strength(text: str, surface: str) -> float:
    rules = default_rules()
    found = {v: k for k, v in extract(text, rules).items()}
    assert surface in found, found
    return score(found[surface], surface, rules).score


def _us(store, source: str, when: str, text: str, themes: list[str]) -> None:  # type: ignore[no-untyped-def]
    """One United States readout (a State Department page) of a meeting with Japan."""
    meeting(store, source, when, [BLINKEN, KAMIKAWA], [(BLINKEN, text, themes)],
            outlet="U.S. Department of State", readout="united_states")


def _repeated(digest, side: str) -> set[str]:
    return {r["phrase"] for sec in digest.sections for r in sec.repeated_phrases
            if r["side"] == side}


def test_a_wording_said_again_with_a_grading_word_is_repeated(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    _us(store, "a.txt", "2024-01-10",
        "Blinken said the allies discussed their diplomatic and deterrence efforts.", ["ukraine"])
    _advance(store)
    _us(store, "b.txt", "2024-06-10",
        "Blinken said the allies discussed their ongoing diplomacy and deterrence efforts.",
        ["ukraine"])
    digest = build_digest(store, "terminal")
    new = _new(digest, "united_states")
    assert not any("deterrence efforts" in p for p in new), new
    assert any("deterrence efforts" in p for p in _repeated(digest, "united_states")), \
        _repeated(digest, "united_states")


def test_a_trip_to_a_third_country_is_news_a_visit_home_is_not(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    _us(store, "a.txt", "2024-03-10", "Blinken briefed the minister on his upcoming travel to"
        " the People's Republic of China.", ["third_parties"])
    new = _new(build_digest(store, "terminal"), "united_states")
    assert any(p.endswith("travel to the People's Republic of China") for p in new), new
    store = fresh_store(tmp_path, "home.db")
    meeting(store, "b.txt", "2024-03-10", [WANG, CHO], [
        (WANG, "Wang said he looks forward to a productive trip to the Republic of Korea.",
         ["exchanges"])])
    new = _new(build_digest(store, "terminal"), "china")
    assert not any("trip to the Republic of Korea" in p for p in new), new


def test_a_shared_commitment_is_a_wording_not_an_action() -> None:
    text = "The leaders affirmed their shared commitment to democratic values."
    assert _strength(text, "shared commitment to democratic values") >= LIST_MIN
    # a reporting verb in the past still opens no formulation
    text = "The leaders reviewed developments in the region."
    found = {v for v in extract(text).values()}
    assert "reviewed developments in the region" not in found \
        or _strength(text, "reviewed developments in the region") < LIST_MIN


def test_two_joined_noun_phrases_are_two_formulations(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    _us(store, "a.txt", "2024-07-25", "Blinken voiced concern about extremist settler violence"
        " and settlement expansion in the West Bank.", ["middle_east"])
    new = _new(build_digest(store, "terminal"), "united_states")
    assert any(p.endswith("settler violence") for p in new), new
    assert any(p.startswith("settlement expansion") for p in new), new
    assert not any("violence and settlement" in p for p in new), new
    # ... but a pair said together everywhere stays one: "sovereignty and territorial integrity"
    store = fresh_store(tmp_path, "pair.db")
    _us(store, "b.txt", "2024-07-25", "Blinken stressed respect for the sovereignty and"
        " territorial integrity of all nations in the region.", ["regional_security"])
    new = _new(build_digest(store, "terminal"), "united_states")
    assert not any(p.endswith("respect for the sovereignty") for p in new), new


def _tone(text: str) -> tuple[float, set[str]]:
    from digests.tone import default_lexicon

    score_, cues = default_lexicon().score(text, frozenset({"united_states", "qatar"}))
    return score_, {c.phrase for c in cues}


def test_tensions_and_challenges_of_the_region_are_no_complaint() -> None:
    # a shared effort to ease the region's tensions, and the challenges of an age or a region
    # the two sides take on, say nothing cool of the side met
    assert _tone("The leaders discussed their efforts to de-escalate regional tensions.")[0] == 0
    assert _tone("They agreed to meet the migration challenges facing the hemisphere.")[0] == 0
    assert _tone("They will cooperate to meet 21st century challenges.")[0] == 0
    # ... the relationship's own challenges still are
    score_, cues = _tone("Relations between the two countries have faced challenges.")
    assert score_ < 0 and "challenges" in cues


def test_urging_the_side_met_is_not_outweighed_by_a_thank_you() -> None:
    # a readout that urges the side met and thanks it reads no warmer than neutral
    score_, cues = _tone("The President urged the Amir to exert all efforts on the hostages,"
                         " and thanked him for his tireless work.")
    assert {"urged", "thanked"} <= cues
    assert score_ <= 0


def test_a_clause_made_clear_is_shown_without_its_frame() -> None:
    from digests.phrases import with_clause

    text = "The Vice President made clear that Hamas cannot control Gaza."
    assert with_clause(text, "Hamas cannot control") == "Hamas cannot control Gaza"


def test_a_world_region_and_a_designation_are_no_names_in_passing() -> None:
    text = "The leaders welcomed work toward a peaceful, stable, and cooperative Arctic."
    assert _strength(text, "peaceful, stable, and cooperative Arctic") >= LIST_MIN
    text = "The President announced his intent to designate Qatar as a Major Non-NATO Ally."
    assert _strength(text, "Major Non-NATO Ally") >= LIST_MIN
    text = "The leaders signed the Ukraine Compact."
    assert _strength(text, "Ukraine Compact") >= LIST_MIN
    # ... a place in passing still is ("wild fires in Maui")
    text = "The President offered help with the wild fires in Maui."
    assert _strength(text, "wild fires in Maui") < LIST_MIN


def test_an_and_at_the_edge_of_a_run_splits_nothing() -> None:
    # a run that opens on "and", or whose "and" is glued to a mark, has no two halves: no
    # candidates, and no error that would stop the digest
    from digests.compare import _conjuncts
    from digests.phrases import key_of

    rules = default_rules()
    for run in ("and extremist settler violence settlement expansion in the West Bank",
                "extremist settler violence and, settlement expansion in the West Bank region"):
        assert _conjuncts({key_of(run, rules): run}, rules, {}) == []


def test_the_government_of_a_country_at_the_table_is_no_news() -> None:
    from digests.compare import _travel_home

    home = frozenset({"china", "south_korea"})
    assert _travel_home("new government of the Republic of Korea", home)
    assert _travel_home("trip to the Republic of Korea", home)
    # a third country's government, or an election at home, is not narration of the meeting
    assert not _travel_home("government and people of Ukraine", home)
    assert not _travel_home("victory in Korea's general election", home)
