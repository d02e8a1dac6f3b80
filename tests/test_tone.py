"""The tone lexicon: longest cue wins, negation flips, a user file overrides weights."""

from __future__ import annotations

from pathlib import Path

import pytest

from digests.tone import ToneLexicon, default_lexicon


def test_longest_cue_counted_once() -> None:
    score, cues = default_lexicon().score(
        "Relations have shown a momentum of improvement and development.")
    assert [c.phrase for c in cues] == ["momentum of improvement"]
    assert score == 3.0


def test_strain_scores_negative() -> None:
    score, cues = default_lexicon().score(
        "Relations have faced increasing difficulties and challenges, said Wang.")
    assert score < 0 and cues[0].phrase == "increasing difficulties and challenges"


def test_negation_flips_the_sign() -> None:
    score, _ = default_lexicon().score("The relationship is not friendly.")
    assert score == -1.0


def test_user_weights_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "tone.toml"
    extra.write_text('[cues]\n"momentum" = -5.0\n"grave concern" = -3.0\n')
    monkeypatch.setenv("READOUT_TONE", str(extra))
    lex = ToneLexicon.load()
    assert lex.score("There is momentum.")[0] == -5.0
    assert lex.score("They voiced grave concern.")[0] == -3.0
