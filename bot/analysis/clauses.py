"""The reporting clauses attribution looks for, precompiled once.

A reporting clause is a subject (a person, a pronoun, a role such as "The President", or a group
such as "The two sides") followed by a verb. Verbs are of two kinds:
- speech/stance verbs ("said", "stressed", "underscored", "reaffirmed", "agreed", "discussed"):
  the subject is asserting something, so it is the speaker;
- narrative verbs ("met", "spoke with", "held a call", "made the remarks"): the sentence reports
  an event, so nobody is asserting anything (speaker None) — but the subject is still the last
  person named, for a following "He ...".
A clause counts only where a clause can begin: the sentence start (after an optional adverb
such as "Today" or "Together"), or after ", ", "; ", ": ", a closing quote, "and ", "which ".
"""

from __future__ import annotations

import re

from bot.analysis.mentions import RUN

SPEECH_VERBS = r"""said|says|added|adds|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underscored|
underscores|underlined|highlighted|highlights|noted|notes|stated|states|expressed|expresses|
express|reaffirmed|reaffirms|reaffirm|reiterated|reiterates|reiterate|affirmed|welcomed|welcomes|
welcome|conveyed|conveys|urged|urges|called\s+(?:on|for|upon)|calls\s+(?:on|for)|raised|voiced|
hoped|hopes|praised|thanked|congratulated|condemned|commended|made\s+clear|makes\s+clear|
shared|share|agreed|agree|agrees|vowed|vow|pledged|pledge|committed|commit|proposed|suggested|
told|briefed|updated|offered|invited|recogni[sz]ed|acknowledged|applauded|encouraged|described|
explained|outlined|asked|requested|announced|assured|confirmed|insisted|warned|believes|
believed|indicated|mentioned|observed|recalled|appreciated|looked\s+forward|look\s+forward|
looks\s+forward|discussed|discuss|exchanged|exchange|talked|reviewed|review|spoke\s+(?:about|of)|
denounced|reinforced|lauded|echoed|argued|maintained|declared|accepted|extended|reflected|
promised|signal+ed|wished|hailed|remarked|responded|replied|pointed\s+out|points\s+out|
wrote|writes|posted|tweeted|termed|terms|has\s+said|have\s+said|
protested|protests|made\s+(?:a\s+|strong\s+)?protests?|lodged\s+(?:a\s+|solemn\s+|strong\s+)?
(?:protests?|representations)|took\s+up|takes\s+up|
reported|emphasised|celebrated|commemorated|consulted|considered|concurred|decided|determined|
identified|stated|spoke\s+to\s+the|pressed|opposed|rejected|criticized|criticised|
acknowledged|cited|addressed|detailed|previewed|reviewed|taken\s+note|took\s+note|made\s+the\s+case|
also\s+noted|underlined|sought|supported|endorsed|discussed|agreed|set\s+out|laid\s+out|
welcomed|recommitted|renewed|restated|urged|advocated|affirmed|assessed|agreed|praised|
directed|instructed|tasked|informed|provided\s+an?\s+update|provided\s+updates|gave\s+an?\s+update|
took\s+stock|followed\s+up|coordinated|focused\s+on|explored|re-affirmed|re-committed|
(?:was|were)\s+clear|revealed|reveals|clarified|clarifies|decried|decries|
spoke\s+highly\s+of|speaks\s+highly\s+of|had\s+told|has\s+told|
went\s+on\s+to\s+(?:say|add|stress|assure|note|warn|urge|emphasi[sz]e|underline)|(?:put|placed|laid)\s+(?:an?\s+|special\s+|particular\s+)?emphasis\s+on|(?:was|were)\s+quoted\s+as\s+saying|remain(?:ed)?\s+committed|(?:had|held)\s+(?:an?\s+)?(?:[\w,\-]+\s+){0,5}?(?:discussions?|conversations?|
exchanges?\s+of\s+views|dialogue)"""
NARRATIVE_VERBS = r"""met|meets|meet|spoke|speaks|speak|held|holds|hold|hosted|hosts|host|
convened|convenes|traveled|travelled|visited|visits|received|receives|attended|attends|joined|
joins|participated|made\s+(?:the|these|those)\s+remarks|arrived|departed|called|calls|will|was|
were|is|are|has|have|had|led|leads|signed|delivered|gave|began|concluded|opened|closed|chaired"""

_ADVERBS = r"""also|further|again|then|later|separately|additionally|repeatedly|strongly|firmly|
briefly|personally|both|each|jointly|warmly|specifically|likewise|too|once\s+again|further|
specially|especially|particularly|directly|privately|publicly|fully|all|clearly|together|
expressly|explicitly|similarly|equally|in\s+turn|earlier|today|yesterday|subsequently|
quickly|immediately|promptly|once\s+more|candidly|frankly|openly"""
_TIME = (r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
         r"|\s+today|\s+yesterday|\s+on\s+[A-Z][a-z]+\s+\d{1,2})")
_GROUP = (r"(?:(?:(?:the|The|Both|both|All|all|Together\s+the|Together,\s+the)\s+)?"
          r"(?:two|three|four|five|several|respective|[A-Z][A-Za-z\-]+)?\s*"
          r"(?:sides|leaders|ministers|foreign\s+ministers|presidents|prime\s+ministers|"
          r"delegations|participants|officials|ambassadors|counterparts|parties|governments|"
          r"teams|heads\s+of\s+state|Participants|Leaders|Ministers|countries|nations|NSAs|"
          # the Russian ministry's "The Sides noted ...", "The meeting participants ..."
          r"Sides|Parties|meeting\s+participants|"
          r"partners|pair|group|FMs)"
          r"|(?:The|the)\s+(?:two|three|four|pair)|Both)"
          r"(?:\s+and\s+their\s+(?:teams|delegations))?")
_PRONOUN = r"(?:He|he|She|she|They|they|We|we)"
_APPOSITIVE = (r"(?:,\s*(?:for\s+(?:his|her|their)\s+part|also\s+[^,]{3,160}|who\s+[^,]{3,160}|"
               r"in\s+turn|too|however|meanwhile|[a-z]+ing\s+[^,]{3,120}|as\s+[^,]{3,80}"
               # "Lü Chao, an expert on ..., told"; "Cho, South Korea's foreign minister, said"
               r"|(?:an?|the)\s+[^,]{3,160}|[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?['’]s\s+[^,]{3,80}"
               # "Qin Gang, Chinese State Councilor and Foreign Minister, said": a bare title
               r"|(?:[A-Z][\w\-]*\s+){0,3}(?:State\s+Councilor|Foreign\s+Minister|Minister|"
               r"Secretary|President|Vice\s+President|Prime\s+Minister|Ambassador|Director|"
               r"Chairman|Spokesperson|Spokesman|Spokeswoman|Adviser|Envoy)\b[^,]{0,100}),)?")
# Where a clause can begin: after these (and at the sentence start). Matching only there, rather
# than scanning every position with look-behinds, is what keeps attribution fast.
_BOUNDARY = re.compile(r"(?:[,;:][”\"]?|[”\"]|--|—) ?(?:(?:and|which|where|whom|when) )?"
                       r"|\s(?:and|which|where|whom|when)\s")
_LEAD = (r"(?:(?:Today|Yesterday|Together|Also|Later|Separately|Additionally|Finally|Earlier|"
         r"Meanwhile|Then|In addition|Further|Furthermore|Moreover|Similarly|Likewise)"
         r",?\s+)?")


def _alt(words: str) -> str:
    """Alternatives longest first (so "spoke about" wins over "spoke"); "|" inside groups kept."""
    parts, depth, cur = [], 0, ""
    for ch in words.replace("\n", ""):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    parts.append(cur.strip())
    return "|".join(sorted(set(parts), key=len, reverse=True))


# "Park Jin and his Chinese counterpart(, Wang Yi,)": a pair whose second half is a role
_COUNTERPART = (rf"(?:his|her|their)\s+(?:[A-Z][\w\-]+\s+)?counterparts?"
                rf"(?:,\s*{RUN},|\s+{RUN})?")
_SUBJECT = (rf"(?P<subj>(?P<pair>(?:the\s+|The\s+)?{RUN}\s+and\s+"
            rf"(?:{_COUNTERPART}|(?P<entourage>(?:his|her)\s+(?:team|delegation|staff))"
            rf"|the\s+(?:\w+\s+)?(?:[A-Z]\w+|leaders|officials)|(?:the\s+|his\s+|her\s+)?{RUN}))"
            rf"|(?P<group>{_GROUP})|(?P<pron>{_PRONOUN})"
            # "The South Korean side", "The Chinese top diplomat", "the visiting ROK minister"
            # ... "Malaysia's top diplomat", "Pakistan's foreign minister" (no name after)
            rf"|(?P<sidephrase>(?:(?:the|The)\s+(?:visiting\s+)?"
            rf"(?P<sidecountry>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)"
            rf"|(?P<owncountry>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)['’]s)\s+"
            rf"(?:side|top\s+diplomat|foreign\s+minister|[Ff]oreign\s+[Mm]inister|minister|FM"
            rf"|envoy|leader|president|premier|counterpart))"
            # "Chinese Foreign Ministry spokesperson Mao Ning said": a lower-case role word
            # "Top Chinese diplomat Wang Yi", "senior Chinese diplomat Wang Yi"
            rf"|(?:(?:[Tt]op|[Ss]enior|[Vv]isiting)\s+(?:[A-Z][\w\-]+\s+){{0,2}}"
            rf"(?:diplomat|envoy|official)\s+)?"
            rf"(?P<run>(?:(?:[A-Z][\w\-]+\s+){{1,4}}(?:spokesperson|spokesman|spokeswoman)\s+)?"
            rf"(?:the\s+|The\s+)?{RUN}))")

# "Minister Iwaya during the meeting expressed ...": where, between the subject and the verb
# ("Wang Yi in his meeting with External Affairs Minister S Jaishankar in Jakarta has said")
_DURING = (r"(?:\s+(?:during|at|in)\s+(?:the|his|her|their)\s+"
           r"(?:meeting|talks|call|phone\s+call|conversation)(?:\s+with\s+[^,.;]{3,80}?)?)")
_CLAUSE_AT = re.compile(
    rf"(?=[A-Za-z]){_LEAD}{_SUBJECT}{_APPOSITIVE}{_TIME}?{_DURING}?"
    rf"(?:\s+(?:{_alt(_ADVERBS)}))*\s+"
    rf"(?:(?P<speech>(?:{_alt(SPEECH_VERBS)}))|(?P<narr>(?:{_alt(NARRATIVE_VERBS)})))\b"
)


def clauses(sentence: str) -> list[re.Match[str]]:
    """Every reporting clause that starts where a clause can start, left to right."""
    found = []
    starts = [0, *(m.end() for m in _BOUNDARY.finditer(sentence))]
    for pos in starts:
        m = _CLAUSE_AT.match(sentence, pos)
        if m:
            found.append(m)
    return found


# ", said Wang." / ", said Wang, also a member of ...": the inverted reporting clause.
INVERTED = re.compile(
    rf"(?:,|,”|,\")\s+(?:said|added|noted|stressed|emphasized|stated|affirmed|reiterated"
    rf"|underlined|underscored|asserted|explained|remarked|observed)\s+"
    rf"(?P<subj>(?P<run>(?:the\s+|The\s+)?{RUN}))(?=\s*(?:[,.;]|$|\s+(?:in|on|at|during)\b))"
)
ACCORDING = re.compile(
    rf"\b[Aa]ccording\s+to\s+(?P<subj>(?P<pron>him|her)|(?P<run>(?:the\s+)?{RUN}))"
)
# "..., the ministry said." — an institution put the words out; the person is found elsewhere.
INSTITUTION = re.compile(
    r"(?:,|,”|,\")\s+(?P<d>[A-Z][\w\-]+['’]s\s+(?:office|ministry|spokesperson))\s+"
    r"(?:said|added|stated|noted)"
    r"|(?:,|,”|,\")\s+(?:said|added|stated|noted)\s+(?P<a>the\s+[\w\s']{0,40}?"
    r"(?:ministry|office|statement|readout|embassy|spokesperson|agency|government|department))"
    r"|(?:,|,”|,\")\s+(?P<b>the\s+[\w\s']{0,40}?(?:ministry|office|statement|readout|embassy|"
    r"spokesperson|agency|government|department))\s+(?:said|added|stated|noted)"
    r"|according\s+to\s+(?P<c>the\s+[\w\s']{0,40}?(?:ministry|office|statement|readout|embassy|"
    r"spokesperson|agency|government|department))",
    re.IGNORECASE,
)
# "The Ministry of Foreign Affairs of Pakistan in a statement said that ...", "Pakistan's
# Foreign Ministry said ...": a government's ministry opening the sentence (the closing forms
# are INSTITUTION's)
MINISTRY_OPENS = re.compile(
    r"^(?:The\s+|the\s+)?(?P<m>(?:[A-Z][\w\-]+\s+){0,2}Foreign\s+Ministry"
    r"|Ministry\s+of\s+Foreign\s+Affairs(?:\s+of\s+(?:the\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)?"
    r"|[A-Z][\w\-]+['’]s\s+[Ff]oreign\s+[Mm]inistry)(?:\s+in\s+a\s+statement)?"
    r"(?:\s+(?:also|further))?\s+(?:said|stated|added|noted|stressed|emphasi[sz]ed|underlined)\b")
# "Wang made the remarks ..., adding that ...": what the narrated subject went on to say
PARTICIPLE_SPEECH = re.compile(r",\s+(?:adding|noting|saying|stressing|stating|emphasi[sz]ing"
                               r"|underlining|reiterating|pointing\s+out)\b")
# "X spoke with Y and reaffirmed ...": a speech verb coordinated with the narrative one.
COORDINATED = re.compile(r"\s+and\s+(?:also\s+)?(?P<speech>reaffirmed|reiterated|underscored|"
                         r"said|stated|told|added|underlined|highlighted|"
                         r"emphasi[sz]ed|stressed|expressed|conveyed|discussed|welcomed|"
                         r"condemned|praised|thanked|noted|affirmed|raised|urged)\b")
# "welcomed President-elect X to the White House" is a meeting, not a welcome of a policy.
HOSTING = re.compile(r"\s+[A-Z][^,.;]{0,120}?\bto\s+(?:the\s+)?(?:White\s+House|[A-Z][a-z]+)\b")
