"""The query language, parsed by a pure function so it can be tested (and fuzzed) on its own.

    supply chains "strategic cooperative partnership" speaker:wang side:korea|china
    theme:taiwan since:2024 until:2025-06 outlet:xinhua -japan

Free words must all match (stemmed: "chains" finds "chain"); quoted phrases match exactly and in
order; `-word` / `-"a phrase"` excludes. Field values may be quoted (`speaker:"cho hyun"`) and
may list alternatives with `|`. Everything else is text: stray quotes, parentheses, `*`, `NEAR(`,
emoji and the like are split into plain words or dropped, never handed to an engine's parser.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from bot.errors import QueryError

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 64

FIELDS = ("speaker", "side", "theme", "since", "until", "outlet")
FIELD_ALIASES = {"who": "speaker", "themes": "theme", "from": "since", "to": "until"}
_FIELD_RE = re.compile(
    r"(" + "|".join(FIELDS + tuple(FIELD_ALIASES)) + r"):", re.IGNORECASE
)
# Operators other search boxes use; here words are already ANDed, so they are noise.
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
_TOKEN_RE = re.compile(r"[^\W_]+")
_WORD_JOINERS = re.compile(r"[^\w.'\u2019-]+")

SIDE_ALIASES = {
    "korea": "south_korea", "south_korea": "south_korea", "rok": "south_korea",
    "sk": "south_korea", "southkorea": "south_korea",
    "china": "china", "prc": "china", "cn": "china",
    "us": "united_states", "usa": "united_states", "united_states": "united_states",
    "america": "united_states",
    "both": "both", "joint": "both",
}


def tokens(text: str) -> list[str]:
    """Lowercase alphanumeric runs: the same split the engines' simple tokenizers make."""
    return _TOKEN_RE.findall(text.lower())


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    exclude_terms: tuple[str, ...] = ()
    exclude_phrases: tuple[tuple[str, ...], ...] = ()
    speakers: tuple[tuple[str, ...], ...] = ()  # each value as its lowercase tokens
    sides: tuple[str, ...] = ()  # country ids or "both"
    themes: tuple[str, ...] = ()  # lowercase words, resolved against the taxonomy later
    outlets: tuple[tuple[str, ...], ...] = ()
    since: date | None = None
    until: date | None = None

    @property
    def has_text(self) -> bool:
        return bool(self.terms or self.phrases)


def parse_query(text: str) -> ParsedQuery:
    """Parse user text; raises QueryError (one line) for bad dates, sides or empty fields."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query is too long ({len(text)} characters, at most {MAX_QUERY_CHARS})")
    acc = _Accumulator()
    pos, n = 0, len(text)
    while pos < n:
        if text[pos].isspace():
            pos += 1
            continue
        negate = text[pos] == "-" and pos + 1 < n and not text[pos + 1].isspace()
        start = pos + 1 if negate else pos
        m = _FIELD_RE.match(text, start)
        if m:
            name = m.group(1).lower()
            value, pos = _read_value(text, m.end())
            if negate:
                raise QueryError(f"'-' excludes words and phrases, not {name}: filters")
            acc.add_field(FIELD_ALIASES.get(name, name), value)
        elif text[start:start + 1] == '"':
            value, pos = _read_value(text, start)
            acc.add_text(value, negate, quoted=True)
        else:
            pos = start
            while pos < n and not text[pos].isspace() and text[pos] != '"':
                pos += 1
            word = text[start:pos]
            if word not in _OPERATORS:
                acc.add_text(word, negate, quoted=False)
        if acc.clauses > MAX_CLAUSES:
            raise QueryError(f"query has too many parts (at most {MAX_CLAUSES})")
    return acc.build(text)


def _read_value(text: str, pos: int) -> tuple[str, int]:
    """A quoted value runs to the next quote (or the end: unbalanced quotes are forgiven)."""
    if text[pos:pos + 1] == '"':
        end = text.find('"', pos + 1)
        if end < 0:
            return text[pos + 1:], len(text)
        return text[pos + 1:end], end + 1
    end = pos
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[pos:end], end


class _Accumulator:
    def __init__(self) -> None:
        self.terms: list[str] = []
        self.phrases: list[tuple[str, ...]] = []
        self.ex_terms: list[str] = []
        self.ex_phrases: list[tuple[str, ...]] = []
        self.speakers: list[tuple[str, ...]] = []
        self.sides: list[str] = []
        self.themes: list[str] = []
        self.outlets: list[tuple[str, ...]] = []
        self.since: date | None = None
        self.until: date | None = None
        self.clauses = 0

    def add_text(self, raw: str, negate: bool, quoted: bool) -> None:
        if quoted:
            self._add_words(tokens(raw), negate, phrase=True)
            return
        # Punctuation inside a word ("Tae-yul", "U.S.", "China's") makes a phrase of its
        # parts; anything else ("NEAR(wang,", "a:b") just separates words.
        for chunk in _WORD_JOINERS.split(raw):
            self._add_words(tokens(chunk), negate, phrase=False)

    def _add_words(self, toks: list[str], negate: bool, phrase: bool) -> None:
        if not toks:
            return
        self.clauses += 1
        if len(toks) == 1 and not phrase:
            _add_unique(self.ex_terms if negate else self.terms, toks[0])
        else:
            _add_unique(self.ex_phrases if negate else self.phrases, tuple(toks))

    def add_field(self, name: str, value: str) -> None:
        alternatives = [v.strip() for v in value.split("|") if tokens(v)]
        if not alternatives:
            raise QueryError(f"{name}: needs a value, e.g. {_EXAMPLES[name]}")
        self.clauses += len(alternatives)
        if name == "since" or name == "until":
            if len(alternatives) > 1:
                raise QueryError(f"{name}: takes one date, e.g. {_EXAMPLES[name]}")
            day = parse_date(alternatives[0], end=name == "until")
            if name == "since":
                self.since = day if self.since is None else max(self.since, day)
            else:
                self.until = day if self.until is None else min(self.until, day)
            return
        for alt in alternatives:
            if name == "speaker":
                _add_unique(self.speakers, tuple(tokens(alt)))
            elif name == "side":
                _add_unique(self.sides, resolve_side(alt))
            elif name == "theme":
                _add_unique(self.themes, "_".join(tokens(alt)))
            elif name == "outlet":
                _add_unique(self.outlets, tuple(tokens(alt)))

    def build(self, text: str) -> ParsedQuery:
        if self.since and self.until and self.since > self.until:
            raise QueryError(f"since:{self.since} is after until:{self.until}")
        # "-chain chain" would match nothing by construction; the exclusion wins, as in
        # every engine, so the result is empty rather than an error.
        return ParsedQuery(
            text, tuple(self.terms), tuple(self.phrases), tuple(self.ex_terms),
            tuple(self.ex_phrases), tuple(self.speakers), tuple(self.sides),
            tuple(self.themes), tuple(self.outlets), self.since, self.until,
        )


_EXAMPLES = {
    "speaker": 'speaker:wang or speaker:"cho hyun"',
    "side": "side:china or side:korea|china",
    "theme": "theme:taiwan",
    "since": "since:2024-01-01, since:2024-07 or since:2024",
    "until": "until:2025-06-30, until:2025-06 or until:2025",
    "outlet": "outlet:xinhua",
}


def _add_unique(items: list, item: object) -> None:  # type: ignore[type-arg]
    if item not in items:
        items.append(item)


_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_date(value: str, end: bool = False) -> date:
    """YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its first day, or last if `end`."""
    m = _DATE_RE.fullmatch(value.strip())
    try:
        if m is None:
            raise ValueError
        year = int(m.group(1))
        month = int(m.group(2)) if m.group(2) else (12 if end else 1)
        if m.group(3):
            return date(year, month, int(m.group(3)))
        last = calendar.monthrange(year, month)[1]
        return date(year, month, last if end else 1)
    except ValueError:
        raise QueryError(
            f"bad date {value!r}: use YYYY-MM-DD, YYYY-MM or YYYY (e.g. since:2024-07)"
        ) from None


def resolve_side(value: str) -> str:
    key = "_".join(tokens(value))
    if key in SIDE_ALIASES:
        return SIDE_ALIASES[key]
    from bot.registry.countries import default_countries

    countries = default_countries()
    if key in countries.by_id:
        return key
    found = countries.lookup(value.replace("_", " "))
    if found:
        return found
    # Close matches only: the full list of countries is 200 ids, too long for a chat answer.
    import difflib

    valid = sorted(set(countries.ids()) | {"both"})
    words: dict[str, set[str]] = {}  # each id and each word of it -> ids
    for cid in valid:
        for w in (cid, *cid.split("_")):
            words.setdefault(w, set()).add(cid)
    close = [c for w in difflib.get_close_matches(key, list(words), n=5, cutoff=0.75)
             for c in sorted(words[w])][:5]
    common = [c for c in ("china", "south_korea", "united_states", "japan") if c in valid]
    shown = ", ".join(dict.fromkeys(close + common))
    raise QueryError(
        f"unknown side {value!r}; did you mean: {shown}? (a country id or name; aliases:"
        " korea, rok, prc, us, usa, both)"
    )
