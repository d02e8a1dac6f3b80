"""A report whose only date is the day it was published joins its meeting of a few days before.

Agencies and ministry pages often carry talks a day or two late and never say when they were
held ("..., the agency has learnt from the ministry's press service"): the date they have is
the page's. The meeting was that day or up to merge.PUBLISHED_LAG days before. The fixtures
are our own words in the house styles seen (an agency's page saved with its date line; a
Xinhua wire item; a ministry release giving a month and day but no year).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.meetings import merge
from bot.models import MeetingInfo, Participant
from bot.pipeline.ingest import index_sources
from bot.store import Store

WIRE = """Chinese FM holds talks with ROK foreign minister in Beijing

BEIJING, Sept. 17 (Xinhua) -- Chinese Foreign Minister Wang Yi held talks with South Korean \
Foreign Minister Cho Hyun in Beijing on Wednesday, and said the two neighbors should keep \
their relations on a steady course.

Wang said China stands ready to work with South Korea to expand practical cooperation in \
trade, supply chains and people-to-people exchanges.

Cho said South Korea values its strategic cooperative partnership with China.
"""

# the agency's page as saved: its date line, then an item that never says when the talks were
AGENCY = """ date {published} Korean, Chinese top diplomats discuss cooperation in Beijing

Foreign Minister Cho Hyun held talks with Chinese Foreign Minister Wang Yi in Beijing during \
his official visit to China, the agency has learnt from the press service of the foreign \
ministry.

The two ministers discussed cooperation in trade, supply chains and people-to-people \
exchanges, as well as the situation on the Korean Peninsula.

Cho asked China to play a constructive role for peace on the peninsula, the ministry said.
"""

# a ministry release with a month and day but no year (its page date not saved)
RELEASE = """Outcome of Korea-China Foreign Ministers' Meeting

Minister of Foreign Affairs Cho Hyun held a meeting with Foreign Minister Wang Yi of China \
on Sept. 17 in Beijing and discussed ways to develop the strategic cooperative partnership.

Minister Cho said the Korean government hopes the two countries will work together for peace \
on the Korean Peninsula.
"""


def _write(folder: Path, files: dict[str, str]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / name) for name in files]


def _meetings(tmp_path: Path, files: dict[str, str], order: list[str]) -> list[dict]:
    paths = _write(tmp_path / "in", files)
    store = Store(tmp_path / f"{'-'.join(order)}.db")
    by_name = {Path(p).name: p for p in paths}
    for name in order:  # one file at a time: a later report must find the earlier one
        report = index_sources(store, [by_name[name]])
        assert report.added == 1 and not report.rejected
    return store.meetings()


@pytest.mark.parametrize("order", [["wire.txt", "agency.txt"], ["agency.txt", "wire.txt"]])
def test_agency_page_two_days_later_joins_the_talks(tmp_path: Path, order: list[str]) -> None:
    files = {"wire.txt": WIRE, "agency.txt": AGENCY.format(published="2025-09-19")}
    [meeting] = _meetings(tmp_path, files, order)
    # the wire gives the day in its text: that is the meeting's date, not the page's
    assert meeting["event_date"] == "2025-09-17"
    assert sorted(meeting["sources"]) == ["agency.txt", "wire.txt"]
    why = {s["article"]: s["why"] for s in meeting["source_details"]}
    # placed in the canonical order whatever the order of indexing: the dated wire first
    assert why["wire.txt"] == "first report of this meeting"
    assert "published 2 days after the meeting" in why["agency.txt"]


def test_a_page_published_five_days_later_stays_apart(tmp_path: Path) -> None:
    files = {"wire.txt": WIRE, "agency.txt": AGENCY.format(published="2025-09-22")}
    meetings = _meetings(tmp_path, files, ["wire.txt", "agency.txt"])
    assert sorted(m["event_date"] for m in meetings) == ["2025-09-17", "2025-09-22"]


def test_a_page_dated_before_the_talks_stays_apart(tmp_path: Path) -> None:
    # published two days BEFORE the talks: it cannot be a report of them
    files = {"wire.txt": WIRE, "agency.txt": AGENCY.format(published="2025-09-15")}
    meetings = _meetings(tmp_path, files, ["wire.txt", "agency.txt"])
    assert len(meetings) == 2


@pytest.mark.parametrize("order", [["release.txt", "agency.txt"], ["agency.txt", "release.txt"]])
def test_month_and_day_before_the_page_date_dates_the_meeting(
        tmp_path: Path, order: list[str]) -> None:
    files = {"release.txt": RELEASE, "agency.txt": AGENCY.format(published="2025-09-19")}
    [meeting] = _meetings(tmp_path, files, order)
    # neither text gives a year; the agency's page gives 2025 and the release the day
    assert meeting["event_date"] == "2025-09-17"


def _info(when: date | None, reason: str, **kw: object) -> MeetingInfo:
    people = [Participant("Wang Yi", "china"), Participant("Cho Hyun", "south_korea")]
    return MeetingInfo(when, "meeting", None, None, people, reason, **kw)  # type: ignore[arg-type]


def test_meeting_date_rule() -> None:
    published = _info(date(2025, 9, 19), "publication date 2025-09-19")
    said = _info(date(2025, 9, 17), '"Sept. 17, 2025" (publication date 2025-09-18)')
    # a date in a text wins a tie with a publication date only by being earlier; two pages
    # of the 19th against one text of the 17th: the 19th (most reports)
    assert merge.meeting_date([published, said]) == (date(2025, 9, 17), False)
    assert merge.meeting_date([published, published, said])[0] == date(2025, 9, 19)
    # only publication dates: an upper bound, moved back by a month and day 2-3 days before
    assert merge.meeting_date([published]) == (date(2025, 9, 19), True)
    md = _info(None, "9/17 with no year in the article", month_day=(9, 17))
    assert merge.meeting_date([published, md]) == (date(2025, 9, 17), False)
    # ... but not by one a day before (two reports may differ by a day anywhere)
    md18 = _info(None, "9/18 with no year in the article", month_day=(9, 18))
    assert merge.meeting_date([published, md18]) == (date(2025, 9, 19), True)
    # ... or by a weekday: Wednesday the 17th, two days before
    wd = _info(None, "only the weekday (Wednesday) in the article", weekday=2)
    assert merge.meeting_date([published, wd]) == (date(2025, 9, 17), False)
