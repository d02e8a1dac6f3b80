"""Reading articles from files, archives and URLs into `Article`s.

Contract: `read_path(path)` returns the articles in one file (a .jsonl archive holds many) or
raises `ArticleError` with a one-line reason; it never returns an article with no body.
"""

from __future__ import annotations

from pathlib import Path

from bot.articles.text import read_text_file
from bot.errors import ArticleError
from bot.models import Article

MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".txt", ".html", ".htm", ".jsonl")


def read_path(path: Path) -> list[Article]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ArticleError(f"unsupported file type {suffix or '(none)'}")
    size = path.stat().st_size
    if size == 0:
        raise ArticleError("empty file")
    if size > MAX_BYTES:
        raise ArticleError(f"file is {size // (1024 * 1024)} MB, over the {MAX_BYTES >> 20} MB cap")
    data = path.read_bytes()
    return read_text_file(data, path.name)
