"""Round 36, issue 10, in our own words:
- a nickname in quotes between a given name and a family name ("Benjamin “Benny” Gantz" in a
  real readout) ended the name's run at the quote, so the person met was "Benjamin" alone and
  the readout's later "Mr. Gantz said" was a stranger with no side;
- a call with a group of allies whose readout lists who joined after a colon (the White House's
  call with the Bucharest Nine) was a meeting of the United States alone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.analysis.names import RUN_RE, tokens
from bot.pipeline.ingest import index_sources
from bot.store import Store


@contextmanager
def _indexed(tmp_path: Path, title: str, body: str, outlet: str,
             published: str) -> Iterator[tuple[Store, dict]]:
    """A store holding one readout (a JSON Lines record, as an archive gives it) and its one
    meeting."""
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"title": title, "text": body, "outlet": outlet,
                                "url": "https://example.gov/r-1", "published": published})
                    + "\n", encoding="utf-8")
    store = Store(tmp_path / "r.db")
    try:
        index_sources(store, [str(path)])
        (meeting,) = store.meetings()
        yield store, meeting
    finally:
        store.close()

BODY = ("Secretary Antony Blinken met today with Swiss Foreign Minister Bartholomew {q}Bart{p}"
        " Zellweger in Washington. The Secretary thanked Switzerland for its support of"
        " Ukraine. Foreign Minister Zellweger said Switzerland would press for humanitarian"
        " access in Gaza.")


@pytest.mark.parametrize(("q", "p"), [("“", "”"), ('"', '"'), ("‘", "’")])
def test_a_quoted_nickname_stays_inside_the_name(tmp_path: Path, q: str, p: str) -> None:
    title = "Readout of Secretary Blinken's Meeting with Swiss Foreign Minister Zellweger"
    with _indexed(tmp_path, title, BODY.format(q=q, p=p), "U.S. Department of State",
                  "2024-03-05") as (store, meeting):
        assert sorted(meeting["sides"]) == ["switzerland", "united_states"]
        people = {(s["speaker"], s["side"]) for s in store.iter_statements()
                  if "Switzerland would press" in s["text"]}
        assert people == {("Bartholomew Zellweger", "switzerland")}, people


def test_a_quote_after_a_name_is_not_a_nickname() -> None:
    # a quoted word that no family name follows is speech, not part of the name
    runs = [m.group(0) for m in RUN_RE.finditer('Minister Ortega called it “Historic” today.')]
    assert "Minister Ortega" in runs and not any("“" in r for r in runs), runs
    assert tokens("Benjamin “Benny” Gantz") == ["Benjamin", "Gantz"]


ROSTER = [("Estonian President Liina Saar", "estonia"),
          ("Latvian Prime Minister Janis Ozols", "latvia"),
          ("Lithuanian President Tomas Vaitkus", "lithuania"),
          ("Polish President Marek Nowak", "poland"),
          ("Romanian President Ion Popa", "romania")]


@pytest.mark.parametrize("n", [3, 5])
def test_a_roster_of_leaders_on_a_call_gives_the_meeting_its_sides(tmp_path: Path,
                                                                    n: int) -> None:
    # (a short list had also been dropped as a related story's headline: all capitals, no
    # full stop)
    body = ("President Joe Biden spoke today with the leaders of the Baltic Triangle group of"
            " our northern NATO Allies about regional security.\n\n"
            "Joining the call were the following leaders:\n\n"
            + "".join(f"-   {who}\n" for who, _c in ROSTER[:n]) + "\n###\n")
    title = "Readout of President Biden's Call with the Leaders of the Baltic Triangle"
    with _indexed(tmp_path, title, body, "The White House", "2021-12-09") as (_store, meeting):
        assert sorted(meeting["sides"]) == sorted(["united_states",
                                                   *(c for _w, c in ROSTER[:n])])
