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
# Reports of the other government are often in its language, or in a third (a German paper
# on a Chinese call, an Indonesian release): their dates are written the same few ways. Month
# names (German, French, Spanish, Portuguese, Italian, Indonesian/Malay, Turkish, Russian in
# the genitive), always after the day ("3. Juli 2025", "3 juillet", "3 de julio de 2025",
# "3 Temmuz 2025", "3 июля 2025 года").
FOREIGN_MONTHS = {
    **dict.fromkeys(["januar", "jänner", "janvier", "enero", "janeiro", "gennaio", "januari",
                     "ocak", "января"], 1),
    **dict.fromkeys(["februar", "février", "fevrier", "febrero", "fevereiro", "febbraio",
                     "februari", "şubat", "subat", "февраля"], 2),
    **dict.fromkeys(["märz", "maerz", "mars", "marzo", "março", "marco", "maret", "mart",
                     "марта"], 3),
    **dict.fromkeys(["avril", "abril", "aprile", "nisan", "апреля"], 4),
    **dict.fromkeys(["mai", "mayo", "maio", "maggio", "mei", "mayıs", "mayis", "мая"], 5),
    **dict.fromkeys(["juni", "juin", "junio", "junho", "giugno", "haziran", "июня"], 6),
    **dict.fromkeys(["juli", "juillet", "julio", "julho", "luglio", "temmuz", "июля"], 7),
    **dict.fromkeys(["août", "aout", "agosto", "agustus", "ağustos", "agustos", "августа"], 8),
    **dict.fromkeys(["septembre", "septiembre", "setembro", "settembre", "eylül", "eylul",
                     "сентября"], 9),
    **dict.fromkeys(["oktober", "octobre", "octubre", "outubro", "ottobre", "ekim",
                     "октября"], 10),
    **dict.fromkeys(["novembre", "noviembre", "novembro", "kasım", "kasim", "ноября"], 11),
    **dict.fromkeys(["dezember", "décembre", "decembre", "diciembre", "dezembro", "dicembre",
                     "desember", "aralık", "aralik", "декабря"], 12),
}
# Weekdays written in those languages, Monday first ("am Montag", "lundi", "el lunes", "Senin
# (21/4/2025)"). Indonesian "Minggu" is also "week", so Sunday there is not read.
FOREIGN_WEEKDAYS = {
    **dict.fromkeys(["montag", "lundi", "lunes", "segunda-feira", "lunedì", "senin",
                     "pazartesi"], 0),
    **dict.fromkeys(["dienstag", "mardi", "martes", "terça-feira", "martedì", "selasa",
                     "salı"], 1),
    **dict.fromkeys(["mittwoch", "mercredi", "miércoles", "quarta-feira", "mercoledì", "rabu",
                     "çarşamba"], 2),
    **dict.fromkeys(["donnerstag", "jeudi", "jueves", "quinta-feira", "giovedì", "kamis",
                     "perşembe"], 3),
    **dict.fromkeys(["freitag", "vendredi", "viernes", "sexta-feira", "venerdì", "jumat",
                     "jum'at", "cuma"], 4),
    **dict.fromkeys(["samstag", "sonnabend", "samedi", "sábado", "sabato", "sabtu",
                     "cumartesi"], 5),
    **dict.fromkeys(["sonntag", "dimanche", "domingo", "domenica", "pazar"], 6),
}


# Written with a capital in their own language (German nouns; Indonesian and Turkish day
# names), so read so; the Romance ones only in lower case, as those languages write them:
# "Domingo" or "Sabato" with a capital in an English text is a name ("Santo Domingo").
_CAPITALISED_WEEKDAYS = frozenset([
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "pazartesi", "salı",
    "çarşamba", "perşembe", "cuma", "cumartesi", "pazar"])
_WEEKDAY_FORMS = {**FOREIGN_WEEKDAYS,
                  **{w[:1].upper() + w[1:]: n for w, n in FOREIGN_WEEKDAYS.items()
                     if w in _CAPITALISED_WEEKDAYS}}


def _alternatives(names: dict[str, int]) -> str:
    # longest first: "mars" must not stop "marzo" short
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def weekday_number(name: str) -> int:
    low = name.lower()
    return WEEKDAYS.index(low) if low in WEEKDAYS else FOREIGN_WEEKDAYS[low]
_MONTH = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
          r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# a dateline's city and region (letters beyond ASCII too: "Malé")
# (and ANI's bracketed country: "Beijing [China], December 26")
_CITY = (r"[A-Z](?:[^\W\d_]|[ .'’\-]){1,40}(?:\s*\[[A-Z][\w ]{1,30}\])?"
         r"(?:,\s*[A-Z](?:[^\W\d_]|[ .'’\-]){1,30})?")
DATELINE = re.compile(
    rf"^(?P<city>{_CITY}),\s+{_MONTH}"
    r"\s+(?P<day>\d{1,2})(?:,\s*(?P<year>(?:19|20)\d\d))?"
    r"(?:\s*\((?P<agency>[^)]{2,40})\)|\s*$|\s*(?:--|—|–))"
)
# "BRUSSELS, 3rd July, 2025 (WAM)": the day first (the Gulf agencies' house style)
DATELINE_DAY_FIRST = re.compile(
    rf"^(?P<city>{_CITY}),\s+"
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
    # "3. Juli 2025", "3 juillet", "3 de julio de 2025", "le 3 août 2022"
    r"|(?<![\w.])(?P<fday>\d{1,2})(?:\.|er)?\s+(?:de\s+)?"
    rf"(?P<fmonth>(?i:{_alternatives(FOREIGN_MONTHS)}))(?!\w)"
    r"(?:,?\s+(?:de\s+|del\s+)?(?P<fyear>(?:19|20)\d\d))?"
    # "21/4/2025", "08.12.2025": the day first (Europe, Indonesia); a weekday beside it decides
    # when either reading could be a day
    r"|(?<![\w./-])(?P<nday>\d{1,2})[./](?P<nmonth>\d{1,2})[./](?P<nyear>(?:19|20)\d\d)(?![\w/-])"
    # "2025年7月28日" (Chinese, Japanese), "2025년 7월 28일" (Korean); the year may be left out
    r"|(?:(?P<cyear>(?:19|20)\d\d)\s*[年년]\s*)?(?P<cmonth>\d{1,2})\s*[月월]\s*(?P<cday>\d{1,2})\s*[日일]"
    rf"|(?P<fweekday>(?<![\w-])(?:{_alternatives(_WEEKDAY_FORMS)})(?![\w-]))"
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
COMING = re.compile(
    r"\b(?:set\s+to\s+(?:open|begin|start|be\s+held|take\s+place)|set\s+for|scheduled\s+(?:for|to)|"
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


# "the first formal meeting between the two ministers since April 5, 2022", "valid until
# March 2026": a date that bounds a span is the span's end, not the day of this meeting
_BOUND = re.compile(r"\b(?:since|until|till)\s+(?:on\s+)?$", re.IGNORECASE)


def _not_this_event(text: str, m: re.Match[str]) -> bool:
    """A date naming another event, or bounding a span."""
    return _named_event(text, m) or bool(_BOUND.search(text[max(0, m.start() - 12):m.start()])) \
        or _long_span(text, m)


# "Hungary's EU presidency between July 1 and December 31, 2024", "from March 1 to May 31": a
# period, not a day, and never a meeting's (a visit "from 7 to 12 October" or "8 and 9
# December" is a few days and stays: its days are the meeting's)
_SPAN_OPEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_SPAN_JOIN = re.compile(r"^\s*(?:and|to|through|until|till|[-\u2013\u2014])\s*$", re.IGNORECASE)
LONG_SPAN_DAYS = 14


def _long_span(text: str, m: re.Match[str]) -> bool:
    """Whether the date is one end of a period of more than LONG_SPAN_DAYS days, both ends
    written with a month ("between July 1 and December 31, 2024")."""
    found = list(EXPRESSION.finditer(text))
    at = next((i for i, x in enumerate(found) if x.start() == m.start()), None)
    if at is None:
        return False
    for a, b in ((at - 1, at), (at, at + 1)):
        if a < 0 or b >= len(found):
            continue
        first, second = found[a], found[b]
        if not (_SPAN_OPEN.search(text[max(0, first.start() - 10):first.start()])
                and _SPAN_JOIN.match(text[first.end():second.start()])):
            continue
        (m1, d1, y1), (m2, d2, y2) = _parts(first), _parts(second)
        if not (m1 and m2):
            continue
        year = y2 or y1 or 2000
        try:
            start, end = date(y1 or year, m1, d1), date(year, m2, d2)
        except ValueError:
            continue
        if end < start and not y1:
            start = date(year - 1, m1, d1) if real_day(m1, d1) else start
        if abs((end - start).days) > LONG_SPAN_DAYS:
            return True
    return False


def _dates(text: str) -> list[re.Match[str]]:
    """The date expressions of `text`, not those of a coming event it mentions nor a date
    naming another event."""
    return [m for m in EXPRESSION.finditer(text)
            if not COMING.search(text[:m.start()]) and not _not_this_event(text, m)]


# "the Israeli offensive ..., which began early Friday": when something else happened
_BEGAN_ON = re.compile(r"\b(?:began|begun|started|launched|erupted|broke\s+out|struck)\s+"
                       r"(?:(?:early|late|on)\s+)*$", re.IGNORECASE)


def find_date(text: str, ref: date) -> tuple[date, str] | None:
    """The first date expression in `text`, resolved against `ref`, with a short reason."""
    found = _dates(text)
    for i, m in enumerate(found):
        month, day, year = _parts(m, found[i - 1] if i else None)
        if month:
            if not year and _coming(month, day, ref):
                continue  # "... to follow on March 14" in a story of February 12: not yet
            d = _year_for(month, day, ref, year)
            if d:
                return d, f'"{m.group(0)}"'
        elif (wd := _weekday_of(m)) is not None:
            if _BEGAN_ON.search(text[max(0, m.start() - 30):m.start()]):
                continue  # "the offensive, which began early Friday": not the meeting's day
            nxt = found[i + 1] if i + 1 < len(found) else None
            if nxt is not None and nxt.start() - m.end() <= 3 and _parts(nxt, m)[2]:
                continue  # "Senin (21/4/2025)": the full date beside the weekday says it
            back = (ref.weekday() - wd) % 7
            return ref - timedelta(days=back), f'"{m.group(0)}" on or before {ref}'
        elif m.group("today"):
            return ref, f'"{m.group("today")}" = {ref}'
        elif m.group("yesterday"):
            return ref - timedelta(days=1), f'"yesterday" before {ref}'
    return None


# A month and day with no year a few weeks after the reference date is a coming day of this
# year ("freight service from February 27" in a story of February 12), not last year's: a
# report follows its meeting by days, not by eleven months
COMING_DAYS = 60


def _coming(month: int, day: int, ref: date) -> bool:
    try:
        ahead = (date(ref.year, month, day) - ref).days
    except ValueError:
        return False
    return 2 < ahead <= COMING_DAYS


def _weekday_of(m: re.Match[str]) -> int | None:
    if m.group("weekday"):
        return WEEKDAYS.index(m.group("weekday").lower())
    if m.group("fweekday"):
        return weekday_number(m.group("fweekday"))
    return None


def find_full_date(text: str) -> tuple[date, str] | None:
    """The first date written with its year ("On July 28, 2025"): needs no reference date."""
    prev = None
    for m in EXPRESSION.finditer(text):
        month, day, year = _parts(m, prev)
        prev = m
        if month and year and not _not_this_event(text, m):
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
    r"\b(?:ministry|office|agency|embassy|spokes\w+|officials?|media|broadcaster|news|sources)\s+"
    r"(?:said|says|announced|reported)\s+(?:on\s+)?$|\breported\s+(?:on\s+)?$", re.IGNORECASE)


def find_weekday(text: str, said: bool = False) -> int | None:
    """The first weekday in `text` that is not the day a ministry or agency made it public
    (unless `said`: when no text gives another, that day is all there is), nor the day
    something else began."""
    for m in _dates(text):
        before = text[max(0, m.start() - 30):m.start()]
        if (wd := _weekday_of(m)) is not None and not _BEGAN_ON.search(before) and (
                said or not _SAID_ON.search(before)):
            return wd
    return None


def _parts(m: re.Match[str], before: re.Match[str] | None = None) -> tuple[int, int, int | None]:
    """Month, day and year (or None) of a date expression; 0, 0, None for a weekday or "today".
    `before`: the expression just before it (a weekday that decides a numeric date's order)."""
    for mon, day, year in (("month", "day", "year"), ("dmonth", "dday", "dyear")):
        if m.group(mon):
            y = m.group(year)
            return MONTHS[m.group(mon)[:3].lower()], int(m.group(day)), int(y) if y else None
    if m.group("fmonth"):
        y = m.group("fyear")
        return FOREIGN_MONTHS[m.group("fmonth").lower()], int(m.group("fday")), \
            int(y) if y else None
    if m.group("cmonth"):
        y = m.group("cyear")
        return int(m.group("cmonth")), int(m.group("cday")), int(y) if y else None
    if m.group("nmonth"):
        day, month, year = int(m.group("nday")), int(m.group("nmonth")), int(m.group("nyear"))
        if month > 12 >= day:
            day, month = month, day  # "4/21/2025": written month first
        elif month <= 12 and day <= 12 and before is not None and before.end() >= m.start() - 3 \
                and (wd := _weekday_of(before)) is not None:
            # either order could be a date: the weekday written beside it decides
            try:
                if date(year, month, day).weekday() != wd \
                        and date(year, day, month).weekday() == wd:
                    day, month = month, day
            except ValueError:
                pass
        if not (1 <= month <= 12 and real_day(month, day)):
            return 0, 0, None
        return month, day, year
    return 0, 0, None
