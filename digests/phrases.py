"""Formulations: the normalised multi-word phrases a digest compares across meetings.

A formulation is a run of words between punctuation, stopwords and country words, 2 to
`max_words` long, that neither starts nor ends with a joiner ("and", "of" ...), plus the key
single-word terms ("decoupling"). Words are lower-cased and plurals folded, so "supply chains"
and "supply chain" are one formulation. Everything is configurable in data/phrases.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.registry.countries import default_countries
from digests.config import load_lexicon

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
# Punctuation that ends a run; hyphens and apostrophes inside words are kept by _WORD.
_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”‘’«»—–]|\s-\s|'\s|\s'")


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
        )

    @staticmethod
    def _fold_all(phrase: str, lex: dict[str, object]) -> list[str]:
        # Ignore-list entries are folded like text, before the rules object exists.
        keep = {str(w).lower() for w in lex.get("keep_s_words", [])}  # type: ignore[attr-defined]
        return [w[:-1] if w.endswith("s") and len(w) > 3 and w not in keep else w
                for w in phrase.lower().split()]

    def fold(self, word: str) -> str:
        w = word.lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        if w.endswith("ies") and len(w) > 4:
            return w[:-3] + "y"
        if (w.endswith("s") and len(w) > 3 and w not in self.keep_s_words
                and not w.endswith(self.keep_s_suffixes)):
            return w[:-1]
        return w


@cache
def default_rules() -> PhraseRules:
    return PhraseRules.load()


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


def _runs(text: str, rules: PhraseRules) -> list[list[tuple[str, str]]]:
    """Runs of (folded, surface) words, cut at punctuation, stopwords, country words and the
    names of people ("Wang said" is who spoke, not what was said)."""
    masked = list(text)
    for start, end, _cid in default_countries().find(text):
        masked[start:end] = "." * (end - start)
    people = _people_pattern()
    if people is not None:
        for m in people.finditer(text):
            masked[m.start():m.end()] = "." * (m.end() - m.start())
    runs: list[list[tuple[str, str]]] = []
    for piece in _BREAK.split("".join(masked)):
        current: list[tuple[str, str]] = []
        for m in _WORD.finditer(piece):
            raw = m.group(0).lower()
            if raw in rules.stopwords:
                if current:
                    runs.append(current)
                current = []
                continue
            current.append((raw if raw in rules.joiners else rules.fold(raw), raw))
        if current:
            runs.append(current)
    return runs


def _trim(run: list[tuple[str, str]], rules: PhraseRules) -> list[tuple[str, str]]:
    """Drop joiners, leading adverbs and trailing participles from the edges of a run."""
    def strip_start(w: str) -> bool:
        return w in rules.joiners or (w.endswith(rules.trim_start_suffixes) and len(w) > 4
                                      and w not in rules.edge_keep)

    def strip_end(w: str) -> bool:
        return w in rules.joiners or (w.endswith(rules.trim_end_suffixes) and len(w) > 4
                                      and w not in rules.edge_keep)

    i, j = 0, len(run)
    while i < j and strip_start(run[i][1]):
        i += 1
    while j > i and strip_end(run[j - 1][1]):
        j -= 1
    return run[i:j]


def _cut_ignored(run: list[tuple[str, str]], rules: PhraseRules) -> list[list[tuple[str, str]]]:
    """Ignored phrases ("phone call", "political bureau") break a run like a stopword."""
    if not rules.ignore:
        return [run]
    keys = [k for k, _s in run]
    pieces, start, i = [], 0, 0
    while i < len(keys):
        for n in (4, 3, 2):
            if " ".join(keys[i : i + n]) in rules.ignore:
                pieces.append(run[start:i])
                start = i = i + n
                break
        else:
            i += 1
    pieces.append(run[start:])
    return [p for p in pieces if p]


def _fit(run: list[tuple[str, str]], rules: PhraseRules) -> list[list[tuple[str, str]]]:
    """A run longer than max_words is split at the joiner nearest its middle, recursively."""
    if len(run) <= rules.max_words:
        return [run]
    middle = len(run) // 2
    cuts = [i for i, (k, _s) in enumerate(run) if k in rules.joiners]
    cut = min(cuts, key=lambda i: abs(i - middle)) if cuts else middle
    left, right = _trim(run[:cut], rules), _trim(run[cut + (1 if cuts else 0):], rules)
    return [*_fit(left, rules), *_fit(right, rules)]


def extract(text: str, rules: PhraseRules | None = None) -> dict[str, str]:
    """The formulations of one statement: normalised key -> the words as written, in order."""
    rules = rules or default_rules()
    found: dict[str, str] = {}
    for run in _runs(text, rules):
        for key, surface in run:
            if key in rules.key_terms or surface in rules.key_terms:
                found.setdefault(key, surface)
        pieces = _cut_ignored(run, rules)
        windows = [w for piece in pieces for w in _fit(_trim(piece, rules), rules)]
        for w in windows:
            content = [k for k, _s in w if k not in rules.joiners]
            key = " ".join(k for k, _s in w)
            if (len(w) >= rules.min_words and len(content) >= rules.min_words - 1 and content
                    and key not in rules.ignore):
                found.setdefault(key, " ".join(s for _k, s in w))
    return found


def contains(longer: str, shorter: str) -> bool:
    """Whole-word containment: "supply chain" is in "industrial and supply chain"."""
    return longer != shorter and f" {shorter} " in f" {longer} "


PART_WORDS = (2, 4)


def parts(phrases: dict[str, str], rules: PhraseRules | None = None) -> dict[str, str]:
    """Every 2-4-word span inside the given formulations, so a formulation is recognised when
    it recurs inside a longer run ("build resilient supply chains and ...")."""
    rules = rules or default_rules()
    out: dict[str, str] = {}
    for key, surface in phrases.items():
        keys, words = key.split(), surface.split()
        if len(keys) != len(words) or len(keys) <= PART_WORDS[0]:
            continue
        for n in range(PART_WORDS[0], min(PART_WORDS[1], len(keys) - 1) + 1):
            for i in range(len(keys) - n + 1):
                span = keys[i : i + n]
                if span[0] in rules.joiners or span[-1] in rules.joiners:
                    continue
                k = " ".join(span)
                if k not in rules.ignore:
                    out.setdefault(k, " ".join(words[i : i + n]))
    return out
