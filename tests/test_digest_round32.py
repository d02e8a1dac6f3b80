"""Round 32 shapes, in our own words (issue 9). Measured on White House readouts of three
relationships (United States–France, –Israel, –India; public domain, in ../shared/corpus),
labelled by helpers before any Readout code ran on them: a readout that speaks only of "the two
leaders" had no tone at all; praise and thanks ("thanked him for his partnership", "our oldest
ally") and plain complaints ("unacceptable") moved no score; a verb phrase that ran on into a
second undertaking ("empower his negotiators to conclude a deal ... to bring the hostages home")
was listed whole, as filler; and "ironclad commitment to Israel’s security" lost its complement
to the curly apostrophe."""

from __future__ import annotations

import json
from pathlib import Path

from bot.pipeline.ingest import index_sources
from bot.store import Store
from digests import state
from digests.build import build_digest
from digests.phrases import extract
from digests.proposals import proposals
from digests.tone import default_lexicon


def test_long_undertaking_is_cut_before_the_next_one() -> None:
    found = proposals("The President asked the Chancellor to authorize his trade delegation to"
                      " finalize the remaining terms of the agreement without further delay to"
                      " bring the detained sailors home.")
    shown = set(found.values())
    assert "authorize his trade delegation" in shown
    # the second undertaking is cut again before its own purpose clause
    assert "finalize the remaining terms of the agreement without further delay" in shown
    # ... whose verb opens the third: three undertakings, none holding another
    assert "bring the detained sailors home" in shown
    assert not any("finalize" in s and "bring" in s for s in shown)


def test_short_undertaking_keeps_its_purpose() -> None:
    # ten words: one undertaking with its purpose, as before
    found = proposals("Beijing is willing to provide a stable investment climate to help"
                      " Malaysian firms' projects.")
    assert "provide a stable investment climate to help Malaysian firms' projects" in \
        found.values()


def test_undertaking_cut_before_what_it_includes() -> None:
    found = proposals("The Secretary urged the army to shield the displaced families including"
                      " those waiting at the crossing points in the south.")
    assert "shield the displaced families" in found.values()


def test_registry_complement_after_a_curly_apostrophe() -> None:
    found = extract("The President restated his ironclad commitment to Japan’s security.")
    assert found["ironclad commitment"] == "ironclad commitment to Japan's security"


def test_praise_thanks_and_complaints_in_white_house_words() -> None:
    tone = default_lexicon()
    warm, _ = tone.score("The President thanked the Chancellor and congratulated her on the"
                         " summit of our oldest ally.")
    cold, _ = tone.score("The President called the strikes unacceptable and made clear his"
                         " view on the crossings.")
    flat, _ = tone.score("The leaders reviewed the agenda of the summit.")
    assert warm > flat > cold


def _archive(path: Path, when: str, body: str) -> str:
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({
            "title": f"Readout of President Joe Biden's Call with President Emmanuel Macron of"
                     f" France ({when})",
            "text": body, "url": f"https://example.gov/readout-{when}", "outlet": "The White House",
            "published": when}) + "\n")
    return str(path)


def test_a_readout_of_the_two_leaders_has_a_tone(tmp_path: Path) -> None:
    """A White House readout in which every line is "the two leaders" is still the United
    States' own readout: its tone is scored and compared with the previous one."""
    store = Store(tmp_path / "r.db")
    first = ("President Joe Biden spoke today with President Emmanuel Macron of France. The two"
             " leaders reviewed preparations for the NATO summit in Madrid. The leaders discussed"
             " energy markets and the situation in the Sahel.")
    second = ("President Joe Biden spoke today with President Emmanuel Macron of France. The two"
              " leaders celebrated the enduring friendship between our countries and thanked"
              " each other for the successful summit. The leaders praised the steadfast"
              " partnership of their teams.")
    index_sources(store, [_archive(tmp_path / "a.jsonl", "2022-05-10", first)])
    digest = build_digest(store, "t")
    state.move_watermark(store, "t", digest.to_sid)
    index_sources(store, [_archive(tmp_path / "b.jsonl", "2022-07-12", second)])
    digest = build_digest(store, "t")
    tone = {t.side: t for t in digest.tone}
    assert "united_states" in tone
    us = tone["united_states"]
    assert us.current is not None and us.current > 0
    assert us.delta is not None and us.delta > 0
