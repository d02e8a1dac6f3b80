"""The registry of people: canonical names, aliases, sides and dates in office.

A surname alone ("Cho") is never resolved globally: it is matched against the people an
article names as participants, then against who held office on the event date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from bot.config import load_layers
from bot.errors import ConfigError
from bot.models import strip_accents


@dataclass(frozen=True)
class Term:
    title: str
    start: date | None
    end: date | None
    # The country (or organisation) the office is of, when not the person's usual one: Kaja
    # Kallas was Estonia's Prime Minister before she was the EU's High Representative.
    side: str | None = None

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    side: str | None
    aliases: tuple[str, ...] = ()
    terms: tuple[Term, ...] = field(default=())

    @property
    def surname_keys(self) -> set[str]:
        return {a.lower() for a in self.aliases if " " not in a}

    @property
    def full_names(self) -> set[str]:
        return {self.name.lower()} | {a.lower() for a in self.aliases if " " in a}

    def in_office(self, on: date | None) -> bool:
        if on is None or not self.terms:
            return True
        return any(t.covers(on) for t in self.terms)

    def side_on(self, on: date | None) -> str | None:
        """The side the person spoke for on a date: a term's own side when one covers it."""
        if on is not None:
            for t in self.terms:
                if t.side and t.covers(on):
                    return t.side
        return self.side

    def titles_on(self, on: date | None) -> list[str]:
        return [t.title for t in self.terms if on is None or t.covers(on)]


def _date(value: object, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: bad date {value!r}") from exc


def _fold(name: str) -> str:
    """A name compared without case, hyphens or dots: "Cho Tae-yul" = "CHO Tae Yul"."""
    return " ".join(name.lower().replace("-", " ").replace(".", " ").split())


def _unaccented(name: str) -> str:
    """A name in lower case without its accents: "Szijjártó" -> "szijjarto"."""
    return strip_accents(_fold(name))


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by exactly one inserted, deleted or changed letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


class Registry:
    def __init__(self, people: Iterable[Person]) -> None:
        self.by_id: dict[str, Person] = {p.id: p for p in people}
        # Built once: attribution resolves millions of mentions, so no per-mention scans.
        self._full: dict[str, Person] = {}
        self._surname: dict[str, list[Person]] = {}
        self._holders: dict[tuple[str, str, date], Person | None] = {}
        self._by_word: dict[str, list[tuple[str, Person]]] = {}
        self._near_cache: dict[str, Person | None] = {}
        for p in self.by_id.values():
            for key in p.full_names:
                self._full.setdefault(key, p)
                folded = _fold(key)
                self._full.setdefault(folded, p)
                words = folded.split()
                if len(words) == 2:
                    # "IWAYA Takeshi", "Wang Yi" / "Yi Wang": family name first or last
                    self._full.setdefault(f"{words[1]} {words[0]}", p)
            for key in p.surname_keys:
                self._surname.setdefault(key, []).append(p)

    @classmethod
    def load(cls) -> Registry:
        merged: dict[str, Person] = {}
        for layer in load_layers("bot.registry", "people.toml", "READOUT_PEOPLE"):
            for spec in layer.get("person", []):
                try:
                    pid, name = spec["id"], spec["name"]
                except KeyError as exc:
                    raise ConfigError(f"people entry {spec!r} lacks {exc}") from exc
                terms = tuple(
                    Term(t.get("title", ""), _date(t.get("from"), pid), _date(t.get("to"), pid),
                         t.get("side"))
                    for t in spec.get("terms", [])
                )
                merged[pid] = Person(
                    pid, name, spec.get("side"), tuple(spec.get("aliases", [])), terms
                )
        return cls(merged.values())

    def people(self) -> list[Person]:
        return list(self.by_id.values())

    def by_name(self, name: str) -> Person | None:
        key = " ".join(name.split()).lower()
        return self._full.get(key) or self._full.get(_fold(key)) or self._near(_fold(key)) \
            or self._longer(_fold(key))

    def by_letters(self, name: str) -> Person | None:
        """The one registered person whose name, read without accents, holds every word of
        `name` ("szijjarto" is Péter Szijjártó): a name typed on a keyboard without them. For a
        user's lookup, not for reading reports (one surname may be several people's)."""
        asked = _unaccented(name).split()
        if not asked:
            return None
        hits = {p.id: p for p in self.by_id.values()
                if all(w in _unaccented(p.name).split() for w in asked)}
        return next(iter(hits.values())) if len(hits) == 1 else None

    def _longer(self, folded: str) -> Person | None:
        """A registered name of two words or more written with a given name before it
        ("Mohammad Ishaq Dar" is Ishaq Dar, as Xinhua writes him and Islamabad does not)."""
        words = folded.split()
        for k in range(1, len(words) - 1):
            found = self._full.get(" ".join(words[k:]))
            if found is not None:
                return found
        return None

    def _near(self, folded: str) -> Person | None:
        """A registered name misspelt by one letter ("Yoon Sun Yeol", "Anthony Blinken"):
        the one person whose folded name of as many words, sharing the family or the given
        name, is one edit away. Only names of ten letters or more (short ones are too close to
        each other: "Park Jin", "Park Jun"). Cached: attribution asks for the same names often."""
        if folded in self._near_cache:
            return self._near_cache[folded]
        words = folded.split()
        found: Person | None = None
        if len(words) >= 2 and len(folded) >= 10 and all(w.isalpha() for w in words):
            if not self._by_word:
                for full, person in self._full.items():
                    for w in {full.split()[0], full.split()[-1]}:
                        self._by_word.setdefault(w, []).append((full, person))
            hits = {p.id: p for w in {words[0], words[-1]}
                    for full, p in self._by_word.get(w, [])
                    if len(full.split()) == len(words) and _one_edit(full, folded)}
            found = next(iter(hits.values())) if len(hits) == 1 else None
        self._near_cache[folded] = found
        return found

    def holder(self, title: str, side: str, on: date | None) -> Person | None:
        """Who held `title` for `side` on a date ("the President" of a White House readout)."""
        if on is None:
            return None
        key = (title.lower(), side, on)
        if key not in self._holders:
            found = [p for p in self.by_id.values() if p.side == side and any(
                t.title.lower() == key[0] and t.covers(on) for t in p.terms)]
            self._holders[key] = found[0] if len(found) == 1 else None
        return self._holders[key]

    def holders(self, title: str, side: str) -> list[Person]:
        """Everyone who ever held `title` for `side`, in the registry's order."""
        return [p for p in self.by_id.values() if p.side == side
                and any(t.title.lower() == title.lower() for t in p.terms)]

    def resolve(
        self,
        mention: str,
        on: date | None = None,
        participants: Iterable[str] = (),
    ) -> Person | None:
        """A full name, or a surname resolved against participants, then the date."""
        full = self.by_name(mention)
        if full is not None:
            return full
        key = mention.strip().lower()
        cands = self._surname.get(key, [])
        if not cands:
            return None
        named = set(participants)
        among = [p for p in cands if p.name in named]
        if len(among) == 1:
            return among[0]
        if len(among) > 1:
            cands = among
        if on is not None:
            # A surname alone names whoever held office then; a former holder is not guessed.
            current = [p for p in cands if p.in_office(on)]
            return current[0] if len(current) == 1 else None
        return cands[0] if len(cands) == 1 else None


    def surname_side(self, surname: str) -> str | None:
        """The country of everyone registered under this surname, when they share one: "Minister
        Cho" is South Korean whether Cho Hyun or Cho Tae-yul is meant."""
        sides = {p.side for p in self._surname.get(surname.strip().lower(), [])}
        return sides.pop() if len(sides) == 1 else None


@cache
def default_registry() -> Registry:
    return Registry.load()
