"""The digest-quality benchmark asks of the digest only the labelled formulations that the
texts at hand still hold (labels were written from earlier copies of the reports)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location(
        "digest_quality_bench", ROOT / "benchmarks" / "digest_quality.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_a_wording_in_other_case_order_and_plural_is_present() -> None:
    b = _bench()
    held = b.passages(["The ministers said that Supply-Chains must stay smooth and stable.\n"
                       "Other business followed."])
    assert b.present("stable and smooth supply chain", held)


def test_a_formulation_no_copy_holds_is_absent() -> None:
    b = _bench()
    held = b.passages(["The ministers discussed the weather and a football match."])
    assert not b.present("stable and smooth supply chain | smooth flow of supply chains", held)


def test_any_one_wording_is_enough() -> None:
    b = _bench()
    held = b.passages(["They pledged to keep the lines of communication open."])
    assert b.present("maintain dialogue channels | lines of communication", held)


def test_long_wording_may_miss_one_word_but_short_may_not() -> None:
    b = _bench()
    held = b.passages(["Both stressed healthy development of bilateral ties."])
    # four content words, three present: a loose match
    assert b.present("healthy and stable development of ties", held)
    # two content words, one present: not there
    assert not b.present("stable ties", b.passages(["Both praised their ties."]))


def test_words_spread_over_two_sentences_count_but_not_three_apart() -> None:
    b = _bench()
    held = b.passages(["The talks touched on trade.\nThey urged restraint.\nWeather was fine.\n"
                       "Nothing else."])
    assert b.present("trade restraint", held)
    assert not b.present("trade nothing", held)


def test_a_word_with_an_accent_is_one_word_in_the_judging() -> None:
    # "Türkiye" was read as "t" and "rkiye": a listed phrase missing only it was a fragment
    b = _bench()
    assert b.matches("deepen port cooperation",
                     "deepen port cooperation with Türkiye") == "real"
    assert b.content("Việt Nam") == frozenset({"việt", "nam"})


def _one_meeting_run(sides: set[str]) -> dict:
    js = {"themes": [], "silent_themes": [], "tone": [], "one_sided": [], "summary": [],
          "formulations": []}
    return {"M": {"json": js, "text": "", "texts": ["Both ministers talked about trade."],
                  "sides": sides}}


def test_a_flag_needing_a_readout_not_at_hand_is_not_asked() -> None:
    b = _bench()
    labels = {"meeting": [{
        "key": "M", "readout": {"china": "full", "japan": "full"},
        "raised": {"china": ["relations"], "japan": ["trade"]}, "formulations": {},
        "flagged": [{"kind": "only", "side": "japan", "theme": "trade"},
                    {"kind": "silence", "side": "china", "theme": "trade"}]}]}
    # only Japan's report re-collected: China's silence and Japan-only trade cannot be judged
    res = b.judge(labels, _one_meeting_run({"japan", "unknown"}), show=False)
    assert res["total_flagged"] == 0
    assert len(res["audit"]["flagged_absent"]) == 2
    # both at hand: both flags are asked of the digest (and missed by this empty one)
    res = b.judge(labels, _one_meeting_run({"japan", "china"}), show=False)
    assert res["total_flagged"] == 2 and len(res["missed"]) == 2
