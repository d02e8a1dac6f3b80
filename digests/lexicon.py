"""The phrase lexicon: the word lists of digests/data/phrases.toml (PhraseRules), how words
fold to keys, and the word classes (lemminflect's English lexicon) that tell where a phrase
starts and ends. Read by the candidate finders (digests/phrases.py, digests/positions.py) and
the scorer (digests/strength.py); it reads no statement itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from digests.config import load_lexicon
from digests.formulations import Registry, default_registry


@dataclass(frozen=True)
class PhraseRules:
    stopwords: frozenset[str]
    joiners: frozenset[str]
    key_terms: frozenset[str]
    min_words: int
    max_words: int
    keep_s_suffixes: tuple[str, ...]
    keep_s_words: frozenset[str]
    trim_start_suffixes: tuple[str, ...] = ()
    trim_end_suffixes: tuple[str, ...] = ()
    edge_keep: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    narration: frozenset[str] = frozenset()
    generic: frozenset[str] = frozenset()
    background_min: int = 12
    clause_verbs: frozenset[str] = frozenset()
    generic_modifiers: frozenset[str] = frozenset()
    generic_heads: frozenset[str] = frozenset()
    stance_verbs: frozenset[str] = frozenset()
    leading_heads: frozenset[str] = frozenset()
    inner_articles: frozenset[str] = frozenset()
    place_heads: frozenset[str] = frozenset()
    number_words: frozenset[str] = frozenset()
    common_word_min: int = 100
    doctrine_nouns: frozenset[str] = frozenset()
    instrument_heads: frozenset[str] = frozenset()
    value_nouns: frozenset[str] = frozenset()
    practical_heads: frozenset[str] = frozenset()

    def fingerprint(self) -> str:
        """Changes when the configuration does, so stored formulations are recomputed."""
        import hashlib
        import json

        # Sets are sorted: their repr order changes from one process to the next.
        fields = {k: sorted(v) if isinstance(v, frozenset) else v
                  for k, v in self.__dict__.items()}
        # Names are cut out of formulations too: a registry change changes them.
        pattern = _people_pattern()
        fields["people"] = pattern.pattern if pattern is not None else ""
        fields["formulations"] = default_registry().fingerprint()
        fields["version"] = "10"  # serial lists, infinitive trimming; stance clauses; edges;
        # contrasts; undertakings as verb phrases, two-word countries in a pair (round 22)
        return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()[:16]

    @classmethod
    def load(cls) -> PhraseRules:
        lex = load_lexicon("phrases.toml", "READOUT_PHRASES")
        low = lambda key: frozenset(str(w).lower() for w in lex.get(key, []))  # noqa: E731
        return cls(
            low("stopwords"), low("joiners"), low("key_terms"),
            int(lex.get("min_words", 2)), int(lex.get("max_words", 10)),
            tuple(str(s) for s in lex.get("keep_s_suffixes", [])), low("keep_s_words"),
            tuple(str(s) for s in lex.get("trim_start_suffixes", [])),
            tuple(str(s) for s in lex.get("trim_end_suffixes", [])), low("edge_keep"),
            frozenset(" ".join(cls._fold_all(p, lex)) for p in lex.get("ignore", [])),
            low("narration"),
            frozenset(" ".join(cls._fold_all(p, lex)) for p in lex.get("generic", [])),
            int(lex.get("background_min", 12)),
            low("clause_verbs"), low("generic_modifiers"), low("generic_heads"),
            low("stance_verbs"), low("leading_heads"), low("inner_articles"),
            frozenset(_fold(str(w), frozenset(), ()) for w in lex.get("place_heads", [])),
            low("number_words"), int(lex.get("common_word_min", 100)),
            frozenset(_fold(str(w), frozenset(), ()) for w in lex.get("doctrine_nouns", [])),
            frozenset(_fold(str(w), frozenset(), ()) for w in lex.get("instrument_heads", [])),
            frozenset(_fold(str(w), frozenset(), ()) for w in lex.get("value_nouns", [])),
            frozenset(_fold(str(w), frozenset(), ()) for w in lex.get("practical_heads", [])),
        )

    @staticmethod
    def _fold_all(phrase: str, lex: dict[str, object]) -> list[str]:
        # Ignore-list entries are folded like text, before the rules object exists.
        keep = {str(w).lower() for w in lex.get("keep_s_words", [])}  # type: ignore[attr-defined]
        words = [_compound(w) for w in phrase.lower().split()]
        return [w[:-1] if w.endswith("s") and len(w) > 3 and w not in keep else w
                for w in words]

    def fold(self, word: str) -> str:
        return _fold(word, self.keep_s_words, self.keep_s_suffixes)



def _compound(word: str) -> str:
    """"military-to-military" and "military-military", "people-to-people" and
    "people-people": one compound, written either way in the same relationship's readouts."""
    return word.replace("-to-", "-") if "-to-" in word else word


@lru_cache(maxsize=200_000)
def _fold(word: str, keep_words: frozenset[str], keep_suffixes: tuple[str, ...]) -> str:
    """Lower case, no possessive, plural folded ("chains" = "chain"); memoised per word."""
    w = _compound(word.lower().replace("’", "'"))
    if w.endswith("'s"):
        w = w[:-2]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and len(w) > 3 and w not in keep_words and not w.endswith(keep_suffixes):
        return w[:-1]
    return w


@cache
def default_rules() -> PhraseRules:
    return PhraseRules.load()


def registry(rules: PhraseRules | None = None) -> Registry:
    """The registry of standard formulations, its wordings folded like text."""
    reg = default_registry()
    reg.prepare(rules or default_rules())
    return reg


@cache
def _people_pattern() -> re.Pattern[str] | None:
    """Registry names and aliases as written (capitalised), so "Park" goes but a park stays."""
    from bot.registry.people import default_registry

    names = {n for p in default_registry().people() for n in (p.name, *p.aliases)
             if n[:1].isupper()}
    if not names:
        return None
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w'-])(?:{alts})(?![\w-])")


# -- word classes ---------------------------------------------------------------------------
@cache
def _classes(word: str) -> frozenset[str]:
    """Universal POS classes the word can have (lemminflect's lexicon); empty if unknown."""
    try:
        from lemminflect import getAllLemmas
    except ImportError:  # pragma: no cover - a declared dependency
        return frozenset()
    return frozenset(getAllLemmas(word))


def _finite(word: str, rules: PhraseRules) -> bool:
    """A word that makes a sentence of a title: a modal, "is", a reporting verb, or a verb
    that is nothing else and not a participle ("Meet", "Should", "Says")."""
    if word in ("is", "are", "was", "were", "will", "should", "must", "can", "could", "would",
                "may", "has", "have", "says", "said", "to"):
        return True
    return _verb_only(word) and not word.endswith(("ed", "ing"))


def _verb_only(word: str) -> bool:
    c = _classes(word)
    return bool(c) and c <= {"VERB", "AUX"}


def _gerund(word: str) -> bool:
    return word.endswith("ing") and _verb_only(word)


def _past_after_noun(prev: str, word: str) -> bool:
    """'conversation included', 'consensus reached': a past form right after a noun that
    cannot be an adjective ends the subject."""
    if not word.endswith("ed") or "VERB" not in _classes(word):
        return False
    p = _classes(prev)
    return "NOUN" in p and "ADJ" not in p and "VERB" not in p
