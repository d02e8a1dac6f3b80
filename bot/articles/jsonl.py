"""JSON Lines archives: one article a line.

Fields: `title`, `text` (required), `published` or `date`, `url` or `source_url`, `outlet`.
An article is named by its url, else its title, else "archive.jsonl:LINE". `text` may be
hard-wrapped (lines wrapped inside paragraphs, a blank line between paragraphs) and may end with a
press-release "###" line; Markdown links are reduced to their text. A line that cannot be read
is reported with its number and reason, and the rest of the archive is still read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from bot.articles.cleanup import body_paragraphs, clean_line, finish_article, parse_date
from bot.articles.result import ReadResult
from bot.articles.text import split_body
from bot.errors import ArticleError
from bot.models import Article, printable

MAX_LINE_BYTES = 20 * 1024 * 1024
_END_MARK = re.compile(r"^\s*(?:###|-\s*30\s*-|-{3,}|END)\s*$")
_MD_LINK = re.compile(r"\[([^\]\n]{1,300})\]\((?:https?://|mailto:)[^)\s]{1,2000}\)")
_MD_EMPHASIS = re.compile(r"(\*{1,2}|_{2})(\S(?:[^*\n]{0,300}?\S)?)\1")


def _field(record: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def article_from_record(record: Any, fallback_name: str) -> Article:
    if not isinstance(record, dict):
        raise ArticleError(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ArticleError("no text field")
    title = _field(record, "title") or ""
    url = _field(record, "url", "source_url")
    text = _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", text))
    lines = [clean_line(ln) for ln in text.splitlines()]
    while lines and (not lines[-1] or _END_MARK.match(lines[-1])):
        lines.pop()
    return finish_article(
        source=url or title or fallback_name,
        title=title,
        paragraphs=body_paragraphs(split_body(lines), titled=bool(title)),
        outlet=_field(record, "outlet"),
        published=parse_date(_field(record, "published", "date")),
        url=url,
    )


def _lines(fh: BinaryIO, cap: int) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) for each line, or (number, None) for a line over `cap` bytes, which is
    skipped in bounded reads: a 300 MB one-line file never sits in memory."""
    number = 0
    while raw := fh.readline(cap + 1):
        number += 1
        if len(raw) > cap and not raw.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, raw


def _decode(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ArticleError("not UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise ArticleError(f"invalid JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:  # json's C reader refuses nesting past the recursion limit
        raise ArticleError("JSON nested too deeply (an article is one flat object)") from exc


def read_jsonl(path: Path) -> ReadResult:
    result = ReadResult([])
    with path.open("rb") as fh:
        for number, raw in _lines(fh, MAX_LINE_BYTES):
            where = f"{printable(path.name)}:{number}"
            try:
                if raw is None:
                    raise ArticleError(f"line is over {MAX_LINE_BYTES >> 20} MB")
                if not raw.strip():
                    continue
                result.articles.append(article_from_record(_decode(raw), where))
            except ArticleError as exc:
                result.rejected.append((where, f"line {number}: {exc}"))
    if not result.articles:
        if result.rejected:
            first = result.rejected[0][1]
            raise ArticleError(f"no readable article in {len(result.rejected)} line(s); "
                               f"first: {first}")
        raise ArticleError("empty archive (no lines)")
    return result
