"""Which earlier statement of a meeting a sentence reprints (near-duplicate matching).

Rule (also in docs/meetings.md): two sentences of one meeting from different articles are one
statement when their speakers are compatible (equal, or one unknown) and `similarity` >=
SAME_STATEMENT. A sentence never merges with a statement its own article supplied.

Cost: a lookup must not grow with the meeting, or one huge file (or a meeting reported ten
thousand times) makes indexing quadratic.
- Statements the current article adds are never candidates for it, so they are not indexed: a
  20 MB file of 90,000 sentences costs nothing here (it was the whole of the issue's 67 s).
- A meeting with fewer than EXACT_BELOW statements to score (all but a few) is probed exactly:
  an inverted index of content words with prefix filtering, as in set-similarity joins. A
  match shares at least k = ceil(0.4 * the smaller word count) content words, so one of them
  is among the query's |Q| - k + 1 rarest words; the postings of its commonest words ("china",
  "cooperation") are only read for statements small enough to need them. Same result as
  scoring every statement (tests/test_duplicates.py).
- A bigger meeting (a huge file's, reported again) takes candidates from MinHash LSH over
  content words (datasketch): a flat 0.1-0.3 ms a lookup. Every candidate is still scored with
  the exact `similarity`, so LSH never invents a match, but it can miss one whose Jaccard
  overlap is low: a short sentence quoted inside one three times longer (containment 1.0,
  Jaccard 0.3). benchmarks/size_bench.py counts its answers that differ from brute force.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from datasketch import MinHash, MinHashLSH

from bot.models import normalise_text

# Measured on tests/fixtures/merge/pairs.jsonl (20 reprint edits, 18 hard different-statement
# pairs): reprints score >= 0.685 (a wire rewrite of a lead), the other 19 >= 0.77; different
# statements score <= 0.661 ("being neighbors is a fact that will never change" vs "being
# partners is a fact that should be cherished"). Precision first: a missed reprint shows twice,
# a false merge hides a statement.
SAME_STATEMENT = 0.70
MIN_CONTENT_WORDS = 3
# Meetings with this many statements to score go through MinHash LSH (see the module
# docstring); smaller ones through the exact index. benchmarks/size_bench.py: the exact index
# costs 0.3 ms a lookup at 1,000 statements, 1.8 ms at 4,000, 10 ms at 16,000; LSH 0.1-0.3 ms.
EXACT_BELOW = 2000
LSH_THRESHOLD = 0.4  # Jaccard of content words
NUM_PERM = 128

WORD = re.compile(r"[a-z0-9]+")
# Words that differ between reprints without changing what was said: function words,
# reporting verbs and pronouns that a reprint swaps for the name.
STOP = frozenset(re.findall(r"\S+", (
    "a an the of and or to in on at for with by from as that this these those its their his her"
    " he she it they is are was were be been has have had will would should can could also"
    " said says say saying told noted stressed added adding emphasized stated according"
)))

def _tokens(text: str) -> list[str]:
    # British and American spellings of the same word are one word ("politicisation").
    text = normalise_text(text).replace("isation", "ization").replace("ise ", "ize ")
    return WORD.findall(text)


@dataclass(frozen=True)
class Shingles:
    content: frozenset[str]
    bigrams: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, text: str) -> Shingles:
        return _shingles(text)

    @property
    def short(self) -> bool:
        """Too few words to score: only a statement with the same content words matches."""
        return len(self.content) < MIN_CONTENT_WORDS or not self.bigrams


@lru_cache(maxsize=8192)
def _shingles(text: str) -> Shingles:
    # Cached: a meeting's statements are compared again with every later report of it.
    toks = _tokens(text)
    return Shingles(frozenset(t for t in toks if t not in STOP), frozenset(pairwise(toks)))


def similarity(a: Shingles, b: Shingles) -> float:
    """Mean of content-word and word-pair containment in the shorter sentence.

    Containment rather than Jaccard because reprints trim (an appositive, half a sentence);
    word pairs keep two sentences built from the same stock words apart.
    """
    if min(len(a.content), len(b.content)) < MIN_CONTENT_WORDS or not a.bigrams or not b.bigrams:
        return 1.0 if a.content == b.content and a.content else 0.0
    words = len(a.content & b.content) / min(len(a.content), len(b.content))
    pairs = len(a.bigrams & b.bigrams) / min(len(a.bigrams), len(b.bigrams))
    return (words + pairs) / 2


def speakers_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=1)


def minhash(sh: Shingles) -> MinHash:
    """The MinHash of a statement's content words (one set of permutations for all: making
    them is most of a MinHash's cost)."""
    m = MinHash(num_perm=NUM_PERM, seed=1, permutations=_TEMPLATE.permutations,
                scheme=_TEMPLATE.scheme)
    m.update_batch([w.encode() for w in sh.content])
    return m


def _needed(smaller: int) -> int:
    """Content words a match must share when the smaller sentence has `smaller` of them:
    ceil(0.4 * smaller) in integers (containment >= 2 * SAME_STATEMENT - 1, see `similarity`)."""
    return (2 * smaller + 4) // 5


class _Same:
    """Statements of a meeting with the same words (one text repeated): scored once, and the
    lowest statement id a speaker may merge with stands for them, as brute force would pick."""

    __slots__ = ("by_speaker", "first", "first_unattributed", "shingles")

    def __init__(self, shingles: Shingles) -> None:
        self.shingles = shingles
        self.first: int | None = None
        self.first_unattributed: int | None = None
        self.by_speaker: dict[str, int] = {}

    def add(self, sid: int, speaker: str | None) -> None:
        self.first = sid if self.first is None else min(self.first, sid)
        if speaker is None:
            old = self.first_unattributed
            self.first_unattributed = sid if old is None else min(old, sid)
        else:
            self.by_speaker[speaker] = min(self.by_speaker.get(speaker, sid), sid)

    def sid_for(self, speaker: str | None) -> int | None:
        if speaker is None:
            return self.first
        ids = [i for i in (self.first_unattributed, self.by_speaker.get(speaker)) if i is not None]
        return min(ids) if ids else None


class StatementMatcher:
    """Near-duplicate lookup among one meeting's statements (see the module docstring).

    The index is built once from the meeting's earlier statements; statements the current
    article adds (`add`) are never candidates for it, so they are not indexed.
    """

    def __init__(self, existing: Iterable[tuple[int, str, str | None]] = (),
                 exact_below: int = EXACT_BELOW) -> None:
        self._count = 0
        self._groups: list[_Same] = []
        where: dict[Shingles, int] = {}
        for sid, text, speaker in existing:
            sh = Shingles.of(text)
            pos = where.get(sh)
            if pos is None:
                pos = where[sh] = len(self._groups)
                self._groups.append(_Same(sh))
            self._groups[pos].add(sid, speaker)
            self._count += 1
        self._by_content: dict[frozenset[str], list[int]] = {}
        for pos, g in enumerate(self._groups):
            self._by_content.setdefault(g.shingles.content, []).append(pos)
        # a short statement only matches its own words, which _by_content finds
        scored = [pos for pos, g in enumerate(self._groups) if not g.shingles.short]
        self._lsh: MinHashLSH | None = None
        self._postings: dict[str, tuple[list[int], list[int]]] = {}
        if len(scored) >= exact_below:
            self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
            with self._lsh.insertion_session() as session:
                for pos in scored:
                    session.insert(pos, minhash(self._groups[pos].shingles),
                                   check_duplication=False)
            return
        postings: dict[str, list[int]] = {}
        for pos in scored:
            for w in self._groups[pos].shingles.content:
                postings.setdefault(w, []).append(pos)
        # each word's statements by size, so a probe can stop at the small ones
        for w, plist in postings.items():
            plist.sort(key=lambda pos: len(self._groups[pos].shingles.content))
            self._postings[w] = ([len(self._groups[p].shingles.content) for p in plist], plist)

    def __len__(self) -> int:
        return self._count

    def add(self, sid: int, text: str, speaker: str | None) -> None:
        """A statement the current article created: never a candidate for this article, so
        nothing to index (kept so callers need not know)."""

    def match(self, text: str, speaker: str | None) -> int | None:
        return self.best(text, speaker)[0]

    def candidates(self, sh: Shingles) -> set[int]:
        """Groups of statements that may match (positions); a superset of the matches when
        the index is exact."""
        found = set(self._by_content.get(sh.content, ()))
        if sh.short:
            return found
        if self._lsh is not None:
            found.update(self._lsh.query(minhash(sh)))
            return found
        words = sorted(sh.content, key=lambda w: (len(self._postings.get(w, ((), ()))[1]), w))
        q = len(words)
        for rank, w in enumerate(words):
            entry = self._postings.get(w)
            if entry is None:
                continue
            sizes, plist = entry
            room = q - rank  # this word and the commoner ones after it
            if _needed(q) <= room:
                found.update(plist)
            else:
                # only a statement smaller than the query can still share enough words here
                found.update(plist[: bisect_right(sizes, (5 * room) // 2)])
        return found

    def best(self, text: str, speaker: str | None) -> tuple[int | None, float]:
        if not self._groups:  # a new meeting: the commonest case for a big file
            return None, 0.0
        sh = Shingles.of(text)
        best_sid: int | None = None
        best = 0.0
        for pos in self.candidates(sh):
            group = self._groups[pos]
            score = similarity(sh, group.shingles)
            if score < SAME_STATEMENT or score < best:
                continue
            sid = group.sid_for(speaker)
            if sid is not None and (score > best or best_sid is None or sid < best_sid):
                best_sid, best = sid, score
        return best_sid, best


def brute_force_best(existing: Iterable[tuple[int, str, str | None]], text: str,
                     speaker: str | None) -> int | None:
    """The reference the matcher must agree with: score every earlier statement."""
    sh = Shingles.of(text)
    best_sid: int | None = None
    best = 0.0
    for sid, other_text, other_speaker in existing:
        if not speakers_compatible(speaker, other_speaker):
            continue
        score = similarity(sh, Shingles.of(other_text))
        if score >= SAME_STATEMENT and (
                score > best or (score == best and best_sid is not None and sid < best_sid)):
            best_sid, best = sid, score
    return best_sid


__all__ = ["MIN_CONTENT_WORDS", "SAME_STATEMENT", "STOP", "WORD", "Shingles",
           "StatementMatcher", "brute_force_best", "similarity",
           "speakers_compatible"]
