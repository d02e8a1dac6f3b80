"""Round 33, issue 10, in our own words: a White House readout names its counterpart without
a country in the body ("spoke today with Chancellor Angela Merkel") and with one in its title
("... with Chancellor Angela Merkel of Germany"). The counterpart was put on the United States'
side, for want of a country: 22 of 521 White House readouts whose title names a country had
no meeting side for it (measured by indexing ../shared/corpus/wh_readouts.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

from bot.pipeline.ingest import index_sources
from bot.store import Store


def _sides(tmp_path: Path, title: str, body: str) -> list[str]:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"title": title, "text": body, "outlet": "The White House",
                                "url": "https://example.gov/readout-1",
                                "published": "2023-03-02"}) + "\n", encoding="utf-8")
    store = Store(tmp_path / "r.db")
    index_sources(store, [str(path)])
    (meeting,) = store.meetings()
    return sorted(meeting["sides"])


def test_the_title_gives_the_country_the_body_left_out(tmp_path: Path) -> None:
    sides = _sides(tmp_path, "Readout of President Joe Biden's Call with Prime Minister Anna"
                   " Kowalczyk of Poland",
                   "President Joe Biden spoke today with Prime Minister Anna Kowalczyk. The"
                   " leaders discussed energy security and support for refugees.")
    assert sides == ["poland", "united_states"]


def test_a_surname_in_the_body_and_the_full_name_in_the_title(tmp_path: Path) -> None:
    sides = _sides(tmp_path, "Readout of Vice President Kamala Harris's Meeting with President"
                   " Tomas Oyelaran of Zambia",
                   "Vice President Kamala Harris met with President Oyelaran today to discuss"
                   " debt relief and the coming harvest.")
    assert sides == ["united_states", "zambia"]


def test_a_country_named_in_the_body_is_kept(tmp_path: Path) -> None:
    # the body's own country wins over nothing: a guess is corrected, a country is not
    sides = _sides(tmp_path, "Readout of President Joe Biden's Call with Prime Minister Anna"
                   " Kowalczyk",
                   "President Joe Biden spoke today with Prime Minister Anna Kowalczyk of Poland."
                   " The leaders discussed energy security.")
    assert sides == ["poland", "united_states"]
