"""Congratulations said to the other side: "congratulate him on his re-election", "congratulated
Chancellor Merkel on over 16 years of leadership", "offered his congratulations on her
appointment".

A readout in a head of government's house style carries news in them: a first congratulation on
an election, on an agreement reached, on a national day. The noun runs of digests/phrases.py cut
them at the pronoun and the preposition ("re-election") and the undertakings of
digests/proposals.py run on past what the congratulation is for ("... victory in the September 20
federal elections"); neither is the formulation an analyst writes down.

A congratulation is its verb and what it is for, up to the first clause boundary or a second
preposition ("on the Liberal Party's victory | in the September 20 federal elections"), at most
`WHAT_MOST` words. Whom it is addressed to is left out of the key (the meeting names the
other side, and a later readout's congratulation is the same one only when it is for the same
thing) and, but for a pronoun ("congratulate him on ..."), out of what is shown.

Measured on the White House label sets of nine relationships (round 36): rightly new 363/610 ->
369/620, flagged changes caught 244 -> 248 of 556. Thanks and praise found the same way
("thanked the Amir for his leadership", "expressed appreciation for Qatar's role") were tried
too: 13 of 38 listed were an analyst's formulation (377/648, 250), so they are not taken.
"""

from __future__ import annotations

import re

# the verb of the act, in the forms a readout uses, or a verb with "congratulations"
_VERB = r"congratulat(?:e|ed|es|ing)"
_NOUN = (r"(?:express(?:ed|es|ing)?|convey(?:ed|s|ing)?|offer(?:ed|s|ing)?|extend(?:ed|s|ing)?)"
         r"(?:\s+(?:his|her|their|our|the|its|warm|warmest|sincere|heartfelt))*"
         r"\s+congratulations")
# whom: a pronoun, or up to five words of a name or title ("the Amir", "President el-Sisi",
# "Prime Minister Kishida", "His Majesty", "the people of Türkiye")
_WHOM = (r"(?:him|her|them|us|(?:the\s+)?(?:[A-Z][\w'’.-]*|of)"
         r"(?:\s+(?:[A-Z][\w'’.-]*|of|the)){0,4})")
# what it is for runs to the clause's end; "U.S." is one word, not a full stop
_ACT = re.compile(
    rf"\b(?P<verb>{_VERB}|{_NOUN})(?:\s+(?:to\s+)?(?P<whom>{_WHOM}))?"
    rf"\s+(?P<prep>on|for)\s+(?P<what>(?:(?:[A-Z]\.){{2,}}|[^.;:!?()\[\]\"“”])+)")
# words after which what the act is for has ended: another preposition (but "of"), a clause
# word, "and" before a verb that opens the next clause ("... re-election and discussed ...")
_STOP = frozenset([
    "in", "on", "at", "during", "throughout", "as", "amid", "with", "to", "since", "after",
    "before", "following", "over", "under", "across", "by", "from", "into", "through",
    "including", "which", "who", "that", "while", "when", "where", "because", "and", "but",
    "for", "toward", "towards", "against", "between", "among", "within", "despite"])
WHAT_MOST = 7  # words of what the act is for: past this it is a clause, not a formulation
# an "and" before a past-tense verb opens the next clause; before anything else it joins two
# things the congratulation is for ("his appointment and the formation of a coalition")
_NEXT_CLAUSE = re.compile(r"\w+ed$|looks?$|will$|to$")
_LOOSE_END = ("the", "a", "an", "of", "his", "her", "their", "its", "our")


def acknowledgements(text: str) -> list[tuple[str, str]]:
    """The congratulations of one statement: (what it is for, the words as shown)."""
    flat = " ".join(text.split())
    out: list[tuple[str, str]] = []
    for m in _ACT.finditer(flat):
        whom = m.group("whom") or ""
        if whom and whom.split()[-1].lower() in ("of", "the"):
            continue  # a name cut in the middle
        words = m.group("what").split(",")[0].split()  # it ends at the first comma
        what: list[str] = []
        for i, word in enumerate(words):
            low = word.lower()
            if what and low in _STOP and (low != "and" or i + 1 >= len(words)
                                           or _NEXT_CLAUSE.match(words[i + 1].lower())):
                break
            what.append(word)
        while what and what[-1].lower() in _LOOSE_END:
            what.pop()
        if not what or len(what) > WHAT_MOST or all(w.lower() in _LOOSE_END for w in what):
            continue
        # a pronoun stays ("congratulate him on his re-election" reads as a sentence's words);
        # a name or a title is left out
        pronoun = f" {whom}" if whom.lower() in ("him", "her", "them") else ""
        out.append((" ".join(what),
                    f"{m.group('verb')}{pronoun} {m.group('prep')} {' '.join(what)}"))
    return out


def is_acknowledgement(surface: str) -> bool:
    """Whether a formulation is a congratulation as acknowledgements() shows it (not a longer
    run that begins with one)."""
    flat = " ".join(surface.split())
    return any(shown == flat for _what, shown in acknowledgements(flat))
