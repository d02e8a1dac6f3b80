"""The engine interface: what the derived search index stores and how it is asked.

Two engines implement it (`tantivy_backend`, `fts5_backend`) so one test suite runs against
both and the choice between them stays a measurement, not a rewrite. Engines never see user
text: they get an `EngineQuery` whose words are already split into alphanumeric tokens.
"""

from __future__ import annotations

import abc
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Sorting key that orders by event date, then by ingest order, in one integer fast field:
# yyyymmdd * 10^10 + sid. Undated statements get date 0 and so sort last.
RECENCY_SHIFT = 10**10
CURSOR_FILE = "journal-cursor"


@dataclass(frozen=True)
class IndexDoc:
    sid: int
    text: str
    speaker: str | None
    side: str | None
    themes: tuple[str, ...]
    event_date: int  # yyyymmdd, 0 when unknown
    outlet: str | None
    meeting: str

    @property
    def recency(self) -> int:
        return self.event_date * RECENCY_SHIFT + self.sid

    @classmethod
    def from_statement(cls, st: dict[str, Any]) -> IndexDoc:
        """A statement dict in the export shape (`store.iter_statements`)."""
        day = st.get("event_date") or ""
        return cls(
            sid=int(st["sid"]),
            text=st["text"],
            speaker=st.get("speaker"),
            side=st.get("side"),
            themes=tuple(st.get("themes") or ()),
            event_date=int(day.replace("-", "")) if len(day) == 10 else 0,
            outlet=st.get("outlet"),
            meeting=st.get("meeting") or "",
        )


@dataclass(frozen=True)
class EngineQuery:
    """A resolved query. Every list is OR within itself and AND with the others."""

    terms: tuple[str, ...] = ()  # single lowercase tokens, matched stemmed
    phrases: tuple[tuple[str, ...], ...] = ()  # token sequences, matched exactly, in order
    exclude_terms: tuple[str, ...] = ()
    exclude_phrases: tuple[tuple[str, ...], ...] = ()
    speakers: tuple[str, ...] = ()  # lowercase canonical names ("cho hyun", "both")
    speaker_tokens: tuple[str, ...] = ()  # lowercase name parts ("cho" = any Cho)
    sides: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    outlets: tuple[tuple[str, ...], ...] = ()  # each outlet as its lowercase tokens
    since: int | None = None  # yyyymmdd inclusive
    until: int | None = None

    @property
    def has_text(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def has_speaker(self) -> bool:
        return bool(self.speakers or self.speaker_tokens)


@dataclass
class EngineResult:
    total: int
    sids: list[int] = field(default_factory=list)


def speaker_tokens(speaker: str | None) -> list[str]:
    """Lowercase name parts: "Cho Tae-yul" -> cho, tae, yul (so speaker:cho finds both Chos)."""
    from bot.search.query import tokens

    return tokens(speaker or "")


class SearchBackend(abc.ABC):
    """A derived, rebuildable statement index. `directory=None` keeps it in memory."""

    name: str = ""
    #: Bump when the fields or the analysis change: an index of another version is rebuilt.
    version: int = 1

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self._applied = 0  # in memory; a directory keeps it in CURSOR_FILE

    @abc.abstractmethod
    def replace(self, docs: Iterable[IndexDoc], deleted: Iterable[int] = (),
                applied: int | None = None) -> None:
        """Delete every doc with these sids or the docs' sids, then add the docs, and commit;
        then record `applied`, the id of the last journal row this change brings in.

        Idempotent: applying the same change twice leaves the same index.
        """

    @abc.abstractmethod
    def bulk_load(self, docs: Iterable[IndexDoc], applied: int = 0) -> int:
        """Fill an empty index in one commit, up to journal row `applied`; returns the number
        of docs."""

    # -- the index's cursor into the store's search journal ---------------------------------
    # Each machine's index follows the journal on its own, so the cursor lives with the index,
    # written after the index commits: a crash in between replays rows, which is harmless.
    def applied(self) -> int:
        if self.directory is None:
            return self._applied
        try:
            return int((self.directory / CURSOR_FILE).read_text().strip() or 0)
        except (OSError, ValueError):
            return 0

    def set_applied(self, applied: int) -> None:
        self._applied = applied
        if self.directory is None:
            return
        tmp = self.directory / f".{CURSOR_FILE}.{os.getpid()}.tmp"
        tmp.write_text(str(applied))
        os.replace(tmp, self.directory / CURSOR_FILE)

    @abc.abstractmethod
    def search(self, query: EngineQuery, limit: int, offset: int) -> EngineResult:
        """Matches ranked by (round(score, 3) desc, recency desc); filter-only: recency desc."""

    @abc.abstractmethod
    def count(self) -> int:
        """Number of docs, to check the index against the store."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release files and locks."""


def tie_sorted(scored: Sequence[tuple[float, int]]) -> list[tuple[float, int]]:
    """The ranking rule shared by the engines: (round(score, 3) desc, recency desc)."""
    return sorted(scored, key=lambda sr: (-round(sr[0], 3), -sr[1]))
