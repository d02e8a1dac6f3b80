"""The comparison on hand-built statements: formulations, silences, tone, relationships."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_digest_fixtures import (
    BLINKEN,
    CHO,
    KAMIKAWA,
    WANG,
    fresh_store,
    korea_history,
    meeting,
)

from bot.errors import QueryError
from bot.store import Store
from digests import state
from digests.build import build_digest
from digests.compare import Formulation, _joined, _prune
from digests.phrases import default_rules
from digests.render_json import render_json
from digests.render_text import render_text
from digests.strength import Strength


def _advance(store: Store, destination: str = "terminal") -> None:
    state.move_watermark(store, destination, build_digest(store, destination).to_sid)


def _korea_with_baseline(tmp_path: Path) -> Store:
    store = fresh_store(tmp_path)
    ids = korea_history(store)
    # Baseline: everything before the 2025 meeting has been digested already.
    cut = store.conn.execute(
        "SELECT min(sid) FROM statements WHERE meeting_id=?", (ids["m2025"],)).fetchone()[0]
    state.move_watermark(store, "terminal", cut - 1)
    return store


def _new(digest, side: str = "china") -> set[str]:
    return {p for sec in digest.sections for p in sec.new_phrases_by_side.get(side, [])}


def _section(digest, theme):
    found = [s for s in digest.sections if s.theme == theme]
    assert len(found) == 1, [s.theme for s in digest.sections]
    return found[0]


def test_new_and_repeated_formulations(tmp_path: Path) -> None:
    digest = build_digest(_korea_with_baseline(tmp_path), "terminal")
    sec = _section(digest, "supply_chains")
    assert "decoupling" in _new(digest)  # listed under its own theme, free trade
    assert "decoupling" in _section(digest, "free_trade").new_phrases
    rep = {r["phrase"]: r for r in sec.repeated_phrases}
    # shown with the verb of the proposal; compared on the noun phrase
    phrase = "maintain the stability and smooth flow of global industrial and supply chains"
    assert rep[phrase]["first_used"] == "2024-12-24"
    assert rep[phrase]["count"] == 2  # 2024-12-24 and this meeting
    assert phrase not in sec.new_phrases
    # The evidence: the statement that first used it is among the compared ones.
    assert any(e["event_date"] == "2024-12-24" and phrase in e["text"] for e in sec.earlier)
    assert all(0.0 <= e["similarity"] <= 1.0 for e in sec.earlier)


def test_closest_earlier_by_same_side_is_the_most_similar(tmp_path: Path) -> None:
    digest = build_digest(_korea_with_baseline(tmp_path), "terminal")
    sec = _section(digest, "supply_chains")
    same = [e for e in sec.earlier if e["why"] == "closest by the same side"]
    assert same and same[0]["side"] == "china" and same[0]["event_date"] == "2024-12-24"
    park = [e for e in sec.earlier if e["side"] == "south_korea"]
    if park:  # Park's 2023 line may show as closest overall, never above Wang's repeat
        assert park[0]["similarity"] < same[0]["similarity"]


def test_silent_theme_with_last_raised(tmp_path: Path) -> None:
    digest = build_digest(_korea_with_baseline(tmp_path), "terminal")
    silent = {(s.theme, s.side): s for s in digest.silences}
    # Taiwan is a watched position: one earlier mention makes its absence news.
    assert silent[("taiwan", "china")].last_raised == "2023-07-14"
    assert (silent[("taiwan", "china")].raised, silent[("taiwan", "china")].readouts) == (1, 2)
    # Trilateral cooperation is the prose of every meeting: its absence is not news.
    assert ("trilateral", "china") not in silent
    assert ("relations", "china") not in silent  # raised now
    # Every article here is China's readout: South Korea's silences cannot be judged.
    assert not any(s.side == "south_korea" for s in digest.silences)


def _china_readout(store: Store, source: str, when: str, supply: bool, words: int = 40,
                   end: str = ".") -> str:
    """A China readout of `words` filler words, raising supply chains or not."""
    filler = " ".join(["cooperation"] * words)
    lines: list = [(WANG, f"Wang said relations matter and {filler}{end}", ["relations"])]
    if supply:
        lines.append((WANG, "Wang said the two sides should keep supply chains stable.",
                      ["supply_chains"]))
    return meeting(store, source, when, [WANG, CHO], lines)


def _regular_supply_history(store: Store) -> None:
    for n, when in enumerate(("2023-01-10", "2023-04-10", "2023-07-10")):
        _china_readout(store, f"h{n}.txt", when, supply=True)


def test_regular_theme_silent_only_in_a_full_readout(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    _regular_supply_history(store)
    _advance(store)
    _china_readout(store, "full.txt", "2023-10-10", supply=False, words=60)
    silent = {(s.theme, s.side): s for s in build_digest(store, "terminal").silences}
    assert silent[("supply_chains", "china")].regularity == 1.0
    # The same silence in a three-line brief means nothing.
    store2 = fresh_store(tmp_path, "brief.db")
    _regular_supply_history(store2)
    _advance(store2)
    _china_readout(store2, "brief.txt", "2023-10-10", supply=False, words=2)
    assert not build_digest(store2, "terminal").silences


def test_a_local_papers_item_is_no_readout_to_be_silent_in(tmp_path: Path) -> None:
    # The same complete, full-length account of the fourth meeting: from state media it is
    # silent on supply chains; from a named paper the outlet registry does not know (a local
    # daily carrying the meeting) it says nothing about what the government left out.
    for outlet, silent in (("Xinhua", True), ("Riverside Gazette", False)):
        store = fresh_store(tmp_path, f"{silent}.db")
        _regular_supply_history(store)
        _advance(store)
        meeting(store, "now.txt", "2023-10-10", [WANG, CHO],
                [(WANG, "Wang said relations matter and " + " ".join(["cooperation"] * 60)
                  + ".", ["relations"])], outlet=outlet)
        found = {(s.theme, s.side) for s in build_digest(store, "terminal").silences}
        assert (("supply_chains", "china") in found) is silent, outlet


def test_irregular_theme_is_not_a_silence(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    _china_readout(store, "h0.txt", "2023-01-10", supply=True)
    _china_readout(store, "h1.txt", "2023-04-10", supply=False)
    _china_readout(store, "h2.txt", "2023-07-10", supply=False)
    _advance(store)
    _china_readout(store, "now.txt", "2023-10-10", supply=False)
    assert not build_digest(store, "terminal").silences


def test_cut_off_readout_claims_no_regular_silence(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    _regular_supply_history(store)
    _advance(store)
    _china_readout(store, "cut.txt", "2023-10-10", supply=False, words=60, end=" and the")
    assert not build_digest(store, "terminal").silences


def test_other_sides_report_is_not_a_readout_to_be_silent_in(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    _regular_supply_history(store)
    _advance(store)
    meeting(store, "yonhap.txt", "2023-10-10", [WANG, CHO], [
        (WANG, "Wang said relations matter " + "and cooperation " * 40 + ".", ["relations"]),
    ], outlet="Yonhap", readout="south_korea")
    assert not [s for s in build_digest(store, "terminal").silences if s.side == "china"]


def test_a_meeting_is_never_compared_with_itself(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    _regular_supply_history(store)
    _advance(store)
    # Two reports of one meeting that did not merge (the second dated a day later): the first
    # raised supply chains, the second did not. Neither is history for the other.
    _china_readout(store, "day1.txt", "2023-10-10", supply=True, words=60)
    other = _china_readout(store, "day2.txt", "2023-10-11", supply=False, words=60)
    store.conn.execute("UPDATE meetings SET event_date='2023-10-11' WHERE id=?", (other,))
    digest = build_digest(store, "terminal", since=None)
    for comp in digest.comparisons:
        assert not comp.silences
        assert not [f for f in comp.formulations if f.kind == "repeated"
                    and f.first_used and f.first_used >= "2023-10-10"]


def test_new_wording_of_a_standard_formulation_is_a_change(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    meeting(store, "a.txt", "2025-07-28", [WANG, CHO], [
        (WANG, "China and South Korea should be genuine strategic cooperative partners,"
               " Wang said.", ["relations"])])
    _advance(store)
    meeting(store, "b.txt", "2025-09-17", [WANG, CHO], [
        (WANG, "Wang called on the two countries to be genuine strategic partners.",
         ["relations"])])
    digest = build_digest(store, "terminal")
    rel = _section(digest, "relations")
    assert rel.changed_phrases == [{
        "phrase": "genuine strategic partners",
        "was": "genuine strategic cooperative partners", "side": "china",
        "first_used": "2025-07-28", "formulation": "genuine_strategic_partners"}]
    assert "genuine strategic partners" not in rel.new_phrases
    assert "genuine strategic cooperative partners" not in rel.dropped_phrases
    assert any(b.kind == "changed" and "genuine strategic partners" in b.text
               for b in digest.summary)


def test_never_new_and_repeated_across_themes(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    line = ("China is ready to maintain the stability and smooth flow of global industrial and"
            " supply chains, he said.")
    meeting(store, "a.txt", "2024-12-24", [WANG, CHO], [(WANG, line, ["supply_chains"])])
    _advance(store)
    # The same line now also carries another theme: still repeated, on every theme.
    meeting(store, "b.txt", "2025-07-28", [WANG, CHO], [(WANG, line, ["supply_chains", "trade"])])
    digest = build_digest(store, "terminal")
    assert not _new(digest) & {r["phrase"] for s in digest.sections for r in s.repeated_phrases}
    assert not any("stability and smooth flow" in p for p in _new(digest))


def test_dropped_phrases_from_previous_meeting_of_that_side(tmp_path: Path) -> None:
    digest = build_digest(_korea_with_baseline(tmp_path), "terminal")
    rel = _section(digest, "relations")
    assert "momentum of improvement" in rel.dropped_by_side["china"]
    # Park's 2023 words are South Korea's, not China's, and not from the previous meeting.
    assert "close neighbors" not in rel.dropped_by_side.get("china", [])


def test_tone_shift_against_previous_meeting(tmp_path: Path) -> None:
    store = _korea_with_baseline(tmp_path)
    tone = {t.side: t for t in build_digest(store, "terminal").tone}
    china = tone["china"]
    assert china.previous_date == "2024-12-24"
    # The mean over the statements of Wang's in China's 2024 readout that carry a cue:
    # "momentum of improvement" (+3) in the one of three that does (the two procedural ones
    # say nothing of the tone; averaged in, they had made it +1.0)
    assert china.previous == 3.0
    assert "fresh positive dynamics" in [c.phrase for c in china.drivers]
    assert china.delta == pytest.approx(china.current - china.previous)
    # "China and South Korea should jointly oppose ...": a proposal for both, no demand on
    # the other side (round 28); a demand is "the ROK side should" (tests/test_tone.py)
    assert china.stance["warmth"] > 0 and china.stance["demand"] == 0
    assert any(c.phrase == "fresh positive dynamics" and d == 1 for c, d in china.moved)
    # South Korea has no readout of its own here: its tone is not judged from China's.
    assert "south_korea" not in tone


def test_tone_moves_from_difficulties_to_improvement(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    korea_history(store)
    digest = build_digest(store, "terminal", since=date(2020, 1, 1))
    china = next(t for t in digest.tone if t.side == "china" and t.event_date == "2024-12-24")
    assert china.previous < 0 < china.current
    assert china.previous_drivers[0].phrase == "increasing difficulties and challenges"


def test_reprints_count_as_one_meeting(tmp_path: Path) -> None:
    store = _korea_with_baseline(tmp_path)
    # A People's Daily reprint of the 2024 call: same meeting, same sentences.
    meeting(store, "a2024-reprint.txt", "2024-12-24", [WANG, ("Cho Tae-yul", "south_korea")], [
        (WANG, "China is ready to jointly maintain the stability and smooth flow of global"
               " industrial and supply chains, he said.", ["supply_chains"]),
        (WANG, "Relations have recently shown a momentum of improvement, Wang said.",
         ["relations"]),
    ], fmt="phone_call", outlet="People's Daily")
    assert store.counts()["meetings"] == 3
    sec = _section(build_digest(store, "terminal"), "supply_chains")
    rep = {r["phrase"]: r for r in sec.repeated_phrases}
    assert rep["maintain the stability and smooth flow of global industrial and supply"
               " chains"]["count"] == 2


def test_relationships_stay_apart_unless_widened(tmp_path: Path) -> None:
    store = _korea_with_baseline(tmp_path)
    _advance(store)
    meeting(store, "us-japan-1.txt", "2024-04-10", [BLINKEN, KAMIKAWA], [
        (BLINKEN, "Blinken stressed the importance of resilient supply chains and opposed"
                  " decoupling.", ["supply_chains"]),
    ], outlet="State Department")
    meeting(store, "us-japan-2.txt", "2025-08-01", [BLINKEN, KAMIKAWA], [
        (BLINKEN, "Blinken said the two countries will build resilient supply chains and"
                  " maintain the stability and smooth flow of global industrial and supply"
                  " chains.", ["supply_chains"]),
    ], outlet="State Department")
    digest = build_digest(store, "terminal")
    late = next(s for s in digest.sections if s.event_date == "2025-08-01")
    # Only US-Japan history: "resilient supply chains" repeats, Wang's phrase is new here.
    assert {r["phrase"] for r in late.repeated_phrases} == {"build resilient supply chains"}
    assert "maintain the stability and smooth flow of global industrial and supply chains" \
        in late.new_phrases
    assert all(e["side"] == "united_states" for e in late.earlier)
    wide = build_digest(store, "terminal", widen=True)
    wide_late = next(s for s in wide.sections if s.event_date == "2025-08-01")
    # Widened, the same side's history is still the United States' own; the overall closest
    # statement may now come from another relationship.
    assert {e["side"] for e in wide_late.earlier} >= {"united_states", "china"}


def test_first_digest_is_the_latest_meeting_and_watermark_limits_the_next(
        tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    korea_history(store)
    first = build_digest(store, "terminal")
    assert first.new_statements == 3 and [m["event_date"] for m in first.meetings] == [
        "2025-07-28"]
    assert first.to_sid == state.max_sid(store)
    assert build_digest(store, "terminal").new_statements == 3  # building does not move it
    _advance(store)
    assert build_digest(store, "terminal").empty
    assert build_digest(store, "other-destination").new_statements == 3
    # --since covers what it says.
    assert len(build_digest(store, "terminal", since=date(2020, 1, 1)).meetings) == 3


def test_theme_filter_and_unknown_theme(tmp_path: Path) -> None:
    store = _korea_with_baseline(tmp_path)
    digest = build_digest(store, "terminal", themes=["supply_chains"])
    assert {s.theme for s in digest.sections} == {"supply_chains"}
    assert all(s.theme == "supply_chains" for s in digest.silences)
    assert digest.tone == []
    with pytest.raises(QueryError, match=r"valid themes: .*supply_chains"):
        build_digest(store, "terminal", themes=["suply_chains"])


def test_replaced_article_leaves_the_comparison_index(tmp_path: Path) -> None:
    store = _korea_with_baseline(tmp_path)
    build_digest(store, "terminal")
    aid = store.conn.execute("SELECT id FROM articles WHERE source='a2024.txt'").fetchone()[0]
    store.remove_article(aid)
    sec = _section(build_digest(store, "terminal"), "supply_chains")
    # Without the 2024 call the phrase has never been used by China before.
    assert "maintain the stability and smooth flow of global industrial and supply chains" \
        in sec.new_phrases
    assert not any(e["event_date"] == "2024-12-24" for e in sec.earlier)


def test_order_most_significant_first(tmp_path: Path) -> None:
    digest = build_digest(_korea_with_baseline(tmp_path), "terminal")
    tiers = [s.tier for s in digest.ordered_sections()]
    assert tiers == sorted(tiers)
    assert digest.ordered_sections()[0].new_phrases
    assert "china" in {t.side for t in digest.tone}


def test_statement_changed_in_place_is_reindexed(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    line = ("China is ready to jointly maintain the stability and smooth flow of global"
            " industrial and supply chains, he said.")
    meeting(store, "first.txt", "2024-12-24", [WANG, CHO], [(None, line, ["supply_chains"])],
            fmt="phone_call")
    build_digest(store, "terminal")  # indexes it as narration
    # A reprint attributes the sentence to Wang: the store fills in speaker and side in place.
    meeting(store, "reprint.txt", "2024-12-24", [WANG, CHO], [(WANG, line, ["supply_chains"])],
            fmt="phone_call", outlet="People's Daily")
    assert store.conn.execute("SELECT side FROM statements").fetchone()[0] == "china"
    state.move_watermark(store, "terminal", state.max_sid(store))
    meeting(store, "later.txt", "2025-07-28", [WANG, CHO], [(WANG, line, ["supply_chains"])],
            fmt="phone_call")
    sec = _section(build_digest(store, "terminal"), "supply_chains")
    assert [r["first_used"] for r in sec.repeated_phrases] == ["2024-12-24"]


def test_changed_phrase_configuration_recomputes_stored_formulations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from digests import formulations, phrases

    store = _korea_with_baseline(tmp_path)
    assert "decoupling" in _new(build_digest(store, "terminal"))
    extra = tmp_path / "phrases.toml"
    extra.write_text('remove_key_terms = ["decoupling"]\n')
    registry = tmp_path / "formulations.toml"
    registry.write_text("[formulation.decoupling]\ndisabled = true\n")
    monkeypatch.setenv("READOUT_PHRASES", str(extra))
    monkeypatch.setenv("READOUT_FORMULATIONS", str(registry))
    phrases.default_rules.cache_clear()
    formulations.default_registry.cache_clear()
    try:
        assert "decoupling" not in _new(build_digest(store, "terminal"))
    finally:
        monkeypatch.delenv("READOUT_PHRASES")
        monkeypatch.delenv("READOUT_FORMULATIONS")
        phrases.default_rules.cache_clear()
        formulations.default_registry.cache_clear()


_FILLER = "Wang said the two sides will keep talking about " + "cooperation and " * 30 + "trade."
_TAIWAN = "Wang said Japan must abide by the one-China principle on the Taiwan question."


def _japan_china(store: Store, source: str, when: str, lines: list) -> str:
    return meeting(store, source, when, [WANG, KAMIKAWA], lines)


@pytest.mark.parametrize(("earlier", "claimed"), [
    (["first", "first"], True),   # a habit of saying it up front: silent past that point
    (["last", "last"], False),    # said at the end: the cut came before it
    (["first"], False),           # said up front once is no habit
    (["first", "first", "closing"], False),  # it has closed a readout: it may again
])
def test_cut_readout_claims_a_watched_silence_only_past_where_it_is_said(
        tmp_path: Path, earlier: list[str], claimed: bool) -> None:
    """A readout cut off mid-sentence is silent on Taiwan only if the side's readouts usually
    raise it well before where this one stops (Chinese readouts up front; others at the end),
    at two readouts at least, and never in their closing lines."""
    store = fresh_store(tmp_path)
    said = [(WANG, _TAIWAN, ["taiwan"]), (WANG, _FILLER, ["relations"])]
    closing = [(WANG, _FILLER + " " + _FILLER, ["relations"]), (WANG, _TAIWAN, ["taiwan"])]
    shapes = {"first": said, "last": said[::-1], "closing": closing}
    for i, shape in enumerate(earlier):
        _japan_china(store, f"h{i}.txt", f"2024-0{i + 1}-10", shapes[shape])
    _advance(store)
    _japan_china(store, "cut.txt", "2024-05-10",
                 [(WANG, _FILLER + " Wang added that both should", ["relations"])])
    silent = {(s.side, s.theme) for s in build_digest(store, "terminal").silences}
    assert (("china", "taiwan") in silent) is claimed


def test_one_sided_theme_against_an_excerpt_cut_before_the_positions_says_so(
        tmp_path: Path) -> None:
    def run(name: str, japan_end: str) -> tuple[dict[tuple[str, str], list[str]], str, dict]:
        store = fresh_store(tmp_path, name)
        meeting(store, "cn.txt", "2024-05-10", [WANG, KAMIKAWA], [
            (WANG, _TAIWAN, ["taiwan"]), (WANG, _FILLER, ["relations"])])
        meeting(store, "jp.txt", "2024-05-10", [WANG, KAMIKAWA], [
            (KAMIKAWA, "Kamikawa said Japan values " + "its relations and " * 30
             + "exchanges" + japan_end, ["relations"])], outlet="MOFA Japan", readout="japan")
        digest = build_digest(store, "terminal", since=None)
        claims = {(o.side, o.theme): o.cut_off for c in digest.comparisons for o in c.one_sided}
        return claims, render_text(digest), render_json(digest)

    claims, text, _js = run("whole.db", ".")
    assert claims[("china", "taiwan")] == []
    assert "cut off" not in text
    # Japan's readout stops mid-sentence before it reached any position: it may raise Taiwan
    # further on. The claim is made (analysts flag it on what they have) and says so.
    claims, text, js = run("cut.db", " and the")
    assert claims[("china", "taiwan")] == ["japan"]
    assert "Taiwan in China's readout only" in text and "(Japan’s report is cut off)" in text
    assert [o["cut_off"] for o in js["one_sided"]] == [["japan"]]


def test_a_wording_inside_another_is_repeated_not_changed(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    meeting(store, "a.txt", "2024-01-10", [BLINKEN, KAMIKAWA], [
        (BLINKEN, "Blinken said the allies will resist economic coercion.", ["free_trade"])],
        outlet="State Department", readout="united_states")
    _advance(store)
    meeting(store, "b.txt", "2024-06-10", [BLINKEN, KAMIKAWA], [
        (BLINKEN, "Blinken said the allies will build resilience to economic coercion.",
         ["free_trade"])], outlet="State Department", readout="united_states")
    digest = build_digest(store, "terminal")
    forms = {(f.kind, f.phrase) for c in digest.comparisons for f in c.formulations
             if f.side == "united_states"}
    assert ("repeated", "build resilience to economic coercion") in forms
    assert not any(kind == "changed" for kind, _p in forms)
    # "coercion", a key term, is inside the listed phrase: not listed again on its own.
    assert not any(p == "coercion" for _k, p in forms
                   if _k in ("new", "repeated"))


def test_cut_readout_claims_no_silence_on_what_the_side_says_at_its_end(tmp_path: Path) -> None:
    """A side that lists Taiwan among its closing concerns says it after any cut: a long
    excerpt of its next readout, cut off mid-sentence, is not silent on Taiwan, even though
    the earlier readout reached Taiwan within fewer characters than the excerpt has."""
    store = fresh_store(tmp_path)
    _japan_china(store, "h.txt", "2024-01-10",
                 [(WANG, _FILLER, ["relations"]), (WANG, _TAIWAN, ["taiwan"])])
    _advance(store)
    long_filler = _FILLER + " " + _FILLER + " " + _FILLER
    _japan_china(store, "cut.txt", "2024-05-10",
                 [(WANG, long_filler + " Wang added that both should", ["relations"])])
    silent = {(s.side, s.theme) for s in build_digest(store, "terminal").silences}
    assert ("china", "taiwan") not in silent


def _f(key: str, why: str, value: float) -> Formulation:
    return Formulation(key, key, "china", "new", "relations", Strength(value, why))


def test_a_standard_wording_inside_a_slightly_longer_listed_one_is_listed_once() -> None:
    rules = default_rules()
    items = [_f("close friend and reliable partner", "registry", 3.0),
             _f("reliable partner", "registry", 3.0)]
    assert [f.key for f in _prune(items, rules)] == ["close friend and reliable partner"]


def test_a_standard_wording_inside_one_with_articles_is_listed_once() -> None:
    # A registry wording keeps its "the": it is not a word more of the longer wording.
    rules = default_rules()
    items = [_f("complete denuclearization of the korean peninsula", "registry", 3.0),
             _f("denuclearization", "registry", 3.0)]
    assert [f.key for f in _prune(items, rules)] == [
        "complete denuclearization of the korean peninsula"]


def test_a_standard_wording_inside_a_long_run_is_still_listed_on_its_own() -> None:
    rules = default_rules()
    items = [_f("beneficiary of openness and fair rules and market access and decoupling",
                "phrase", 1.0),
             _f("decoupling", "quoted", 2.5)]
    assert "decoupling" in [f.key for f in _prune(items, rules)]


def test_a_wording_beside_another_action_is_listed_alone_never_lost() -> None:
    # "deepen consultation and practise open regionalism": the run coordinates an action with
    # the wording; both were once pruned, each for the other
    rules = default_rules()
    items = [_f("deepen consultation and practice open regionalism", "phrase", 1.0),
             _f("open regionalism", "registry", 3.0)]
    assert [f.key for f in _prune(items, rules)] == ["open regionalism"]
    # a longer wording of one noun phrase still stands for it
    items = [_f("close neighbor and reliable partner", "phrase", 1.0),
             _f("reliable partner", "registry", 3.0)]
    assert [f.key for f in _prune(items, rules)] == ["close neighbor and reliable partner"]


def test_one_word_added_to_an_earlier_wording_is_a_change_not_new(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    meeting(store, "a.txt", "2024-01-10", [WANG, CHO], [
        (WANG, "Wang said the two countries are dependable friends and practical partners.",
         ["relations"])])
    _advance(store)
    meeting(store, "b.txt", "2024-06-10", [WANG, CHO], [
        (WANG, "Wang said the two countries are close dependable friends and practical"
               " partners.", ["relations"])])
    digest = build_digest(store, "terminal")
    changed = [c for sec in digest.sections for c in sec.changed_phrases if c["side"] == "china"]
    assert [c["phrase"] for c in changed] == ["close dependable friends and practical partners"]
    assert "dependable friends and practical partners" in changed[0]["was"]
    assert "close dependable friends and practical partners" not in _new(digest)


def test_a_wording_sharing_two_words_with_an_earlier_one_is_still_new(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    meeting(store, "a.txt", "2024-01-10", [WANG, CHO], [
        (WANG, "Wang called for dependable friends and practical partners.", ["relations"])])
    _advance(store)
    meeting(store, "b.txt", "2024-06-10", [WANG, CHO], [
        (WANG, "Wang called for steady friends and durable partners.", ["relations"])])
    digest = build_digest(store, "terminal")
    assert not any(sec.changed_phrases for sec in digest.sections)


def test_one_word_swapped_in_a_known_wording_is_a_change_not_silence(tmp_path: Path) -> None:
    """"worldwide free commerce regime" after "global free commerce regime": the run holds a
    wording used before less one word, so it was never new; it is that formulation in other
    words, and the digest says so instead of nothing."""
    store = fresh_store(tmp_path)
    meeting(store, "a.txt", "2024-01-10", [WANG, CHO], [
        (WANG, "Wang said both must defend the global free commerce regime.", ["free_trade"])])
    _advance(store)
    meeting(store, "b.txt", "2024-06-10", [WANG, CHO], [
        (WANG, "Wang said both must defend the worldwide free commerce regime.", ["free_trade"])])
    digest = build_digest(store, "terminal")
    changed = {c["phrase"]: c for sec in digest.sections for c in sec.changed_phrases}
    # shown with the verb the side used on it (display only: the key is the noun phrase)
    assert "defend the worldwide free commerce regime" in changed
    assert "global free commerce regime" in \
        changed["defend the worldwide free commerce regime"]["was"]


def test_an_earlier_wording_in_another_order_is_repeated(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    meeting(store, "a.txt", "2024-01-10", [WANG, CHO], [
        (WANG, "Wang said the two held candid, in-depth, and constructive consultations.",
         ["relations"])])
    _advance(store)
    meeting(store, "b.txt", "2024-06-10", [WANG, CHO], [
        (WANG, "Wang said the two held candid, constructive, and in-depth consultations.",
         ["relations"])])
    digest = build_digest(store, "terminal")
    reps = {r["phrase"] for sec in digest.sections for r in sec.repeated_phrases
            if r["side"] == "china"}
    assert "candid, constructive, and in-depth consultations" in reps
    assert not any("constructive" in p for p in _new(digest))


def _fam(key: str, fid: str | None, value: float = 3.0, why: str = "registry",
         phrase: str = "") -> Formulation:
    return Formulation(key, phrase or key, "china", "new", "relations", Strength(value, why),
                       formulation=fid)


def test_two_wordings_of_one_formulation_at_one_meeting_are_one_item() -> None:
    rules = default_rules()
    # a registry wording inside its family's fuller wording, and an acronym of one
    items = [_fam("strategic cooperative partnership", "scp"),
             _fam("strategic partnership", "scp"),
             _fam("free trade area of the asia-pacific", "ftaap",
                  phrase="Free Trade Area of the Asia-Pacific"),
             _fam("ftaap", "ftaap", phrase="FTAAP")]
    kept = _prune(items, rules)
    assert [f.key for f in kept] == ["strategic cooperative partnership",
                                     "free trade area of the asia-pacific"]
    assert kept[0].also == ["strategic partnership"] and kept[1].also == ["FTAAP"]
    # two reports' translations of one sentence: one word apart
    items = [_fam("resume exchange at all level", None, 2.0, "stance"),
             _fam("restart exchange at all level", None, 2.0, "stance"),
             _fam("important neighbor and cooperation partner", None, 1.6, "phrase"),
             _fam("important neighbor and cooperative partner", None, 1.6, "phrase")]
    assert [f.key for f in _prune(items, rules)] == [
        "resume exchange at all level", "important neighbor and cooperation partner"]


def test_one_registry_family_can_hold_wordings_an_analyst_tracks_apart() -> None:
    rules = default_rules()
    items = [_fam("a fact that will never change", "never_change"),
             _fam("common sense that will never change", "never_change")]
    assert len(_prune(items, rules)) == 2


def test_a_standard_wording_in_a_serial_list_is_listed_with_the_list() -> None:
    rules = default_rules()
    whole = "taiwan relations act three joint communique and six assurance"
    items = [_fam("three joint communique", "communiques"),
             _fam(whole, None, 1.0, "phrase",
                  phrase="Taiwan Relations Act, the three Joint Communiques, and the Six"
                         " Assurances"),
             # a long run that is no list still lets the standard wording stand alone
             _fam("decoupling", "decoupling"),
             _fam("oppose decoupling and severing of industrial chain", None, 1.0, "phrase")]
    kept = [f.key for f in _prune(items, rules)]
    assert "three joint communique" not in kept and whole in kept
    assert "decoupling" in kept


def test_new_phrases_that_meet_in_one_sentence_are_listed_as_one() -> None:
    rules = default_rules()
    said = "Wang said China will always remember the timely help of its friends in Rome."
    other = "He called for steady and open dialogue to rebuild trust, and for more flights."
    items = [_fam("china will always remember", None, 2.0, "stance",
                  phrase="China will always remember"),
             _fam("remember timely help of its friend in rome", None, 1.1, "proposal",
                  phrase="remember the timely help of its friends in Rome"),
             # joined across "to", not across ", and": list items stay the side's own
             _fam("steady and open dialogue", None, 1.0, "phrase",
                  phrase="steady and open dialogue"),
             _fam("rebuild trust", "trust", 3.0, "registry", phrase="rebuild trust"),
             _fam("more flight", None, 1.0, "phrase", phrase="more flights")]
    where = {f.key: (said if "remember" in f.key else other) for f in items}
    got = [f.phrase for f in _joined(items, where, rules)]
    assert got == ["China will always remember the timely help of its friends in Rome",
                   "steady and open dialogue to rebuild trust", "more flights"]
    joined = _joined(items, where, rules)[0]
    assert joined.strength.score == 2.0 and joined.kind == "new"
    # one starting where another starts and running on is nested, not joined
    nested = [_fam("meet halfway", "halfway", 3.0, "registry", phrase="meet us halfway"),
              _fam("meet halfway and settle border", None, 1.1, "proposal",
                   phrase="meet us halfway and settle the border")]
    where2 = {f.key: "They should meet us halfway and settle the border." for f in nested}
    assert [f.phrase for f in _joined(nested, where2, rules)] == [
        "meet us halfway", "meet us halfway and settle the border"]
    # the joined span already a phrase of its own is listed once
    whole = _fam("steady and open dialogue to rebuild trust", None, 1.0, "phrase",
                 phrase="steady and open dialogue to rebuild trust")
    where[whole.key] = other
    got = [f.phrase for f in _joined([*items, whole], where, rules)]
    assert got.count("steady and open dialogue to rebuild trust") == 1
    # a repeated phrase beside a new one is not joined to it
    items[1].kind = "repeated"
    assert len(_joined(items, where, rules)) == 4


def _one_sided(store: Store) -> set[tuple[str, str]]:
    digest = build_digest(store, "terminal", since=None)
    return {(o.side, o.theme) for c in digest.comparisons for o in c.one_sided}


def test_a_brief_readout_is_a_readout_a_theme_can_be_missing_from(tmp_path: Path) -> None:
    """Round 18: a government's short account of a meeting is its choice of what to say;
    a theme the other government's readout raised and it left out is one-sided."""
    store = fresh_store(tmp_path)
    # Japan's usual readout is long; at this meeting it published a brief
    for i, when in enumerate(("2023-03-01", "2023-09-01", "2024-01-10")):
        meeting(store, f"jp{i}.txt", when, [WANG, KAMIKAWA], [
            (KAMIKAWA, "Kamikawa said Japan values " + "its relations and " * 40 + "trade.",
             ["relations"])], outlet="MOFA Japan", readout="japan")
    meeting(store, "cn.txt", "2024-05-10", [WANG, KAMIKAWA], [
        (WANG, _TAIWAN, ["taiwan"]), (WANG, _FILLER, ["relations"])])
    meeting(store, "jp.txt", "2024-05-10", [WANG, KAMIKAWA], [
        (KAMIKAWA, "Kamikawa said the two ministers discussed relations and trade.",
         ["relations", "trade"])], outlet="MOFA Japan", readout="japan")
    assert ("china", "taiwan") in _one_sided(store)


def test_what_a_readout_reports_the_other_side_saying_is_in_that_readout(
        tmp_path: Path) -> None:
    """China's readout has the Japanese minister adhering to the one-China principle; Japan's
    own readout says nothing of Taiwan: Taiwan is in China's readout only (China chose to
    report it), as an analyst reads the two."""
    store = fresh_store(tmp_path)
    meeting(store, "cn.txt", "2024-05-10", [WANG, KAMIKAWA], [
        (KAMIKAWA, "Kamikawa said Japan adheres to the one-China principle on the Taiwan "
                   "question.", ["taiwan"]), (WANG, _FILLER, ["relations"])])
    meeting(store, "jp.txt", "2024-05-10", [WANG, KAMIKAWA], [
        (KAMIKAWA, "Kamikawa said Japan values " + "its relations and " * 30 + "trade.",
         ["relations", "trade"])], outlet="MOFA Japan", readout="japan")
    assert ("china", "taiwan") in _one_sided(store)


def test_a_third_countrys_news_item_is_nobodys_readout(tmp_path: Path) -> None:
    # China's readout and a wire story that names no government's account: nothing to compare
    store = fresh_store(tmp_path)
    meeting(store, "cn.txt", "2024-05-10", [WANG, KAMIKAWA], [
        (WANG, _TAIWAN, ["taiwan"]), (WANG, _FILLER, ["relations"])])
    meeting(store, "wire.txt", "2024-05-10", [WANG, KAMIKAWA], [
        (None, "The ministers met for two hours and discussed " + "trade and " * 30
         + "relations.", ["relations", "trade"])], outlet="Reuters", readout="unknown")
    assert not _one_sided(store)


def test_procedural_sentences_do_not_dilute_a_readouts_tone(tmp_path: Path) -> None:
    """Round 18: the same warm words in a readout with more sentences of procedure ("The two
    ministers exchanged views on ...") are the same tone, not a cooler one."""
    store = fresh_store(tmp_path)
    warm = (WANG, "Wang said relations show a momentum of improvement.", ["relations"])
    dull = [(WANG, f"Wang said the two ministers exchanged views on item {n} of the agenda.",
             ["relations"]) for n in range(4)]
    meeting(store, "a.txt", "2024-01-10", [WANG, KAMIKAWA], [warm])
    meeting(store, "b.txt", "2024-06-10", [WANG, KAMIKAWA], [warm, *dull])
    tone = {t.side: t for t in build_digest(store, "terminal", since=None).tone}
    assert tone["china"].current == tone["china"].previous > 0


def test_narration_of_a_governments_own_readout_counts_for_its_standard_wordings(
        tmp_path: Path) -> None:
    """(issue 9, round 25) "The talks also covered the joint statement on the comprehensive
    strategic partnership" in Tokyo's own readout, no speaker named: the registry's wording is
    Japan's choice of words and is listed for Japan; a plain noun phrase of the same narration
    ("the ministry's conference hall") is not, nor narration in the other side's report."""
    store = fresh_store(tmp_path)
    _japan_china(store, "jp0.txt", "2024-01-10",
                 [(KAMIKAWA, "Kamikawa said Japan values its relations with China.",
                   ["relations"])])
    _advance(store)
    narration = ("The talks in the ministry's conference hall also covered the follow-up to the"
                 " mutually beneficial relationship based on common strategic interests.")
    meeting(store, "jp.txt", "2024-05-10", [WANG, KAMIKAWA], [
        (KAMIKAWA, "Kamikawa said Japan values its relations with China.", ["relations"]),
        (None, narration, ["relations"])], outlet="MOFA Japan", readout="japan")
    meeting(store, "cn.txt", "2024-05-10", [WANG, KAMIKAWA], [
        (WANG, "Wang Yi said China values its relations with Japan.", ["relations"])])
    # a wire story's narration is no government's wording
    meeting(store, "wire.txt", "2024-05-10", [WANG, KAMIKAWA], [
        (None, "The meeting also touched on a comprehensive strategic partnership.",
         ["relations"])], outlet="Wire", readout=None)  # type: ignore[arg-type]
    digest = build_digest(store, "terminal")
    japan = _new(digest, "japan")
    assert any("mutually beneficial relationship" in p for p in japan), japan
    assert not any("conference hall" in p for p in japan)
    assert not any("comprehensive strategic partnership" in p
                   for side in ("china", "japan") for p in _new(digest, side))


def test_trade_in_one_readout_only_is_claimed_relations_in_one_only_is_not(
        tmp_path: Path) -> None:
    """(issue 9, round 25) Trade and multilateral fora are prose of every meeting for silences,
    yet Tokyo's readout raising trade while Beijing's says nothing of it is what analysts
    flag; "relations" in one readout only is not news. A user's taxonomy may say otherwise
    (`one_sided`)."""
    store = fresh_store(tmp_path)
    meeting(store, "cn.txt", "2024-05-10", [WANG, KAMIKAWA], [
        (WANG, "Wang Yi said China values its relations with Japan.", ["relations"]),
        (WANG, "Wang Yi said China firmly adheres to the one-China principle.", ["taiwan"])])
    meeting(store, "jp.txt", "2024-05-10", [WANG, KAMIKAWA], [
        (KAMIKAWA, "Kamikawa asked China to lift its import ban on Japanese seafood and to"
         " expand trade and investment.", ["trade"])], outlet="MOFA Japan", readout="japan")
    claims = {(o.side, o.theme) for c in build_digest(store, "terminal", since=None).comparisons
              for o in c.one_sided}
    assert ("japan", "trade") in claims
    assert ("china", "relations") not in claims
    assert ("china", "taiwan") in claims


def test_a_taxonomy_says_whether_a_theme_is_claimed_one_sided(tmp_path: Path,
                                                              monkeypatch) -> None:
    from bot.analysis.themes import default_taxonomy
    from bot.errors import ConfigError

    mine = tmp_path / "mine.toml"
    mine.write_text('[theme.trade]\none_sided = false\n[theme.relations]\none_sided = true\n')
    monkeypatch.setenv("READOUT_THEMES", str(mine))
    default_taxonomy.cache_clear()
    try:
        themes = default_taxonomy().themes
        assert not themes["trade"].contrasted and themes["relations"].contrasted
        assert themes["taiwan"].contrasted and not themes["exchanges"].contrasted
        mine.write_text('[theme.trade]\none_sided = "yes"\n')
        default_taxonomy.cache_clear()
        with pytest.raises(ConfigError, match="one_sided must be true or false"):
            default_taxonomy()
    finally:
        monkeypatch.delenv("READOUT_THEMES")
        default_taxonomy.cache_clear()


def test_a_new_formulations_bullet_quotes_up_to_five_and_the_summary_stays_short() -> None:
    from digests.compare import MeetingComparison
    from digests.summary import MAX_WORDS, PHRASES_PER_BULLET, candidates, select

    words = ["steady", "open", "fair", "firm", "broad", "close", "warm"]
    forms = [Formulation(f"{w} partnership of equals", f"{w} partnership of equals", "china",
                         "new", "relations", Strength(3.0, "registry"), [f"s{i}"])
             for i, w in enumerate(words)]
    bullets = select(candidates(MeetingComparison([], [], [], forms)))
    new = [b for b in bullets if b.kind == "new"]
    assert len(new) == 1 and PHRASES_PER_BULLET == 5
    assert new[0].text.count("partnership of equals") == 5  # the strongest five, not all seven
    assert sum(len(b.text.split()) for b in bullets) <= MAX_WORDS


def _after_a_baseline(tmp_path: Path, lines: list) -> Any:
    """The digest of a meeting with `lines`, after a digested first meeting of the same two
    ministers that said only that they are neighbours."""
    store = fresh_store(tmp_path)
    meeting(store, "a.txt", "2024-01-10", [WANG, CHO], [
        (WANG, "Wang said the two countries are close neighbours.", ["relations"])])
    _advance(store)
    meeting(store, "b.txt", "2024-06-10", [WANG, CHO], lines)
    return build_digest(store, "terminal")


def test_a_standard_wording_in_every_readout_is_no_news_but_a_watched_one_is(
        tmp_path: Path) -> None:
    """"high-level exchanges" and the "Belt and Road Initiative" are in a fifth of all readouts
    (the background corpus): first heard between these two, they are no change an analyst
    flags. A side's first "one-China principle" is, however common; so is a rarer standard
    wording ("the original intention of establishing diplomatic ties")."""
    new = _new(_after_a_baseline(tmp_path, [
        (WANG, "Wang called for more high-level exchanges and cooperation under the Belt and"
               " Road Initiative.", ["exchanges", "trade"]),
        (WANG, "Wang said China appreciates the ROK's adherence to the one-China principle.",
         ["taiwan"]),
        (WANG, "Wang said both sides should stay true to the original intention of establishing"
               " diplomatic ties.", ["relations"])]))
    assert not any("high-level exchanges" in p or "Belt and Road" in p for p in new), new
    assert any("one-China principle" in p for p in new), new
    assert any("original intention of establishing diplomatic ties" in p for p in new), new


def test_a_position_is_shown_in_its_short_clause(tmp_path: Path) -> None:
    """Analysts write a position down as the clause that states it; the bare contrast or the
    quoted words alone ("partners, not rivals") lose who is what."""
    digest = _after_a_baseline(tmp_path, [
        (WANG, "Wang said China and the ROK have always been partners, not rivals, and that the"
               " two sides should deepen cooperation.", ["relations"]),
        (CHO, "\u201cWe must boost our efforts to broker peace,\u201d Cho told reporters after the"
              " long and detailed talks in the capital that lasted well into the evening.",
         ["peninsula"])])
    assert "China and the ROK have always been partners, not rivals" in _new(digest)
    # a long sentence around a short quote keeps the quote alone
    assert not any("lasted well into the evening" in p for p in _new(digest, "south_korea"))


def test_two_wordings_of_boilerplate_are_the_same_line_not_a_change(tmp_path: Path) -> None:
    """"Belt and Road Initiative" after "Belt and Road cooperation": both in a fifth of all
    readouts, one line repeated; "genuine strategic partners" after "genuine strategic
    cooperative partners" is still a change of wording."""
    store = fresh_store(tmp_path)
    meeting(store, "a.txt", "2024-01-10", [WANG, CHO], [
        (WANG, "Wang said the two sides should deepen Belt and Road cooperation.", ["trade"]),
        (WANG, "Wang said the two countries are genuine strategic cooperative partners.",
         ["relations"])])
    _advance(store)
    meeting(store, "b.txt", "2024-06-10", [WANG, CHO], [
        (WANG, "Wang said the two sides should advance the Belt and Road Initiative.",
         ["trade"]),
        (WANG, "Wang said the two countries are genuine strategic partners.", ["relations"])])
    digest = build_digest(store, "terminal")
    changed = [c["phrase"] for sec in digest.sections for c in sec.changed_phrases]
    assert not any("Belt and Road" in c for c in changed), changed
    assert any("genuine strategic partners" in c for c in changed), changed


def test_boilerplate_said_again_or_left_out_is_not_listed(tmp_path: Path) -> None:
    """"high-level exchanges" said again is not "repeated", nor left out "dropped"; a rarer
    standard wording is both."""
    store = fresh_store(tmp_path)
    filler = [(WANG, f"Wang said the two sides discussed matter number {n} in detail and"
                     " agreed to keep in touch on it.", ["relations"]) for n in range(3)]
    both = [
        (WANG, "Wang called for more high-level exchanges between the two countries.",
         ["exchanges"]),
        (WANG, "Wang said both sides should stay true to the original intention of establishing"
               " diplomatic ties.", ["relations"])]
    meeting(store, "a.txt", "2024-01-10", [WANG, CHO], [*both, *filler])
    _advance(store)
    meeting(store, "b.txt", "2024-06-10", [WANG, CHO], [*both, *filler])
    digest = build_digest(store, "terminal")
    repeated = [r["phrase"] for sec in digest.sections for r in sec.repeated_phrases]
    assert any("original intention" in p for p in repeated), repeated
    assert not any("high-level exchanges" in p for p in repeated), repeated
    _advance(store)
    meeting(store, "c.txt", "2024-11-10", [WANG, CHO], [
        (WANG, "Wang said the two countries are close neighbours and should keep their"
               " cooperation steady.", ["relations"]), *filler])
    later = build_digest(store, "terminal")
    dropped = [p for sec in later.sections for ps in sec.dropped_by_side.values() for p in ps]
    assert any("original intention" in p for p in dropped), dropped
    assert not any("high-level exchanges" in p for p in dropped), dropped


def test_a_plain_phrase_of_stock_prose_is_not_listed(tmp_path: Path) -> None:
    """"implement the important consensus reached by the leaders of the two countries" is in
    hundreds of readouts, word for word; a plain phrase of words of their own is listed."""
    new = _new(_after_a_baseline(tmp_path, [
        (WANG, "Wang said the two sides should implement the important consensus reached by the"
               " leaders of the two countries.", ["relations"]),
        (WANG, "Wang said the two sides should open a joint laboratory for coastal wetland"
               " restoration.", ["climate"])]))
    assert not any("important consensus" in p for p in new), new
    assert any("coastal wetland restoration" in p for p in new), new


def test_a_one_sided_bullet_quotes_only_a_wording_that_carries_its_theme() -> None:
    """(issue 9, round 28) Held-out China–Uzbekistan: "Multilateral frameworks in China's
    readout only: “China-Uzbekistan community with a shared future”" quoted a formulation of a
    statement tagged with several themes; the quote is the claim's ground to an analyst."""
    from digests.compare import MeetingComparison, OneSided
    from digests.summary import candidates

    forms = [Formulation("community with a shared future", "Lakeland-Hillland community with a"
                         " shared future", "china", "new", "multilateral",
                         Strength(3.0, "registry"), ["s1"]),
             Formulation("one-china principle", "adherence to the one-China principle",
                         "china", "new", "taiwan", Strength(3.0, "registry"), ["s2"])]
    one_sided = [OneSided("multilateral", "china", "m1", "2025-11-21", ["s1"]),
                 OneSided("taiwan", "china", "m1", "2025-11-21", ["s2"])]
    only = {b.theme: b.text for b in candidates(MeetingComparison([], [], [], forms, one_sided))
            if b.kind == "only"}
    assert only["taiwan"].endswith("readout only: \u201cadherence to the one-China principle\u201d")
    assert "community with a shared future" not in only["multilateral"]
    assert only["multilateral"].startswith("Multilateral frameworks in China's readout only")
