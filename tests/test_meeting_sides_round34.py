"""Round 34, issue 10, in our own words: a White House title names the person met, then, after
a comma, an office of a country ("... Call with Marta Lindqvist, Diplomatic Adviser to the Prime
Minister of Sweden", "... Meeting with Ciaran Walsh, the Taoiseach of Ireland"). No strong title
stood before the name and the body called the person by name alone, so the meeting had the
United States alone (92 of 522 White House readouts whose title names another country;
benchmarks/wh_sides.py). A Portuguese double surname joined by "e" ("Ulisses Correia e Silva")
broke into two runs, neither with the country."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Sides = Callable[[str, str], list[str]]

CASES = [
    ("Readout of National Security Advisor Jake Sullivan's Call with Marta Lindqvist, Diplomatic"
     " Adviser to the Prime Minister of Sweden",
     "National Security Advisor Jake Sullivan spoke today with Marta Lindqvist. They discussed"
     " the accession process and Baltic security.", ["sweden", "united_states"]),
    ("Readout of President Joe Biden's Meeting with Ciaran Walsh, the Taoiseach of Ireland",
     "President Joe Biden met today with Ciaran Walsh at the White House. The leaders"
     " celebrated the ties between their peoples.", ["ireland", "united_states"]),
    ("Readout of President Joe Biden's Meeting with Prime Minister Ulisses Pires e Tavares of"
     " the Republic of Cabo Verde",
     "President Joe Biden met today with Prime Minister Ulisses Pires e Tavares. The leaders"
     " discussed maritime security.", ["cabo_verde", "united_states"]),
]


@pytest.mark.parametrize(("title", "body", "expected"), CASES)
def test_the_country_of_an_office_after_the_name(white_house_sides: Sides, title: str, body: str,
        expected: list[str]) -> None:
    assert white_house_sides(title, body) == expected


def test_an_office_of_no_country_adds_no_side(white_house_sides: Sides) -> None:
    # a state of the United States is no country: the meeting stays the United States' own
    title = ("Readout of President Joe Biden's Call with Dana Whitfield, the Governor of"
             " Nebraska")
    body = "President Joe Biden spoke today with Dana Whitfield about flood relief."
    assert white_house_sides(title, body) == ["united_states"]
