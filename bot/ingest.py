"""The pipeline: read -> meeting -> attribute -> tag -> store -> search index.

Each article is its own transaction, so a crash part-way through a run keeps every article
stored before it and none of the one it was on; the search journal catches the index up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot import articles
from bot.attribution import attribute
from bot.errors import ReadoutError
from bot.meetings import extract_meeting
from bot.models import Article, IndexedArticle
from bot.outlets import side_of_outlet
from bot.people import Registry, default_registry
from bot.readout_side import side_from_wording
from bot.store import Store
from bot.themes import Taxonomy, default_taxonomy

log = logging.getLogger(__name__)


@dataclass
class Pipeline:
    registry: Registry = field(default_factory=default_registry)
    taxonomy: Taxonomy = field(default_factory=default_taxonomy)

    def analyse(self, article: Article) -> IndexedArticle:
        meeting = extract_meeting(article, self.registry)
        statements = attribute(article, meeting, self.registry)
        for st in statements:
            st.themes = self.taxonomy.tag(st.text)
        side = side_of_outlet(article.outlet, article.url) or side_from_wording(
            article, meeting, self.registry)
        return IndexedArticle(article, meeting, statements, side)


@dataclass
class IndexReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicates: int = 0
    new_statements: int = 0
    merged_statements: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    meetings: set[str] = field(default_factory=set)
    retagged: int | None = None  # statements re-tagged because the taxonomy changed

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added, "replaced": self.replaced, "unchanged": self.unchanged,
            "duplicates": self.duplicates, "statements": self.new_statements,
            "merged_statements": self.merged_statements,
            "rejected": [{"source": s, "reason": r} for s, r in self.rejected],
            "retagged": self.retagged,
        }


def ensure_tags_current(store: Store, taxonomy: Taxonomy, force: bool = False) -> int | None:
    """Re-tag stored statements if the taxonomy changed since they were tagged.

    Returns how many changed, or None when nothing needed doing.
    """
    from bot.store.retag import retag, tags_current

    fingerprint = taxonomy.fingerprint()
    if not force and tags_current(store, fingerprint):
        if store.get_meta("taxonomy_fingerprint") is None:
            store.set_meta("taxonomy_fingerprint", fingerprint)
        return None
    return retag(store, taxonomy.tag, fingerprint)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def expand_paths(sources: Iterable[str]) -> Iterator[str]:
    """Directories become their article files, sorted so runs are reproducible."""
    for src in sources:
        path = Path(src)
        if not is_url(src) and path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in articles.SUFFIXES:
                    yield str(f)
        else:
            yield src


def read_source(source: str, allow_private: bool = False) -> articles.ReadResult:
    """The articles in one source, plus the parts of it (archive lines) that were rejected."""
    if is_url(source):
        from bot.articles.fetch import fetch_url

        return articles.ReadResult(fetch_url(source, allow_private=allow_private))
    path = Path(source)
    if not path.exists():
        raise ReadoutError("no such file")
    return articles.read_path_detailed(path)


@dataclass
class Analysed:
    """One source read and analysed, ready to store (what a worker process hands back)."""

    source: str
    items: list[IndexedArticle]
    rejected: list[tuple[str, str]]


def analyse_source(source: str, pipeline: Pipeline, allow_private: bool = False) -> Analysed:
    try:
        result = read_source(source, allow_private=allow_private)
    except ReadoutError as exc:
        return Analysed(source, [], [(source, str(exc))])
    except OSError as exc:
        return Analysed(source, [], [(source, f"cannot read: {exc.strerror or exc}")])
    done = Analysed(source, [], list(result.rejected))
    for art in result.articles:
        try:
            done.items.append(pipeline.analyse(art))
        except ReadoutError as exc:
            done.rejected.append((art.source, str(exc)))
        except Exception as exc:  # one bad article must not stop the run
            log.exception("failed to analyse %s", art.source)
            done.rejected.append((art.source, f"internal error: {type(exc).__name__}: {exc}"))
    return done


def store_analysed(store: Store, items: Iterable[IndexedArticle], report: IndexReport) -> None:
    for item in items:
        try:
            outcome = store.ingest(item)
        except ReadoutError as exc:
            report.rejected.append((item.article.source, str(exc)))
            continue
        except Exception as exc:
            log.exception("failed to store %s", item.article.source)
            report.rejected.append(
                (item.article.source, f"internal error: {type(exc).__name__}: {exc}")
            )
            continue
        counter = "duplicates" if outcome.status == "duplicate" else outcome.status
        setattr(report, counter, getattr(report, counter) + 1)
        report.new_statements += outcome.new_statements
        report.merged_statements += outcome.merged_statements
        if outcome.meeting_id:
            report.meetings.add(outcome.meeting_id)


def index_articles(
    store: Store, items: Iterable[Article], report: IndexReport, pipeline: Pipeline
) -> None:
    """Articles already read (a fetched URL, Slack's `add`): analyse and store each."""
    for art in items:
        try:
            analysed = pipeline.analyse(art)
        except ReadoutError as exc:
            report.rejected.append((art.source, str(exc)))
            continue
        except Exception as exc:
            log.exception("failed to analyse %s", art.source)
            report.rejected.append((art.source, f"internal error: {type(exc).__name__}: {exc}"))
            continue
        store_analysed(store, [analysed], report)


def index_sources(
    store: Store,
    sources: Iterable[str],
    pipeline: Pipeline | None = None,
    progress: Callable[[str], None] | None = None,
    allow_private: bool = False,
    workers: int | None = None,
) -> IndexReport:
    """Index files, folders and URLs. Analysis may run in worker processes; storing stays in
    this process, in source order, one transaction per article, so the result is the same."""
    from bot.parallel import analysed_in_order
    from bot.search import sync_index

    pipeline = pipeline or Pipeline()
    report = IndexReport()
    report.retagged = ensure_tags_current(store, pipeline.taxonomy)
    for done in analysed_in_order(list(expand_paths(sources)), pipeline, allow_private, workers):
        if progress:
            progress(done.source)
        report.rejected.extend(done.rejected)
        store_analysed(store, done.items, report)
    sync_index(store)
    return report
