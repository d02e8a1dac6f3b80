"""Index sources: analyse each (here or in worker processes), then store and sync the search
index.

Each article is its own transaction, so a crash part-way through a run keeps every article
stored before it and none of the one it was on; the search journal catches the index up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bot.analysis.themes import Taxonomy
from bot.errors import ReadoutError
from bot.models import Article, IndexedArticle, printable
from bot.pipeline.analyse import Pipeline, expand_paths, failure_reason
from bot.store import Store

log = logging.getLogger(__name__)


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
            "rejected": [{"source": printable(s), "reason": printable(r)}
                         for s, r in self.rejected],
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


def store_analysed(store: Store, items: Iterable[IndexedArticle], report: IndexReport) -> None:
    for item in items:
        try:
            outcome = store.ingest(item)
        except ReadoutError as exc:
            report.rejected.append((item.article.source, str(exc)))
            continue
        except Exception as exc:
            log.warning("failed to store %s", printable(item.article.source), exc_info=True)
            report.rejected.append((item.article.source, failure_reason(exc)))
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
            log.warning("failed to analyse %s", printable(art.source), exc_info=True)
            report.rejected.append((art.source, failure_reason(exc)))
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
    from bot.pipeline.parallel import analysed_in_order
    from bot.search import sync_index
    from bot.search.index import PeriodicSync

    pipeline = pipeline or Pipeline()
    report = IndexReport()
    report.retagged = ensure_tags_current(store, pipeline.taxonomy)
    follow = PeriodicSync(store)  # the index follows the run, so no reader meets a backlog
    for done in analysed_in_order(list(expand_paths(sources)), pipeline, allow_private, workers):
        if progress:
            progress(done.source)
        report.rejected.extend(done.rejected)
        store_analysed(store, done.items, report)
        follow()
    sync_index(store)
    return report
