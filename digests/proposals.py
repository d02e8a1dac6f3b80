"""Proposals and undertakings said as verb phrases: what a side will do, wants done or stands
against, with its object ("implement the agreements reached at the highest level", "provide a
sound business environment to facilitate Chinese enterprises' investment", "opposes and
condemns all acts harming civilians").

The plain runs of digests/phrases.py are noun phrases, cut at every function word: on the
labels of fourteen relationships (round 22) half of the formulations analysts flag as new have
five content words or more, and a run held only a fragment of 256 of the 418 such flags the
digest missed. A verb phrase is taken where a sentence says what a side undertakes: after "to",
a modal or a negation ("will", "should", "never"), or led by one of the stance verbs of the
phrase lexicon ("opposes", "upholds", "implement"). It runs to the end of the clause: a
punctuation mark, a word that opens another clause ("which", "while", "as"), a reporting or
finite verb ("said", "is", "will"), "in order to", an "and" before another verb once it holds
two words of substance ("rebuild mutual trust | and put ..."), or fourteen words; one of more
than seven words of substance is two undertakings or a clause with its reasons, and is left out.

Measured on fourteen labelled relationships (round 22; benchmarks/digest_quality.py): flagged
new formulations caught 178 -> 201 of 596 and all flagged changes 267 -> 290 of 812, for "new"
precision 0.36 -> 0.34 (410/1,134 -> 478/1,408; with the round's other changes, 268 -> 291 and
410/1,136 -> 478/1,395). Led also by the action verbs ("strengthen",
"promote") it caught 8 more and listed 119 more ("strengthen interactions at all levels"):
0.33; kept out of the candidates' noun runs, no better.

Light verbs ("make joint efforts to ...", "continue to ...", "work with Sri Lanka to ...") open
no proposal of their own: the verb after their "to" does. Built on the phrase lexicon and
lemminflect's word classes, like the other finders.
"""

from __future__ import annotations

import re
from functools import cache

from digests.lexicon import PhraseRules, _classes, default_rules

# (an abbreviation's full stop is no clause end: "the alliance with the U.S.", "the Dec. 3
# martial law" were cut to "... with the U" and "... from the Dec"; a number stays in its
# phrase: "deliver 10 million doses" had lost its "10")
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.(?=\s*\d)"
                    r"|[A-Za-z][\w'’-]*|\d+(?:[,.:/]\d+)*(?:-\w+)*|[,;:.!?\"“”()\[\]–—]")
# what may stand right before the verb of an undertaking (adverbs aside)
_LEADS = frozenset(["to", "will", "would", "should", "must", "shall", "can", "could", "not",
                    "never", "cannot", "can't", "won't", "don't", "doesn't", "didn't",
                    "shouldn't", "mustn't", "wouldn't"])
# a negation before the verb is part of the undertaking: "does not seek spheres of influence"
# says the opposite of "seek spheres of influence" (round 30)
_NEGATIONS = frozenset(["not", "never", "cannot", "can't", "won't", "don't", "doesn't",
                        "didn't", "shouldn't", "mustn't", "wouldn't"])
# what makes a "not" deny nothing ("not only ... but also", "not long ago", "not least")
_NOT_A_NEGATION = frozenset(["only", "merely", "simply", "solely", "just", "long", "least"])
# the auxiliary a "not" or "never" leans on, shown with it ("will never", "does not")
_AUXILIARIES = frozenset(["do", "does", "did", "will", "would", "should", "must", "shall",
                          "can", "could", "may", "might", "is", "are", "was", "were"])
# words that open another clause: the proposal ends before them
_ENDS = frozenset([
    "which", "who", "whom", "whose", "that", "while", "as", "because", "when", "so", "but",
    "whereas", "where", "if", "since", "although", "though", "adding", "noting", "saying",
    "stressing", "he", "she", "they", "it", "we", "i", "you", "according"])
# finite and reporting verbs: a new clause (or the report around it) begins
_FINITE = frozenset([
    "is", "are", "was", "were", "be", "been", "being", "will", "would", "should", "shall",
    "must", "can", "could", "may", "might", "has", "have", "had", "said", "says", "say",
    "stressed", "noted", "added", "expressed", "emphasized", "emphasised", "stated", "told",
    "pointed", "underlined", "underscored", "highlighted", "reiterated", "affirmed",
    "mentioned", "remarked", "explained", "indicated", "believes", "believed", "hoped",
    "hopes", "urged", "welcomed", "thanked", "agreed", "called"])
# verbs that carry no proposal of their own: the verb of their complement does
_LIGHT = frozenset([
    "be", "have", "do", "get", "make", "take", "continue", "work", "join", "need", "want",
    "wish", "try", "help", "stand", "remain", "keep", "let", "go", "come", "hold", "hope",
    "like", "say", "tell", "ask", "see", "look", "put", "use", "play", "give", "set", "become",
    "seem"])
_STAND = frozenset(["stand", "stands", "standing", "stood"])
MOST = 14
MOST_CONTENT = 7
LONG = 10  # words past which a proposal that runs into another is cut in two


@cache
def _inflected(verbs: frozenset[str]) -> frozenset[str]:
    """The verbs in every inflection ("oppose": opposes, opposed, opposing)."""
    try:
        from lemminflect import getAllInflections
    except ImportError:  # pragma: no cover - a declared dependency
        return verbs
    forms = set(verbs)
    for v in verbs:
        for found in getAllInflections(v, upos="VERB").values():
            forms.update(found)
    return frozenset(forms)


@cache
def _lemma_light(word: str) -> bool:
    try:
        from lemminflect import getAllLemmas
    except ImportError:  # pragma: no cover - a declared dependency
        return word in _LIGHT
    return word in _LIGHT or any(lemma in _LIGHT
                                 for lemma in getAllLemmas(word).get("VERB", ()))


def proposals(text: str, rules: PhraseRules | None = None,
              verbs: frozenset[str] = frozenset()) -> dict[str, str]:
    """Every undertaking said as a verb phrase: key -> the words as written."""
    rules = rules or default_rules()
    led = _inflected(frozenset(verbs) | rules.stance_verbs)
    toks = [m.group(0) for m in _TOKEN.finditer(text.replace("’", "'"))]
    out: dict[str, str] = {}
    inside = 0  # a verb inside the last proposal is part of it ("provide ... to facilitate")
    for i, word in enumerate(toks):
        low = word.lower()
        # "(continue to) stand with the people of Ukraine", "we stand with our NATO Ally":
        # solidarity said as an undertaking, whatever stands before it
        solidarity = low in _STAND and i + 1 < len(toks) and toks[i + 1].lower() in ("with", "by")
        if i < inside or not word[0].isalpha() or word[0].isupper() or low in _FINITE \
                or low in _ENDS or "VERB" not in _classes(low) \
                or (_lemma_light(low) and not solidarity):
            continue
        k = i - 1
        while k >= 0 and _adverb(toks[k]):
            k -= 1  # "to further expand", "firmly opposes"
        before = toks[k].lower() if k >= 0 else ""
        if before not in _LEADS and low not in led and not solidarity:
            continue
        if low not in led and "NOUN" in _classes(low) and before not in _LEADS \
                and not solidarity:
            continue  # "trade" after "bilateral" is a noun
        words = [word]
        content = 0
        for t in toks[i + 1:]:
            lt = t.lower()
            if len(words) >= MOST or not t[0].isalnum() or lt in _ENDS or lt in _FINITE:
                break
            if lt == "order" and words[-1].lower() == "in":
                words.pop()  # "... at the highest level in order to further expand ..."
                break
            if lt == "and" and len(words) > 1 and (
                    _coordinated_verb(toks, i + len(words) + 1, led)
                    or (content >= 2 and _coordinated_verb(toks, i + len(words) + 1, None))):
                # "... in Kazakhstan and build ...", "rebuild mutual trust and put the
                # partnership back on track": the next undertaking
                break
            words.append(t)
            if lt not in rules.stopwords and lt not in rules.joiners:
                content += 1
        words = _first_of_two(words, rules)
        content = sum(1 for w in words[1:]
                      if w.lower() not in rules.stopwords and w.lower() not in rules.joiners)
        # (an article too: "... reached by the leaders of the", cut at MOST words)
        while words and (words[-1].lower() in rules.stopwords
                         or words[-1].lower() in rules.joiners
                         or words[-1].lower() in rules.inner_articles):
            words.pop()
        if len(words) < 3 or content < (1 if solidarity else 2) or content > MOST_CONTENT:
            continue  # (a longer one is two undertakings or a clause with its reasons)
        inside = i + len(words)
        words = _negation(toks, k) + words
        surface = " ".join(words)
        key = " ".join(rules.fold(w.lower()) for w in words)
        out.setdefault(key, surface)
    return out


def _first_of_two(words: list[str], rules: PhraseRules) -> list[str]:
    """A long verb phrase that goes on into another undertaking ("empower his negotiators |
    to conclude a deal without delay to bring the hostages home", "capitalize on progress made
    in the negotiations | to secure the release of all hostages") or into what it includes
    ("protect the civilian population | including those supporting ...") is two formulations:
    past LONG words it ends before a "to" and a verb, "including" or "together with", once it
    holds two words of substance. The verb after the cut opens the next one. Shorter ones keep
    their purpose ("provide a sound business environment to facilitate Chinese enterprises'
    investment")."""
    if len(words) <= LONG:
        return words
    content = 0
    for j, w in enumerate(words):
        low = w.lower()
        if content >= 2 and j >= 3:
            nxt = [t.lower() for t in words[j + 1:] if not _adverb(t)]
            if low == "including" or (low == "together" and nxt[:1] == ["with"]) or (
                    low == "to" and nxt and _base_verb(nxt[0])):
                return words[:j]
        if low not in rules.stopwords and low not in rules.joiners:
            content += 1
    return words


@cache
def _base_verb(word: str) -> bool:
    """A verb's base form that is no noun's plural ("to secure", "to increase"; not "to
    peace", "to working", "to its")."""
    if "VERB" not in _classes(word):
        return False
    try:
        from lemminflect import getAllLemmas
    except ImportError:  # pragma: no cover - a declared dependency
        return True
    return word in getAllLemmas(word).get("VERB", ())


def _adverb(tok: str) -> bool:
    """An "-ly" adverb ("further", "firmly", "definitely"), skipped or kept beside a verb."""
    low = tok.lower()
    return low.endswith("ly") and "ADV" in _classes(low)


def _negation(toks: list[str], k: int) -> list[str]:
    """The negation the verb's lead at `k` makes, with its auxiliary and the adverbs between
    ("does not", "will definitely not", "never", "cannot"); [] when the lead is not one."""
    if k < 0 or toks[k].lower() not in _NEGATIONS:
        return []
    if k + 1 < len(toks) and toks[k + 1].lower() in _NOT_A_NEGATION:
        return []  # "will not only cause ...", "not long ago laid ...": nothing denied
    start = k
    if toks[k].lower() in ("not", "never"):
        j = k - 1
        if j >= 0 and _adverb(toks[j]):
            j -= 1  # "will definitely not"
        if j >= 0 and toks[j].lower() in _AUXILIARIES:
            start = j
    # the adverbs between the negation and the verb stay ("not firmly oppose")
    out = toks[start:k + 1]
    j = k + 1
    while j < len(toks) and _adverb(toks[j]):
        out.append(toks[j])
        j += 1
    return [out[0].lower(), *out[1:]]  # "Never" opening a sentence is "never" here


def _coordinated_verb(toks: list[str], at: int, led: frozenset[str] | None) -> bool:
    """Whether the word at `at` (after an "and", adverbs aside) opens an undertaking of its
    own: a verb that is not also a noun ("and build", "and firmly oppose"; not "and
    development"), one of `led` unless that is None."""
    while at < len(toks) and _adverb(toks[at]):
        at += 1
    if at >= len(toks):
        return False
    low = toks[at].lower()
    classes = _classes(low)
    if "NOUN" in classes or "ADJ" in classes:
        return False
    return low in led if led is not None else "VERB" in classes


def is_solidarity(surface: str) -> bool:
    """Whether a formulation is solidarity said as an undertaking ("stand with Israel")."""
    words = surface.lower().split()
    return len(words) >= 3 and words[0] in _STAND and words[1] in ("with", "by")
