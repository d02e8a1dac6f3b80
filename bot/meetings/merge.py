"""Which meeting an article reports, and which sentences are one statement reprinted.

Meeting rule (also in docs/meetings.md): a report joins a known meeting when
  - both event dates are known and at most one day apart (datelines cross time zones); a
    report whose only date is the day it was published was published on or up to
    PUBLISHED_LAG days after the meeting, so it fits a meeting that many days before it,
  - the formats agree (meeting, phone_call, video_call, message; a phone call and a video call
    are both remote talks and agree),
  - they share participants of at least two countries (the same people however titled:
    "Minister Cho", "Foreign Minister Cho Hyun" and "Cho Hyun" are one person when the sides
    agree); sharing only "Wang Yi" is not enough, he has several meetings a day,
  - no side has a different person in each (Wang Yi-Cho Hyun is not Wang Yi-Park Jin),
  - when both name people from two or more countries, the countries are the same (Wang Yi-Cho
    Hyun is not Wang Yi-Takeshi Iwaya on the same day), else the partial one's are a subset,
  - where both name a place, the places share a word.
Among several fitting meetings the one sharing most participants wins, then the same day; a tie
is left unmerged ("ambiguous") for the user to join by hand.

Statement rule: two sentences of one meeting from different articles are one statement when
their speakers are compatible (equal, or one unknown) and `similarity` >= SAME_STATEMENT.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import Any

# The statement rule lives in `duplicates`; these names stay importable from here.
from bot.meetings.duplicates import SAME_STATEMENT as SAME_STATEMENT
from bot.meetings.duplicates import STOP as _STOP
from bot.meetings.duplicates import WORD as _WORD
from bot.meetings.duplicates import Shingles as Shingles
from bot.meetings.duplicates import StatementMatcher as StatementMatcher
from bot.meetings.duplicates import similarity as similarity
from bot.meetings.duplicates import speakers_compatible as speakers_compatible
from bot.models import (
    MADE_PUBLIC,
    UNSTATED,
    MeetingInfo,
    Participant,
    normalise_text,
    ordinal,
    strip_accents,
)
from bot.registry.countries import default_countries
from bot.registry.people import default_registry

_TITLE_WORDS = frozenset(re.findall(r"\S+", (
    "mr mrs ms dr h.e his her excellency minister ministers foreign affairs of the state"
    " councilor councillor president vice prime premier deputy director secretary general"
    " national security adviser advisor ambassador special envoy representative chairman"
    " counterpart fm chief executive office central commission member for"
)))


# -- participants -------------------------------------------------------------------------------
def _get(p: Participant | Mapping[str, Any], key: str) -> Any:
    return p.get(key) if isinstance(p, Mapping) else getattr(p, key)


def name_tokens(name: str) -> tuple[str, ...]:
    """A name without titles or country words: "Chinese Foreign Minister Wang Yi" -> wang, yi."""
    text = normalise_text(name)
    for start, end, _ in reversed(default_countries().find(text)):
        text = text[:start] + " " + text[end:]
    words = re.findall(r"[\w.'-]+", text)
    out: list[str] = []
    for w in words:
        w = w.strip(".'-").removesuffix("'s")
        if not w or w == "s" or w in _TITLE_WORDS:
            continue
        out.extend(t for t in re.split(r"[-.']", w) if t)
    return tuple(out)


def same_person(a: Participant | Mapping[str, Any], b: Participant | Mapping[str, Any]) -> bool:
    ida, idb = _get(a, "person_id"), _get(b, "person_id")
    if ida and idb:
        return bool(ida == idb)
    sa, sb = _get(a, "side"), _get(b, "side")
    if sa and sb and sa != sb:
        return False
    ta, tb = name_tokens(_get(a, "name") or ""), name_tokens(_get(b, "name") or "")
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    # A surname alone ("Minister Cho") names whoever of that surname the other report names.
    short, full = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == 1 and short[0] in full:
        return True
    if ida or idb:
        return False  # a registered person's variants are in the registry
    return same_name_variant(_get(a, "name") or "", _get(b, "name") or "")


# Words a South Asian name carries in one rendering and not another: "Md" (Mohammad),
# a member's "MP".
_NAME_NOISE = frozenset({"md", "mohd", "mp", "mla", "mna"})


def _variant_tokens(name: str) -> list[str]:
    """A name's words for comparing renderings: initials split ("AK" -> a, k; "A.K." -> a,
    k), abbreviations and letters after the name dropped."""
    out: list[str] = []
    folded = unicodedata.normalize("NFKC", name).replace("\u2019", "'")
    for raw in re.findall(r"[\w.'-]+", folded):
        word = raw.strip(".'-")
        if not word or word.lower() in _TITLE_WORDS or word.lower() in _NAME_NOISE:
            continue
        if word.isupper() and 2 <= len(word) <= 3 and "." not in word:
            out.extend(word.lower())  # "AK Abdul Momen": two initials
            continue
        out.extend(t.lower() for t in re.split(r"[-.']", word) if t)
    return out


def _word_matches(short: str, full: str) -> bool:
    if len(short) == 1 or len(full) == 1:
        return short[0] == full[0]  # an initial
    if short == full:
        return True
    # one spelling and another ("Mahmud" / "Mahmood", "Momon" / "Momen")
    return short[0] == full[0] and min(len(short), len(full)) >= 4 \
        and SequenceMatcher(None, short, full).ratio() >= 0.75


def same_name_variant(a: str, b: str) -> bool:
    """Whether two renderings of an unregistered person's name can be one person: the same
    last name (or a spelling of it), and every other word of the shorter one in order among
    the longer one's, an initial standing for a word ("A.K. Abdul Momen", "AK Abdul Momen MP",
    "Abul Kalam Abdul Momen" and "Abdul Momen"; "AH Mahmood Ali" and "Abul Hassan Mahmud
    Ali"). Names whose family name comes first ("Cho Hyun", "Cho Tae-yul") differ in their
    last word and stay apart."""
    ta, tb = _variant_tokens(a), _variant_tokens(b)
    short, full = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == 1 and len(short[0]) >= 3 and short[0] in full:
        return True  # "Md Touhid" and "Touhid Hossain": one name of the other's
    if not ta or not tb or len(ta[-1]) < 2 or len(tb[-1]) < 2 \
            or not _word_matches(ta[-1], tb[-1]):
        return False
    short, full = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if all(len(w) == 1 for w in short[:-1]) and len(short) > 1 \
            and all(len(w) == 1 for w in full[:-1]):
        return short == full  # initials only on both sides: exactly the same
    j = 0
    for w in short[:-1]:
        while j < len(full) - 1 and not _word_matches(w, full[j]):
            j += 1
        if j >= len(full) - 1:
            return False
        j += 1
    return True


_VENUE = frozenset({
    "estate", "house", "hall", "hotel", "guesthouse", "palace", "center", "centre", "residence",
    "building", "villa", "manor", "castle", "resort", "lodge", "ranch", "club"})


def same_place(a: str, b: str) -> bool:
    """Whether two reports' places can be one place: they share a word ("Busan" and "Busan,
    South Korea"), or they do not name different countries ("the Great Hall of the People" and
    "Beijing" may be one place; "Beijing" and "Seoul" are not). Weak on purpose: a place is
    only a veto when the reports clearly disagree."""
    countries = default_countries()

    def words(place: str) -> tuple[set[str], set[str], set[str]]:
        """All words, the words outside country (or province) names, and the countries named."""
        text = normalise_text(place)
        found = countries.find(text) + countries.find_regions(text)
        inside = {w for s, e, _ in found for w in _WORD.findall(strip_accents(text[s:e]))}
        every = set(_WORD.findall(strip_accents(text))) - _STOP
        return every, every - inside, {c for *_, c in found}

    wa, ra, ca = words(a)
    wb, rb, cb = words(b)
    if wa & wb:
        return True
    if ca and cb:
        return bool(ca & cb)
    if (wa | wb) & _VENUE:
        return True  # "Filoli Estate" and "San Francisco": a venue may be in any city
    # A place that is only a country, capital or province word may be anywhere in it ("Fujian,
    # China" and "Nanping City"; "Tibet" and "Nyingchi").
    return not ra or not rb


def bare_country(place: str | None) -> bool:
    """Whether a place is only a country's name ("China"), no city or venue in it."""
    return bool(place) and default_countries().lookup(normalise_text(place or "")) is not None


def places_agree(a: str, b: str) -> bool:
    """Whether two places are known to be one: a word in common, or one country named by
    both ("China" and "Beijing"), not merely not told apart (same_place); a venue agrees with
    any city."""
    countries = default_countries()
    wa = set(_WORD.findall(strip_accents(normalise_text(a)))) - _STOP
    wb = set(_WORD.findall(strip_accents(normalise_text(b)))) - _STOP
    if wa & wb or (wa | wb) & _VENUE:
        return True  # (a venue, "Filoli Estate", is in some city: it tells nothing apart)
    ca = {c for *_, c in countries.find(normalise_text(a))}
    cb = {c for *_, c in countries.find(normalise_text(b))}
    return bool(ca & cb)


def sides_of(participants: Iterable[Participant | Mapping[str, Any]]) -> list[str]:
    return sorted({s for p in participants if (s := _get(p, "side"))})


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# One side's "phone talks" are often the other's "video call": both are remote talks.
_REMOTE = ("phone_call", "video_call")
FORMATS = ("meeting", "phone_call", "video_call", "message")


def compatible_formats(fmt: str) -> tuple[str, ...]:
    if fmt == UNSTATED:
        return (*FORMATS, UNSTATED)
    return (*(_REMOTE if fmt in _REMOTE else (fmt,)), UNSTATED)


def shown_format(fmt: str) -> str:
    """The format a meeting record shows: an unstated one as a meeting."""
    return "meeting" if fmt == UNSTATED else fmt


def stated_format(formats: Iterable[str]) -> str:
    """A meeting's format from its reports in canonical order: the first that states one."""
    return next((f for f in formats if f != UNSTATED), UNSTATED)


@dataclass
class MeetingCandidate:
    id: str
    event_date: str | None
    format: str
    participants: list[dict[str, Any]]
    location: str | None = None
    # A meeting none of whose reports gives a year: the month and day they give.
    month_day: tuple[int, int] | None = None
    # Its date is only the day its reports were published (`published_only`): the meeting
    # was on that day or up to PUBLISHED_LAG days before.
    upper_bound: bool = False
    # A meeting whose first report gives only a weekday and a place: the weekdays it may be
    # on (`said_days`); another such report of the same place and weekday may be of it.
    weekdays: tuple[int, ...] = ()


@dataclass
class Fit:
    meeting_id: str
    shared: list[str]
    same_day: bool
    why: str


# A report whose text gives no date is dated by the day it was published; the meeting was that
# day or a few days before ("Kazinform has learnt from the press service" two days after the
# talks; a weekly's write-up). Three days: a Friday meeting in a Monday paper.
PUBLISHED_LAG = 3


def published_only(info: MeetingInfo) -> bool:
    """Whether the report's date is only its publication date (its text gives none)."""
    return info.event_date is not None and info.date_reason.startswith("publication date")


def _window(info: MeetingInfo, cand: MeetingCandidate) -> tuple[int, int]:
    """How many days the report's date may be before (-) or after (+) the meeting's."""
    mine, theirs = published_only(info), cand.upper_bound
    if mine and not theirs:
        return -1, PUBLISHED_LAG
    if theirs and not mine:
        return -PUBLISHED_LAG, 1
    return -1, 1


def _bounded_day(known: date, ok: Any) -> date | None:
    """The latest day from `known` back PUBLISHED_LAG days that `ok` accepts: the day a
    weekday or day-of-the-month report means, against a meeting dated by publication."""
    return next((d for k in range(PUBLISHED_LAG + 1) if ok(d := known - timedelta(days=k))),
                None)


# A span is read from the date's reason, the quoted expression it was read from: that is what
# is stored with each article and given back to regrouping (placing.info_of).
_WEEKDAY_AND_DATELINE = re.compile(
    r'"[^"]*\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day" on or before \d{4}-\d\d-\d\d \(dateline')
_SPAN_REASON = re.compile(r'"[^"]*\d\s*(?:[-–]|\s(?:and|to)\s)\s*\d{1,2}\b')


_SPAN_DAYS = re.compile(r'"[^"]*?(?<![\d\-/.])\b(\d{1,2})\s*(?:[-–]|\s(?:and|to)\s)\s*'
                        r'(\d{1,2})\b(?![\d\-/])')


def _span_days(reason: str) -> int:
    """How many days after its first a span date reason runs ("8 and 9 December": 1), else 0."""
    m = _SPAN_DAYS.match(reason)
    if m is None:
        return 0
    first, last = int(m.group(1)), int(m.group(2))
    return last - first if 0 < last - first <= 7 else 0


def meeting_date(infos: Iterable[MeetingInfo]) -> tuple[date | None, bool]:
    """A meeting's date from its reports (in placing order), and whether it is only the day
    they were published. The date most of them give (the earliest of a tie), publication
    dates counted: a same-day report's date line is as good as a date in its text (the Astana
    Times' "April 27" for talks of April 26 did not win against Kazinform's page of the 26th).
    When no report gives a date in its text, a month and day or a weekday one of them gives
    two to PUBLISHED_LAG days before that is the day; one day before is within the one day
    any two reports may differ by (a "June 6" rendering of talks of June 7)."""
    infos = list(infos)
    spans = [(i.event_date, i.event_date + timedelta(days=n)) for i in infos
             if i.event_date is not None and (n := _span_days(i.date_reason or "")) > 0]
    counts: dict[date, float] = {}
    public: list[tuple[date, float]] = []
    for i in infos:
        if i.event_date is not None and published_only(i) and any(
                lo < i.event_date <= hi for lo, hi in spans):
            # a page published on a later day of a visit another report dates ("8 and 9
            # December"): the visit's first day is the talks', the page's day is no vote
            continue
        if i.event_date is not None:
            # "from Dec. 3 to 5", "December 3-5": the first day of a visit, less than half a
            # vote against a report naming the day of the talks ("On December 4, 2021, ...")
            vote = 0.4 if _SPAN_REASON.match(i.date_reason or "") else 1.0
            if _WEEKDAY_AND_DATELINE.match(i.date_reason or ""):
                # "on Wednesday" under a "July 16" dateline: two cues that agree outweigh a
                # bare dateline one day off ("TASHKENT, July 15" on the same talks), a tie
                # otherwise settled by the earlier day
                vote += 0.1
            if f", {MADE_PUBLIC}" in (i.date_reason or ""):
                public.append((i.event_date, vote))
                continue
            counts[i.event_date] = counts.get(i.event_date, 0) + vote
    for day, vote in public:
        # "..., Kyiv said Thursday": the meeting was that day or the day before; the day
        # before when another report gives it
        before = day - timedelta(days=1)
        at = before if before in counts else day
        counts[at] = counts.get(at, 0) + vote
    if not counts:
        return None, False
    day = min(counts, key=lambda d: (-counts[d], d))
    if any(i.event_date is not None and not published_only(i) for i in infos):
        return day, False
    for i in infos:
        if i.month_day is not None and (d := _in_year(i.month_day, day)) is not None \
                and 2 <= (day - d).days <= PUBLISHED_LAG:
            return d, False
    for i in infos:
        if i.weekday is not None and (d := _bounded_day(
                day, lambda x, i=i: x.weekday() in said_days(i))) is not None \
                and (day - d).days >= 2:
            return d, False
    return day, True


def _readout_day(info: MeetingInfo) -> date | None:
    """The day a readout dates its event, the day it was published included; not the day an
    account was made public ("said Thursday": that day or the one before), nor the first day
    of a span."""
    reason = info.date_reason or ""
    if MADE_PUBLIC in reason or _span_days(reason) or _SPAN_REASON.match(reason):
        return None
    return info.event_date


def other_day(a: MeetingInfo, b: MeetingInfo) -> bool:
    """Whether two reports date their events to different days. Asked of two readouts of one
    government office (bot/store/regroup.py, Fits.other_day), that makes them two events: the
    one day's leeway between reports is for datelines across time zones, and one office
    dates in one zone; and an office posts its readout the day of the call, so the day it was
    published counts. (Not asked of an agency's two stories: a Xinhua story dated the 12th
    and another dated the 13th may be one meeting.) Measured on the White House readouts: the
    calls with Netanyahu on 10 and 11 October 2023 and on 22 and 23 October, and President
    Zelenskyy's New York pull-aside and White House meeting of 25 and 26 September 2024, had
    each been one meeting; so had the calls with European leaders of 6 and 7 December 2021."""
    x, y = _readout_day(a), _readout_day(b)
    return x is not None and y is not None and x != y


def said_days(info: MeetingInfo) -> tuple[int, ...]:
    """The weekdays the event may fall on: the one given, or the day before it too when that
    is the day the account was made public."""
    assert info.weekday is not None
    return (info.weekday, (info.weekday - 1) % 7) if info.said else (info.weekday,)


def _fit(info: MeetingInfo, cand: MeetingCandidate) -> tuple[Fit | None, str]:
    """Whether `info` reports `cand`; the reason it does or does not."""
    if cand.event_date is None and cand.weekdays and info.event_date is None \
            and info.month_day is None and info.weekday is not None:
        # Two reports that give only a weekday (a Xinhua story and its reprint, "met ... on
        # Sunday in Chengdu"): the same weekday in the same place, the same people and
        # format, is one meeting, even with no date to go by
        if not set(said_days(info)) & set(cand.weekdays):
            return None, "not the same weekday"
        if not (info.location and cand.location
                and named_same_place(info.location, cand.location)):
            return None, "only a weekday, and no place both give"
        return _fit_rest(info, cand, 0, f"the same weekday ({_WEEKDAYS[info.weekday]}) and place"
                                        f" ({cand.location}), no date in either report")
    if cand.event_date is None:
        if cand.month_day is None or info.month_day is None or info.event_date is not None:
            return None, "no event date"
        # Neither gives a year: the same month and day (or the day beside it) may still be
        # one meeting when everything else agrees; the meeting stays undated.
        a, b = date(2000, *info.month_day), date(2000, *cand.month_day)
        days = min(abs((a - b).days), 366 - abs((a - b).days))
        if days > 1:
            return None, f"{days} days apart"
        return _fit_rest(info, cand, days, "same month and day, no year in either report")
    known = date.fromisoformat(cand.event_date)
    if info.event_date is None and info.month_day is None and not any(
            p.side for p in info.participants):
        # the dated side finds such a report by its weekday, it finds them by the principals
        # whose side it knows (regroup._principals): with none, neither may fit the other
        return None, "no participant of a known country"
    when = info.event_date or _in_year(info.month_day, known)
    # a meeting dated only by publication may be a few days before that date
    lag = PUBLISHED_LAG if cand.upper_bound else 0
    if when is None and info.weekday is not None:
        hit = _bounded_day(known, lambda d: d.weekday() in said_days(info)) if lag else (
            known if known.weekday() in said_days(info) else None)
        if hit is None:
            return None, f"not a {_WEEKDAYS[info.weekday]}" + (
                f" or a {_WEEKDAYS[(info.weekday - 1) % 7]}" if info.said else "")
        when = known = hit
    if when is None and info.day is not None:
        hit = _bounded_day(known, lambda d: d.day == info.day) if lag else (
            known if known.day == info.day else None)
        if hit is None:
            return None, f"not on the {ordinal(info.day)}"
        when = known = hit
    if when is None and no_date(info):
        when = known  # any meeting of these people may be it: its words decide (cluster)
    if when is None:
        return None, "no event date"
    lo, hi = _window(info, cand)
    gap = (when - known).days
    days = abs(gap)
    if not lo <= gap <= hi:
        return None, f"{days} days apart"
    day = "same day" if days == 0 else "event dates one day apart"
    if days > 1:
        day = (f"published {days} days after the meeting, giving no date of its own" if gap > 0
               else f"the meeting's reports give only the day they were published, {days} days"
                    " after this report's date")
    if no_date(info):
        day = f"the report gives no date; the only such meeting of these people is of {known}"
    elif info.event_date is None and info.month_day is None:
        given = (f"the day of the month, the {ordinal(known.day)}" if info.weekday is None
                 else f"the day it was made public, {_WEEKDAYS[info.weekday]}" if info.said
                 else f"the weekday, {_WEEKDAYS[known.weekday()]}")
        day = (f"the report gives only {given}; the only such meeting of these people is of"
               f" {known}")
    elif info.event_date is None:
        day += f" (the report gives no year; the meeting is of {known.year})"
    return _fit_rest(info, cand, days, day)


def _fit_rest(info: MeetingInfo, cand: MeetingCandidate, days: int,
              day: str) -> tuple[Fit | None, str]:
    if cand.format not in compatible_formats(info.format):
        return None, f"{info.format} vs {cand.format}"
    shared: list[str] = []
    shared_sides: set[str] = set()
    unmatched_new: list[Participant] = []
    matched_old: set[int] = set()
    for p in info.participants:
        hit = next((i for i, q in enumerate(cand.participants)
                    if i not in matched_old and same_person(p, q)), None)
        if hit is None:
            unmatched_new.append(p)
        else:
            matched_old.add(hit)
            shared.append(cand.participants[hit]["name"])
            if side := p.side or cand.participants[hit].get("side"):
                shared_sides.add(side)
    if not shared:
        return None, "no participant in common"
    unmatched_old = [q for i, q in enumerate(cand.participants) if i not in matched_old]
    for p in unmatched_new:
        other = next((q for q in unmatched_old if p.side and q.get("side") == p.side), None)
        if other is not None:
            return None, f"{p.name} vs {other['name']}"
    new_sides, old_sides = set(sides_of(info.participants)), set(sides_of(cand.participants))
    if len(shared_sides) < 2:
        # One side's principal in common is not enough: a president or a foreign minister
        # has several calls and meetings a day. (Nor is someone both name whose country
        # neither gives: that joined a President's call with his own adviser to the next
        # day's briefing with the same adviser.)
        return None, f"only {', '.join(shared)} in common, no counterpart in both"
    if len(new_sides) >= 2 and len(old_sides) >= 2 and new_sides != old_sides:
        return None, f"countries {'+'.join(sorted(new_sides))} vs {'+'.join(sorted(old_sides))}"
    if not (new_sides <= old_sides or old_sides <= new_sides):
        return None, f"countries {'+'.join(sorted(new_sides))} vs {'+'.join(sorted(old_sides))}"
    if info.location and cand.location and not same_place(info.location, cand.location):
        return None, f"in {info.location} vs {cand.location}"
    if info.location and cand.location and info.event_date is None \
            and info.month_day is None and not places_agree(info.location, cand.location):
        # ... and a place that merely may be the meeting's is not enough for it either: "New
        # York" may be anywhere as far as "Cairo" says (a capital stands for its country), but
        # a New York Sunday is not the Cairo Sunday fifteen months on, nor an undated report
        # of talks "in Cambodia" the New York meeting of the same two ministers
        return None, f"in {info.location}, not known to be {cand.location}"
    if info.location and not cand.location and info.event_date is None \
            and info.month_day is None and (info.weekday is not None or info.day is not None) \
            and not _home_of_one(info.location, new_sides | old_sides):
        # A report dated by its weekday alone ("in Rio de Janeiro on Monday") fits one meeting
        # in seven of the same two ministers: its place must agree too, and a meeting whose
        # place nobody gave cannot (it had joined a New Delhi meeting nine months on). A
        # report with no date at all is placed by its words (cluster), not by this.
        # A city of one of the two countries ("met in Tokyo Tuesday" of Wang Yi's talks with
        # Motegi) is where their bilateral talks are held: that Tuesday's meeting is it.
        return None, f"in {info.location}; the meeting's place is not known"
    names = ", ".join(shared)
    partial = ""
    if len(shared) < max(len(cand.participants), len(info.participants)):
        partial = " (one report names fewer people)"
    how = "format not stated" if info.format == UNSTATED else info.format.replace("_", " ")
    why = f"{day}, {how}, same participants: {names}{partial}"
    return Fit(cand.id, shared, days == 0, why), why


def _home_of_one(place: str, sides: set[str]) -> bool:
    """Whether `place` is in (or names) one of these countries: its capital or a province."""
    countries = default_countries()
    text = normalise_text(place)
    found = {c for *_, c in countries.find(text) + countries.find_regions(text)}
    return bool(found & sides)


def _in_year(month_day: tuple[int, int] | None, near: date) -> date | None:
    """The report's month and day in the year of a known meeting (or the one before or after,
    for a Dec. 31 / Jan. 1 pair), nearest to it."""
    if month_day is None:
        return None
    days = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            days.append(date(year, *month_day))
        except ValueError:  # Feb. 29
            continue
    return min(days, key=lambda d: abs((d - near).days)) if days else None


def no_date(info: MeetingInfo) -> bool:
    """A report that gives no date, month and day, weekday or day of the month ("this
    evening" with no publication date)."""
    return (info.event_date is None and info.month_day is None and info.weekday is None
            and info.day is None)


def fitting(info: MeetingInfo, candidates: list[MeetingCandidate]) -> list[Fit]:
    """Every candidate meeting this report fits, in the candidates' order."""
    return [f for c in candidates if (f := _fit(info, c)[0]) is not None]


# A weekday-only report between several meetings of the same people (two Tuesday calls of
# the same two ministers) joins the one whose reports say what it says: the mean weighted
# cosine between its words and each report of the meeting (words weighted by their rarity in
# diplomatic readouts, words every candidate has left out) must be at least CONTENT_MIN and
# CONTENT_MARGIN times the next meeting's. Measured on 169 pairs of real China-ROK meetings
# of the same people (benchmarks/content_pick.py): 41 right, 2 wrong, 126 left apart.
CONTENT_MIN = 0.05
CONTENT_MARGIN = 3.0
# A report with no date at all (no weekday either) that says one meeting's things much more
# nearly than any other's: measured on the 69 real reports with no date of 29 relationships
# whose meeting has a dated report at hand (round 31), a report's similarity to another
# meeting of the same people was at most 0.28, and with its own meeting left out no other
# meeting led the rest by 1.6 times at 0.15 or more; 9 reports reach their own meeting at
# 0.3 and 1.5 times the next, none a wrong one. The weekday rule above keeps its margin: a
# weekday-only report was not measured so.
UNDATED_CONTENT_MIN = 0.3
UNDATED_CONTENT_MARGIN = 1.5
# ... and the report must have words of its own to go by: at least this many content words
# that not every candidate's reports have ("spoke by phone on Tuesday" has none).
CONTENT_WORDS_MIN = 6


def content_words(paragraphs: Iterable[str]) -> frozenset[str]:
    """The words that say what a report is about (no function or reporting words, no
    numbers), crudely stemmed: what two reports of one meeting share."""
    words = _WORD.findall(normalise_text(" ".join(paragraphs)).lower())
    return frozenset(_stem(w) for w in words if len(w) > 3 and w not in _STOP
                     and not w.isdigit())


def _stem(word: str) -> str:
    """A crude stem, enough for "arrange" / "arranging" / "arranged" to meet."""
    if word.endswith("ss"):
        return word
    for suffix, keep in (("ing", 4), ("ed", 4), ("es", 4), ("s", 3), ("e", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=1)
def _word_df() -> tuple[int, dict[str, int]]:
    """In how many of N White House readouts each word occurs (data/word_df.tsv, built by
    benchmarks/build_word_df.py)."""
    text = resources.files("bot.meetings").joinpath("data/word_df.tsv").read_text("utf-8")
    n, df = 1, {}
    for line in text.splitlines():
        word, _, count = line.partition("\t")
        if word == "# readouts":
            n = int(count)
        elif count:
            df[word] = int(count)
    return n, df


def word_weight(word: str) -> float:
    """How much sharing `word` says two reports are of one meeting: rare words weigh most."""
    n, df = _word_df()
    return math.log((n + 1) / (df.get(word, 0) + 1))


def _weight(words: frozenset[str]) -> float:
    return sum(word_weight(w) for w in words)


def _cosine(a: frozenset[str], b: frozenset[str]) -> float:
    wa, wb = _weight(a), _weight(b)
    return _weight(a & b) / math.sqrt(wa * wb) if wa > 0 and wb > 0 else 0.0


def content_score(own: frozenset[str], reports: list[frozenset[str]],
                  common: frozenset[str]) -> float:
    """How much a report says what a meeting's reports say: their mean weighted cosine."""
    if not reports:
        return 0.0
    return sum(_cosine(own - common, r - common) for r in reports) / len(reports)


def weighable(words: frozenset[str]) -> bool:
    """Whether most of a report's words are in the readouts the weights were counted on: a
    report in German or Indonesian has none there, so every word of it weighs as a rare one
    and two such reports look alike by their language alone (measured: English reports 0.9
    of their words known, German and Indonesian ones 0.1)."""
    _n, df = _word_df()
    return bool(words) and sum(w in df for w in words) >= WEIGHABLE_SHARE * len(words)


WEIGHABLE_SHARE = 0.5


def pick_by_content(own: frozenset[str], fits: list[Fit],
                    reports_of: Mapping[str, list[frozenset[str]]],
                    minimum: float = CONTENT_MIN,
                    margin: float = CONTENT_MARGIN) -> tuple[str, str] | None:
    """Among meetings the report fits equally, the one whose reports say what it says, when
    it clearly leads (by default CONTENT_MIN, CONTENT_MARGIN); else None."""
    if len(fits) < 2 or not weighable(own):
        return None
    common = frozenset.intersection(*(frozenset().union(*reports_of[f.meeting_id])
                                      for f in fits))
    if len(own - common) < CONTENT_WORDS_MIN:
        return None
    scored = sorted(((content_score(own, reports_of[f.meeting_id], common), i)
                     for i, f in enumerate(fits)), reverse=True)
    (best, i), (second, _) = scored[0], scored[1]
    if best < minimum or best < margin * second:
        return None
    fit = fits[i]
    why = fit.why.replace("the only such meeting of these people is",
                          f"of {len(fits)} such meetings of these people, the one whose reports"
                          f" say most nearly what it says (similarity {best:.2f}, next"
                          f" {second:.2f}) is")
    return fit.meeting_id, why


# A report that gives no date at all, yet repeats much of one meeting's reports word for word
# (a ministry's release and the outlet that rewrote it, a wire story and its reprint): that
# meeting. Measured as the share of the report's word 4-grams found in the meeting's reports,
# on the 60 real reports with no date of 27 relationships (48 whose meeting has another report
# at hand; meetings from the benchmarks/labels manifests): with another meeting of the same
# people it was at most 0.14 (titles, "comprehensive strategic partnership"), with its own
# meeting 0.0-0.92. REPRINT_MIN keeps a margin over the first; a report that says what it says
# in its own words still joins nothing (the meeting it reports may not be indexed).
REPRINT_MIN = 0.2
REPRINT_MARGIN = 2.0


def word_grams(paragraphs: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """A report's runs of four words, as a reprint or a rewrite keeps them."""
    toks = _WORD.findall(normalise_text(" ".join(paragraphs)).lower())
    return frozenset(zip(toks, toks[1:], toks[2:], toks[3:], strict=False))


def pick_by_reprint(own: frozenset[tuple[str, ...]], fits: list[Fit],
                    grams_of: Mapping[str, frozenset[tuple[str, ...]]]) -> tuple[str, str] | None:
    """Of the meetings a report with no date fits, the one whose reports hold much of its
    wording (REPRINT_MIN), clearly more than any other (REPRINT_MARGIN); else None."""
    if not own or not fits:
        return None
    scored = sorted(((len(own & grams_of[f.meeting_id]) / len(own), i)
                     for i, f in enumerate(fits)), reverse=True)
    best, i = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    if best < REPRINT_MIN or best < REPRINT_MARGIN * second:
        return None
    fit = fits[i]
    return fit.meeting_id, (f"the report gives no date; {best:.0%} of its wording is in the"
                            f" reports of this meeting" + (f" (next {second:.0%})" if second
                                                            else "") + f": {fit.why}")


# "his first phone call with ... since taking office", "their first telephone call since Cho
# took office", "the first ... since Cho's assumption of office", "inaugural phone conversation"
_FIRST_IN_OFFICE = re.compile(
    r"\b(?:first|inaugural)\b[^.]{0,80}?\bsince\b(?P<who>[^.]{0,40}?)"
    r"\b(?:tak(?:ing|en)|took|assum(?:ing|ed|ption)|inaugurat\w*)\b[^.]{0,20}?"
    r"\b(?:office|post|position)\b", re.IGNORECASE)
_NAME_WORD = re.compile(r"\b[A-Z][a-z][\w'-]*")


def says_first_in_office(paragraphs: Iterable[str],
                         participants: Iterable[Participant] = ()) -> bool:
    """Whether a report says this is a participant's first call or meeting since taking
    office. "The first high-level talks since Prime Minister Yoshihide Suga took office" is
    someone else's term: it dates nothing of these ministers."""
    names = {w.lower() for p in participants for w in re.findall(r"[\w'-]+", p.name)}
    for p in paragraphs:
        for m in _FIRST_IN_OFFICE.finditer(p):
            named = {w.lower().removesuffix("'s").removesuffix("’s")
                     for w in _NAME_WORD.findall(m.group("who"))} \
                - {"he", "she", "they", "his", "her", "the"}  # ("since Cho's assumption")
            if not named or not names or named & names:
                return True
    return False


# How long after taking office a "first call since taking office" can be (a new minister's
# first round of calls and meetings takes weeks, not seasons).
FIRST_IN_OFFICE_DAYS = 120


def newly_in_office(participants: Iterable[Participant | Mapping[str, Any]], on: date) -> bool:
    """Whether a registered participant took up an office within FIRST_IN_OFFICE_DAYS before
    `on`. True when no participant's terms are known (nothing says otherwise)."""
    registry = default_registry()
    known = False
    for p in participants:
        person = registry.by_name(_get(p, "name") or "")
        if person is None or not person.terms:
            continue
        known = True
        if any(t.start is not None and 0 <= (on - t.start).days <= FIRST_IN_OFFICE_DAYS
               for t in person.terms):
            return True
    return not known


def named_same_place(a: str, b: str) -> bool:
    """Both places name the same town or venue first ("New York" and "New York, United
    States"); not a word in common ("New York" and "New Delhi"), nor only the country."""
    def first(p: str) -> str:
        return strip_accents(re.sub(r"^the\s+", "", p.split(",")[0].strip().lower()))
    return bool(first(a)) and first(a) == first(b)


def pick_by_place(info: MeetingInfo, candidates: list[MeetingCandidate],
                  places: Mapping[str, set[str]] | None = None,
                  elsewhere: Iterable[MeetingCandidate] = ()) -> tuple[str, str] | None:
    """A report with no date, and of the meetings it fits (same people, format) only one is in
    the place it names: that one. Two such meetings (Beijing twice) decide nothing. `places`:
    every place a candidate's reports give ("Diaoyutai State Guesthouse", "Beijing");
    `elsewhere`: the other meetings known, which the report does not fit by place alone."""
    if not info.location:
        return None
    by_id = {c.id: c for c in candidates}

    def where(cid: str) -> set[str]:
        loc = by_id[cid].location
        return (places or {}).get(cid, set()) | ({loc} if loc else set())

    here = info.location
    # a place is where people met in person: a call has none (a call's report may name the
    # city of an upcoming summit, "to meet at APEC in Gyeongju")
    placed = [by_id[f.meeting_id] for f in fitting(info, candidates)
              if by_id[f.meeting_id].format == "meeting"
              and any(named_same_place(here, p) for p in where(f.meeting_id))]
    if len(placed) != 1:
        return None
    cand = placed[0]
    unplaced = replace(info, location=None)
    if any(c.id != cand.id and c.format == "meeting" and (ps := {c.location} - {None})
           and all(bare_country(p) for p in ps) and any(same_place(here, p) for p in ps)
           and _fit(unplaced, c)[0] is not None for c in [*candidates, *elsewhere]):
        # another meeting of these people placed only "in Germany" may be in Munich too
        return None
    return cand.id, (f"the report gives no date; the only such meeting of these people is"
                     f" in {here}, of {cand.event_date}: same place")


def pick_earliest(fits: list[Fit], dates: Mapping[str, str | None]) -> tuple[str, str] | None:
    """A report that says it is someone's first call or meeting since taking office, among
    several meetings of these people on its weekday: the earliest (undated ones aside)."""
    dated = sorted((d, f.meeting_id) for f in fits if (d := dates.get(f.meeting_id)))
    if not dated or (len(dated) > 1 and dated[0][0] == dated[1][0]):
        return None
    _day, mid = dated[0]
    fit = next(f for f in fits if f.meeting_id == mid)
    why = fit.why.replace("the only such meeting of these people is",
                          f"it says it is the first since taking office: of {len(fits)} such"
                          " meetings of these people, the earliest is")
    return mid, why


def find_meeting(info: MeetingInfo, candidates: list[MeetingCandidate]) -> tuple[str, str] | None:
    """The known meeting this report is about and why, or None when it is a new one."""
    fits = fitting(info, candidates)
    if not fits or no_date(info):
        return None  # a report with no date joins only by what it says (regroup.cluster)
    if len(fits) > 1 and info.event_date is None and info.month_day is None:
        # only a weekday: any second meeting that fits makes it a guess, unless one alone is
        # known to be where this report puts it ("in Guiyang" on Monday: the Guiyang Monday,
        # not a Monday meeting whose place nobody gave)
        where = {c.id: c.location for c in candidates}
        placed = [f for f in fits if info.location and (loc := where.get(f.meeting_id))
                  and places_agree(info.location, loc)]
        if len(placed) == 1 and len(placed) < len(fits):
            return placed[0].meeting_id, (placed[0].why
                                          + f" (the one such meeting in {info.location})")
        return None
    fits.sort(key=lambda f: (len(f.shared), f.same_day), reverse=True)
    best = fits[0]
    if len(fits) > 1 and (len(fits[1].shared), fits[1].same_day) == (
        len(best.shared), best.same_day
    ):
        return None
    return best.meeting_id, best.why


def tied_fits(info: MeetingInfo, candidates: list[MeetingCandidate]) -> list[Fit]:
    """The fitting meetings that share most participants and the day, in candidates' order:
    several when `find_meeting` found the choice a tie."""
    fits = fitting(info, candidates)
    if not fits:
        return []
    top = max((len(f.shared), f.same_day) for f in fits)
    return [f for f in fits if (len(f.shared), f.same_day) == top]


def explain_no_match(info: MeetingInfo, candidates: list[MeetingCandidate]) -> str:
    """Why a report started its own meeting: shown in `readout meetings --json`."""
    if info.event_date is None and info.month_day is None:
        # Which dated meetings were near when this was last worked out depends on what came
        # after it; say what the report lacks instead (the same in any order).
        given = ("only the weekday" if info.weekday is not None else
                 "only the day of the month" if info.day is not None else "no date")
        return (f"first report of this meeting: it gives {given}, and no meeting of these people"
                " fits it clearly")
    fits = [c.id for c in candidates if _fit(info, c)[0] is not None]
    if len(fits) > 1:
        return "first report of this meeting: ambiguous between " + ", ".join(fits)
    near = [f"{c.id}: {_fit(info, c)[1]}" for c in candidates]
    return "first report of this meeting" + (f" (not {'; '.join(near)})" if near else "")


def meeting_id(info: MeetingInfo, salt: str = "") -> str:
    """Readable and stable across re-indexing: the date, then a short hash of who met how."""
    who = ",".join(sorted(p.name for p in info.participants))
    # the shown format, so that a meeting's id did not change when unstated formats came in
    digest = hashlib.sha1(f"{shown_format(info.format)}|{who}|{salt}".encode()).hexdigest()[:6]
    return f"{info.event_date.isoformat() if info.event_date else 'undated'}-{digest}"


# -- counting by meeting (digests, phrase counts) ----------------------------------------------
def meeting_key(statement: Mapping[str, Any]) -> str:
    """What a count counts: the meeting, or the article when a statement has no meeting."""
    return str(statement.get("meeting") or statement.get("article") or statement.get("id"))


def count_meetings(statements: Iterable[Mapping[str, Any]]) -> int:
    """How many meetings these statements come from: a phrase used at one meeting and
    reported by five articles counts once."""
    return len({meeting_key(s) for s in statements})


def by_meeting(statements: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """Statements grouped by meeting, in first-seen order."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for s in statements:
        groups.setdefault(meeting_key(s), []).append(s)
    return groups
