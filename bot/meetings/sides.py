"""Whose readout an article is, from its wording when its outlet does not say.

A government's own readout names its officials without a country and the counterpart with
one: "Foreign Minister Wang Yi held phone talks with Foreign Minister of the Republic of Korea
Cho Hyun" is China's; "Minister of Foreign Affairs Cho Hyun ... with Foreign Minister of China
Wang Yi" is South Korea's; "President Biden spoke with President Yoon Suk Yeol of the Republic of
Korea" is the United States'. When exactly one side's principals go unmarked, that is the side.
"""

from __future__ import annotations

import itertools
import re

from bot.models import Article, MeetingInfo, Participant
from bot.registry.countries import default_countries
from bot.registry.outlets import CREDIT_LINE, default_outlets, side_of_outlet
from bot.registry.people import Registry

# A title's abbreviation is no sentence end: "Chinese Defense Minister Adm. Dong Jun".
_ABBREV = (r"(?<!\bAdm)(?<!\bGen)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bLt)(?<!\bCol)"
           r"(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bCapt)")
# Where the words that introduce a name begin: a clause boundary or the verb of the meeting.
# ("U.S." and "S. Korea" are no clause boundary.)
_BOUNDARY = re.compile(
    r"[;:]|(?<![A-Z])" + _ABBREV
    + r"\.(?!\w)|\b(?:with|met|meets|held|holds|said|says|spoke|to|between|hosted|hosts)\b"
    # a dateline's dash ("Jakarta – Foreign Minister Retno ..."): the city before it is where
    # the story was filed, not the minister's country
    r"|\s[–—]\s"
    # "and" inside an office's name ("for Foreign Affairs and Security Policy", "Foreign
    # Affairs and Trade", "for Europe and Foreign Affairs") is not between two people; "State
    # Councilor and Foreign Minister" still is a cut (two offices: the country word before
    # them names the first)
    r"|\band\b(?!\s+(?:Security|Defen[cs]e|Trade|Development|Cooperation|"
    r"International|Commonwealth|Foreign\s+Affairs)\b)")
# What follows a name and still introduces it: "of the Republic of Korea", "(ROK)", or an
# appositive up to its closing comma (", South Korea's foreign minister,").
_APPOSITIVE = re.compile(r"^,\s+(?:the\s+)?[A-Z][^.;:()]{0,240}")
_OF_COUNTRY = re.compile(r"\bof\s+(?P<country>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
                         # (or the sentence's end: "... of the People's Republic of China.")
                         r"\s*(?:,|$)")
_AFTER = re.compile(r"^\s*(?:,|\(|of\b|from\b)(?P<place>[^,.;:)]{1,150})")


# Where a title that introduces a name can begin at the furthest: "... met on January 26-27
# with Chinese Communist Party Politburo Member, Director of ..., and Foreign Minister Wang
# Yi" is one title, its "and" inside it.
_STRONG_BOUNDARY = re.compile(
    r"[;:]|(?<![A-Z])" + _ABBREV + r"\.(?!\w)|\b(?:with|met|meets|held|holds|said|says|spoke|to)\b")


_INTER = re.compile(r"\binter-\w+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?<![\w.-])(?P<c>[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?)['’]s\s+"
                         r"(?:[A-Z][\w-]*\s+)(?:(?:and|of|the|for|[A-Z][\w-]*)\s+)*$")
# A country word and capitalised office words up to a name, "and" and "of" between them:
# "Chinese State Councilor and Foreign Minister ", "Indian External Affairs Minister Dr ".
_TITLE_CHAIN = re.compile(
    r"(?<![\w.])(?:(?:[A-Z]\.){2,}|[A-Z][\w'’-]*)"
    r"(?:\s+(?:and|of|the|for|(?:[A-Z]\.){2,}|[A-Z][\w'’-]*))*\s+$")


def _chain_marked(text: str, start: int, side: str) -> bool:
    """Whether the capitalised title right before text[start] opens with `side`'s country."""
    chain = _TITLE_CHAIN.search(text[max(0, start - 160):start])
    if chain is None:
        return False
    found = default_countries().find(chain.group(0))
    return bool(found) and found[0][2] == side and found[0][0] == 0


def _marked(text: str, start: int, end: int, side: str, others: tuple[str, ...] = ()) -> bool:
    """Whether the words introducing the name at text[start:end] name its country ("At the
    request of the South Korean side, Wang Yi ..." does not mark Wang Yi)."""
    before = text[max(0, start - 90):start]
    cut = [m.end() for m in _BOUNDARY.finditer(before)]
    # "inter-Korean relations" names no country of a title
    window = _INTER.sub(" ", before[cut[-1]:] if cut else before)
    countries = default_countries()
    if any(c == side for *_, c in countries.find(window)):
        return True
    # a long title with commas and "and" in it, back to the verb of the meeting, when no other
    # participant is named in between ("Park Jin and Chinese ... Wang Yi" stays two titles)
    wide = text[max(0, start - 220):start]
    strong = [m.end() for m in _STRONG_BOUNDARY.finditer(wide)]
    title = _INTER.sub(" ", wide[strong[-1]:]) if strong else ""
    if title and len(title) > len(window) and title.count(",") >= 1 \
            and not any(o and o in title for o in others) and _only_title_words(title) \
            and any(c == side for *_, c in countries.find(title)):
        return True
    # "Kazakhstan's Deputy Prime Minister and Minister of Foreign Affairs Murat Nurtleu": a
    # title opened by its country's possessive is one title, its "and" inside it (a
    # government does not write its own minister so)
    owner = _POSSESSIVE.search(text[max(0, start - 160):start])
    if owner and any(c == side for *_, c in countries.find(owner.group("c"))):
        return True
    after = _AFTER.match(text[end:end + 150])
    if after and any(c == side for *_, c in countries.find(after.group("place"))):
        return True
    # "James Cleverly, the Secretary of State for Foreign, Commonwealth and Development
    # Affairs of the United Kingdom, in Beijing": an appositive title with commas inside,
    # ended by its country
    # (its offices one after another, the country in any: "Mr. Wang Yi, Member of the
    # Political Bureau of the CPC Central Committee, ..., and Minister of Foreign Affairs of the
    # People's Republic of China,")
    title = _APPOSITIVE.match(text[end:end + 300])
    return bool(title) and any(
        c == side for m in _OF_COUNTRY.finditer(title.group(0))
        for *_, c in countries.find(m.group("country")))


# ("his Thai counterpart, Deputy Prime Minister and Foreign Minister Don Pramudwinai": the
# counterpart named with a country is marked by it, as a title is)
_TITLE_LOWER = frozenset(["of", "the", "and", "for", "on", "in", "to", "a", "an", "also",
                          "his", "her", "their", "counterpart", "counterparts"])


def _only_title_words(title: str) -> bool:
    """A title is capitalised office words joined by "of", "and", "the": no clause ("China
    firmly supports Kazakhstan's move ..., Chinese State Councilor and Foreign Minister Wang Yi
    said" is a sentence before the title, and its "China" marks nobody)."""
    return all(w in _TITLE_LOWER for w in re.findall(r"(?<![\w'’-])[a-z][\w'’-]*", title))


def side_from_wording(article: Article, meeting: MeetingInfo, registry: Registry) -> str | None:
    # The first two paragraphs; the first four when those name no principal (China Daily:
    # a deck and an experts' paragraph before "Wang Yi held a virtual meeting with ...").
    # A page saved without its headline may have its first sentence read as the title
    # ("Foreign Secretary David Lammy met Foreign Minister of the People's Republic of China,
    # Wang Yi, in Beijing today (18 October)."): a title that ends a sentence is the lead's.
    title = (article.title or "").strip()
    paras = [title, *article.paragraphs] if title.endswith((".", "”", '"')) \
        and len(title.split()) >= 8 else list(article.paragraphs)
    first = _first_mentions(" . ".join(paras[:2]), meeting, registry)
    if len(first) < 2:
        # ... or name one side only (a headline above the story: "President Yoon holds ...")
        first = _first_mentions(" . ".join(paras[:4]), meeting, registry) or first
    if not first:
        # a ministry's page saved with its menus: the headline twice, the posting dates, a
        # view count, then "On 6 December 2023, H.E. Mr. Parnpree ... met with H.E. Mr. Wang Yi"
        first = _first_mentions(" . ".join(paras[:8]), meeting, registry)
    # A report that says whose account it relays ("according to the Xinhua News Agency") is
    # that government's, however it names the principals (AFP: "Cho Tae-yul's visit ...").
    sources = _sources_named(article, meeting)
    if len(sources) == 1:
        return next(iter(sources))  # (what _side_from_source says, the set kept for below)
    # "Press Conference by Foreign Minister IWAYA Takeshi": a principal's own words
    own = _side_from_presser(article, registry) or _side_from_transcript(article, registry) \
        or _side_from_first_person(article, meeting)
    if own is not None:
        return own
    home = {side for side, (_, is_marked) in first.items() if not is_marked}
    if len(home) > 1 and len(first) > 1:
        # Both read unmarked: "Deputy Prime Minister and Minister of Foreign Affairs Bui Thanh
        # Son held talks with Chinese State Councilor and Foreign Minister Wang Yi". An "and"
        # inside a title cut it above (so Xinhua's "Chinese State Councilor and Foreign
        # Minister" stays unmarked beside a marked counterpart); when nothing else tells, a
        # title of capitalised office words headed by the country marks its holder.
        lead = " . ".join(paras[:4])
        home = {side for side in home if not _chain_marked(lead, first[side][0], side)}
    if len(home) == 1 and len(first) > 1:
        return home.pop()
    for caption in article.captions:
        # a photo caption is written in the same house style: "Foreign Minister Park Jin
        # (left) and his Japanese counterpart Yoshimasa Hayashi bump elbows in Tokyo"
        pictured = _first_mentions(caption, meeting, registry)
        home = {side for side, (_, is_marked) in pictured.items() if not is_marked}
        if len(home) == 1 and len(pictured) > 1:
            return home.pop()
    return (_side_from_others(article, meeting)
            or _side_from_house_style(article, meeting)
            or _side_from_dateline(article, meeting)
            or _side_from_naming_order(article, meeting)
            or _side_from_lone_principal(first, paras[:8])
            or (_side_from_subject(" . ".join(paras[:2]), first)
                # (not when it names both governments' accounts: nothing says whose it is)
                if len(sources) < 2 else None))


# "Lao Minister of Foreign Affairs Thongsavanh Phomvihane met with Chinese Foreign Minister
# Wang Yi in Beijing": both named with their country, the home press's own minister is the
# one who meets, calls or receives the other
_MEETS = re.compile(r"^[^.;]{0,160}?\b(?:met|meets|held\s+(?:talks|a\s+(?:meeting|phone\s+call"
                    r"|telephone\s+conversation|bilateral\s+meeting))|had\s+a\s+(?:phone\s+call"
                    r"|telephone\s+conversation|meeting)|spoke)\b[^.;]{0,40}?\bwith\b"
                    r"|^[^.;]{0,160}?\b(?:received|receives|hosted)\b")


def _side_from_subject(lead: str, first: dict[str, tuple[int, bool]]) -> str | None:
    """The side of the first-named of two principals both named with their country, when the
    words up to the second say the first met, called, received or hosted the second."""
    if len(first) != 2 or not all(marked for _at, marked in first.values()):
        return None
    (side_a, (at_a, _)), (_side_b, (at_b, _)) = sorted(first.items(), key=lambda kv: kv[1][0])
    return side_a if _MEETS.match(lead[at_a:at_b]) else None


def _side_from_lone_principal(first: dict[str, tuple[int, bool]],
                              lead: list[str]) -> str | None:
    """The lead names one side's principal only, by bare title ("Foreign Minister Bilawal
    Bhutto Zardari Wednesday underlined ..."): the home press writes its own minister that
    way; anyone else's says whose ("Pakistani Foreign Minister ..."). Not in a minister's own
    words ("Foreign Minister Wang Yi and I have been in touch"): the one named there is the
    other side's."""
    if len(first) != 1:
        return None
    side, (at, is_marked) = next(iter(first.items()))
    # the paragraph the name is in (the mentions' offsets are into the lead joined by " . ")
    start = 0
    for para in lead:
        if start <= at < start + len(para):
            if in_first_person(para):
                return None
            break
        start += len(para) + 3
    return None if is_marked else side


def _side_from_dateline(article: Article, meeting: MeetingInfo) -> str | None:
    """A report filed from one side's country about a meeting held in the other's ("ASTANA,
    Kazakhstan, July 16. Kazakhstan's Foreign Minister ... met with Wang Yi ... during his
    visit to China"): written at home, so that side's, when nothing else has told. A report
    filed where the meeting was says nothing (correspondents file from there)."""
    sides = {p.side for p in meeting.participants if p.side and p.side != "both"}
    if len(sides) != 2 or not article.dateline or not meeting.location:
        return None
    countries = default_countries()
    filed = {c for *_, c in countries.find(article.dateline)} & sides
    held = {c for *_, c in countries.find(meeting.location)} & sides
    if len(filed) == 1 and len(held) == 1 and filed != held:
        return filed.pop()
    return None


# a heading, not a sentence: "In a statement by spokesperson Mao Ning, ..." relays, it is no
# principal's own account
_PRESSER = re.compile(r"^(?:Extraordinary\s+|Joint\s+|Regular\s+)?"
                      r"(?:(?:Press\s+Conference|Press\s+Briefing|Remarks|Statement|Speech)\s+by\s+"
                      # "Press statement Wopke Hoekstra, Minister of Foreign Affairs, Beijing 23
                      # May 2023" (the Dutch government's title; its first line adds "by")
                      r"|Press\s+[Ss]tatement\s+(?:by\s+)?(?=[A-Z]))"
                      r"(?P<who>.{3,80}?)(?:\s+(?i:on|at|regarding|after|following|in)\b|$)")


def _side_from_presser(article: Article, registry: Registry) -> str | None:
    """A title "Press Conference by Prime Minister Kishida ..." (also in the first lines of a
    saved page): the speaker's government gives its own account."""
    for line in [article.title or "", *article.paragraphs[:2]]:
        m = _PRESSER.search(line)
        if m is None:
            continue
        side = _side_of_named(m.group("who"), registry, article)
        if side is not None:
            return side
    return None


# A transcript's turn label in upper case: "FOREIGN MINISTER PENNY WONG:", "SECRETARY BLINKEN:".
# (bot.analysis.attribution.TURN_LABEL reads every turn label to attribute sentences; this
# package may not import that one, and needs only a principal's own label.)
# ... or a name and its title: "Penny Wong, Foreign Minister:"
_TURN_LABEL = re.compile(r"^(?P<who>[A-Z][A-Z.,'’\- ]{2,60}[A-Z.]"
                         r"|[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,3},(?:\s+[A-Z][a-z]+){1,4})\s*:\s")


def _side_from_transcript(article: Article, registry: Registry) -> str | None:
    """A press conference or doorstop transcript whose speaking principals are one government's
    ("FOREIGN MINISTER PENNY WONG: ...", then "JOURNALIST: ...") is that government's account."""
    sides: set[str] = set()
    for para in article.paragraphs:
        m = _TURN_LABEL.match(para)
        if m is not None:
            side = _side_of_named(m.group("who"), registry, article)
            if side is not None:
                sides.add(side)
    return sides.pop() if len(sides) == 1 else None


# A minister's own statement in the first person: "Today I met with China's State Councilor
# ... Wang Yi", "I am pleased to welcome you to Australia, Minister Wang".
_FIRST_PERSON = re.compile(
    r"(?:^|[.!?]\s+|\b(?:Today|Yesterday|This\s+\w+),?\s+)(?:I|We)\s+(?:have\s+)?(?:just\s+)?"
    r"(?:met|had|spoke|held|hosted|welcomed|am\s+pleased\s+to\s+welcome|am\s+pleased\s+to"
    r"\s+meet|was\s+pleased\s+to\s+meet)\b")


def _side_from_first_person(article: Article, meeting: MeetingInfo) -> str | None:
    """A first-person account names the counterpart and its country, and its own country
    ("I raised Australia's concerns", "welcome you to Australia") unmarked by any participant:
    the one country named that is no named participant's is the writer's."""
    lead = " ".join(article.paragraphs[:6])
    if not _FIRST_PERSON.search(lead):
        return None
    theirs = {p.side for p in meeting.participants if p.side and p.side != "both"}
    if len(theirs) != 1:
        return None  # both principals named: the wording rules above decide
    # Its own country as the writer names it: "Australia's views", "the Australian Government",
    # "welcome you to Australia" -- not where the meeting was ("in Bali", "in New York").
    countries = default_countries()
    named = {c for a, b, c in countries.find(lead)
             if lead[b:b + 1] in ("'", "’") or countries.is_adjective(lead[a:b])
             or lead[max(0, a - 16):a].endswith("welcome you to ")} - theirs
    return named.pop() if len(named) == 1 else None


# The offices a first-person writer is assumed to hold: the counterpart's kind of office.
_OFFICE_KINDS = (
    ("foreign", ("foreign minister", "foreign secretary", "secretary of state",
                 "external affairs minister", "minister of foreign affairs",
                 "high representative for foreign affairs and security policy")),
    ("leader", ("president", "prime minister", "chancellor")),
)


def first_person_writer(article: Article, meeting: MeetingInfo, side: str | None,
                        registry: Registry) -> Participant | None:
    """The minister writing a first-person account ("Today I met with China's Minister of
    Foreign Affairs, Wang Yi"): the one registered person of the report's side holding, on the
    meeting's date, the kind of office its named counterpart holds. None when the report is not
    in the first person, is undated, or already names someone of its side."""
    if side is None or meeting.event_date is None or any(
            p.side == side for p in meeting.participants):
        return None
    if not _FIRST_PERSON.search(" ".join(article.paragraphs[:6])):
        return None
    kinds: set[str] = set()
    for p in meeting.participants:
        person = registry.by_id.get(p.person_id or "") or registry.by_name(p.name)
        titles = " ".join(person.titles_on(meeting.event_date)).lower() if person else ""
        kinds |= {k for k, offices in _OFFICE_KINDS if any(o in titles for o in offices)}
    if len(kinds) != 1:
        return None
    offices = dict(_OFFICE_KINDS)[kinds.pop()]
    found = {h.id: h for o in offices
             if (h := registry.holder(o, side, meeting.event_date)) is not None}
    if len(found) != 1:
        return None
    writer = next(iter(found.values()))
    return Participant(writer.name, side, writer.id)


def release_voice(article: Article, meeting: MeetingInfo, side: str | None,
                  writer: Participant | None) -> Participant | None:
    """Whose voice a first-person release or speech is ("I am pleased to welcome you to
    Australia, Minister Wang"): the writer found for it, else the one participant of its side.
    None when the report is not in the first person or its side has no one person. (A page
    that names its speaker, "X's opening remarks", is X's: `title_speaker`.)"""
    if side is None or not _FIRST_PERSON.search(" ".join(article.paragraphs[:6])):
        return None
    if writer is not None:
        return writer
    ours = {p.name: p for p in meeting.participants if p.side == side}
    return next(iter(ours.values())) if len(ours) == 1 else None


# "Foreign Minister Sergey Lavrov's opening remarks during talks with ...": a page of one
# person's words, named in its title
_SPEECH_TITLE = re.compile(
    r"^(?P<who>[A-Z][^'’]{2,80}?)['’]s\s+(?:opening\s+|closing\s+|introductory\s+)?"
    r"(?:remarks|statement|speech|address|press\s+conference|interview)\b")


# "Opening remarks by New Zealand Foreign Minister Winston Peters in meeting with ..."
_REMARKS_BY = re.compile(
    r"^(?:Opening\s+|Closing\s+|Introductory\s+|Press\s+)?(?:[Rr]emarks|[Ss]tatement|[Ss]peech)"
    r"\s+by\s+"
    r"(?P<who>[A-Z][^,:;()]{2,80}?)(?=\s+(?:in|at|during|on|to|before)\b|[,:;(]|$)")


def title_speaker(article: Article, registry: Registry) -> Participant | None:
    """The registered person whose remarks a page says it holds: in its title ("X's opening
    remarks ...") or its first lines ("Opening remarks by ... Winston Peters in meeting with")."""
    m = _SPEECH_TITLE.match((article.title or "").strip())
    if m is None:
        m = next((r for p in article.paragraphs[:6] if (r := _REMARKS_BY.match(p.strip()))),
                 None)
    if m is None:
        return None
    words = re.findall(r"[A-Z][\w'’.-]+", m.group("who"))
    # the name is the title's last capitalised words ("Foreign Minister Sergey Lavrov")
    for k in (3, 2, 1):
        if len(words) >= k and (person := registry.resolve(
                " ".join(words[-k:]), on=article.published)) is not None \
                and (side := person.side_on(article.published)):
            return Participant(person.name, side, person.id)
    return None


_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_FIRST_PERSON_WORD = re.compile(r"\b(?:I|I'm|I've|I’m|I’ve|[Ww]e|[Oo]ur|[Mm]y|us|me)\b")


def in_first_person(sentence: str) -> bool:
    """A sentence the writer says in their own voice (not inside a quotation of someone)."""
    return bool(_FIRST_PERSON_WORD.search(_QUOTED.sub(" ", sentence)))


def _side_of_named(who: str, registry: Registry, article: Article) -> str | None:
    """The side of the registered person a title-and-name names ("Foreign Minister IWAYA
    Takeshi": the name after the title, surname first or last)."""
    words = [w.title() if w.isupper() and len(w) > 2 else w
             for w in re.findall(r"[A-Za-z][\w'’-]+", who)]
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            name = words[i:j]
            person = registry.resolve(" ".join(name), on=article.published) \
                or registry.resolve(" ".join(reversed(name)), on=article.published)
            if person is not None and (side := person.side_on(article.published)):
                return side
    return None


def _first_mentions(lead: str, meeting: MeetingInfo,
                    registry: Registry) -> dict[str, tuple[int, bool]]:
    """Each side's first-named principal in `lead` (a name's words stay inside its paragraph):
    where, and whether the words introducing it name its country."""
    # Each side by its first-named principal's first mention: later ones ("reinforced by
    # former Prime Minister Kishida" after "the Japan-U.S. alliance") say less.
    first: dict[str, tuple[int, bool]] = {}
    for p in meeting.participants:
        if not p.side or p.side == "both":
            continue
        person = registry.by_id.get(p.person_id or "")
        names = sorted({p.name, *(person.aliases if person else ())}, key=len, reverse=True)
        hits = [m for name in names
                if (m := re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", lead))]
        if not hits:
            continue
        m = min(hits, key=lambda h: h.start())
        if p.side not in first or m.start() < first[p.side][0]:
            others = tuple(w for q in meeting.participants if q.side != p.side
                           for w in q.name.split() if len(w) > 2)
            first[p.side] = (m.start(), _marked(lead, m.start(), m.end(), p.side, others))
    return first


# Chinese state media introduce a Chinese principal as "Wang, also a member of the Political
# Bureau of the CPC Central Committee, said ..."; other governments' releases name the same
# office without "also" ("Mr. WANG Yi, Member of the Political Bureau ...").
_CHINESE_STYLE = re.compile(
    r"\b[A-Z][a-z]+,\s+(?:who\s+is\s+)?also\s+(?:a\s+)?member\s+of\s+the\s+"
    # (or the reprint's "... of the Communist Party of China Central Committee's Political
    # Bureau", "... of the CPC Politburo")
    r"(?:Standing\s+Committee\s+of\s+the\s+)?(?:[^,.;]{0,80}?\s)?(?:Political\s+Bureau|Politburo)\b")


# The State Department's readouts: "The below is attributable to Spokesperson Matthew
# Miller:", then "The Secretary underscored ..." (others write "Blinken said").
_STATE_STYLE = re.compile(
    r"\bThe below is attributable to\b|(?:^|[.;]\s+)The Secretary\s+(?:also\s+)?(?:underscored"
    r"|emphasized|reiterated|stressed|discussed|raised|noted|welcomed|expressed|reaffirmed"
    r"|made clear|highlighted|conveyed|urged|thanked)\b")


def _side_from_house_style(article: Article, meeting: MeetingInfo) -> str | None:
    sides = {p.side for p in meeting.participants if p.side and p.side != "both"}
    lead = " ".join([article.title or "", *article.paragraphs[:6]])
    if "china" in sides and _CHINESE_STYLE.search(lead):
        return "china"
    if "united_states" in sides and _STATE_STYLE.search(lead):
        return "united_states"
    return None


# A news report that relays one government's account says whose: "according to Seoul's
# foreign ministry", "South Korea's foreign ministry said in a release", "the Chinese Foreign
# Ministry said in a statement". A ministry's website or a presidential office works the same.
_MINISTRY = (r"(?:[Ff]oreign\s+(?:[Aa]ffairs\s+)?[Mm]inistry|MFA"
             r"|[Mm]inistry\s+of\s+[Ff]oreign\s+[Aa]ffairs|[Pp]residential\s+[Oo]ffice|[Ff]oreign\s+[Oo]ffice)")
# "according to X's foreign ministry (and Y's)" up to the clause's end; "X's foreign ministry
# said".
# ("Kazinform cites the Kazakh MFA", "..., Kazinform has learnt from the press service of the
# Kazakh Foreign Ministry", "..., reported the Kazakh Foreign Ministry's press service")
_ACCORDING = re.compile(
    rf"\b(?:[Aa]ccording\s+to|[Cc]iting|cites|quoting|quotes|learn[te]d?\s+from"
    rf"|reported(?=\s+the\s+[^.;,]{{0,30}}{_MINISTRY}))\b(?P<clause>[^.;]*?{_MINISTRY}[^.;,]*)")
_SAID = re.compile(rf"(?P<who>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)?)(?:'s|’s)?\s+"
                   rf"(?:{_MINISTRY}|[Mm]inistry)\s+(?:said|says|announced)\b")
# "confirmed by a statement from the Chinese ministry", "according to a readout issued by
# Seoul's foreign ministry": a rewrite of a wire story names the account it rests on this way.
# ("In a press release from the Chinese Foreign Ministry, Wang described ..." is a Korean
# paper quoting the other side, not the account it rests on.)
_STATEMENT = re.compile(
    r"\b(?:[Cc]onfirmed\s+by|[Aa]ccording\s+to|[Cc]iting|[Bb]ased\s+on)\s+(?:a|the)\s+"
    r"(?:press\s+)?(?:statement|readout|release|account)\s+(?:from|by|of|issued\s+by)\s+"
    r"(?:the\s+)?"
    r"(?P<who>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)?)(?:'s|’s)?\s+"
    rf"(?:{_MINISTRY}|[Mm]inistry)")


# A ministry a report names by its own name, not by its country's: "The Ministry of External
# Affairs (MEA) said in a press statement", "The MEA statement stated", "..., said the
# external affairs ministry", "Kemlu said". Which government it is comes from the outlet
# registry, where ministries are listed with their names and abbreviations.
_OWN_NAME = (r"(?P<m>[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*){0,4}"
             r"|external\s+affairs\s+ministry)(?:\s*\([A-Z]{2,6}\))?")
_MINISTRY_SAID = re.compile(
    rf"\b{_OWN_NAME}(?:'s|’s)?\s+(?:said|says|stated|announced|(?:press\s+)?statement|"
    rf"(?:press\s+)?release|readout)\b"
    rf"|\bsaid\s+the\s+{_OWN_NAME.replace('?P<m>', '?P<m2>')}")


def _ministry_named(lead: str, sides: set[str]) -> set[str]:
    outlets = default_outlets()
    named: set[str] = set()
    for m in _MINISTRY_SAID.finditer(lead):
        name = (m.group("m") or m.group("m2") or "").removeprefix("The ").strip()
        outlet = outlets.by_name(name)
        if outlet is not None and outlet.kind in ("ministry", "government") \
                and outlet.side in sides:
            named.add(outlet.side)
    return named


def _side_from_source(article: Article, meeting: MeetingInfo) -> str | None:
    """The one government of the meeting whose account the report says it relays."""
    named = _sources_named(article, meeting)
    return named.pop() if len(named) == 1 else None


def _sources_named(article: Article, meeting: MeetingInfo) -> set[str]:
    """The governments of the meeting whose accounts the report says it relays."""
    sides = {p.side for p in meeting.participants if p.side and p.side != "both"}
    countries = default_countries()
    named: set[str] = set()
    lead = " ".join(article.paragraphs[:4])
    for m in [*_ACCORDING.finditer(lead), *_SAID.finditer(lead), *_STATEMENT.finditer(lead)]:
        found = countries.find(m.group(m.lastgroup or 0))
        named |= {c for *_, c in found if c in sides}
    named |= _ministry_named(lead, sides)
    # "the presidential office said" with no country: Seoul's (Cheong Wa Dae, then Yongsan).
    # Washington's is "the White House", Tokyo's "the Prime Minister's Office", Beijing has
    # none; so among the governments a meeting of these sides can have, only Seoul's.
    if "south_korea" in sides and _PRESIDENTIAL_OFFICE.search(lead):
        named.add("south_korea")
    # "according to the Xinhua News Agency", "Yonhap reported", "Yonhap broadcaster reported"
    # (Sputnik relaying Yonhap): a state or national outlet
    # the registry knows relays its government's account
    for m in _RELAYED.finditer(lead):
        side = side_of_outlet((m.group("o") or m.group("o2")).strip())
        if side in sides:
            named.add(side)
    # an aggregator's credit line: "Reference(s): cgtn.com", "Source(s): Xinhua News Agency"
    # (anywhere: an excerpt may stop before the page's end; the label and the source may be
    # two lines: "Reference(s):" / "cgtn.com", or three, the credited story's headline between
    # them: "Reference(s):" / "Chinese, Uzbek foreign ministers hold ..." / "cgtn.com")
    tail = article.paragraphs
    labelled = [*(a + " " + b for a, b in itertools.pairwise(tail) if a.endswith(":")),
                *(a + " " + c for a, _b, c in zip(tail, tail[1:], tail[2:], strict=False)
                  if a.endswith(":") and _SITE.fullmatch(c))]
    for para in [*tail, *labelled]:
        if (m := CREDIT_LINE.match(para)) is not None:
            side = side_of_outlet(m.group("o").strip(), url=m.group("o").strip())
            if side in sides:
                named.add(side)
    return named


_PRESIDENTIAL_OFFICE = re.compile(
    r"\b(?:[Tt]he\s+presidential\s+office|Cheong\s+Wa\s+Dae)\s+(?:said|says|announced)\b"
    r"|\b(?:[Aa]ccording\s+to|[Cc]iting)\s+(?:the\s+)?(?:presidential\s+office|Cheong\s+Wa\s+Dae)\b")


_SITE = re.compile(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")


_RELAYED = re.compile(
    # "according to a report by Chinese state broadcaster CCTV": the outlet after its kind
    r"\b[Aa]ccording\s+to\s+(?:an?\s+(?:report|statement)\s+(?:by|from|in|on)\s+)?(?:the\s+)?"
    r"(?:(?:[A-Z][a-z]+\s+)?(?:state(?:-run)?\s+)?(?:broadcaster|television|news\s+agency"
    r"|media|newspaper)\s+)?(?P<o>[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,3}?)"
    r"(?:\s+[Nn]ews\s+[Aa]gency)?(?=[\s,.;]|$)"
    r"|(?P<o2>[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,2})"
    r"(?:\s+(?:[Nn]ews\s+[Aa]gency|broadcaster|news\s+service|daily|newspaper))?\s+report(?:ed|s)\b")


# How a report names the other government's principal and never its own: "Foreign Minister
# Cho Hyun and his Chinese counterpart, Wang Yi". ("The Korean side" is no such sign: readouts
# quote the other side's words about "the Korean side".)
_OTHER = re.compile(
    r"\b(?:his|her|their|its)\s+(?P<adj>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s+counterparts?\b"
)


def _side_from_others(article: Article, meeting: MeetingInfo) -> str | None:
    """The side of a two-country meeting that the text only ever names as the other one."""
    sides = {p.side for p in meeting.participants if p.side and p.side != "both"}
    if len(sides) != 2:
        return None
    countries = default_countries()
    others: list[str] = []
    for m in _OTHER.finditer(" ".join([article.title, *article.paragraphs])):
        found = countries.find(m.group("adj"))
        if len(found) == 1 and found[0][2] in sides:
            others.append(found[0][2])
    if len(set(others)) == 2:
        # "Iran's Foreign Minister ... and his Chinese counterpart Wang Yi discussed ...", then
        # the other side's account relayed ("Wang told his Iranian counterpart"): the lead's
        # own naming, when it is the only one there
        lead = " ".join([article.title, *article.paragraphs[:1]])
        named = {found[0][2] for m in _OTHER.finditer(lead)
                 if len(found := countries.find(m.group("adj"))) == 1 and found[0][2] in sides}
        others = list(named)
    home = sides - set(others)
    return home.pop() if len(set(others)) == 1 and len(home) == 1 else None


# "Japan-China Foreign Ministers' Meeting", "Korea-China relations", "China-ROK ties": each
# government names itself first in the pair.
_PAIR = re.compile(r"\b([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s?[-\u2013]\s?"
                   r"([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?=\s+(?:[Ff]oreign|relations?|ties|[Ss]ummit|[Mm]eeting|[Aa]lliance|"
                   r"[Ss]trategic|cooperation|[Ff]ree|"
                   # "the Saudi-Chinese High-Level Joint Committee", "the Laos-China Economic
                   # Corridor": a government names its own country first in its projects too
                   r"[Hh]igh-[Ll]evel|[Jj]oint|[Ee]conomic|[Tt]rade|[Ff]riendship|[Pp]artnership|"
                   r"[Dd]ialogue|[Tt]alks|[Cc]omprehensive|[Bb]ilateral|[Dd]iplomatic))")


def _side_from_naming_order(article: Article, meeting: MeetingInfo) -> str | None:
    """The side a two-country report names first in its "A-B relations" pairs, when it does
    so at least twice and at least twice as often as the other way round."""
    sides = {p.side for p in meeting.participants if p.side and p.side != "both"}
    if len(sides) != 2:
        return None
    countries = default_countries()
    first: dict[str, int] = dict.fromkeys(sides, 0)
    for m in _PAIR.finditer(" ".join([article.title, *article.paragraphs])):
        a, b = countries.find(m.group(1)), countries.find(m.group(2))
        if len(a) == 1 and len(b) == 1 and a[0][2] in sides and b[0][2] in sides \
                and a[0][2] != b[0][2]:
            first[a[0][2]] += 1
    # ... and in "Mongolia and China", "Foreign Ministers of Mongolia, China hold talks": a
    # government's press names its own country first in any pair (round 22: Montsame, the UB
    # Post)
    for text in [article.title, *article.paragraphs]:
        found = countries.find(text)
        for (_s1, e1, a), (s2, _e2, b) in itertools.pairwise(found):
            if a != b and a in sides and b in sides and _JOINED.fullmatch(text[e1:s2]) \
                    and (text[e1:s2].strip() != "," or text is article.title):
                first[a] += 1
    (top, n), (_, m) = sorted(first.items(), key=lambda kv: kv[1], reverse=True)
    return top if n >= 2 and n >= 2 * m else None


_JOINED = re.compile(r"\s+and\s+(?:the\s+)?|\s*,\s*")  # "Saudi Arabia and the People's Republic"
