"""What every reader does to its paragraphs: datelines, captions, footers, whitespace.

Outlet policy (the same for every format): an outlet the source names itself (CGTN's header line,
`og:site_name`, JSON-LD `publisher.name`, a JSON Lines `outlet` field, People's Daily's
"Xinhua)" source line) wins; otherwise the news agency in the dateline ("BEIJING, Dec. 24
(Xinhua) --" gives Xinhua); otherwise None, and the pipeline decides the side without one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from dateutil import parser as dateparser

from bot.errors import ArticleError
from bot.models import Article
from bot.registry.countries import default_countries
from bot.registry.outlets import CREDIT_LINE, default_outlets

_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
# PLACE[, Region], Month Day (Agency) --   or   PLACE (Agency) -   (AP/Reuters house styles)
_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][\w.'\- ]{1,40}?)*?"
    r"(?:,\s*" + _MONTH + r"\s*\d{1,2}(?:,\s*\d{4})?"
    # "BRUSSELS, 3rd July, 2025 (WAM) -": the day first, an ordinal
    r"|,\s*\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s*\d{4})?)?)"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&'/-]{0,30})\)|/(?P<wire>PR\s?Newswire|Business\s?Wire"
    r"|GlobeNewswire)/)\s*(?:--|\u2014|\u2013|-|:)\s*"
)
# "ASTANA, Kazakhstan, July 16. Kazakhstan's Foreign Minister ...": the city in capitals, its
# country, the day and a full stop (Trend)
_COUNTRY_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'\-]{2,30}(?: [A-Z][A-Z.'\-]+){0,2},"
    r"\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?,\s*" + _MONTH + r"\s*\d{1,2})\.\s+(?=[A-Z\"“])")
# "MOSCOW, December 30. /TASS/.": the Russian agencies' dateline, the agency between slashes
_SLASH_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'\- ]{1,40},\s*" + _MONTH + r"\s*\d{1,2}(?:,\s*\d{4})?)\.?\s*"
    r"/(?P<agency>[A-Z][A-Za-z\-]{1,15})/\.?\s+")
# "Xinhua News Agency, Beijing, June 14." (Xinhua's Chinese wire translated): the agency first
_AGENCY_FIRST = re.compile(
    r"^(?P<agency>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,3} News Agency),\s*"
    r"(?P<dateline>[A-Z][a-z]+(?: [A-Z][a-z]+)?,\s*" + _MONTH + r"\s*\d{1,2})(?:st|nd|rd|th)?"
    r"(?:\s*\([^)]{1,60}\))?\s*[.:]\s+")
# a city in title case, of up to three words, its letters beyond ASCII too ("Malé")
_TITLE_CITY = r"[A-Z][^\W\d_]+(?: [A-Z][^\W\d_]+){0,2}"
# "Jakarta, July 14 (Jiji Press)--": a city in title case, then always a date and an agency
_TITLE_DATELINE = re.compile(
    # ("Gyeongju, South Korea, Oct. 31 (Jiji Press)--": the country after the city)
    # ("Islamabad [Pakistan], April 28 (ANI):": ANI's country in brackets)
    r"^(?P<dateline>" + _TITLE_CITY + r"(?:\s*\[[A-Z][\w ]{1,30}\])?,"
    r"(?:\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?,)?\s*"
    + r"(?:" + _MONTH + r"\s*\d{1,2}(?:,\s*\d{4})?"
    # ("Ulaanbaatar, 10 August 2022 (TDI):": the day first)
    + r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s*\d{4})?)"
    + r")\s*\((?P<agency>[A-Z][\w .&'/-]{0,30})\)\s*(?:--|\u2014|\u2013|-|:)\s*"
)
# "Beijing [China], December 26 : Japanese Foreign Minister ...": ANI's dateline as the sites
# that reprint its wire give it, the agency left out (the bracketed country tells the shape)
_BRACKET_DATELINE = re.compile(
    r"^(?P<dateline>" + _TITLE_CITY + r"\s*\[[A-Z][\w ]{1,30}\],\s*"
    + _MONTH + r"\s*\d{1,2}(?:,\s*\d{4})?)\s*(?::|--|\u2014|\u2013|-)\s+(?=[A-Z\"“])"
)
# "BEIJING: The talks between ...", "KATHMANDU: Minister ...": a capital in capitals and a colon
# (Pakistani and Nepali papers); only a registered capital, so "ALSO READ:" or "UYARI:" is none
_CAPITAL_COLON = re.compile(r"^(?P<city>[A-Z]{3,}(?: [A-Z]{2,})?):\s+(?=[A-Z\"“])")
# "Tashkent, Uzbekistan (UzDaily.com) — ...": a place in title case and the outlet, no date
# (taken only when the outlet is a registered one: "Beijing (China) -" names no writer)
_TITLE_PLACE_AGENCY = re.compile(
    r"^(?P<dateline>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?:,\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?)?)"
    r"\s*\((?P<agency>[A-Z][\w .&'/-]{1,30})\)\s*(?:--|\u2014|\u2013|-|:)\s*(?=\S)"
)
_PLACE_ONLY = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*(?:, [A-Z][A-Z.'\-]*(?: [A-Z][A-Z.'\-]*)*)?"
    r"(?:,\s*" + _MONTH + r"\s*\d{1,2}(?:,\s*\d{4})?)?)\s+(?:--|\u2014|\u2013)\s+(?=[A-Z\"\u201c])"
    # "TOKYO—Japan's Prime Minister ...": an unspaced em dash after a city of five capitals or
    # more ("US—China" is no dateline); "LIMA--Prime Minister ...": Asahi's unspaced double
    # hyphen after a city of three capitals or more
    r"|^(?P<city>[A-Z]{5,}(?: [A-Z]{2,})?(?=\u2014)|[A-Z]{3,}(?: [A-Z]{2,})?(?=--))"
    r"(?:\u2014|--)(?=[A-Z][a-z])"
)
_CITY_AGENCY = re.compile(r"(?P<city>[A-Z][A-Z'\- ]+)\.\s+(?P<agency>[A-Z]{4,})")
# "(CNN) -- President ...", "(Reuters) - ...": an agency credit with no place
_AGENCY_ONLY = re.compile(
    r"^\((?P<agency>CNN|Reuters|AP|AFP|Xinhua|Yonhap|Kyodo|Bloomberg|UPI|dpa|EFE|ANI|PTI|IANS)\)"
    r"\s*(?:--|\u2014|\u2013|-)?\s*(?=\S)"
)
_AGENCY_NAMES = {
    "xinhua": "Xinhua", "reuters": "Reuters", "ap": "AP", "afp": "AFP", "yonhap": "Yonhap",
    "kyodo": "Kyodo", "tass": "TASS", "upi": "UPI", "bloomberg": "Bloomberg", "cna": "CNA",
    "bernama": "Bernama", "antara": "Antara", "pti": "PTI", "ians": "IANS", "dpa": "dpa",
    "efe": "EFE", "ani": "ANI", "ecns": "ECNS", "chinadaily": "China Daily",
    "china daily": "China Daily", "cgtn": "CGTN", "kcna": "KCNA",
}

_CAPTION = re.compile(
    r"(?:/\s*(?:CFP|Xinhua|VCG|Reuters|AFP|AP|IC|EPA|Getty Images|Yonhap|CGTN|China Daily|"
    r"People's Daily|Bloomberg|Kyodo)\s*\)?\s*$)"
    r"|^(?:\[?Photo\s*(?:/|:)|File photo|Photo taken|Photo shows|A file photo)"
    r"|\bPhoto\s*:\s*[A-Z][\w ]{0,30}$|\bPhoto\s+credits?\s*:\s*[A-Z][\w ./-]{0,40}$"
    # "... on May 1, 2023. KJ ROSALES/PPA POOL": a photographer and agency in capitals
    r"|\.\s+[A-Z][A-Z.' -]{1,40}/[A-Z][A-Z/ -]{1,40}$"
    r"|\(Photo(?:\s+by|:|/)[^)]*\)\s*$"
    r"|\((?:Xinhua|CNS|VCG|Reuters|AFP|AP|CFP)/[^)]*\)\s*$"
    # "... on Dec. 11, 2023. (The Canadian Press/Sean Kilpatrick)": agency and photographer
    # after the sentence; "Photo: Reuters/Hasnoor Hussain"
    r"|[.!?]\s+\((?:The\s+)?[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}\s*/\s*"
    r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\)\s*$"
    r"|\bPhoto\s*:\s*[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}\s*/\s*[A-Z][\w .'’-]{1,40}$"
    # "... in Vienna, Austria, May 10, 2023. (Xinhua)": a dated picture, its credit alone
    r"|\b(?:19|20)\d\d\.?\s*\((?:Xinhua|CNS|VCG|Reuters|AFP|AP|CFP|Yonhap|Kyodo)\)\s*$"
    # "This photo, provided by South Korea's foreign ministry on Nov. 15, ... (Yonhap) |"
    r"|^This (?:file )?(?:photo|picture|image)\b"
    # "File picture shows Foreign Minister ... — Bernama pic" (Malay Mail, The Star)
    r"|^(?:File\s+)?(?:picture|pic|image)\s+shows\b|[—–-]\s*[A-Z][\w ]{1,30}\s+pic\.?\s*$"
    r"|\((?:Yonhap|Xinhua|AP|AFP|Reuters|EPA|Kyodo|News1|Newsis|Jiji)\)\s*\|\s*$"
    # "... at a hotel in Tokyo. / Courtesy of Yonhap News Agency" (Chosun Biz)
    r"|/\s*Courtesy\s+of\s+[A-Z][\w .&'’-]{1,50}$|\((?i:courtesy\s+of)\s[^)]{2,60}\)\s*$"
    # "... at Camp David in Maryland, Aug. 18. Yonhap |": the credit after the full stop
    r"|[.,]\s+(?:Yonhap|Xinhua|AP|AFP|Reuters|EPA|Kyodo|News1|Newsis|Jiji)\s*\|\s*$"
    # "... in this file pool photo. [MINISTRY OF FOREIGN AFFAIRS]", "(PHOTO / MINISTRY ...)"
    r"|\bin\s+this\s+(?:file\s+)?(?:pool\s+)?photo\b|\[[A-Z][A-Z .,'&/-]{2,50}\]\s*$"
    r"|\(PHOTO\s*/[^)]*\)\s*$|\((?:[A-Z][\w.]*\s+)?(?i:file\s+photo)\)\s*$"
    # "... in Beijing. PHOTO: SOUTH KOREA'S MINISTRY OF FOREIGN AFFAIRS/ THE KOREA HERALD"
    r"|\bPHOTO\s*:\s*[A-Z][A-Z .,'’&/-]{2,80}$"
    # a photo's line with no sentence end: "Minister Iwaya shaking hands with Mr. Wang"
    r"|^(?!.*[.!?][\"\u201d]?$).{0,120}\b(?:shak(?:es|ing)\s+hands?|"
    r"pos(?:es|ing)\s+for\s+a\s+photo)\b.{0,80}$"
    # where the people stand in the picture: "Foreign Minister Yoshimasa Hayashi, left, shakes
    # hands with ... on Sunday in Beijing.", "Antony Blinken (left) and ..."
    r"|^(?=.{0,300}$).{3,150}?(?:,\s(?:left|right|center|centre)\s?,|\s\((?:left|right|"
    r"center|centre|L|R)\))\s.{0,200}$"
    # a picture saved as its file name; a picture credit on its own line ("ⓒYONHAP News")
    r"|^\S+\.(?:jpe?g|png|gif|webp)$|^[\u24d2\u00a9]\s*[A-Z][\w .]{1,40}$",
    re.I,
)
# Lines after which nothing is article: the page footer starts here.
_FOOTER_START = re.compile(
    r"^(?:RELATED\s+(?:STORIES|ARTICLES|NEWS|CONTENT|READING)|Related:?$|Read more:?$|"
    r"Recommended(?: for you| stories)?:?$|More (?:from|on) |Most (?:read|popular)\b|"
    r"You may also like|Copyright(?:\s*(?:\u00a9|\(c\)|\d{4})|\s*$)|\u00a9|\(c\)\s*\d{4}|"
    # a broadcaster's rights line in brackets ("[Copyright holder (c) YTN Unauthorized ...]")
    r"\[Copyright\b|"
    r"All rights reserved)",
    re.I,
)
# Single lines that are never article text, wherever they stand.
_JUNK_LINE = re.compile(
    r"^(?:By (?:[A-Z][\w.'-]*\s?){1,4}(?:(?:,|\s+and|\s*&)\s*(?:[A-Z][\w.'-]*\s?){1,4})*"
    r"(?:\s*[|,\-\u2014]\s*[A-Z0-9][\w .,:/'-]{0,40})?$"
    r"|(?:\(Web editor|Editor|Edited by|Source|Reporter|Writer|Translator)s?:.{0,80}$"
    r"|Share (?:this|on)\b.{0,40}$|Follow us\b.{0,60}$|Sign up\b.{0,120}$"
    r"|Subscribe\b.{0,120}$|Advertisement$|ADVERTISEMENT$|Click here\b.{0,120}$"
    r"|Learn more$"
    # a Korean outlet's note and tip lines under the story ("※ 'Your report becomes news'",
    # "[Kakao Talk] ... Add Channel", "[Phone] 02-...", "[Mail] ...")
    r"|※.{0,160}$|\[(?:Kakao\s?Talk|Phone|Tel|E-?mail|Mail)\].{0,80}$"
    r"|Updated:?\s.{0,40}$|Published:?\s.{0,40}$|Last updated\b.{0,40}$"
    # an agency's stamp line: "APP Published 11 Jan, 2023 05:53am Follow us"
    r"|(?:[A-Z][\w.&'’-]*\s+){1,3}(?:Published|Posted|Updated)\b:?\s*(?=[^\n]*\d).{0,60}$"
    # a ministry's note above a press conference ("This is a provisional translation by an
    # external company for reference purpose only.")
    r"|This is a provisional translation\b.{0,120}$)",
)
# Numbered and bulleted releases ("2. Minister Cho noted ...", "- Minister Cho said ...",
# "○ ..."): the marker is layout, and left in place it hides the sentence's subject.
_LIST_MARK = re.compile(r"^(?:[-–•○◦▪▶*·]|\d{1,2}[.)])\s+(?=[A-Z\"“‘'])")
_SPACES = re.compile(r"[\s\u200b\ufeff]+")


# A publication date outside these years is a placeholder (9999-12-31, 0001-01-01) or a typo,
# not a date: it is dropped, and the article is indexed undated. Date arithmetic on it would
# also overflow (the day after 9999-12-31).
FIRST_YEAR, LAST_YEAR = 1900, 2199


def plausible(day: date | None) -> date | None:
    return day if day is not None and FIRST_YEAR <= day.year <= LAST_YEAR else None


def parse_date(value: str | None) -> date | None:
    """A publication date from ISO 8601 or a human date ("July 29, 2025"); None if neither,
    or if it is outside FIRST_YEAR-LAST_YEAR."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return plausible(dateparser.isoparse(value).date())
    except (ValueError, OverflowError):
        pass
    try:
        return plausible(dateparser.parse(value, fuzzy=False).date())
    except (ValueError, OverflowError, TypeError):
        return None


@dataclass
class Dateline:
    text: str
    agency: str


# "...regional issues.Foreign Minister Park...": pages whose paragraphs lost their breaks when
# saved as text glue sentences together; a lower-case word, a full stop and a capitalised word
# with no space is that, not an abbreviation ("U.S.", "e.g.").
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])([\"\u201d\u2019]?)(?=[A-Z][a-z]|[AI]\s)")


# "Minister of Foreign Affairs of Mongolia N.Enkhtaivan", "B.Battsetseg": Mongolian press
# writes the patronymic's initial glued to the name; read with a space, the name is the
# registry's ("U.S.President" reads as "U.S. President" too)
_GLUED_INITIAL = re.compile(r"(?<![\w.])((?:[A-Z]\.)+)(?=[A-Z][a-z])")


def clean_line(text: str) -> str:
    # every line, a headline and a first line under a date line too ("... on Tuesday.The two
    # ministers ...": read as one sentence, the second's place and date went with the first)
    text = _GLUED_INITIAL.sub(r"\1 ", text)
    return _GLUED.sub(r"\1 ", _SPACES.sub(" ", text)).strip()


def is_caption(line: str) -> bool:
    return bool(_CAPTION.search(line))


def is_footer_start(line: str) -> bool:
    return bool(_FOOTER_START.match(line))


# Page furniture saved with a story: menus, buttons, share bars, site mastheads. A line is
# furniture when it is only such words ("Text Size", "Close", "print dictionary print",
# "High views", "- Advertisement -", "Menu Content"), has no Latin letter at all (a Korean
# "본문 바로가기" skip link), is a numbered list of social accounts, or a navigation bar
# ("Home Meetings & Statements Events & Activities ...").
_UI_WORDS = (
    r"advertisement|advertising|menu|content|main|skip|to|print|share|font|text|size|close|logo|"
    r"search|open|login|log|in|sign|subscribe|home|top|views?|high|low|most|read|popular|"
    r"go|contents?|navigation|nav|sitemap|left|right|back|next|previous|more|"
    r"dictionary|bar_progress|progress|min|facebook|instagram|twitter|youtube|x|kakao(?:talk)?|"
    r"wechat|weibo|linkedin|whatsapp|telegram|reddit|"
    r"line|band|email|copy|copied|url|link|comments?|like|listen|audio|zoom|translate|language|english|"
    r"icons?|"  # "facebook icon twitter icon instagram icon linkedin icon" (The Edition)
    r"agree|accept|decline|reject|"  # a cookie notice's buttons ("I agree")
    # "top of page", a video's "Download" button, a lone letter (a drop cap saved on its own line)
    r"of|page|download|[a-z](?![a-z])|"
    r"\d+|[-\u2013\u2014|:+]"
)
_FURNITURE = re.compile(rf"^(?:(?:{_UI_WORDS})\s*)+$", re.IGNORECASE)
_SOCIAL = re.compile(r"^\d+\.\s.{0,80}\b(?:facebook|instagram|twitter|youtube|x)$", re.IGNORECASE)
# (a short line: a long one with " & " in it is a list of attendees, or a sentence)
_NAV = re.compile(r"^(?:Home\b(?=.*(?:\s&\s|[^\x00-\x7f]))"
                  r"(?:\s+(?:[A-Z0-9&][\w&'’.-]*|[^\x00-\x7f]+)){4,}\s*"
                  r"|(?=.{0,150}$)(?:[^.!?]*\s&\s){2,}[^.!?]*)$")
# A section label in capitals after a dash: "- POLITICS & GOVERNMENT"
_SECTION_LABEL = re.compile(r"^[-\u2013\u2014|>]+\s*[A-Z][A-Z &,/-]{2,40}$")
_SITE_LINKS = re.compile(r"^About\s+\S+(?:\s+Go\s+to\s+\S+)?$|^Go\s+(?:to\s+)?(?:the\s+)?Top$"
                         # a saved page's accessibility links: "1. Skip to content"
                         r"|^(?:\d{1,2}\.\s+)?Skip\s+to\s+(?:the\s+)?(?:main\s+)?[\w ]{2,30}$",
                         re.IGNORECASE)
# the South China Morning Post's personalisation box above its headline
_PROMO = re.compile(r"^(?:Get more with myNEWS|A personalised news feed of stories that matter"
                    r" to you|Learn more)$")
# a cookie notice saved above the story (CGTN: "Our Privacy Statement & Cookie Policy", "By
# continuing to browse our site you agree to our use of cookies, ...")
_COOKIE_NOTICE = re.compile(r"^(?=.{0,300}$)(?=.*\bcookies?\b).*\b(?:agree|accept|consent"
                            r"|polic(?:y|ies)|settings|use\s+of|uses|we\s+use)\b", re.IGNORECASE)
# a stock ticker saved above the headline ("AVN 69.39 Increased By ▲ 1.09 (1.6%)": Business
# Recorder)
_TICKER = re.compile(r"^[A-Z][A-Z0-9.&]{1,9}\s+[\d.,]+\s+(?:Increased|Decreased)\s+By\b.{0,40}$")
_WEATHER = re.compile(r"^-?\d{1,2}(?:\.\d)?\s*°?\s*[CF]$")
# "Home > World > Asia", "Your location:Home >International >", "You are here: Home » News"
_CRUMB_BAR = re.compile(r"^(?:(?:Your\s+location|You\s+are\s+here|(?:Current\s+)?location)\s*:\s*)?"
                        r"\w[\w ]{0,30}(?:\s?[>»]\s?[\w &]{1,30}){1,5}(?:\s?[>»])?$",
                        re.IGNORECASE)
# An edition and language switch above China Daily's headline ("Global EditionASIA 中文双语
# Français"), and a ministry's row of languages ("عربي Español Русский Français")
_EDITIONS = re.compile(r"^(?:Global|US|Europe|Asia|Africa|Hong Kong|China)\s*Edition\b.{0,60}$"
                       r"|^(?=.*(?:Español|Français|Русский|中文|عربي))(?:\S+\s*){2,8}$",
                       re.IGNORECASE)
_MASTHEAD = re.compile(r"\b(?:REPUBLIC OF KOREA|PEOPLE'S REPUBLIC OF CHINA|OF JAPAN)$")
# A ministry site's section name above the page title: "Press Conferences", "Press Releases"
_SECTION_NAME = re.compile(r"^(?:Press\s+(?:Conferences|Releases|Briefings)|News\s+Releases|"
                           r"Briefing\s+Room|Speeches\s+and\s+Statements)$", re.IGNORECASE)


def is_furniture(line: str) -> bool:
    line = line.strip()
    if not line:
        return False
    if not re.search(r"[A-Za-z]", line):
        return not re.search(r"\d{4}", line)  # a bare date line is a stamp, not furniture
    if _WEATHER.match(line) or _TICKER.match(line):
        return True  # a weather widget ("31.1 C") or a stock ticker saved above the headline
    return bool(_FURNITURE.match(line) or _SOCIAL.match(line) or _NAV.match(line)
                or _PROMO.match(line) or _COOKIE_NOTICE.match(line)
                or _CRUMB_BAR.match(line) or _SITE_LINKS.match(line) or _EDITIONS.match(line)
                or _SECTION_LABEL.match(line) or _SECTION_NAME.match(line)
                or (_MASTHEAD.search(line) and len(line.split()) <= 8))


def is_junk_line(line: str) -> bool:
    return bool(_JUNK_LINE.match(line))


def credited_outlet(lines: list[str]) -> str | None:
    """The registered outlet a credit line names (the last such line), if any."""
    for line in reversed(lines):
        if (m := CREDIT_LINE.match(line)) is not None \
                and (found := default_outlets().by_name(m.group("o"))) is not None:
            return found.name
    return None


def agency_name(raw: str) -> str:
    # "Xinhua/APP": a wire story as a partner agency ran it is the wire's
    raw = raw.split("/")[0] if "/" in raw else raw
    key = raw.strip().lower()
    return _AGENCY_NAMES.get(key, raw.strip())


def split_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """("BEIJING, Dec. 24 (Xinhua) -- China is ...") -> (Dateline, "China is ...")."""
    match = _DATELINE.match(paragraph) or _TITLE_DATELINE.match(paragraph) \
        or _SLASH_DATELINE.match(paragraph) or _AGENCY_FIRST.match(paragraph)
    if match and len(paragraph) > match.end():
        # "BEIJING, Nov. 15, 2022 /PRNewswire/ —": a release service carries the story, the
        # outlet named in the release wrote it
        agency = agency_name(match["agency"]) if match["agency"] else ""
        return (Dateline(match["dateline"].strip().rstrip(","), agency),
                paragraph[match.end():].lstrip())
    match = _CAPITAL_COLON.match(paragraph)
    if match and len(paragraph) > match.end() \
            and default_countries().lookup(match["city"].title()) is not None:
        return Dateline(match["city"], ""), paragraph[match.end():].lstrip()
    match = _BRACKET_DATELINE.match(paragraph)
    if match and len(paragraph) > match.end():
        return Dateline(match["dateline"].strip(), ""), paragraph[match.end():].lstrip()
    match = _TITLE_PLACE_AGENCY.match(paragraph)
    if match and len(paragraph) > match.end() \
            and default_outlets().by_name(match["agency"]) is not None:
        return (Dateline(match["dateline"].strip(), agency_name(match["agency"])),
                paragraph[match.end():].lstrip())
    match = _COUNTRY_DATELINE.match(paragraph)
    if match and len(paragraph) > match.end():
        return Dateline(match["dateline"].strip(), ""), paragraph[match.end():].lstrip()
    match = _AGENCY_ONLY.match(paragraph)
    if match and len(paragraph) > match.end():
        return Dateline("", agency_name(match["agency"])), paragraph[match.end():].lstrip()
    match = _PLACE_ONLY.match(paragraph)
    if match and len(paragraph) > match.end():
        place = (match["dateline"] or match["city"]).strip()
        # "XI'AN. KAZINFORM – ...": Kazinform's dateline, the city and then the agency
        # (a registered agency: "ST. PETERSBURG" is one city)
        if (agency := _CITY_AGENCY.fullmatch(place)) is not None \
                and default_outlets().by_name(agency["agency"]) is not None:
            return (Dateline(agency["city"], agency_name(agency["agency"].title())),
                    paragraph[match.end():].lstrip())
        return Dateline(place, ""), paragraph[match.end():].lstrip()
    return None, paragraph


# A photo's caption run into the story on a page saved as text, its credit in capitals and
# then the story's own dateline: "... meets ... on March 26, 2022 in Kathmandu, Nepal. HARI
# MAHARJAN XINHUA QINGDAO Chinese State Councilor ... held talks on Wednesday ...". The
# caption's date is another meeting's; read as the story's, it joined the report to that one.
_CAPTION_CREDIT = re.compile(
    r"^(?P<caption>\S.{15,400}?[.!?])\s+(?:[A-Z][A-Z'’.-]+\s+){1,4}"
    r"(?:XINHUA|AFP|REUTERS|AP|EPA|YONHAP|KYODO|BERNAMA|ANTARA|VCG|CNS|IANS|PTI|ANI|RSS|TASS)"
    r"\s+(?P<story>[A-Z][A-Z'’.-]{2,}(?:\s+[A-Z][A-Z'’.-]{2,}){0,2},?\s+[A-Z][a-z].*)$")


def caption_run_in(line: str) -> tuple[str, str] | None:
    """(caption, story) of a line holding a photo caption, its credit and then the story."""
    m = _CAPTION_CREDIT.match(line)
    return (m["caption"], m["story"]) if m else None


# "- Ukraine's FM invited ..." / "- China offered ..." / "AI generated": a news site's
# machine-written summary of the story, printed as a list with this mark under it
_MACHINE_SUMMARY = re.compile(r"^(?:summary\s+)?(?:AI[- ]generated|generated\s+by\s+AI)"
                              r"(?:\s+summary)?\.?$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^[-\u2022*]\s+\S")


def body_paragraphs(lines: list[str], titled: bool = False) -> list[str]:
    """Drop captions and junk lines; stop at the footer. Lines are already cleaned."""
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        if (run_in := caption_run_in(line)) is not None:
            line = run_in[1]
        if is_footer_start(line):
            break
        if _MACHINE_SUMMARY.match(line):
            # the site's machine-written key points above this mark are not the story
            while out and _LIST_ITEM.match(out[-1]):
                out.pop()
            continue
        if is_caption(line) or is_junk_line(line) or is_furniture(line):
            continue
        if (out or titled) and is_linked_headline(line) \
                and not (out and out[-1].endswith(":") and len(out[-1].split()) > 3):
            # a related story's headline, or a deck under this one's; not what a sentence's
            # colon introduces ("Joining the call were the following leaders:" and their
            # names; a label's, "Related:", still is)
            continue
        out.append(line)
    return out


_MINOR_WORDS = frozenset(["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on",
                          "or", "the", "to", "vs", "with"])


def is_linked_headline(line: str) -> bool:
    """A related story's headline saved inside the body ("'No Nukes, No THAAD': South
    Koreans Renew Demand for US Missile Defense Removal"): five words or more, every word but
    the minor ones capitalised, no sentence end. A story's sentences never read so."""
    if line[-1:] in ".!?\"”’'" or len(line) > 160:
        return False
    words = [w.strip("'‘’\"“”:,()") for w in line.split()]
    words = [w for w in words if w and w[0].isalpha()]
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    return len(words) >= 5 and len(major) >= 4 and all(w[0].isupper() for w in major)


def captions_in(lines: list[str], limit: int = 3) -> list[str]:
    """The first photo captions among a story's lines, before its footer."""
    out: list[str] = []
    for line in lines:
        if len(out) >= limit or (line and is_footer_start(line)):
            break
        if line and is_caption(line):
            out.append(line)
        elif line and (run_in := caption_run_in(line)) is not None:
            out.append(run_in[0])
    return out


# "Beijing, May 22 (AFP) May 22, 2025": a dateline alone on its line under the headline, the
# posting date after the agency (the SpaceDaily family of sites, which carry AFP's wire)
_LONE_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'\- ]{1,40})?,\s*"
    + _MONTH + r"\s*\d{1,2}(?:,\s*\d{4})?)\s*\((?P<agency>[A-Z][\w .&'/-]{0,30})\)"
    r"(?:\s*" + _MONTH + r"\s*\d{1,2},?\s*\d{4})?\s*$")
# a page title that is the site's name ("Space News from SpaceDaily.com"), not the story's
_SITE_TITLE = re.compile(r"\b[\w-]+\.(?:com|org|net|info)\s*$", re.IGNORECASE)
_TRAILING_AD = re.compile(r"\s+(?:ADVERTISEMENT|Advertisement)\s*$")


def _lone_dateline(title: str, paragraphs: list[str]) -> tuple[str, list[str]]:
    """A dateline alone on its line within the first lines: the story starts under it, given
    the dateline as its lead's (so split_dateline reads it); the line above is the headline
    when the page's title is only the site's name."""
    for i, line in enumerate(paragraphs[:4]):
        m = _LONE_DATELINE.match(line)
        if m is None or i + 1 >= len(paragraphs):
            continue
        head = [h for h in (_TRAILING_AD.sub("", p) for p in paragraphs[:i]) if h]
        if head and (not title or _SITE_TITLE.search(title)):
            title = head[0]
        lead = f"{m['dateline']} ({m['agency']}) - {paragraphs[i + 1]}"
        return title, [lead, *paragraphs[i + 2:]]
    return title, paragraphs


# A page saved as one line above the story: the picture's caption and its credit, then the
# story's datelined lead ("... (Photo: VNA) Hanoi (VNA) - Minister ... held talks ..."); the
# lead counts as one when split_dateline finds its dateline.
_CAPTION_THEN_LEAD = re.compile(
    r"^(?P<caption>\S.{15,400}?\((?:Photo|Photograph|Image)s?\s*:\s*[^()]{1,40}\))\s+"
    r"(?P<lead>\S.{20,})$")


def _caption_then_lead(line: str) -> tuple[str, str] | None:
    """(caption, lead) of a line holding a picture's caption and the story's datelined lead."""
    m = _CAPTION_THEN_LEAD.match(line)
    if m is None or split_dateline(m["lead"])[0] is None:
        return None
    return m["caption"], m["lead"]


# Words of an outlet's name: a byline without any of them that is two or three capitalised
# words ("By Aisylu Akhmetzianova", "By Geralyn Wichers") names a reporter, not the outlet
_OUTLET_WORDS = frozenset({
    "news", "agency", "press", "times", "daily", "post", "herald", "journal", "tv", "radio",
    "media", "network", "service", "gazette", "tribune", "today", "online", "report", "observer",
    "insight", "review", "channel", "broadcasting", "wire", "ministry", "embassy", "office",
    "government", "global", "express", "star", "sun", "mail", "telegraph", "guardian", "monitor",
    "chronicle", "nation", "standard", "world", "weekly", "magazine", "info", "portal", "center",
    "centre"
})
_PERSON_NAME = re.compile(r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}")


def _outlet_name(name: str | None, byline: bool = False) -> str | None:
    """An outlet or byline as the report's outlet: "By Anadolu Agency" is Anadolu Agency; a
    byline that reads as a reporter's name is no outlet (the digest would cite "Aisylu
    Akhmetzianova" as a source). An outlet's name never starts with an article ("The
    Diplomat", "La Nacion") or names a country or capital ("Rising Nepal", "Manila Bulletin")."""
    if not name:
        return None
    name = re.sub(r"^By\s+", "", name.strip())
    words = name.split()
    if byline and _PERSON_NAME.fullmatch(name) and default_outlets().by_name(name) is None \
            and not {w.lower() for w in words} & _OUTLET_WORDS \
            and words[0] not in ("The", "La", "Le", "El", "Al", "Il", "Der", "Die") \
            and not any(default_countries().lookup(w) for w in words):
        return None
    return name or None


def finish_article(
    *,
    source: str,
    title: str,
    paragraphs: list[str],
    outlet: str | None = None,
    published: date | None = None,
    url: str | None = None,
    byline: str | None = None,
    captions: list[str] | None = None,
    header_day: tuple[int, int] | None = None,
) -> Article:
    """Split the dateline off the first paragraph and refuse an article with no body."""
    title = clean_line(title)
    paragraphs = [p for p in (_LIST_MARK.sub("", clean_line(p)) for p in paragraphs) if p]
    # the lead is the story's first paragraph (its dateline names the writer)
    for i, line in enumerate([title, *paragraphs[:1]]):
        if (run_in := _caption_then_lead(line)) is not None:
            captions = [run_in[0], *(captions or [])]
            if i == 0:
                paragraphs.insert(0, run_in[1])
            else:
                paragraphs[0] = run_in[1]
            if title == line[:len(title)]:
                title = ""  # the title was (the start of) that line
            break
    title, paragraphs = _lone_dateline(title, paragraphs)
    dateline: Dateline | None = None
    if paragraphs:
        dateline, first = split_dateline(paragraphs[0])
        paragraphs[0] = first
    if not paragraphs:
        raise ArticleError("no article body found")
    if (script := foreign_script(" ".join([title, *paragraphs[:20]]))) is not None:
        raise ArticleError(not_read_message(script))
    if not title:
        title = paragraphs[0][:120]
    elif len(paragraphs) > 1 and paragraphs[0].casefold() == title.casefold() \
            and not (title.rstrip().endswith(".") and len(title.split()) >= 10):
        # the headline saved twice (page title and story heading); a first sentence saved as
        # the page's title stays the story's first paragraph, the sentence reporting the event
        paragraphs = paragraphs[1:]
    return Article(
        source=source, title=title, paragraphs=paragraphs,
        # A byline ("By Yonhap", "By Diplomacy Journal Kayla Lee") comes after the dateline's
        # agency: "By Chang Dong-woo" names a reporter of the agency.
        outlet=_outlet_name(outlet) or (dateline.agency if dateline and dateline.agency else None)
        or _outlet_name(byline, byline=True),
        published=published, dateline=dateline.text if dateline and dateline.text else None,
        url=url, captions=list(captions or []), header_day=header_day,
    )


# Latin letters below this share of a text's letters: a report in another script (Arabic,
# Thai, Chinese, Cyrillic ...). Readout reads English reports (and the dates, names and call
# words of other Latin-script ones); of such a text it would keep a record with nobody in it.
_LATIN_SHARE_MIN = 0.5


_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")


def foreign_script(text: str) -> str | None:
    """The script most of `text`'s letters are in, when it is not the Latin alphabet. (Every
    article passes here: the letters are counted by regex, and only a text that is mostly not
    Latin has its script named, from its first letters.)"""
    text = text[:20000]
    letters = len(_LETTER.findall(text))
    if not letters or len(_LATIN_LETTER.findall(text)) >= _LATIN_SHARE_MIN * letters:
        return None
    counts: dict[str, int] = {}
    for ch in _LETTER.findall(text)[:2000]:
        name = unicodedata.name(ch, "")
        script = name.split(" ", 1)[0] if name else "OTHER"
        counts[script] = counts.get(script, 0) + 1
    top = max(counts, key=lambda k: counts[k])
    return {"CJK": "Chinese", "HANGUL": "Korean", "HIRAGANA": "Japanese",
            "KATAKANA": "Japanese"}.get(top, top.title())


def not_read_message(script: str) -> str:
    return (f"written in {script} script, not English: Readout reads reports in English"
            " (save the page's English edition)")
