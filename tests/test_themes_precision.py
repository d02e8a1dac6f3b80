"""Theme precision per theme, on every labelled sentence (seeds, White House samples, and
sentences written in our own words in the house styles of Xinhua, the Chinese and Korean
ministries and Yonhap): a theme the tagger gives is right at least 9 times in 10, so a silence
is never claimed because of a wrong tag ("independence and freedom from external interference"
is not about human rights)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from bot.analysis.themes import Taxonomy

LABELS = Path(__file__).parent / "fixtures" / "labels_themes"


@pytest.fixture(scope="module")
def tax() -> Taxonomy:
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("READOUT_THEMES", raising=False)
        return Taxonomy.load()


def _rows() -> list[tuple[str, set[str]]]:
    rows: list[tuple[str, set[str]]] = []
    seeds = json.loads((LABELS / "seeds.json").read_text(encoding="utf-8"))
    for sentences in seeds.values():
        rows += [(text, set(themes)) for text, themes in sentences.items()]
    for name in ("wh_sample.json", "wh_heldout.json", "readout_styles.json"):
        rows += [(r["text"], set(r["themes"]))
                 for r in json.loads((LABELS / name).read_text(encoding="utf-8"))]
    return rows


def test_every_theme_is_right_nine_times_in_ten(tax: Taxonomy) -> None:
    right: Counter[str] = Counter()
    given: Counter[str] = Counter()
    wrong: list[str] = []
    for text, expected in _rows():
        for theme in tax.tag(text):
            given[theme] += 1
            if theme in expected:
                right[theme] += 1
            else:
                wrong.append(f"{theme}: {text[:80]}")
    low = {t: round(right[t] / n, 2) for t, n in given.items() if n >= 5 and right[t] / n < 0.9}
    assert not low, (low, wrong)


def test_the_tags_behind_false_silences(tax: Taxonomy) -> None:
    rows = json.loads((LABELS / "readout_styles.json").read_text(encoding="utf-8"))
    for r in rows:
        assert set(tax.tag(r["text"])) == set(r["themes"]), r["text"]
