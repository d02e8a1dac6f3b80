"""How a run of capitalised words splits into title, name and country.

"South Korean Foreign Minister Cho Tae-yul" -> title "South Korean Foreign Minister", name
"Cho Tae-yul", country south_korea; "Prime Minister Fumio Kishida of Japan" -> country from the
trailing "of Japan"; "Secretary of Agriculture Tom Vilsack" -> the department stays in the title.
Word lists are data, kept here so `bot/mentions.py` holds only the per-article logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.registry.countries import Countries, default_countries


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())

# Words that make up titles. A run's leading words in this set (or naming a country) are its title.
TITLE_WORDS = words(
    """president vice prime minister ministers foreign secretary secretaries state national security
    advisor adviser advisors deputy principal director directors chancellor king queen crown prince
    princess emir amir sheikh sultan his her majesty highness excellency ambassador ambassadors
    premier chairman chairwoman chair general special envoy senior assistant chief staff defense
    defence commerce treasury office central commission affairs political bureau member committee
    communist party cpc governor senator mayor representative rep. sen. gov. leader speaker pope
    taoiseach commissioner administrator council economic policy domestic homeland counselor
    counsellor minister-president first lady second gentleman mr. ms. mrs. dr. mr ms mrs dr
    mme mlle m. madam honorable honourable cardinal
    spokesperson spokesman spokeswoman coordinator officer head acting interim former incoming
    lt-gen maj-gen brig-gen lt.-gen maj.-gen lieutenant-general major-general colonel information
    defense-secretary attorney trade representative supreme commander army navy
    interior finance home external relations cooperation development education health energy
    labor labour justice intelligence agency ministry department executive standing
    communications climate presidential white house people's republic federal cabinet
    majority minority senate congress congresswoman congressman house diplomatic chancellery
    western hemisphere asia pacific indo-pacific europe european africa african middle east
    south north central latin america americas region regional global international strategic
    technology cyber emerging affairs nsc apnsa nsa joint chiefs vice-president
    deputy-secretary undersecretary under ministerial federal chief-of-staff shri h.e.
    royal highness crown-prince opposition councilor councillor admiral colonel captain
    adm. gen. lt. col. maj. capt. cmdr. brig. vice-admiral rear-admiral marshal
    lieutenant major commander ambassador-at-large economics environment transportation agriculture
    veterans housing human services management budget science public engagement intergovernmental
    legislative operations digital infrastructure implementation gender equity competition
    investment manufacturing restoration reconstruction eam fm
    dfa dfat mea fcdo mofa attached worship religion religious culture commonwealth"""
)
# Titles Indian and other house styles abbreviate ("EAM highlighted ...", "FM Wang Yi"): a
# role lookup reads them written out, as the registry's titles are.
TITLE_ABBREVIATIONS = {"eam": "external affairs minister", "fm": "foreign minister"}
_STRONG_TITLES = words(
    """president premier minister secretary advisor adviser director chancellor king queen prince
    princess emir amir sheikh sultan ambassador ambassadors directors chairman chairwoman envoy
    governor senator mayor speaker pope taoiseach commissioner administrator mr. ms. mrs. dr.
    representative leader spokesperson spokesman coordinator counselor counsellor rep. sen. gov.
    chief eam fm cardinal"""
)
_CONNECTORS = frozenset({"of", "the", "for", "to", "and"})
_PARTICLES = frozenset({"bin", "bint", "ibn", "al", "de", "da", "del", "van", "von", "der", "la",
                        "le", "y", "e", "dos", "das", "di"})
SUFFIXES = frozenset({"jr.", "jr", "sr.", "ii", "iii", "iv"})
# Capital letters of the Latin alphabet with their accents ("Çavuşoğlu", "Šefčovič",
# "Séjourné"): an ASCII class cut such a name at its first letter ("Mevlüt" alone).
UPPER = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper())
_CAP = rf"(?:(?:al|el|ad|as|bin)-)?[{UPPER}][\w'’.\-]*"
_LINK = r"(?:of|the|for|bin|bint|ibn|al|de|da|del|van|von|der|la|le|y|e|dos|das|di)"
# A nickname in quotes between a given name and a family name ("Benjamin “Benny” Gantz",
# "Bartholomew "Bart" Zellweger"): inside the name's run, left out of the name itself. The
# quote had ended the run, and the person was "Benjamin" alone.
_NICK = rf"[“\"‘][{UPPER}][\w'’.\-]*[”\"’](?=\s+[{UPPER}])"
RUN = (rf"{_CAP}(?:,? Jr\.)?(?:\s+(?:{_CAP}|{_NICK}|{_LINK}(?=(?:\s+{_LINK})*\s+[{UPPER}]))"
       rf"(?:,? Jr\.)?)*")
RUN_RE = re.compile(rf"(?<![\w'’])(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?{RUN}")
POSSESSIVE = re.compile(r"^['’]s?\b")


def tokens(run: str) -> list[str]:
    return [t for t in run.replace(",", " ").split() if t[:1] not in "“\"‘"]


# Malay styles before a name and the patronymic inside it: Xinhua's "Dato' Seri Utama Haji
# Mohamad bin Haji Hasan" is the registry's Mohamad Hasan, Bernama's "Datuk Seri Saifuddin
# Abdullah" its Saifuddin Abdullah. "Tan" is a style only before "Sri" (Tan Kee Keong is a name).
_MALAY_STYLES = frozenset({"dato'", "dato’", "dato", "datuk", "datin", "seri", "sri",
                           "utama", "haji", "hajah", "hj", "hjh", "tun", "toh", "puan", "paduka",
                           "setia", "wira", "dr", "dr.", "ir", "ir."})
_MALAY_MARKS = frozenset({"dato'", "dato’", "dato", "datuk", "datin", "haji", "hajah", "tun",
                          "bin", "binti"})


def malay_core(name: str) -> str:
    """A Malay name without its styles and with the patronymic as a surname ("Dato' Seri
    Utama Haji Mohamad bin Haji Hasan" -> "Mohamad Hasan"); other names unchanged."""
    toks = tokens(name)
    low = [t.lower() for t in toks]
    if not _MALAY_MARKS & set(low):
        return name
    i = 0
    while i < len(toks) and (low[i] in _MALAY_STYLES
                             or (low[i] == "tan" and i + 1 < len(toks) and low[i + 1] == "sri")):
        i += 1
    rest, rlow = toks[i:], low[i:]
    if "bin" in rlow or "binti" in rlow:
        k = rlow.index("bin") if "bin" in rlow else rlow.index("binti")
        father = [t for t, w in zip(rest[k + 1:], rlow[k + 1:], strict=True)
                  if w not in _MALAY_STYLES]
        rest = rest[:k] + father
    return " ".join(rest) if rest else name


def strip_possessive(tok: str) -> str:
    for s in ("'s", "’s", "'", "’"):
        if tok.endswith(s):
            return tok[: -len(s)]
    return tok


def name_keys(name: str) -> list[str]:
    toks = [t for t in tokens(name) if t.lower() not in SUFFIXES]
    if not toks:
        return []
    keys = [name.lower(), toks[-1].lower(), toks[0].lower()]
    return keys


@dataclass
class Parsed:
    title: str
    name: str
    country: str | None


# Letters after a name (a member of parliament, Sri Lanka's President's Counsel, an honour),
# written in capitals: not part of the name the registry knows
_POST_NOMINALS = frozenset({"MP", "PC", "MNA", "MPA", "QC", "KC", "OBE", "CBE", "KBE", "GCMG"})


@lru_cache(maxsize=65536)
def parse_run(run: str) -> Parsed:
    """Split "South Korean Foreign Minister Cho Tae-yul" into title, name and country."""
    countries = default_countries()
    toks = tokens(run)
    for i, t in enumerate(toks[:-1]):  # "Jake Sullivan’s Meeting": the run ends at the possessive
        if i and toks[i - 1] == "the":  # "of the People’s Republic of China"
            continue
        if t.endswith(("'s", "’s")) or t.endswith(("s'", "s’")):
            if i <= 1 and countries.lookup(strip_possessive(" ".join(toks[:i + 1]))):
                continue  # "(South) Korea's Foreign Minister Cho": the country's, not his
            toks = toks[:i + 1]
            break
    country: str | None = None
    while toks and toks[0].lower() in _LEADING_SKIP:
        toks = toks[1:]
    while toks and (toks[-1].lower().rstrip(".,") in _LEADING_SKIP  # "Park Jin Friday"
                    or (len(toks) > 2 and toks[-1].replace(".", "") in _POST_NOMINALS)):
        toks = toks[:-1]  # "Foreign Minister Dr AK Abdul Momen MP", "Ali Sabry PC"
    # "... of (the) <country>": the first "of" after the name whose tail names a place
    for i in range(1, len(toks) - 1):
        if toks[i] != "of" or toks[i - 1].lower() in TITLE_WORDS:
            continue
        tail = " ".join(toks[i + 1:])
        cid = _country_of(countries, tail)
        if cid:
            country, toks = cid, toks[:i]
            break
        if _PLACE_TAIL.match(tail):
            # "Governor Greg Abbott of Texas": a place that is no country is not part of the name
            toks = toks[:i]
            break
    title: list[str] = []
    i = 0
    while i < len(toks):
        t = strip_possessive(toks[i])
        low = t.lower()
        if (low in TITLE_WORDS or low in _CONNECTORS or low.endswith("-elect")
                or countries.lookup(t)):
            title.append(toks[i])
            i += 1
            continue
        # two- and three-word country names ("United States", "South Korea", "Papua New
        # Guinea") in a title
        _cid, n = _long_country(countries, toks, i)
        if n:
            title += toks[i:i + n]
            i += n
            continue
        break
    # A title never ends on a connector: "Secretary of" + "Agriculture Tom Vilsack" means the
    # department continues the title and the name is the last words.
    open_title = bool(title) and title[-1].lower() in _CONNECTORS
    while title and title[-1].lower() in _CONNECTORS:
        title.pop()
    name_toks = toks[i:]
    while name_toks and name_toks[-1].lower() in _CONNECTORS:
        name_toks.pop()
    # A title that runs on past an organisation's word ("Union Minister for Foreign Affairs
    # Than Swe", "Chairman of the State Administration Council Prime Minister Senior General
    # Min Aung Hlaing"): the name is what follows its last title or organisation word, when
    # something does ("Angus King" ends on one: a name). Before this, the whole run was
    # dropped as an organisation. Only where such a word stands (else "Eduardo M. Año",
    # "Hassan Sheikh Mohamud": a title word inside a name).
    cut = max((j for j, t in enumerate(name_toks)
               if strip_possessive(t).lower() in TITLE_WORDS | _ORG_WORDS), default=None) \
        if any(t.lower() in _ORG_WORDS for t in name_toks) else None
    if cut is not None:
        # "... Republic of China Wang Yi": the office's own "of China" is title too
        while cut + 1 < len(name_toks) and (name_toks[cut + 1].lower() in _CONNECTORS
                                           or countries.lookup(strip_possessive(
                                               name_toks[cut + 1]))):
            cut += 1
    ran_on = cut is not None and 0 < cut < len(name_toks) - 1
    if ran_on:
        title += name_toks[:cut + 1]
        name_toks = name_toks[cut + 1:]
    if open_title and not ran_on and len(name_toks) > 2:
        keep = 2
        while keep < len(name_toks) and (name_toks[-keep].lower() in _PARTICLES
                                         or len(name_toks[-keep].rstrip(".")) == 1):
            keep += 1
        title += name_toks[:-keep]
        name_toks = name_toks[-keep:]
    if any(t.lower() in _ORG_WORDS for t in name_toks) or (name_toks and name_toks[0].islower()):
        name_toks = []  # "Liberal Democratic Party": an organisation, not a person
    name = " ".join(strip_possessive(t) if j == len(name_toks) - 1 else t
                    for j, t in enumerate(name_toks))
    title_text = " ".join(toks[: len(toks) - len(name_toks)]) if name_toks else " ".join(toks)
    if country is None:
        for tok_i, t in enumerate(title):
            # the longest name first: "Papua New Guinea", not "Guinea"
            cid = _long_country(countries, title, tok_i)[0] or countries.lookup(
                strip_possessive(t))
            if cid:
                country = cid
                break
    return Parsed(title_text, name, country)


_PLACE_TAIL = re.compile(r"^(?:the\s+)?[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,2}$")


def _long_country(countries: Countries, toks: list[str], i: int) -> tuple[str | None, int]:
    """The country a name of three or two words at `toks[i]` names, and how many words it
    takes ("Papua New Guinea", "South Korea's"); (None, 0) when none does."""
    for n in (3, 2):
        if i + n <= len(toks):
            cid = countries.lookup(" ".join([*toks[i:i + n - 1],
                                             strip_possessive(toks[i + n - 1])]))
            if cid:
                return cid, n
    return None, 0


def _country_of(countries: Countries, tail: str) -> str | None:
    tail = tail.split(" to ", 1)[0]  # "of Venezuela to the White House"
    bare = tail.removeprefix("the ")
    for cand in (tail, bare, bare.rsplit(" of ", 1)[-1].removeprefix("the ")):
        cid = countries.lookup(cand)
        if cid:
            return cid
    # An unknown name is far more often a state, province or city ("Governor Whitmer of
    # Michigan") than a country missing from the list: leave the side to the caller's fallback.
    return None


def has_strong_title(title: str) -> bool:
    for t in title.lower().split():
        t = t.removesuffix("-elect")
        if t in _STRONG_TITLES or strip_possessive(t) in _STRONG_TITLES:
            return True
    return False



_ORG_WORDS = words(
    """party council committee commission forum agency department ministry office court
    administration government university foundation institute association union bank conference
    cabinet parliament congress senate secretariat bureau"""
)
_LEADING_SKIP = words(
    """today yesterday tonight on in at during while after before following later earlier also
    together meanwhile separately additionally finally then when since as both and but
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december"""
)
