"""How much an analyst would care: names, places, instruments, numbered doctrines."""

from __future__ import annotations

from digests.compare import LIST_MIN
from digests.phrases import default_rules, key_of
from digests.strength import score


def _score(surface: str) -> float:
    rules = default_rules()
    return score(key_of(surface, rules), surface, rules).score


def test_contested_places_and_named_instruments_are_formulations() -> None:
    assert _score("Xinjiang Uyghur Autonomous Region") >= 1.0
    assert _score("Senkaku Islands") >= 1.0
    assert _score("Washington Declaration") >= 1.0
    # An institution's name and a law's name with a place in it are still names.
    assert _score("China-Korea Parliamentary Union") < 1.0
    assert _score("Special Measures for the Han River and Yellow Sea") < 1.0
    # A common noun opening a phrase heads it: what was done in a contested place.
    assert _score("structures in the Yellow Sea") >= 1.0
    assert _score("members of ASEAN and Europe") < 1.0


def test_numbered_doctrine_is_no_narration_but_a_time_is() -> None:
    assert _score("four political documents") >= 1.0
    assert _score("six proposals") >= 1.0
    assert _score("four months") == 0.0


def test_names_in_passing_and_agendas_rank_below_the_line() -> None:
    assert _score("wild fires in Maui") < 1.0
    assert _score("technology and climate and health") < 1.0
    assert _score("unlawful maritime claims") >= 1.0


def test_common_prose_is_filler_but_a_rare_word_makes_a_formulation() -> None:
    assert _score("international community") < 1.0  # common words, common phrase
    assert _score("ironclad commitment") >= 0.8  # common phrase, but "ironclad" is rare


def test_a_named_law_is_a_noun_not_a_predicate() -> None:
    rules = default_rules()
    # Our own example: a made-up statute, named in full with a country before it.
    assert score("us clean harbor act", "US Clean Harbors Act", rules).why != "no noun"
    assert score("us clean harbor act", "US Clean Harbors Act", rules).score >= 1.0
    # A plain predicate is still one.
    assert score("consistent and reliable", "consistent and reliable", rules).score < 1.0


def test_how_long_the_meeting_took_is_narration() -> None:
    rules = default_rules()
    for key, surface in (("three-hour talk", "three-hour talks"),
                         ("90-minute exchange", "90-minute exchange")):
        assert score(key, surface, rules).why == "narration", key
    # A numbered plan is not a duration.
    assert score("five-year plan", "five-year plan", rules).score >= 1.0


def test_a_quoted_bare_adjective_or_adverb_is_not_a_wording() -> None:
    rules = default_rules()
    # A reporter quoting one word of a speaker: how it was said.
    for word in ("wisely", "gravely", "mature"):
        assert score(word, word, rules, frozenset([word])).score < 1.0, word
    assert score("felt certain", "felt certain", rules,
                 frozenset(["felt certain"])).score < 1.0
    # A quoted noun or compound still is one.
    assert score("two-plus-two", "two-plus-two", rules, frozenset(["two-plus-two"])).why == "quoted"
    assert score("harmony in diversity", "harmony in diversity", rules,
                 frozenset(["harmony in diversity"])).score >= 2.5
    # ... and a standard adjective of alliance readouts, quoted alone, is a key term: the
    # phrase around it ("ironclad commitment") is what is listed, never the word by itself.
    from digests.compare import LIST_MIN
    lone = score("ironclad", "ironclad", rules, frozenset(["ironclad"]))
    assert lone.why == "key term" and lone.score < LIST_MIN
    assert _score("ironclad commitment") >= 0.8


def test_a_long_serial_list_of_instruments_is_one_formulation() -> None:
    from digests.compare import LIST_MIN
    from digests.phrases import extract
    text = ("The President said the U.S. one China policy, guided by the Taiwan Relations Act,"
            " the three Joint Communiques, and the Six Assurances, has not changed.")
    found = extract(text)
    key = next(k for k, v in found.items() if v.startswith("Taiwan Relations Act,"))
    assert score(key, found[key]).score >= LIST_MIN  # listed whole, its parts pruned inside it
    # a long run that is no list is still a clause, not a wording
    clause = "ongoing efforts to address specific issues in bilateral relations between them"
    assert score(clause.lower(), clause).score < LIST_MIN


def test_practical_items_of_cooperation_are_not_formulations() -> None:
    for key, surface in [("import of high-quality product", "imports of high-quality products"),
                         ("cross-border railway service", "cross-border railway services"),
                         ("food industry park", "food industry park")]:
        assert score(key, surface).score < LIST_MIN, surface
    # a list of qualities that ends on such a word is how a side describes the relation
    listed = "geographical proximity, economic integration and cultural connectivity"
    assert score("geographical proximity economic integration and cultural connectivity",
                 listed).score >= LIST_MIN


def test_how_far_the_talks_went_and_how_a_guest_was_received_is_not_a_formulation() -> None:
    # own words, in the shape of a ministry release's opening paragraph
    for filler in ("thorough exchange of views", "wide-ranging talks on diverse topics",
                   "entire gamut of Laos-China ties", "multiple facets of bilateral cooperation",
                   "gracious hospitality and warm reception", "detailed discussions"):
        assert _score(filler) < LIST_MIN, filler
    # how a side characterises the talks stays a formulation
    assert _score("candid, thorough and constructive discussions") >= LIST_MIN
    assert _score("warm friendship of the two peoples") >= LIST_MIN


def test_a_province_where_they_met_and_a_sum_of_money_are_not_formulations() -> None:
    assert _score("Hainan Province") < LIST_MIN
    assert _score("billion US dollars") < LIST_MIN
    # a place in dispute still is
    assert _score("Senkaku Islands") >= LIST_MIN
