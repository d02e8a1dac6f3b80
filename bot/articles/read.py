"""Reading one file or one fetched body into `Article`s.

Contract: `read_path(path)` returns the articles in one file (a .jsonl archive holds many) or
raises `ArticleError` with a one-line reason; it never returns an article with no body.
`read_path_detailed(path)` also returns the lines of an archive it could not read, each with its
reason, so a caller can report them; `read_path` only logs them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from bot.articles.result import ReadResult
from bot.errors import ArticleError
from bot.models import Article, printable

log = logging.getLogger(__name__)

# A single article file over this is not an article (50 MB of "text" is a dump or a mistake);
# refused from its size before a byte is read.
MAX_BYTES = 20 * 1024 * 1024
# Archives are read a line at a time, so they may be larger; each line is capped instead.
MAX_ARCHIVE_BYTES = 2 * 1024 * 1024 * 1024
SUFFIXES = (".txt", ".html", ".htm", ".jsonl")


def read_bytes(data: bytes, source: str, kind: str, url: str | None = None,
               charset: str | None = None) -> list[Article]:
    """One article from bytes already in memory; kind is "text" or "html"; charset is what an
    HTTP header declared, if anything."""
    from bot.articles.decode import decode_bytes

    if kind == "html":
        from bot.articles.html import parse_html

        return [parse_html(decode_bytes(data, html=True, charset=charset), source, url=url)]
    from bot.articles.cleanup import foreign_script, not_read_message
    from bot.articles.text import parse_text

    text = decode_bytes(data, charset=charset)
    try:
        article = parse_text(text, source)
    except ArticleError:
        # a page in another script is refused as such, not as a page with no story
        if (script := foreign_script(text)) is not None:
            raise ArticleError(not_read_message(script)) from None
        raise
    article.url = article.url or url
    return [article]


def read_path_detailed(path: Path, name: str | None = None) -> ReadResult:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        shown = suffix or "(none)"
        raise ArticleError(f"unsupported file type {shown}; expected one of {', '.join(SUFFIXES)}")
    size = path.stat().st_size
    if size == 0:
        raise ArticleError("empty file")
    if suffix == ".jsonl":
        if size > MAX_ARCHIVE_BYTES:
            raise ArticleError(f"archive is {size >> 20} MB, over the "
                               f"{MAX_ARCHIVE_BYTES >> 20} MB cap")
        from bot.articles.jsonl import read_jsonl

        return read_jsonl(path)
    if size > MAX_BYTES:
        raise ArticleError(f"file is {size >> 20} MB, over the {MAX_BYTES >> 20} MB cap")
    kind = "html" if suffix in (".html", ".htm") else "text"
    with path.open("rb") as fh:
        # a file still being written may have grown since stat(): never read past the cap
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ArticleError(f"file is over the {MAX_BYTES >> 20} MB cap")
    return ReadResult(read_bytes(data, printable(name or path.name), kind))


def read_path(path: Path) -> list[Article]:
    result = read_path_detailed(path)
    for where, reason in result.rejected:
        log.warning("skipped %s: %s", where, reason)
    return result.articles
