"""Country ids (a statement's `side`) and the words that name them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.config import load_layers


@dataclass(frozen=True)
class Country:
    id: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    # Provinces and regions: a place named only by one may be anywhere in it ("Tibet" for
    # talks in Nyingchi), as a country's name may; kept apart from `names` so "Fujian" never
    # reads as China in a sentence (sides, formulations, tone).
    regions: tuple[str, ...] = ()


class Countries:
    def __init__(self, countries: dict[str, Country]) -> None:
        self.by_id = countries
        words: dict[str, str] = {}
        for c in countries.values():
            for w in (*c.names, *c.adjectives):
                words.setdefault(w.lower(), c.id)
        self._words = words
        names = {n.lower() for c in countries.values() for n in c.names}
        adjectives = {a.lower() for c in countries.values() for a in c.adjectives}
        self._adjectives_only = adjectives - names
        self._regions = {r.lower(): c.id for c in countries.values() for r in c.regions}
        self._region_pattern = re.compile(
            r"(?<![\w.])(" + "|".join(re.escape(r) for r in sorted(self._regions, key=len,
                                                                    reverse=True))
            + r")(?![\w])", re.IGNORECASE) if self._regions else None
        # Longest first so "South Korean" wins over "Korean".
        alts = sorted(words, key=len, reverse=True)
        self._pattern = re.compile(
            r"(?<![\w.])(" + "|".join(re.escape(a) for a in alts) + r")(?![\w])", re.IGNORECASE
        )

    @classmethod
    def load(cls) -> Countries:
        merged: dict[str, Country] = {}
        for layer in load_layers("bot.registry", "countries.toml", "READOUT_COUNTRIES"):
            for cid, spec in layer.items():
                merged[cid] = Country(
                    cid, tuple(spec.get("names", [])), tuple(spec.get("adjectives", [])),
                    tuple(spec.get("regions", [])))
        return cls(merged)

    def ids(self) -> list[str]:
        return sorted(self.by_id)

    def lookup(self, word: str) -> str | None:
        """The country a single word or name stands for ("Chinese" -> china)."""
        return self._words.get(word.strip().lower())

    def is_adjective(self, word: str) -> bool:
        """Whether `word` is only a country's adjective ("Chinese"), never one of its names."""
        return word.strip().lower() in self._adjectives_only

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every country word in `text`, as (start, end, country id), left to right."""
        return [(m.start(), m.end(), cid) for m in self._pattern.finditer(text)
                if (cid := _get(self._words, m.group(1))) is not None]

    def find_regions(self, text: str) -> list[tuple[int, int, str]]:
        """Every province or region word in `text`, as (start, end, country id)."""
        if self._region_pattern is None:
            return []
        return [(m.start(), m.end(), cid) for m in self._region_pattern.finditer(text)
                if (cid := _get(self._regions, m.group(1))) is not None]

    def first_in(self, text: str) -> str | None:
        found = self.find(text)
        return found[0][2] if found else None


@cache
def default_countries() -> Countries:
    return Countries.load()


def _get(words: dict[str, str], found: str) -> str | None:
    """The id of a word the case-blind pattern matched. "TÜRKİYE" matches "Türkiye" but lowers
    to "türki̇ye" (a dotted capital I keeps its dot as a combining mark): read without it, never
    a KeyError that stops a whole article."""
    low = found.lower()
    return words.get(low) or words.get(low.replace("\u0307", ""))
