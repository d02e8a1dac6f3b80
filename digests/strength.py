"""How much an analyst would care about a formulation: the digest lists the strong ones.

Registry, key-term and quoted formulations are strong; a phrase made of narration words
("convenient time", "first official exchange"), mostly a proper name, a possessive opening,
generic modifiers and heads ("huge benefits"), a predicate with no noun, or common in the
background corpus of readouts ("shared interests") is filler. See docs/digests.md.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

from bot.registry.countries import default_countries
from digests.background import default_background
from digests.phrases import PhraseRules, _classes, default_rules, registry


@dataclass(frozen=True)
class Strength:
    score: float
    why: str  # registry | quoted | key term | phrase | a reason it is filler


@cache
def _country_ids() -> frozenset[str]:
    return frozenset(default_countries().by_id)


def _is_country_key(word: str) -> bool:
    """A country or a pair of them ("china-south_korea"), as the tokenizer writes them."""
    return all(p in _country_ids() for p in word.split("-"))


def _named(surface: str) -> bool:
    """A phrase that is mostly a proper name ("China-Korea Parliamentary Union", "North
    Gyeongsang", "Supreme People's Congress") names an institution or place."""
    words = [w for w in surface.split() if w.lower() not in ("and", "of", "for", "in", "to",
                                                            "the")]
    if len(words) < 2:
        return False
    if not words[-1][:1].isupper():
        return False  # a common noun heads it: "San Francisco vision" is a formulation
    caps = sum(1 for w in words if w[:1].isupper() and not w.isupper())
    return caps * 2 > len(words)


def score(key: str, surface: str, rules: PhraseRules | None = None,
          quoted_keys: frozenset[str] = frozenset()) -> Strength:
    """Registry, quoted, key-term and compound formulations are strong; a phrase made of
    narration words ("convenient time", "first official exchange") or common in the background
    corpus of readouts ("shared interests") is filler."""
    rules = rules or default_rules()
    if registry(rules).family(key) is not None:
        return Strength(3.0, "registry")
    if key in rules.key_terms:
        return Strength(2.5, "key term")
    words = key.split()
    content = [w for w in words if w not in rules.joiners]
    if key in quoted_keys and len(content) <= 8:
        return Strength(2.5, "quoted")
    if key in rules.generic or any(w in rules.narration for w in content):
        return Strength(0.0, "narration")
    if len(content) < 2:
        return Strength(0.0, "one word")
    if _named(surface):
        return Strength(0.3, "name")
    if surface.split()[0].lower().endswith(("'s", "’s")):
        return Strength(0.4, "possessive")  # "China's support", "(each) other's success"
    # Names (countries, capitalised places) are neutral here: "Korean Peninsula issue" is as
    # generic as "the issue".
    proper = {rules.fold(w.lower()) for w in surface.split() if w[:1].isupper()}
    heads = [rules.fold(w) for w in content if not _is_country_key(w) and w not in proper]
    if heads and all(w in rules.generic_modifiers or w in rules.generic_heads for w in heads) \
            and heads[-1] in rules.generic_heads:
        return Strength(0.4, "generic")
    last = surface.split()[-1].lower()
    if "-" not in last and _classes(last) and "NOUN" not in _classes(last) \
            and "PROPN" not in _classes(last):
        return Strength(0.8, "no noun")  # "consistent and stable": a predicate, not a name
    background = default_background()
    df = background.frequency(key)
    if df >= rules.background_min and not any("-" in w and "_" in w for w in content) \
            and not any(w in _country_ids() for w in content):
        return Strength(0.2, "common")
    value = 1.0
    first = surface.split()[0].lower()
    # Two plain words ("right way", "nuclear tests", "mutual respect") are usually a piece of
    # something longer or ordinary prose; a two-word formulation earns its place by a hyphen,
    # a stance verb, a quote or the registry.
    if len(content) == 2 and not any("-" in w for w in content) \
            and first not in rules.stance_verbs:
        value -= 0.15
    if "VERB" in _classes(first) and "ADJ" not in _classes(first) \
            and not first.endswith("ing") and first not in rules.stance_verbs:
        value -= 0.3  # "make joint efforts", "promote talks": an action, not a formulation
    if any("-" in w for w in content):
        value += 0.6  # "one-china principle", "zero-sum game", "win-win"
    if len(content) > 7:
        value -= 0.5 * (len(content) - 7)
    # Generic pieces of diplomatic prose ("promote greater development") are common in the
    # background corpus even when the whole phrase is not.
    common = sum(1 for a, b in itertools.pairwise(content)
                 if background.frequency(f"{a} {b}") >= rules.background_min)
    if len(content) >= 2 and common == len(content) - 1:
        value -= 0.5
    return Strength(round(value, 2), "phrase")
