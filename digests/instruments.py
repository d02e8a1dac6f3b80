"""Named instruments: the declarations, agreements, dialogues and groups a meeting launched,
signed or cited, by their whole names ("Joint Declaration of Support for Ukraine", "High-Level
Dialogue on Climate Ambition", "Initiative on Critical and Emerging Technology", "Ukraine
Defense Contact Group", "Columbia River Treaty").

The noun runs of digests/phrases.py end at every "of", "on" and "for", and a name with no
instrument word last reads as a place in passing (strength.py's name penalty), so a new
instrument was listed as a piece of itself or not at all. Read whole, a name is capitalised
words joined by at most "of", "on", "for", "and", "the", "to", "in" and "by", with a head of
`instrument_heads` (digests/data/phrases.toml) among its capitalised words; "and the" between
two names is two names.

Measured on the White House label sets of nine relationships (round 36), before building it:
of the 62 such names in their readouts 41 are an analyst's formulation and 23 a flagged change
(rightly new in the digest then stood at 0.60).
"""

from __future__ import annotations

import re

from digests.lexicon import PhraseRules, default_rules

# a capitalised word, an abbreviation ("U.S.-Canada", "G7"), a hyphenated name ("High-Level")
_CAP = r"(?:(?:[A-Z]\.){2,}[\w'’\-–]*|[A-Z][\w'’\-–]*)"
_JOIN = r"(?:of|on|for|and|the|to|in|by)"
_NAME = re.compile(rf"(?<![\w.])({_CAP}(?:\s+(?:{_JOIN}\s+)*{_CAP})*)")
_EDGE = frozenset(["of", "on", "for", "and", "the", "to", "in", "by"])
# capitalised at a sentence's start or as a title, not part of an instrument's name
_NOT_NAME = frozenset(["the", "following", "during", "after", "before", "both", "they", "he",
                       "she", "we", "president", "prime", "minister", "chancellor", "vice",
                       "secretary", "leaders", "in", "at", "on", "as", "since", "today"])
EXTRA_HEADS = frozenset(["fund"])  # besides the lexicon's instrument heads (a council is a body)
MOST = 12  # words: past this a run of capitals is a list or a headline, not one name


def _heads(rules: PhraseRules) -> frozenset[str]:
    return frozenset(rules.instrument_heads) | EXTRA_HEADS


def instruments(text: str, rules: PhraseRules | None = None) -> list[str]:
    """The instruments named in one statement, as written."""
    rules = rules or default_rules()
    heads = _heads(rules)
    out: list[str] = []
    for m in _NAME.finditer(" ".join(text.split())):
        for part in re.split(r"\s+and\s+the\s+", m.group(1)):
            words = part.split()
            while words and (words[0].lower() in _NOT_NAME or words[0].lower() in _EDGE):
                words.pop(0)
            while words and words[-1].lower() in _EDGE:
                words.pop()
            caps = [w for w in words if w[:1].isupper()]
            if len(caps) < 2 or len(words) > MOST or not any(
                    rules.fold(w.lower().strip("'’")) in heads for w in caps):
                continue
            out.append(" ".join(words))
    return out


def is_instrument(surface: str, rules: PhraseRules | None = None) -> bool:
    """Whether a formulation is an instrument's whole name as instruments() reads it."""
    flat = " ".join(surface.split())
    return flat in instruments(flat, rules)
