"""What a digest lists for one side at one meeting: a handful of plain phrases, never a lone
key term, never a quote that is talk; hyphens that are names earn nothing.

The readouts are written in our own words, in the house style of a long U.S. readout that runs
through a dozen agenda items.
"""

from __future__ import annotations

from pathlib import Path

from test_digest_fixtures import BLINKEN, WANG, fresh_store, meeting

from bot.store import Store
from digests import state
from digests.build import build_digest
from digests.compare import LIST_MIN, PLAIN_PER_SIDE, Formulation, _prune
from digests.phrases import default_rules, key_of
from digests.strength import Strength, score

# One long readout of ours: twenty agenda items, each a plain phrase, and two registry
# formulations ("peace and stability across the Taiwan Strait", "open lines of communication").
_AGENDA = [
    "The Secretary raised the growing strain on regional grain corridors.",
    "He discussed the slow recovery of transpacific container shipping.",
    "He noted the rising number of unregistered fishing fleets.",
    "He raised questions about the disputed licensing of river dams.",
    "He pressed for fairer treatment of foreign accounting firms.",
    "He discussed the uneven enforcement of coastal pollution rules.",
    "He addressed the long detention of visiting academic researchers.",
    "He raised the shortage of certified aviation inspectors.",
    "He urged quicker processing of student exchange visas.",
    "He stressed the fragile state of deep-sea cable repair capacity.",
    "He described the worrying spread of counterfeit medical devices.",
    "He mentioned the delayed return of archived wartime remains.",
    "He raised the uneven access for independent wire photographers.",
    "He discussed the steep decline of migratory songbird habitats.",
    "He raised the chronic underfunding of rural flood shelters.",
    "He noted the stalled reopening of consular reading rooms.",
    "He pressed for faster clearance of donated vaccine freezers.",
    "He described the mounting backlog of cargo insurance claims.",
    "He raised the patchy coverage of maritime distress beacons.",
    "He discussed the sudden closure of regional seed banks.",
    "He reaffirmed the importance of peace and stability across the Taiwan Strait.",
    "He underscored the need to keep open lines of communication.",
]


def _long_readout(store: Store) -> str:
    return meeting(store, "state-readout.txt", "2024-03-02", [BLINKEN, WANG],
                   # two themes, so no per-theme limit hides the side's own
                   [(BLINKEN, line, ["relations" if i % 2 else "trade"])
                    for i, line in enumerate(_AGENDA)],
                   outlet="U.S. Department of State", readout="united_states")


def _listed(store: Store, side: str) -> list[str]:
    digest = build_digest(store, "terminal")
    return list(dict.fromkeys(p for sec in digest.sections
                              for p in sec.new_phrases_by_side.get(side, [])))


def test_a_long_readout_lists_a_handful_of_plain_phrases_and_every_standard_one(
        tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    _long_readout(store)
    listed = _listed(store, "united_states")
    agenda = [p for p in listed if any(p in line for line in _AGENDA[:20])]
    assert 3 <= len(agenda) <= PLAIN_PER_SIDE, listed
    # the registry formulations are never crowded out by agenda items
    assert any("Taiwan Strait" in p for p in listed), listed
    assert any("open lines of communication" in p for p in listed), listed


def test_the_cap_is_per_side_each_side_keeps_its_own(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    meeting(store, "state.txt", "2024-03-02", [BLINKEN, WANG],
                 [(BLINKEN, line, ["relations"]) for line in _AGENDA[:10]],
                 outlet="U.S. Department of State", readout="united_states")
    meeting(store, "xinhua.txt", "2024-03-02", [WANG, BLINKEN],
                 [(WANG, f"Wang described the {item}.", ["relations"])
                  for item in _CHINA_AGENDA])
    for side, items in (("united_states", _AGENDA[:10]), ("china", _CHINA_AGENDA)):
        listed = _listed(store, side)
        agenda = [p for p in listed if any(p in item for item in items)]
        assert 3 <= len(agenda) <= PLAIN_PER_SIDE, (side, listed)


_CHINA_AGENDA = [
    "steady growth of inland freight railways", "sharp rise of rural broadband subscribers",
    "gradual opening of provincial bond markets", "careful restoration of grassland ecosystems",
    "patient cultivation of orchard cooperatives", "quiet expansion of museum loan programs",
    "orderly relocation of riverside chemical plants", "swift upgrade of mountain weather posts",
    "fresh wave of glacier survey expeditions", "broad renewal of county library buildings",
]


def _plain(key: str, value: float, kind: str = "new") -> Formulation:
    return Formulation(key, key, "united_states", kind, "relations", Strength(value, "phrase"))


def test_the_strongest_plain_phrases_are_kept_in_the_readouts_order() -> None:
    rules = default_rules()
    words = ("grain corridor strain", "container shipping recovery", "fishing fleet registry",
             "river dam licensing", "accounting firm treatment", "pollution rule enforcement",
             "aviation inspector shortage", "student visa processing", "cable repair capacity",
             "counterfeit device spread", "songbird habitat decline", "flood shelter funding",
             "reading room reopening")
    items = [_plain(w, 1.0) for w in words]
    items.insert(5, _plain("non-market trade practice", 1.6))
    items.append(Formulation("open line of communication", "open lines of communication",
                             "united_states", "new", "relations", Strength(3.0, "registry")))
    kept = [f.key for f in _prune(items, rules)]
    assert kept[:2] == ["open line of communication", "non-market trade practice"]
    assert kept[2:] == list(words[:PLAIN_PER_SIDE - 1])
    # repeated plain phrases are capped the same way; weak ones were never listed anyway
    reps = [_plain(w, 1.0, "repeated") for w in (*words, "vaccine freezer clearance",
                                                 "insurance claim backlog")]
    reps.append(_plain("weak narration run", 0.4, "repeated"))
    kept_rep = [f for f in _prune(reps, rules) if f.strength.score >= LIST_MIN]
    assert len(kept_rep) == PLAIN_PER_SIDE


def test_a_lone_key_term_is_never_listed_the_phrase_around_it_is(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    meeting(store, "call.txt", "2024-03-02", [WANG, BLINKEN], [
        (WANG, "Wang said China firmly opposes protectionism in all its forms and rejects"
               " the weaponization of trade rules.", ["free_trade"]),
        (WANG, "Wang said sanctions solve nothing.", ["relations"]),
    ])
    listed = _listed(store, "china")
    assert "protectionism" not in listed and "sanctions" not in listed, listed
    assert any("weaponization of trade rules" in p for p in listed), listed


def test_a_quote_in_the_first_person_is_talk_not_a_formulation() -> None:
    rules = default_rules()
    for said in ("I'm glad we're here", "great great meeting", "seem like I'm happy it's"):
        key = key_of(said, rules)
        assert score(key, said, rules, frozenset([key])).why != "quoted", said
    # a quoted wording in the third person still is one
    said = "a stumbling block in bilateral ties"
    key = key_of(said, rules)
    assert score(key, said, rules, frozenset([key])).why == "quoted"


def test_a_hyphen_that_joins_names_earns_no_bonus_a_coined_one_does() -> None:
    rules = default_rules()

    def value(s: str) -> float:
        return score(key_of(s, rules), s, rules).score

    # the same shape, one coined hyphen and one a pair of names
    assert value("non-market lending practices") > value("Indo-Pacific lending practices")
    assert value("zero-tolerance fishing rules") > value("Asia-Pacific fishing rules")
    # a compound of ordinary readout prose ("high-level", common in the background corpus)
    assert value("high-level fishing rules") < value("zero-tolerance fishing rules")


def test_first_digest_after_the_cap_moves_the_watermark(tmp_path: Path) -> None:
    # the cap trims what is listed, not what is digested: the next digest starts after it
    store = fresh_store(tmp_path)
    _long_readout(store)
    digest = build_digest(store, "terminal")
    state.move_watermark(store, "terminal", digest.to_sid)
    assert build_digest(store, "terminal").sections == []


def test_a_plain_run_that_is_the_tail_of_a_standard_wording_is_not_listed_again() -> None:
    rules = default_rules()
    standard = Formulation("fair just and non-discriminatory business environment",
                           "fair, just and non-discriminatory business environment", "china",
                           "new", "trade", Strength(3.0, "registry"))
    tail = _plain("non-discriminatory business environment for chinese enterprise", 1.6)
    other = _plain("cable repair capacity", 1.0)
    kept = [f.key for f in _prune([standard, tail, other], rules)]
    assert kept == [standard.key, other.key]
    # words in common that do not continue the wording across its edge are another phrase
    inner = _plain("reform of business environment", 1.0)
    assert inner.key in [f.key for f in _prune([standard, inner], rules)]
