"""Positions said as clauses: the shapes in which a side states where it stands, which the
plain runs of words (digests/phrases.py) would cut into pieces.

- red lines with what must not become: "differences should not become obstacles to
  cooperation or reasons for confrontation" (the predicate of a copular stance clause);
- guarantees across time: "was not, is not and will not be a problem", "has never been and
  will never be";
- weighings: "the common interests of X and Y far outweigh their differences";
- definitions: "mutual respect is the foundation", "Taiwan and Hong Kong affairs are China's
  internal affairs", "the Taiwan question is an internal affair of China";
- principles laid down: "the sovereignty and territorial integrity of all countries should be
  respected and protected";
- guarantees whatever happens: "no matter how the international situation changes";
- placings: how a side places the other or a question, "regards Thailand as a trustworthy
  partner and a force for peace and stability in the region", "considers its relations with
  Malaysia a priority in its neighborhood diplomacy".

Each finder returns key -> the words as written, like the other candidate finders of
digests/phrases.py, which calls them; `is_*` tell a surface of that shape (digests/strength.py
scores them as stances). Built on the phrase lexicon (digests/lexicon.py) only.
"""

from __future__ import annotations

import re

from digests.lexicon import PhraseRules, _finite, default_rules

_STANCE_SUBJECT_SKIP = frozenset([
    "sides", "side", "countries", "country", "parties", "party", "nations", "nation", "two",
    "both", "it", "they", "we", "he", "she", "this", "that", "which", "who", "there", "here"])


# Copular verbs of a stance clause, whose predicate noun phrase completes it.
_COPULAR = frozenset(["become", "be", "turn", "remain"])
# Words a predicate may hold between its nouns ("obstacles to cooperation or reasons for
# confrontation", "a problem between China and Europe"); anything else ends it.
_PREDICATE_JOINERS = frozenset(["to", "for", "of", "or", "and", "between", "in", "a", "an",
                                "the", "into"])
_PREDICATE_WORD = re.compile(r"\s*([A-Za-z][\w'’-]*)")


def _predicate(rest: str, rules: PhraseRules, most: int = 8) -> list[str]:
    """The noun phrase a copular stance clause goes on with, up to a punctuation mark, a
    function word that opens a new clause or `most` words; none when it does not end on a
    noun-like word."""
    words: list[str] = []
    at = 0
    while len(words) < most:
        m = _PREDICATE_WORD.match(rest, at)
        if m is None:
            break
        w = m.group(1)
        low = w.lower()
        if low in _PREDICATE_JOINERS:
            words.append(w)
            at = m.end()
            continue
        if low in rules.stopwords or _finite(low, rules):
            # "... a weapon and Europe said so": the word before a verb opens a new clause
            if _finite(low, rules) and len(words) >= 2 and words[-2].lower() in ("and", "or"):
                words = words[:-2]
            break
        words.append(w)
        at = m.end()
    while words and words[-1].lower() in _PREDICATE_JOINERS:
        words.pop()
    if words and words[0].lower() == "into":
        words = words if len(words) > 1 else []
    return words if any(w.lower() not in _PREDICATE_JOINERS for w in words) else []


# "was not, is not and will not be a problem between China and Europe", "has never been and
# will never be": a guarantee across time, the strongest form a side gives a position. Kept
# whole with the predicate it guarantees.
_TIMELESS = re.compile(
    r"(?<![\w-])(?P<head>(?:(?:was|were|is|are)\s+(?:not|never)|(?:has|have)\s+never\s+been)"
    r"(?:,?\s+(?:is|are)\s+not)?,?\s+(?:and|nor)\s+(?:will|shall)\s+(?:not|never)\s+be)\b",
    re.IGNORECASE)


def timeless(text: str, rules: PhraseRules | None = None) -> dict[str, str]:
    """Guarantees across time of a statement: key -> the words as written."""
    rules = rules or default_rules()
    out: dict[str, str] = {}
    for m in _TIMELESS.finditer(text.replace("’", "'")):
        pred = _predicate(text[m.end():], rules)
        if not pred:
            continue
        words = [*m.group("head").replace(",", " ").split(), *pred]
        surface = " ".join(m.group("head").split()) + " " + " ".join(pred)
        out.setdefault(" ".join(rules.fold(w.lower()) for w in words), surface)
    return out


# "the common interests of China and Australia far outweigh their differences": a weighing
# of the relationship, one of the lines a side repeats or drops on purpose.
_OUTWEIGH = re.compile(r"(?<![\w-])(?:(?:far|much|still|far\s+more)\s+)?outweighs?\b",
                       re.IGNORECASE)
# nouns a subject may hold though runs stop at them ("... of all countries should be ...")
_SUBJECT_NOUNS = frozenset(["countries", "country", "sides", "side", "parties", "party",
                            "nations", "nation", "states", "state"])
_SUBJECT_JOINERS = frozenset(["of", "and", "the", "two", "both", "all", "each", "every"])


def weighings(text: str, rules: PhraseRules | None = None) -> dict[str, str]:
    """Weighings of a statement ("X far outweigh Y"): key -> the words as written."""
    rules = rules or default_rules()
    out: dict[str, str] = {}
    for m in _OUTWEIGH.finditer(text):
        before = re.findall(r"[A-Za-z][\w'’-]*", text[max(0, m.start() - 120):m.start()])
        subj: list[str] = []
        for w in reversed(before):
            low = w.lower()
            if len(subj) >= 8 or (low in rules.stopwords and low not in _SUBJECT_JOINERS) \
                    or _finite(low, rules):
                break
            subj.insert(0, w)
        while subj and subj[0].lower() in _SUBJECT_JOINERS:
            subj.pop(0)
        obj = re.match(r"\s*((?:(?:their|the|its|our|any)\s+)?[A-Za-z][\w'’-]*"
                       r"(?:\s+(?!(?:and|or|but|to|in|on|as|with|for|he|she|said)\b)"
                       r"[A-Za-z][\w'’-]*)?)", text[m.end():])
        if not subj or obj is None:
            continue
        words = [*subj, *m.group(0).split(), *obj.group(1).split()]
        surface = " ".join(words)
        out.setdefault(" ".join(rules.fold(w.lower()) for w in words), surface)
    return out


# "Taiwan and Hong Kong affairs are China's internal affairs", "dialogue and cooperation is
# the right choice", "mutual respect is the foundation": a side defining what something is,
# the way standing positions are put. The predicate's head must be one of these nouns.
_DEFINING_HEADS = (
    "internal affairs", "internal affair", "right choice", "only choice", "correct choice",
    "only correct choice", "wise choice", "foundation", "cornerstone", "bedrock", "key",
    "precondition", "prerequisite",
    "premise", "core", "main theme", "mainstream", "ballast", "ballast stone", "anchor",
    "stabilizer", "red line", "essence", "political foundation", "guarantee", "lifeline",
    "top priority", "defining feature", "common aspiration", "only way", "right way")
_DEFINING = re.compile(
    r"\s+(?P<cop>is|are|remains|remain)\s+(?P<pred>(?:(?:the|a|an|its|their|our|"
    r"[A-Z][\w-]*(?:'s|’s))\s+)?(?:(?:most|very|only|real|true|fundamental|important|"
    r"greatest|biggest)\s+)*(?:" + "|".join(re.escape(h) for h in sorted(
        _DEFINING_HEADS, key=len, reverse=True)) + r"))(?![\w-])")


def definitions(text: str, rules: PhraseRules | None = None) -> dict[str, str]:
    """Definitions of a statement ("X is the right choice"): key -> the words as written."""
    rules = rules or default_rules()
    out: dict[str, str] = {}
    for m in _DEFINING.finditer(text):
        whose = re.match(r"\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}",
                         text[m.end():]) if m.group("pred").endswith(("affair", "affairs")) \
            else None
        if whose is None and re.match(r"\s+(?:of|for|to|in|on|between)\b", text[m.end():]):
            continue  # "the cornerstone of peace and stability": a longer wording goes on
        more: list[str] = []
        if (nxt := re.match(r"\s+([a-z][\w'’-]*)", text[m.end():])) is not None \
                and nxt.group(1) not in rules.stopwords | rules.joiners:
            # "CPEC is a key project": the head was a modifier of the noun after it, which the
            # definition goes on with
            more = _predicate(text[m.end():], rules, most=3)
            if not more:
                continue
        subj = _subject_before(text, m.start(), rules)
        if not subj:
            continue
        words = [*subj, m.group("cop"), *m.group("pred").split(), *more,
                 *(whose.group(0).split() if whose else [])]
        surface = " ".join(words)
        out.setdefault(" ".join(rules.fold(w.lower()) for w in words), surface)
    return out


def _subject_before(text: str, at: int, rules: PhraseRules) -> list[str]:
    """The noun phrase that ends at `at` and is the subject of what follows: within its clause
    (after the last comma, colon, quote mark or full stop; "U.S." keeps its dots), plain
    words, "of", "and" and "between" inside, at most eight words; none when it is a pronoun
    or "the two sides"."""
    head = re.split(r"[,;:\"“”()]|\.\s", text[max(0, at - 100):at])[-1]
    before = re.findall(r"(?:[A-Z]\.)+(?:-[A-Za-z][\w'’-]*)?|[A-Za-z][\w'’-]*", head)
    subj: list[str] = []
    for w in reversed(before):
        low = w.lower()
        if len(subj) >= 8 or (low in rules.stopwords and low not in _SUBJECT_JOINERS
                              and low not in _SUBJECT_NOUNS and low != "between") \
                or _finite(low, rules):
            break
        subj.insert(0, w)
    while subj and subj[0].lower() in _SUBJECT_JOINERS | {"between"}:
        subj.pop(0)
    if not subj or subj[-1].lower() in _SUBJECT_JOINERS | {"between"} \
            or subj[0].lower() in _STANCE_SUBJECT_SKIP:
        return []
    return subj


# "the sovereignty and territorial integrity of all countries should be respected and
# protected", "legitimate security concerns ... should be taken seriously": a principle laid
# down, the way a side states a position on a conflict.
_OBLIGATION = re.compile(
    r"\s+(?P<modal>should|must)\s+be\s+(?P<pp>(?:[a-z]+ly\s+)?[a-z]+ed|upheld|kept|"
    r"taken\s+seriously|held|met|heard|built|sought|found)"
    r"(?P<more>\s+and\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|upheld|kept|held|met|heard|built))?"
    r"(?![\w-])")


def obligations(text: str, rules: PhraseRules | None = None) -> dict[str, str]:
    """Principles of a statement ("X should be respected"): key -> the words as written."""
    rules = rules or default_rules()
    out: dict[str, str] = {}
    for m in _OBLIGATION.finditer(text):
        subj = _subject_before(text, m.start(), rules)
        # a principle is about something: at least two words ("differences should be
        # managed" is prose), one of them not a joiner
        if len([w for w in subj if w.lower() not in _SUBJECT_JOINERS]) < 2:
            continue
        words = [*subj, m.group("modal"), "be", *m.group("pp").split(),
                 *(m.group("more") or "").split()]
        surface = " ".join(words)
        out.setdefault(" ".join(rules.fold(w.lower()) for w in words), surface)
    return out


def is_obligation(surface: str) -> bool:
    m = _OBLIGATION.search(" " + surface)
    return bool(m) and m.end() == len(surface) + 1 and m.start() > 0


def is_definition(surface: str) -> bool:
    m = _DEFINING.search(" " + surface)
    if not m or m.start() == 0:
        return False
    rest = surface[m.end() - 1:]
    whose = re.fullmatch(r"\s+of\s+(?:the\s+)?[A-Z][\w'’ -]*", rest)
    # "... is a key project": the noun the head modifies, in lower case, up to three words
    noun = re.fullmatch(r"(?:\s+(?!(?:of|for|to|in|on|between|and|or)\b)[a-z][\w'’-]*){1,3}",
                        rest)
    return not rest.strip() or noun is not None \
        or (m.group("pred").endswith(("affair", "affairs")) and whose is not None)


def is_weighing(surface: str) -> bool:
    return bool(_OUTWEIGH.search(surface)) and not _OUTWEIGH.match(surface)


# "no matter how the international situation changes": a guarantee whatever happens, the
# condition a side puts on nothing (China's readouts, of its policy toward a partner)
_NO_MATTER = re.compile(
    r"\b[Nn]o\s+matter\s+(?:how|what)\s+(?P<np>(?:[\w'’-]+\s+){1,8}?)(?P<verb>changes|change|"
    r"evolves|evolve|develops|happens|may\s+change)\b")


def whatever_happens(text: str, rules: PhraseRules | None = None) -> dict[str, str]:
    """Guarantees whatever happens ("no matter how X changes"): key -> the words as written."""
    rules = rules or default_rules()
    out: dict[str, str] = {}
    for m in _NO_MATTER.finditer(text):
        surface = " ".join(m.group(0).split())
        surface = surface[0].lower() + surface[1:]
        out.setdefault(" ".join(rules.fold(w.lower()) for w in surface.split()), surface)
    return out


def is_timeless(surface: str) -> bool:
    if _NO_MATTER.match(surface):
        return True
    return bool(_TIMELESS.match(surface))


# "the Kazakh side regards China as a reliable and permanent comprehensive strategic partner
# and a diplomatic priority", "views Taiwan as an inseparable part of China's territory": how a
# side places the other (or a question) is a position, kept with its verb and object; the plain
# runs cut it at "and a" and "its".
_CHARACTERISES = re.compile(
    r"\b(?P<verb>regards?|regarded|views?|viewed|sees|considers?|considered|treats?|treated)"
    r"\s+(?P<obj>(?:(?:the|its|their|our)\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?)\s+as\s+"
    r"(?P<pred>(?:(?:an?|the)\s+)?[A-Za-z])"
    # "considers its relations with Malaysia a priority in its neighborhood diplomacy"
    r"|\b(?P<verb2>considers?|considered|deems?|deemed)\s+(?P<obj2>(?:(?:the|its|their|our)\s+)?"
    r"[\w'’-]+(?:\s+[\w'’-]+){0,4}?)\s+(?P<pred2>(?:an?|the)\s+[A-Za-z])")
_OWN = frozenset(["its", "their", "our", "his", "her"])
_PREPOSITIONS = frozenset(["on", "of", "about", "in", "with", "at", "for", "to", "from", "over"])
_NOT_PLACED = frozenset(["no", "not", "nothing", "it", "this", "that", "these", "those", "which",
                         "what", "he", "she", "they", "we", "i", "you"])
# stopwords of the runs that a placing's noun phrase still holds ("foreign policy")
_NOUN_LIKE = frozenset(["foreign", "international", "regional", "global", "national"])


def characterisations(text: str, rules: PhraseRules | None = None) -> dict[str, str]:
    """How a statement places someone ("regards X as Y"): key -> the words as written."""
    rules = rules or default_rules()
    out: dict[str, str] = {}
    for m in _CHARACTERISES.finditer(text):
        obj = (m.group("obj") or m.group("obj2")).split()
        at = m.start("pred") if m.group("pred") else m.start("pred2")
        # not a thing placed: "sees no reason as ...", "considers it a ...", and "exchanged
        # views on regional issues such as ..." (the noun "views", then a list)
        if not obj or obj[0].lower() in _PREPOSITIONS or obj[-1].lower() in ("such", "so") \
                or any(w.lower() in _NOT_PLACED or _finite(w.lower(), rules) for w in obj):
            continue
        end = _predicate_end(text, at, rules)
        pred = text[at:end]
        if len([w for w in pred.split() if w.lower() not in _PREDICATE_JOINERS | _OWN]) < 2:
            continue
        surface = " ".join(text[m.start():end].split())
        key = " ".join(rules.fold(w.lower().removesuffix("'s").removesuffix("’s"))
                       for w in surface.split())
        out.setdefault(key, surface)
    return out


def _predicate_end(text: str, at: int, rules: PhraseRules, most: int = 14) -> int:
    """Where the noun phrases after "as" end: joined by "and"/"or" and prepositions, with
    their own possessives ("a priority in its neighborhood diplomacy", "of Vietnam's foreign
    policy"), up to a punctuation mark, a finite verb or `most` words."""
    end, n = at, 0
    for w in re.finditer(r"[A-Za-z][\w'’-]*", text[at:]):
        if n and re.search(r"[,;:.!?\"“”()]", text[end:at + w.start()]):
            break
        low = w.group(0).lower()
        n += 1
        if n > most:
            break
        if low in _PREDICATE_JOINERS or low in _OWN:
            continue
        bare = low.removesuffix("'s").removesuffix("’s")
        if bare == low and bare not in _NOUN_LIKE and (bare in rules.stopwords
                                                         or _finite(bare, rules)):
            break
        end = at + w.end()
    return end


def is_characterisation(surface: str) -> bool:
    m = _CHARACTERISES.match(surface)
    return m is not None


def positions(text: str, rules: PhraseRules | None = None) -> dict[str, str]:
    """Every position said as a clause in a statement, in the order of the kinds above."""
    rules = rules or default_rules()
    found: dict[str, str] = {}
    for finder in (timeless, weighings, definitions, obligations, whatever_happens,
                   characterisations):
        for key, surface in finder(text, rules).items():
            found.setdefault(key, surface)
    return found


def is_position(surface: str) -> bool:
    """Whether a surface is one of these shapes (scored as a stance)."""
    return is_timeless(surface) or is_weighing(surface) or is_definition(surface) \
        or is_obligation(surface) or is_characterisation(surface)
