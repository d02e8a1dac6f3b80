"""Round 30: an undertaking said with a negation keeps it. "does not seek spheres of influence"
is the opposite of "seek spheres of influence", and an analyst reading the digest must see which
one a side said (sentences written in our own words, in the house styles of the readouts)."""

from __future__ import annotations

import pytest

from digests.proposals import proposals


@pytest.mark.parametrize(("text", "want"), [
    ("Wang said Beijing does not seek spheres of influence or join geopolitical rivalry in"
     " the region.",
     "does not seek spheres of influence or join geopolitical rivalry in the region"),
    ("The minister said his country will never interfere in the internal affairs of"
     " its neighbours.",
     "will never interfere in the internal affairs of its neighbours"),
    ("He stressed that the two sides cannot accept unilateral sanctions on their companies.",
     "cannot accept unilateral sanctions on their companies"),
    ("China will definitely not follow the trend of decoupling from partner economies, he added.",
     "will definitely not follow the trend of decoupling from partner economies"),
    ("Never accept any attempt to divide the two peoples, the statement said.",
     "never accept any attempt to divide the two peoples"),
])
def test_a_negated_undertaking_keeps_its_negation(text: str, want: str) -> None:
    found = proposals(text)
    assert want in found.values(), found
    # and the bare verb phrase, which says the opposite, is not listed beside it
    bare = want.split(" not ")[-1].split("never ")[-1].split("cannot ")[-1]
    assert bare != want and bare not in found.values()


def test_a_negated_and_a_plain_undertaking_are_two_formulations() -> None:
    said = proposals("The two sides will seek new areas of cooperation in green energy.")
    denied = proposals("The two sides will not seek new areas of cooperation in green energy.")
    assert set(said) and set(denied)
    assert not set(said) & set(denied)


def test_a_plain_undertaking_gains_no_words() -> None:
    found = proposals("Both ministers agreed to deepen cooperation on supply chains and"
                      " clean energy.")
    assert "deepen cooperation on supply chains and clean energy" in found.values()


@pytest.mark.parametrize("text", [
    "Such moves will not only cause losses to both economies but also hurt the region.",
    "The two sides not long ago agreed to resume the dialogue on maritime affairs.",
])
def test_not_only_and_not_long_ago_deny_nothing(text: str) -> None:
    assert not any(v.startswith(("not ", "will not")) for v in proposals(text).values())


@pytest.mark.parametrize(("text", "want"), [
    # an abbreviation's full stop does not end the undertaking
    ("Seoul will advance its alliance with the U.S. while deepening ties with Beijing.",
     "advance its alliance with the U.S."),
    ("Beijing is ready to deal with the fallout from the Dec. 3 emergency decree calmly.",
     "deal with the fallout from the Dec. 3 emergency decree calmly"),
    # ... and a number stays in it
    ("China will deliver 10 million doses of vaccines to Laos this year.",
     "deliver 10 million doses of vaccines to Laos"),
    ("The two sides will implement the 10-point consensus on border affairs.",
     "implement the 10-point consensus on border affairs"),
])
def test_abbreviations_and_numbers_stay_inside_an_undertaking(text: str, want: str) -> None:
    assert want in proposals(text).values(), proposals(text)
