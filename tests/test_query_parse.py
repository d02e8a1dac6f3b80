"""The query language parser on its own: a pure function of the user's text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import QueryError
from bot.search.query import MAX_QUERY_CHARS, parse_date, parse_query


def test_free_words_are_lowercased_tokens() -> None:
    q = parse_query("Supply  CHAINS")
    assert q.terms == ("supply", "chains")
    assert q.phrases == ()


def test_quoted_phrase_and_hyphenated_word_are_phrases() -> None:
    q = parse_query('"strategic cooperative partnership" Tae-yul')
    assert q.phrases == (("strategic", "cooperative", "partnership"), ("tae", "yul"))
    assert q.terms == ()


def test_unbalanced_quote_runs_to_the_end() -> None:
    q = parse_query('trade "supply chains')
    assert q.terms == ("trade",)
    assert q.phrases == (("supply", "chains"),)


def test_fields_and_alternatives() -> None:
    q = parse_query('speaker:"Cho Hyun" side:korea|china theme:Taiwan outlet:xinhua')
    assert q.speakers == (("cho", "hyun"),)
    assert q.sides == ("south_korea", "china")
    assert q.themes == ("taiwan",)
    assert q.outlets == (("xinhua",),)
    assert not q.has_text


@pytest.mark.parametrize(("alias", "side"), [
    ("korea", "south_korea"), ("south_korea", "south_korea"), ("rok", "south_korea"),
    ("SK", "south_korea"), ("prc", "china"), ("china", "china"), ("us", "united_states"),
    ("usa", "united_states"), ("united_states", "united_states"), ("both", "both"),
    ("japan", "japan"),
])
def test_side_aliases(alias: str, side: str) -> None:
    assert parse_query(f"side:{alias}").sides == (side,)


def test_unknown_side_lists_valid_ones() -> None:
    with pytest.raises(QueryError, match=r"unknown side 'narnia'.*china.*south_korea"):
        parse_query("side:narnia")


@pytest.mark.parametrize(("text", "since", "until"), [
    ("since:2024", date(2024, 1, 1), None),
    ("since:2024-07", date(2024, 7, 1), None),
    ("since:2024-07-15", date(2024, 7, 15), None),
    ("until:2024", None, date(2024, 12, 31)),
    ("until:2024-02", None, date(2024, 2, 29)),
    ("since:2023 until:2023-06", date(2023, 1, 1), date(2023, 6, 30)),
])
def test_dates(text: str, since: date | None, until: date | None) -> None:
    q = parse_query(text)
    assert (q.since, q.until) == (since, until)


@pytest.mark.parametrize("bad", ["since:2024-13", "until:yesterday", "since:2024-02-30",
                                 "since:20240101x"])
def test_bad_dates_are_query_errors(bad: str) -> None:
    with pytest.raises(QueryError, match="bad date"):
        parse_query(bad)


def test_since_after_until_is_an_error() -> None:
    with pytest.raises(QueryError, match="after"):
        parse_query("since:2025 until:2024")


def test_partial_dates_end_of_month() -> None:
    assert parse_date("2023-02", end=True) == date(2023, 2, 28)


def test_exclusions() -> None:
    q = parse_query('peninsula -japan -"third party"')
    assert q.terms == ("peninsula",)
    assert q.exclude_terms == ("japan",)
    assert q.exclude_phrases == (("third", "party"),)


def test_operators_and_punctuation_are_not_syntax() -> None:
    q = parse_query("wang AND ( trade OR * - NOT")
    assert q.terms == ("wang", "trade")
    q = parse_query('NEAR(wang, "cho)')
    assert (q.terms, q.phrases) == (("near", "wang"), (("cho",),))
    assert parse_query("U.S. China's").phrases == (("u", "s"), ("china", "s"))


def test_unknown_field_is_plain_text() -> None:
    assert parse_query("note:trade").terms == ("note", "trade")


def test_empty_field_value_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="speaker: needs a value"):
        parse_query("speaker:")
    with pytest.raises(QueryError, match="theme: needs a value"):
        parse_query('theme:""')


def test_lone_colon_and_emoji_give_an_empty_query() -> None:
    q = parse_query(": 🇰🇷 🤝 :")
    assert replace(q, text="") == parse_query("")


def test_negated_filter_is_refused_clearly() -> None:
    with pytest.raises(QueryError, match="excludes words"):
        parse_query("-speaker:wang")


def test_too_long_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="too long"):
        parse_query("a" * (MAX_QUERY_CHARS + 1))
    with pytest.raises(QueryError, match="too many parts"):
        parse_query(" ".join(f"w{i}" for i in range(200)))


_FIELDISH = st.sampled_from(['speaker:', 'side:', 'theme:', 'since:', 'until:', 'outlet:',
                             '"', '-', '(', ')', '*', 'NEAR(', 'AND', '|', ':', ' ', '😀',
                             'wang', 'korea', '2024', '2024-07', '\x00', '\n', "'"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_FIELDISH, st.text(max_size=12)), max_size=30).map("".join))
def test_fuzz_only_query_errors(text: str) -> None:
    try:
        q = parse_query(text)
    except QueryError as exc:
        assert "\n" not in str(exc)  # one-line messages
        return
    for word in q.terms + q.exclude_terms:
        assert word and word.isalnum()
    for phrase in q.phrases + q.exclude_phrases:
        assert phrase and all(w.isalnum() for w in phrase)


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=MAX_QUERY_CHARS + 1, max_size=12000))
def test_fuzz_long_input_is_refused_in_one_line(text: str) -> None:
    with pytest.raises(QueryError, match="too long"):
        parse_query(text)
