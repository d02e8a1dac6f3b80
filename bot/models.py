"""Plain data passed between the pipeline stages; no behaviour beyond derived keys."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

BOTH = "both"
UNDATED = "undated"


def shown_date(value: object) -> str:
    """A date as text output shows it: a report with no known date says "undated", never
    "None" (JSON output keeps null)."""
    return str(value) if value else UNDATED
FORMATS = ("meeting", "phone_call", "video_call", "message")


def printable(text: str) -> str:
    """A name safe to print, store and send: a file name with bytes that are not UTF-8 reaches
    Python as lone surrogates, which no terminal, database or JSON encoder accepts; they
    become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace") \
        .encode("utf-8", "replace").decode("utf-8")


def ordinal(day: int) -> str:
    """21 -> "21st", 13 -> "13th": as a reason says a day of the month."""
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def strip_accents(text: str) -> str:
    """The text as typed without accents: "Malé" is "Male", "Szijjártó" "Szijjarto"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalise_text(text: str) -> str:
    """Fold the differences that do not change what an article says (quotes, spaces, case)."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass
class Article:
    source: str
    title: str
    paragraphs: list[str]
    outlet: str | None = None
    published: date | None = None
    dateline: str | None = None
    url: str | None = None
    # Photo captions dropped from the body: no statements, but "... in Lima, Peru, November 16,
    # 2024. /Xinhua" dates the event when the story does not. Not part of the id.
    captions: list[str] = field(default_factory=list)
    # A month and day printed under the headline with no year ("NHK -- May 23"): the day the
    # story went out, as good as a dateline's for joining a dated report of the meeting.
    header_day: tuple[int, int] | None = None

    @property
    def id(self) -> str:
        # Content, not location: the same text from two paths is one article.
        body = normalise_text(self.title + "\n" + "\n".join(self.paragraphs))
        return hashlib.sha256(body.encode()).hexdigest()[:16]


@dataclass
class Participant:
    name: str
    side: str | None
    person_id: str | None = None


# A report that names no format at all ("their first official exchange since he took office")
# may be of any: it is stored as UNSTATED and fits a meeting of any format; a meeting all of
# whose reports say nothing is shown as a meeting (merge.shown_format).
UNSTATED = "unstated"
# The mark a date's reason ends on when the date is the day the account was made public
# ("..., Kyiv said Thursday"): the meeting was that day or the day before (merge.meeting_date)
MADE_PUBLIC = "the day it was made public"


@dataclass
class MeetingInfo:
    """What one article says about the event it reports."""

    event_date: date | None
    format: str
    location: str | None = None
    occasion: str | None = None
    participants: list[Participant] = field(default_factory=list)
    date_reason: str = ""
    # A report that writes "on July 28" and nothing that fixes the year: enough to join a
    # known meeting of the same people on that day.
    month_day: tuple[int, int] | None = None
    # A report that gives no date at all but a weekday ("on Sunday"), Monday=0: it may join a
    # known meeting of the same people, format and place on such a day when only one fits.
    weekday: int | None = None
    # Only the day of the month ("on the 21st", Korean copy in English): the same use.
    day: int | None = None
    # The weekday is the day the account was made public ("China's foreign ministry said on
    # Tuesday"), not the event's: the meeting was that day or the day before (a New York
    # evening is the next morning in Beijing).
    said: bool = False


@dataclass
class Statement:
    paragraph: int
    sentence: int
    text: str
    speaker: str | None
    side: str | None
    themes: list[str] = field(default_factory=list)
    # Who put the words out when that is not the speaker ("..., the ministry said").
    via: str | None = None
    # Why the speaker was chosen, for `readout explain`-style debugging and tests.
    rule: str = ""


@dataclass
class IndexedArticle:
    article: Article
    meeting: MeetingInfo
    statements: list[Statement]
    side: str | None = None  # the outlet's country: whose readout this is
