"""Sentence splitting that survives abbreviations, initials and quotes."""

from __future__ import annotations

import pytest

from bot.analysis.sentences import split_sentences


@pytest.mark.parametrize(("text", "count"), [
    ("BEIJING, Dec. 24 (Xinhua) -- Wang said Tuesday. Cho agreed.", 2),
    ("President Joseph R. Biden, Jr. met today with Mr. Kishida. They talked.", 2),
    ("He met U.S. President Joe Biden in Washington, D.C. on Monday.", 1),
    ("The meeting was in the U.S. The two sides agreed.", 2),
    ("Resolution No. 5 passed. It was adopted.", 2),
    ('"We will work together," Wang said. "So will we," Cho said.', 2),
    ("Dr. Gordon spoke with Gen. Smith and Sen. Jones.", 1),
    ("Is it stable? Yes! It is.", 3),
    ("", 0),
])
def test_counts(text: str, count: int) -> None:
    assert len(split_sentences(text)) == count


def test_nothing_is_lost() -> None:
    text = 'Wang said "China is ready." Then he left. U.S. officials agreed.'
    assert " ".join(split_sentences(text)) == text
