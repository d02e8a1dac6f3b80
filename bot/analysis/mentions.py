"""Finding people in an article and resolving later references to them.

A mention is a run of capitalised words ("South Korean Foreign Minister Cho Tae-yul", "Prime
Minister Fumio Kishida of Japan", "Mr. Sullivan", "The President"). The run is split into a title
(title words and country words), a name, and an optional trailing "of <country>"; the side comes
from the country words (title first, then "of ..."), else the registry, else the outlet's home
side for the house style of an official readout (a White House "National Security Advisor").

Surnames and roles are resolved only within one article (`ArticleContext`): against the people it
names, then the registry for the event date — never by a global alias.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from bot.analysis.names import (
    POSSESSIVE,
    RUN,
    RUN_RE,
    SUFFIXES,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    has_strong_title,
    malay_core,
    name_keys,
    parse_run,
    strip_possessive,
    tokens,
    words,
)
from bot.errors import ReadoutError
from bot.models import Article
from bot.registry.countries import Countries, default_countries
from bot.registry.people import Person, Registry

__all__ = ["RUN", "ArticleContext", "Mention", "Ref", "home_side"]

_ROLE_WORDS = (r"(?:foreign|prime|defen[cs]e|trade|finance|vice|deputy|national|security|"
               r"minister|president|secretary|adviser|advisor|of|state|for|affairs|\s)+")
_ROLE_NOUN = re.compile(r"minister|president|secretary|advis")
_DESCRIBED_HINTS = ("counterpart", "minister", "president", "secretary", "advis")
# (a Malay name may open with its styles and hold a patronymic: "Dato' Seri Utama Haji
# Mohamad bin Haji Hasan"; names.malay_core reads it)
_STYLED = (r"(?:(?:Dato['’]?|Datuk|Datin|Tan\s+Sri|Tun|Seri|Sri|Utama|Haji)\s+)*"
           r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,3}"
           r"(?:\s+bin(?:ti)?\s+(?:Haji\s+|Tun\s+)?[A-Z][\w'’\-]+)?")
_DESCRIBED = re.compile(
    rf"\b(?:his|her)\s+(?P<adj1>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)\s+counterparts?,?\s+"
    rf"(?P<name1>{_STYLED})"
    rf"|(?P<name2>{_STYLED}),\s+(?:the\s+)?"
    rf"(?P<adj2>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?(?:['’]s)?)\s+(?P<role>{_ROLE_WORDS})\b"
)


def home_side(article: Article) -> str | None:
    """Whose readout this is: the outlet's country ("The President" of whitehouse.gov is the US)."""
    url = (article.url or article.source or "").lower()
    outlet = (article.outlet or "").lower()
    # (the archived sites of past administrations too: bidenwhitehouse.archives.gov)
    if "whitehouse.gov" in url or "whitehouse.archives.gov" in url or "white house" in outlet:
        return "united_states"
    from bot.registry.outlets import side_of_outlet

    try:
        return side_of_outlet(article.outlet, article.url)
    except ReadoutError:  # a bad user outlets file is reported by the outlets code itself
        return None


@dataclass
class Ref:
    """A person, or a group acting together, as named in one article."""

    name: str  # canonical
    side: str | None
    title: str = ""
    person: Person | None = None
    # the side was only the outlet's, for want of a country ("Chancellor Angela Merkel" in a
    # White House readout): a later mention that names the country corrects it
    guessed: bool = False


@dataclass
class Mention:
    start: int
    end: int
    ref: Ref
    possessive: bool = False



@dataclass
class ArticleContext:
    """The people one article names, for resolving surnames, pronouns and roles in it."""

    registry: Registry
    on: date | None
    home: str | None  # the outlet's side: whose readout this is
    participants: list[str] = field(default_factory=list)
    refs: dict[str, Ref] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    countries: Countries = field(default_factory=default_countries)

    def add(self, ref: Ref, primary: bool = False) -> Ref:
        known = self.refs.get(ref.name)
        if known is None and " " in ref.name:
            known = self._merge_short(ref)
        if known is not None:
            if ref.title and ref.title.lower() not in known.title.lower():
                known.title = f"{known.title} {ref.title}".strip()
            # ("President Hichilema", then the title's "... Hakainde Hichilema of Zambia")
            return self._corrected(known, None if ref.guessed else ref.side)
        self.refs[ref.name] = ref
        self._index(ref, primary)
        return ref

    def _index(self, ref: Ref, primary: bool = False) -> None:
        keys = name_keys(ref.name)
        if ref.person is not None:
            keys += [a.lower() for a in ref.person.aliases]
        for k in keys:
            if primary:
                self.keys[k] = ref.name
            else:
                self.keys.setdefault(k, ref.name)

    def _merge_short(self, ref: Ref) -> Ref | None:
        """"Prime Minister Morawiecki" met first, "Mateusz Morawiecki" later: one person."""
        keys = name_keys(ref.name)
        for key in (keys[1], keys[2]):
            short = self.refs.get(self.keys.get(key, ""))
            if short is None or " " in short.name or short.person is not None:
                continue
            old = short.name
            del self.refs[old]
            short.name, short.person = ref.name, ref.person
            short.side = short.side or ref.side
            self.refs[short.name] = short
            for k, v in list(self.keys.items()):
                if v == old:
                    self.keys[k] = short.name
            self._index(short)
            return short
        return None

    def _from_person(self, p: Person, title: str = "") -> Ref:
        return self.add(Ref(p.name, p.side_on(self.on), title or " ".join(p.titles_on(self.on)),
                            p))

    def role(self, title: str) -> Ref | None:
        """"The President", "the Prime Minister": the home principal, else the one so titled."""
        low = title.lower().removeprefix("the ").strip()
        low = TITLE_ABBREVIATIONS.get(low, low)
        if self.home == "united_states" and low in _US_ROLES:
            p = self.registry.holder(_US_ROLES[low], "united_states", self.on)
            if p is not None:
                return self._from_person(p, _US_ROLES[low])
        if not has_strong_title(low):
            return None
        want = re.compile(rf"\b{re.escape(low)}\b", re.IGNORECASE)
        hits = [r for r in self.refs.values() if want.search(r.title)
                and not (low == "president" and "vice president" in r.title.lower())]
        if len(hits) > 1 and self.home:
            # both ministers hold the title: a bare "the Foreign Minister" in a government's or
            # its press's own report is its own minister (Xinhua writes "the Chinese FM")
            hits = [r for r in hits if r.side == self.home]
        return hits[0] if len(hits) == 1 else None

    def lookup_name(self, name: str, title: str = "", country: str | None = None,
                    create: bool = False) -> Ref | None:
        name = " ".join(t for t in tokens(name) if t.lower() not in SUFFIXES) or name
        key = name.lower()
        canon = self.keys.get(key)
        if canon is not None:
            return self._corrected(self.refs[canon], country)
        p = self.registry.by_name(name)
        if p is None and " " not in name.strip():
            p = self.registry.resolve(name, on=self.on, participants=self.participants)
        if p is None and "," in name:
            p = self.registry.by_name(name.replace(",", ""))
        if p is None and (core := malay_core(name)) != name:
            p = self.registry.by_name(core)
        if p is not None:
            return self._from_person(p, title)
        toks = tokens(name)
        if len(toks) > 1:
            for k in (toks[-1].lower(), toks[0].lower()):
                if k in self.keys and self.keys[k] in self.refs:
                    known = self.refs[self.keys[k]]
                    if len(tokens(known.name)) == 1:
                        continue
                    return self._corrected(known, country)
        if create and len(toks) >= 1 and (title or len(toks) >= 2):
            if name.isupper():
                name = name.title()  # a transcript's "PENNY WONG:" is Penny Wong
            guessed = not country and bool(title) and has_strong_title(title) \
                and self.home is not None
            side = country or (self.home if guessed else None) or (
                self.registry.surname_side(name) if len(toks) == 1 else None)
            return self.add(Ref(name, side, title, guessed=guessed))
        return None

    @staticmethod
    def _corrected(ref: Ref, country: str | None) -> Ref:
        """The person met before, with the country this mention names where the side was only
        guessed from the outlet: the body's "Chancellor Angela Merkel", the title's "Chancellor
        Angela Merkel of Germany" (15 White House readouts had put the counterpart on the United
        States' side: benchmarks/wh_sides.py)."""
        if country and ref.guessed and ref.person is None and country != ref.side:
            ref.side = country
            ref.guessed = False
        return ref

    def resolve_run(self, run: str, create: bool = False) -> Ref | None:
        """A capitalised run as a person of this article, or None (a country, an institution)."""
        parsed = parse_run(run.removeprefix("The ").removeprefix("the "))
        if not parsed.name:
            return self.role(parsed.title) if parsed.title else None
        if self.countries.lookup(parsed.name) or parsed.name.lower() in _NOT_PEOPLE:
            return None
        allow = create and (has_strong_title(parsed.title) or self.registry.by_name(parsed.name)
                            is not None)
        return self.lookup_name(parsed.name, parsed.title, parsed.country, create=allow)

    def find(self, text: str, create: bool = True) -> list[Mention]:
        """People named in `text` (titled or in the registry), registering new ones."""
        out: list[Mention] = []
        low = text.lower()
        if create and any(w in low for w in _DESCRIBED_HINTS):
            # titles in lower case around the name: "his Australian counterpart Penny Wong",
            # "Cho Tae-yul, South Korea's foreign minister"
            out += self._find_described(text)
        for start, end in _runs(text):
            run = text[start:end].rstrip(".,")
            if " " not in run:  # one word is a place, a pronoun or a surname: never a new person
                continue
            parsed = parse_run(run)
            if not parsed.name:
                continue
            if not has_strong_title(parsed.title) and self.registry.by_name(parsed.name) is None:
                continue
            ref = self.resolve_run(run, create=create)
            if ref is None:
                continue
            after = text[end:end + 2]
            # "the Lee Jae-myung administration" names his government, as "Lee's" would
            out.append(Mention(start, end, ref, bool(POSSESSIVE.match(after))
                               or run.endswith(("'s", "’s"))
                               or bool(_GOVERNMENT_OF.match(text, end))))
        return sorted(out, key=lambda mention: mention.start)

    def _find_described(self, text: str) -> list[Mention]:
        out = []
        for m in _DESCRIBED.finditer(text):
            group = "name1" if m.group("name1") else "name2"
            name = m.group(group)
            if any(t.lower() in TITLE_WORDS for t in name.split()):
                continue  # "Politburo Member, Director of ..." is a title, not a name
            if group == "name2" and not _ROLE_NOUN.search(m.group("role")):
                continue
            if (core := malay_core(name)) != name \
                    and (p := self.registry.by_name(core)) is not None:
                out.append(Mention(m.start(group), m.end(group), self._from_person(p, "")))
                continue
            if self.registry.by_name(name) is None and self.keys.get(name.lower()) is None:
                where = m.group("adj1") or m.group("adj2") or ""
                cid = self.countries.lookup(strip_possessive(where)) if where else None
                ref = self.add(Ref(name, cid, (m.group("role") or "counterpart").strip()))
                out.append(Mention(m.start(group), m.end(group), ref))
        return out


_GOVERNMENT_OF = re.compile(r"\s+(?:administration|government|cabinet|era|presidency)\b")

# A headline in title case runs a name into its verb ("Foreign Minister Wang Yi Visits
# Indonesia", "Wang Yi Meets Park Jin"): the run ends before the verb.
_HEADLINE_VERB = re.compile(
    r"\s(?:Meets|Visits|Holds|Calls|Says|Hosts|Receives|Speaks|Urges|Stresses|Welcomes|"
    r"Attends|Pays|Discusses|Congratulates|Thanks|Vows|Pledges|Agrees|Sends|Joins|Tells|"
    r"Greets|Chats|Co-chairs|Chairs|Addresses|Reaffirms|Underlines|Highlights)\b")


_RUN_SENTENCE_END = re.compile(r"(?<=[a-z]{3})\.\s+(?=[A-Z])")


def _runs(text: str) -> list[tuple[int, int]]:
    """Where capitalised runs (names with their titles) stand in `text`, a headline's verb
    ending one and starting the next."""
    out = []
    for m in RUN_RE.finditer(text):
        start = m.start()
        # a sentence's end inside the run ("... with Prime Minister Netanyahu. The President
        # reaffirmed ..."): a word of three letters or more and a full stop ends a name (an
        # initial, "Jr." or "U.S." does not)
        for stop in _RUN_SENTENCE_END.finditer(text, m.start(), m.end()):
            out.append((start, stop.start() + 1))
            start = stop.end()
        for verb in _HEADLINE_VERB.finditer(text, m.start(), m.end()):
            out.append((start, verb.start()))
            start = verb.end() + 1
            if text.startswith(("With ", "To ", "Talks With "), start):  # "Meets With ..."
                start = text.index("With ", start) + 5 if "With " in text[start:start + 11] \
                    else start + 3
        out.append((start, m.end()))
    return out

_US_ROLES = {
    "president": "President",
    "vice president": "Vice President",
    "secretary of state": "Secretary of State",
    "national security advisor": "National Security Advisor",
}
_NOT_PEOPLE = words(
    """house administration government ministry department office council committee embassy
    statement readout summit forum agreement party union agency"""
)
