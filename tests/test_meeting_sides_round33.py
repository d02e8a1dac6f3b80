"""Round 33, issue 10, in our own words: a White House readout names its counterpart without
a country in the body ("spoke today with Chancellor Angela Merkel") and with one in its title
("... with Chancellor Angela Merkel of Germany"). The counterpart was put on the United States'
side, for want of a country: 22 of 522 White House readouts whose title names a country had
no meeting side for it (benchmarks/wh_sides.py). A country of three words before a title
("Papua New Guinea Deputy Prime Minister") was read as its last word, and "of Trinidad and
Tobago" as no country (a name runs to the "and")."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Sides = Callable[[str, str], list[str]]

CASES = [
    # the title gives the country the body left out
    ("Readout of President Joe Biden's Call with Prime Minister Anna Kowalczyk of Poland",
     "President Joe Biden spoke today with Prime Minister Anna Kowalczyk. The leaders discussed"
     " energy security and support for refugees.", ["poland", "united_states"]),
    # a surname in the body, the full name and country in the title
    ("Readout of Vice President Kamala Harris's Meeting with President Tomas Oyelaran of Zambia",
     "Vice President Kamala Harris met with President Oyelaran today to discuss debt relief and"
     " the coming harvest.", ["united_states", "zambia"]),
    # a country of three words before the title, not the last of them ("Guinea")
    ("Readout of Principal Deputy National Security Advisor Jon Finer's Call with Deputy Prime"
     " Minister Tomas Kei",
     "Principal Deputy National Security Advisor Jon Finer spoke today with Papua New Guinea"
     " Deputy Prime Minister Tomas Kei about the recovery after the floods.",
     ["papua_new_guinea", "united_states"]),
    # "of Trinidad and Tobago": a name runs to "and", so "Trinidad" names the country too
    ("Readout of Vice President Kamala Harris's Call with Prime Minister Dalia Marsh",
     "Vice President Kamala Harris spoke today with Prime Minister Dalia Marsh of Trinidad and"
     " Tobago about energy security in the Caribbean.",
     ["trinidad_and_tobago", "united_states"]),
    # a country the body names is kept (a guess is corrected, a country is not)
    ("Readout of President Joe Biden's Call with Prime Minister Anna Kowalczyk",
     "President Joe Biden spoke today with Prime Minister Anna Kowalczyk of Poland. The leaders"
     " discussed energy security.", ["poland", "united_states"]),
]


@pytest.mark.parametrize(("title", "body", "expected"), CASES)
def test_the_counterparts_country(white_house_sides: Sides, title: str, body: str,
        expected: list[str]) -> None:
    assert white_house_sides(title, body) == expected
