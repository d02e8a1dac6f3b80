"""Tone of the `relations` theme from a weighted lexicon of diplomatic cues (data/tone.toml).

Deliberately not a sentiment model: "increasing difficulties" and "momentum of improvement" are
the signal, and an analyst must be able to see and correct every weight. A statement's score is
the sum of its cue weights (longest cue first, so "momentum of improvement" is counted once, not
as "momentum" + "improvement"); a cue preceded within three words by a negator ("not", "never")
counts with the opposite sign. A side's score at a meeting is the mean over its statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from digests.config import load_lexicon

_TOKEN = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")


@dataclass(frozen=True)
class Cue:
    phrase: str
    weight: float


@dataclass(frozen=True)
class ToneLexicon:
    cues: dict[tuple[str, ...], float]
    negators: frozenset[str]
    longest: int

    @classmethod
    def load(cls) -> ToneLexicon:
        lex = load_lexicon("tone.toml", "READOUT_TONE")
        cues = {tuple(_TOKEN.findall(k.lower())): float(v) for k, v in lex.get("cues", {}).items()}
        cues = {k: v for k, v in cues.items() if k}
        return cls(cues, frozenset(str(n).lower() for n in lex.get("negators", [])),
                   max((len(k) for k in cues), default=1))

    def cues_in(self, text: str) -> list[Cue]:
        """Every cue in `text`, left to right, longest match first, negation applied."""
        words = _TOKEN.findall(text.lower().replace("’", "'"))
        out: list[Cue] = []
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                key = tuple(words[i : i + n])
                if key in self.cues:
                    weight = self.cues[key]
                    if any(w in self.negators for w in words[max(0, i - 3) : i]):
                        weight = -weight
                    out.append(Cue(" ".join(key), weight))
                    i += n
                    break
            else:
                i += 1
        return out

    def score(self, text: str) -> tuple[float, list[Cue]]:
        cues = self.cues_in(text)
        return sum(c.weight for c in cues), cues


@cache
def default_lexicon() -> ToneLexicon:
    return ToneLexicon.load()
