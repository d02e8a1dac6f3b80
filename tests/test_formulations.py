"""Whole-phrase formulations: country words inside, clause edges, quotes, the registry of
standard formulations (shipped and user files), and filler ranked out."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import ConfigError
from digests import formulations, phrases
from digests.strength import score


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("READOUT_FORMULATIONS", raising=False)
    formulations.default_registry.cache_clear()
    yield
    formulations.default_registry.cache_clear()


def _strong(text: str) -> dict[str, str]:
    found = phrases.extract(text)
    q = frozenset(phrases.quoted(text))
    return {k: v for k, v in found.items() if score(k, v, quoted_keys=q).score >= 1.0}


def test_country_words_stay_inside_a_formulation() -> None:
    found = phrases.extract(
        "Wang hoped the ROK side will abide by the one-China principle, handle Taiwan-related"
        " issues prudently, and discussed the North Korean nuclear issue and the Korea-U.S."
        " alliance.")
    surfaces = set(found.values())
    assert "one-China principle" in surfaces
    assert "Taiwan-related issues" in surfaces
    assert "North Korean nuclear issue" in surfaces
    assert any(s.startswith("Korea-US alliance") or s == "Korea-U.S. alliance" for s in surfaces)


def test_a_country_alone_ends_a_run_and_pairs_fold() -> None:
    a = phrases.extract("China and South Korea should deepen China-ROK relations.")
    b = phrases.extract("South Korea and China should deepen ROK-China relations.")
    assert set(a) == set(b)
    assert not any(k.startswith(("china and", "south")) for k in a)


def test_clause_edges_leave_no_dangling_verbs() -> None:
    found = phrases.extract(
        "The heads of state held a phone call, bringing fresh positive dynamics to bilateral"
        " ties and charting the course for joint future work.")
    assert "fresh positive dynamics" in found.values() or any(
        v.startswith("fresh positive dynamics") for v in found.values())
    assert not any(v.endswith(("charting", "and")) or v.startswith("bringing")
                   for v in found.values())
    found = phrases.extract("Cho said the 45-minute conversation included congratulations.")
    assert not any("included" in v for v in found.values())


def test_quoted_phrases_are_strong_even_inside_other_quotes() -> None:
    text = ("“Wang Yi emphasized that ‘distant relatives are not as good as close neighbors,’”"
            " said the ministry, calling for \"harmony in diversity\".")
    quoted = set(phrases.quoted(text).values())
    assert "distant relatives are not as good as close neighbors" in quoted
    assert "harmony in diversity" in quoted
    # A quoted headline is not a formulation.
    assert not phrases.quoted("Wang: “Korea and China Should Meet and Communicate Frequently”")


def test_registry_makes_variants_one_formulation() -> None:
    reg = phrases.registry()
    rules = phrases.default_rules()
    a = reg.family(reg.key("genuine strategic cooperative partners", rules))
    b = reg.family(reg.key("genuine strategic partners", rules))
    assert a == b == "genuine_strategic_partners"
    found = phrases.extract("They should be genuine strategic cooperative partners, Wang said.")
    assert "genuine strategic cooperative partners" in found.values()
    # The run around it is not listed a second time in other words.
    assert len([v for v in found.values() if "strategic" in v]) == 1


def test_user_registry_file_adds_wordings_and_disables(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text('[formulation.fisheries_order]\ntheme = "trade"\n'
                     'wordings = ["orderly fishing operations", "orderly fishing"]\n'
                     '[formulation.harmony_in_diversity]\ndisabled = true\n'
                     '[formulation.one_china]\nadd_wordings = ["one China framework"]\n')
    monkeypatch.setenv("READOUT_FORMULATIONS", str(extra))
    formulations.default_registry.cache_clear()
    reg = phrases.registry()
    rules = phrases.default_rules()

    def key(wording: str) -> str:
        return reg.key(wording, rules)

    assert reg.family(key("orderly fishing")) == "fisheries_order"
    assert reg.family(key("harmony in diversity")) is None
    assert reg.family(key("one China framework")) == "one_china"
    assert reg.family(key("one-China principle")) == "one_china"


@pytest.mark.parametrize(("body", "message"), [
    ("[formulation.Bad-Id]\nwordings = ['x']\n", "lowercase_snake"),
    ("[formulation.x]\nwording = ['x']\n", "unknown field"),
    ("[formulation.x]\ntheme = 'relations'\n", "no wordings"),
    ("[formulation.x]\nwordings = ['a b']\nstance = 'angry'\n", "stance must be"),
    ("[formulation.x\n", "not valid TOML"),
])
def test_bad_registry_file_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             body: str, message: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(body)
    monkeypatch.setenv("READOUT_FORMULATIONS", str(bad))
    with pytest.raises(ConfigError, match=message) as err:
        formulations.Registry.load()
    assert "\n" not in str(err.value) and "bad.toml" in str(err.value)


def test_filler_is_ranked_out() -> None:
    found = _strong(
        "In the 45-minute conversation, the two sides agreed to meet at a convenient time,"
        " noting that huge benefits and shared interests bring close economic ties, while China"
        " opposes \"decoupling\" and seeks to dispel disturbances.")
    values = set(found.values())
    assert "decoupling" in values and "dispel disturbances" in values
    assert not values & {"45-minute conversation", "convenient time", "huge benefits",
                         "shared interests", "close economic ties"}


def test_hostile_and_huge_text_does_not_break_extraction() -> None:
    assert phrases.extract("") == {}
    assert phrases.extract("“‘'\"«»—–") == {}
    big = " ".join(["cooperation and development of the region"] * 5000)
    found = phrases.extract(big)
    assert all(len(k.split()) <= phrases.default_rules().max_words for k in found)


def test_stock_wordings_of_friendship_are_one_formulation_each() -> None:
    reg = phrases.registry()
    rules = phrases.default_rules()
    fam = [reg.family(reg.key(w, rules)) for w in ("all-weather friends",
                                                  "all-weather strategic cooperative partnership")]
    assert fam[0] == fam[1] == "all_weather_partnership"
    assert reg.family(reg.key("iron brothers", rules)) == \
        reg.family(reg.key("ironclad friendship", rules)) == "ironclad_friendship"
    # found in a sentence, as the wording the side used
    found = phrases.extract("Both sides should meet each other halfway on trade.")
    assert "meet each other halfway" in found.values()
