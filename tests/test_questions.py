"""Plain-English questions mapped onto the query language, and the mapping explained."""

from __future__ import annotations

import pytest

from bot.lookups.questions import EXAMPLES, map_question


def test_person_and_theme() -> None:
    m = map_question("what did Wang say about Taiwan?")
    assert m is not None and m.kind == "search"
    assert set(m.query.split()) == {"speaker:wang", "theme:taiwan"}
    assert "Wang → speaker:wang" in m.explanation


def test_side_theme_and_since() -> None:
    m = map_question("has Korea talked about supply chains since 2024?")
    assert m is not None
    assert set(m.query.split()) == {"side:south_korea", "theme:supply_chains",
                                    "since:2024-01-01"}


def test_first_use_of_a_quoted_phrase() -> None:
    for q in ("when was 'decoupling' first used?", 'when was "decoupling" first used',
              "who first said “decoupling”?"):
        m = map_question(q)
        assert m is not None and m.kind == "phrase" and m.phrase == "decoupling", q


def test_compare_two_years_on_a_theme() -> None:
    m = map_question("compare the 2023 and 2025 calls on supply chains")
    assert m is not None and m.kind == "compare"
    assert m.compare == ("2023", "2025") and m.theme == "supply_chains"
    assert m.meeting_format == "phone_call"


def test_full_name_beats_shared_surname() -> None:
    m = map_question("what did Cho Hyun say in July 2025?")
    assert m is not None
    assert m.query.split(" ", 2)[:2] == ["since:2025-07-01", "until:2025-07-31"]
    assert 'speaker:"cho hyun"' in m.query and "speaker:cho " not in m.query + " "


@pytest.mark.parametrize(("q", "term"), [
    ("did China mention the peninsula before 2024?", "until:2023-12-31"),
    ("what did Park Jin say in 2023", "until:2023-12-31"),
    ("anything on trade after March 2024", "since:2024-03-01"),
])
def test_date_words(q: str, term: str) -> None:
    m = map_question(q)
    assert m is not None and term in m.query.split()


def test_unmappable_questions() -> None:
    assert map_question("hello?") is None
    assert map_question("   ") is None
    assert map_question("compare the calls") is None  # compare needs two dates


def test_examples_all_map() -> None:
    for q in EXAMPLES:
        assert map_question(q) is not None, q
