"""Round 35, issue 10, in our own words. White House readouts whose title names the person met
and the country, where the meeting still had the wrong sides (benchmarks/wh_sides.py, 518 of
522 before):
- a First Minister "of Northern Ireland" came out with the United States alone: Northern
  Ireland is a nation of the United Kingdom, not Ireland, and no country's name;
- a cardinal "of the Holy See" who presides over a national bishops' conference came out as
  Italy's, with "Episcopal Conference" as the person met: a conference is a body, not a name,
  and "Cardinal" is a title;
- a member of Israel's war cabinet, titled by a non-office ("Member"), was nobody's."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Sides = Callable[[str, str], list[str]]

CASES = [
    ("Readout of Vice President Kamala Harris's Meeting with First Minister Aileen Doyle of"
     " Northern Ireland",
     "Vice President Kamala Harris met virtually today with Northern Ireland First Minister"
     " Aileen Doyle. They discussed the peace agreement and investment in Belfast.",
     ["united_kingdom", "united_states"]),
    ("Readout of President Joe Biden's Meeting with Cardinal Paolo Ferrante of the Holy See",
     "President Joe Biden met today with Cardinal Paolo Ferrante, Archbishop of Turin and"
     " President of the Italian Episcopal Conference. They discussed humanitarian relief.",
     ["united_states", "vatican"]),
    ("Readout of Vice President Harris's Meeting with Member of Israeli War Cabinet Gantz",
     "Vice President Kamala Harris met today with Israeli War Cabinet Member Benny Gantz at the"
     " White House. They discussed the hostages and humanitarian aid.",
     ["israel", "united_states"]),
]


@pytest.mark.parametrize(("title", "body", "expected"), CASES)
def test_the_side_of_the_person_met(white_house_sides: Sides, title: str, body: str,
                                    expected: list[str]) -> None:
    assert white_house_sides(title, body) == expected


def test_a_bishops_conference_is_no_person_met(white_house_sides: Sides) -> None:
    # the conference is not a participant, so its country adds no side
    title = "Readout of President Joe Biden's Meeting with Cardinal Paolo Ferrante"
    body = ("President Joe Biden met today with Cardinal Paolo Ferrante, President of the"
            " Italian Episcopal Conference, in Washington.")
    assert "italy" not in white_house_sides(title, body)
