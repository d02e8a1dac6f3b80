"""Plain-text articles in the shapes the seeds show, and plain text with none of them.

Shapes, tried in order on the first lines:
- ` date 2024-12-25 Title`: the publication date and title on one line (Xinhua seeds);
- CGTN: section line, `2024.09.29 09:58 GMT+8`, title, `Updated ...`, outlet line, photo caption;
- People's Daily: title, then `Xinhua) 13:40, July 29, 2025` (its "(Source: Xinhua)" line cut
  short): the source agency is the outlet, the date is the publication date;
- anything else: the first line is the title.
The body is blank-line separated paragraphs whose hard-wrapped lines are joined, or, when the file
has no blank lines inside the body, one paragraph a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from bot.articles.cleanup import (
    body_paragraphs,
    captions_in,
    clean_line,
    credited_outlet,
    finish_article,
    is_caption,
    is_furniture,
    parse_date,
    plausible,
    split_dateline,
)
from bot.errors import ArticleError
from bot.models import Article
from bot.registry.outlets import default_outlets

_DATE_TITLE = re.compile(r"^date\s+(\d{4}-\d{2}-\d{2})(?:\s+(.*))?$")
_CGTN_STAMP = re.compile(r"^(\d{4})\.(\d{2})\.(\d{2}) \d{2}:\d{2}(?: GMT[+-]\d{1,2})?$")
_SOURCE_LINE = re.compile(
    r"^\(?(?:Source:\s*)?(?P<source>[A-Z][\w.' ]{1,40})\)\s+\d{1,2}:\d{2},\s+"
    r"(?P<date>[A-Z][a-z]+ \d{1,2}, \d{4})$"
)
# A line under the title that is only a date or timestamp, as ministries and many sites print
# it ("2025-07-28 23:10", "Date: 2025-07-28", "July 28, 2025", "28 July 2025 14:05 KST").
_DATE_LINE = re.compile(
    r"^(?:(?:Date|Published|Posted|Release date|Released)\s*:?\s*)?"
    # (Daily FT's "Monday, 27 April 2020 01:55 -     - {{hitsCtrl.values.hits}}": a weekday
    # before it, a page template's leftovers after it)
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?P<d>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4})"
    r"(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?"
    r"(?:\s*\(?(?:GMT|UTC|KST|CST|BJT)?\s*[+-]?\d{0,2}(?::?\d{2})?\)?)?"
    r"(?:[\s\-–|]+(?:\{\{[^{}]*\}\})?)?$"
)
_SENTENCE_END = frozenset(".!?:\"'\u201d\u2019)")
_OUTLET_LINE = re.compile(r"^[A-Z][\w.&' ]{1,30}$")


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Lines cut at a fixed width: no line over ~120 chars and most lines near the longest."""
    if len(lines) < 3:
        return False
    width = max(len(line) for line in lines)
    near = sum(1 for line in lines[:-1] if len(line) >= 0.7 * width)
    return width <= 120 and near * 2 >= len(lines) - 1


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines; a line ends a paragraph when it ends a sentence and the next
    line's first word would have fitted on it (the wrapper would have put it there)."""
    width = max(len(line) for line in lines)
    paragraphs: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        paragraphs[-1].append(line)
        if i + 1 < len(lines):
            next_word = lines[i + 1].split(" ", 1)[0]
            if line[-1:] in _SENTENCE_END and len(line) + 1 + len(next_word) <= width:
                paragraphs.append([])
    return [" ".join(p) for p in paragraphs if p]


def _lines_as_paragraphs(block: list[str]) -> list[str]:
    """Each long line a paragraph; a run of short lines between them ("Reuters / 11/13/2022 /
    Updated: / 0:00") one, as a hard-wrapped block would have been."""
    out: list[str] = []
    run: list[str] = []
    for line in block:
        if len(line) > 80:
            if run:
                out.append(" ".join(run))
                run = []
            out.append(line)
        else:
            run.append(line)
    if run:
        out.append(" ".join(run))
    return out


def split_body(lines: list[str]) -> list[str]:
    """Paragraphs from cleaned body lines ('' marks a blank line)."""
    blocks = _blocks(lines)
    if len(blocks) > 1:
        # blank lines separate paragraphs, so single newlines are hard wraps, unless a line is
        # longer than any fixed wrap width: then each line is a paragraph (a page saved with
        # a blank line under its headline only)
        out: list[str] = []
        for block in blocks:
            if len(block) > 1 and max(len(line) for line in block) > 150:
                out += _lines_as_paragraphs(block)
            else:
                out.append(" ".join(block))
        return out
    if not blocks:
        return []
    return _unwrap(blocks[0]) if _is_hard_wrapped(blocks[0]) else blocks[0]


def _date(text: str, fmt: str) -> date | None:
    try:
        return plausible(datetime.strptime(text, fmt).date())
    except ValueError:
        return None


def _nonblank(lines: list[str], start: int) -> int:
    while start < len(lines) and not lines[start]:
        start += 1
    return start


# Lines between a saved page's headline and its story: "By Yonhap", "By Diplomacy Journal Kayla
# Lee", "Korea JoongAng Daily", "Published : Feb. 7, 2024 - 00:33", "Written: 2025-10-08
# 13:25:32Updated: ...", "Home > National > Diplomacy".
_OUTLET_DAY = re.compile(r"^(?P<o>[A-Z][\w.&'’ ]{1,40}?)\s+[-\u2013\u2014]{1,2}\s+"
                         r"(?P<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+"
                         r"(?P<d>\d{1,2})$")
_BYLINE = re.compile(r"^By\s+(?P<o>[A-Z][\w.&'’ -]{1,60})$")
_NO_OUTLET_BYLINE = re.compile(
    r"^(?:(?:Our|Special|Staff|Senior|Foreign|Diplomatic|Political)\s+)*"
    r"(?:Correspondents?|Reporters?|Staff|Writers?|Desk|Web\s+Desk|News\s+Desk|Agencies|"
    r"Editors?|Bureau)$", re.IGNORECASE)
# "By Evelyn Nam Posted : January 13, 2025, 17:20 Updated : January 13, 2025, 17:26"
_BYLINE_STAMP = re.compile(
    r"^By\s+[A-Z][\w.'’ -]{1,60}?\s+(?P<stamp>(?:Posted|Published|Written)\s*:.{6,40}?)"
    r"(?:\s+Updated\s*:.*)?$")
# China Daily's byline: "By ZHAO JIA | chinadaily.com.cn | Updated: 2025-08-19 11:21"
_BYLINE_PIPES = re.compile(
    r"^By\s+[^|]{1,60}?\s*\|\s*(?P<o>[^|]{2,40}?)\s*\|\s*"
    r"(?P<stamp>(?:Updated|Published|Posted)\s*:.{6,40})$")
_OUTLET_NAME = re.compile(
    r"^(?!(?:World|Top|Hot|Main|Latest|Breaking)\s)"
    r"(?:[A-Z][\w.&'’]*\s){1,4}(?i:Daily|News|Times|Herald|Journal|Agency|Post|Gazette|"
    r"Tribune|Network|Broadcasting|TV|Online)$"
)
_MINISTRY_MASTHEAD = re.compile(
    r"^\s*(?:Ministry\s+of\s+Foreign\s+Affairs|Foreign\s+Ministry)\s*$")
_COUNTRY_LINE = re.compile(
    r"^\s*(?:[Tt]he\s+)?(?:People['’]s\s+Republic\s+of\s+China|Republic\s+of\s+"
    r"[A-Z][a-z]+|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*$")
# A site's own masthead line of a saved page: "arirang mobile", "KBS WORLD", "Yonhap News App".
_MASTHEAD_TAIL = re.compile(r"\s+(?:mobile|english|online|app|edition|web)$", re.I)


def _masthead(line: str) -> str | None:
    """A short line that is a registered outlet's name (its site's wording: "arirang mobile")
    above the headline names the outlet (its registered name); it is not the title."""
    line = line.strip()
    if not line or len(line.split()) > 4 or line.endswith((".", "?", "!")):
        return None
    # the line as it stands first ("The Edition" is a masthead, not "The" with a tail)
    for name in dict.fromkeys((line, _MASTHEAD_TAIL.sub("", line))):
        hit = default_outlets().by_name(name)
        # the whole line, not a word of it: "Korea Herald columnist" is no masthead
        if hit is not None and name.lower().removeprefix("the ").strip() in {
                n.lower().removeprefix("the ") for n in (hit.name, *hit.aliases)}:
            return hit.name
    return None


# A line that is only a date and a time: "15:22 JST, March 22, 2025".
# ("November 16, 2024 at 16:45 JST": Asahi's stamp under its masthead)
_TIME_OR_ZONE = re.compile(
    r"\b(?:GMT|UTC)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?"  # "04 Jul 2025, 01:25 GMT+10" (WAM)
    # (any zone's letters: "23 July 2024, MVT 10:47" under The Edition's byline)
    r"|\d{1,2}:\d{2}(?::\d{2})?|\b(?:[AP]M|[A-Z]{1,4}T|UTC|WIB|WITA|MSK|at)\b|[,()+\-\s|:]"
    r"|\b(?:Last\s+)?Updated(?:\s+At)?\b"  # "2025-12-09 00:25 Last Updated At:04:17"
    r"|^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")  # "Tuesday 19 November 2024 | 00:16"
_SECTION = re.compile(r"^[A-Z][a-z]+(?: [A-Za-z]+){0,2}$")
# "Posted on : 2023-11-27 17:05 KST Modified on : …" (Hankyoreh): "on" before the colon
# "- Published Date: 01:09 | 26 September 2024" (a list of the page's facts under its
# standfirst), "Published Date:2018-08-24": the word "Date" or "Time" after the verb, a bullet
_STAMP = re.compile(r"^(?:[-\u2022*]\s+)?(?:Written|Published|Posted|Updated|Modified|Date"
                    r"|Released?)(?:\s+(?:on|date|time))?\s*:\s*"
                    r"(?P<rest>.+)$"
                    # a portal's "Source: Xinhua | Time: 2025-02-24 19:21:07" line
                    r"|^Source\s*:[^:]{0,60}?\b(?:Time|Date|Published)\s*:\s*(?P<rest2>.+)$",
                    re.IGNORECASE)
# China Daily's stamp names the story's agency after the time: "Updated: August 31, 2023
# 08:30 Xinhua"
_STAMP_SOURCE = re.compile(
    r"\b\d{1,2}:\d{2}\s+(?P<o>Xinhua|China Daily|chinadaily\.com\.cn|CGTN|Global Times|"
    r"People's Daily Online|People's Daily|Yonhap|Kyodo|Reuters|AFP|AP)\s*$")
# "Posted August. 21, 2023 09:00,": no colon, and then only a date and a time
_BARE_STAMP = re.compile(r"^(?:Written|Published|Posted|Updated)\s+(?P<rest>[A-Z0-9].*)$")
# "#Hot Issues of the Week l 2022-05-22": a short label ending in its date
_LABELLED_DATE = re.compile(
    r"^.{0,50}?(?P<d>\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})[\s,.]*$")
# (an ordinal day too: "25th May, 2022" under UrduPoint's headline, "May 25th, 2022")
_ANY_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?, \d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]{2,8}\.?,? \d{4}")
# A byline with the day it was filed ("By Admin 15 Aug 2024"), and a date line with the place
# it was filed from ("15 August 2024, Sittwe"), above an exile outlet's story
_BYLINE_DAY = re.compile(rf"^By\s+[A-Z][\w.'’ -]{{1,40}}?\s+(?P<stamp>(?:{_ANY_DATE.pattern}))$")
_DATE_PLACE = re.compile(rf"^(?P<stamp>(?:{_ANY_DATE.pattern})),\s+[A-Z][\w'’ .-]{{1,30}}$")
_CRUMBS = re.compile(r"^\w[\w ]{0,30}(?:\s>\s[\w ]{1,30}){1,5}$")
# A section path printed above the headline: "CHINA / DIPLOMACY" (Global Times)
_SECTION_PATH = re.compile(r"^[A-Z][A-Za-z&' ]{1,25}(?:\s/\s[A-Z][A-Za-z&' ]{1,25}){1,3}$")


# "Anadolu staff  | 08.10.2025 - Update : 08.10.2025": a byline, then the day first (the
# European order of the agencies that print it this way), then an update stamp
_PIPE_STAMP = re.compile(
    r"^[A-Z][\w.'’ -]{1,60}?\s*\|\s*(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"
    r"(?:\s*-\s*Update\s*:.*)?$")


# "Wednesday, October 9, 2024, 7:42 p.m. Ministry of Foreign Affairs": a press conference's
# weekday, date, time and where it was given (Japan's foreign ministry)
_PRESSER_STAMP = re.compile(
    r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+(?P<d>[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}),?"
    r"\s+\d{1,2}:\d{2}\s*[ap]\.?m\.?(?:\s+[A-Z][\w'’]*(?:\s+(?:of|and|for|the|[A-Z][\w'’]*)){0,5})?$")


# A government release as a distribution service republishes it: "12/03/2025 | Press release |
# Distributed by Public on 12/04/2025 05:34" (the American order, month first)
_DISTRIBUTED_STAMP = re.compile(
    r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})\s*\|\s*[^|]{2,40}\|\s*Distributed\s+by\b")


# A European page's stamp, the day first: "Veröffentlicht: 02.12.2024," (Table.Media),
# "Publié le 02/12/2024 à 10h15", "Publicado el 02/12/2024", "Stand: 02.12.2024 15:30 Uhr"
_EURO_STAMP = re.compile(
    r"^(?:Veröffentlicht(?:\s+am)?|Aktualisiert(?:\s+am)?|Stand|Publiée?(?:\s+le)?"
    r"|Mis\s+à\s+jour(?:\s+le)?|Publicado(?:\s+el)?|Actualizado(?:\s+el)?|Pubblicato(?:\s+il)?"
    r"|Aggiornato(?:\s+il)?)\s*:?\s*(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})\b[^A-Za-z]{0,20}"
    r"(?:\s*(?:Uhr|h\d{0,2}|à\s[\dh: ]{2,8}|a\s+las\s[\d: ]{2,8}))?[\s,.]*$", re.IGNORECASE)


# A reporter's address ("jyhan@hankyung.com") or the site's own picture
# ("https://koreajoongangdaily.joins.com/data/photo/...") in the header of a saved page
_ADDRESS = re.compile(r"[\w.+-]+@(?P<mail>[\w-]+(?:\.[\w-]+)+)|https?://(?P<host>[\w.-]+)/")


def _own_site(header: list[str]) -> str | None:
    """The registered outlet whose domain the page's header lines carry, when only one does."""
    names = {found.name for line in header for m in _ADDRESS.finditer(line)
             if (found := default_outlets().lookup(None, m.group("mail") or m.group("host")))}
    return names.pop() if len(names) == 1 else None


# A story's own stamp with its weekday and time, page furniture after it (Daily FT): "Monday,
# 26 September 2022 03:14 - - {{hitsCtrl.values.hits}}".
_TIMED_DAY_STAMP = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+"
    r"(?P<d>\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+(?:19|20)\d\d)\s+\d{1,2}:\d{2}\b")


def _masthead_above(lines: list[str], at: int) -> bool:
    """Whether the line before lines[at] (skipping blanks) is a registered outlet's masthead."""
    before = [ln for ln in lines[:at] if ln.strip()]
    return bool(before) and _masthead(before[-1]) is not None


def _labelled_date(line: str) -> date | None:
    found = _LABELLED_DATE.match(line)
    return parse_date(found.group("d").replace(".", "")) if found else None


def _date_line(line: str) -> date | None:
    """The date of a stamp line ("Published : Feb. 7, 2024 - 00:33") or of a line that is only
    a date and a time ("15:22 JST, March 22, 2025")."""
    if (dated := _BYLINE_DAY.match(line) or _DATE_PLACE.match(line)) is not None:
        return _date_line(dated.group("stamp"))
    if (presser := _PRESSER_STAMP.match(line)) is not None:
        return parse_date(presser.group("d").replace(".", ""))
    if (numbered := _DISTRIBUTED_STAMP.match(line) or _PIPE_STAMP.match(line)
            or _EURO_STAMP.match(line)) is not None:
        return _numbered_day(numbered)
    stamp = _STAMP.match(line)
    bare = None if stamp else _BARE_STAMP.match(line)
    rest = (stamp.group("rest") or stamp.group("rest2")) if stamp else \
        bare.group("rest") if bare else line
    found = _ANY_DATE.search(rest)
    if found is None:
        return None
    if not stamp and _TIME_OR_ZONE.sub("", rest.replace(found.group(0), "")):
        return None
    return parse_date(found.group(0).replace(".", ""))


@dataclass
class _Header:
    """What the lines under a headline say: where the story starts, who, when."""
    rest: int
    outlet: str | None = None
    published: date | None = None
    month_day: tuple[int, int] | None = None  # "NHK -- May 23": no year


def _header(lines: list[str], rest: int, title: str = "") -> _Header:
    """The byline, outlet and date lines under a headline; where the story starts."""
    month_day: tuple[int, int] | None = None
    outlet: str | None = None
    published: date | None = None
    standfirst = True
    at = _nonblank(lines, rest)
    for _ in range(8):
        if at >= len(lines) or (len(lines[at]) > 200 and not (
                standfirst and _listed_stamp_below(lines, at))):
            break
        # "- World", "- AFP", "- Published Date: ...": the page's facts as a list
        line = _BULLET.sub("", lines[at])
        if title and line.casefold() == title.casefold() and title.rstrip().endswith(".") \
                and len(title.split()) >= 10:
            break  # a page saved from its first sentence, then that sentence: the story's start
        if is_furniture(line) or is_caption(line) or (
                title and line.casefold() == title.casefold()):
            pass  # a print button, a photo credit, or the headline again as the story's heading
        elif len(line) > 100 and not (standfirst and (
                _stamp_at(lines, _nonblank(lines, at + 1)) or _us_stamp_below(lines, at)
                or _listed_stamp_below(lines, at))):
            break
        elif (m := _BYLINE_STAMP.match(line) or _BYLINE_DAY.match(line)) \
                and _date_line(m.group("stamp")) is not None:
            published = published or _date_line(m.group("stamp"))  # "By X Posted : Jan. 13, …"
        elif (m := _BYLINE_PIPES.match(line)) and _date_line(m.group("stamp")) is not None:
            published = published or _date_line(m.group("stamp"))
            outlet = outlet or m.group("o").strip()
        elif (m := _BYLINE.match(line)) and outlet is None:
            # "By Correspondent", "By Staff Reporter": a writer, not an outlet
            outlet = None if _NO_OUTLET_BYLINE.match(m.group("o")) else m.group("o").strip()
        elif _OUTLET_NAME.match(line) and outlet is None:
            outlet = line
        elif outlet is None and (credit := _masthead(line)) is not None:
            outlet = credit  # "UNB" alone under the headline: the agency that filed it
        elif (m := _OUTLET_DAY.match(line)) and outlet is None and _masthead(m.group("o")):
            outlet = m.group("o")  # "NHK -- May 23": no year, so no publication date
            month_day = (datetime.strptime(m.group("m"), "%b").month, int(m.group("d")))
        elif (d := _date_line(line) or _labelled_date(line)) is not None:
            published = published or d
            if outlet is None and (src := _STAMP_SOURCE.search(line)) is not None:
                outlet = src.group("o")  # "Updated: August 31, 2023 08:30 Xinhua"
        elif (us := _us_stamp(lines, at)) is not None:
            published = published or us
        elif _UPDATED_LABEL.match(line) or (
                _SLASHED_DAY.match(line) and _UPDATED_LABEL.match(lines[at - 1].strip())) or (
                _AUTHOR.match(line) and _us_stamp(lines, _nonblank(lines, at + 1)) is not None):
            pass  # the writer's name above that stamp, the label and the update's own date
        elif standfirst and (_stamp_at(lines, _nonblank(lines, at + 1))
                             or _us_stamp_below(lines, at) or _listed_stamp_below(lines, at)):
            standfirst = False  # a standfirst between the headline and its stamp (Global Times)
        elif not (_CRUMBS.match(line) or _SECTION.match(line)):
            break
        rest = at = _nonblank(lines, at + 1)
    return _Header(rest, outlet, published, month_day)


# "Andrew Chen / 1/12/2024 / Updated: / 1/12/2024" (The Epoch Times): a writer's name, then a
# date alone on its line with "Updated:" under it, is the page's publication stamp, month first
# as the US pages that print it so write it (a first number over 12 is no such page's)
_SLASHED_DAY = re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})$")
_UPDATED_LABEL = re.compile(r"^(?:Last\s+)?Updated\s*:?$", re.IGNORECASE)
_AUTHOR = re.compile(r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}$")


def _us_stamp(lines: list[str], at: int) -> date | None:
    if at >= len(lines) or (day := _SLASHED_DAY.match(lines[at].strip())) is None:
        return None
    nxt = _nonblank(lines, at + 1)
    if nxt >= len(lines) or not _UPDATED_LABEL.match(lines[nxt].strip()):
        return None
    return _numbered_day(day)


def _numbered_day(found: re.Match[str]) -> date | None:
    """The date of a stamp written in numbers, its groups named d, m and y in the order the
    stamp writes them; None for no real month or day."""
    m, d, y = (int(found.group(k)) for k in ("m", "d", "y"))
    return parse_date(f"{y:04d}-{m:02d}-{d:02d}") if 1 <= m <= 12 and 1 <= d <= 31 else None


def _us_stamp_below(lines: list[str], at: int) -> bool:
    """Such a stamp within the next five lines (the headline again, a caption and the writer
    between a standfirst and it)."""
    for _ in range(5):
        at = _nonblank(lines, at + 1)
        if _us_stamp(lines, at) is not None:
            return True
    return False


_BULLET = re.compile(r"^[-\u2022*]\s+")


def _listed_stamp_below(lines: list[str], at: int) -> bool:
    """A standfirst, then the page's facts as a list of short items ending in its stamp
    ("- World" / "- AFP" / "- Published Date: 01:09 | 26 September 2024")."""
    for _ in range(4):
        at = _nonblank(lines, at + 1)
        if at >= len(lines) or not _BULLET.match(lines[at]):
            return False
        if _date_line(lines[at]) is not None:
            return True
        if len(lines[at].split()) > 4:
            return False
    return False


def _headline_next(lines: list[str], at: int) -> bool:
    """A date alone on the page's first line with a headline under it ("22 March 2024" /
    "Penny Wong welcomes ..."): the page's date stamp, not its title. A first line that is
    only a date with the story's first paragraph under it keeps its own reading."""
    if at != _nonblank(lines, 0) or len(lines[at].split()) > 5:
        return False
    nxt = _nonblank(lines, at + 1)
    return nxt < len(lines) and 3 <= len(lines[nxt].split()) <= 25 \
        and not _is_paragraph(lines[nxt]) and _date_line(lines[nxt]) is None


def _stamp_at(lines: list[str], at: int) -> bool:
    """Whether lines[at] is a publication stamp ("Published: Aug 29, 2024 12:47 AM") or a line
    that is only a date and a time ("Tuesday 19 November 2024 | 00:16")."""
    return at < len(lines) and _date_line(lines[at]) is not None


def _is_paragraph(line: str) -> bool:
    """A first line that is a paragraph, not a headline: long, with a sentence inside."""
    if len(line) > 150 and line[-1] in ".!?\"\u201d":
        return True
    return len(line) > 200 and bool(re.search(r"[a-z]{2}[.!?][\"\u201d]?\s*[A-Z][a-z]", line))


# Section names news sites print above a headline (a short title would look the same).
_SECTION_NAME = re.compile(
    r"^(?:World|World News|News|Latest|Top Stories|Politics|National|Nation|Diplomacy|"
    r"Foreign Affairs|International|Asia|Asia\s*-\s*Pacific|Asia Pacific|China|Korea|North Korea|"
    r"Opinion|Business|Economy|Policies|Press Releases?|Briefings?|Statements|Spokesperson's"
    r"|Issues|Hot Issues|Top News|Headlines|Main News"
    r" Remarks|Activities|Minister's Activities|Defense|Society)$", re.IGNORECASE)


def _section_above_headline(lines: list[str], at: int) -> bool:
    """A section name saved above the headline ("World", "Press Releases"): a short line whose
    next line is a headline (no full stop at its end), not CGTN's section-then-stamp."""
    if not _SECTION_NAME.match(lines[at]):
        return False
    nxt = _nonblank(lines, at + 1)
    if nxt >= len(lines):
        return False
    line = lines[nxt]
    return (len(line.split()) >= 4 and line[-1] not in ".!?\"\u201d:"
            and not _CGTN_STAMP.match(line) and not split_dateline(line)[0]
            and _date_line(line) is None)


def _headline_below(lines: list[str], rest: int) -> tuple[str, int]:
    """The first line of five words or more under page furniture that is a headline, not
    the story, a dateline or a stamp; ("", rest) when none comes within a dozen lines."""
    at = _nonblank(lines, rest)
    for _ in range(12):
        if at >= len(lines):
            break
        line = lines[at]
        if _is_paragraph(line) or split_dateline(line)[0] or line[-1] in ".!?":
            break
        if (len(line.split()) >= 5 and not is_furniture(line) and not is_caption(line)
                and _date_line(line) is None):
            return line, at + 1
        at = _nonblank(lines, at + 1)
    return "", rest


def _to_dateline(lines: list[str], rest: int) -> tuple[int, str | None, date | None]:
    """A page saved with a standfirst, bylines, a picture's file name and caption and a date
    line between the headline and its story ("SEOUL – President ..."): the story starts at
    the dateline when one comes within a dozen lines, after at most one long line (the
    standfirst, which the story repeats) and otherwise short ones."""
    at = _nonblank(lines, rest)
    outlet: str | None = None
    published: date | None = None
    long_lines = 0
    dated_at: int | None = None
    standfirst: str | None = None
    for _ in range(12):
        if at >= len(lines):
            break
        line = lines[at]
        if split_dateline(line)[0] is not None and at != rest:
            return at, outlet, published
        if len(line) > 120 and not is_caption(line):
            long_lines += 1
            if dated_at is None:
                standfirst = standfirst or line  # (above the date line, not the story's own)
            if long_lines > 1:
                break
        elif _OUTLET_NAME.match(line) and outlet is None:
            outlet = line
        elif (d := _date_line(line)) is not None:
            published = published or d
            dated_at = at
        at = _nonblank(lines, at + 1)
    story = _nonblank(lines, dated_at + 1) if dated_at is not None else len(lines)
    if published is not None and story < len(lines) and lines[story] == standfirst:
        # No dateline, but a standfirst, the author and a date line ("Mariyath Mohamed" /
        # "23 July 2024, MVT 10:47", The Edition), then the story, which opens with the
        # standfirst again: it starts after the last date line; the date is the page's. (A
        # standfirst the story does not repeat stays: it may be all that says "on Thursday".)
        return story, outlet, published
    return rest, None, None


# A site's name ("UrduPoint.com") or a section label in capitals ("TÜRKİYE", "WORLD NEWS")
# saved on the page's date line, above the headline
_SITE_NAME = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|news|tv)(?:\.[a-z]{2})?$",
                        re.IGNORECASE)


def _label_not_headline(line: str) -> bool:
    line = line.strip()
    if _SITE_NAME.match(line):
        return True
    return len(line.split()) <= 2 and line.upper() == line and not re.search(r"\d", line) \
        and any(ch.isalpha() for ch in line)


def parse_text(text: str, source: str) -> Article:
    lines = [clean_line(ln) for ln in text.splitlines()]
    first = _nonblank(lines, 0)
    if first >= len(lines):
        raise ArticleError("empty file (only whitespace)")
    # A photo credit above the story ("Photo : YONHAP News"), page furniture ("Menu
    # Content") and a publication stamp ("Published: 17:55, July 26, 2024") are not its title.
    stamped: date | None = None
    top_outlet: str | None = None
    while first < len(lines):
        if (dated := _DATE_TITLE.match(lines[first])) and dated.group(2) \
                and is_caption(dated.group(2)):
            # " date 2023-06-20 US Secretary ... in Beijing on Monday. Photo: AFP": the stored
            # page's date line with a photo caption on it; the date is the page's. Not under a
            # bare credit (" date 2024-02-02 Photo : YONHAP News": KBS pages stored so carry
            # a date days before the call they report)
            if len(dated.group(2).split()) >= 8:
                stamped = stamped or _date(dated.group(1), "%Y-%m-%d")
        elif is_caption(lines[first]) or is_furniture(lines[first]) or _SECTION_PATH.match(
                lines[first]):
            pass
        elif (_STAMP.match(lines[first]) or _BARE_STAMP.match(lines[first])
              or _DISTRIBUTED_STAMP.match(lines[first]) or _EURO_STAMP.match(lines[first])) and (
                d := _date_line(lines[first])) is not None:
            stamped = stamped or d
        elif (own := _TIMED_DAY_STAMP.match(lines[first])) is not None:
            # "Monday, 26 September 2022 03:14 - - ...": the story's own stamp, never its title
            stamped = parse_date(own.group("d")) or stamped
        elif _date_line(lines[first]) is not None and (
                nxt := _nonblank(lines, first + 1)) < len(lines) \
                and _TIMED_DAY_STAMP.match(lines[nxt]):
            pass  # the site's "today" above the story's own stamp (a page saved years later)
        elif _date_line(lines[first]) is not None and _ANY_DATE.search(lines[first]) and (
                _masthead_above(lines, first) or _headline_next(lines, first)):
            # "THE ASAHI SHIMBUN" / "November 16, 2024 at 16:45 JST": the masthead's stamp,
            # not the headline (a page whose first line is a bare date keeps its own reading)
            stamped = stamped or _date_line(lines[first])
        elif _MINISTRY_MASTHEAD.match(lines[first]) and top_outlet is None \
                and (nxt := _nonblank(lines, first + 1)) < len(lines) \
                and _COUNTRY_LINE.match(lines[nxt]):
            # "Ministry of Foreign Affairs" / "People's Republic of China" above the headline:
            # the ministry's own page
            top_outlet = f"{lines[first].strip()} of the " + re.sub(
                r"^[Tt]he\s+", "", lines[nxt].strip())
            first = nxt
        elif (_OUTLET_NAME.match(lines[first]) or _masthead(lines[first])) \
                and top_outlet is None and not _is_paragraph(
                lines[_nonblank(lines, first + 1)] if _nonblank(lines, first + 1) < len(lines)
                else ""):
            # "The Korea Herald" above the headline; "arirang mobile" is Arirang
            top_outlet = lines[first] if _OUTLET_NAME.match(lines[first]) \
                else _masthead(lines[first])
        elif not _section_above_headline(lines, first):
            break
        first = _nonblank(lines, first + 1)
    if first >= len(lines):
        raise ArticleError("no article body found")
    title, published, outlet = lines[first], None, None
    rest = first + 1
    byline = None
    if (dated := _DATE_TITLE.match(title)) and dated.group(2) and _is_paragraph(dated.group(2)):
        # " date 2024-09-30 Speaking to ... on Saturday, Wang also called ...": the date line
        # with the story's first paragraph on it, no headline
        published = _date(dated.group(1), "%Y-%m-%d")
        lines[first] = title = dated.group(2)
    if (m := _BYLINE.match(title)) or _is_paragraph(title) or split_dateline(title)[0]:
        # A page saved without its headline starts with its byline or the story itself.
        title, rest = "", first + 1 if m else first
        byline = m.group("o").strip() if m else None

    if title and len(title.split()) <= 2 and not re.search(r"\d", title):
        # A menu word left of the page chrome ("Menu Content / Search / Korean / Search /
        # English / ... / International" above KBS's headline) is no headline: the first line
        # that reads as one below the short menu lines is, if one comes before the story and
        # no stamp comes between (CGTN's section, stamp, headline has its own reading).
        headline, at = _headline_below(lines, rest)
        between = [ln for ln in lines[rest:at - 1] if ln]
        if headline and between and not _ANY_DATE.search(headline) \
                and not _SOURCE_LINE.match(headline) \
                and all(is_caption(ln) or is_furniture(ln)
                        or (len(ln.split()) <= 5 and not re.search(r"\d", ln)) for ln in between):
            title, rest = headline, at

    section_at = _nonblank(lines, rest)
    stamp2_at = _nonblank(lines, section_at + 1)
    if match := _DATE_TITLE.match(title):
        published = _date(match.group(1), "%Y-%m-%d")
        title = match.group(2) or ""
        # " date 2025-03-21 Menu Content": the page's furniture came first (menus, a language
        # switch, a section name); its headline is the first line that reads as one
        if not title or is_furniture(title) or _label_not_headline(title):
            # "UrduPoint.com" on the date line is the outlet's masthead
            top_outlet = top_outlet or (_masthead(title) if title else None)
            above = rest
            title, rest = _headline_below(lines, rest)
            # "New Delhi Times" among the lines skipped above the headline is the outlet
            top_outlet = top_outlet or next(
                (ln if _OUTLET_NAME.match(ln) else _masthead(ln) for ln in lines[above:rest - 1]
                 if ln and (_OUTLET_NAME.match(ln) or _masthead(ln))), None)
        # People's Daily under the Xinhua seeds' first line: the "Xinhua) 11:06, March 22,
        # 2025" source line that follows names the outlet and is no paragraph.
        src_at = _nonblank(lines, rest)
        if src_at < len(lines) and (src := _SOURCE_LINE.match(lines[src_at])):
            outlet = src.group("source").strip()
            rest = src_at + 1
    elif stamp2_at < len(lines) and len(lines[section_at]) <= 30 and _CGTN_STAMP.match(
        lines[stamp2_at]
    ):
        # CGTN saved headline first: title, section, stamp, "Updated" stamp, outlet line.
        stamp = _CGTN_STAMP.match(lines[stamp2_at])
        assert stamp is not None
        published = date(int(stamp[1]), int(stamp[2]), int(stamp[3]))
        rest = _nonblank(lines, stamp2_at + 1)
        if rest < len(lines) and lines[rest].startswith("Updated"):
            rest += 1
            if rest < len(lines) and _OUTLET_LINE.match(lines[rest]):
                outlet, rest = lines[rest], rest + 1
    elif (stamp_at := _nonblank(lines, rest)) < len(lines) and _CGTN_STAMP.match(
        lines[stamp_at]
    ):
        # CGTN: the first line was the section, not the title
        stamp = _CGTN_STAMP.match(lines[stamp_at])
        assert stamp is not None
        published = date(int(stamp[1]), int(stamp[2]), int(stamp[3]))
        title_at = _nonblank(lines, stamp_at + 1)
        if title_at >= len(lines):
            raise ArticleError("no article body found")
        title, rest = lines[title_at], title_at + 1
        nxt = _nonblank(lines, rest)
        if nxt < len(lines) and lines[nxt].startswith("Updated"):
            rest = nxt + 1
            # the outlet line follows the "Updated" stamp directly (no blank line)
            if rest < len(lines) and _OUTLET_LINE.match(lines[rest]):
                outlet, rest = lines[rest], rest + 1
    elif (src_at := _nonblank(lines, rest)) < len(lines) and (
        src := _SOURCE_LINE.match(lines[src_at])
    ):
        outlet = src.group("source").strip()
        published = _date(src.group("date"), "%B %d, %Y")
        rest = src_at + 1

    header = _header(lines, rest, title)
    rest, found_outlet, found_date = header.rest, header.outlet, header.published
    rest, more_outlet, more_date = _to_dateline(lines, rest)
    byline = found_outlet or more_outlet or byline or top_outlet \
        or _own_site(lines[:first + 15]) or credited_outlet(lines)
    published = published or found_date or more_date or stamped
    if published is None:
        at = _nonblank(lines, rest)
        if at < len(lines) and (stamp_line := _DATE_LINE.match(lines[at])):
            published = parse_date(re.sub(r"[/.](?=\d)", "-", stamp_line.group("d")))
            if published is not None:
                rest = at + 1

    paragraphs = body_paragraphs(split_body(lines[rest:]), titled=bool(title))
    return finish_article(source=source, title=title, paragraphs=paragraphs, outlet=outlet,
                          byline=byline, published=published,
                          captions=captions_in(lines), header_day=header.month_day)
