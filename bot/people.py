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


@dataclass(frozen=True)
class Term:
    title: str
    start: date | None
    end: date | None

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


class Registry:
    def __init__(self, people: Iterable[Person]) -> None:
        self.by_id: dict[str, Person] = {p.id: p for p in people}

    @classmethod
    def load(cls) -> Registry:
        merged: dict[str, Person] = {}
        for layer in load_layers("people.toml", "READOUT_PEOPLE"):
            for spec in layer.get("person", []):
                try:
                    pid, name = spec["id"], spec["name"]
                except KeyError as exc:
                    raise ConfigError(f"people entry {spec!r} lacks {exc}") from exc
                terms = tuple(
                    Term(t.get("title", ""), _date(t.get("from"), pid), _date(t.get("to"), pid))
                    for t in spec.get("terms", [])
                )
                merged[pid] = Person(
                    pid, name, spec.get("side"), tuple(spec.get("aliases", [])), terms
                )
        return cls(merged.values())

    def people(self) -> list[Person]:
        return list(self.by_id.values())

    def by_name(self, name: str) -> Person | None:
        key = name.strip().lower()
        for p in self.by_id.values():
            if key in p.full_names:
                return p
        return None

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
        cands = [p for p in self.by_id.values() if key in p.surname_keys]
        if not cands:
            return None
        named = set(participants)
        among = [p for p in cands if p.name in named]
        if len(among) == 1:
            return among[0]
        if len(among) > 1:
            cands = among
        current = [p for p in cands if p.in_office(on)] if on else []
        if len(current) == 1:
            return current[0]
        return cands[0] if len(cands) == 1 else None


@cache
def default_registry() -> Registry:
    return Registry.load()
