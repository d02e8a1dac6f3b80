"""The theme tagger's matching rules, lookups, and user override files."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.analysis.themes import Taxonomy, Theme, default_taxonomy, normalise
from bot.errors import ConfigError

REQUIRED = ["relations", "exchanges", "trade", "supply_chains", "free_trade", "third_parties",
            "taiwan", "peninsula", "regional_security", "trilateral", "multilateral",
            "internal_affairs", "history", "policy_stability"]


@pytest.fixture(autouse=True)
def _no_user_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READOUT_THEMES", raising=False)


@pytest.fixture
def tax() -> Taxonomy:
    return Taxonomy.load()


def test_shipped_taxonomy_has_required_ids_first_and_complete_themes(tax: Taxonomy) -> None:
    assert tax.ids()[: len(REQUIRED)] == REQUIRED
    assert default_taxonomy().ids() == tax.ids()
    for theme in tax.themes.values():
        assert isinstance(theme, Theme)
        assert theme.label and theme.description
        assert theme.phrases or theme.keywords


def test_tags_come_back_in_taxonomy_order(tax: Taxonomy) -> None:
    text = ("Both sides will keep the Taiwan question in mind, expand trade, "
            "and hold more high-level exchanges.")
    assert tax.tag(text) == ["exchanges", "trade", "taiwan"]


@pytest.mark.parametrize(("text", "theme"), [
    ("They maintain stable supply chains.", "supply_chains"),
    ("It spoke of the supply chain's resilience.", "supply_chains"),
    ("Deeply integrated industrial and supply chains.", "supply_chains"),
    ("They refuse to decouple their economies.", "free_trade"),
    ("Both oppose politicisation of economic issues.", "free_trade"),
    ("South Korea respects the one China policy.", "taiwan"),
    ("South Korea respects the one-China principle.", "taiwan"),
    ("Peace across the Taiwan Strait matters.", "taiwan"),
    ("Talks with the DPRK resumed.", "peninsula"),
    ("They enhance mutual understanding and trust.", "relations"),
    ("China opposes interference in its internal affairs.", "internal_affairs"),
    ("Both should face up to history.", "history"),
    ("Its policy toward Seoul is consistent and stable.", "policy_stability"),
    ("The ties are not targeted at any third party.", "third_parties"),
    ("The two sides should jointly maintain regional peace and stability.",
     "regional_security"),
    ("He welcomed the APEC Economic Leaders' Meeting.", "multilateral"),
    ("They discussed the China-Japan-South Korea cooperation.", "trilateral"),
])
def test_inflections_hyphens_and_coordination_match(tax: Taxonomy, text: str, theme: str) -> None:
    assert theme in tax.tag(text)


@pytest.mark.parametrize(("text", "theme"), [
    ("The trademark dispute went to court.", "trade"),          # whole words only
    ("The two sides exchanged views on the situation.", "exchanges"),  # exclusion
    ("Cooperation will contribute to regional peace and stability.", "regional_security"),
    ("The market is stable and predictable.", "policy_stability"),  # weak word, no 'policy'
    ("China has a long history of trade.", "history"),
    ("International affairs were discussed.", "internal_affairs"),  # not 'internal'
    ("They welcomed free trade.", "trade"),  # free trade is free_trade, not trade
    ("The Arabian Peninsula heat wave continued.", "peninsula"),
])
def test_near_misses_do_not_tag(tax: Taxonomy, text: str, theme: str) -> None:
    assert theme not in tax.tag(text)


def test_normaliser_folds_inflections_but_not_derivations() -> None:
    assert normalise("chains") == normalise("chain")
    assert normalise("decoupling") == normalise("decouple") == normalise("decoupled")
    assert normalise("committed") == normalise("commit")
    assert normalise("neighbours") == normalise("neighbor")
    assert normalise("internal") != normalise("international")
    assert normalise("relations") != normalise("relationship")


def test_matches_give_spans_of_the_words_that_decided(tax: Taxonomy) -> None:
    text = 'They oppose "decoupling" and keep global industrial and supply chains smooth.'
    spans = tax.matches(text, "supply_chains")
    assert [text[s:e] for s, e, _ in spans] == ["industrial and supply chains", "supply chains"]
    assert {term for *_, term in spans} == {"industrial chain", "supply chain"}
    assert [text[s:e] for s, e, _ in tax.matches(text, "free_trade")] == ["decoupling"]
    assert tax.matches(text, "taiwan") == []
    assert tax.matches(text, "no_such_theme") == []


def test_matches_leave_out_excluded_and_unconditioned_hits(tax: Taxonomy) -> None:
    text = "They exchanged views and agreed to more people-to-people exchanges."
    assert [text[s:e] for s, e, _ in tax.matches(text, "exchanges")] == [
        "people-to-people", "exchanges"]


@pytest.mark.parametrize(("word", "theme"), [
    ("supply chains", "supply_chains"), ("Supply_Chains", "supply_chains"),
    ("Korean Peninsula", "peninsula"), ("north korea", "peninsula"), ("APEC", "multilateral"),
    ("taiwan", "taiwan"), ("Policy stability", "policy_stability"), ("decoupling", "free_trade"),
    ("Third parties", "third_parties"), ("one-China", "taiwan"), ("ties", "relations"),
    ("free_trade", "free_trade"), ("Bilateral relations", "relations"),
])
def test_resolve_maps_user_words_to_ids(tax: Taxonomy, word: str, theme: str) -> None:
    assert tax.resolve(word) == theme


@pytest.mark.parametrize("word", ["what", "said", "korea", "", "  ", "third", "the talks"])
def test_resolve_returns_none_for_words_that_name_no_theme(tax: Taxonomy, word: str) -> None:
    assert tax.resolve(word) is None


# -- user files ----------------------------------------------------------------------------

def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_file_adds_a_theme_after_the_shipped_ones(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "mine.toml", """
[theme.fisheries]
label = "Fisheries"
description = "Fishing rights and illegal fishing"
phrases = ["illegal fishing", "fishing rights"]
keywords = ["fisheries"]
""")
    monkeypatch.setenv("READOUT_THEMES", str(path))
    tax = Taxonomy.load()
    assert tax.ids()[-1] == "fisheries"
    assert tax.tag("They discussed illegal fishing and trade.") == ["trade", "fisheries"]
    assert tax.resolve("Fisheries") == "fisheries"


def test_user_fields_replace_and_add_fields_append(tmp_path: Path) -> None:
    path = _write(tmp_path, "mine.toml", """
[theme.taiwan]
phrases = ["cross-Strait"]
keywords = []

[theme.supply_chains]
add_phrases = ["chip supply"]
""")
    tax = Taxonomy.load([path])
    assert tax.themes["taiwan"].phrases == ("cross-Strait",)
    assert tax.themes["taiwan"].label == "Taiwan"  # fields not given stay
    assert "taiwan" not in tax.tag("Taiwan was mentioned.")
    assert "taiwan" in tax.tag("Cross-Strait ties were mentioned.")
    assert tax.themes["supply_chains"].phrases[0] == "supply chain"
    assert tax.themes["supply_chains"].phrases[-1] == "chip supply"
    assert "supply_chains" in tax.tag("Secure chip supply matters.")
    assert "supply_chains" in tax.tag("Secure supply chains matter.")
    assert tax.ids().index("taiwan") == REQUIRED.index("taiwan")  # overrides keep their place


def test_fingerprint_changes_with_the_terms_only(tmp_path: Path, tax: Taxonomy) -> None:
    assert Taxonomy.load().fingerprint() == tax.fingerprint()
    relabel = _write(tmp_path, "label.toml", '[theme.history]\nlabel = "Past"\n')
    assert Taxonomy.load([relabel]).fingerprint() == tax.fingerprint()
    more = _write(tmp_path, "more.toml", '[theme.history]\nadd_phrases = ["old wounds"]\n')
    assert Taxonomy.load([more]).fingerprint() != tax.fingerprint()


def test_user_file_can_disable_a_shipped_theme(tmp_path: Path) -> None:
    path = _write(tmp_path, "off.toml", "[theme.history]\ndisabled = true\n")
    tax = Taxonomy.load([path])
    assert "history" not in tax.ids()
    assert tax.tag("Both should face up to history.") == []


def test_later_files_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = _write(tmp_path, "a.toml", '[theme.history]\nlabel = "Past A"\n')
    b = _write(tmp_path, "b.toml", '[theme.history]\nlabel = "Past B"\n')
    monkeypatch.setenv("READOUT_THEMES", f"{a}{__import__('os').pathsep}{b}")
    assert Taxonomy.load().themes["history"].label == "Past B"


@pytest.mark.parametrize(("text", "message"), [
    ("[theme.x\nphrases = [", "not valid TOML"),
    ('[theme.fish]\nphrase = ["fish"]\n', "unknown field(s) ['phrase']"),
    ('[theme.Fish-Stocks]\nphrases = ["fish"]\n', "snake_case"),
    ('[theme.fish]\nlabel = "Fish"\n', "needs at least one of phrases"),
    ('[theme.fish]\nphrases = "fish"\n', "phrases must be a list"),
    ('[theme.fish]\nphrases = ["fish"]\ndisabled = "yes"\n', "disabled must be"),
    ('[themes.fish]\nphrases = ["fish"]\n', "unknown table"),
])
def test_bad_user_files_are_config_errors_naming_the_file(tmp_path: Path, text: str,
                                                          message: str) -> None:
    path = _write(tmp_path, "broken.toml", text)
    with pytest.raises(ConfigError) as err:
        Taxonomy.load([path])
    assert str(path) in str(err.value)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_user_file_is_a_config_error(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READOUT_THEMES", str(tmp_path / "nope.toml"))
    with pytest.raises(ConfigError, match=r"nope\.toml"):
        Taxonomy.load()


@pytest.mark.parametrize(("text", "expected"), [
    # round 29: a principle of world order is free trade only beside trade or the economy
    ("The two sides should uphold multilateralism and the basic norms of international law.",
     set()),
    ("Both countries will keep opposing unilateralism and bullying.", set()),
    ("Both oppose protectionism and uphold multilateralism.", {"free_trade"}),
    ("They pledged to uphold multilateralism and the WTO-centred trading system.",
     {"trade", "free_trade", "multilateral"}),
    # a free trade agreement is a trade deal, not the principle
    ("They agreed to study a free trade agreement next month.", {"trade"}),
    ("Both sides concluded talks on the upgraded free trade area.", {"trade"}),
    ("China will keep supporting the socio-economic development of the islands.", {"trade"}),
])
def test_principles_and_deals_are_told_apart(tax: Taxonomy, text: str,
                                             expected: set[str]) -> None:
    assert set(tax.tag(text)) - {"relations", "exchanges"} == expected
