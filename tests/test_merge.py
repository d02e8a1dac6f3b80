"""Merge rules on hand-built reports: meeting identity, near-duplicate statements, counting."""

from __future__ import annotations

import json
from datetime import date

import pytest
from test_merge_support import CHO, FIXTURES, IWAYA, PARK, WANG

from bot.meetings import merge
from bot.models import MeetingInfo, Participant


def cand(mid: str, people: list[Participant], day: str = "2025-07-28", fmt: str = "phone_call",
         location: str | None = None) -> merge.MeetingCandidate:
    from dataclasses import asdict

    return merge.MeetingCandidate(mid, day, fmt, [asdict(p) for p in people], location)


def info(people: list[Participant], day: date = date(2025, 7, 28), fmt: str = "phone_call",
         location: str | None = None) -> MeetingInfo:
    return MeetingInfo(day, fmt, location, None, people)


@pytest.mark.parametrize(("a", "b", "same"), [
    (Participant("Minister Cho", "south_korea"), CHO, True),
    (Participant("Foreign Minister Cho Hyun", "south_korea"), CHO, True),
    (Participant("Chinese Foreign Minister Wang Yi", "china"), WANG, True),
    (Participant("South Korea's foreign minister Cho Hyun", None), CHO, True),
    (Participant("Cho Tae-yul", "south_korea", "cho_tae_yul"), CHO, False),
    (Participant("Minister Cho", "china"), CHO, False),  # sides disagree
    (Participant("Minister Park", "south_korea"), CHO, False),
    (PARK, CHO, False),
])
def test_same_person_across_namings(a: Participant, b: Participant, same: bool) -> None:
    from dataclasses import asdict

    assert merge.same_person(a, asdict(b)) is same


def test_korean_release_naming_joins_the_call() -> None:
    korean = info([Participant("Minister Cho", "south_korea"),
                   Participant("Chinese Foreign Minister Wang Yi", "china")])
    found = merge.find_meeting(korean, [cand("m1", [WANG, CHO])])
    assert found is not None and found[0] == "m1"
    assert "same day" in found[1] and "Wang Yi" in found[1] and "Cho Hyun" in found[1]


def test_report_naming_more_people_joins() -> None:
    lee = Participant("Lee Jae-myung", "south_korea", "lee_jae_myung")
    found = merge.find_meeting(info([WANG, CHO, lee]), [cand("m1", [WANG, CHO])])
    assert found is not None and "fewer" in found[1]


def test_report_naming_one_side_only_is_not_merged_automatically() -> None:
    assert merge.find_meeting(info([CHO]), [cand("m1", [WANG, CHO])]) is None
    assert "no counterpart" in merge.explain_no_match(info([CHO]), [cand("m1", [WANG, CHO])])


def test_one_day_apart_joins_two_days_do_not() -> None:
    assert merge.find_meeting(info([WANG, CHO], date(2025, 7, 29)), [cand("m1", [WANG, CHO])])
    assert merge.find_meeting(info([WANG, CHO], date(2025, 7, 30)),
                              [cand("m1", [WANG, CHO])]) is None


def test_other_format_or_no_date_is_another_meeting() -> None:
    assert merge.find_meeting(info([WANG, CHO], fmt="meeting"), [cand("m1", [WANG, CHO])]) is None
    # one side's phone talks are the other's video call
    assert merge.find_meeting(info([WANG, CHO], fmt="video_call"), [cand("m1", [WANG, CHO])])
    undated = MeetingInfo(None, "phone_call", participants=[WANG, CHO])
    assert merge.find_meeting(undated, [cand("m1", [WANG, CHO])]) is None


def test_same_day_other_counterpart_is_another_meeting() -> None:
    cands = [cand("cho", [WANG, CHO])]
    assert merge.find_meeting(info([WANG, IWAYA]), cands) is None
    assert merge.find_meeting(info([WANG, PARK]), cands) is None
    # and each finds its own when both are known
    cands.append(cand("iwaya", [WANG, IWAYA]))
    assert merge.find_meeting(info([WANG, IWAYA]), cands)[0] == "iwaya"  # type: ignore[index]
    assert merge.find_meeting(info([Participant("Minister Cho", "south_korea"), WANG]),
                              cands)[0] == "cho"  # type: ignore[index]


def test_two_fitting_meetings_are_ambiguous() -> None:
    # two calls stored with the same pair the same day (say, one a user split off)
    cands = [cand("a", [WANG, CHO]), cand("b", [WANG, CHO])]
    assert merge.find_meeting(info([WANG, CHO]), cands) is None
    why = merge.explain_no_match(info([WANG, CHO]), cands)
    assert "ambiguous" in why and "a" in why and "b" in why


def test_trilateral_is_not_the_bilateral_on_its_sidelines() -> None:
    tri = info([WANG, PARK, IWAYA], date(2023, 11, 26), "meeting")
    assert merge.find_meeting(tri, [cand("bi", [WANG, PARK], "2023-11-26", "meeting")]) is None


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Jakarta", "Jakarta", True),  # a capital is also a country word: still one place
    ("Busan", "Busan, South Korea", True),
    ("the Great Hall of the People", "Beijing", True),
    ("Busan", "Gyeongju", False),
    ("Seoul", "Beijing", False),
])
def test_places(a: str, b: str, same: bool) -> None:
    assert merge.same_place(a, b) is same


def test_places_that_clearly_differ_are_different_meetings() -> None:
    c = [cand("m", [WANG, PARK], "2023-11-26", "meeting", "Busan, South Korea")]
    assert merge.find_meeting(info([WANG, PARK], date(2023, 11, 26), "meeting", "Busan"), c)
    assert merge.find_meeting(info([WANG, PARK], date(2023, 11, 27), "meeting", "Gyeongju"),
                              c) is None


def test_no_shared_participant_never_merges() -> None:
    assert merge.find_meeting(info([]), [cand("m", [WANG, CHO])]) is None
    assert merge.find_meeting(info([Participant("Someone Else", None)]),
                              [cand("m", [WANG, CHO])]) is None


def test_meeting_id_is_stable_and_readable() -> None:
    a = merge.meeting_id(info([WANG, CHO]))
    assert a == merge.meeting_id(info([CHO, WANG])) and a.startswith("2025-07-28-")
    assert a != merge.meeting_id(info([WANG, CHO]), salt="x")


# -- statements ---------------------------------------------------------------------------------
def _pairs() -> list[dict[str, object]]:
    return [json.loads(ln) for ln in (FIXTURES / "pairs.jsonl").read_text().splitlines()]


def test_threshold_separates_labelled_reprints_from_different_statements() -> None:
    scored = [(merge.similarity(merge.Shingles.of(str(p["a"])), merge.Shingles.of(str(p["b"]))),
               p["same"]) for p in _pairs()]
    pos = [s for s, same in scored if same]
    neg = [s for s, same in scored if not same]
    assert len(pos) >= 20 and len(neg) >= 18
    # precision first: no different statement merges
    assert max(neg) < merge.SAME_STATEMENT
    # recall on realistic reprint edits
    assert sum(s >= merge.SAME_STATEMENT for s in pos) / len(pos) >= 0.95


def test_matcher_requires_compatible_speakers() -> None:
    text = ("China and South Korea share close economic ties and deeply integrated industrial "
            "and supply chains.")
    m = merge.StatementMatcher([(1, text, "Wang Yi")])
    assert m.match(text, "Wang Yi") == 1
    assert m.match(text, None) == 1  # a reprint that left it unattributed
    assert m.match(text, "Cho Hyun") is None


def test_matcher_never_merges_two_sentences_of_one_article() -> None:
    text = "China and South Korea should jointly oppose decoupling and protectionism."
    m = merge.StatementMatcher()
    m.add(7, text, "Wang Yi")
    assert m.match(text, "Wang Yi") is None


def test_short_sentences_need_the_same_words() -> None:
    a, b = merge.Shingles.of("Wang said."), merge.Shingles.of("Cho said.")
    assert merge.similarity(a, b) == 0.0
    assert merge.similarity(merge.Shingles.of("Talks held."),
                            merge.Shingles.of("talks held")) == 1.0


def test_counts_are_per_meeting_not_per_article() -> None:
    rows = [{"meeting": "m1", "article": "a"}, {"meeting": "m1", "article": "b"},
            {"meeting": "m2", "article": "c"}, {"meeting": None, "article": "d"}]
    assert merge.count_meetings(rows) == 3
    assert list(merge.by_meeting(rows)) == ["m1", "m2", "d"]


def test_sharing_people_of_one_country_only_does_not_merge() -> None:
    # White House readouts the same day: the President and Vice President at two meetings
    # with members of Congress, or the President's call with Merkel and another with Ghani
    # where the reader found only the President.
    biden = Participant("Joe Biden", "united_states", "joe_biden")
    harris = Participant("Kamala Harris", "united_states", "kamala_harris")
    merkel = Participant("Angela Merkel", "germany")
    fmt = "meeting"
    assert merge.find_meeting(info([biden, harris], fmt=fmt),
                              [cand("m", [biden, harris], fmt=fmt)]) is None
    assert merge.find_meeting(info([biden]), [cand("m", [biden, merkel])]) is None
