"""TF-IDF cosine over folded words and word bigrams, fitted on the texts being compared.

Chosen over embeddings for the same reason as the tone lexicon: two readouts that share the
formulation "stability and smooth flow of global industrial and supply chains" should score
high, and one that says the opposite with the same topic words should not score as a synonym.
Bigrams make shared formulations count more than shared vocabulary.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter

from digests.lexicon import PhraseRules, default_rules

_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")


def terms(text: str, rules: PhraseRules | None = None) -> Counter[str]:
    rules = rules or default_rules()
    words = [rules.fold(w) for w in _WORD.findall(text.lower()) if w not in rules.stopwords]
    grams = Counter(words)
    grams.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return grams


_LOG = [0.0] + [math.log(c) for c in range(1, 64)]


class TfIdf:
    """Fitted on the few documents of one comparison; pass `bags` to reuse term counts."""

    def __init__(self, texts: list[str], bags: list[Counter[str]] | None = None) -> None:
        self.rules = default_rules()
        self.bags = bags if bags is not None else [terms(t, self.rules) for t in texts]
        df: Counter[str] = Counter()
        for bag in self.bags:
            df.update(bag.keys())
        n = len(self.bags)
        self.idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}
        self.vectors = [self._weigh(b) for b in self.bags]

    def _weigh(self, bag: Counter[str]) -> dict[str, float]:
        idf = self.idf
        vec = {t: (1.0 + _LOG[c] if c < len(_LOG) else 1.0 + math.log(c)) * idf[t]
               for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def cosine(self, i: int, j: int) -> float:
        a, b = self.vectors[i], self.vectors[j]
        return sum(a[t] * b[t] for t in a.keys() & b.keys())
