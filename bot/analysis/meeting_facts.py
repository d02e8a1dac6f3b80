"""What event an article reports: date, format, place, occasion and principal participants.

The *lead* is the title plus the sentences of the first paragraphs up to the first one that names
the event ("met with", "in a phone call with", "Call with"): the event sentence. From it:
- format: the first format phrase in the title, then the lead (video before phone before message
  before meeting at the same place; "spoke today with" in a readout is a call);
- event date: the first date expression in the event sentence, else in the other lead sentences
  (bot/dates.py), against the dateline's date or the publication date; else that date itself;
- participants: the people named (with a title, or in the registry) in the title and the lead —
  the principals, not a president named in passing later on; a possessive in the body ("President
  Biden's strategy") is not a participant;
- place (meetings only): "in Busan, South Korea" / "at the White House" after the meeting verb,
  else the dateline city; calls and messages have none;
- occasion: "on the sidelines/margins of ...", "during the ... Summit".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from difflib import SequenceMatcher
from typing import Any

from bot.analysis.attribution import is_statement_text, strip_dateline
from bot.analysis.dates import (
    COMING,
    MONTHS,
    WEEKDAYS,
    Dateline,
    find_date,
    find_full_date,
    find_month_day,
    find_weekday,
    parse_dateline,
    real_day,
)
from bot.analysis.mentions import ArticleContext, Ref, home_side
from bot.analysis.names import RUN, RUN_RE
from bot.analysis.sentences import split_sentences
from bot.models import MADE_PUBLIC, UNSTATED, Article, MeetingInfo, Participant, ordinal
from bot.registry.countries import default_countries
from bot.registry.people import Registry


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())

_FORMAT = re.compile(
    r"(?P<video_call>video\s*(?:call|conference|link|meeting|talks|summit|channel)|videoconference|"
    r"virtual(?:ly)?\s+(?:meeting|call|summit|bilateral|talks|met|conversation)|met\s+virtually|"
    r"via\s+video|by\s+video|\b(?:meet|meets|met|talks|meeting)\s+online\b"
    r"|\bonline\s+(?:meeting|talks)\b"
    # other languages' reports of a video call: German, French, Spanish, Chinese, Korean
    r"|\bvideo(?:konferenz|schalte|gespräch)|\bvisioconf[ée]rence|\bvideoconferencia|视频|화상)"
    r"|(?P<phone_call>phone\s+(?:call|talks|conversation)|telephone|over\s+(?:the\s+)?phone|by\s+phone|"
    r"\bcalls?\s+with\b|(?:held|had|holds|hold|hosted)\s+(?:a\s+|an?\s+\w+\s+|their\s+\w*\s*)?call\b"
    r"|\bspoke\s+(?:\w+\s+)?(?:with|to)\b|\bspeaks\s+with\b|phone\s+talks"
    # "spoke about" a call's topics, but not "spoke about Xinjiang during meeting with Wang"
    r"|\bspoke\s+(?:\w+\s+)?about\b(?![^.;]{0,160}\b(?:meeting|talks|met)\b)"
    # (case kept: "called his Chinese counterpart 'brother'" is no call; "called His Majesty" is)
    r"|\bcalled\s+(?=(?-i:President|Prime|Chancellor|King|His|Her|Crown|Emir|Sheikh)\b)"
    r"|\b(?:\d+|hour|half-hour)-(?:minute|long)\s+(?:phone\s+)?call\b"
    # ... and of a phone call: "telefonierte", "Telefonat", "entretien téléphonique",
    # "conversación telefónica", "telefonla görüştü", "melalui telepon", "по телефону",
    # "通电话", "전화통화", "اتصالا هاتفيا"
    r"|\btelefon\w*|\btéléphon\w*|\btelefónic\w*|\btelepon\b|\bтелефон\w*|通电话|通話|电话"
    r"|전화|هاتفي\w*)"
    r"|(?P<message>(?:congratulatory|condolence)\s+(?:message|letter)|sent\s+a\s+(?:message|letter)"
    r"|exchanged\s+letters|in\s+a\s+(?:letter|message)\s+to|message\s+to|letter\s+to)"
    r"|(?P<meeting>\bmet\b|\bmeets\b|\bmeeting\s+(?:with|between)\b|\bmeetings?\b|held\s+talks|"
    r"working\s+(?:dinner|lunch|breakfast)|"
    r"talks\s+with|\btalks\b|\bsummit\b|\bvisit\b|\breceived\b|\bhosted\b|\bwelcomed\b"
    r"|\bone-on-one\b|\bsat\s+down\s+with\b"
    # "held the seventh China-Australia Foreign and Strategic Dialogue with ...", "co-chaired"
    r"|\bheld\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,7}?(?:dialogue|consultations?)\s+with\b"
    r"|\bco-chaired\b|\bconvened\s+(?:the|a|an|their)\b"
    # a small ministry's release: "has held extensive bilateral discussions in Beijing, today",
    # "Official bilateral discussions between Maldives and China has been held yesterday"
    r"|\bheld\s+(?:[\w'’-]+\s+){0,3}?discussions\b|\bbilateral\s+discussions\s+(?:with|between)\b"
    # "during the 6th Strategic Dialogue between Deputy Prime Minister ... and ...": a named
    # dialogue (capitalised) between or with its principals
    r"|\b(?-i:Dialogue|Consultations?)\s+(?:between|with)\b)",
    re.IGNORECASE,
)
_ENVOY_OF = re.compile(r"^(?:['’]s)?\s+(?:special\s+)?(?:envoys?|delegation|representatives?)\b")
# "... met Ali Larijani, advisor to Iran's Supreme Leader Ayatollah Ali Khamenei": the one
# advised is named, not met (an appositive after a name; "Deputy National Security Advisor to
# the Vice President Dr. Rebecca Lissner" is her title, and an envoy's principal is at the
# table: _ENVOY_OF)
_ADVISER_TO = re.compile(r",\s+(?:(?:special|senior|chief|top)\s+)?(?:advis[eo]r|aide)\s+to\s+"
                         r"(?:[\w'’.-]+\s+){0,5}$", re.IGNORECASE)
# "President Biden briefed leaders on his call with President Putin": the people of the call
# he reports on are not at this one (a White House readout of his call with European leaders
# had joined the Putin call of the same day)
_BRIEFED_ON = re.compile(r"\b(?:briefed|updated|informed|debriefed)\b[^.;]{0,60}?\b(?:on|about)\s+"
                         r"(?:his|her|their|the)\s+(?:recent\s+|earlier\s+)?(?:phone\s+|video\s+)?"
                         r"(?:call|meeting|talks|conversation|discussions?)\s+with\s+"
                         r"(?:[\w'’.-]+\s+){0,4}$", re.IGNORECASE)
# "... Cho Tae-yul's first meeting with his Japanese counterpart Takeshi Iwaya": his, at it
_MEETING_WITH = re.compile(r"^(?:['’]s)?\s+(?:first\s+|inaugural\s+)?(?:in-person\s+)?"
                           r"(?:meeting|talks|call|phone\s+call|conversation)\s+with\b")
# Words that name an event but as often another one than this meeting.
_WEAK_EVENT = frozenset({"visit", "summit", "meetings"})
_PLACE = re.compile(
    r"\b(?:in|at)\s+(?P<place>(?:the\s+)?[A-Z][\w'’\-]+(?:\s+(?:[A-Z][\w'’\-]+|es|de|del|la|el"
    r"|of(?=\s+(?:the\s+)?[A-Z]))"
    r"(?=\s+[A-Z]|[\s,.;]|$)){0,3})"
    r"(?:,\s+(?P<region>[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,2}))?"
)
_IN_COUNTRYS = re.compile(r"\s+in\s+(?:(?:north|south|east|west|central)\w*\s+)?"
                          r"(?P<c>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)['’]s\s+[A-Z]")
# A capitalised word before one of these nouns qualifies it, and is no place ("in Indo-China
# border areas", "in Korea-Japan relations").
_ATTRIBUTIVE = re.compile(r"\s+(?:border|borders|areas?|regions?|relations|ties|issues?|"
                          r"disputes?|waters|affairs|frontier)\b")
# A place's second part: a country, or a US state ("San Francisco, California", "Washington, DC").
_STATE_NAMES = frozenset(w.replace("_", " ") for w in _words(
    """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia
    Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts
    Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon
    Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming DC D.C.
    New_Hampshire New_Jersey New_Mexico New_York North_Carolina North_Dakota Rhode_Island
    South_Carolina South_Dakota West_Virginia"""
))
_NOT_PLACE = _words(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday The This That His Her Their"""
)
# Regions a story sets a meeting against ("met ... amid rising tensions in the Indo-Pacific"),
# never the place where it was held.
_REGIONS = frozenset({"Indo-Pacific", "Asia-Pacific", "Asia", "Europe", "Africa", "Middle East",
                      "Pacific", "Arctic", "Latin America", "Taiwan Strait", "South China Sea",
                      "East China Sea", "Korean Peninsula", "Peninsula", "Region", "World"})
# The clause that gives the meeting's background starts here; a place after it is the
# background's ("held talks in Tokyo amid tensions in the Indo-Pacific").
# What follows is another scene: "... met ... after attending a G20 summit where the top US
# diplomat led efforts to pressure Russia over its war in Ukraine" was not held in Ukraine.
# ("... their first since the two met at the G20 ... in Indonesia in July": nor was this one)
# ("... a face-to-face meeting with her Chinese counterpart to talk about two Canadians being
# detained in China": what they talked about, not where)
_BACKGROUND = re.compile(r"\b(?:amid|despite|as\s+tensions|against\s+the\s+backdrop|after|where"
                         r"|following|since|to\s+(?:talk|discuss|raise|press)|talked\s+about)\b")
_OCCASION = re.compile(
    r"\bon\s+the\s+(?:sidelines|margins)\s+of\s+(?P<occ>[^.;]+)"
    r"|\bduring\s+(?P<during>the\s+[^.;,]*?(?:Summit|Conference|Forum|Meeting|Assembly|Dialogue|"
    r"Games|Session|Week)s?)\b"
)
_FULL_DATE = re.compile(r"\b[A-Z][a-z]{2,8}\.? \d{1,2}, (?:19|20)\d\d\b")
_WHITE_HOUSE = re.compile(r"\b(?:at|to)\s+the\s+White\s+House\b")


# A sentence that opens with a quotation closed by its speaker: "“…,” said X." / "“…,” X said."
_QUOTED_REMARK = re.compile(r"^\s*[\"“][^\"”]{3,}[,.!?]?[\"”]\s*,?\s*(?:said|says|told|added)\b"
                            r"|^\s*[\"“][^\"”]{3,}[,.!?]?[\"”]\s*,?\s*[A-Z][\w.\s-]{0,60}?"
                            r"\b(?:said|says|told|added)\b")


_LAST_MET = re.compile(r"\b(?:last|previously|had)\s+(?:met|talked|spoke)\b", re.IGNORECASE)
# A paragraph of the story, not a heading or a stamp: it ends as a sentence does.
_PROSE = re.compile(r"[.!?:;][\"”’']?\s*$")


def _event_kind(sentence: str) -> str | None:
    """Whether a sentence reports a meeting: "strong" (a format word), "weak" (only "visit",
    "summit", "meetings", as often another event), or None (none, or a quoted remark)."""
    if _QUOTED_REMARK.match(sentence):
        # "“This has been a great, great meeting,” said Biden": what a speaker said of the
        # meeting; the sentence that reports it follows
        return None
    text = _COMING_LEAD.sub("", sentence)
    found = [m.group(0).lower() for m in _FORMAT.finditer(text) if not _earlier(text, m)]
    if not found:
        return None
    return "weak" if all(f in _WEAK_EVENT for f in found) else "strong"


def _lead(article: Article) -> tuple[list[str], int | None]:
    """Title + lead sentences, and the index of the event sentence among them.

    The lead is the first three paragraphs. When none of them reports a meeting (a press
    conference's headings and stamp, then "I will speak about the ... Telephone Talk"), the
    next paragraphs of prose are read up to the one that does; headings among them are not."""
    sents = [article.title] if article.title else []
    title = (article.title or "").strip()
    if title.endswith(".") and len(title.split()) >= 10 and _event_kind(title) == "strong" \
            and not _OTHER_EVENT.search(title) and _SENTENCE_TITLE.match(title):
        # a page saved from its first sentence: that sentence reports the meeting ("Chinese
        # Foreign Minister Wang Yi held a phone call on Friday with ..."), not a later one
        # about the leaders' call
        return sents, 0
    weak: int | None = None
    for n, para in enumerate(article.paragraphs[:8]):
        para = strip_dateline(para)
        if not is_statement_text(para):
            continue
        if n >= 3:
            if weak is not None:
                break
            if not (_PROSE.search(para) or len(para) > 150):
                continue  # "Opening Remarks", a language link (a long cut paragraph is prose)
            # only the paragraph that reports the meeting: the ones between are background
            # ("... it happened on September 18, the anniversary of ..."), and never one about
            # another event ("the trilateral foreign ministers' meeting", "last met in Busan")
            part = split_sentences(para)
            at = next((i for i, t in enumerate(part) if _event_kind(t) == "strong"
                       and not _OTHER_EVENT.search(t) and not _LAST_MET.search(t)), None)
            if at is not None:
                sents.extend(part[: at + 1])
                return sents, len(sents) - 1
            continue
        for s in split_sentences(para):
            sents.append(s)
            kind = _event_kind(s) if len(sents) > 1 else None
            if kind == "weak":
                # "... Xi's visit to South Korea for the APEC summit": another event;
                # this meeting's sentence ("During bilateral talks in Tokyo") may follow
                weak = len(sents) - 1 if weak is None else weak
            elif kind == "strong":
                return sents, len(sents) - 1
    if weak is not None:
        return sents[: weak + 1], weak
    return sents, None


# "Ahead of Biden-Suga talks, China has warned Japan ...": the event the story leads up to,
# not this one (its own "telephone conversation" comes in the next sentence)
_COMING_LEAD = re.compile(r"^\s*(?:Ahead\s+of|Prior\s+to|In\s+the\s+run-up\s+to)\s[^,]{1,80},",
                          re.IGNORECASE)


# "The assurance came at recent talks held between Wang Yi and the Myanmar authorities": an
# earlier event the story mentions, not the one it reports (a phone call, next sentence)
_EARLIER = re.compile(r"\b(?:recent|earlier|previous|past)\s+$", re.IGNORECASE)


def _earlier(text: str, m: re.Match[str]) -> bool:
    return bool(_EARLIER.search(text, max(0, m.start() - 12), m.start()))


_QUOTED = re.compile(r"[“\"][^“”\"]{8,600}[”\"]")


def _format_of(text: str) -> str | None:
    # "a summit" or "a visit" is as often another event ("to make the upcoming APEC summit a
    # new turning point, as they held their first telephone call"): it decides nothing alone
    text = _COMING_LEAD.sub("", text)
    # ... nor does a format inside a quotation ("not like some countries that change their
    # position with one phone call", he said in the meeting): someone's words, not the event
    quoted = [q.span() for q in _QUOTED.finditer(text)]
    found = [m for m in _FORMAT.finditer(text) if m.group(0).lower() not in _WEAK_EVENT
             and not _earlier(text, m) and not any(a < m.start() < b for a, b in quoted)]
    if not found:
        return None
    first = found[0]
    # "held talks via video link", "talks over the phone": the medium follows the verb; "met
    # with ... Park Jin via video link" names it at the end of the clause.
    for m in found[1:]:
        if first.lastgroup != "meeting":
            break
        # "having talks with his U.S. counterpart, Joe Biden, over phone": a medium adverbial
        # closes the clause a little further on than a noun does
        near = 60 if _MEDIUM.match(m.group(0)) else 25
        if m.lastgroup == "video_call" or (
                m.lastgroup == "phone_call" and m.start() - first.end() <= near
                and not _CLAUSE_BREAK.search(text, first.end(), m.start())):
            return m.lastgroup
    return first.lastgroup


_DAY_MONTH = re.compile(
    r"\b(?:\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b")
_CAPTION_DAY = re.compile(
    r"\b(?P<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<d>\d{1,2})\b"
    r"(?!,?\s*\d{4})(?:,?\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?")


# A month or a year in a sentence after the lead dates another round: "The fifth round of
# Strategic Dialogue in May 2024 was co-chaired by ... in Beijing"
_DATED_OTHERWISE = re.compile(r"\b(?:(?:19|20)\d\d|January|February|March|April|May|June|July|"
                              r"August|September|October|November|December)\b")
# "Champagne, who was shuffled into the new portfolio on Wednesday, spoke with China's Wang Yi
# on Saturday": a clause describing someone dates what befell him, not the meeting
_WHO_CLAUSE = re.compile(r",\s+who\s+[^,;]{3,120},")


def _without_who(text: str) -> str:
    """The sentence without a clause that describes someone ("Hayashi, who became Japan's top
    diplomat on Nov. 10, and Wang ... spoke on Thursday"), unless it reports a meeting."""
    return _WHO_CLAUSE.sub(lambda m: m.group(0) if _FORMAT.search(m.group(0)) else ",", text)


def _first_weekday(texts: list[str]) -> tuple[int | None, bool]:
    """The first weekday of the texts; the day a ministry made it public only if none other
    (then True: the event was that day or the day before)."""
    for said in (False, True):
        for t in texts:
            if (w := find_weekday(_without_who(t), said=said)) is not None:
                return w, said
    return None, False


# "Tajani went to Beijing last weekend to meet Wang Yi": the meeting is put before the story's
# own day, so a weekday elsewhere in it ("Tajani said on Wednesday, addressing Parliament")
# dates a later statement, not the meeting.
_MET_EARLIER = re.compile(
    r"\b(?:met|meet|meeting|talks|visit(?:ed)?|went\s+to|trip|call(?:ed)?|spoke)\b[^.;]{0,80}?"
    r"\b(?:last\s+(?:weekend|week|month)|(?:earlier|late|early)\s+(?:this|last)\s+(?:week|month)"
    r"|(?:two|three|four|five|six|several|a\s+few|\d+)\s+days\s+(?:ago|earlier)|a\s+week\s+ago)\b"
    r"|\b(?:last\s+(?:weekend|week)|earlier\s+this\s+week)\b[^.;]{0,40}?\b(?:met|meeting|talks|visit)",
    re.IGNORECASE)


def _met_earlier(texts: list[str], participants: list[Participant]) -> bool:
    """Whether a sentence without a weekday of its own puts this meeting (two of its
    participants named in it) days before the story; not "Lavrov met Blinken last week"."""
    surnames = {p.name.split()[-1].lower() for p in participants if p.name.split()}
    return len(surnames) >= 2 and any(
        _MET_EARLIER.search(t) and find_weekday(t, said=True) is None
        and sum(re.search(rf"\b{re.escape(n)}\b", t, re.IGNORECASE) is not None
                for n in surnames) >= 2
        for t in texts)


def _caption_month_day(caption: str, weekday: int | None) -> tuple[int, int] | None:
    """A caption's month and day with no year: its only one, or of several ("provided on Nov.
    15, Friday, shows … meeting … on Nov. 14, Thursday") the one on the story's weekday."""
    found = [(MONTHS[m.group("m").lower()], int(m.group("d")), m.group("wd"))
             for m in _CAPTION_DAY.finditer(caption)]
    if len(found) == 1:
        return found[0][:2]
    on_day = [(mo, d) for mo, d, wd in found
              if wd and weekday is not None and WEEKDAYS[weekday] == wd.lower()]
    return on_day[0] if len(on_day) == 1 else None


def _caption_date(captions: list[str], participants: list[Participant]
                  ) -> tuple[date | None, int | None, str] | None:
    """The full date, else the weekday, of the first caption that names a participant (by
    any word of the name of four letters or more, "Hayashi", "Kishida") and is not a file
    photo: (date, None, why) or (None, weekday, why)."""
    words = [{w for w in re.findall(r"[A-Za-z][\w'’-]{3,}", p.name)} for p in participants]
    for cap in captions:
        named = sum(1 for ws in words if any(re.search(rf"\b{re.escape(w)}\b", cap) for w in ws))
        # one of them alone is a picture of the meeting only when it says so ("... before
        # their talks"): "Joly rises during question period in the House of Commons ... on
        # Dec. 11, 2023" is a picture from another day
        if _FILE_PHOTO.search(cap) or not named or (named < 2 and not _FORMAT.search(cap)):
            continue
        full = find_full_date(cap)
        if full is not None and full[0] <= date.today():
            return full[0], None, f"{full[1]} in a caption of the meeting (no date in the story)"
        if (wd := find_weekday(cap)) is not None:
            return None, wd, (f"only the weekday ({WEEKDAYS[wd].title()}), in a caption of the"
                              " meeting")
    return None


_FILE_PHOTO = re.compile(r"\bfile\s+(?:pool\s+)?(?:photo|image|picture)\b", re.IGNORECASE)
_MEDIUM = re.compile(r"(?:over|by)\s", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";|(?<![A-Z])\.\s|\b(?:and|after|before|while|when)\b")
# ("... Calls Chinese Counterpart 'Brother'": calling someone something, no call)
_TITLE_CALL = re.compile(r"\b[Cc]alls?\b(?!\s+(?:to\s+Action|for|on)\b)"
                         r"(?![^'\"‘“]{0,40}['\"‘“])")


def _format(title: str, lead: list[str]) -> str:
    in_title = _format_of(title) if title else None
    if in_title is None and _TITLE_CALL.search(title):
        in_title = "phone_call"  # "Joint Readout of Quad Leaders Call"
    in_lead = next((f for f in map(_format_of, lead) if f), None)
    # The lead is more specific than a title: a "Call" or "Meeting" may be by video, and "talks"
    # may be over the phone or by letter; a title's "Meeting"/"met" otherwise stands.
    if in_lead == "video_call" and in_title in ("phone_call", "meeting"):
        return in_lead
    if in_title == "meeting" and in_lead in ("phone_call", "message") and \
            not re.search(r"\b(?:meet|meets|met|meeting)\b", title, re.IGNORECASE):
        return in_lead
    if in_title == "message" and in_lead == "meeting":
        return in_lead  # "envoys deliver letter to Xi", handed over at a meeting with Wang
    return in_title or in_lead or UNSTATED


def _occasion(text: str) -> str | None:
    m = _OCCASION.search(text)
    if not m:
        return None
    if m.group("during"):
        return m.group("during").strip()
    countries = default_countries()
    pieces = m.group("occ").split(", ")
    keep = [pieces[0]]
    for piece in pieces[1:]:
        first = " ".join(piece.split()[:2])
        if countries.lookup(first) or countries.lookup(piece.split()[0]):
            keep.append(piece)
        else:
            break
    occ = ", ".join(keep)
    occ = re.split(r"\s+in\s+(?=[A-Z])|\s+on\s+(?=[A-Z][a-z]+day)", occ)[0]
    return occ.strip() or None


# "in the South Korean port city of Busan", "in the Chinese capital of Beijing": the city
_CITY_OF = re.compile(r"\b(in|at)\s+the\s+(?:[A-Z][\w'’-]*\s+)*(?:(?:port|coastal|resort|southern"
                      r"|northern|eastern|western|central|northeastern|southeastern|"
                      r"northwestern|southwestern)\s+)*(?:city|town|capital|island)\s+of\s+"
                      r"(?=[A-Z])")


# A ministry's transcript or remarks page is titled by what it is and where ("Press
# conference, Beijing, China", "G20 Doorstop, New Delhi, India", "Opening Remarks to the
# Dialogue - Parliament House, Canberra - 20/03/2024"): where the minister spoke.
_TITLE_KIND = re.compile(r"\b(?:press conference|doorstop|interview|remarks|transcript|"
                         r"media conference|press briefing|press availability)\b", re.IGNORECASE)
_TITLE_DATE = re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$|^\d{1,2}\s+\w+\s+\d{4}$|^\d{4}")


# "... opening remarks during talks with ... Wang Yi (Moscow, September 18, 2023)": the Russian
# ministry's titles end with where and when, in brackets
_TITLE_WHERE_WHEN = re.compile(r"\((?P<where>[A-Z][^,()]{1,40}),\s*(?P<when>[^()]{6,30})\)\s*$")


_TITLE_WHEN = re.compile(r"\((?P<when>\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},"
                         r"\s+\d{4})\)\s*$")


def title_date(title: str | None) -> tuple[date, str] | None:
    """The date a transcript, remarks or ministry page's title gives ("(Moscow, September 18,
    2023)", "... - Canberra - 11/06/2024", "China – Conversation between the Minister ... and
    her counterpart (25 May 2022)"): the day of the event."""
    if not title:
        return None
    if (m := _TITLE_WHEN.search(title)) is not None \
            and (found := find_full_date(m.group("when"))) is not None:
        return found[0], f"{found[1]} in the title"
    if not _TITLE_KIND.search(title):
        return None
    if (m := _TITLE_WHERE_WHEN.search(title)) is not None \
            and (found := find_full_date(m.group("when"))) is not None:
        return found[0], f"{found[1]} in the title"
    if (m := re.search(r"[-–—]\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$", title)) is not None:
        try:  # the day first: the Commonwealth governments that title pages this way
            return date(int(m[3]), int(m[2]), int(m[1])), f'"{m[0].strip("-–— ")}" in the title'
        except ValueError:
            return None
    return None


def title_place(title: str | None) -> str | None:
    """The place a transcript page's title gives after what it is, a known city first."""
    if not title or not (kind := _TITLE_KIND.search(title)):
        return None
    if (m := _TITLE_WHERE_WHEN.search(title)) is not None:
        return m.group("where").strip()
    parts = [p.strip() for p in re.split(r"\s[-–—|]\s|,\s*", title[kind.end():]) if p.strip()]
    # the kind's own words up to the first separator are not a place ("Doorstop, ...")
    if parts and not re.match(r"\s*(?:,|\s[-–—|]\s)", title[kind.end():]):
        parts = parts[1:]
    countries = default_countries()
    places = [p for p in parts if not _TITLE_DATE.match(p) and p[:1].isupper()
              and len(p.split()) <= 4 and not _TITLE_KIND.search(p)]
    # a country's own name is where, not which city ("Beijing, China": Beijing)
    cities = [p for p in places if (cid := countries.lookup(p)) is not None
              and countries.by_id[cid].names[0].lower() != p.lower()]
    if cities:
        return cities[0]
    rest = [p for p in places if countries.lookup(p) is None]
    return rest[-1] if rest else None


# A place after one of these nouns is where the subject of the talks is, not where they met
# ("... would be monitoring the implications of new Chinese security measures in Hong Kong",
# "... China should help end hostilities in Ukraine").
_TOPIC_IN = re.compile(
    r"\b(?:measures|situation|crisis|war|conflict|developments|hostilities|protests|unrest|"
    r"tensions|violence|fighting|rights|freedoms|elections|escalation|detention|detained|"
    r"imprisoned|jailed|sanctions|investments?|projects?)\s+in\s$", re.IGNORECASE)


# "the consensus reached between President Xi and Prime Minister Ishiba at their meeting in
# Lima": the place of an earlier agreement, not of this meeting
_AGREED_EARLIER = re.compile(r"\b(?:consensus|agreements?|understandings?)\b[^.;]{0,40}"
                             r"\b(?:reached|signed|struck)\b[^.;]{0,120}$", re.IGNORECASE)


_HELD_AT = re.compile(r"\b(?:the|their|Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|"
                      r"Saturday's|Sunday's)\s+(?:meeting|talks),?\s+(?:was\s+|were\s+)?held\s+"
                      r"(?=(?:at|in)\s)")


def _place(event: str, dateline_city: str | None) -> str | None:
    event = _CITY_OF.sub(r"\1 ", event)
    if _WHITE_HOUSE.search(event):
        return "White House"
    verb = _FORMAT.search(event)
    start = verb.end() if verb else 0
    countries = default_countries()
    found: list[tuple[bool, str]] = []
    if (background := _BACKGROUND.search(event, start)) is not None:
        event = event[: background.start()]
    for m in _PLACE.finditer(event, start):
        if COMING.search(event[start:m.start()]):
            break  # "... a summit ... set for November in Peru": a coming event's place
        if _TOPIC_IN.search(event, max(0, m.start() - 40), m.start() + 3):
            continue  # "the implications of new security measures in Hong Kong": a topic's place
        if _AGREED_EARLIER.search(event, max(0, m.start() - 200), m.start()):
            continue
        place = m.group("place").removeprefix("the ")
        words = place.split()
        while len(words) > 1 and words[-1] in _NOT_PLACE:
            words.pop()  # "met in Tokyo Tuesday with ...": the day is not the place's
        place = " ".join(words)
        first = words[0]
        if first in _NOT_PLACE or place in _REGIONS:
            continue
        if place.endswith(("'s", "’s")):
            continue  # "in South Korea's southeastern city of Gyeongju": the city is the place
        if m.group("region") is None and _ATTRIBUTIVE.match(event, m.end()):
            continue  # "peace and tranquillity in Indo-China border areas": a word of a noun
        if countries.is_adjective(first):
            continue  # "in the Chinese capital": the country's word, not a place's name
        # "at the Foreign Office here": a building of the city, not the city (the Oval Office
        # is where a White House meeting was)
        if re.search(r"\b(?:Committee|Bureau|Party|Council|Meeting|Ministers?|(?<!Oval )Office|"
                     r"Ministry|Secretariat|Headquarters)\b", place):
            continue
        if "-" in first and countries.lookup(first.split("-")[0]):
            continue  # "obstacles in China-U.S. relations", "in Korea-China ties": no place
        region = (m.group("region") or "").rstrip(",")
        if region.endswith(".") and region != "D.C.":
            region = region[:-1]
        if region and (countries.lookup(region) or region in _STATE_NAMES):
            place = f"{place}, {region}"
        elif not region and (of := _IN_COUNTRYS.match(event, m.end())) is not None \
                and countries.lookup(of.group("c")) and not countries.lookup(place):
            # "in the city of Guiyang in southwest China's Guizhou Province": a city of China,
            # known to agree with "China" where another report gives only the country
            place = f"{place}, {of.group('c')}"
        found.append((m.group(0).startswith("at"), place))
    if found:
        # "at the Diaoyutai State Guesthouse in Beijing": the city is the place
        return min(found, key=lambda f: f[0])[1]
    if dateline_city:
        city, _, region = dateline_city.partition(",")
        city = city.strip().title() if city.isupper() else city.strip()
        return f"{city}, {region.strip()}" if region.strip() else city
    return None


def extract_meeting(article: Article, registry: Registry) -> MeetingInfo:
    first = article.paragraphs[0] if article.paragraphs else ""
    dl = parse_dateline(first, article.published)
    if dl is None and article.dateline:
        dl = parse_dateline(article.dateline, article.published)
    lead, event_i = _lead(article)
    ref = (dl.when if dl and dl.when else None) or article.published
    ref_name = "dateline" if dl and dl.when else "publication date"
    fmt = _format(article.title, lead[1:] if article.title else lead)
    event_date, reason = ref, f"{ref_name} {ref}" if ref else "no date in the article"
    if ref is None and (titled := title_date(article.title)) is not None:
        # a transcript saved without its date line: its title says when it was given
        ref, ref_name = titled[0], "the title's date"
        event_date, reason = titled
    # The sentence reporting this meeting dates it; another sentence only when it is not about
    # another event ("... ahead of a trilateral meeting Saturday").
    first_body = 1 if article.title else 0
    event_at = event_i if event_i is not None else first_body
    order = ([event_i] if event_i is not None else []) + [
        i for i in range(len(lead)) if i != event_i
        and (i > 0 or not article.title or _SENTENCE_TITLE.match(article.title))
        and (i == event_at or not _OTHER_EVENT.search(lead[i]))]
    if ref is not None:
        for i in order:
            # the event sentence up to another event it mentions: "During a phone call ...
            # held ahead of Blinken's visit to China on Sunday" is not dated by that Sunday
            text = _without_who(lead[i])
            if i == event_i and (other := _OTHER_EVENT.search(text)) is not None \
                    and (verb := _FORMAT.search(text)) is not None and verb.end() <= other.start():
                text = text[:other.start()]
            found = find_date(text, ref)
            if found and dl and dl.when == found[0] \
                    and (head := _DATELINE_HEAD.match(text)) is not None \
                    and (own := find_date(text[head.end():], ref)) is not None \
                    and 0 < (dl.when - own[0]).days <= 31:
                # "Phnom Penh, 20 December 2025 — On the afternoon of 18 December 2025, ...":
                # the dateline's date is the day filed, the sentence's own is the event's
                found = own
            told = _SAID_WHEN.search(text) is not None if found and i == event_i else False
            other = find_date(_SAID_WHEN.sub(" said", text), ref) if told else None
            if found and other is not None and other[0] < found[0] \
                    and (found[0] - other[0]).days <= 7:
                # "..., spokesperson Mao Ning said on Thursday, in response to inquiries about
                # the talks between Wang Yi and Takeshi Iwaya on Wednesday": the sentence's
                # other day is the event's
                found = (other[0], f"{other[1]}, before it was made public ({found[1]})")
            elif told and other is None:
                # "... held a frank conversation when they recently talked by phone, the DFA
                # said Thursday, Dec. 21": the day it was made public; "ended their call on
                # Wednesday" in the sentences after it is the call's own
                body_sents = len(lead) - (1 if article.title else 0)
                own = next((d for t in _after_event(article, body_sents)[:3]
                            if not _OTHER_EVENT.search(t) and not _SAID_WHEN.search(t)
                            and (d := find_date(_without_who(t), ref)) and d[0] <= found[0]
                            and (found[0] - d[0]).days <= 7), None)
                if own is not None:
                    found = (own[0], f"{own[1]}, before it was made public ({found[1]})")
                elif _made_public(text):
                    # "..., Kyiv said Thursday": the meeting was that day or the day before
                    found = (found[0], f"{found[1]}, {MADE_PUBLIC}")
            elif found and i != event_i and _made_public(text) \
                    and find_date(_SAID_WHEN.sub(" said", text), ref) is None:
                # the sentence before the one reporting the meeting: "..., Kyiv said Thursday"
                found = (found[0], f"{found[1]}, {MADE_PUBLIC}")
            if found:
                event_date, how = found
                reason = f"{how} ({ref_name} {ref})"
                break
        else:
            # a photo caption is no statement, but "..., September 28, 2024. /CFP" dates the event
            for para in [*article.paragraphs[:3], *article.captions]:
                # a caption's month and day, no year ("... in Canberra this morning (20
                # March). Photo: ..."), within the week before the page's date, dates it too
                dm = _DAY_MONTH.search(para) if para in article.captions else None
                found = find_date(para, ref) if _FULL_DATE.search(para) else (
                    find_date(dm.group(0), ref) if dm else None)
                if found and not (is_statement_text(para) and para not in article.captions) \
                        and 0 <= (ref - found[0]).days <= 7:  # not a file photo of years ago
                    event_date, reason = found[0], f"{found[1]} in a caption ({ref_name} {ref})"
                    break
    home = home_side(article)
    participants = _participants(article, lead, event_i, registry, event_date, home)
    month_day = weekday = day = None
    said = False
    if event_date is None and dl is not None and dl.month:
        # No publication date and a dateline with no year ("VIENNA, May 11 (Xinhua)"): a photo
        # caption dated in full on that day or up to a week before it ("..., May 10, 2023.
        # (Xinhua)") gives the year and the day. Before guessing the year from the weekday.
        for cap in article.captions:
            full = find_full_date(cap) if not _FILE_PHOTO.search(cap) else None
            if full is None:
                continue
            try:
                gap = (date(full[0].year, dl.month, dl.day) - full[0]).days
            except ValueError:
                continue
            if 0 <= gap <= 7:
                event_date, reason = full[0], f"{full[1]} in a caption (dateline {dl.month}/" \
                    f"{dl.day}, no year)"
                participants = _participants(article, lead, event_i, registry, event_date, home)
                break
    if event_date is None:
        found = _undated(lead, order, dl, participants, registry) \
            or _dated_event_sentence(article.paragraphs[:6], participants, registry)
        if found is not None:
            event_date, reason = found
            # surnames resolve against who held office on the date, now that there is one
            participants = _participants(article, lead, event_i, registry, event_date, home)
        else:
            body_sents = len(lead) - (1 if article.title else 0)
            later = [t for t in _after_event(article, body_sents)[:2]
                     if not _OTHER_EVENT.search(t)]
            # the month and day may come a sentence or two after the lead, as a weekday may
            # ("... to hold a strategic dialogue with ... Wang Yi on 2 December", "The two
            # ministers met in Johannesburg ... on Friday (February 21)")
            month_day = (dl.month, dl.day) if dl and dl.month else article.header_day or next(
                (md for t in [lead[i] for i in order] + later if (md := find_month_day(t))),
                None)
            if month_day and not real_day(*month_day):
                month_day = None  # "SEOUL, Feb. 30": nothing to join on
            if month_day:
                reason = f"{month_day[0]}/{month_day[1]} with no year in the article"
            else:
                # Only "on Sunday": enough to join the one meeting of these people on a Sunday.
                weekday, said = _first_weekday([lead[i] for i in order] + later)
                if weekday is not None and _met_earlier([lead[i] for i in order] + later,
                                                        participants):
                    weekday = None  # "said on Wednesday ... went to Beijing last weekend to meet"
                if weekday is not None:
                    reason = f"only the weekday ({WEEKDAYS[weekday].title()}) in the article"
                    if said:
                        reason += f", {MADE_PUBLIC}"
                    # "on Friday (23rd)": the day of the month beside the weekday (Taiwanese
                    # and Korean copy in English), both must fit
                    day = next((int(m.group("d")) for t in [lead[i] for i in order] + later
                                if (m := _WEEKDAY_DAY.search(t)) and 1 <= int(m.group("d")) <= 31
                                and WEEKDAYS.index(m.group("wd").lower()) == weekday), None)
                    if day is not None:
                        reason = (f"only the weekday and the day ({WEEKDAYS[weekday].title()}"
                                  f" the {ordinal(day)}) in the article")
                else:
                    day = next((d for t in [lead[i] for i in order] + later
                                if (d := _day_only(t)) is not None), None)
                    if day is not None:
                        reason = f"only the day of the month (the {ordinal(day)}) in the article"
    if event_date is None and month_day is None and weekday is not None:
        # "... during a video call with his Chinese counterpart Wang Yi in this photo provided
        # by the foreign ministry, May 16. Yonhap": the picture's month and day, no year
        for cap in article.captions:
            md = _caption_month_day(cap, weekday) if not _FILE_PHOTO.search(cap) else None
            if md and real_day(*md):
                month_day, weekday = md, None
                reason = f"{md[0]}/{md[1]} in a caption (no year)"
                break
    if event_date is None and (weekday is not None or month_day is not None):
        # No publication date, but a photo caption dates the picture of this meeting ("...
        # in Phnom Penh, Cambodia, on Nov. 13, 2022. (Reuters)") on the weekday or the month
        # and day the story gives: that date is the event's.
        for cap in article.captions:
            full = find_full_date(cap)
            # the weekday may be the next day's where the story was written ("... at the White
            # House on May 1, 2023" under Manila's "held talks ... on Tuesday")
            if full and ((weekday is not None and (weekday - full[0].weekday()) % 7 in (0, 1))
                         or month_day == (full[0].month, full[0].day)):
                event_date, month_day, weekday = full[0], None, None
                participants = _participants(article, lead, event_i, registry, event_date, home)
                reason = f"{full[1]} in a caption, the weekday or day the story gives"
                break
    if event_date is None and month_day is None and weekday is None and day is None:
        # The story dates nothing, but a picture of this meeting does ("Yoon Suk Yeol, left,
        # and ... Fumio Kishida shake hands before their bilateral meeting ... on March 16,
        # 2023. Photo: AP"; "Hayashi, left, shakes hands with ... Qin Gang on Sunday in
        # Beijing"): a caption naming one of the participants, not a file photo.
        found_cap = _caption_date(article.captions, participants)
        if found_cap is not None:
            when, wd, how = found_cap
            if when is not None:
                event_date = when
                participants = _participants(article, lead, event_i, registry, event_date, home)
            weekday, reason = wd, how
    event = lead[event_i] if event_i is not None else " ".join(lead[1:3])
    # With no sentence reporting the meeting, a place in the lead is where something else
    # happened ("the fatal stabbing of a schoolboy in the southern city of Shenzhen")
    location = _place(event, dl.city if dl else None) \
        if fmt == "meeting" and (event_i is not None or not article.title) else None
    if fmt == UNSTATED and event_i is not None:
        # no format word: a place the sentence names, never the dateline's city (a call is
        # reported from the capital of either side)
        location = _place(event, None)
    # The dateline's city is where the story was filed, a guess at the meeting's place: a
    # later sentence that says where the talks were held wins over it ("NANJING, Jan. 12
    # (Xinhua) -- ... held talks ... on Wednesday. During their talks, held in Wuxi, ...").
    guessed = location is not None and dl is not None and _place(event, None) is None
    if (location is None or guessed) and fmt == "meeting" and event_i is not None:
        # "In the first meeting since ..., the ministers ... During the meeting held at
        # Diaoyutai in Beijing, ...": a later sentence says where this meeting was held
        body_sents = len(lead) - (1 if article.title else 0)
        for n, s in enumerate([*lead[event_i + 1:], *_after_event(article, body_sents)[:3]]):
            if n == 0 and not event.rstrip().endswith((".", "!", "?", "\"", "”")) \
                    and _event_kind(s) == "strong" and not _OTHER_EVENT.search(s) \
                    and not _LAST_MET.search(s) and (again := _place(s, None)) is not None:
                # a headline kept as the first paragraph ("Wang Yi meets with Australian FM"),
                # then the story's own event sentence: "... met with ... in Bali"
                location = again
                break
            if (held := _HELD_AT.search(s)) is not None:
                location = _place(s[held.start():], None)
                break
            # (the costly test last: most sentences name no place)
            if n <= 1 and not _OTHER_EVENT.search(s) and not _LAST_MET.search(s) \
                    and not COMING.search(s) and not _DATED_OTHERWISE.search(s) \
                    and (again := _place(s, None)) is not None and _event_kind(s) == "strong":
                # the lead says they met, the next sentence where: "Freeland and Wang Yi met
                # during a summit of Southeast Asian Nations in Bangkok, Thailand" (over the
                # dateline's OTTAWA, where the story was filed)
                location = again
                break
            # "... was reached ... in the Laotian capital of Vientiane": a city named this way
            # is a scene-setting place, the meeting's when the event sentence names none
            if (city := _CITY_OF.search(s)) is not None:
                location = _place(s[city.start():], None)
                break
    if location is None and fmt == "meeting":
        location = title_place(article.title)
    from_dateline = location is not None and dl is not None and _place(event, None) is None \
        and location == _place(event, dl.city)
    if from_dateline and dl is not None and event_i is not None and fmt == "meeting" \
            and (abroad := _abroad(lead[first_body:event_i], dl.city)) is not None:
        # "BUDAPEST, May 31 (Reuters) - ..., Foreign Minister Peter Szijjarto said in China on
        # Monday ... Szijjarto made the announcement after talks with ... Wang Yi": filed at
        # home, the minister abroad; the country he was in is the meeting's place
        location = abroad
        from_dateline = False
    # (the visit may be the lead's, the date and the event word the next sentence's:
    # "PUTRAJAYA, April 25 — X engaged in discussions with Wang Yi during his inaugural visit
    # to China ... . According to a Foreign Ministry's statement on Thursday, the talks ...")
    if (location is None or from_dateline) and fmt in ("meeting", UNSTATED) \
            and (visit := _DURING_VISIT.search(event) or next(
                (m for s in (lead[:event_i] if event_i is not None else [])
                 if (m := _DURING_VISIT.search(s)) is not None), None)) is not None:
        # (over the dateline's city: "ASTANA, ... Nurtleu met with Wang Yi ... during his visit
        # to China" was filed at home)
        # "... discussed economic ties ... during his visit to China at the invitation of his
        # Chinese counterpart": the minister was there, so they met there (a country is a
        # place too: it tells an Ankara meeting from this one)
        location = visit.group("place").removeprefix("the ")
        fmt = "meeting"
    return MeetingInfo(event_date, fmt, location, _occasion(event), participants, reason,
                       month_day, weekday, day, said=said and weekday is not None)


def _abroad(sentences: list[str], dateline_city: str) -> str | None:
    """A country the sentences before the event sentence place the story in ("... said in China
    on Monday"), when it is not the dateline city's country."""
    countries = default_countries()
    home = {c for *_, c in countries.find(dateline_city.title())}
    for s in sentences:
        if _OTHER_EVENT.search(s) or COMING.search(s):
            continue
        place = _place(s, None)
        if place is not None and (country := countries.lookup(place)) is not None \
                and country not in home and re.search(
                    r"\b(?:said|says|told|speaking|spoke|arrived|was|is)\s+in\s+(?:the\s+)?"
                    + re.escape(place) + r"\b", s):
            # (where someone of the story said or was it, not a topic's place: "... the
            # anniversary of the Russian special operation in Ukraine")
            return place
    return None


# "during his visit to China", "on her three-day official visit to Beijing", "on the second
# day of his visit to China": the visit this report's meeting belongs to
_DURING_VISIT = re.compile(
    r"\b(?:during|on|in\s+the\s+course\s+of)\s+(?:the\s+[\w-]+\s+day\s+of\s+)?"
    r"(?:his|her|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:visit|trip)\s+to\s+(?P<place>(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")


def _participants(article: Article, lead: list[str], event_i: int | None, registry: Registry,
                  event_date: date | None, home: str | None) -> list[Participant]:
    ctx = ArticleContext(registry, event_date, home)
    body = lead[1 if article.title else 0: (event_i + 1) if event_i is not None else 3]
    if event_i is not None and body:
        body[-1] = _principal_part(body[-1])
    found: list[Ref] = []
    for text in body:
        # "President Lee's special envoy met Wang Yi": the president's side is at the table;
        # other possessives ("Xi's visit") name no one who met
        # ("under the second Trump presidency" reads as a possessive too: his government)
        found += [m.ref for m in ctx.find(text)
                  if (not m.possessive or _ENVOY_OF.match(text[m.end:]))
                  and not _ADVISER_TO.search(text, max(0, m.start - 80), m.start)
                  and not _BRIEFED_ON.search(text, max(0, m.start - 120), m.start)]
    named = {id(m.ref) for m in ctx.find(body[-1], create=False)} \
        if body and event_i is not None else set()
    in_event = [r for r in found if id(r) in named]
    if len({r.side for r in in_event if r.side}) >= 2:
        # "... signaling a summit between President Yoon and President Xi. Foreign Minister
        # Cho and his Chinese counterpart, Wang Yi, ... met in New York": the sentence that
        # reports this meeting names who met; a lead sentence before it may name others
        found = in_event
    # The title's fuller names complete the body's ("Prime Minister Meloni" is "Giorgia Meloni");
    # its people join only when the body names fewer than two ("Readout of X's Call with Y").
    # (a possessive there names no one who met: "talks ahead of Trump's inauguration")
    in_title = [m.ref for m in ctx.find(article.title)
                if not m.possessive or _ENVOY_OF.match(article.title[m.end:])] \
        if article.title else []
    if len({id(r) for r in found}) < 2:
        found += in_title
    if article.title and len({r.side for r in found if r.side}) < 2:
        found += _appositive_counterpart(article.title, ctx, found)
    if found and found[0].side and any(_LEAD_COUNTERPART.search(b) for b in body):
        # "Wang Yi told his Japanese counterpart that ..." and, paragraphs on, "Wang told his
        # Japanese counterpart Yoko Kamikawa": the counterpart is the one so named, not a
        # prime minister the lead mentions in between
        own = [r for r in found if r.side == found[0].side]
        named = _named_counterpart(article, ctx, own)
        if named:
            found = own + named
    if len({id(r) for r in found}) < 2:
        # "The top diplomats of South Korea and China held talks in Busan on Sunday. Foreign
        # Minister Park Jin and his Chinese counterpart Wang Yi ...": the people come next.
        # "... met his South Korean counterpart ... Cho Tae-yul's visit to the Chinese capital
        # ...": an unnamed counterpart is the other side's principal whose visit comes next.
        counterpart = bool(body) and "counterpart" in body[-1].lower()
        for text in _after_event(article, len(body))[:3]:
            for m in ctx.find(_principal_part(text)):
                # the principals of two sides, not a president named in passing after them
                sides = {r.side for r in found if r.side}
                other = m.ref.side is not None and m.ref.side not in sides
                own_meeting = bool(_MEETING_WITH.match(text[m.end:]))
                # "US President Joe Biden's administration": his government, not the
                # counterpart whose visit is meant
                government = bool(_ADMINISTRATION.match(text[m.end:]))
                if (not m.possessive or (counterpart and other and not government)
                        or own_meeting) and len(sides) < 2:
                    found.append(m.ref)
    # A wire story may name them only by surname, or one as "his South Korean counterpart"
    nearby = body + _after_event(article, len(body))[:3]
    if len({r.side for r in found if r.side}) < 2:
        found += _surname_pair(nearby, ctx, {r.side for r in found if r.side})
    if len({r.side for r in found if r.side}) == 1:
        found += _unnamed_counterpart(nearby, ctx, found, article.paragraphs)
    if len({r.side for r in found if r.side}) < 2:
        found += _unnamed_ministers([*nearby, *article.captions], ctx, found)
    found += _roster(article, ctx, found)
    participants: list[Participant] = []
    seen: set[str] = set()
    for ref in found:  # names final only now: a later fuller mention may have renamed a ref
        _add(participants, seen, _respelt_holder(ref, registry, event_date))
    return participants


# "Joining the call were the following leaders:" and the list after it (a call with the
# Bucharest Nine, a meeting with Caribbean leaders): the roster of who met, one person an item.
# Only what a colon introduces: a paragraph that ends on "joining the call" introduces nothing.
_ROSTER_INTRO = re.compile(
    r"\b(?:joining|joined|participating\s+in|taking\s+part\s+in)\s+the\s+"
    r"(?:call|meeting|conversation|discussion|session)\b[^.]*:\s*$|"
    r"\bthe\s+following\s+(?:leaders|heads\s+of\s+(?:state|government))\b[^.]*:\s*$",
    re.IGNORECASE)
_ROSTER_ITEM = re.compile(r"\s+[-–•*]\s+|\n+|;\s+")
ROSTER_MOST = 30  # items: a longer list is an audience, not who met


def _roster(article: Article, ctx: ArticleContext, found: list[Ref]) -> list[Ref]:
    """The people of a roster paragraph who are of another country than those already found
    (a roster of a government's own officials or of a domestic event adds no side)."""
    paragraphs = article.paragraphs
    for i, para in enumerate(paragraphs[:-1]):
        if not _ROSTER_INTRO.search(para):
            continue
        items = [t for t in _ROSTER_ITEM.split(paragraphs[i + 1].strip(" -–•*")) if t.strip()]
        if len(items) > ROSTER_MOST:
            return []
        sides = {r.side for r in found if r.side}
        out = []
        for item in items:
            for m in ctx.find(item.strip()):
                if m.ref.side and m.ref.side not in sides and not m.possessive:
                    out.append(m.ref)
        return out
    return []


# "Call with Francesco Talo, Diplomatic Advisor to the Prime Minister of Italy", "Meeting with
# Leo Varadkar, the Taoiseach of Ireland": the person met, then an office of a country. The
# office may be unknown to the people registry (an adviser, a Taoiseach); the country is not.
_APPOSITIVE = re.compile(
    rf"\bwith\s+(?:(?:Dr|Mr|Ms|Mrs)\.?\s+)?(?P<name>{RUN}),"  # a name as names.py reads one
    r"\s+(?:the\s+)?(?P<office>[A-Z][^,]*?)\s+of\s+(?:the\s+)?(?P<place>[A-Z][\w'’ -]+?)\s*$")


def _appositive_counterpart(title: str, ctx: ArticleContext, found: list[Ref]) -> list[Ref]:
    """The person a title names with an office of a country after a comma, when that country is
    not yet a side of the meeting (White House readouts of a call with a head of government's
    adviser had the United States alone: benchmarks/wh_sides.py)."""
    m = _APPOSITIVE.search(title)
    if m is None:
        return []
    country = default_countries().lookup(m.group("place"))
    if country is None or country in {r.side for r in found}:
        return []
    ref = ctx.lookup_name(m.group("name"), m.group("office"), country, create=True)
    return [ref] if ref is not None and ref.side == country else []


# A rank under an office, or its past holder: "Vice Foreign Minister" is not the Foreign Minister
_UNDER_OFFICE = frozenset({"vice", "deputy", "assistant", "former", "ex", "ex-", "under",
                           "junior", "acting", "late"})


def _respelt_holder(ref: Ref, registry: Registry, on: date | None) -> Ref:
    """"Mongolian Foreign Minister Batzezeg" (a machine's spelling of Battsetseg): a name the
    registry does not know, given an office that one registered person of that country held
    that day (`Registry.holder`), is that person when a word of the two names is spelt alike.
    (Only alike: a new minister the registry has not caught up with keeps his own name.)
    With no date, every word of the name of four letters or more must be spelt nearly
    (_RESPELT_UNDATED) as a word of exactly one past or present holder's ("Ukrainian Foreign
    Minister Andriy Sybiga" in an undated copy is Andrii Sybiha)."""
    if ref.person is not None or not ref.side or not ref.title:
        return ref
    mine = [a.lower() for a in ref.name.split() if len(a) >= 4]
    if on is None and not mine:
        return ref
    words = ref.title.split()
    for i in range(len(words)):  # the longest office the title ends on first
        if i and words[i - 1].lower().rstrip(",") in _UNDER_OFFICE:
            continue
        office = " ".join(words[i:])
        if on is not None:
            person = registry.holder(office, ref.side, on)
            if person is None:
                continue
            if any(SequenceMatcher(None, a, b.lower()).ratio() >= 0.6
                   for a in mine for b in person.name.split()):
                return Ref(person.name, person.side, ref.title, person)
            return ref
        held = registry.holders(office, ref.side)
        if not held:
            continue
        alike = [p for p in held if all(
            any(SequenceMatcher(None, a, b.lower()).ratio() >= _RESPELT_UNDATED
                for b in p.name.split()) for a in mine)]
        return Ref(alike[0].name, alike[0].side, ref.title, alike[0]) if len(alike) == 1 \
            else ref
    return ref


_RESPELT_UNDATED = 0.75


_UNNAMED_COUNTERPART = re.compile(
    r"\b(?:his|her)\s+(?P<adj>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s+counterpart\b"
    r"(?:,?\s+(?P<next>[A-Z][\w-]*))?")


def _unnamed_counterpart(texts: list[str], ctx: ArticleContext, found: list[Ref],
                         later: Sequence[str] = ()) -> list[Ref]:
    """"Wang Yi ... In a phone call with his South Korean counterpart, Wang ...": a
    counterpart the report never names is whoever held the principal's office in that country
    on the event date (the registry's terms), when exactly one person did. With no date (an
    excerpt giving only "Friday (February 21)"), the one of that country and office the report
    names further on ("... the bilateral meeting with Chinese foreign minister Wang Yi")."""
    principals = list({id(r): r for r in found if r.person is not None and r.side}.values())
    if len(principals) != 1:
        return []
    person = principals[0].person
    countries = default_countries()
    for text in texts:
        for m in _UNNAMED_COUNTERPART.finditer(text):
            side = countries.lookup(m.group("adj"))
            if not side or side == person.side:
                continue
            if m.group("next") and m.group("next") not in (person.name, *person.aliases,
                                                            *person.name.split()):
                continue  # "his South Korean counterpart, Cho Hyun": named after all
            titles = {t.lower() for title in person.titles_on(ctx.on)
                      for t in (title, *_COUNTERPART_TITLES.get(title.lower(), ()))}
            if ctx.on is not None:
                # a foreign minister's American counterpart is the Secretary of State
                other = next((h for t in sorted(titles)
                              if (h := ctx.registry.holder(t, side, ctx.on)) is not None), None)
                if other is not None:
                    ref = ctx.lookup_name(other.name)
                    return [ref] if ref is not None else []
                continue
            for para in later:
                for hit in ctx.find(para, create=False):
                    cand = hit.ref.person
                    if cand is not None and hit.ref.side == side and any(
                            t.title.lower() in titles for t in cand.terms):
                        return [hit.ref]
    return []


# "The Chinese and Indonesian foreign ministers called for ...", "The ministers of foreign
# affairs of Egypt and China held ...", "China's foreign minister", "the Egyptian top diplomat":
# foreign ministers a wire story names only by their country
_MINISTERS_OF = re.compile(
    r"\b(?:foreign\s+ministers|ministers\s+of\s+foreign\s+affairs|top\s+diplomats)\s+of\s+"
    r"(?:the\s+)?(?P<a>[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)\s+and\s+(?:the\s+)?"
    r"(?P<b>[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)")
_BOTH_MINISTERS = re.compile(
    r"\b(?:foreign\s+ministers|top\s+diplomats)\s+of\s+(?:the\s+)?(?:both|two)\s+countries\b"
    r"|\b(?:both|the\s+two)\s+countries['’]?\s+(?:foreign\s+ministers|top\s+diplomats)\b",
    re.IGNORECASE)
_ADJ_MINISTERS = re.compile(
    r"\b(?P<a>[A-Z][\w-]*)\s+and\s+(?P<b>[A-Z][\w-]*)\s+(?:foreign\s+ministers|top\s+diplomats)\b")
_ONE_MINISTER = re.compile(
    r"(?<![Ff]ormer\s)\b(?P<a>[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)(?:['’]s)?\s+"
    r"(?:foreign\s+minister|top\s+diplomat|FM)\b(?!\s*,?\s+[A-Z])")

# "the top Chinese diplomat stated that ...": the country's adjective inside the title
_TOP_ADJ_DIPLOMAT = re.compile(
    r"\btop\s+(?P<a>[A-Z][\w-]*)\s+(?:diplomat|foreign\s+policy\s+official)\b(?!\s*,?\s+[A-Z])")


# "Wang Yi, who had earlier met Russia's top diplomat, told ...": a minister he met at
# another time, not a party to this meeting
_MET_BEFORE = re.compile(r"\b(?:earlier|previously|already|also)\s+(?:met|spoke\s+with|held"
                         r"\s+talks\s+with)\s+(?:with\s+)?$", re.IGNORECASE)


def _unnamed_ministers(texts: list[str], ctx: ArticleContext, found: list[Ref]) -> list[Ref]:
    """Foreign ministers a report names only by their country, as whoever held that office
    for that country on the event date (the registry's terms), when exactly one did."""
    if ctx.on is None:
        return []
    countries = default_countries()
    have = {r.side for r in found if r.side}
    out: list[Ref] = []
    for text in texts:
        names = [n for m in (*_MINISTERS_OF.finditer(text), *_ADJ_MINISTERS.finditer(text))
                 for n in (m.group("a"), m.group("b"))]
        names += [m.group("a") for m in (*_ONE_MINISTER.finditer(text),
                                         *_TOP_ADJ_DIPLOMAT.finditer(text))
                  if not _MET_BEFORE.search(text[max(0, m.start() - 40):m.start()])]
        sides = [countries.lookup(name) for name in names]
        if _BOTH_MINISTERS.search(text):
            # "China and Sri Lanka will ... according to foreign ministers of both countries":
            # the two countries the sentence names
            bare = re.sub(r"\([^)]*\)", " ", text)  # not an outlet's "(UrduPoint / Pakistan Point)"
            named = list(dict.fromkeys(c for *_, c in countries.find(bare)))
            if len(named) == 2:
                sides += named
        for side in sides:
            if not side or side in have:
                continue
            holder = next((h for t in _COUNTERPART_GROUPS[0]
                           if (h := ctx.registry.holder(t, side, ctx.on)) is not None), None)
            ref = ctx.lookup_name(holder.name) if holder is not None else None
            if ref is not None:
                out.append(ref)
                have.add(side)
    return out


# A page saved without its headline: its first line is the story's first sentence ("US
# President Joe Biden met virtually on November 15 with President Xi Jinping ... (PRC).")
_SENTENCE_TITLE = re.compile(r"^(?=(?:\S+\s+){8,})[A-Z].*[a-z)\]][.]$")
_ADMINISTRATION = re.compile(r"(?:['’]s)?\s+(?:administration|government|cabinet|presidency|era)\b",
                            re.IGNORECASE)
# Offices that are one another's counterparts, whatever each country calls them (a foreign
# minister's American counterpart is the Secretary of State, India's the External Affairs
# Minister, Britain's the Foreign Secretary, South Africa's the Minister of International
# Relations and Cooperation)
_COUNTERPART_GROUPS = (
    ("Foreign Minister", "Secretary of State", "Minister of Foreign Affairs", "Foreign Secretary",
     "External Affairs Minister", "Minister of International Relations and Cooperation",
     "High Representative for Foreign Affairs and Security Policy"),
    ("Defense Minister", "Secretary of Defense", "Minister of National Defense"),
)
_COUNTERPART_TITLES = {t.lower(): tuple(o for o in group if o != t)
                       for group in _COUNTERPART_GROUPS for t in group}

# "told his Japanese counterpart that ...": no name follows (the unnamed one of the lead)
_LEAD_COUNTERPART = re.compile(r"\b(?:his|her)\s+(?:[A-Z][\w.-]*\s+){1,2}counterparts?\b"
                               r"(?!,?\s+[A-Z])")
_COUNTERPART_NAMED = re.compile(r"\bcounterparts?,?\s+(?=[A-Z])")


def _named_counterpart(article: Article, ctx: ArticleContext, found: list[Ref]) -> list[Ref]:
    """The first person of another side the article names right after "counterpart"."""
    sides = {r.side for r in found if r.side}
    for para in article.paragraphs[:10]:
        for m in _COUNTERPART_NAMED.finditer(para):
            for hit in ctx.find(para[m.end(): m.end() + 60]):
                if hit.ref.side and hit.ref.side not in sides and not hit.possessive:
                    return [hit.ref]
                break
    return []


_TITLE_WORDS = frozenset({"president", "presidents", "minister", "ministers", "foreign", "prime",
                          "premier", "secretary", "chancellor", "leaders", "leader", "mr.",
                          "ms.", "mrs.", "state", "vice"})


def _surname_pair(texts: list[str], ctx: ArticleContext, have: set[str]) -> list[Ref]:
    """"During the talks, Park and Wang ...": a relayed wire story may name the principals by
    surname only. Two registered surnames of two countries in one sentence, or one of the
    country the full names found so far left out, each naming one person (the only one so
    registered, or the only one in office on the date), are the principals; one surname alone,
    or two of one country, say nothing about who met."""
    for text in texts:
        people = []
        for m in RUN_RE.finditer(text):
            word = m.group(0).rstrip(".,")
            if " " in word:
                # "Presidents Yoon and Biden", "Foreign Minister Park": a title, then a surname
                *title, word = word.split()
                if not all(t.lower() in _TITLE_WORDS for t in title):
                    continue
            if word.endswith(("'s", "’s")) or _ADMINISTRATION.match(text[m.end():]):
                continue  # "the second Trump presidency" names his government, not him
            person = ctx.registry.resolve(word, on=ctx.on)
            if person is not None and person.side and person not in people:
                people.append(person)
        # "Park and Wang": two countries' surnames; "Speaking to ... Cho Tae-yul in New York,
        # Wang also called ...": a surname of the country the full names left out
        if len({p.side for p in people} | have) >= 2 and (
                len({p.side for p in people}) >= 2 or have):
            refs = [ctx.lookup_name(p.name) for p in people if p.side not in have]
            return [r for r in refs if r is not None]
    return []


# A dateline with its date at the head of a sentence, up to its dash
_DATELINE_HEAD = re.compile(r"^[^.;:]{0,80}?\b(?:19|20)\d\d\s*(?:\([^)]{1,30}\)\s*)?"
                            r"(?:—|–|--|-)\s*")
# A date the sentence gives for its telling, not its event: "..., the Department of Foreign
# Affairs said Thursday, Dec. 21"
# Who made it public: a ministry, an office, a spokesperson, officials, the media ("the
# ministry said Thursday"), or a government by its capital or country ("Kyiv said Thursday"),
# not a minister speaking at the meeting ("Wang Yi stated Monday")
_PUBLIC_VOICE = re.compile(
    r"\b(?:ministry|office|agency|embassy|spokes\w+|officials?|media|broadcaster|news|sources"
    r"|government|statement|release|readout|DFA|MOFA)\s+(?:said|announced|stated|confirmed"
    r"|disclosed|reported)\b", re.IGNORECASE)
_VOICE_WORD = re.compile(r"(?P<w>[A-Z][\w'’-]*)\s+(?:said|announced|stated|confirmed|disclosed"
                         r"|reported)\s+(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")


def _made_public(text: str) -> bool:
    """Whether the sentence's weekday is the day an institution or a government (named by
    its capital or country) made the account public."""
    if _PUBLIC_VOICE.search(text):
        return True
    return any(default_countries().lookup(m.group("w").removesuffix("'s")) is not None
               for m in _VOICE_WORD.finditer(text))


_SAID_WHEN = re.compile(
    r"\b(?:said|announced|stated|confirmed|disclosed|reported)\s+(?:on\s+)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b,?\s*)?"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b)?"
    r"(?<=[\w.])", re.IGNORECASE)


def _after_event(article: Article, skip: int) -> list[str]:
    """The lead paragraphs' sentences after the first `skip` ones."""
    sents: list[str] = []
    for para in article.paragraphs[:4]:
        para = strip_dateline(para)
        if is_statement_text(para):
            sents += split_sentences(para)
    return sents[skip:]


def _undated(lead: list[str], order: list[int], dl: Dateline | None,
             participants: list[Participant], registry: Registry) -> tuple[date, str] | None:
    """A report with no publication date: a date written with its year, else the one year in
    which a written month and day fits everyone's term in office (and the weekday, if named)."""
    people = [registry.by_id[p.person_id] for p in participants
              if p.person_id and p.person_id in registry.by_id]
    held = _held(people, " ".join(lead[i] for i in order)) if people else None
    history = _history(people)
    for i in order:
        found = find_full_date(lead[i])
        if found and history(found[0]):
            # "... the bilateral ties growing since the establishment of diplomatic relations
            # on Jan. 3, 1992": a date before the ministers who met held office is history
            continue
        if found:
            return found[0], f"{found[1]} (no publication date)"
    md = (dl.month, dl.day) if dl and dl.month else None
    # "JAKARTA, July 15 (Xinhua) -- ... met ... Friday": the Friday on or before the dateline.
    back = 6 if md is not None else 0
    for i in order:
        md = md or find_month_day(lead[i])
    if md is None:
        return None
    weekday, _said = _first_weekday([lead[i] for i in order])
    if held is None:
        return None
    today = date.today()
    fits = []
    for year in range(today.year - 40, today.year + 1):
        try:
            d = date(year, *md)
        except ValueError:
            continue
        if d <= today and held(d) and (weekday is None or d.weekday() == weekday):
            fits.append(d)
    if not fits and weekday is not None and back:
        fits = [d for d in _weekday_before(md, weekday, held, today)]
        # "BEIJING, April 16 (Xinhua) -- ... held phone talks on Monday": an agency files the
        # day of the event or the next; of the years whose Monday falls within that, the one
        # when everyone held office (2024, not 2020's April 13 or 2025's April 14)
        next_day = [d for d in fits if (date(d.year, *md) - d).days <= 1]
        if len(fits) > 1 and len(next_day) == 1:
            fits = next_day
    if len(fits) != 1:
        return None
    names = " and ".join(p.name for p in people)
    day = f", a {WEEKDAYS[weekday].title()}" if weekday is not None else ""
    return fits[0], (f"{fits[0]:%B} {fits[0].day}{day}: the only such day on which {names}"
                     f" held office (no publication date)")


def _dated_event_sentence(paragraphs: list[str], participants: list[Participant],
                          registry: Registry) -> tuple[date, str] | None:
    """A sentence of the first paragraphs that reports a meeting and dates it with its year
    ("On November 1, 2025, the first summit between ... took place in Gyeongju"), when the
    lead dates nothing: not one about another event ("last met on ..."), nor one before the
    people who met held office ("... since diplomatic relations were established on Jan. 3,
    1992")."""
    people = [registry.by_id[p.person_id] for p in participants
              if p.person_id and p.person_id in registry.by_id]
    history = _history(people)
    for para in paragraphs:
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", para):
            if _OTHER_EVENT.search(sentence) or not (
                    _FORMAT.search(sentence) or _TOOK_PLACE.search(sentence)):
                continue
            found = find_full_date(sentence)
            if found is not None and found[0] <= date.today() and not history(found[0]):
                return found[0], f"{found[1]}, in a sentence reporting the meeting"
    return None


_TOOK_PLACE = re.compile(r"\b(?:summit|talks|meeting)\b[^.]{0,160}\b(?:took\s+place|was\s+held)\b"
                         # "... held the 12th EU-China Strategic Dialogue on 13 October 2023"
                         r"|\bheld\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,7}?"
                         r"(?-i:Dialogue|Consultations?)\b")


def _held(people: list[Any], text: str) -> Any:
    """Whether everyone held office on a day: the office the report gives them ("Foreign
    Minister Qin Gang" was foreign minister from December 2022, not the ambassador of 2021-22),
    else any office of theirs in the registry."""
    low = text.lower()
    terms = [[t for t in p.terms if t.title.lower() in low] or p.terms for p in people]
    return lambda d: all(ts and any(t.covers(d) for t in ts) for ts in terms)


def _history(people: list[Any]) -> Any:
    """Whether a day is before any of the people who met took any office the registry knows
    of: a date of their countries' history ("since diplomatic relations were established on
    Jan. 3, 1992"), not the meeting's. Only people whose terms the registry knows count (a term
    with no start counts as always); with none, no day is."""
    starts = [min((t.start or date.min) for t in p.terms) for p in people if p.terms]
    if not starts:
        return lambda _d: False
    return lambda d: all(d < start for start in starts)


def _weekday_before(md: tuple[int, int], weekday: int, held: Any,
                    today: date) -> list[date]:
    """The days with that weekday up to six days before the dateline's day, in years when
    everyone held office: "JAKARTA, July 15 (Xinhua) -- ... met ... Friday" is July 14, 2023."""
    out = []
    for year in range(today.year - 40, today.year + 1):
        try:
            d = date(year, *md)
        except ValueError:
            continue
        d -= timedelta(days=(d.weekday() - weekday) % 7)
        if d <= today and held(d):
            out.append(d)
    return out


_WEEKDAY_DAY = re.compile(
    r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*"
    r"\((?P<d>\d{1,2})(?:st|nd|rd|th)?\)")
_DAY_ONLY = re.compile(r"\b[Oo]n\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b")


def _day_only(text: str) -> int | None:
    """"said on the 21st": Korean copy in English dates by the day of the month only."""
    m = _DAY_ONLY.search(text)
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 31 else None


_OTHER_EVENT = re.compile(
    r"\b(?:trilateral|multilateral|earlier|previous|last\s+(?:week|month|year)|next\s+(?:week|"
    r"month|year)|upcoming|ahead\s+of|prior\s+to|will\s+(?:hold|visit|attend|meet))\b",
    re.IGNORECASE)

_AFTER_PRINCIPALS = re.compile(
    # ("... the first major exchange since President Joe Biden took office": not a party)
    # ("... said on Thursday, in response to media inquiries about the talks between Wang Yi
    # and Takeshi Iwaya": the parties still to come)
    r"(?<!\bresponse)\s(?:to\s+(?!the\b|a\b|an\b)[a-z]+|in\s+order\s+to|following|after|before|as\s+part|since|"
    r"ahead\s+of|prior\s+to|"
    r"which|who|where|, the highest)\b"
)


_ASIDE = re.compile(r",\s+(?:who|which)\s[^,;]{3,120},(?=\s+and\s)")


def _principal_part(event: str) -> str:
    """The event sentence up to where it stops naming the parties ("... to follow up on the
    Woodside Summit between President Biden and President Xi" names no participant)."""
    # "The talks between Yoko Kamikawa, who became foreign minister in September, and Wang
    # Yi": a clause set off by commas describes one party; the other follows it
    event = _ASIDE.sub(" ", event)
    verb = _FORMAT.search(event)
    start = verb.end() if verb else 0
    cut = _AFTER_PRINCIPALS.search(event, start)
    while cut is not None and _TALKS_WITH.match(event, cut.end()):
        # "... in a joint press conference after an annual consultation with Thai Deputy Prime
        # Minister ... Parnpree": the talks it followed are this meeting, their party is named
        cut = _AFTER_PRINCIPALS.search(event, cut.end())
    return event[: cut.start()] if cut else event


_TALKS_WITH = re.compile(r"\s+(?:(?:a|an|the|their|his|her)\s+)?(?:[\w-]+\s+){0,2}?"
                         r"(?:talks|consultations?|meeting|call|conversation|dialogue)\s+with\b",
                         re.IGNORECASE)


def _add(participants: list[Participant], seen: set[str], ref: Ref) -> None:
    if ref.name in seen:
        return
    seen.add(ref.name)
    participants.append(Participant(ref.name, ref.side, ref.person.id if ref.person else None))
