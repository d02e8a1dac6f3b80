"""Title, publication date, outlet and url of an HTML page, from what publishers declare.

Sources in order of trust: JSON-LD `NewsArticle` (incl. `@graph`), OpenGraph / article meta tags,
`<link rel=canonical>`, `<time datetime>`, then `<h1>` and `<title>`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bs4 import BeautifulSoup, Tag

from bot.articles.cleanup import parse_date

_ARTICLE_TYPES = re.compile(r"(?:Article|BlogPosting|NewsArticle|Report)$")
_DATE_METAS = (
    "article:published_time", "datepublished", "article:published", "og:published_time",
    "pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date",
    "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
    "article.published", "cxenseparse:recs:publishtime", "pdate", "date.release",
)
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|\u00bb|/)\s+")


@dataclass
class PageMeta:
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    article_body: str | None = None


@dataclass
class _Found:
    metas: dict[str, str] = field(default_factory=dict)
    scripts: list[str] = field(default_factory=list)
    canonical: str | None = None
    time: str | None = None
    h1: str | None = None
    title: str | None = None


def _types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type", [])
    return [kind] if isinstance(kind, str) else [k for k in kind if isinstance(k, str)]


def _walk_jsonld(node: Any) -> list[dict[str, Any]]:
    """The objects of a JSON-LD block, `@graph` members included, in document order.

    A stack rather than recursion: a hostile page may nest lists a thousand deep."""
    found: list[dict[str, Any]] = []
    stack: list[Any] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            found.append(item)
            if "@graph" in item:
                stack.append(item["@graph"])
    return found


def _name(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _url(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value if isinstance(value, str) and value.startswith("http") else None


def _gather(soup: BeautifulSoup) -> _Found:
    """One pass over the tree for every tag metadata comes from (each find_all is a pass)."""
    found = _Found()
    for el in soup.descendants:
        if type(el) is not Tag:
            continue
        name = el.name
        if name == "meta":
            content = el.get("content")
            if not isinstance(content, str) or not content.strip():
                continue
            for attr in ("property", "name", "itemprop"):
                keys = el.get(attr)
                # itemprop may list several properties: "datePublished dateCreated"
                for key in keys.split() if isinstance(keys, str) else ():
                    found.metas.setdefault(key.lower(), content.strip())
        elif name == "script":
            if el.get("type") == "application/ld+json" and el.string:
                found.scripts.append(str(el.string))
        elif name == "link":
            rel, href = el.get("rel"), el.get("href")
            if found.canonical is None and isinstance(rel, list) and "canonical" in rel \
                    and isinstance(href, str) and href.startswith("http"):
                found.canonical = href
        elif name == "time":
            if found.time is None and isinstance(el.get("datetime"), str):
                found.time = str(el.get("datetime"))
        elif name == "h1":
            if found.h1 is None:
                found.h1 = el.get_text(" ", strip=True) or None
        elif name == "title" and found.title is None and el.string:
            found.title = str(el.string)
    return found


def jsonld_article(scripts: list[str]) -> dict[str, Any] | None:
    for script in scripts:
        try:
            data = json.loads(script, strict=False)
        except (ValueError, TypeError, RecursionError):  # RecursionError: nested too deep
            continue
        for obj in _walk_jsonld(data):
            if any(_ARTICLE_TYPES.search(t) for t in _types(obj)):
                return obj
    return None


def _strip_site(title: str, outlet: str | None) -> str:
    """"Headline | Site" -> "Headline". A " - " tail is only cut when it is the outlet's name:
    a dash also joins the halves of real headlines ("Trade war - what it means")."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    tail = parts[-1].strip()
    head = title[: title.rfind(parts[-1])].rstrip(" |-\u2013\u2014:/\u00bb").strip()
    if outlet and (tail.lower() == outlet.lower() or outlet.lower().startswith(tail.lower())):
        return head
    if f" | {parts[-1]}" in title and len(tail) <= 40 and len(head) >= 10:
        return head
    return title


def read_meta(soup: BeautifulSoup) -> PageMeta:
    meta = PageMeta()
    found = _gather(soup)
    metas = found.metas
    ld = jsonld_article(found.scripts) or {}

    outlet = metas.get("og:site_name") or _name(ld.get("publisher"))
    meta.outlet = outlet.strip() if outlet else None
    meta.url = found.canonical or _url(metas.get("og:url")) or _url(ld.get("url")) or \
        _url(ld.get("mainEntityOfPage"))

    published = ld.get("datePublished")
    meta.published = parse_date(published if isinstance(published, str) else None)
    for key in _DATE_METAS:
        if meta.published:
            break
        meta.published = parse_date(metas.get(key))
    if not meta.published:
        meta.published = parse_date(found.time)

    title = metas.get("og:title") or metas.get("twitter:title")
    if not title and isinstance(ld.get("headline"), str):
        title = ld["headline"]
    title = title or found.h1 or found.title
    meta.title = _strip_site(" ".join(title.split()), meta.outlet) if title else None

    body = ld.get("articleBody")
    meta.article_body = body if isinstance(body, str) and body.strip() else None
    return meta
