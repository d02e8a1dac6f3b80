"""Silences rest on theme tags: a passing mention must not make a theme the side's position.

A watched theme (Taiwan) is claimed silent after a single earlier mention, so one false tag
there makes a government "silent on Taiwan" at every later meeting.
"""

from __future__ import annotations

from bot.analysis.themes import default_taxonomy


def test_taiwan_listed_as_a_member_economy_is_not_the_taiwan_question() -> None:
    tax = default_taxonomy()
    # Our own wording of the pattern: Taiwan named beside Japan as a partner in an alliance.
    assert "taiwan" not in tax.tag(
        "Park said Seoul would join a semiconductor group with the US, Japan and Taiwan.")
    assert "taiwan" not in tax.tag(
        "The forum brings together firms from Taiwan and Japan to discuss memory chips.")
    assert "taiwan" not in tax.tag("Chipmakers in South Korea and Taiwan expect demand to grow.")


def test_the_taiwan_question_is_still_tagged() -> None:
    tax = default_taxonomy()
    assert "taiwan" in tax.tag("Wang urged the other side to handle the Taiwan question prudently.")
    assert "taiwan" in tax.tag("He stressed peace across the Taiwan Strait.")
    assert "taiwan" in tax.tag("Both reaffirmed that their positions on Taiwan were unchanged.")
    # A sentence with the question and a list elsewhere keeps the tag.
    assert "taiwan" in tax.tag(
        "Wang said the one-China principle binds Japan and Taiwan policy alike.")
