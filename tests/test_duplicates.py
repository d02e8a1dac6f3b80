"""The indexed near-duplicate matcher gives the brute-force answer, on seeds, on a generated
meeting and on hostile input, and a lookup does not read the whole meeting."""

from __future__ import annotations

import random
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.meetings import duplicates as dup
from bot.meetings import merge

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SPEAKERS = [None, None, "Wang Yi", "Cho Hyun", "Park Jin"]
SWAPS = [("said", "noted"), ("should", "must"), ("stressed", "underlined"), ("two", "both"),
         ("China", "Beijing"), ("cooperation", "collaboration"), ("South Korea", "Seoul")]


def seed_sentences() -> list[str]:
    out: list[str] = []
    for f in sorted(SEEDS.glob("*.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            out += [s for s in re.split(r"(?<=[.!?])\s+", line.strip()) if s]
    return out


def reprint(text: str, rng: random.Random) -> str:
    """What a wire rewrite does: swap words, trim the start or the end, or add a clause."""
    for a, b in SWAPS:
        if rng.random() < 0.3:
            text = re.sub(rf"\b{a}\b", b, text)
    words = text.split()
    roll = rng.random()
    if roll < 0.2 and len(words) > 8:
        words = words[rng.randrange(1, len(words) // 3):]
    elif roll < 0.4 and len(words) > 8:
        words = words[: len(words) - rng.randrange(1, len(words) // 3)]
    elif roll < 0.5:
        words += ["in", "the", "capital", "on", rng.choice(["Monday", "Tuesday"])]
    return " ".join(words)


def agree(existing: list[tuple[int, str, str | None]],
          queries: list[tuple[str, str | None]]) -> int:
    """Assert the matcher equals brute force on every query; return how many matched."""
    m = dup.StatementMatcher(existing)
    hits = 0
    for text, speaker in queries:
        want = dup.brute_force_best(existing, text, speaker)
        assert m.match(text, speaker) == want, (text, speaker)
        hits += want is not None
    return hits


def test_same_matches_as_brute_force_on_the_seeds() -> None:
    rng = random.Random(3)
    sents = seed_sentences()
    existing = [(i, s, rng.choice(SPEAKERS)) for i, s in enumerate(sents)]
    queries = [(reprint(rng.choice(sents), rng), rng.choice(SPEAKERS)) for _ in range(600)]
    queries += [(s, None) for s in sents]
    hits = agree(existing, queries)
    assert hits > 300  # reprints are found, so the comparison is not all "no match"


def generated_meeting(n: int, seed: int) -> tuple[list[tuple[int, str, str | None]],
                                                  list[tuple[str, str | None]]]:
    """A meeting of n statements that are rewrites of each other: the worst case for candidate
    lists, and many near-ties."""
    rng = random.Random(seed)
    sents = seed_sentences()
    existing = [(i, reprint(rng.choice(sents), rng), rng.choice(SPEAKERS)) for i in range(n)]
    queries = [(reprint(rng.choice(sents), rng), rng.choice(SPEAKERS)) for _ in range(300)]
    return existing, queries


def test_same_matches_as_brute_force_on_a_generated_meeting() -> None:
    existing, queries = generated_meeting(dup.EXACT_BELOW - 1, 11)
    assert agree(existing, queries) > 150


def test_lsh_in_a_huge_meeting_finds_every_match_brute_force_finds() -> None:
    """Above EXACT_BELOW candidates come from MinHash LSH: on rewrites it finds a statement
    for every sentence brute force matches, with the same score; only which of two tied
    statements wins may differ."""
    existing, queries = generated_meeting(3000, 11)
    m = dup.StatementMatcher(existing, exact_below=0)
    by_sid = {sid: (text, speaker) for sid, text, speaker in existing}
    ties = 0
    for text, speaker in queries:
        want = dup.brute_force_best(existing, text, speaker)
        sid, score = m.best(text, speaker)
        assert (sid is None) == (want is None), text
        if want is not None and sid != want:
            ties += 1
            assert score == dup.similarity(dup.Shingles.of(text),
                                           dup.Shingles.of(by_sid[want][0]))
    assert ties <= len(queries) // 100


_VOCAB = ["china", "korea", "cooperation", "the", "of", "said", "wang", "cho", "trade",
          "peace", "ties", "and", "two", "sides", "should", "a", "x", "1", "é", "-", ".", " "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_VOCAB), max_size=14), min_size=1, max_size=40),
       st.lists(st.lists(st.sampled_from(_VOCAB), max_size=14), min_size=1, max_size=10),
       st.randoms(use_true_random=False))
def test_same_matches_as_brute_force_on_hostile_sentences(
        old: list[list[str]], new: list[list[str]], rng: random.Random) -> None:
    # a tiny vocabulary: every statement shares words with every other, short and empty ones
    existing = [(i, " ".join(ws), rng.choice(SPEAKERS)) for i, ws in enumerate(old)]
    agree(existing, [(" ".join(ws), rng.choice(SPEAKERS)) for ws in new])


def test_a_lookup_reads_a_few_statements_of_a_big_meeting() -> None:
    """Prefix filtering: the common words' postings are not read, so a lookup in a meeting of
    20,000 varied statements scores a small share of them."""
    rng = random.Random(5)
    sents = seed_sentences()
    existing = [(i, f"{reprint(rng.choice(sents), rng)} Item {i} of batch {i * 7919 % 104729}.",
                 None) for i in range(20000)]
    m = dup.StatementMatcher(existing, exact_below=10**9)  # the exact index, not LSH
    query = dup.Shingles.of(reprint(sents[5], rng))
    shared_any = sum(bool(query.content & dup.Shingles.of(t).content) for _, t, _ in existing)
    assert len(m.candidates(query)) < shared_any / 3


def test_statements_of_the_current_article_are_never_candidates() -> None:
    text = "China and South Korea should jointly oppose decoupling and protectionism."
    m = dup.StatementMatcher([(1, "Something else entirely was discussed at length today.", None)])
    for sid in range(2, 500):
        m.add(sid, text, None)
    assert m.match(text, None) is None
    assert len(m) == 1


def test_merge_still_exports_the_matcher() -> None:
    # bot.store.placing and older callers use merge.StatementMatcher
    assert merge.StatementMatcher is dup.StatementMatcher
    assert merge.SAME_STATEMENT == dup.SAME_STATEMENT
