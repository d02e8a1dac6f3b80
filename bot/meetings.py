"""What event an article reports (placeholder: the meetings helper replaces this)."""

from __future__ import annotations

from bot.models import Article, MeetingInfo, Participant
from bot.people import Registry


def extract_meeting(article: Article, registry: Registry) -> MeetingInfo:
    text = " ".join(article.paragraphs[:3])
    parts = [
        Participant(p.name, p.side, p.id)
        for p in registry.people()
        if any(n in text.lower() for n in p.full_names)
    ]
    fmt = "phone_call" if "phone" in text.lower() else "meeting"
    return MeetingInfo(article.published, fmt, participants=parts, date_reason="published")
