"""Plain-English questions mapped onto the search query language.

The mapping is shown to the user with the answer, so it favours being explicit and predictable
over being clever: people come from the people registry, sides from the country words, themes
from the taxonomy, dates from years and "Month YYYY", phrases from quotes. Whatever is left
after dropping question words becomes free search words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.analysis.themes import default_taxonomy
from bot.registry.countries import default_countries
from bot.registry.people import default_registry

EXAMPLES = (
    "what did Wang say about Taiwan?",
    "has Korea talked about supply chains since 2024?",
    "when was 'decoupling' first used?",
    "compare the 2023 and 2025 calls on supply chains",
)

_STOP = frozenset((
    "a", "about", "after", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "between", "both", "by", "can", "could", "did", "do", "does", "during", "each",
    "ever", "first", "for", "from", "had", "has", "have", "he", "hello", "hi", "hey",
    "thanks", "please", "her", "him", "his", "how",
    "i", "in", "into", "is", "it", "its", "last", "let", "me", "mention", "mentioned",
    "mentions", "more", "most", "my", "of", "on", "or", "our", "over", "raise", "raised",
    "said", "say", "says", "see", "show", "since", "so", "some", "speak", "spoke", "state",
    "stated", "statement", "statements", "talk", "talked", "talking", "tell", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "time", "times",
    "to", "told", "until", "up", "use", "used", "was", "we", "were", "what", "when", "where",
    "which", "who", "whom", "whose", "why", "will", "with", "would", "you", "your",
))

_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"),
    start=1)}
_MONTH = r"(?:(" + "|".join(_MONTHS) + r")\s+)?"
_DATE_WORDS = re.compile(
    r"\b(since|after|from|before|until|till|in|during)\s+" + _MONTH + r"((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]|(?<!\w)['‘’]([^'‘’]+)['‘’](?!\w)")
_COMPARE = re.compile(r"^\s*(?:please\s+)?compare\b", re.IGNORECASE)
_FIRST_USE = re.compile(r"\bfirst\s+(?:used|use|said|mentioned|appear(?:ed)?|time)\b|"
                        r"\bwho\s+first\b|\bwhen\s+did\b.*\bfirst\b", re.IGNORECASE)
_CALL_WORDS = {"call": "phone_call", "calls": "phone_call", "phone": "phone_call",
               "video": "video_call", "meeting": "meeting", "meetings": "meeting",
               "talks": None}


@dataclass
class Mapping:
    """What a question became: a kind of lookup plus the query and how each part was read."""

    kind: str  # search | phrase | compare
    query: str = ""
    phrase: str | None = None
    theme: str | None = None
    compare: tuple[str, str] | None = None  # two date prefixes ("2023", "2025-07")
    meeting_format: str | None = None
    parts: list[str] = field(default_factory=list)  # human-readable "Wang -> speaker:wang"

    @property
    def loose(self) -> bool:
        """Only free words were found: no person, side, theme, date or phrase."""
        return all(p.startswith("other words") for p in self.parts)

    @property
    def explanation(self) -> str:
        return "; ".join(self.parts)


def _month_range(month: str | None, year: str, end: bool) -> str:
    if month is None:
        return f"{year}-12-31" if end else f"{year}-01-01"
    m = _MONTHS[month.lower()]
    if not end:
        return f"{year}-{m:02d}-01"
    days = [31, 29 if int(year) % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return f"{year}-{m:02d}-{days:02d}"


def _theme_matches(text: str) -> list[tuple[int, int, str]]:
    """Spans of the question naming a theme, by id, label or one of its phrases."""
    tax = default_taxonomy()
    resolve = getattr(tax, "resolve", None)
    low = text.lower()
    found: list[tuple[int, int, str]] = []
    for tid, theme in tax.themes.items():
        names = {tid.replace("_", " "), tid, theme.label.lower(), *theme.phrases}
        for name in sorted(names, key=len, reverse=True):
            if len(name) < 4:
                continue
            # Tolerate a plural or singular form: "supply chains" vs "supply chain".
            m = re.search(r"\b" + re.escape(name.lower().rstrip("s")) + r"s?\b", low)
            if m:
                found.append((m.start(), m.end(), tid))
                break
    if callable(resolve):
        for m in re.finditer(r"[a-z][a-z-]{3,}", low):
            if any(s <= m.start() < e for s, e, _ in found):
                continue
            tid = resolve(m.group(0))
            if tid and tid not in {t for _, _, t in found}:
                found.append((m.start(), m.end(), tid))
    return sorted(found)


def _people_matches(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, speaker filter value, canonical or surname shown) for each person named."""
    out: list[tuple[int, int, str, str]] = []
    for person in default_registry().people():
        for name in sorted(person.full_names, key=len, reverse=True):
            m = re.search(r"\b" + re.escape(name) + r"\b", text, re.IGNORECASE)
            if m:
                out.append((m.start(), m.end(), f'"{person.name.lower()}"', person.name))
                break
        else:
            for key in person.surname_keys:
                m = re.search(r"\b" + re.escape(key) + r"\b", text, re.IGNORECASE)
                if m:
                    out.append((m.start(), m.end(), key, key.capitalize()))
                    break
    # "Cho Hyun" beats the bare surname "Cho" inside it; a surname two people share ("Cho")
    # appears once and the search engine resolves it.
    uniq: list[tuple[int, int, str, str]] = []
    for item in sorted(out, key=lambda i: (i[0], -(i[1] - i[0]))):
        if not _overlaps([(u[0], u[1]) for u in uniq], item[0], item[1]):
            uniq.append(item)
    return uniq


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _speaker_value(value: str) -> str:
    return f"speaker:{value}"


def map_question(text: str) -> Mapping | None:
    """The lookup a question asks for, or None when nothing in it can be mapped."""
    question = " ".join(text.split())
    if not question:
        return None
    taken: list[tuple[int, int]] = []
    terms: list[str] = []
    parts: list[str] = []

    phrase = None
    for m in _QUOTED.finditer(question):
        phrase = (m.group(1) or m.group(2)).strip()
        if phrase:
            taken.append((m.start(), m.end()))
            terms.append(f'"{phrase}"')
            parts.append(f"'{phrase}' → exact phrase")
            break

    is_compare = bool(_COMPARE.match(question))
    if is_compare:
        years = _YEAR.findall(question)
        if len(years) < 2:
            return None
        fmt = None
        for word in re.findall(r"[a-z]+", question.lower()):
            if word in _CALL_WORDS:
                fmt = _CALL_WORDS[word]
                break
        themes = _theme_matches(question)
        mapping = Mapping("compare", compare=(years[0], years[1]), meeting_format=fmt)
        mapping.parts.append(f"{years[0]} and {years[1]} → the meetings to compare")
        if fmt:
            mapping.parts.append(f"{fmt.replace('_', ' ')}s preferred")
        if themes:
            mapping.theme = themes[0][2]
            mapping.parts.append(f"{question[themes[0][0]:themes[0][1]]} → theme:{mapping.theme}")
        return mapping

    for m in _DATE_WORDS.finditer(question):
        word, month, year = m.group(1).lower(), m.group(2), m.group(3)
        taken.append((m.start(), m.end()))
        if word in ("since", "after", "from"):
            terms.append(f"since:{_month_range(month, year, end=False)}")
        elif word in ("before", "until", "till"):
            terms.append(f"until:{_month_range(month, year, end=word != 'before')}")
            if word == "before":
                terms[-1] = f"until:{_day_before(_month_range(month, year, end=False))}"
        else:
            terms.append(f"since:{_month_range(month, year, end=False)}")
            terms.append(f"until:{_month_range(month, year, end=True)}")
        added = terms[-2:] if word in ("in", "during") else terms[-1:]
        parts.append(f"{m.group(0)} → {' '.join(added)}")

    for start, end, value, shown in _people_matches(question):
        if _overlaps(taken, start, end):
            continue
        taken.append((start, end))
        terms.append(_speaker_value(value))
        parts.append(f"{shown} → {terms[-1]}")

    for start, end, tid in _theme_matches(question):
        if _overlaps(taken, start, end):
            continue
        taken.append((start, end))
        terms.append(f"theme:{tid}")
        parts.append(f"{question[start:end]} → theme:{tid}")

    for start, end, cid in default_countries().find(question):
        if _overlaps(taken, start, end):
            continue
        taken.append((start, end))
        terms.append(f"side:{cid}")
        parts.append(f"{question[start:end]} → side:{cid}")

    rest = [question[i] if not _overlaps(taken, i, i + 1) else " " for i in range(len(question))]
    words = [w for w in re.findall(r"[\w'-]+", "".join(rest).lower())
             if w not in _STOP and len(w) > 2 and not w.isdigit()]
    if words:
        terms.extend(words)
        parts.append(f"other words → {' '.join(words)}")
    if not terms:
        return None
    if phrase and _FIRST_USE.search(question):
        return Mapping("phrase", query=" ".join(terms), phrase=phrase, parts=parts)
    return Mapping("search", query=" ".join(terms), phrase=phrase, parts=parts)


def _day_before(iso: str) -> str:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()
    except OverflowError:  # "before 0001": nothing is earlier, and until: the first day says so
        return iso
