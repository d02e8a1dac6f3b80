"""The tone lexicon: longest cue wins, negation flips, a user file overrides weights."""

from __future__ import annotations

from pathlib import Path

import pytest

from digests.tone import ToneLexicon, default_lexicon


def test_longest_cue_counted_once() -> None:
    score, cues = default_lexicon().score(
        "Relations have shown a momentum of improvement and development.")
    assert [c.phrase for c in cues] == ["momentum of improvement"]
    assert score == 3.0


def test_strain_scores_negative() -> None:
    score, cues = default_lexicon().score(
        "Relations have faced increasing difficulties and challenges, said Wang.")
    assert score < 0 and cues[0].phrase == "increasing difficulties and challenges"


def test_negation_flips_the_sign() -> None:
    score, _ = default_lexicon().score("The relationship is not friendly.")
    assert score == -1.0


def test_user_weights_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "tone.toml"
    extra.write_text('[cues]\n"momentum" = -5.0\n"grave concern" = -3.0\n')
    monkeypatch.setenv("READOUT_TONE", str(extra))
    lex = ToneLexicon.load()
    assert lex.score("There is momentum.")[0] == -5.0
    assert lex.score("They voiced grave concern.")[0] == -3.0


def test_demands_in_warm_words_score_as_demands() -> None:
    lex = default_lexicon()
    score, cues = lex.score("He expressed hope that the ROK side will pursue a positive,"
                            " objective and friendly policy towards China.")
    assert score < 0
    assert {c.kind for c in cues} == {"demand"}
    # Any counterpart: the country is read as "country".
    assert lex.score("Wang hopes that Japan will abide by the four documents.")[0] < 0


def test_complaints_about_the_narrative_are_not_warmth() -> None:
    score, cues = default_lexicon().score(
        "The two sides should send more objective and positive messages, increase positive"
        " guidance and remove disturbances.")
    assert score < 0
    assert {"objective and positive messages", "positive guidance"} <= {c.phrase for c in cues}
    assert "complaint" in {c.kind for c in cues}


def test_cues_keep_their_words_as_written() -> None:
    cues = default_lexicon().cues_in("This is not what China wants to see, nor is it what"
                                     " China wants to see.")
    assert any(c.shown == "nor is it what China wants to see" for c in cues)
    assert all(c.phrase.startswith("nor is it what country") for c in cues if c.kind ==
               "complaint")


def test_moved_lists_the_cues_that_changed() -> None:
    from digests.tone import moved

    lex = default_lexicon()
    before = lex.cues_in("Relations face increasing difficulties and challenges.")
    now = lex.cues_in("Relations show a momentum of improvement.")
    changes = {c.phrase: d for c, d in moved(now, before)}
    assert changes == {"increasing difficulties and challenges": -1,
                       "momentum of improvement": 1}


def test_stock_complaints_count_and_a_name_is_no_warmth() -> None:
    from digests.tone import default_lexicon

    score, cues = default_lexicon().score(
        'Hyping up the "China threat" runs counter to the Treaty of Peace and Friendship.')
    kinds = {c.phrase: c.kind for c in cues}
    assert kinds == {"hyping up": "complaint", "country threat": "complaint",
                     "runs counter to": "complaint"}
    assert score < 0
    warm, _ = default_lexicon().score("They pledged friendship.")
    assert warm > 0  # the same word outside a name still warms


def test_a_denied_conflict_is_warm_and_a_demand_for_fair_treatment_is_not() -> None:
    lex = default_lexicon()
    denied, _ = lex.score("There are neither old grievances nor basic conflicts of interest"
                          " between the two countries.")
    said, _ = lex.score("The two countries have real conflicts of interest.")
    assert denied > 0 > said
    demand, cues = lex.score("China hopes the other side will provide a fair and"
                             " non-discriminatory environment for Chinese firms.")
    assert demand < 0 and {c.kind for c in cues} == {"demand"}
    warm, _ = lex.score("China appreciates the positive steps taken and the ties have"
                        " broken the ice.")
    assert warm >= 3.0


def test_a_meeting_that_went_well_in_the_other_sides_words() -> None:
    # a ministry that does not write "momentum of improvement" (written for this test)
    warm, cues = default_lexicon().score(
        "The minister welcomed the progress made and called the talks constructive and "
        "productive, noting the resumption of direct flights.")
    assert warm > 0 and {c.phrase for c in cues} >= {"progress", "constructive", "productive",
                                                     "resumption"}
    cool, _ = default_lexicon().score("There has been no progress on the border.")
    assert cool < 0


def test_opposing_taiwan_independence_is_a_position_not_a_complaint() -> None:
    """(issue 9, round 28) Held-out China–Uzbekistan: Beijing's warmest readout scored a
    complaint for the counterpart's "opposition to 'Taiwan independence'"."""
    lex = default_lexicon()
    score, _ = lex.score("Wang welcomed Hillland's adherence to the one-China principle and its"
                         " opposition to 'Taiwan independence' separatist activities.")
    assert score == lex.score("Wang welcomed Hillland's adherence to the one-China principle.")[0]
    assert lex.score('Hillland opposes any form of "Taiwan independence".')[0] == 0.0
    # opposing something else is still a complaint
    assert lex.score("China firmly opposes the new tariffs.")[0] < 0


def test_an_opposition_leader_and_a_joint_position_are_no_complaints() -> None:
    lex = default_lexicon()
    assert lex.score("Wang also met the opposition leader of Hillland.")[0] == 0.0
    assert lex.score("The two sides will jointly oppose protectionism.")[0] == 0.0
    assert lex.score("China opposes protectionism.")[0] < 0


def test_what_both_sides_should_do_is_no_demand_on_the_other() -> None:
    lex = default_lexicon()
    assert lex.score("Wang said the two sides should step up exchanges.")[0] == 0.0
    assert lex.score("Both sides should respect each other's choices.")[0] == 0.0
    assert lex.score("Wang said China and Japan should keep in close touch.")[0] == 0.0
    demand = lex.score("Wang said the Hillland side should stop its provocations.")
    assert demand[0] < 0 and demand[1][0].kind == "demand"
