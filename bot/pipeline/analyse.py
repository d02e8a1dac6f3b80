"""Read and analyse one source: read -> meeting facts -> attribute -> tag -> readout side.

Pure work on one source with no store, so it can run in a worker process (`parallel`) and its
result (`Analysed`) is what crosses the process boundary. May import: bot root, registry,
articles, analysis, meetings.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.analysis.attribution import attribute
from bot.analysis.meeting_facts import extract_meeting
from bot.analysis.themes import Taxonomy, default_taxonomy
from bot.articles import read
from bot.articles.cleanup import plausible
from bot.errors import ReadoutError
from bot.meetings.sides import (
    first_person_writer,
    in_first_person,
    release_voice,
    side_from_wording,
    title_speaker,
)
from bot.models import Article, IndexedArticle, printable
from bot.registry.outlets import side_of_outlet
from bot.registry.people import Registry, default_registry

log = logging.getLogger(__name__)


@dataclass
class Pipeline:
    registry: Registry = field(default_factory=default_registry)
    taxonomy: Taxonomy = field(default_factory=default_taxonomy)

    def analyse(self, article: Article) -> IndexedArticle:
        meeting = extract_meeting(article, self.registry)
        if meeting.event_date is not None and plausible(meeting.event_date) is None:
            meeting.event_date = None  # "Dec. 31, 9999" is a placeholder, and overflows later
        statements = attribute(article, meeting, self.registry)
        for st in statements:
            st.themes = self.taxonomy.tag(st.text)
        side = side_of_outlet(article.outlet, article.url)
        parties = {p.side for p in meeting.participants if p.side and p.side != "both"}
        if side is not None and len(parties) >= 2 and side not in parties:
            # a third country's agency on others' meeting (Anadolu on a China-Brazil call) is
            # news, neither government's readout: who writes it is read from its words
            side = None
        side = side or side_from_wording(article, meeting, self.registry)
        writer = first_person_writer(article, meeting, side, self.registry)
        speaker = title_speaker(article, self.registry)
        if speaker is not None:
            # "Foreign Minister Sergey Lavrov's opening remarks during talks with ...": the
            # page is his words, his government's account, and he was at the table
            side = side or speaker.side
            writer = None if any(p.name == speaker.name for p in meeting.participants) \
                else speaker
        if writer is not None:
            # "Today I met with China's Minister of Foreign Affairs, Wang Yi": the minister
            # who writes is the other participant, so both sides' reports can meet
            meeting.participants.append(writer)
        voice = speaker or release_voice(article, meeting, side, writer)
        if voice is not None:
            # A minister's own release or speech: what is said in the first person and left
            # to nobody ("I welcomed progress on trade", "Predictability is in all our
            # interests") is the minister's, and so that side's readout of its own words
            for st in statements:
                if st.speaker is None and in_first_person(st.text):
                    st.speaker, st.side, st.rule = voice.name, voice.side, "first person"
        return IndexedArticle(article, meeting, statements, side)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


class FoundPath(str):
    """A file found in a folder given to `readout index`, with the name it is stored under:
    its path inside that folder ("2024-02-06/kbs.txt"), so two saved pages called kbs.txt in
    two subfolders are two articles, not one replacing the other."""

    stored_as: str


def stored_name(source: str) -> str | None:
    return getattr(source, "stored_as", None)


def expand_paths(sources: Iterable[str]) -> Iterator[str]:
    """Directories become their article files, sorted so runs are reproducible. Files named
    one by one keep their file name, except when two of one run share it ("a/kbs.txt
    b/kbs.txt"): then each is stored under its path from their common folder, so neither
    replaces the other."""
    sources = list(sources)
    files = [s for s in sources if not is_url(s) and not Path(s).is_dir()
             and stored_name(s) is None]
    by_name: dict[str, list[str]] = {}
    for f in files:
        by_name.setdefault(Path(f).name, []).append(f)
    renamed: dict[str, str] = {}
    for same in by_name.values():
        paths = {str(Path(f).resolve()) for f in same}
        if len(paths) > 1:
            root = os.path.commonpath(sorted(paths))
            for f in same:
                renamed[f] = Path(os.path.relpath(Path(f).resolve(), root)).as_posix()
    for src in sources:
        path = Path(src)
        if src in renamed:
            found = FoundPath(src)
            found.stored_as = renamed[src]
            yield found
        elif not is_url(src) and path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in read.SUFFIXES:
                    found = FoundPath(str(f))
                    found.stored_as = f.relative_to(path).as_posix()
                    yield found
        else:
            yield src


def read_source(source: str, allow_private: bool = False) -> read.ReadResult:
    """The articles in one source, plus the parts of it (archive lines) that were rejected."""
    if is_url(source):
        from bot.articles.fetch import fetch_url

        return read.ReadResult(fetch_url(source, allow_private=allow_private))
    path = Path(source)
    if not path.exists():
        raise ReadoutError("no such file")
    return read.read_path_detailed(path, stored_name(source))


@dataclass
class Analysed:
    """One source read and analysed, ready to store (what a worker process hands back)."""

    source: str
    items: list[IndexedArticle]
    rejected: list[tuple[str, str]]


def failure_reason(exc: BaseException) -> str:
    """One line for a failure that is not the input's fault as far as we know (a bug, a limit
    of Python), naming what happened; the traceback goes to the log."""
    if isinstance(exc, RecursionError):
        return "nested too deeply to read (RecursionError); the rest of the run went on"
    if isinstance(exc, MemoryError):
        return "out of memory while reading it (MemoryError)"
    detail = " ".join(str(exc).split())[:200]
    return f"internal error: {type(exc).__name__}" + (f": {detail}" if detail else "")


def analyse_source(source: str, pipeline: Pipeline, allow_private: bool = False) -> Analysed:
    """Never raises: whatever goes wrong with one source becomes its one-line reason."""
    try:
        result = read_source(source, allow_private=allow_private)
    except ReadoutError as exc:
        return Analysed(source, [], [(source, str(exc))])
    except OSError as exc:
        return Analysed(source, [], [(source, f"cannot read: {exc.strerror or exc}")])
    except Exception as exc:  # a bug or a limit: this source fails, the run goes on
        log.warning("failed to read %s", printable(source), exc_info=True)
        return Analysed(source, [], [(source, failure_reason(exc))])
    done = Analysed(source, [], list(result.rejected))
    for art in result.articles:
        try:
            done.items.append(pipeline.analyse(art))
        except ReadoutError as exc:
            done.rejected.append((art.source, str(exc)))
        except Exception as exc:  # one bad article must not stop the run
            log.warning("failed to analyse %s", printable(art.source), exc_info=True)
            done.rejected.append((art.source, failure_reason(exc)))
    return done
