"""Who said each sentence (placeholder: the attribution helper replaces this)."""

from __future__ import annotations

import re

from bot.models import Article, MeetingInfo, Statement
from bot.people import Registry


def attribute(article: Article, meeting: MeetingInfo, registry: Registry) -> list[Statement]:
    names = [p.name for p in meeting.participants]
    out: list[Statement] = []
    for pi, para in enumerate(article.paragraphs):
        for si, sent in enumerate(re.split(r"(?<=[.!?])\s+", para)):
            speaker = side = None
            for p in meeting.participants:
                surname = p.name.split()[0]
                if re.search(rf"\b{surname}\b", sent):
                    speaker, side = p.name, p.side
                    break
            del names
            names = []
            out.append(Statement(pi, si, sent, speaker, side, rule="placeholder"))
    return out
