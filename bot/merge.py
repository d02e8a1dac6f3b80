"""Which meeting an article reports, and which statements are the same sentence reprinted.

Rules (also in the README): two reports are one meeting when their event dates are at most one
day apart (datelines cross time zones), their formats agree, and their participants agree: the
same named people, or, where one report names fewer people, the same countries on each side.
Two sentences of one meeting are one statement when their word sets overlap by at least
`SAME_STATEMENT` (Jaccard over normalised words), so light edits in reprints still merge.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.models import MeetingInfo, Participant, normalise_text

SAME_STATEMENT = 0.72
_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class MeetingCandidate:
    id: str
    event_date: str | None
    format: str
    participants: list[dict[str, Any]]


def sides_of(participants: Iterable[Participant]) -> list[str]:
    return sorted({p.side for p in participants if p.side})


def meeting_id(info: MeetingInfo, salt: str = "") -> str:
    """Readable and stable across re-indexing: the date, then a short hash of who met how."""
    who = ",".join(sorted(p.name for p in info.participants))
    digest = hashlib.sha1(f"{info.format}|{who}|{salt}".encode()).hexdigest()[:6]
    return f"{info.event_date.isoformat() if info.event_date else 'undated'}-{digest}"


def find_meeting(info: MeetingInfo, candidates: list[MeetingCandidate]) -> tuple[str, str] | None:
    names = {p.name for p in info.participants}
    sides = set(sides_of(info.participants))
    best: tuple[int, str, str] | None = None
    for cand in candidates:
        cnames = {p["name"] for p in cand.participants}
        csides = {p["side"] for p in cand.participants if p.get("side")}
        shared = names & cnames
        day = "same day" if cand.event_date == (info.event_date and info.event_date.isoformat()) \
            else "one day apart"
        if len(shared) >= 2 or (shared and (names <= cnames or cnames <= names)):
            score = 2
            why = (f"{day}, {info.format}, same participants ({', '.join(sorted(shared))})")
        elif len(sides) >= 2 and sides == csides and (shared or not names or not cnames):
            score = 1
            why = f"{day}, {info.format}, same sides ({', '.join(sorted(sides))})"
        else:
            continue
        if best is None or score > best[0]:
            best = (score, cand.id, why)
    return (best[1], best[2]) if best else None


def words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(normalise_text(text)))


class StatementMatcher:
    """Near-duplicate lookup among one meeting's statements (tens, so a scan is enough)."""

    def __init__(self, existing: Iterable[tuple[int, str, str | None]]) -> None:
        self._items: list[tuple[int, frozenset[str], str | None]] = [
            (sid, words(text), speaker) for sid, text, speaker in existing
        ]

    def add(self, sid: int, text: str, speaker: str | None) -> None:
        self._items.append((sid, words(text), speaker))

    def match(self, text: str, speaker: str | None) -> int | None:
        w = words(text)
        if not w:
            return None
        best_sid, best = None, SAME_STATEMENT
        for sid, other, other_speaker in self._items:
            if speaker and other_speaker and speaker != other_speaker:
                continue
            inter = len(w & other)
            if not inter:
                continue
            score = inter / len(w | other)
            if score >= best:
                best_sid, best = sid, score
        return best_sid
