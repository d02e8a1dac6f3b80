"""Plain-text articles (placeholder: the readers helper replaces this)."""

from __future__ import annotations

from datetime import date

from bot.errors import ArticleError
from bot.models import Article


def read_text_file(data: bytes, source: str) -> list[Article]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError("not UTF-8 text") from exc
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        raise ArticleError("empty file")
    title = lines[0]
    published = None
    if title.startswith("date "):
        published = date.fromisoformat(title[5:15])
        title = title[16:]
    return [Article(source=source, title=title, paragraphs=lines[1:], published=published)]
