"""Event dates from the words of a report: datelines, weekdays, "today", explicit dates.

The reference date is the dateline's date ("BEIJING, Dec. 24 (Xinhua) --", its year taken from
publication so a Dec. 31 dateline published on Jan. 1 is the earlier year), else the publication
date. A weekday ("said Tuesday", "on Saturday") is the latest such day on or before the reference;
"today" is the reference; "yesterday" the day before; "on January 26-27" and "8 and 9 December"
the first day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
          r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DATELINE = re.compile(
    rf"^(?P<city>[A-Z][A-Za-z .'’\-]{{1,40}}(?:,\s*[A-Z][A-Za-z .'’\-]{{1,30}})?),\s+{_MONTH}"
    r"\s+(?P<day>\d{1,2})(?:,\s*(?P<year>(?:19|20)\d\d))?"
    r"(?:\s*\((?P<agency>[^)]{2,40})\)|\s*$|\s*(?:--|—|–))"
)
# "BRUSSELS, 3rd July, 2025 (WAM)": the day first (the Gulf agencies' house style)
DATELINE_DAY_FIRST = re.compile(
    rf"^(?P<city>[A-Z][A-Za-z .'’\-]{{1,40}}(?:,\s*[A-Z][A-Za-z .'’\-]{{1,30}})?),\s+"
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s*(?P<year>(?:19|20)\d\d))?"
    r"(?:\s*\((?P<agency>[^)]{2,40})\)|\s*$|\s*(?:--|—|–))"
)
# One pattern, alternatives in the order they are tried at each position.
EXPRESSION = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    r"(?:\s*[-–]\s*\d{1,2}|\s+(?:and|to)\s+\d{1,2}(?!\d))?"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
    # "talks on 8 and 9 December", "8-9 December": the first day, as "January 26-27"
    rf"|\b(?P<dday>\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}}|\s+(?:and|to)\s+\d{{1,2}})?"
    rf"\s+{_MONTH.replace('month', 'dmonth')}"
    r"(?:,?\s+(?P<dyear>(?:19|20)\d\d))?\b"
    # "Xinhua reported Tuesday" is when it was reported, not when they met
    r"|(?<!reported )(?<!reports )(?<!announced )"
    r"(?P<weekday>\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)(?![’']s)"
    r"|(?P<today>\b(?:[Tt]oday|[Tt]his (?:morning|afternoon|evening)|[Tt]onight)\b)(?![’']s)"
    r"|(?P<yesterday>\b[Yy]esterday\b)(?![’']s)"
)


@dataclass
class Dateline:
    city: str
    when: date | None
    agency: str
    month: int = 0
    day: int = 0


def _year_for(month: int, day: int, ref: date, explicit: int | None = None) -> date | None:
    """The date with this month/day nearest before `ref` (a report follows its event)."""
    try:
        if explicit:
            return date(explicit, month, day)
        d = date(ref.year, month, day)
        if d > ref + timedelta(days=2):
            d = date(ref.year - 1, month, day)
        return d
    except ValueError:
        return None


def parse_dateline(text: str, published: date | None) -> Dateline | None:
    m = DATELINE.match(text.strip()) or DATELINE_DAY_FIRST.match(text.strip())
    if not m:
        return None
    month = MONTHS[m.group("month")[:3].lower()]
    day = int(m.group("day"))
    # "BEIJING, Nov. 15, 2022 /PRNewswire/": a dateline with its year needs no other date
    year = int(m.group("year")) if m.group("year") else None
    when = _year_for(month, day, published or date(year or 1, 1, 1), year) \
        if published or year else None
    city = m.group("city").strip()
    return Dateline(city, when, (m.group("agency") or "").strip(), month, day)


# "... the APEC summit set to open in Gyeongju on Oct. 31": the date of another, coming event
_COMING = re.compile(
    r"\b(?:set\s+to\s+(?:open|begin|start|be\s+held|take\s+place)|scheduled\s+(?:for|to)|"
    r"to\s+be\s+held|slated\s+(?:for|to)|will\s+(?:open|begin|start|be\s+held|take\s+place)"
    r"|due\s+to\s+(?:open|begin|start))\b[^.;]{0,60}$", re.IGNORECASE)


# "the Dec. 3 martial law", "the Oct. 7, 2023 attack": a date used as the name of another
# event, not when the meeting was ("the May 10 talks" is the meeting's own)
_THE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_MEETING_NOUN = re.compile(r"\s+(?:bilateral\s+)?(?:meeting|talks|call|phone|telephone|video|"
                           r"conversation|dialogue|visit|consultations?)\b", re.IGNORECASE)


def _named_event(text: str, m: re.Match[str]) -> bool:
    return bool((m.group("month") or m.group("dmonth"))
                and _THE.search(text[max(0, m.start() - 5):m.start()])
                and not _MEETING_NOUN.match(text, m.end()))


def _dates(text: str) -> list[re.Match[str]]:
    """The date expressions of `text`, not those of a coming event it mentions nor a date
    naming another event."""
    return [m for m in EXPRESSION.finditer(text)
            if not _COMING.search(text[:m.start()]) and not _named_event(text, m)]


def find_date(text: str, ref: date) -> tuple[date, str] | None:
    """The first date expression in `text`, resolved against `ref`, with a short reason."""
    for m in _dates(text):
        if m.group("month"):
            key = m.group("month")[:3].lower()
            year = int(m.group("year")) if m.group("year") else None
            d = _year_for(MONTHS[key], int(m.group("day")), ref, year)
            if d:
                return d, f'"{m.group(0)}"'
        elif m.group("dmonth"):  # "3 November 2022", "6 January, 2025"
            year = int(m.group("dyear")) if m.group("dyear") else None
            d = _year_for(MONTHS[m.group("dmonth")[:3].lower()], int(m.group("dday")), ref, year)
            if d:
                return d, f'"{m.group(0)}"'
        elif m.group("weekday"):
            want = WEEKDAYS.index(m.group("weekday").lower())
            back = (ref.weekday() - want) % 7
            return ref - timedelta(days=back), f'"{m.group("weekday")}" on or before {ref}'
        elif m.group("today"):
            return ref, f'"{m.group("today")}" = {ref}'
        elif m.group("yesterday"):
            return ref - timedelta(days=1), f'"yesterday" before {ref}'
    return None


def find_full_date(text: str) -> tuple[date, str] | None:
    """The first date written with its year ("On July 28, 2025"): needs no reference date."""
    for m in EXPRESSION.finditer(text):
        month, day, year = _parts(m)
        if month and year and not _named_event(text, m):
            try:
                return date(year, month, day), f'"{m.group(0)}"'
            except ValueError:
                continue
    return None


def find_month_day(text: str) -> tuple[int, int] | None:
    """The first month and day written without a year ("on July 28")."""
    for m in _dates(text):
        month, day, year = _parts(m)
        if month and not year and real_day(month, day):
            return month, day
    return None


def real_day(month: int, day: int) -> bool:
    """"May 53" (a time or a count after a month name) is no day; Feb. 29 is (leap years)."""
    try:
        date(2000, month, day)
    except ValueError:
        return False
    return True


# "..., Seoul's foreign ministry said Friday": the day a ministry or an agency made it public,
# not the meeting's ("Wang said on Tuesday" is the minister at the meeting)
_SAID_ON = re.compile(
    r"\b(?:ministry|office|agency|embassy|spokes\w+|officials?|media|broadcaster|news)\s+"
    r"(?:said|says|announced|reported)\s+(?:on\s+)?$|\breported\s+(?:on\s+)?$", re.IGNORECASE)


def find_weekday(text: str, said: bool = False) -> int | None:
    """The first weekday in `text` that is not the day a ministry or agency made it public
    (unless `said`: when no text gives another, that day is all there is)."""
    for m in _dates(text):
        if m.group("weekday") and (
                said or not _SAID_ON.search(text[max(0, m.start() - 30):m.start()])):
            return WEEKDAYS.index(m.group("weekday").lower())
    return None


def _parts(m: re.Match[str]) -> tuple[int, int, int | None]:
    if m.group("month"):
        year = m.group("year")
        return MONTHS[m.group("month")[:3].lower()], int(m.group("day")), \
            int(year) if year else None
    if m.group("dmonth"):
        year = m.group("dyear")
        return MONTHS[m.group("dmonth")[:3].lower()], int(m.group("dday")), \
            int(year) if year else None
    return 0, 0, None
