"""Who said each sentence: explainable rules over reporting clauses (see bot/clauses.py).

Each sentence gets a speaker — a canonical person, "both" for a joint act, or None for narration
— and `rule` names the reason:
- `X_said`: a reporting clause at the start of a clause ("Wang said that ...", "For his part, Cho
  said ...", "Noting that ..., Park said ...", "Mr. Sullivan underscored ...", "The President
  emphasized ..."); `trailing_said` when it closes the sentence ("..., Wang said.", "...," X said);
  `said_X` for the inverted form ("..., said Wang."); `according_to` ("according to Wang").
- `pronoun`: "He said ...", "..., he added." — the last person named as a subject before it.
- `joint`: "The two sides agreed/reaffirmed/exchanged views ...", "Both leaders committed ...",
  "China and South Korea reaffirmed ...", "The President and Prime Minister X discussed ...".
  Choice: exchanging views and discussing a list of topics are joint acts too (it is what both
  did, and a user searching the Peninsula wants "The two sides exchanged views on the Peninsula"
  under both), so they are "both", never narration. A joint clause needs a past-tense verb so a
  reported "China and South Korea share close ties" stays the speaker's content.
- `paragraph_close`: a sentence earlier in a paragraph whose last sentence ends "..., said X."
- `continues`: a sentence with no clause of its own after one attributed in the same paragraph
  (Xinhua's "He noted that ... . China and South Korea share ...").
- `narration`: the subject did something, said nothing ("Wang made the remarks in a phone call
  with ...", "President Biden spoke today with ...") -> None. `none`: no clause and nothing before.
- `commentary`: journalists' analysis ("The remark is seen as ...", "analysts say", "observers
  note", "The remark comes as ...") -> None; `unnamed_source`: "a Seoul official said", "a
  source said" -> None, and a "he" after it is not the last named minister.
- `via`: "..., the ministry said" names the source; the speaker is the person in the sentence
  ("Minister Cho stated that ..., the ministry said" -> Cho via "the ministry").
- `ministry`: no person's clause, but a government's foreign ministry puts the sentence out
  ("...," the Pakistani Foreign Ministry stated) -> that government's one participant, via the
  ministry, as "the Pakistani side said" is; not a joint act or an event it narrates.
- `transcript`: a press conference, doorstop or interview transcript names who speaks before
  each turn ("FOREIGN MINISTER PENNY WONG: ...", "SECRETARY BLINKEN: ...", "Minister Kamikawa:
  ..."); every sentence of the turn, and of the paragraphs after it until the next label, is
  that speaker's, whoever the sentence itself reports (a minister telling the press what the
  other side said is the minister's account). `press`: a journalist's or moderator's turn
  ("JOURNALIST:", "QUESTION:", "Q:") -> None.
Captions, bylines, "Copyright", "RELATED STORIES", "###" and header lines are not statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.analysis.clauses import (
    ACCORDING,
    COORDINATED,
    HOSTING,
    INSTITUTION,
    INVERTED,
    MINISTRY_OPENS,
    PARTICIPLE_SPEECH,
    clauses,
)
from bot.analysis.mentions import ArticleContext, Ref, home_side
from bot.analysis.sentences import split_sentences
from bot.models import BOTH, Article, MeetingInfo, Statement
from bot.registry.people import Registry

_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .,'’\-]{1,60},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*\([^)]{2,40}\)"
    r"\s*(?:--|—|–|-)\s*"
)
# Matched on a line's first and last 40 characters only: junk announces itself there.
_JUNK_START = re.compile(
    r"(?:copyright|related (?:stories|news|articles)|editor:|source:|photo:|\(photo|###|"
    r"updated \d|share\b|print\b|read more|follow us|subscribe|file photo|\[|!\[)"
    r"|\((?:web\s+)?editors?:|by\s[^.!?]{1,60}$",
    re.IGNORECASE,
)
_JUNK_END = re.compile(r"/(?:CFP|Xinhua|VCG|Reuters|AP|AFP|Getty Images|IC|CGTN|China Daily)"
                       r"\s*\)?\.?$", re.IGNORECASE)
_LETTERS = re.compile(r"\s+(?:\w+\s+)?(?:messages|letters|notes)\b")
_JOINT_VERBS = frozenset({"discussed", "agreed", "exchanged"})
_MEDIUM = re.compile(r"phone|telephone|video|virtual")
_INVERTED_HINT = re.compile(r"(?:said|added|noted|stressed|emphasized|stated|affirmed|reiterated|"
                            r"underlined|underscored|asserted|explained|remarked|observed) [A-Z]")
_HAS_WORDS = re.compile(r"[A-Za-z]{2,}")
_SPOKES = re.compile(r"\bspokes(?:person|man|woman)\b", re.IGNORECASE)
_REPORTED = re.compile(r"(?:said|says|added|adds|stressed|emphasi[sz]ed|noted|stated|pointed|"
                       r"exchanged|told|explained|insisted|argued|expressed hope)")
# A joint clause needs a past-tense verb: "China and South Korea share close ties" is content.
_PAST = re.compile(r"^(?:(?:\w+ed|said|told|made|spoke|shared|had|held|took|gave|set|laid|put|"
                   r"remain(?:ed)?\s+committed|look(?:s|ed)?\s+forward|was|were)\b|re-)")
# A transcript's turn label opens a paragraph: an upper-case run ("FOREIGN MINISTER PENNY WONG:",
# "SECRETARY BLINKEN:") or a titled name ("Minister Kamikawa:"), then a colon.
TURN_LABEL = re.compile(r"^(?P<label>[A-Z][A-Z.,'’\- ]{0,60}[A-Z.]|(?:[A-Z][a-z.'’\-]+\s+){1,5}"
                   r"[A-Z][A-Za-z.'’\-]+(?:,(?:\s+[A-Z][a-z]+){1,4})?"
                   r"|Q|Question|Journalist|Reporter|Moderator)\s*:\s*")
_PRESS_LABELS = frozenset({"q", "question", "questions", "journalist", "journalists", "reporter",
                           "reporters", "moderator", "host", "interviewer", "presenter", "mc",
                           "participant", "audience member", "media", "press", "operator",
                           "staff", "official", "spokesperson"})
_INSTITUTION_WORDS = ("ministry", "office", "statement", "readout", "embassy", "spokesperson",
                      "agency", "government", "department")


def strip_dateline(paragraph: str) -> str:
    """A first paragraph without its "BEIJING, Dec. 24 (Xinhua) --" (the reader may keep it)."""
    return _DATELINE.sub("", paragraph.strip())


def is_statement_text(text: str) -> bool:
    """False for captions, bylines, copyright and share lines, headers: nobody's statement."""
    t = text.strip()
    if not _HAS_WORDS.search(t) or _JUNK_START.match(t[:60]) or _JUNK_END.search(t[-40:]):
        return False
    # a short line with no sentence punctuation is a header ("China", "CGTN", a section name)
    return len(t.split()) >= 5 or t[-1:] in ".!?\"”"


@dataclass
class Decision:
    target: Ref | str | None  # a person, BOTH, or None
    rule: str
    via: str | None = None
    trailing: bool = False  # the clause closes the sentence: ", said Wang." / ", Wang said."
    speech: bool = False
    # reported speech ("said", "stressed that", "exchanged views"): the words run on into the
    # next sentence; an act ("announced", "reaffirmed") does not carry over
    reported: bool = False


@dataclass
class _State:
    last_person: Ref | None = None


def _clean_run(run: str) -> str:
    run = run.strip().rstrip(".,")
    for s in ("'s", "’s"):
        run = run.removesuffix(s)
    return run


_CLOSING_TAIL = re.compile(
    r"\s*(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|"
    r"yesterday)?\s*(?:(?:in|at|during|on|while|when|after|before|via|over)\b[^,]*"
    # ("..., she said to the Globe and Mail.": whom it was said to; "agreed to resume ..." is
    # what was agreed)
    r"|to\s+(?:the\s+)?[A-Z][\w&.'’\-]*(?:\s+(?:and\s+|of\s+)?[A-Z][\w&.'’\-]*)*)?"
    r"(?:,\s*(?:adding|noting)\b.*)?[.!?\"”’]*\s*$"
)


def _is_trailing(sentence: str, end: int) -> bool:
    """Whether the clause closes the sentence (", Wang said Tuesday."), not opens its content."""
    return _CLOSING_TAIL.match(sentence, end) is not None


def _clause_rest(sentence: str, end: int) -> str:
    """The rest of a clause: up to the next comma that starts another clause or the end."""
    rest = sentence[end:]
    return re.split(r",\s+(?:which|who|in which|where|to)\b|;", rest, maxsplit=1)[0]


def _target_of(m: re.Match[str], ctx: ArticleContext, state: _State,
               verb: str) -> Ref | str | None:
    if m.group("pron"):
        low = m.group("pron").lower()
        if low in ("he", "she", "him", "her"):
            return state.last_person
        return BOTH if low == "they" and _PAST.match(verb) else None
    if m.groupdict().get("group"):
        return BOTH if _PAST.match(verb) else None
    if m.group("sidephrase"):
        # "The South Korean side said": that side's participant, when the article has one
        return _side_speaker(ctx, ctx.countries.lookup(m.group("sidecountry")
                                                       or m.group("owncountry")))
    if m.groupdict().get("pair"):
        if not _PAST.match(verb) and not m.group("entourage"):
            return None
        if "counterpart" in m.group("pair"):
            return BOTH
        if m.group("entourage"):  # "Secretary Rubio and his team reiterated": Rubio's side
            return ctx.resolve_run(_clean_run(m.group("pair").split(" and ", 1)[0]), create=True)
        left, right = m.group("pair").split(" and ", 1)
        refs = [ctx.resolve_run(_clean_run(x), create=False) for x in (left, right)]
        places = [ctx.countries.lookup(_clean_run(x).removeprefix("the ")) for x in (left, right)]
        if any(refs) or all(places) or any(w in m.group("pair") for w in ("officials", "leaders")):
            return BOTH
        return None
    run = _clean_run(m.group("run"))
    if run.endswith(("'s", "’s")) or run.lower().split(" ")[-1] in _INSTITUTION_WORDS:
        return None
    if (cid := ctx.countries.lookup(run.removeprefix("the ").removeprefix("The "))) \
            and run[:1].isupper():
        # "Pakistan reiterated that ...", "China appreciated ...": Xinhua names a government
        # for its minister at the meeting, as "the Chinese side" does; in the past tense only
        # ("China and South Korea share close ties" is what a speaker says of both)
        before = m.string[:m.start("subj")].rstrip()
        return _side_speaker(ctx, cid) if _PAST.match(verb) and not before.endswith(" and") \
            else None
    return ctx.resolve_run(run, create=True)


_EVENT_AFTER = re.compile(r"[^,.;]{0,30}?(?:\bthat\s+)?[^,.;]{0,60}?"
                          r"\b(?:held|met|spoke|had\s+an?)\b")


_BOTH_NAMED = re.compile(r"\bcounterparts?\b|\b(?:two|both)\s+(?:ministers|sides|leaders"
                         r"|foreign\s+ministers|countries)\b", re.IGNORECASE)


def _ministry_speaker(sentence: str, inst: re.Match[str] | None,
                     ctx: ArticleContext) -> tuple[Ref, str] | None:
    """The participant whose government's ministry a sentence quotes, and the ministry."""
    if (opens := MINISTRY_OPENS.match(sentence)) is not None:
        if _EVENT_AFTER.match(sentence, opens.end()):
            return None  # "... said that the top diplomats held a three-hour meeting": narration
        where = opens.group("m")
    elif inst is not None:
        where = next(g for g in inst.groups() if g).strip()
    else:
        return None
    if "ministry" not in where.lower() and "foreign office" not in where.lower():
        return None
    if _BOTH_NAMED.search(sentence):
        return None  # "X and his Chinese counterpart ... have agreed": both, not one side
    found = {cid for *_, cid in ctx.countries.find(where)}
    person = _side_speaker(ctx, found.pop()) if len(found) == 1 else None
    return (person, where) if person is not None else None


# A sentence opening with a country (or "the Chinese side", "the Government of Japan") that
# states a position: a stance verb, or being ready, willing or committed to something.
_COUNTRY_STANCE = re.compile(
    r"^(?:The\s+)?(?:Government\s+of\s+)?(?P<c>[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+)?)"
    r"(?:\s+side|\s+government)?\s+"
    r"(?:(?:highly|fully|deeply|firmly|always|strongly|sincerely|warmly|greatly|significantly|"
    r"also|still|consistently|unswervingly)\s+)*"
    r"(?:appreciates|welcomes|values|supports|opposes|respects|hopes|expects|wants|believes|"
    r"attaches|calls\s+on|urges|condemns|rejects|thanks|congratulates|looks\s+forward|"
    r"reaffirms|reiterates|stands\s+ready|stands\s+with|is\s+(?:ready|willing|committed|"
    r"prepared)|remains\s+(?:committed|ready)|will\s+(?:always|never|continue|firmly|"
    r"unswervingly|work|remain|stand)|has\s+always|never|does\s+not|cannot|will\s+not)\b")


_STANCE_AFTER = re.compile(r"\s+(?:also\s+)?(?:appreciates|welcomes|values|supports|thanks|"
                           r"hopes|looks\s+forward|is\s+ready|stands\s+ready)\b")


def _country_stance(sentence: str, ctx: ArticleContext) -> Ref | None:
    """The participant whose country opens a sentence stating its position, or None."""
    m = _COUNTRY_STANCE.match(sentence)
    if m is None:
        return None
    found = {cid for *_, cid in ctx.countries.find(m.group("c"))}
    if len(found) != 1:
        return None
    cid = found.pop()
    # "China supports South Korea in hosting ..., for which South Korea appreciates ...": both
    # governments' positions in one sentence, no one side's
    for _start, end, other in ctx.countries.find(sentence[m.end():]):
        if other != cid and _STANCE_AFTER.match(sentence, m.end() + end):
            return None
    return _side_speaker(ctx, cid)


def _side_speaker(ctx: ArticleContext, cid: str | None) -> Ref | None:
    """The one participant of a country at the meeting, or None."""
    on_side = [r for n, r in ctx.refs.items() if n in ctx.participants and r.side == cid]
    return on_side[0] if cid and len(on_side) == 1 else None


# Journalists' analysis and unnamed sources: no speaker of the meeting ever said these.
_COMMENTARY = re.compile(
    r"\b(?:is|are|was|were|being)\s+(?:widely\s+|largely\s+|also\s+)?(?:seen|viewed|regarded|"
    r"interpreted|analy[sz]ed|considered|thought|believed|understood|expected)\s+(?:as|to)\b"
    r"|\b(?:analysts?|observers?|experts?|critics?|commentators?|pundits?)\s+(?:\w+\s+)?"
    r"(?:say|says|said|note|noted|notes|believe|believed|suggest|suggested|warn|warned|point)"
    r"|^(?:The|This|That|Their|His|Her)\s+(?:remarks?|comments?|meeting|talks|call|visit|move|"
    r"statement|development)\s+(?:comes?|came)\s+(?:as|amid|after|days|weeks|at\s+a\s+time)\b"
    r"|^(?:The|This)\s+(?:meeting|talks|call)\s+(?:is|was)\s+(?:significant|notable|seen)\b"
    r"|\baccording\s+to\s+(?:analysts|observers|experts|sources|diplomatic\s+sources)\b",
    re.IGNORECASE,
)
_UNNAMED = re.compile(
    r"\b(?:a|an|one|another|some|several|two|other)\s+(?:[\w-]+\s+){0,3}"
    r"(?:official|officials|source|sources|diplomat|diplomats|insider|insiders|aide|aides)\b"
    r"(?:\s+(?:\w+\s+){0,6}?(?:said|says|told|noted|added|explained|stressed|speaking))"
    r"|\b(?:officials|sources|diplomats)\s+(?:said|say|told|noted)\b",
    re.IGNORECASE,
)
_NAMED_RULES = ("X_said", "said_X", "trailing_said", "according_to")


def commentary(sentence: str, d: Decision) -> Decision | None:
    """The journalists' or an unnamed source's sentence: speaker None, rule `commentary` (or
    `unnamed_source`). A sentence a named person says ("..., Wang said") stays theirs."""
    if d.rule in _NAMED_RULES and isinstance(d.target, Ref) and not _UNNAMED.search(sentence):
        return None
    if _UNNAMED.search(sentence):
        return Decision(None, "unnamed_source", d.via)
    if _COMMENTARY.search(sentence):
        return Decision(None, "commentary", d.via)
    return None


def decide(sentence: str, ctx: ArticleContext, state: _State) -> Decision:
    d = _decide(sentence, ctx, state)
    other = commentary(sentence, d)
    if other is None:
        return d
    if other.rule == "unnamed_source":
        state.last_person = None  # "He added ..." next is the unnamed source, not the minister
    return other


def _decide(sentence: str, ctx: ArticleContext, state: _State) -> Decision:
    via = None
    low = sentence.lower()
    inst = INSTITUTION.search(sentence) if any(w in low for w in _INSTITUTION_WORDS) else None
    if inst:
        via = next(g for g in inst.groups() if g).strip()
        via = via if via[0].isupper() and not via.startswith("The ") else via.lower()
    cands: list[tuple[int, Decision, Ref | None]] = []
    relayed: dict[int, str] = {}  # where a spokesperson's clause starts -> who
    for m in clauses(sentence):
        group_act = False
        speech = m.group("speech") is not None
        verb = m.group("speech") or m.group("narr")
        if verb == "welcomed" and HOSTING.match(sentence, m.end()):
            speech = False
        elif speech and verb.startswith(("had ", "held ")) and _MEDIUM.search(verb):
            speech = False  # "held a phone conversation" is the event, not what was said
        elif verb.startswith("exchange") and _LETTERS.match(sentence, m.end()):
            speech = False  # "exchanged congratulatory messages" is the event
        elif not speech and m.group("narr").startswith(("spoke", "met", "held", "called")):
            # "X spoke with Y and reaffirmed ...": X says something in the same clause
            coord = COORDINATED.search(_clause_rest(sentence, m.end()))
            if coord:
                speech, verb = True, coord.group("speech")
                if verb in _JOINT_VERBS and " with " in sentence[m.end():coord.start() + m.end()]:
                    group_act = True  # "X held talks with Y and discussed ...": both did
        if not speech and (m.group("narr") or "").startswith(("made", "met", "held", "spoke")) \
                and (part := PARTICIPLE_SPEECH.search(sentence, m.end())) is not None:
            # "Wang made the remarks at the talks with Dar, adding that ...": his words
            speech, verb = True, part.group(0).lstrip(", ")
        target = _target_of(m, ctx, state, verb)
        if target is None:
            continue
        person = target if isinstance(target, Ref) else None
        if group_act:
            target = BOTH
        if m.group("pron"):
            rule = "pronoun"
        elif target == BOTH:
            rule = "joint"
        elif _is_trailing(sentence, m.end()) and m.start("subj") > 0:
            rule = "trailing_said"
        else:
            rule = "X_said"
        if not speech:
            rule = "narration"
        reported = speech and bool(_REPORTED.match(verb))
        if person is not None and _SPOKES.search(m.group("subj")):
            relayed[m.start("subj")] = person.name
        # ("..., including trade issues,” she said to the Globe and Mail.": a pronoun closing
        # the paragraph's quotation closes it as a name would)
        closes = rule == "trailing_said" or (
            rule == "pronoun" and m.start("subj") > 0 and _is_trailing(sentence, m.end()))
        cands.append((m.start("subj"), Decision(target if speech else None, rule, via,
                                                closes, speech, reported),
                      person))
    inverted = INVERTED.finditer(sentence) if _INVERTED_HINT.search(sentence) else ()
    for m in inverted:
        target = ctx.resolve_run(_clean_run(m.group("run")), create=True)
        if target is not None:
            cands.append((m.start(), Decision(target, "said_X", via, True, True, True), target))
    for m in ACCORDING.finditer(sentence) if "ccording to" in sentence else ():
        if m.group("pron"):
            target = state.last_person
        else:
            target = ctx.resolve_run(_clean_run(m.group("run")), create=True)
        if target is not None:
            cands.append((m.start(), Decision(target, "according_to", via, True, True, True),
                          target))
    cands.sort(key=lambda c: c[0])
    speech = [c for c in cands if c[1].speech]
    # "The two sides should ..., Wang said": a named speaker closing the sentence says it; the
    # two sides are its content, not a joint act.
    named = [c for c in speech if c[1].rule in ("trailing_said", "said_X") and c[2] is not None]
    if speech and speech[0][1].target == BOTH and named:
        speech = named
    if len(speech) > 1 and speech[0][0] in relayed and speech[1][2] is not None:
        # "Spokesperson Guo Jiakun conveyed that during the calls, Foreign Minister Wang Yi
        # emphasized ...": the minister said it, the spokesperson relayed it
        pos, dec, person = speech[1]
        speech = [(pos, replace(dec, via=dec.via or relayed[speech[0][0]]), person)]
    if not cands and (ministry := _ministry_speaker(sentence, inst, ctx)) is not None:
        # "..., the Pakistani Foreign Ministry stated.": as "the Pakistani side said", that
        # government's one participant, via its ministry
        person, where = ministry
        speech = [(0, Decision(person, "ministry", where, True, True, True), person)]
    if not cands and not speech and (country := _country_stance(sentence, ctx)) is not None:
        # "China appreciates Pakistan's unswerving commitment ...", "Malaysia is ready to join
        # hands with China ...": a government stating its position in its own readout's voice
        # is its one participant's (the minister's words, the reporting verb left out)
        speech = [(0, Decision(country, "country", via, False, True, False), country)]
    chosen = speech[0] if speech else (cands[0] if cands else None)
    # the last person acting as a subject up to the chosen clause is who "he" means next
    for pos, _, person in cands:
        if person is not None and (chosen is None or pos <= chosen[0]):
            state.last_person = person
    if chosen is None:
        return Decision(None, "none", via)
    return chosen[1]


def _statement(pi: int, si: int, text: str, d: Decision) -> Statement:
    if isinstance(d.target, Ref):
        speaker, side = d.target.name, d.target.side
    elif d.target == BOTH:
        speaker, side = BOTH, BOTH
    else:
        speaker = side = None
    return Statement(pi, si, text, speaker, side, via=d.via, rule=d.rule)


def build_context(article: Article, meeting: MeetingInfo, registry: Registry) -> ArticleContext:
    ctx = ArticleContext(registry, meeting.event_date or article.published, home_side(article),
                         participants=[p.name for p in meeting.participants])
    for p in meeting.participants:
        person = registry.by_id.get(p.person_id or "") or registry.by_name(p.name)
        title = " ".join(person.titles_on(ctx.on)) if person else ""
        ctx.add(Ref(person.name if person else p.name, p.side, title, person), primary=True)
    for para in article.paragraphs:
        ctx.find(para)
    return ctx


_NO_TURN = object()


def spoken_label(paragraph: str) -> str | None:
    """The label of a transcript turn opening the paragraph, as a title and name ("Foreign
    Minister Penny Wong" from "Penny Wong, Foreign Minister:"), "press" for a journalist's or
    moderator's turn; None when the paragraph opens with no label."""
    m = TURN_LABEL.match(paragraph)
    if m is None:
        return None
    label = " ".join(m.group("label").split()).strip(".")
    if label.lower() in _PRESS_LABELS:
        return "press"
    if "," in label:  # "Penny Wong, Foreign Minister": the title before the name
        name, _, title = label.partition(",")
        label = f"{title.strip()} {name.strip()}"
    return label


def turn_label(paragraph: str, ctx: ArticleContext) -> tuple[object, str] | None:
    """A transcript turn opening the paragraph: (speaker or None for the press, the rest of the
    paragraph), else None. A label is a turn only when it names a person of the article (a
    titled name) or the press: "Subjects: ...", "Note: ..." and "Beijing: ..." are not."""
    label = spoken_label(paragraph)
    if label is None:
        return None
    rest = paragraph[TURN_LABEL.match(paragraph).end():]  # type: ignore[union-attr]
    if label == "press":
        return None, rest
    run = label.title() if label.isupper() else label
    if " " not in run and not label.isupper():
        return None  # "Wang: ..." as a headline shape is not a transcript turn
    ref = ctx.resolve_run(run, create=True)
    if ref is None and label.isupper() and " " not in label:
        ref = ctx.resolve_run(run, create=False)  # "WONG:" once the article has named her
    if ref is None:
        return None
    return ref, rest


def attribute(article: Article, meeting: MeetingInfo, registry: Registry) -> list[Statement]:
    ctx = build_context(article, meeting, registry)
    state = _State()
    if meeting.participants:
        state.last_person = ctx.refs.get(meeting.participants[0].name)
    out: list[Statement] = []
    title = " ".join(article.title.split()).lower()
    turn: object = _NO_TURN  # the speaker of the transcript turn under way, None for the press
    paras = [strip_dateline(p) for p in article.paragraphs]
    turns = [turn_label(p, ctx) for p in paras]
    upper = any(t is not None and (spoken_label(p) or "").isupper()
                for p, t in zip(paras, turns, strict=True))
    if sum(t is not None for t in turns) < 2 and not upper:
        # A transcript alternates turns; one "Wang Yi: ..." line is a quote or a sub-heading.
        # A transcript's upper-case label ("FOREIGN MINISTER PENNY WONG:") is its own mark,
        # even when the page was saved cut after the first answer.
        turns = [None] * len(paras)
    quoted_by: Ref | None = None  # who spoke last in the paragraph before
    for pi, (para, opened) in enumerate(zip(paras, turns, strict=True)):
        if not is_statement_text(para) or (title and " ".join(para.split()).lower() == title):
            continue  # a headline repeated as the first paragraph is not a statement
        if opened is not None:
            turn, para = opened
            if not para.strip():
                continue  # the label on a line of its own: the turn is the paragraphs after it
        sents = [s for s in split_sentences(para)]
        if turn is not _NO_TURN:
            speaker = turn if isinstance(turn, Ref) else None
            decisions: list[Decision | None] = [
                Decision(speaker, "transcript" if speaker else "press", None, False, True, True)
                if is_statement_text(s) else None for s in sents]
            if speaker is not None:
                state.last_person = speaker
        else:
            decisions = [decide(s, ctx, state) if is_statement_text(s) else None for s in sents]
            _fill_paragraph(decisions)
            real = [d for d in decisions if d is not None]
            if real and quoted_by is not None and para.lstrip()[:1] in _OPEN_QUOTES \
                    and all(d.rule == "none" for d in real):
                # a paragraph that is all quotation, right after one a person spoke in ("“It's
                # not the government. ...”" after "..., she said to the Globe and Mail."):
                # the news story's way of letting the same person go on
                for d in real:
                    d.target, d.rule, d.speech = quoted_by, "quote_continues", True
        last = next((d for d in reversed(decisions) if d is not None), None)
        quoted_by = last.target if last is not None and last.speech \
            and isinstance(last.target, Ref) else None
        for si, (sent, d) in enumerate(zip(sents, decisions, strict=True)):
            if d is not None:
                out.append(_statement(pi, si, sent, d))
    return out


_OPEN_QUOTES = ("“", '"')


def _fill_paragraph(decisions: list[Decision | None]) -> None:
    """Paragraph closes and continuations for sentences with no reporting clause."""
    real = [d for d in decisions if d is not None]
    if len(real) > 1 and real[-1].trailing and real[-1].target is not None:
        closer = real[-1]
        for d in real[:-1]:
            if d.rule == "none":
                d.target, d.rule = closer.target, "paragraph_close"
    prev: Decision | None = None
    speaker: Decision | None = None  # the paragraph's last reported speech of a person
    for d in real:
        if d.rule == "none" and prev is not None and prev.reported and prev.target is not None:
            d.target, d.rule, d.speech, d.reported = prev.target, "continues", True, True
        elif d.rule == "none" and prev is not None and prev.rule == "pronoun" \
                and prev.target == BOTH and speaker is not None:
            # "Wang Yi said that when the leaders met ... . During her visit, they proposed
            # ... . Thanks to joint efforts, relations have ...": a "they" recounted inside
            # someone's speech does not end it
            d.target, d.rule, d.speech, d.reported = speaker.target, "continues", True, True
        if d.reported and d.target not in (None, BOTH):
            speaker = d
        prev = d
