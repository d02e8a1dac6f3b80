"""Theme taxonomy and tagging: which themes a sentence is about, and the words that say so.

How tagging decides
-------------------
Each theme (``bot/analysis/data/themes.toml``, extended by user files) lists *terms*:

- ``phrases`` (multi-word) and ``keywords`` (single words) are sufficient on their own;
- ``weak`` terms count only when the sentence also holds one of the theme's ``requires`` terms
  (if it has any) and none of its ``unless`` terms ("regional peace and stability" cited as
  something cooperation "contributes to" is boilerplate, not a position on regional security);
- ``exclude`` terms mask hits of the same theme that fall inside them ("exchanged views"
  narrates a meeting and is not a statement about exchanges).

A theme is tagged when at least one of its hits survives. Themes come back in taxonomy order.

Matching is on words, not substrings. Text and terms are split into words (letters and digits;
hyphens, quotes and punctuation separate words, so "one-China" matches "one China"), and each word
is reduced by a light inflectional normaliser (plural, possessive, -ed, -ing, final -e, British
-ise/-our spellings): "supply chains", "chain's", "decoupling"/"decouple" meet. It deliberately
does not strip derivational suffixes, which would make "internal" and "international" one word.
A word ending in ``*`` in a term matches any word starting with it ("interfer*"). Inside a
phrase, "and"/"or" plus up to three words, or one word plus "and"/"or", may stand between two of
its words: "industrial chain" matches "industrial and supply chains", "mutual trust" matches
"mutual understanding and trust".

All terms of all themes live in one word trie, so tagging a sentence costs one pass over its
words whatever the number of themes, and a per-word memo of "can this word start a term" lets a
sentence with no such word go after one set operation (benchmarks/themes_bench.py).

Extending
---------
``READOUT_THEMES=/path/a.toml:/path/b.toml`` (os.pathsep-separated) layers user files over the
shipped one, in order. A ``[theme.ID]`` table with a new id adds a theme (after the shipped ones);
with an existing id, each field given *replaces* the shipped field, and ``add_phrases``,
``add_keywords``, ``add_weak``, ``add_requires``, ``add_unless``, ``add_exclude``, ``add_aliases``
append to it instead; ``disabled = true`` removes the theme. Unknown fields, bad ids and themes
without terms are ``ConfigError`` naming the file.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from bot.config import load_layers
from bot.errors import ConfigError

ENV_VAR = "READOUT_THEMES"
SHIPPED = "themes.toml"

TERM_FIELDS = ("phrases", "keywords", "weak", "requires", "unless", "exclude", "aliases")
ALLOWED_FIELDS = {"label", "description", "disabled", "watch", "one_sided", *TERM_FIELDS,
                  *(f"add_{f}" for f in TERM_FIELDS)}
# How a digest treats a side's silence on the theme: "always" (one earlier mention makes it
# news: a position such as Taiwan), "regular" (only if raised at the side's previous readout or at
# half of them), "never" (the prose of every meeting: relations, exchanges).
WATCH = ("always", "regular", "never")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TERM_WORD = re.compile(r"([^\W_]+(?:['’][^\W_]+)*)(\*?)")
_SPELLING = re.compile(r"is(e|ed|es|ing|ation|ations)$")
_CONJ = frozenset({"and", "or"})
_MAX_CONJUNCT = 3  # words allowed after "and"/"or" inside a phrase
_MAX_VOCABULARY = 500_000

# Term kinds, in the order the scan result is read.
STRONG, WEAK, REQUIRES, UNLESS, EXCLUDE = range(5)
_KIND_OF_FIELD = {"phrases": STRONG, "keywords": STRONG, "weak": WEAK, "requires": REQUIRES,
                  "unless": UNLESS, "exclude": EXCLUDE}


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str
    phrases: tuple[str, ...]
    keywords: tuple[str, ...]
    weak: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    watch: str = "regular"
    # Whether a digest says the theme was raised in one readout only; unset: unless watch is
    # "never" (trade and multilateral are prose of every meeting for silences, yet one
    # government's mention of them is news: round 25)
    one_sided: bool | None = None

    @property
    def contrasted(self) -> bool:
        return self.one_sided if self.one_sided is not None else self.watch != "never"


def normalise(word: str) -> str:
    """The comparison form of one lowercase word: inflections and British spellings folded."""
    w = word.replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    if len(w) > 6:
        w = _SPELLING.sub(r"iz\1", w)
        w = re.sub(r"([bvnl])our", r"\1or", w)
    n = len(w)
    if n <= 3:
        return w
    if w.endswith(("ies", "ied")) and n > 4:
        return w[:-3] + "y"
    if w.endswith("ing") and n > 5:
        w = _undouble(w[:-3])
    elif w.endswith("ed") and n > 4:
        w = _undouble(w[:-2])
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


def _undouble(stem: str) -> str:
    # "committed" -> "commit"; l, s, z stay doubled because "call", "press", "buzz" end so.
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeioulsz":
        return stem[:-1]
    return stem


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    wild: dict[str, _Node] = field(default_factory=dict)  # word prefix ("interfer") -> node
    terms: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Term:
    theme: int
    kind: int
    text: str


class Taxonomy:
    def __init__(self, themes: dict[str, Theme]) -> None:
        self.themes = themes
        self._order = list(themes)
        self._terms: list[_Term] = []
        self._root = _Node()
        # Per-word memo: its normal form, and the trie nodes a term starting with it begins at.
        self._known: set[str] = set()
        self._stems: dict[str, str] = {}
        self._starters: dict[str, tuple[_Node, ...]] = {}
        for index, theme in enumerate(themes.values()):
            for fname, kind in _KIND_OF_FIELD.items():
                for text in getattr(theme, fname):
                    self._add(text, _Term(index, kind, text))
        self._lookup = self._names()

    # -- building -------------------------------------------------------------------------
    def _add(self, text: str, term: _Term) -> None:
        node = self._root
        for m in _TERM_WORD.finditer(text.lower()):
            word, star = m.group(1), m.group(2)
            if star:
                node = node.wild.setdefault(word, _Node())
            else:
                node = node.children.setdefault(normalise(word), _Node())
        if node is self._root or any(
                (self._terms[t].theme, self._terms[t].kind) == (term.theme, term.kind)
                for t in node.terms):
            return  # "dialogue" and "dialogues" are one term once normalised
        self._terms.append(term)
        node.terms.append(len(self._terms) - 1)

    @classmethod
    def load(cls, extra: Sequence[Path] | None = None) -> Taxonomy:
        """The shipped taxonomy, then `extra` files, then the files named in READOUT_THEMES."""
        layers = load_layers("bot.analysis", SHIPPED, ENV_VAR, list(extra or []))
        env = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
        names = [f"bot/analysis/data/{SHIPPED}", *map(str, extra or []), *env]
        merged: dict[str, dict[str, Any]] = {}
        for name, layer in zip(names, layers, strict=True):
            _merge_layer(merged, layer, name)
        return cls({tid: _theme(tid, spec) for tid, spec in merged.items()})

    def _names(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for tid, theme in self.themes.items():
            for name in (tid, tid.replace("_", " "), theme.label, *theme.aliases):
                out.setdefault(_key(name), tid)
        return out

    # -- queries --------------------------------------------------------------------------
    def ids(self) -> list[str]:
        return list(self._order)

    def fingerprint(self) -> str:
        """A short hash of everything that decides tagging: store it next to tagged statements
        and re-tag them when it changes (a user file was edited)."""
        spec = [(t.id, *(getattr(t, f) for f in _KIND_OF_FIELD)) for t in self.themes.values()]
        return hashlib.sha256(repr(spec).encode()).hexdigest()[:16]

    def tag(self, text: str) -> list[str]:
        """Theme ids of `text`, in taxonomy order."""
        hits = self._scan(_WORD.findall(text.lower()))
        if not hits:
            return []
        kept = self._decide(hits)
        return [self._order[i] for i in sorted({self._terms[h[2]].theme for h in kept})]

    def matches(self, text: str, theme_id: str) -> list[tuple[int, int, str]]:
        """(start, end, term) of each word run that made `text` carry `theme_id`."""
        if theme_id not in self.themes:
            return []
        spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        words = [text[s:e].lower() for s, e in spans]
        index = self._order.index(theme_id)
        out = []
        for i, j, t in self._decide(self._scan(words)):
            if self._terms[t].theme == index:
                out.append((spans[i][0], spans[j - 1][1], self._terms[t].text))
        return sorted(set(out))

    def resolve(self, word: str) -> str | None:
        """The theme a user means by `word`: an id, a label, an alias, or one theme's term."""
        key = _key(word)
        if not key:
            return None
        if key in self._lookup:
            return self._lookup[key]
        words = _WORD.findall(word.lower())
        hits = [h for h in self._scan(words) if self._terms[h[2]].kind in (STRONG, WEAK)]
        whole = {self._terms[t].theme for i, j, t in hits if i == 0 and j == len(words)}
        found = whole or {self._terms[t].theme for _, _, t in hits}
        return self._order[found.pop()] if len(found) == 1 else None

    # -- matching -------------------------------------------------------------------------
    def _scan(self, words: list[str]) -> list[tuple[int, int, int]]:
        """Every (first word, end word, term index) hit, overlaps included."""
        if not self._known.issuperset(words):
            self._learn(words)
        starters = self._starters
        if starters.keys().isdisjoint(words):  # most sentences stop here, at C speed
            return []
        hits: list[tuple[int, int, int]] = []
        for i, w in enumerate(words):
            nodes = starters.get(w)
            if nodes:
                for node in nodes:
                    self._walk(words, i + 1, node, i, hits)
        return hits

    def _learn(self, words: Iterable[str]) -> None:
        if len(self._known) > _MAX_VOCABULARY:  # a bound on memory for endless vocabularies
            self._known.clear()
            self._stems.clear()
            self._starters.clear()
        root = self._root
        for w in set(words) - self._known:
            stem = self._stems[w] = normalise(w)
            nodes = [root.children[stem]] if stem in root.children else []
            nodes += [n for prefix, n in root.wild.items() if w.startswith(prefix)]
            if nodes:
                self._starters[w] = tuple(nodes)
            self._known.add(w)

    def _walk(self, words: list[str], j: int, node: _Node, start: int,
              hits: list[tuple[int, int, int]]) -> None:
        for t in node.terms:
            hits.append((start, j, t))
        n = len(words)
        if not (node.children or node.wild) or j >= n:
            return
        for child in self._next(words[j], node):
            self._walk(words, j + 1, child, start, hits)
        # Coordination: the phrase resumes after "and"/"or" plus a short conjunct ("industrial
        # [and supply] chains") or after one word and a conjunction ("mutual [understanding
        # and] trust").
        if words[j] in _CONJ:
            resume = range(j + 2, min(j + 2 + _MAX_CONJUNCT, n))
        elif j + 2 < n and words[j + 1] in _CONJ:
            resume = range(j + 2, j + 3)
        else:
            return
        for k in resume:
            for child in self._next(words[k], node):
                self._walk(words, k + 1, child, start, hits)

    def _next(self, word: str, node: _Node) -> list[_Node]:
        child = node.children.get(self._stems.get(word) or normalise(word))
        out = [child] if child is not None else []
        if node.wild:
            out += [n for prefix, n in node.wild.items() if word.startswith(prefix)]
        return out

    def _decide(self, hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """The STRONG and WEAK hits that survive exclusion and the weak-term conditions."""
        terms = self._terms
        kinds = {(terms[t].theme, terms[t].kind) for _, _, t in hits}
        kept = []
        for i, j, t in hits:
            term = terms[t]
            if term.kind == WEAK:
                theme = self.themes[self._order[term.theme]]
                if theme.requires and (term.theme, REQUIRES) not in kinds:
                    continue
                if (term.theme, UNLESS) in kinds:
                    continue
            elif term.kind != STRONG:
                continue
            if (term.theme, EXCLUDE) in kinds and any(
                terms[x].theme == term.theme and terms[x].kind == EXCLUDE and a <= i and j <= b
                for a, b, x in hits
            ):
                continue
            kept.append((i, j, t))
        return kept


def _key(name: str) -> str:
    return " ".join(normalise(w) for w in _WORD.findall(name.lower()))


def _merge_layer(merged: dict[str, dict[str, Any]], layer: dict[str, Any], name: str) -> None:
    extra_top = set(layer) - {"theme"}
    if extra_top:
        raise ConfigError(f"{name}: unknown table(s) {sorted(extra_top)}; themes go in [theme.ID]")
    tables = layer.get("theme", {})
    if not isinstance(tables, dict):
        raise ConfigError(f"{name}: 'theme' must be a table of [theme.ID] tables")
    for tid, spec in tables.items():
        where = f"{name}: theme {tid!r}"
        if not _ID.match(tid):
            raise ConfigError(f"{where}: ids are lowercase snake_case (e.g. supply_chains)")
        if not isinstance(spec, dict):
            raise ConfigError(f"{where}: must be a table")
        unknown = set(spec) - ALLOWED_FIELDS
        if unknown:
            raise ConfigError(f"{where}: unknown field(s) {sorted(unknown)}; "
                              f"allowed: {', '.join(sorted(ALLOWED_FIELDS))}")
        for key, value in spec.items():
            if key in ("label", "description") and not isinstance(value, str):
                raise ConfigError(f"{where}: {key} must be a string")
            if key == "watch" and value not in WATCH:
                raise ConfigError(f"{where}: watch must be one of {', '.join(WATCH)}")
            if key in ("disabled", "one_sided") and not isinstance(value, bool):
                raise ConfigError(f"{where}: {key} must be true or false")
            if (key in TERM_FIELDS or key.startswith("add_")) and not (
                    isinstance(value, list) and all(isinstance(v, str) and v.strip()
                                                    for v in value)):
                raise ConfigError(f"{where}: {key} must be a list of non-empty strings")
        if spec.get("disabled"):
            merged.pop(tid, None)
            continue
        entry = merged.setdefault(tid, {})
        for key, value in spec.items():
            if key.startswith("add_"):
                base = key[4:]
                entry[base] = [*entry.get(base, []), *value]
            elif key != "disabled":
                entry[key] = value
        if not any(entry.get(f) for f in ("phrases", "keywords", "weak")):
            raise ConfigError(f"{where}: needs at least one of phrases, keywords, weak")


def _theme(tid: str, spec: dict[str, Any]) -> Theme:
    def terms(key: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.strip() for s in spec.get(key, [])))

    return Theme(tid, spec.get("label", tid.replace("_", " ").capitalize()),
                 spec.get("description", ""), terms("phrases"), terms("keywords"),
                 terms("weak"), terms("requires"), terms("unless"), terms("exclude"),
                 terms("aliases"), str(spec.get("watch", "regular")), spec.get("one_sided"))


@cache
def default_taxonomy() -> Taxonomy:
    return Taxonomy.load()
