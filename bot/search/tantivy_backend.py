"""tantivy engine (embedded Rust library): filters run inside the query, ranking is BM25.

Fields: `text` stemmed (en_stem) for free words, `text_exact` (lowercased, with positions) for
phrases, `speaker` (lowercased canonical name, raw) and `speaker_tok` (its parts), `side`,
`themes` (multi-valued raw), `outlet` (tokens with positions), `event_date` (yyyymmdd i64, for
ranges), `recency` (fast i64, see backend.RECENCY_SHIFT) and `sid` (fast i64, for deletes).
"""

from __future__ import annotations

import bisect
import heapq
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tantivy

from bot.search.backend import (
    RECENCY_SHIFT,
    EngineQuery,
    EngineResult,
    IndexDoc,
    SearchBackend,
    speaker_tokens,
    tie_sorted,
)

log = logging.getLogger(__name__)

WRITER_HEAP = 64_000_000
# Ranking must see every doc tied at the page boundary (see `_ranked`). Collecting 4k hits
# costs about the same as 10 (the query is evaluated in full either way: 3.2 ms vs 3.9 ms for
# 8k at 1.27M docs), but a second, wider pass costs a full evaluation again, so there is one
# pass: when more than MAX_TIE_WINDOW - offset - limit docs tie with the page's last hit, the
# ones beyond the window are not considered (the page is then the newest of the window's ties).
MAX_TIE_WINDOW = 4_096


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    # Signed: tantivy-py turns a Python int into an i64 term, so deleting by term on an
    # unsigned field silently matches nothing (stale copies would pile up on every update).
    b.add_integer_field("sid", indexed=True, fast=True)
    b.add_text_field("text", tokenizer_name="en_stem", index_option="freq")
    b.add_text_field("text_exact", tokenizer_name="default", index_option="position")
    b.add_text_field("speaker", tokenizer_name="raw", index_option="basic")
    b.add_text_field("speaker_tok", tokenizer_name="default", index_option="basic")
    b.add_text_field("side", tokenizer_name="raw", index_option="basic")
    b.add_text_field("themes", tokenizer_name="raw", index_option="basic")
    b.add_text_field("outlet", tokenizer_name="default", index_option="position")
    b.add_text_field("meeting", tokenizer_name="raw", index_option="basic")
    b.add_integer_field("event_date", indexed=True, fast=True)
    b.add_integer_field("recency", fast=True)
    return b.build()


# The query side of `en_stem`, so free words are looked up as the index stored them.
_STEM = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    .filter(tantivy.Filter.remove_long(40))
    .filter(tantivy.Filter.lowercase())
    .filter(tantivy.Filter.stemmer("english"))
    .build()
)


class TantivyBackend(SearchBackend):
    name = "tantivy"
    version = 2  # 2: `sid` is i64, so deletes by term work

    def __init__(self, directory: Path | None) -> None:
        super().__init__(directory)
        self.schema = _schema()
        if directory is None:
            self.index = tantivy.Index(self.schema)
        else:
            directory.mkdir(parents=True, exist_ok=True)
            # reuse=True opens an existing index; a schema mismatch raises (-> rebuild).
            self.index = tantivy.Index(self.schema, path=str(directory), reuse=True)
        self._meta_stamp = self._stamp()

    def _stamp(self) -> tuple[int, int]:
        """meta.json is replaced on every commit, in this process or another one."""
        if self.directory is None:
            return (0, 0)
        try:
            st = (self.directory / "meta.json").stat()
        except OSError:
            return (0, 0)
        return (st.st_ino, st.st_mtime_ns)

    def _refresh(self) -> None:
        # The reader's own reload-on-commit is asynchronous; a stat per query makes another
        # process's commit visible to the very next search.
        stamp = self._stamp()
        if stamp != self._meta_stamp:
            self.index.reload()
            self._meta_stamp = stamp

    # -- writing ----------------------------------------------------------------------------
    def _doc(self, d: IndexDoc) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_integer("sid", d.sid)
        doc.add_text("text", d.text)
        doc.add_text("text_exact", d.text)
        if d.speaker:
            doc.add_text("speaker", d.speaker.lower())
            doc.add_text("speaker_tok", " ".join(speaker_tokens(d.speaker)))
        if d.side:
            doc.add_text("side", d.side)
        for theme in d.themes:
            doc.add_text("themes", theme)
        if d.outlet:
            doc.add_text("outlet", d.outlet)
        doc.add_text("meeting", d.meeting)
        doc.add_integer("event_date", d.event_date)
        doc.add_integer("recency", d.recency)
        return doc

    def replace(self, docs: Iterable[IndexDoc], deleted: Iterable[int] = (),
                applied: int | None = None) -> None:
        # Raises ValueError if another process holds the writer lock; the caller leaves
        # the journal in place so that process (or a later sync) applies it.
        writer = self.index.writer(heap_size=20_000_000, num_threads=1)
        try:
            items = list(docs)
            for sid in {*deleted, *(d.sid for d in items)}:
                writer.delete_documents_by_term("sid", sid)
            for d in items:
                writer.add_document(self._doc(d))
            writer.commit()
            if applied is not None:  # still holding the writer lock
                self.set_applied(applied)
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()
        try:
            self.index.reload()
        except ValueError:
            # Another process's writer merged away a segment while this one reopened: what
            # was written is committed; this reader catches up on its next reload.
            log.info("search index reload raced another writer; reloading later")

    def bulk_load(self, docs: Iterable[IndexDoc], applied: int = 0) -> int:
        writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
        n = 0
        try:
            for d in docs:
                writer.add_document(self._doc(d))
                n += 1
            writer.commit()
            self.set_applied(applied)
        finally:
            writer.wait_merging_threads()
        self.index.reload()
        return n

    # -- reading ----------------------------------------------------------------------------
    def count(self) -> int:
        return int(self.index.searcher().num_docs)

    def build(self, q: EngineQuery) -> tuple[tantivy.Query, bool]:
        """The tantivy query and whether it carries text (so is ranked by score)."""
        s = self.schema
        Q, Occur = tantivy.Query, tantivy.Occur
        must: list[tuple[Any, tantivy.Query]] = []
        for term in q.terms:
            for stem in _STEM.analyze(term) or [term]:
                must.append((Occur.Must, Q.term_query(s, "text", stem)))
        for phrase in q.phrases:
            must.append((Occur.Must, self._exact(phrase)))
        for term in q.exclude_terms:
            for stem in _STEM.analyze(term) or [term]:
                must.append((Occur.MustNot, Q.term_query(s, "text", stem)))
        for phrase in q.exclude_phrases:
            must.append((Occur.MustNot, self._exact(phrase)))
        has_text = bool(q.terms or q.phrases)
        filters: list[tantivy.Query] = []
        if q.has_speaker:
            alts = [Q.term_query(s, "speaker", n) for n in q.speakers]
            alts += [Q.term_query(s, "speaker_tok", t) for t in q.speaker_tokens]
            filters.append(_any(alts))
        if q.sides:
            filters.append(Q.term_set_query(s, "side", list(q.sides)))
        if q.themes:
            filters.append(Q.term_set_query(s, "themes", list(q.themes)))
        if q.outlets:
            filters.append(_any([self._exact(o, "outlet") for o in q.outlets]))
        if q.since is not None or q.until is not None:
            filters.append(Q.range_query(
                s, "event_date", tantivy.FieldType.Integer,
                q.since if q.since is not None else 1, q.until,
            ))
        # Filters select; they must not add to the relevance score.
        must += [(Occur.Must, Q.const_score_query(f, 0.0)) for f in filters]
        if not has_text:
            must.append((Occur.Must, Q.all_query()))
        return Q.boolean_query(must), has_text

    def _exact(self, words: tuple[str, ...], field: str = "text_exact") -> tantivy.Query:
        if len(words) == 1:
            return tantivy.Query.term_query(self.schema, field, words[0])
        return tantivy.Query.phrase_query(self.schema, field, list(words))

    def search(self, query: EngineQuery, limit: int, offset: int) -> EngineResult:
        tq, has_text = self.build(query)
        self._refresh()
        searcher = self.index.searcher()
        if not has_text:
            res = searcher.search(tq, limit=max(limit, 1), offset=offset, count=True,
                                  order_by_field="recency")
            return EngineResult(res.count or 0, [k % RECENCY_SHIFT for k, _ in res.hits][:limit])
        return self._ranked(searcher, tq, limit, offset)

    def _ranked(self, searcher: Any, tq: tantivy.Query, limit: int, offset: int) -> EngineResult:
        """Top hits by (round(score, 3) desc, recency desc).

        The engine orders by raw score only, so a window of the best raw scores is fetched
        and re-ordered; it is exact whenever the boundary's ties fit in the window.
        """
        need = offset + limit
        res = searcher.search(tq, limit=max(MAX_TIE_WINDOW, need), count=True)
        total, hits = res.count or 0, res.hits
        return EngineResult(total, _page(searcher, hits, offset, need))

    def close(self) -> None:
        self.index = None  # type: ignore[assignment]


def _page(searcher: Any, hits: list[tuple[float, Any]], offset: int, need: int) -> list[int]:
    """Order the window by (round(score, 3) desc, recency desc) and cut the page.

    Hits come in raw-score order, so rounded scores never increase along the list: the hits
    above the page's last rounded score are few (at most `need`) and sorted fully; the group
    tied with it only needs its newest members.
    """
    if not hits or need == 0:
        return []
    last = min(need, len(hits)) - 1

    def key(h: tuple[float, Any]) -> float:
        return -round(h[0], 3)

    start = bisect.bisect_left(hits, key(hits[last]), key=key)
    cut = bisect.bisect_right(hits, key(hits[last]), key=key)
    rec = searcher.fast_field_values("recency", [a for _, a in hits[:cut]])
    head = tie_sorted([(h[0], r or 0) for h, r in zip(hits[:start], rec, strict=False)])
    group = heapq.nlargest(need - start, (r or 0 for r in rec[start:cut]))
    ranked = [r for _, r in head] + group
    return [r % RECENCY_SHIFT for r in ranked[offset:need]]


def _any(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])
