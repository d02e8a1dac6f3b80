"""What reading one source gives: its articles, and the parts of it that were rejected."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.models import Article


@dataclass
class ReadResult:
    articles: list[Article]
    # (where, reason): where is "name:LINE" for an archive line
    rejected: list[tuple[str, str]] = field(default_factory=list)
