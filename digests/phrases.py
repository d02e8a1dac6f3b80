"""Formulations: the normalised phrases a digest compares across meetings.

Candidates come from four places, strongest first:
- the registry of standard formulations (digests/data/formulations.toml, `READOUT_FORMULATIONS`),
  found in any of their wordings;
- quoted phrases (“harmony in diversity”, "decoupling", 'two-plus-two');
- key single terms ("decoupling", "protectionism");
- runs of words between punctuation, stopwords, people's names and clause boundaries.

A country word is kept inside a formulation when it is part of it: in a hyphenated compound
("one-China principle", "Taiwan-related issues", "Korea-U.S. alliance") or as an adjective before
a noun ("North Korean nuclear issue"); a country standing alone ("China and South Korea should")
ends a run, as a subject or object is not part of what was said. Pairs of countries are folded to
one key in a fixed order, so "China-ROK relations" and "ROK-China relations" are one formulation.

Runs end at constituent edges found with a word-class lexicon (lemminflect, which ships its
English lexicon in the wheel): a verb that can be nothing else starts a new clause when it
follows a content word ("... to bilateral ties and charting the course" ends before "and
charting"), a past form after a noun ends the subject ("the conversation included"), and a
leading gerund or trailing verb is trimmed ("bringing fresh positive dynamics" → "fresh positive
dynamics", "position of promoting" → "position"). Words are lower-cased and plurals folded, so
"supply chains" and "supply chain" are one formulation. See data/phrases.toml.

`digests.strength.score()` ranks a formulation by how much an analyst would care (registry,
quotes, compounds, key terms up; filler down), which the digest uses to list the strong ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from bot.registry.countries import default_countries
from digests.acknowledgements import acknowledgements
from digests.instruments import instruments
from digests.lexicon import (
    PhraseRules,
    _classes,
    _finite,
    _gerund,
    _past_after_noun,
    _people_pattern,
    _verb_only,
    default_rules,
    registry,
)
from digests.positions import _COPULAR, _STANCE_SUBJECT_SKIP, _predicate, positions
from digests.proposals import proposals

# Letters of any script ("Việt Nam", "Séjourné"): an ASCII class cut them at the accent.
_WORD = re.compile(r"[^\W_](?:[^\W_]|['\-])*[^\W_]|[^\W\d_]")
# Punctuation that ends a run, and the bullets of a list run into one line ("… ▲ the issue of
# …"); hyphens and apostrophes inside words are kept by _WORD.
_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”‘’«»—–/▲△■□●○◆◇▶►•·…]|\s-\s|'\s|\s'|\s\d+\s")
_QUOTE_MARK = re.compile(r"[\"“”]")
_SINGLE_QUOTE = re.compile(r"()(?<![\w])[‘']([^‘’']{2,80})[’'](?![\w])")
# (a curly pair may hold an apostrophe: ‘each other's core interests’)
_SINGLE = re.compile(r"()(?<![\w])‘([^‘’]{2,80})’(?![\w])")
_ABBREV = re.compile(r"\b([A-Z])\.([A-Z])\.")
# Country words become a placeholder word "qqcN" so the word pattern sees one token.
_PLACE = re.compile(r"qqc(\d+)")


def key_of(text: str, rules: PhraseRules | None = None) -> str:
    """The normalised key of a phrase written by hand (registry, tests)."""
    toks = _tokens(text, rules or default_rules())
    return " ".join(t.key for t in toks if t.kind != "break")


# -- tokens ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Token:
    key: str
    surface: str
    kind: str  # word | joiner | country | break


_BREAK_TOKEN = Token("", "", "break")
_INNER = ("joiner", "article")  # inside a formulation, never at its edges
_ADJUNCT_HEADS = frozenset(["region", "world", "people", "future", "context", "end", "time"])


def _country_key(ids: list[str]) -> str:
    return "-".join(sorted(ids)) if len(ids) > 1 else ids[0]


_OBJECT_JOINERS = frozenset(["toward", "towards", "against"])
_NOUN_STOPWORDS = frozenset(["work"])
# "humanitarian pause in Gaza", "the people of Ukraine", "a ceasefire deal in Lebanon": the
# place a noun phrase ends on is part of what was said (a pause, a ceasefire where); cut
# off, the phrase reads as the same formulation for every place.
_PLACE_JOINERS = frozenset(["in", "of", "to", "for"])


def _after_joiner(out: list[Token], joiners: frozenset[str]) -> bool:
    """The run ends on a noun, then one of these joiners (and perhaps "the")."""
    i = len(out) - 1
    if i >= 0 and out[i].kind == "article":
        i -= 1
    return i >= 1 and out[i].kind == "joiner" and out[i].key in joiners \
        and out[i - 1].kind in ("word", "country")


def _tokens(text: str, rules: PhraseRules) -> list[Token]:
    """Words of the text with breaks at punctuation, stopwords, names and lone countries."""
    # ("U.S-India", a dot dropped in the source, is "US-India" too)
    text = _ABBREV.sub(r"\1\2", text.replace("’", "'").replace("U.S-", "U.S.-"))
    masked = list(text)
    people = _people_pattern()
    if people is not None:
        for m in people.finditer(text):
            masked[m.start():m.end()] = "." * (m.end() - m.start())
    text = "".join(masked)
    countries = default_countries()
    found: list[tuple[str, str, bool]] = []  # (id, surface, is adjective)
    pieces, last = [], 0
    for start, end, cid in countries.find(text):
        surface = text[start:end]
        adjective = any(surface.lower() == a.lower()
                        for a in countries.by_id[cid].adjectives) if cid in countries.by_id \
            else False
        pieces += [text[last:start], f"qqc{len(found)}"]
        found.append((cid, surface, adjective))
        last = end
    pieces.append(text[last:])
    text = "".join(pieces)
    out: list[Token] = []
    for piece in _BREAK.split(text):
        words = list(_WORD.finditer(piece))
        for i, m in enumerate(words):
            raw = m.group(0)
            low = raw.lower()
            nxt_low = words[i + 1].group(0).lower() if i + 1 < len(words) else ""
            if low.endswith("'s") and _PLACE.fullmatch(low[:-2]) and nxt_low \
                    and nxt_low not in rules.stopwords and nxt_low not in rules.joiners \
                    and not _PLACE.match(nxt_low):
                # "Russia's war against Ukraine", "India's G20 presidency": a country's
                # possessive before what it owns is part of the formulation (whose war is the
                # point), unlike a ministry's or a person's ("Seoul's ministry", below).
                # It opens a noun phrase: after a verb, an "and" or "against" a new run begins
                # ("discussed | Russia's war", "... | and China's support", "successful defense
                # | against Iran's ... attack"); after "of", "to", "in" or "on" it is inside
                # one ("the impacts of Russia's war", "commitment to Israel's defense",
                # "victory in India's general election", "build-up on Ukraine's borders").
                if not out or out[-1].kind != "joiner" \
                        or out[-1].key not in ("of", "to", "in", "on"):
                    if out and out[-1].kind == "joiner":
                        out[-1] = _BREAK_TOKEN
                    else:
                        out.append(_BREAK_TOKEN)
                cid, surface, _adj = found[int(_PLACE.fullmatch(low[:-2]).group(1))]  # type: ignore[union-attr]
                out.append(Token(cid, f"{surface}'s", "country"))
                continue
            if low.endswith("'s") and low != "other's" and not (
                    out and out[-1].key == "each"):
                # "Seoul's ministry", "the Prime Minister's leadership", "the military's
                # hegemonic actions": whose, not what; the formulation is what follows.
                out.append(_BREAK_TOKEN)
                continue
            if low == "each" and i + 1 < len(words) \
                    and words[i + 1].group(0).lower() in ("other", "other's"):
                out.append(Token("each", raw, "joiner"))  # "each other's major concerns"
                continue
            places = _PLACE.findall(low)
            if places:
                ids = [found[int(n)][0] for n in places]
                surface = _PLACE.sub(lambda x: found[int(x.group(1))][1], raw)
                if _PLACE.fullmatch(low):
                    cid, _s, adjective = found[int(places[0])]
                    nxt = words[i + 1].group(0).lower() if i + 1 < len(words) else ""
                    # An adjective before a content word is part of the phrase ("North Korean
                    # nuclear issue"); a country name alone is who, not what.
                    nxt_raw = words[i + 1].group(0) if i + 1 < len(words) else ""
                    # ... and a name before a capitalised word is part of a proper name ("South
                    # China Sea", "Taiwan Strait").
                    if (adjective or nxt_raw[:1].isupper()) and nxt \
                            and nxt not in rules.stopwords and not _PLACE.fullmatch(nxt):
                        out.append(Token(surface.lower(), surface, "country"))
                    elif _after_joiner(out, _OBJECT_JOINERS | _PLACE_JOINERS):
                        # "policy towards China", "actions against the Philippines": the
                        # country a stance is about is part of the wording; a word after it
                        # other than a joiner begins the next clause ("... against Ukraine
                        # shakes the foundation ...")
                        out.append(Token(surface.lower(), surface, "country"))
                        if nxt and nxt not in rules.joiners:
                            out.append(_BREAK_TOKEN)
                    else:
                        out.append(_BREAK_TOKEN)
                    continue
                parts = low.split("-")
                if all(_PLACE.fullmatch(p) for p in parts if p):
                    key = _country_key(ids)
                else:
                    key = "-".join(found[int(_PLACE.fullmatch(p).group(1))][0]  # type: ignore[union-attr]
                                   if _PLACE.fullmatch(p) else rules.fold(p) for p in parts)
                out.append(Token(key, surface, "country"))
                continue
            if low in rules.inner_articles and out and out[-1].kind == "joiner" \
                    and out[-1].key not in ("and", "or") and i + 1 < len(words) \
                    and _named_next(words[i + 1].group(0)):
                # "across the Taiwan Strait", "actions in the South China Sea": an article
                # between a preposition and a name is inside the formulation (not in its key);
                # before a common noun it opens an adjunct ("in the region", "to the people").
                out.append(Token("", raw, "article"))
                continue
            if low in _COORDINATED and _coordinated_modifier(words, i):
                # "a more just and equitable order", "three-party or multi-party cooperation":
                # modifiers coordinated before one noun are one formulation
                out.append(Token(low, raw, "joiner") if low == "or" else
                           Token(rules.fold(low), raw, "word"))
                continue
            if low == "on" and out and out[-1].kind == "word" and _PLACE.fullmatch(
                    nxt_low.removesuffix("'s")) and nxt_low.endswith("'s"):
                # "military build-up on Ukraine's borders", "attacks on Israel's cities":
                # where, and whose, inside the formulation
                out.append(Token("on", raw, "joiner"))
                continue
            if low in _NOUN_STOPWORDS and out and out[-1].kind == "word" \
                    and (i + 1 == len(words) or nxt_low in rules.stopwords):
                # "charting the course for joint future work": after a noun phrase and before
                # no object, the word is the noun that heads it, not the verb "work (together)"
                out.append(Token(rules.fold(low), raw, "word"))
                continue
            if low in rules.stopwords or low.isdigit():
                if low in _DETERMINERS and len(out) >= 2 and out[-2].key == "and" \
                        and _verb_with_object(out[-1]):
                    # "products and welcomes the Vietnamese side": a verb that takes an
                    # object begins the next clause; it is no noun of the phrase before
                    out[-1] = _BREAK_TOKEN
                out.append(_BREAK_TOKEN)
                continue
            if low in rules.joiners:
                out.append(Token(low, raw, "joiner"))
            else:
                out.append(Token(rules.fold(low), raw, "word"))
        out.append(_BREAK_TOKEN)
    return out


def _named_next(word: str) -> bool:
    """Whether a word opens a name: capitalised, or a country masked as its placeholder ("of
    the China-Pakistan Economic Corridor": the masked pair is lower case)."""
    return word[:1].isupper() or word.lower().startswith("qqc")


# Determiners after which a word that can be a verb, coordinated with a noun before it, is
# that verb with its object ("and welcomes the ...", "and supports a ...").
_DETERMINERS = frozenset(["the", "a", "an", "its", "their", "his", "her", "this", "these",
                          "those", "our"])


def _verb_with_object(tok: Token) -> bool:
    w = tok.surface.lower()
    return tok.kind == "word" and w.endswith("s") and not w.endswith(("ss", "us", "is")) \
        and "VERB" in _classes(w) and not tok.surface[:1].isupper()


# Stopwords that are modifiers or their link when they stand in a coordination of modifiers.
_COORDINATED = frozenset(["just", "or"])


def _modifier(word: str) -> bool:
    low = word.lower()
    return ("-" in low and not _classes(low)) or _classes(low) == frozenset({"ADJ"}) \
        or low in ("just", "fair")


def _coordinated_modifier(words: list[re.Match[str]], i: int) -> bool:
    """Whether words[i] ("just", "or") stands inside a coordination of modifiers before a
    word: "just and equitable global ...", "fair and just order", "three-party or
    multi-party cooperation"."""
    w = [m.group(0) for m in words]
    low = w[i].lower()
    if low == "or":
        return 0 < i < len(w) - 2 and _modifier(w[i - 1]) and _modifier(w[i + 1])
    after = i + 2 < len(w) and w[i + 1].lower() == "and" and _modifier(w[i + 2])
    before = i >= 2 and w[i - 1].lower() == "and" and _modifier(w[i - 2]) \
        and i + 1 < len(w)
    return after or before


def _in_name(run: list[Token], i: int) -> bool:
    """A capitalised word after a capitalised word (or a country) is part of a proper name
    ("Inflation Reduction Act", "Taiwan Relations Act"): a noun, whatever the lexicon says of
    the lower-case word ("act" is only a verb there)."""
    if i <= 0 or not run[i].surface[:1].isupper():
        return False
    prev = run[i - 1]
    return prev.kind == "country" or (prev.kind == "word" and prev.surface[:1].isupper())


def _plural_pair(a: str, b: str) -> bool:
    """"twists and turns", "rights and interests", "exchanges and visits": two plural nouns
    joined by "and" are one thing named twice, not a noun and the next clause's verb."""
    return all(w.endswith("s") and not w.endswith("ss") and "NOUN" in _classes(w)
               for w in (a, b))


def _adjective_noun(prev: Token, word: str) -> bool:
    """"adhere to positive thinking": an -ing word after an adjective is its noun, neither a
    clause's verb nor a dangling gerund."""
    if not word.endswith("ing") or prev.kind != "word":
        return False
    classes = _classes(prev.surface.lower())
    return "ADJ" in classes and "VERB" not in classes


def _clauses(run: list[Token], rules: PhraseRules) -> list[list[Token]]:
    """Split a run at clause edges: a verb-only word after a content word (dropping an "and"
    before it), "and to", and a past form right after a noun."""
    pieces: list[list[Token]] = []
    current: list[Token] = []
    for n, tok in enumerate(run):
        low = tok.surface.lower()
        prev = current[-1] if current else None
        starts_clause = False
        if prev is not None and tok.kind == "word" and not _in_name(run, n):
            content_before = any(t.kind not in _INNER for t in current)
            verb = content_before and _verb_only(low) and low not in _ING_NOUNS
            past = prev.kind == "word" and _past_after_noun(prev.surface.lower(), low)
            # an adverb before it modifies it: "mutually needed partners", "closely linked
            # interests" hold no clause edge
            modified = prev.kind == "word" and prev.surface.lower().endswith("ly") \
                and "ADV" in _classes(prev.surface.lower())
            # "unilateral and bullying practices": an -ing word between an adjective and a
            # noun, coordinated with the adjective, describes the noun; no clause starts there
            described = verb and low.endswith("ing") and prev.key == "and" and n + 1 < len(run) \
                and run[n + 1].kind == "word" and len(current) >= 2 \
                and current[-2].kind == "word" \
                and _classes(current[-2].surface.lower()) == frozenset({"ADJ"})
            named = verb and _adjective_noun(prev, low)
            # "Russia's continued military build-up": after a country's possessive a verb
            # form is the modifier of what it owns, no new clause
            owned = prev.kind == "country" and prev.surface.endswith("'s")
            if (verb or past) and low not in rules.edge_keep and not modified and not described \
                    and not named and not owned:
                starts_clause = True
        if tok.kind == "joiner" and low == "to" and prev is not None and prev.key in ("and", "or"):
            starts_clause = True
        if tok.kind == "joiner" and low == "to" and prev is not None and len(current) >= 2 \
                and prev.surface[:1].isupper() and current[-2].surface[:1].isupper() \
                and n + 1 < len(run) and run[n + 1].kind == "word" \
                and "VERB" in _classes(run[n + 1].surface.lower()):
            # "the Artemis Accords to guide civil use of space": after a name, "to" and a verb
            # say what it is for; the name is the formulation
            starts_clause = True
        if tok.kind == "word" and low in rules.clause_verbs and prev is not None \
                and prev.key in ("and", "or") and len(current) > 1:
            starts_clause = True
        if starts_clause:
            while current and current[-1].kind in _INNER:
                current.pop()
            if current:
                pieces.append(current)
            current = []
        current.append(tok)
    if current:
        pieces.append(current)
    return pieces


# Words in -ing that are nouns in their own right at the end of a formulation ("mutual
# understanding", "a basis of understanding", "capacity for financing").
_ING_NOUNS = frozenset(["understanding", "meeting", "funding", "financing", "training",
                        "shipping", "spending", "housing", "wellbeing", "well-being",
                        "standing", "bearing", "warming", "dumping", "peacekeeping",
                        "peacebuilding", "policing", "reasoning", "thinking", "opening",
                        # the names of what a side condemns ("resist power bullying")
                        "bullying", "decoupling", "profiteering", "trafficking", "smuggling",
                        "peacemaking"])

_SCOPE_NOUNS = frozenset(["fields", "areas", "levels", "sectors", "aspects", "domains"])
_QUANTITIES = frozenset(["thousands", "hundreds", "millions", "dozens", "decades", "centuries",
                         "years", "generations"])


# Prepositions that are not stopwords (they sit inside formulations: "peace and stability
# across the Taiwan Strait"), never at a formulation's end.
_OPEN_ENDS = frozenset(["outside", "inside", "beyond", "across", "throughout", "within",
                        "towards", "toward", "against", "via"])


_COMPOUND_PREPOSITIONS = frozenset(["respect", "regard", "relation", "reference", "addition"])


# A copula opening a run links the subject to the formulation, it is no part of it.
_COPULAS = frozenset(["become", "becomes", "became", "becoming", "remain", "remains",
                      "remained", "be", "being", "been"])


def _trim(run: list[Token], rules: PhraseRules) -> list[Token]:
    """Drop joiners, leading adverbs and gerunds, and trailing participles and verbs."""
    def strip_start(t: Token) -> bool:
        w = t.surface.lower()
        if t.kind in _INNER or w in _COPULAS:
            return True  # "(should) become mutually needed partners": the partners
        if t.kind != "word" or w in rules.edge_keep:
            return False
        return (w.endswith(rules.trim_start_suffixes) and len(w) > 4) or _gerund(w)

    def strip_end(k: int) -> bool:
        t = run[k]
        w = t.surface.lower()
        if t.kind in _INNER:
            return True
        if t.kind != "word" or w in rules.edge_keep or _in_name(run, k):
            return False
        if (k > 0 and _adjective_noun(run[k - 1], w)) or (k > 0 and w in _ING_NOUNS):
            return False
        return (w.endswith(rules.trim_end_suffixes) and len(w) > 4) or _verb_only(w)

    i, j = 0, len(run)
    # "agreed to address climate change", "to advance areas of cooperation": after an opening
    # "to" a word that can be a verb is the infinitive, the action; the formulation is its
    # object. A stance verb ("to oppose hegemonism") is part of what was said.
    if j > 2 and run[0].key == "to" and run[1].kind == "word":
        verb = run[1].surface.lower()
        if "VERB" in _classes(verb) and verb not in rules.stance_verbs \
                and verb not in rules.edge_keep:
            i = 2
    while i < j and strip_start(run[i]):
        i += 1
    # "(with) respect to Gaza", "(in) relation to the talks": a compound preposition opens
    # the run, not a formulation
    if j - i > 2 and run[i].surface.lower() in _COMPOUND_PREPOSITIONS and run[i + 1].key == "to":
        i += 2
    # "(in various) fields and deeply integrated interests": the tail of another phrase and
    # its "and" open the run
    if j - i > 3 and run[i].surface.lower() in _SCOPE_NOUNS and run[i + 1].key == "and":
        i += 2
    # "the importance of X", "areas of X": X, when X has two content words or more.
    if j - i > 3 and run[i].surface.lower() in rules.leading_heads and run[i + 1].key == "of":
        rest = [t for t in run[i + 2 : j] if t.kind not in _INNER]
        if len(rest) >= 2:
            i += 2
            while i < j and strip_start(run[i]):
                i += 1
    while j > i and strip_end(j - 1):
        j -= 1
    # "ulterior motives outside (the region)": a closing preposition has lost its object
    while j > i and run[j - 1].kind == "word" and run[j - 1].surface.lower() in _OPEN_ENDS:
        j -= 1
        while j > i and strip_end(j - 1):
            j -= 1
    # "exchanges for thousands (of years)": a closing quantity with its preposition is cut
    if j - i > 2 and run[j - 2].kind == "joiner" and run[j - 1].surface.lower() in _QUANTITIES:
        j -= 2
    # "... peace and stability in the region", "benefits to the people": a closing "in/to the
    # <generic noun>" says where, not what.
    if j - i > 3 and run[j - 2].kind == "article" and run[j - 3].kind == "joiner" \
            and run[j - 1].key in rules.generic_heads | _ADJUNCT_HEADS:
        j -= 3
        while j > i and strip_end(j - 1):
            j -= 1
    # "the North to take", "a role in helping": a verb after a final "to" or "in" begins an
    # infinitive or gerund clause.
    if j - i > 2 and run[j - 2].key in ("to", "in", "for", "of") and run[j - 1].kind == "word":
        last = run[j - 1].surface.lower()
        # "great significance of building", "a foundation for deepening": at the end of a
        # run a gerund that is also a noun has lost its object ("of building a community")
        if "VERB" in _classes(last) and (run[j - 2].key == "to" or (
                last.endswith("ing") and ("NOUN" not in _classes(last)
                                          or last not in _ING_NOUNS))):
            j -= 2
    # "... for neighboring major (countries)": an adjective of size before a noun the run
    # lost is no head
    if j - i > 2 and run[j - 1].surface.lower() == "major":
        j -= 1
        while j > i and (strip_end(j - 1) or (
                run[j - 1].kind == "word" and "NOUN" not in _classes(run[j - 1].surface.lower())
                and "ADJ" in _classes(run[j - 1].surface.lower()))):
            j -= 1
    # "... provocations and move", "... and overstretching": a lone verb after a final "and"
    # is the start of the next clause.
    if j - i > 2 and run[j - 2].key in ("and", "or") and run[j - 1].kind == "word":
        last = run[j - 1].surface.lower()
        if "VERB" in _classes(last) and (last.endswith("ing") or "ADJ" not in _classes(last)) \
                and last not in rules.edge_keep \
                and not (j - i > 3 and _plural_pair(run[j - 3].surface.lower(), last)):
            j -= 2
    return run[i:j]


def _cut_ignored(run: list[Token], rules: PhraseRules) -> list[list[Token]]:
    """Ignored phrases ("phone call", "political bureau") break a run like a stopword."""
    if not rules.ignore:
        return [run]
    keys = [t.key for t in run]
    pieces, start, i = [], 0, 0
    while i < len(keys):
        for n in (4, 3, 2, 1):
            if " ".join(keys[i : i + n]) in rules.ignore:
                pieces.append(run[start:i])
                start = i = i + n
                break
        else:
            i += 1
    pieces.append(run[start:])
    return [p for p in pieces if p]


def _fit(run: list[Token], rules: PhraseRules) -> list[list[Token]]:
    """A run longer than max_words is split at the joiner nearest its middle, recursively."""
    if len(run) <= rules.max_words:
        return [run]
    middle = len(run) // 2
    cuts = [i for i, t in enumerate(run) if t.kind == "joiner"]
    cut = min(cuts, key=lambda i: abs(i - middle)) if cuts else middle
    left, right = _trim(run[:cut], rules), _trim(run[cut + (1 if cuts else 0):], rules)
    return [*_fit(left, rules), *_fit(right, rules)]


def _runs(tokens: list[Token]) -> list[list[Token]]:
    runs, current = [], []
    for t in tokens:
        if t.kind == "break":
            if current:
                runs.append(current)
            current = []
        else:
            current.append(t)
    if current:
        runs.append(current)
    return runs


def _key(run: list[Token]) -> str:
    return " ".join(t.key for t in run if t.kind != "article")


def _surface(run: list[Token]) -> str:
    return " ".join(t.surface for t in run)


def _double_quoted(text: str) -> list[tuple[str, int]]:
    """What double quotes enclose, and where the closing mark ends (a noun after it may be what
    the quote modifies), the marks paired in order: a straight mark opens, the next
    closes; curly ones say which they are. (A regex pairing the closing mark of a long quote
    with the opening one of the next took the words between them: “‘…’,” Wang said, adding
    that Taiwan's “return to China”.)"""
    out: list[tuple[str, int]] = []
    start: int | None = None
    for m in _QUOTE_MARK.finditer(text):
        mark = m.group(0)
        if start is None:
            if mark != "”":
                start = m.end()
            continue
        if mark == "“":  # an opening mark inside an open quote: the first was stray
            start = m.end()
            continue
        if 2 <= m.start() - start <= 120:
            out.append((text[start:m.start()], m.end()))
        start = None
    return out


_PRONOUNS = frozenset(["he", "she", "it", "they", "we", "i", "you"])
# the noun a quoted modifier is of: “golden 30” years, the “China threat” theory
_NOUN_AFTER = re.compile(r"\s+([a-z][a-z'-]*)(?=[\s,.;:!?)]|$)")


# ... or the name it is of: an “upgraded version” of the China-Pakistan Economic Corridor
_NAME_OF_AFTER = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4}"
                            r"(?=[\s,.;:!?()]|$)")


def _quoted_noun(text: str, end: int, rules: PhraseRules) -> str:
    if (name := _NAME_OF_AFTER.match(text, end)) is not None:
        return name.group(0).strip()
    m = _NOUN_AFTER.match(text, end)
    if m is None:
        return ""
    word = m.group(1)
    classes = _classes(word)
    if word in rules.joiners or word in _PRONOUNS or "NOUN" not in classes or "ADV" in classes \
            or (word in rules.stopwords and classes != {"NOUN"}) \
            or ("VERB" in classes and word.endswith("s")) or (
                # (“…” policy makers: a compound goes on, not cut inside it)
                (nxt := _NOUN_AFTER.match(text, m.end())) is not None
                and "NOUN" in _classes(nxt.group(1)) and nxt.group(1) not in rules.stopwords):
        return ""  # "“one-China principle” stands": a verb, not the noun it modifies
    return word


def quoted(text: str, rules: PhraseRules | None = None) -> dict[str, str]:
    """Quoted phrases of 1–10 words: a writer's own mark that these words are the formulation.
    Whole quoted sentences are left to the runs; function words at the edges are dropped."""
    rules = rules or default_rules()
    out: dict[str, str] = {}
    # Single quotes inside double ones (“Wang said ‘distant relatives …’”) count too.
    found = [*((inner, _quoted_noun(text, end, rules)) for inner, end in _double_quoted(text)),
             *((m.group(2), "") for m in (*_SINGLE_QUOTE.finditer(text),
                                          *_SINGLE.finditer(text)))]
    for inner, noun in found:
        # (“… One-China policy,” he said: the quote is a sentence of its own, not a modifier)
        noun = noun if inner[-1:].isalnum() else ""
        inner = inner.strip(" ,.;:!?")
        words = [w.strip(",.;:!?()") for w in inner.split()]
        words = [w for w in words if w]
        while words and words[0].lower() in rules.stopwords | rules.joiners:
            words.pop(0)
        while words and words[-1].lower() in rules.stopwords | rules.joiners:
            words.pop()
        if noun and words and len(words) <= 4:
            # “golden 30” years: the quoted words modify the noun; an “upgraded version” of
            # the China-Pakistan Economic Corridor: the name completes them
            words += noun.split()
        if not 1 <= len(words) <= 10 or len(inner.split()) > 10:
            continue
        if any("'" in w and w.lower().replace("’", "'").split("'")[0] in rules.stopwords
               for w in words[:2]):
            continue  # “That's the commitment”, “We're ready”: a quoted sentence
        if len(words) > 3 and sum(w[:1].isupper() for w in words) * 3 > len(words) * 2 \
                and any(_finite(w.lower(), rules) for w in words):
            # A quoted headline ("Korea and China Should Meet ..."), not a phrase; a quoted
            # name of a formulation in title case has no verb (“Mutually Beneficial
            # Relationship Based on Common Strategic Interests”).
            continue
        if len(words) == 1 and words[0].lower() not in rules.key_terms \
                and _classes(words[0].lower()) <= {"VERB", "NOUN", "PROPN"} \
                and "-" not in words[0]:
            continue  # a quoted single ordinary word is emphasis, not a formulation
        key = " ".join(rules.fold(w) for w in words)
        out.setdefault(key, " ".join(words))
    return out


_CLAUSE_END = re.compile(r"[.;:!?()\[\]\"“”]|\s[-–—]\s")
_LIST_WORD = re.compile(r"[^\W\d_][\w'’\-]*$")


def _list_item(words: list[str], rules: PhraseRules, *, first: bool = False,
               last: bool = False) -> list[str] | None:
    """The words of one item of a serial list: 1–3 words with no function word (a "the"
    before a name aside: "the Six Assurances"). The first item may follow its clause's verb
    ("reaffirmed mutual respect"): its trailing words are taken; the last may end before the
    rest of its clause ("and common interest in the region"), and may hold a head noun the
    items share ("candid and constructive communication")."""
    ok = lambda w: bool(_LIST_WORD.match(w)) and w.lower() not in rules.stopwords \
        and w.lower() not in rules.joiners  # noqa: E731
    if first:
        keep: list[str] = []
        for w in reversed(words):
            if not ok(w):
                break
            keep.insert(0, w)
        before = words[-len(keep) - 1].lower() if len(words) > len(keep) else ""
        words = keep[-3:]
        # "to address climate change, ...", "stressed respect, ...": a verb before the first
        # item is the action, not part of the list.
        if len(words) > 1 and len(words) == len(keep) and before == "to" \
                and "VERB" in _classes(words[0].lower()) \
                and words[0].lower() not in rules.stance_verbs:
            words = words[1:]
        while len(words) > 1 and _verb_only(words[0].lower()):
            words = words[1:]
    elif last:
        keep = []
        for n, w in enumerate(words):
            if w.lower() == "the" and n == 0:
                keep.append(w)
                continue
            if not ok(w):
                break
            keep.append(w)
        words = keep[:5]
    body = words[1:] if len(words) > 1 and words[0].lower() == "the" else words
    if not body or len(body) > (4 if last else 3) or not all(ok(w) for w in body):
        return None
    return words


def _adjective_list(items: list[list[str]], final: list[str]) -> bool:
    """"candid, substantive, and constructive discussions", "stable, sustainable and
    predictable": one-word items that can be adjectives (none only a noun), the last with at
    most two head words."""
    return all(len(i) == 1 and _adjective(i[0], endings=True) for i in items) \
        and len(final) <= 3 and _adjective(final[0], endings=True)


def _adjective(word: str, endings: bool = False) -> bool:
    """A word that can be an adjective; unknown to the lexicon, a compound ("in-depth",
    "win-win") or, with `endings`, a word with an adjective's ending ("-al", "-ive" ...)."""
    c = _classes(word.lower())
    return "ADJ" in c or (not c and ("-" in word or (endings and word.lower().endswith(
        ("al", "ive", "ous", "ic", "ful", "ble")))))


_ABSTRACT = ("ity", "ty", "ness", "ence", "ance", "ency", "ancy", "ism", "ship", "tion",
             "sion")


def _value_list(items: list[list[str]], final: list[str], rules: PhraseRules) -> bool:
    """"mutual respect, reciprocity and common interest", "peace, friendship and
    cooperation", "openness and transparency": every item headed by an abstract noun (a
    principle or a quality), where an agenda's items are things ("climate change, trade,
    and people-to-people exchanges", "debt relief, health security, ...")."""
    def value(i: list[str]) -> bool:
        head = rules.fold(i[-1].lower())
        return head.endswith(_ABSTRACT) or head in rules.value_nouns
    return all(value(i) for i in [*items, final])


def _named_list(items: list[list[str]], final: list[str], rules: PhraseRules) -> bool:
    """"Xinjiang, Tibet, and Hong Kong", "the Taiwan Relations Act, the three Joint
    Communiques, and the Six Assurances": every item a name (capitalised, a number word or
    "the" before it aside)."""
    def named(i: list[str]) -> bool:
        words = [w for w in i if w.lower() != "the" and w.lower() not in rules.number_words]
        return bool(words) and all(w[:1].isupper() for w in words)
    return all(named(i) for i in [*items, final])


def _country_item(words: list[str]) -> bool:
    text = " ".join(w for w in words if w.lower() != "the")
    found = default_countries().find(text)
    return bool(found) and sum(e - b for b, e, _c in found) >= len(text.replace(" ", "")) - 1


def serial_lists(text: str, rules: PhraseRules | None = None) -> dict[str, str]:
    """Serial lists of three or more short items ("mutual respect, peaceful coexistence and
    win-win cooperation", "candid, substantive, and constructive discussions", "Xinjiang,
    Tibet, and Hong Kong"): a side's standard wording is often a list, which the comma breaks
    of the runs cut into pieces. Key: the folded words, commas out."""
    rules = rules or default_rules()
    out: dict[str, str] = {}
    for clause in _CLAUSE_END.split(text.replace("’", "'")):
        parts = [p.split() for p in re.split(r",\s*", clause)]
        for j, tail in enumerate(parts):
            if j == 0 or not tail:
                continue
            low = [w.lower() for w in tail]
            if low[0] in ("and", "or"):  # "A, B, and C"
                lastw, pre = tail[1:], None
            elif "and" in low or "or" in low:  # "A, B and C"
                k = next(n for n, w in enumerate(low) if w in ("and", "or"))
                pre, lastw = tail[:k], tail[k + 1:]
            else:
                continue
            items: list[list[str]] = []
            prefix: list[str] = []
            final = _list_item(lastw, rules, last=True)
            if final is None:
                continue
            if pre is not None:
                middle = _list_item(pre, rules)
                if middle is None:
                    continue
                items.append(middle)
            k = j - 1
            while k >= 0:
                item = _list_item(parts[k], rules)
                if item is not None and k > 0:
                    items.insert(0, item)
                    k -= 1
                    continue
                head = _list_item(parts[k], rules, first=True)
                if head:
                    items.insert(0, head)
                    prefix = _list_head(parts[k][:len(parts[k]) - len(head)], rules)
                break
            if len(items) < 2:  # with the last: three items or more
                continue
            if any(_verb_only(i[0].lower()) for i in [*items[1:], final]):
                # "(enhance) mutual trust, avoid disruptions and deepen cooperation": a list of
                # actions (its first item lost its verb) is an agenda, not a wording
                continue
            joiner = low[0] if pre is None else low[len(pre)]
            surface = ", ".join(" ".join(i) for i in items) + \
                ("," if pre is None else "") + f" {joiner} " + " ".join(final)
            whole = " ".join([*prefix, surface])
            if not (_adjective_list(items, final) or _named_list(items, final, rules)
                    or _value_list(items, final, rules)):
                # A list of topics ("climate change, trade, and people-to-people exchanges",
                # "educational, student, youth ... exchanges") is an agenda, not a wording.
                continue
            if all(_country_item(i) for i in [*items, final]):
                continue  # "China, the ROK and Japan": who, not what
            people = _people_pattern()
            if people is not None and any(people.search(" ".join(i)) for i in [*items, final]):
                continue  # "Wang Yi, Park Jin and ...": who was there
            key = " ".join(rules.fold(w.lower()) for i in items for w in i
                           if w.lower() != "the")
            key += f" {joiner} " + " ".join(rules.fold(w.lower()) for w in final
                                            if w.lower() != "the")
            out.setdefault(key, whole)  # one list with or without its head: one key
    return out


# What stands before a noun phrase that opens with adjectives: an article, a possessive, a
# preposition ("for a durable, permanent peace", "our enduring, strategic partnership")
_BEFORE_ADJECTIVES = frozenset(["a", "an", "the", "for", "of", "to", "their", "our", "its",
                                "his", "her", "with", "toward", "towards", "by", "in", "on",
                                "support", "build", "achieve", "secure"])


def coordinate_adjectives(text: str, rules: PhraseRules | None = None) -> dict[str, str]:
    """Adjectives joined by commas before one noun: "a durable, permanent peace", "a strong,
    united NATO", "a more peaceful, secure, prosperous, and stable Middle East". The runs cut
    them at the comma into an adjective alone and a shorter phrase ("united NATO", which has
    no head). Two items are enough here, unlike serial_lists: what they describe is one noun.
    Key: the folded words, commas out."""
    rules = rules or default_rules()
    out: dict[str, str] = {}
    for clause in _CLAUSE_END.split(text.replace("’", "'")):
        words = clause.split()
        i = 1
        while i < len(words):
            if words[i - 1].lower() not in _BEFORE_ADJECTIVES:
                i += 1
                continue
            j = i + 1 if words[i].lower() == "more" else i
            items = 0
            while j < len(words) and words[j].endswith(",") and _adjective(words[j][:-1]):
                items += 1
                j += 1
                if j < len(words) and words[j].lower() == "and":
                    j += 1
                if j < len(words) and words[j].lower() == "more":
                    j += 1
            if items == 0 or j >= len(words) or not _adjective(words[j]):
                i += 1
                continue
            end = j + 1
            while end < len(words) and end - j <= 3 and words[end].lower() not in \
                    rules.stopwords | rules.joiners and not words[end - 1].endswith(","):
                end += 1
            tail = [w.rstrip(",") for w in words[j + 1:end]]
            if not tail or not ({"NOUN", "PROPN"} & _classes(tail[-1].lower())
                                or tail[-1][:1].isupper() or not _classes(tail[-1].lower())):
                i += 1
                continue
            shown = " ".join([*words[i:j + 1], *tail])
            key = " ".join(rules.fold(w.lower().strip(",")) for w in shown.split()
                           if w.lower() not in ("and", "more"))
            out.setdefault(key, shown)
            i = end
    return out


def is_coordinate_adjectives(surface: str, rules: PhraseRules | None = None) -> bool:
    """Whether a formulation is such a noun phrase as coordinate_adjectives() shows it."""
    flat = " ".join(surface.split())
    return flat in coordinate_adjectives(f"a {flat}", rules).values()


def _list_head(before: list[str], rules: PhraseRules) -> list[str]:
    """The "<noun> of" a serial list completes ("a new stage of political unity, social
    stability ... and sustainable development", "the five principles of peaceful
    coexistence ..."): one or two plain words and "of" right before the list's first item; not
    a leading head ("the importance of") nor a verb."""
    if len(before) < 2 or before[-1].lower() != "of":
        return []
    words: list[str] = []
    for w in reversed(before[:-1]):
        low = w.lower()
        if len(words) == 2 or not _LIST_WORD.match(w) or low in rules.stopwords \
                or low in rules.joiners:
            break
        words.insert(0, w)
    if not words or words[-1].lower() in rules.leading_heads \
            or _verb_only(words[0].lower()) or "NOUN" not in _classes(words[-1].lower()):
        return []
    return [*words, "of"]


# "war and chaos must not occur", "cooperation cannot be damaged", "a fact that will never
# change": a side's red line or guarantee, said as a clause with a negated modal. Its subject is
# one to three plain words (no pronoun, no "the two sides"), its verb one word.
_STANCE = re.compile(
    r"(?<![\w-])(?P<subj>(?:[A-Za-z][a-z-]+\s+){0,2}[A-Za-z][a-z-]+)\s+"
    r"(?P<neg>(?:must|should|will|can|shall)\s+(?:not|never)|cannot|can't|won't)\s+"
    r"(?P<verb>(?:be\s+)?[a-z]+)\b"
    r"(?P<comp>\s+(?:into|in|on|to|by|at|from)\s+(?:(?:the|any|a)\s+)?(?!(?:the|any|a)\b)"
    r"[a-z][a-z-]+"
    r"(?:\s+(?!(?:and|or|but|the|to|of|in|on|as|with)\b)[a-z][a-z-]+)?(?![\w-]))?")


_PREPOSITIONS = frozenset(["by", "on", "at", "with", "from", "into", "onto", "over", "under",
                           "between", "through", "during", "without", "within", "upon",
                           "among", "about", "after", "before", "than", "since"])
_LAST_WORD = re.compile(r"([A-Za-z][\w'’-]*)\s+$")


def stance_clauses(text: str, rules: PhraseRules | None = None) -> dict[str, str]:
    """Negated-modal clauses of a plain subject: key -> the words as written."""
    rules = rules or default_rules()
    out: dict[str, str] = {}
    for m in _STANCE.finditer(text):
        # A subject of more than three words ("attempts to change the status quo by force
        # must never be tolerated") would be cut mid-phrase ("quo by force ..."): no stance
        # formulation, the run of words before it stays what it is.
        subj = m.group("subj").split()
        # "Tokyo said coercion ...": the subject starts after the last function word in it
        inner = [i for i, w in enumerate(subj[:-1])
                 if w.lower() in rules.stopwords and w.lower() not in rules.joiners]
        cut = inner[-1] + 1 if inner else 0
        if inner and subj[inner[-1]].lower() in _PREPOSITIONS:
            continue  # "... the status quo by force must never ...": inside a longer subject
        if cut == 0 and (prev := _LAST_WORD.search(text, 0, m.start("subj"))) is not None \
                and prev.group(1).lower() not in rules.stopwords | rules.joiners:
            continue
        subj = subj[cut:]
        # leading function words go ("that war and chaos" -> "war and chaos"); a closing
        # "that" after a noun stays ("a fact that will never change")
        while subj and subj[0].lower() in rules.stopwords | rules.joiners:
            subj.pop(0)
        low = [w.lower() for w in subj]
        if not subj or any(w in _STANCE_SUBJECT_SKIP for w in low if w != "that") \
                or (low[-1] in rules.stopwords | rules.joiners and low[-1] != "that"):
            continue
        verb = m.group("verb").split()[-1]
        if verb in rules.stopwords or len(verb) < 3:
            continue
        words = [*subj, *m.group("neg").split(), *m.group("verb").split(),
                 *(m.group("comp") or "").split()]
        if not m.group("comp") and m.group("verb").split()[-1] in _COPULAR:
            # "differences should not become obstacles to cooperation or reasons for
            # confrontation": what the subject must not become is the half that matters
            words += _predicate(text[m.end():], rules)
        surface = " ".join(words)
        key = " ".join(rules.fold(w) for w in words)
        out.setdefault(key, surface)
    return out




@cache
def _stance_verb_prefix(verbs: frozenset[str]) -> re.Pattern[str]:
    """A stance verb in any inflection ("oppose": opposes, opposed, opposing), an adverb
    before it, a preposition and an article after it: what may stand before a formulation."""
    forms = set(verbs)
    try:
        from lemminflect import getAllInflections
    except ImportError:  # pragma: no cover - a declared dependency
        getAllInflections = None
    for v in verbs:
        if getAllInflections is not None:
            for found in getAllInflections(v, upos="VERB").values():
                forms.update(found)
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    # "advocated and practised true multilateralism": two verbs of one object
    return re.compile(
        rf"(?:\b[A-Za-z]+ly\s+)?\b(?:(?:{alts})\s+and\s+)?(?:{alts})\s+"
        rf"(?:(?:by|to|from|on|with|against|into)\s+)?(?:(?:the|any|all|a|an)\s+)?",
        re.IGNORECASE)


@lru_cache(maxsize=4096)
def _stance_prefixes(text: str, verbs: frozenset[str]) -> dict[int, int]:
    """Where a stance-verb prefix ends in the text -> where it starts (one scan a statement)."""
    found: dict[int, int] = {}
    for m in _stance_verb_prefix(verbs).finditer(text):
        found.setdefault(m.end(), m.start())
    return found


# What a side proposes to do with a wording is shown with it too ("enhance strategic
# communication", "expand the convergence of interests"): the verbs of a readout's proposals.
ACTION_VERBS = frozenset([
    "enhance", "deepen", "strengthen", "expand", "promote", "advance", "boost", "maintain",
    "handle", "build", "regain", "support", "accommodate", "increase", "foster", "preserve",
    "protect", "keep", "inject", "practice", "practise", "advocate"])


def with_stance_verb(text: str, surface: str, rules: PhraseRules | None = None) -> str:
    """A formulation shown with the stance verb that governs it in the statement ("strongly
    opposes unilateral efforts to change the status quo", "abide by the one-China
    principle"): what the side did with the wording is half of what an analyst reads. Display
    only: the formulation's key, and so new / repeated, stay the noun phrase's."""
    rules = rules or default_rules()
    first = surface.split()[0].lower() if surface.split() else ""
    verbs = rules.stance_verbs | ACTION_VERBS
    if first in verbs:
        # the phrase starts with the verb: the adverb before it is how ("properly manage
        # differences", "firmly oppose ...")
        adverb = re.search(rf"\b([a-z]+ly)\s+{re.escape(surface)}(?![\w-])", text)
        if adverb is not None and adverb.group(1) not in ("only", "early", "likely", "family"):
            return f"{adverb.group(1)} {surface}"
        return surface
    if not first or not rules.stance_verbs:
        return surface
    prefixes = _stance_prefixes(text, verbs)
    if not prefixes:
        return surface
    at = text.find(surface)
    while at >= 0:
        end = at + len(surface)
        if at in prefixes and (end == len(text) or not (text[end].isalnum() or text[end] == "-")):
            shown = " ".join(text[prefixes[at]:end].split())  # one space, as in a surface
            # "Opposing decoupling ..." at a sentence start: the verb is not a name
            return shown[0].lower() + shown[1:] if shown[:2].istitle() else shown
        at = text.find(surface, at + 1)
    return surface


# A position, a contrast or a quoted wording is shown in its clause when the clause is short:
# "China and the EU have always been partners, not rivals", not "partners, not rivals"; "we
# must boost our efforts to broker peace". Analysts write positions down as clauses: measured
# on twenty-four labelled relationships (round 27), 10 more listed items were their
# formulations and 6 more flagged changes caught; plain phrases and proposals lost as many
# as they gained, and are shown as before.
_CLAUSE_START = re.compile(
    r"(?:^|[.;:!?]\s+|[\"“‘]|,\s+(?:and|while|but|which)\s+|\b(?:said|says|noted|stressed|"
    r"added|emphasized|emphasised|believes|pointed\s+out|stated|underlined|told\s+\w+|"
    r"made\s+(?:it\s+)?clear|makes?\s+(?:it\s+)?clear)\s+"
    r"(?:that\s+)?|\b[a-z]+ed\s+that\s+)", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[.;:!?,\"”’]|\s+(?:and|while|but)\s+(?:that|the|he|she|they|it)\b")
CLAUSE_MAX_WORDS = 18  # words of three letters or more
CLAUSE_MORE_WORDS = 8  # ... of which at most this many beyond the formulation's


def with_clause(text: str, shown: str) -> str:
    """The short clause of the statement that holds the shown wording, or the wording."""
    at = text.find(shown)
    if at < 0:
        return shown
    left = 0
    for m in _CLAUSE_START.finditer(text, 0, at + 1):
        if m.end() <= at:
            left = m.end()
    end = _CLAUSE_STOP.search(text, at + len(shown))
    clause = " ".join(text[left:end.start() if end else len(text)].split()).strip(" ,'\"“”‘’")
    if re.match(r"that\b", clause, re.IGNORECASE):
        clause = clause[4:].lstrip(" ,")
    clause = _tidy_end(clause, default_rules())  # "... joint construction of the" (a quote)
    long = [w for w in clause.split() if len(w) > 2]
    own = [w for w in shown.split() if len(w) > 2]
    if shown not in clause or len(long) > CLAUSE_MAX_WORDS \
            or len(long) - len(own) > CLAUSE_MORE_WORDS:
        return shown
    return clause


# Contrasts are how a side states a position compactly: "neither historical grievances nor
# fundamental conflicts of interest", "partners rather than rivals", "cooperation, not
# confrontation". The runs cut them at "nor", "rather" and the comma, leaving two halves that mean
# nothing alone; kept whole, each half a short noun phrase (no function word inside).
def _half(n: int) -> str:
    return r"[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,%d}" % n  # noqa: UP031


_CONTRAST = re.compile(
    rf"(?<![\w-])(?:neither\s+(?P<na>{_half(5)})\s+nor\s+(?P<nb>{_half(5)})"
    rf"|either\s+(?P<ea>{_half(2)})\s+or\s+(?P<eb>{_half(2)})"
    rf"|(?P<ra>{_half(3)})\s+(?:rather\s+than|instead\s+of)\s+(?P<rb>{_half(3)})"
    rf"|(?P<ca>{_half(2)}),\s+not\s+(?P<cb>{_half(2)}))"
    r"(?=\s*(?:[.,;:!?)\"”]|$)|\s+(?:between|in|with|among|for|and)\b)", re.IGNORECASE)


def contrasts(text: str, rules: PhraseRules | None = None) -> dict[str, str]:
    """Contrast formulations of a statement: key -> the words as written."""
    rules = rules or default_rules()
    out: dict[str, str] = {}
    for m in _CONTRAST.finditer(text.replace("’", "'")):
        a, b = next((m.group(x), m.group(y))
                    for x, y in (("na", "nb"), ("ea", "eb"), ("ra", "rb"), ("ca", "cb"))
                    if m.group(x))
        aw, bw = a.split(), b.split()
        if m.group("ra") or m.group("ca"):
            # the first half starts after the clause's last function word or verb: "should be
            # partners rather than rivals" -> "partners rather than rivals"; two nouns joined
            # by "and"/"or" are one half ("partners and opportunities rather than ...")
            keep: list[str] = []
            for n, w in enumerate(reversed(aw)):
                low = w.lower()
                before = aw[len(aw) - n - 2].lower() if n + 2 <= len(aw) else ""
                if low in ("and", "or") and keep and before and before not in rules.stopwords \
                        and before not in rules.joiners and not _finite(before, rules) \
                        and "NOUN" in _classes(before):
                    keep.insert(0, w)
                    continue
                if low in rules.stopwords or low in rules.joiners or _finite(low, rules):
                    break
                keep.insert(0, w)
            aw = keep
        # the second half ends at its first function word but "of": "rivals in the region" ->
        # "rivals", "conflicts of interest" stays whole
        stop = (rules.stopwords | rules.joiners) - {"of"}
        if m.group("ea"):
            # a choice of two moves ("forge ahead or drift downstream"): adverbs belong to
            # them; a half of more than two words or with an article is a longer sentence
            if len(aw) > 2 or len(bw) > 2 or any(
                    w.lower() in rules.joiners | {"the", "a", "an"} for w in [*aw, *bw]):
                continue
            stop = set()
        cut = next((i for i, w in enumerate(bw) if w.lower() in stop
                    # "... rather than rivals or threats": a second noun joined to the half
                    and not (w.lower() in ("and", "or") and i + 1 < len(bw) and i > 0
                             and "NOUN" in _classes(bw[i + 1].lower())
                             and bw[i + 1].lower() not in stop)), len(bw))
        bw = bw[:cut]
        while bw and bw[-1].lower() == "of":
            bw.pop()
        if not aw or not bw or any(w.lower() in stop and w.lower() not in ("and", "or")
                                   for w in aw):
            continue
        if len(aw) + len(bw) < 2 or len(aw) + len(bw) > 8:
            continue
        if m.group("na"):
            words = ["neither", *aw, "nor", *bw]
        elif m.group("ea"):
            words = [*aw, "or", *bw]  # "forge ahead or drift downstream": the choice put
        elif m.group("ra"):
            link = m.group(0)[len(m.group("ra")):].split()[:2]  # "rather than" / "instead of"
            words = [*aw, *(w.lower() for w in link), *bw]
        else:
            words = [*aw, "not", *bw]
        surface = " ".join(aw) + ", not " + " ".join(bw) if m.group("ca") else " ".join(words)
        key = " ".join(rules.fold(w.lower()) for w in words)
        out.setdefault(key, surface)
    return out


def is_contrast(surface: str) -> bool:
    low = f" {surface.lower().replace(',', '')} "
    return (low.startswith(" neither ") and " nor " in low) or " rather than " in low \
        or " instead of " in low \
        or (" not " in low and "," in surface) or _is_choice(low)


def _is_choice(low: str) -> bool:
    """ "forge ahead or drift downstream": two halves of one or two words around "or" (a run
    of plain words never holds "or"; only an "either ... or" choice is listed so)."""
    halves = low.strip().split(" or ")
    return len(halves) == 2 and all(1 <= len(h.split()) <= 2 for h in halves) \
        and len(low.split()) >= 4


def is_stance(surface: str) -> bool:
    low = surface.lower()
    if _STANCE.fullmatch(low):
        return True
    # a copular stance clause with its predicate ("differences should not become obstacles
    # to cooperation"): the clause's own head, then a noun phrase
    m = _STANCE.match(low)
    return bool(m and m.group("verb").split()[-1] in _COPULAR and not m.group("comp")
                and m.end() < len(low))


_CLOSED = re.compile(r"[.!?;:\"”’')\]]\s*$")


def _whole_words(found: dict[str, str], text: str) -> dict[str, str]:
    """Without the phrases a truncated statement cuts off: a page saved as an excerpt stops
    mid-word ("the original intention of e"), and what ends where it stops is a fragment."""
    body = text.rstrip()
    if not body or _CLOSED.search(body):
        return found
    last = body.split()[-1]
    # a list line ends on a whole word ("... student visas"); a cut one on a word's first
    # letters, which no lexicon knows ("of e", "to Chinese di")
    if not last.islower() or _classes(last) or len(last) > 6:
        return found
    return {k: v for k, v in found.items() if not body.endswith(v)}


def extract(text: str, rules: PhraseRules | None = None,
            undertakings: bool = True) -> dict[str, str]:
    """The formulations of one statement: normalised key -> the words as written, in order.
    `undertakings=False` leaves out the verb phrases of digests/proposals.py (the noun-phrase
    runs alone)."""
    rules = rules or default_rules()
    found: dict[str, str] = {}
    strong: list[str] = []  # folded surfaces of registry and quoted phrases
    wordings: dict[str, str] = {}  # folded registry surface -> its key
    for key, surface in registry(rules).find(text, rules):
        shown = _with_stance_head(text, _with_country_pair(
            text, _with_complement(text, surface, rules)))
        found.setdefault(key, shown)
        strong += [_folded(surface, rules), _folded(shown, rules)]
        wordings.setdefault(_folded(surface, rules), key)
    registered = list(strong)
    widened: set[str] = set()
    for key, surface in quoted(text, rules).items():
        if key not in found and _covered(_folded(surface, rules), registered, rules):
            continue  # “cooperative partners, not a threat …” is the registry's wording
        found.setdefault(key, surface)
        strong.append(_folded(surface, rules))
    for key, surface in serial_lists(text, rules).items():
        if not _covered(_folded(surface, rules), registered, rules):
            found.setdefault(key, surface)
    for key, surface in coordinate_adjectives(text, rules).items():
        found.setdefault(key, surface)
    for key, surface in stance_clauses(text, rules).items():
        found.setdefault(key, surface)
    for key, surface in positions(text, rules).items():
        found.setdefault(key, surface)
        strong.append(_folded(surface, rules))
    for key, surface in contrasts(text, rules).items():
        if not _covered(_folded(surface, rules), registered, rules):
            found.setdefault(key, surface)
            strong.append(_folded(surface, rules))
    # Congratulations (digests/acknowledgements.py), keyed on what they are for: "congratulate
    # him on his re-election" and "congratulated the President on his re-election" are one.
    for what, surface in acknowledgements(text):
        found.setdefault(f"congratulate {key_of(what, rules)}".strip(), surface)
    # Instruments by their whole names (digests/instruments.py): "Joint Declaration of Support
    # for Ukraine", which the runs cut at "of" and "for".
    for surface in instruments(text, rules):
        found.setdefault(key_of(surface, rules), surface)
    # Undertakings said as verb phrases (digests/proposals.py): whole, beside the noun-phrase
    # runs inside them, which stay the keys a later meeting's wording is compared with.
    for surface in proposal_surfaces(text, rules) if undertakings else []:
        if not _covered(_folded(surface, rules), registered, rules):
            found.setdefault(key_of(surface, rules), _run_complement(text, surface, rules))
    for run in _runs(_tokens(text, rules)):
        for t in run:
            if t.key in rules.key_terms or t.surface.lower() in rules.key_terms:
                found.setdefault(t.key, t.surface)
        for clause in _clauses(run, rules):
            for piece in _cut_ignored(clause, rules):
                for w in _fit(_trim(piece, rules), rules):
                    content = [t for t in w if t.kind not in _INNER]
                    key = _key(w)
                    words = [t for t in w if t.kind != "article"]
                    if not (len(words) >= rules.min_words and len(content) >= rules.min_words - 1
                            and content and key not in rules.ignore):
                        continue
                    folded = _folded(_surface(w), rules)
                    if not _covered(folded, strong, rules):
                        found.setdefault(key, _run_complement(text, _surface(w), rules))
                        continue
                    inner = _widens(folded, wordings, rules)
                    if inner is not None and inner not in widened:
                        # The registry wording is the formulation; the constituent around it
                        # is how the side worded it ("an important strategic channel of
                        # communication", "ironclad commitment to the defense of the
                        # Philippines"): shown whole, still one formulation of the registry.
                        shown = _surface(w).split()
                        while shown and shown[0].lower() in rules.stance_verbs | ACTION_VERBS:
                            shown = shown[1:]  # the verb is shown with it when listed
                        found[inner] = " ".join(shown)
                        widened.add(inner)
    return _whole_words({k: _tidy_end(v, rules) for k, v in found.items()}, text)


def _tidy_end(surface: str, rules: PhraseRules) -> str:
    """Without the function words a complement or a cut left at its end ("... reached by the
    leaders of the", before an ignored "two countries"): shown words end on a word that
    means something. Display only: the key is the run's."""
    words = surface.split()
    ends = rules.joiners | rules.inner_articles | {"or"}
    while True:
        while len(words) > 1 and words[-1].lower() in ends:
            words.pop()
        if len(words) > 3 and words[-2].lower() in ("the", "a", "an") \
                and default_countries().is_adjective(words[-1]):
            # "an essential partner in the Chinese" (mainland's efforts): a country's adjective
            # cut from the noun it qualifies is one more cut, not the phrase's end
            kept = words[:-2]
            while kept and kept[-1].lower() in _CUT_PREPOSITIONS:
                kept.pop()
            if len(kept) >= 2:
                words = kept
                continue
        break
    return " ".join(words) if len(words) < len(surface.split()) else surface


_CUT_PREPOSITIONS = frozenset({"in", "from", "with", "to", "of", "for", "by", "on", "at",
                               "between", "among", "toward", "towards"})


# A stance noun a registry wording completes, with its modifier: "firm commitment to the
# one-China principle", "just position on the Taiwan question", "resolute support for ASEAN
# centrality". The stance is how the side worded it; the registry wording stays the key.
_STANCE_HEAD = re.compile(
    r"(?:\b(?:firm|resolute|just|consistent|unwavering|steadfast|principled|clear|strong|"
    r"staunch|full|continued|long-standing|longstanding)\s+)?"
    r"\b(?:commitment|support|position|stance|adherence|opposition|respect|recognition)\s+"
    r"(?:to|on|for|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _with_stance_head(text: str, surface: str) -> str:
    at = text.replace("’", "'").find(surface)
    if at <= 0:
        return surface
    m = _STANCE_HEAD.search(text[max(0, at - 60):at])
    return f"{m.group(0)}{surface}" if m else surface


_COMPLEMENT = re.compile(
    r"\s+(?:to|of|for)\s+(?:the\s+)?[A-Za-z][\w'-]*"
    r"(?:\s+(?!(?:of|and|or|to|for|the|a|an|in|on|at|by|with|as|that|which)\b)[a-z][\w'-]*)?"
    r"(?:\s+(?:of|and)\s+(?:the\s+)?[A-Za-z][\w'-]*)?(?=[\s.,;:)]|$)")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w'-]*)")
_IN_COUNTRY = re.compile(
    r"\s+in\s+(?:the\s+)?([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})(?=[\s.,;:)]|$)")


def _with_complement(text: str, surface: str, rules: PhraseRules) -> str:
    """A registry wording with the "to/of/for" complement that completes it ("ironclad
    commitment to the defense of Japan"): at most two more content words, country names
    not counted, no verb nor pronoun. Otherwise the wording as found."""
    # (one apostrophe for both: the complement of "commitment to Israel’s security" was
    # looked for in the curly text and never found)
    text = text.replace("’", "'")
    at = text.find(surface)
    if at < 0:
        return surface
    m = _COMPLEMENT.match(text, at + len(surface))
    if m is None:
        # "humanitarian pause in Gaza", "immediate ceasefire in Lebanon": the country a
        # standard wording is said of
        place = _IN_COUNTRY.match(text, at + len(surface))
        if place is not None and default_countries().lookup(place.group(1)) is not None:
            return surface + place.group(0)
        return surface
    tail = m.group(0).split()
    while len(tail) > 2 and (tail[-1].lower() in rules.stopwords | rules.joiners
                             or _gerund(tail[-1].lower())):
        tail.pop()  # "... future of strategic" + "and": the complement ends before it
    end = at + len(surface) + len(m.group(0))

    def goes_on(at_: int) -> re.Match[str] | None:
        # the complement's noun phrase goes on ("of sound and steady development")
        nxt = _NEXT_WORD.match(text, at_)
        word = nxt.group(1).lower() if nxt else ""
        return nxt if nxt and word not in rules.stopwords | rules.joiners \
            and not word.endswith("ing") and "NOUN" in _classes(word) else None

    most = 2
    if len(tail) == len(m.group(0).split()) and (nxt := goes_on(end)) is not None:
        if goes_on(nxt.end()) is not None:
            return surface  # more than one noun on: not cut inside it
        tail.append(nxt.group(1))
        most = 3  # "sound and steady" before it: its modifiers, the noun heads them
    countries = default_countries()
    content = [w for w in tail if w.lower() not in rules.joiners | rules.inner_articles]
    if tail[0].lower() == "to" and len(tail) > 1 and "VERB" in _classes(tail[1].lower()):
        return surface  # "Artemis Accords | to guide civil use": an infinitive, no complement
    if any(w.lower() in rules.stopwords or _gerund(w.lower()) or (
            "VERB" in _classes(w.lower()) and not {"NOUN", "ADJ"} & _classes(w.lower()))
           for w in content):
        return surface
    if len([w for w in content if not countries.find(w)]) > most:
        return surface
    name = _name_after(text, end, tail, rules) if tail == m.group(0).split() else []
    return f"{surface} {' '.join(tail + name)}"


def _run_complement(text: str, surface: str, rules: PhraseRules) -> str:
    """A phrase or undertaking with the complement that completes it ("give full play to the
    advantages of the railway"), as a registry wording has; not where the run was cut back on
    purpose: before a quantity ("for thousands (of years)") or a verb in -ing ("for building
    (a community)", "for neighbouring (major countries)")."""
    shown = _with_complement(text, surface, rules)
    added = shown[len(surface):].split()
    if any(w.lower().endswith("ing") or w.lower() in _QUANTITIES for w in added):
        return surface
    return shown


_NAME_WORD = re.compile(r"\s+([A-Z][\w'-]*)")


def _name_after(text: str, end: int, tail: list[str], rules: PhraseRules) -> list[str]:
    """The capitalised words that go on a complement ending (at `end`) on a country pair ("of
    the China-Pakistan" + "Economic Corridor"): the name is what the complement names; a title
    ("Foreign Minister") is not."""
    if "-" not in tail[-1] or not _country_word(tail[-1]):
        return []
    out: list[str] = []
    at = end
    while len(out) < 4 and (m := _NAME_WORD.match(text, at)) is not None \
            and m.group(1).lower() not in rules.stopwords:
        out.append(m.group(1))
        at = m.end()
    return out


# (each country of the pair may be two or three words: "China-Sri Lanka", "New Zealand-China")
_PAIR_BEFORE = re.compile(
    r"((?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*(?:-(?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*)+)\s+$")


def _with_country_pair(text: str, surface: str) -> str:
    """A registry wording with the countries' pair that names whose it is ("China-Indonesia
    community with a shared future"): one formulation, not the pair's "China-Indonesia
    community" beside it."""
    at = text.replace("’", "'").find(surface)
    if at <= 0:
        return surface
    m = _PAIR_BEFORE.search(text, max(0, at - 50), at)
    if m is None:
        return surface
    # the longest tail of capitalised words that is a pair of countries ("Yi China-Nepal" is
    # "China-Nepal")
    words = m.group(1).split()
    for i in range(len(words)):
        if _country_word(pair := " ".join(words[i:])):
            return f"{pair} {surface}"
    return surface


def _widens(run: str, wordings: dict[str, str], rules: PhraseRules) -> str | None:
    """The key of the one registry wording a run holds whole with at most two more content
    words, the run being the registry wording's constituent; None otherwise."""
    skip = rules.joiners | rules.inner_articles
    inside = []
    for s, key in wordings.items():
        if s == run or (around := _around(run, s)) is None:
            continue
        before, after = around
        # a stance verb opening the run is what the side did with it ("oppose unilateral and
        # bullying practices"), shown with it anyway: not a modifier
        while before and before[0] in rules.stance_verbs | ACTION_VERBS:
            before = before[1:]
        # (a country or a pair of them is whose it is, not another word of it: "political
        # foundation of China-Germany relations")
        if len([w for w in before + after if w not in skip and not _country_word(w)]) > 2:
            continue
        # Modifiers before it ("important strategic"); a verb before it is an action on it
        # ("build resilient supply chains"). A word that can be a verb is taken for one:
        # "trade supply chains" keeps the registry's wording, which loses less than "build
        # resilience" shown as a name.
        if any(("VERB" in _classes(w) and "ADJ" not in _classes(w)) or _gerund(w)
               for w in before):
            continue
        # ... and an "of"/"to"/"for" complement after it ("to the defense of ..."); "in the
        # region" says where, not what.
        if after and after[0] not in ("of", "to", "for"):
            continue
        inside.append(key)
    return inside[0] if len(inside) == 1 else None


def _country_word(word: str) -> bool:
    """A country, its adjective, or a hyphenated pair of them ("china-germany")."""
    countries = default_countries()
    return all(countries.lookup(p) for p in word.split("-")) if word else False


def _around(run: str, inner: str) -> tuple[list[str], list[str]] | None:
    """The words of a run before and after a phrase it holds whole; None if it does not."""
    if f" {inner} " not in f" {run} ":
        return None
    before, _, after = f" {run} ".partition(f" {inner} ")
    return before.split(), after.split()


def _folded(surface: str, rules: PhraseRules) -> str:
    return " ".join(rules.fold(w) for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9'\-]*", surface))


def _covered(run: str, strong: list[str], rules: PhraseRules) -> bool:
    """A run that is part of a registry or quoted phrase, or holds one with at most two more
    content words, is that phrase: it is not listed a second time in other words."""
    skip = rules.joiners | rules.inner_articles
    words = {w for w in run.split() if w not in skip}
    for s in strong:
        if f" {run} " in f" {s} ":
            return True
        if (around := _around(run, s)) is not None \
                and len([w for w in around[0] + around[1] if w not in skip]) <= 2:
            return True
        # A run that overlaps a strong phrase and adds at most one word is a piece of it
        # ("adhere to independence and freedom" beside "independence and freedom from external
        # interference").
        theirs = {w for w in s.split() if w not in skip}
        if len(words & theirs) >= 2 and len(words - theirs) <= 1:
            return True
    return False


def contains(longer: str, shorter: str) -> bool:
    """Whole-word containment: "supply chain" is in "industrial and supply chain"."""
    return longer != shorter and f" {shorter} " in f" {longer} "


PART_WORDS = (2, 4)


def parts(phrases: dict[str, str], rules: PhraseRules | None = None) -> dict[str, str]:
    """Every 2-4-word span inside the given formulations, so a formulation is recognised when
    it recurs inside a longer run ("build resilient supply chains and ...")."""
    rules = rules or default_rules()
    out: dict[str, str] = {}
    for key, surface in phrases.items():
        keys = key.split()
        words = [w for w in surface.split() if w.lower() not in rules.inner_articles] \
            if len(surface.split()) != len(keys) else surface.split()
        if len(keys) != len(words) or len(keys) <= PART_WORDS[0]:
            continue
        for n in range(PART_WORDS[0], min(PART_WORDS[1], len(keys) - 1) + 1):
            for i in range(len(keys) - n + 1):
                span = keys[i : i + n]
                if span[0] in rules.joiners or span[-1] in rules.joiners:
                    continue
                k = " ".join(span)
                if k not in rules.ignore:
                    out.setdefault(k, " ".join(words[i : i + n]))
    return out


def proposal_surfaces(text: str, rules: PhraseRules | None = None) -> list[str]:
    """The undertakings of a statement said as verb phrases (digests/proposals.py)."""
    return list(proposals(text, rules or default_rules()).values())


def proposal_keys(text: str, rules: PhraseRules | None = None) -> frozenset[str]:
    """Their keys, as `extract` writes them (country pairs folded: "deepen China-ROK
    relations" and "deepen ROK-China relations" are one)."""
    return _proposal_keys(text, rules or default_rules())


@lru_cache(maxsize=4096)
def _proposal_keys(text: str, rules: PhraseRules) -> frozenset[str]:
    # (the comparison asks again for a statement at every later meeting of its relationship)
    return frozenset(key_of(s, rules) for s in proposal_surfaces(text, rules))
