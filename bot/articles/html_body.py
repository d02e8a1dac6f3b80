"""The article body of an HTML page: boilerplate removal, then the densest cluster of text.

One walk over the cleaned <body> cuts it into text blocks at block-level tags, noting for each
block its text, how much of it is link text, and its chain of ancestors. Each block votes for its
ancestors with a readability-style score (length and commas, decaying with distance); the
ancestor with the best link-density-weighted score is the article container, and the body is
its blocks, minus link lists, captions and boilerplate lines. Nothing here knows any site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from bot.articles.cleanup import clean_line, is_caption, is_footer_start, is_junk_line

_DROP_TAGS = (
    "script", "style", "noscript", "nav", "header", "footer", "aside", "figure",
    "figcaption", "iframe", "svg", "button", "select", "textarea", "template", "object", "embed",
    "video", "audio", "canvas", "picture", "img", "input", "label", "dialog", "menu", "head",
)
_BLOCK_TAGS = frozenset((
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "br", "hr",
    "address", "center",
))
# Readability's "unlikely candidate" words, plus the share/newsletter/related furniture of news
# pages; a container also matching _MAYBE (article, body, content...) is kept.
_UNLIKELY = re.compile(
    r"-ad-|^ad-|\bads?\b|advert|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|"
    r"disqus|extra|foot|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|"
    r"skyscraper|social|sponsor|supplemental|agegate|pagination|pager|popup|share|sharing|"
    r"newsletter|promo|subscri|signup|byline|caption|credit|outbrain|taboola|recommend|trending|"
    r"most-?popular|cookie|consent|modal|toolbar|widget|read-?more|more-?stories|author|tags\b|"
    r"topics|timestamp|dateline-?meta|hidden|visually-hidden|sr-only|print-only|"
    r"rollover[\w-]*(?:block|card|content)|tooltip|popover|hover-?card",
    re.I,
)
_MAYBE = re.compile(r"and|article|body|column|content|main|shadow|story|text|post|entry", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BAD_ROLES = frozenset(("navigation", "complementary", "banner", "contentinfo", "menu", "dialog",
                        "alert", "search", "toolbar"))
_TAG_BONUS = {"article": 10.0, "main": 5.0, "div": 5.0, "section": 3.0, "td": 3.0,
              "blockquote": 3.0, "pre": 3.0, "ol": -3.0, "ul": -3.0, "li": -3.0, "dl": -3.0,
              "form": -3.0, "h1": -5.0, "h2": -5.0, "h3": -5.0, "h4": -5.0, "th": -5.0}
_SKIP_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_SUBHEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
MIN_BLOCK_CHARS = 25
# Blocks nested deeper than this are read as inline text (Blink's HTML parser stops nesting at
# 512; real article pages stay under 60).
MAX_DEPTH = 512


@dataclass
class Block:
    text: str
    link_chars: int
    tag: str  # the block-level tag that holds the text
    ancestors: tuple[Tag, ...]  # outermost first, ending with the holder


def _is_boilerplate(tag: Tag) -> bool:
    if tag.name in ("body", "html", "article", "main"):
        return False
    attrs = tag.attrs
    if not attrs:
        return False
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if attrs.get("role") in _BAD_ROLES:
        return True
    style = attrs.get("style")
    if isinstance(style, str) and _HIDDEN_STYLE.search(style):
        return True
    cls = attrs.get("class")
    names = " ".join(cls) if isinstance(cls, list) else (cls or "")
    ident = attrs.get("id")
    if isinstance(ident, str):
        names = f"{names} {ident}"
    return bool(names) and bool(_UNLIKELY.search(names)) and not _MAYBE.search(names)


def _skip(tag: Tag) -> bool:
    """Page furniture: never article text, so the walk does not enter it."""
    name = tag.name
    if name in _DROP_TAGS:
        return True
    # ASP.NET pages wrap the whole page in one <form>: only small forms are furniture
    if name == "form":
        return len(tag.get_text()) < 2000
    return _is_boilerplate(tag)


def cut_blocks(root: Tag) -> list[Block]:
    """Text blocks of the page outside its furniture, cut at block-level tags.

    The furniture is skipped rather than decomposed: mutating a bs4 tree costs more than
    parsing it, and the indexer reads 100k pages.
    """
    blocks: list[Block] = []
    parts: list[str] = []
    link_chars = 0
    holder: list[Tag] = [root]

    def flush() -> None:
        nonlocal link_chars
        if parts:
            text = clean_line("".join(parts))
            if text:
                blocks.append(Block(text, link_chars, holder[-1].name, tuple(holder)))
            parts.clear()
        link_chars = 0

    # An explicit stack, not recursion: a page nested 100,000 elements deep is a bad page, not
    # a crash. Each frame: the children still to visit, inside a link?, opened a block?
    stack: list[tuple[Iterator[PageElement], bool, bool]] = [(iter(root.contents), False, False)]
    while stack:
        children, in_link, opened = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if opened:
                flush()
                holder.pop()
            continue
        if isinstance(child, NavigableString):
            if not isinstance(child, _SKIP_STRINGS):
                parts.append(child)
                if in_link:
                    link_chars += len(child.strip())
            continue
        if not isinstance(child, Tag) or _skip(child):
            continue
        # Past MAX_DEPTH a block is read as inline, as browsers flatten what they cannot nest:
        # the text stays, and no block carries a chain of 100,000 ancestors.
        if child.name in _BLOCK_TAGS and len(holder) < MAX_DEPTH:
            flush()
            holder.append(child)
            stack.append((iter(child.contents), in_link, True))
        else:
            stack.append((iter(child.contents), in_link or child.name == "a", False))

    flush()
    return blocks


def _score(block: Block) -> float:
    return 1.0 + block.text.count(",") + min(len(block.text) / 100.0, 3.0)


def choose_container(blocks: list[Block]) -> tuple[Tag | None, dict[int, int]]:
    """The best-scoring ancestor, and each ancestor's text length (keyed by id)."""
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    text_len: dict[int, int] = {}
    link_len: dict[int, int] = {}
    for block in blocks:
        for tag in block.ancestors:
            key = id(tag)
            text_len[key] = text_len.get(key, 0) + len(block.text)
            link_len[key] = link_len.get(key, 0) + block.link_chars
        if len(block.text) < MIN_BLOCK_CHARS or block.link_chars * 2 > len(block.text):
            continue
        score = _score(block)
        # the holder's parent gets the full vote, higher ancestors less (readability's decay)
        for level, tag in enumerate(reversed(block.ancestors[:-1])):
            if level > 2:
                break
            key = id(tag)
            if key not in scores:
                scores[key] = _TAG_BONUS.get(tag.name, 0.0)
                tags[key] = tag
            scores[key] += score if level == 0 else score / (2 if level == 1 else level * 3)
    best_key, best = None, 0.0
    for key, score in scores.items():
        density = link_len[key] / max(text_len[key], 1)
        final = score * (1.0 - density)
        if final > best:
            best_key, best = key, final
    return (tags[best_key] if best_key is not None else None), text_len


def _siblings_worth_keeping(container: Tag, blocks: list[Block],
                            text_len: dict[int, int]) -> set[int]:
    """The container plus siblings that hold article text too (a body split by an ad slot)."""
    keep = {id(container)}
    # wrappers that add no text are the same container: siblings are looked for above them
    while container.parent is not None and text_len.get(id(container.parent), 0) <= \
            text_len.get(id(container), 0) * 1.05:
        container = container.parent
    keep.add(id(container))
    parent = container.parent
    if parent is None:
        return keep
    # only siblings built like the container (same tag and class: the next slice of the same
    # story after an ad slot) or holding a single paragraph; teaser boxes hold several blocks
    kind = (container.name, tuple(container.get("class") or ()))
    same_kind = {id(s) for s in parent.children if isinstance(s, Tag) and
                 (s.name, tuple(s.get("class") or ())) == kind}
    by_sibling: dict[int, list[Block]] = {}
    for block in blocks:
        for i in range(1, len(block.ancestors)):
            if block.ancestors[i - 1] is parent:
                by_sibling.setdefault(id(block.ancestors[i]), []).append(block)
                break
    for key, held in by_sibling.items():
        if key in keep or (key not in same_kind and len(held) != 1):
            continue
        if any(_is_prose(block) for block in held):
            keep.add(key)
    return keep


def _is_link_list(block: Block) -> bool:
    """Mostly link text, and not a sentence that merely links a long phrase ("... was
    <a>re-opened earlier this year</a>.")."""
    text = block.text
    if block.link_chars * 2 <= len(text):
        return False
    own = len(text) - block.link_chars
    return own < 40 or text[-1:] not in ".!?\"'\u201d"


def _is_prose(block: Block) -> bool:
    """Readability's test for a paragraph beside the article: long with few links, or short,
    linkless and ending a sentence."""
    text = block.text
    if len(text) > 80:
        return block.link_chars * 4 < len(text)
    return block.link_chars == 0 and text[-1:] in ".!?\"'\u201d"


def body_from_blocks(blocks: list[Block], container: Tag, text_len: dict[int, int]) -> list[str]:
    keep = _siblings_worth_keeping(container, blocks, text_len)
    paragraphs: list[str] = []
    heading: str | None = None  # a subheading is kept only when prose follows it
    for block in blocks:
        if not any(id(tag) in keep for tag in block.ancestors):
            continue
        text = block.text
        if block.tag == "h1" or _is_link_list(block):
            continue
        if is_footer_start(text) and paragraphs:
            break
        if is_caption(text) or is_junk_line(text):
            continue
        # short lines without sentence punctuation are labels ("TRENDING:"), not prose
        if len(text) < 40 and text.endswith(":") and (text.isupper() or " " not in text):
            continue
        if block.tag in _SUBHEADINGS:
            heading = text
            continue
        if len(text) < 40 and text[-1:] not in ".!?:\"'\u201d)":
            continue
        if heading:
            paragraphs.append(heading)
            heading = None
        paragraphs.append(text)
    return paragraphs


def extract_body(soup: BeautifulSoup) -> list[str]:
    root = soup.body or soup
    blocks = cut_blocks(root)
    container, text_len = choose_container(blocks)
    if container is None:
        # text straight in <body>, with no element around it to vote for
        container = root
        text_len = {id(root): sum(len(b.text) for b in blocks)}
    return body_from_blocks(blocks, container, text_len)
