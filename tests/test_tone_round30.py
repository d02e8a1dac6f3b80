"""Round 30 tone cues, in our own words: a rejection of accusations and a demand that a third
party "stay within its bounds" had no cue, so a readout that said them scored as warm as one that
did not."""

from __future__ import annotations

from digests.tone import by_kind, default_lexicon


def test_a_rejection_of_accusations_is_a_complaint() -> None:
    score, cues = default_lexicon().score(
        "The minister said Beijing absolutely does not accept the groundless accusations made"
        " against it at the alliance's summit last week.")
    assert score < 0
    kinds = by_kind(cues)
    assert kinds.get("complaint", 0) <= -4  # "does not accept" and "groundless accusations"


def test_asking_another_to_stay_within_its_bounds_is_a_demand() -> None:
    score, cues = default_lexicon().score(
        "He said the alliance should stay within its bounds and refrain from meddling in the"
        " region's affairs.")
    assert by_kind(cues).get("demand", 0) <= -3.5
    assert score < 0


def test_warm_words_alone_stay_warm() -> None:
    score, _ = default_lexicon().score(
        "The two sides agreed to deepen mutually beneficial cooperation in a constructive spirit.")
    assert score > 0
