"""Whose readout an article is: the outlets registry (registry/data/outlets.toml, READOUT_OUTLETS).

The web host decides first, because a page's outlet string is often a by-line ("By XINHUA |
chinadaily.com.cn") while its host is what published it; the outlet name decides when there is
no URL. A name matches exactly (case and punctuation folded), else the longest alias found as
whole words inside the outlet string.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from bot.config import load_layers
from bot.errors import ConfigError

# A credit line: "Source: Ministry of Foreign Affairs of the Republic of Uzbekistan" under a
# release a wire carries, "2021-04-07 09:03:00 source:Global Times" under a reprint's headline,
# an aggregator's "Reference(s): cgtn.com". The reader drops "Source:" lines as furniture
# after taking their outlet (articles/cleanup.credited_outlet); the side decision reads the
# others (meetings/sides.py). One pattern for both.
CREDIT_LINE = re.compile(
    r"^\s*(?:[\d/:.-]+\s+)*(?i:Reference\(s\)|References?|Source\(s\)|Sources?)\s*:\s*"
    r"(?P<o>\w[\w .,&'’()-]{1,79}?)\.?\s*$")


@dataclass(frozen=True)
class Outlet:
    key: str
    name: str
    side: str | None  # None: a known outlet that speaks for no government (wires)
    kind: str = ""
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"[^\w.']+", " ", text).strip()


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    if "//" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


class Outlets:
    def __init__(self, outlets: list[Outlet]) -> None:
        self.outlets = outlets
        self._names: dict[str, Outlet] = {}
        self._domains: dict[str, Outlet] = {}
        for o in outlets:
            for n in (o.name, *o.aliases):
                self._names[_fold(n)] = o
            for d in o.domains:
                # "*.china-embassy.gov.cn": every embassy's site (subdomains match anyway)
                self._domains[d.lower().removeprefix("*.").removeprefix("www.")] = o
        alts = sorted(self._names, key=len, reverse=True)
        self._inside = re.compile(
            r"(?<![\w])(" + "|".join(re.escape(a) for a in alts if a) + r")(?![\w])"
        ) if alts else None

    @classmethod
    def load(cls) -> Outlets:
        merged: dict[str, Outlet] = {}
        for layer in load_layers("bot.registry", "outlets.toml", "READOUT_OUTLETS"):
            for key, spec in layer.get("outlet", {}).items():
                if not isinstance(spec, dict) or "name" not in spec:
                    raise ConfigError(f"outlet {key!r} needs a name")
                merged[key] = Outlet(
                    key, spec["name"], spec.get("side") or None, spec.get("kind", ""),
                    tuple(spec.get("aliases", [])), tuple(spec.get("domains", [])),
                )
        return cls(list(merged.values()))

    def by_host(self, host: str | None) -> Outlet | None:
        """The most specific registered domain: english.news.cn -> news.cn."""
        if not host:
            return None
        parts = host.split(".")
        for i in range(len(parts) - 1):
            hit = self._domains.get(".".join(parts[i:]))
            if hit is not None:
                return hit
        return None

    def by_name(self, outlet: str | None) -> Outlet | None:
        if not outlet:
            return None
        key = _fold(outlet)
        if key in self._names:
            return self._names[key]
        hit = self.by_host(host_of(outlet.strip())) if re.fullmatch(r"[\w.-]+\.\w+",
                                                                    outlet.strip()) else None
        if hit is not None or self._inside is None:
            return hit
        found = [m.group(1) for m in self._inside.finditer(key)]
        return self._names[max(found, key=len)] if found else None

    def lookup(self, outlet: str | None, url: str | None = None) -> Outlet | None:
        return self.by_host(host_of(url)) or self.by_name(outlet)


@cache
def default_outlets() -> Outlets:
    return Outlets.load()


def side_of_outlet(outlet: str | None, url: str | None = None) -> str | None:
    """The country whose readout this is, or None (unknown outlet, or a neutral wire)."""
    found = default_outlets().lookup(outlet, url)
    return found.side if found else None
