"""Tone as stance, from a weighted lexicon of diplomatic cues (data/tone.toml).

A readout's tone is not its sentiment: "hopes the ROK side will pursue a positive, objective and
friendly policy towards China" is a demand in warm words, and "send more objective and positive
messages" a complaint. So cues come in five kinds, each a table of tone.toml: `warmth`
(positive weights) against `demand`, `complaint`, `condition` and `warning` (negative weights).
Country names are read as the word "country" before matching, so one cue ("hopes the country
side will") covers every counterpart.

Deliberately not a sentiment model: "increasing difficulties" and "momentum of improvement" are
the signal, and an analyst must be able to see and correct every weight. A statement's score is
the sum of its cue weights (longest cue first, so "momentum of improvement" counts once, not as
"momentum" + "improvement"); a cue preceded within three words by a negator ("not", "never")
counts with the opposite sign. A side's score at a meeting is the sum over every statement of
its own readout, the other minister's words it chose to print included (digests/compare.py,
`_tone_of`, says what was measured); the digest compares it with the side's previous readout of
the same kind (a full readout with a full one).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from bot.registry.countries import default_countries
from digests.config import load_lexicon

_TOKEN = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")
KINDS = ("warmth", "demand", "complaint", "condition", "warning")


@dataclass(frozen=True)
class Cue:
    phrase: str
    weight: float
    kind: str = "warmth"
    surface: str = ""  # the words as written ("nor is it what China wants to see")

    @property
    def shown(self) -> str:
        return self.surface or self.phrase


@dataclass(frozen=True)
class ToneLexicon:
    cues: dict[tuple[str, ...], tuple[float, str]]
    negators: frozenset[str]
    longest: int

    @classmethod
    def load(cls) -> ToneLexicon:
        lex = load_lexicon("tone.toml", "READOUT_TONE")
        cues: dict[tuple[str, ...], tuple[float, str]] = {}
        for kind in KINDS:
            for k, v in lex.get(kind, {}).items():
                cues[_key(k)] = (float(v), kind)
        # [cues] (the older shape, only ever in user files) win, their sign giving the kind.
        for k, v in lex.get("cues", {}).items():
            cues[_key(k)] = (float(v), "warmth" if float(v) >= 0 else "complaint")
        cues = {k: v for k, v in cues.items() if k}
        return cls(cues, frozenset(str(n).lower() for n in lex.get("negators", [])),
                   max((len(k) for k in cues), default=1))

    def cues_in(self, text: str, parties: frozenset[str] | None = None) -> list[Cue]:
        """Every cue in `text`, left to right, longest match first, negation applied. With
        `parties` (the two sides' country ids), a cue about a third country ("steadfast support
        for Ukraine" in a readout of a call with France, "tensions" with Iran) is left out: it
        is no stance towards the side met."""
        triples = _words(text.replace("’", "'"))
        relations = bool(_RELATIONS.search(text))
        pairs = [(w, sf) for w, sf, _c in triples]
        words = [w for w, _s in pairs]
        out: list[Cue] = []
        i = 0
        # a negator inside a cue already read is that cue's: "does not accept the groundless
        # accusations" is two complaints, not a complaint and a denied one
        after_cue = 0
        # (a cue that names no country matches across a country pair: "strong U.S.-France
        # partnership" is a "strong partnership")
        plain = [j for j, w in enumerate(words) if w != "country"]
        seen = [0]  # countries before each word: a window without one needs no second look
        for w in words:
            seen.append(seen[-1] + (w == "country"))
        while i < len(words):
            found = None
            for n in range(min(self.longest, len(words) - i), 0, -1):
                key, end = tuple(words[i : i + n]), i + n
                if key not in self.cues and words[i] != "country" and seen[i + n] > seen[i]:
                    at = bisect.bisect_left(plain, i)
                    idx = plain[at : at + n]
                    if len(idx) == n and idx[-1] - i + 1 > n:
                        key, end = tuple(words[j] for j in idx), idx[-1] + 1
                if key in self.cues:
                    found = key, end
                    break
            if found is None:
                i += 1
                continue
            key, end = found
            if i > 0 and all(sf[:1].isupper() for _w, sf in pairs[i:end]) \
                    and (end - i < 2 or _in_longer_name(pairs, i, end)):
                # inside a name: the "Treaty of Peace and Friendship". A cue of two words or
                # more that is the whole name is a designation the side chose ("designate
                # Qatar as a Major Non-NATO Ally").
                i = end
                continue
            weight, kind = self.cues[key]
            if key in _RELATION_BOUND and not relations:
                # a challenge of the world the two sides take on together ("migration
                # challenges facing the Western Hemisphere") is no complaint about the side met
                i = end
                continue
            if parties is not None and _about_third(triples, i, end, parties):
                i = end
                continue
            if any(w in self.negators for w in words[max(after_cue, i - 3) : i]) \
                    and not any(w in self.negators for w in key):
                weight = -weight
            out.append(Cue(" ".join(key), weight, kind,
                           " ".join(sf for _w, sf in pairs[i:end])))
            i = end
            after_cue = i
        return out

    def score(self, text: str, parties: frozenset[str] | None = None
              ) -> tuple[float, list[Cue]]:
        cues = self.cues_in(text, parties)
        return sum(c.weight for c in cues), cues


# Cues that complain of the relationship only where the statement speaks of it: "relations
# have faced challenges" is; "to meet the challenges facing the region" is not.
_RELATION_BOUND = frozenset([("challenge",), ("challenges",)])
_RELATIONS = re.compile(r"\b(?:relations?|relationship|ties|bilateral)\b", re.IGNORECASE)

_NAME_JOINERS = frozenset(["of", "and", "for", "the", "on"])


def _in_longer_name(pairs: list[tuple[str, str]], start: int, end: int) -> bool:
    """Whether capitalised words go on around pairs[start:end] (directly, or across "of",
    "and", ... before it): the span is part of a longer name."""
    if end < len(pairs) and pairs[end][1][:1].isupper():
        return True
    j = start - 1
    while j > 0 and pairs[j][0] in _NAME_JOINERS:
        j -= 1
    return j > 0 and j < start and pairs[j][1][:1].isupper() and pairs[j][0] != "country"


THIRD_WINDOW = 6  # words after a cue where the country it is about is named


def _about_third(triples: list[tuple[str, str, str]], start: int, end: int,
                 parties: frozenset[str]) -> bool:
    """Whether the country a cue is about is neither side: the first country named in the
    words after it (or the one just before it: "Russia's brutal war") is a third one."""
    inside = [triples[end - 1][2]] if end > start and triples[end - 1][2] else []
    after = [c for _w, _s, c in triples[end:end + THIRD_WINDOW] if c]
    before = [c for _w, _s, c in triples[max(0, start - 2):start] if c]
    # (a country the cue ends on is whom it is about: "the importance of India increasing")
    named = inside[:1] or after[:1] or before[-1:]
    return bool(named) and named[0] not in parties


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(_generic_countries(phrase).lower()))


def _words(text: str) -> list[tuple[str, str, str]]:
    """(matching form, as written, country id) of each word; a country name is one word,
    "country", with its id ("" for other words)."""
    out: list[tuple[str, str, str]] = []
    last = 0
    for start, end, cid in [*default_countries().find(text), (len(text), len(text), "")]:
        chunk = text[last:start]
        out += [(m.group(0).lower(), m.group(0), "")
                for m in re.finditer(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]", chunk)]
        if end > start:
            out.append(("country", text[start:end], cid))
        last = end
    return out


def _generic_countries(text: str) -> str:
    """Country names become "country" so one cue covers every counterpart."""
    found = default_countries().find(text)
    if not found:
        return text
    out, last = [], 0
    for start, end, _cid in found:
        out += [text[last:start], "country"]
        last = end
    out.append(text[last:])
    return "".join(out)


def by_kind(cues: list[Cue]) -> dict[str, float]:
    """Sum of weights per kind of stance."""
    out = dict.fromkeys(KINDS, 0.0)
    for c in cues:
        out[c.kind] = round(out.get(c.kind, 0.0) + c.weight, 2)
    return out


def moved(now: list[Cue], before: list[Cue], limit: int = 4) -> list[tuple[Cue, int]]:
    """The cues that moved the score most between two readouts: (cue, change in count),
    largest effect first."""
    a = Counter((c.phrase, c.weight, c.kind) for c in now)
    b = Counter((c.phrase, c.weight, c.kind) for c in before)
    surface = {c.phrase: c.shown for c in [*before, *now]}
    diff = [(Cue(p, w, k, surface.get(p, p)), a[(p, w, k)] - b[(p, w, k)])
            for (p, w, k) in a.keys() | b.keys()]
    diff = [(c, d) for c, d in diff if d]
    diff.sort(key=lambda x: (-abs(x[0].weight * x[1]), x[0].phrase))
    return diff[:limit]


@cache
def default_lexicon() -> ToneLexicon:
    return ToneLexicon.load()
