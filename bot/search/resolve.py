"""Turn a ParsedQuery into an EngineQuery: check speakers and themes against what Readout knows.

Speakers known = the distinct speakers in the store plus the registry's names and aliases.
A one-word speaker value is a name part ("wang", "cho": every Cho), matched on the index's
speaker tokens; a longer one names people whose canonical name contains it ("cho hyun").
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.errors import QueryError
from bot.search.backend import EngineQuery
from bot.search.query import ParsedQuery, tokens

MAX_LISTED = 40


@dataclass
class Vocabulary:
    speakers: list[str]  # canonical names: the store's speakers, then the registry's
    aliases: dict[tuple[str, ...], str] = field(default_factory=dict)  # alias tokens -> name
    theme_ids: list[str] = field(default_factory=list)
    taxonomy: Any = None

    @classmethod
    def build(cls, store_speakers: Iterable[str]) -> Vocabulary:
        from bot.analysis.themes import default_taxonomy
        from bot.registry.people import default_registry

        in_store = sorted(set(store_speakers) - {"both"})
        names = set(in_store)
        aliases: dict[tuple[str, ...], str] = {}
        for person in default_registry().people():
            names.add(person.name)
            for alias in person.aliases:
                aliases.setdefault(tuple(tokens(alias)), person.name)
        taxonomy = default_taxonomy()
        registry_only = sorted(names - set(in_store))
        return cls(in_store + registry_only, aliases, list(taxonomy.ids()), taxonomy)

    @functools.cached_property
    def name_parts(self) -> set[str]:
        return {t for name in self.speakers for t in tokens(name)}


def resolve(parsed: ParsedQuery, vocab: Vocabulary) -> tuple[EngineQuery, dict[str, Any]]:
    """The engine query and the filters as shown to users (`SearchResult.filters`)."""
    names: list[str] = []
    parts: list[str] = []
    for value in parsed.speakers:
        kind, found = _speaker(value, vocab)
        (names if kind == "names" else parts).extend(f for f in found if f not in names + parts)
    themes = [_theme(t, vocab) for t in parsed.themes]
    query = EngineQuery(
        terms=parsed.terms,
        phrases=parsed.phrases,
        exclude_terms=parsed.exclude_terms,
        exclude_phrases=parsed.exclude_phrases,
        speakers=tuple(names),
        speaker_tokens=tuple(parts),
        sides=parsed.sides,
        themes=tuple(dict.fromkeys(themes)),
        outlets=parsed.outlets,
        since=_yyyymmdd(parsed.since),
        until=_yyyymmdd(parsed.until),
    )
    filters: dict[str, Any] = {}
    if parsed.speakers:
        filters["speaker"] = [" ".join(v) for v in parsed.speakers]
    if parsed.sides:
        filters["side"] = list(parsed.sides)
    if query.themes:
        filters["theme"] = list(query.themes)
    if parsed.outlets:
        filters["outlet"] = [" ".join(o) for o in parsed.outlets]
    if parsed.since:
        filters["since"] = parsed.since.isoformat()
    if parsed.until:
        filters["until"] = parsed.until.isoformat()
    return query, filters


class UnknownSpeaker(QueryError):
    """Raised before the vocabulary is refreshed; the caller retries once with fresh names."""


def _speaker(value: tuple[str, ...], vocab: Vocabulary) -> tuple[str, list[str]]:
    if value == ("both",):
        return "names", ["both"]
    if value in vocab.aliases and len(value) > 1:
        return "names", [vocab.aliases[value].lower()]
    if len(value) == 1:
        if value[0] in vocab.name_parts:
            return "parts", [value[0]]
        if value in vocab.aliases:
            return "names", [vocab.aliases[value].lower()]
    else:
        found = [n.lower() for n in vocab.speakers if _contains(tuple(tokens(n)), value)]
        if found:
            return "names", found
    said = " ".join(value)
    close = difflib.get_close_matches(said, [n.lower() for n in vocab.speakers], n=3)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    shown = vocab.speakers[:MAX_LISTED]
    more = f" (and {len(vocab.speakers) - len(shown)} more)" if len(shown) < len(
        vocab.speakers) else ""
    raise UnknownSpeaker(
        f"unknown speaker {said!r}; {hint}known speakers: both, {', '.join(shown)}{more}"
    )


def _contains(name: tuple[str, ...], part: tuple[str, ...]) -> bool:
    k = len(part)
    return any(name[i:i + k] == part for i in range(len(name) - k + 1))


def _theme(word: str, vocab: Vocabulary) -> str:
    if word in vocab.theme_ids:
        return word
    resolver = getattr(vocab.taxonomy, "resolve", None)
    if resolver is not None:
        try:
            found = resolver(word.replace("_", " "))
        except Exception:  # a helper's resolver failing must not break search
            found = None
        if isinstance(found, (list, tuple)):
            found = found[0] if len(found) == 1 else None
        if isinstance(found, str) and found in vocab.theme_ids:
            return found
        if found is not None and getattr(found, "id", None) in vocab.theme_ids:
            return str(found.id)
    raise QueryError(f"unknown theme {word!r}; themes: {', '.join(vocab.theme_ids)}")


def _yyyymmdd(day: Any) -> int | None:
    return day.year * 10000 + day.month * 100 + day.day if day else None
