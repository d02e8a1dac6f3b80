""""What moved": the few bullets an analyst reads first, each pointing to its evidence.

At most `MAX_BULLETS` bullets and `MAX_WORDS` words a meeting, ranked by salience: a tone shift
with the phrases behind it, silences on watched themes, themes only one readout raised, changed
wordings of standard formulations, new formulations (registry, quoted and key terms first),
dropped ones, and repetitions of standard formulations when there is room. Every bullet names
its kind, theme and side, the statements behind it, and their sources (outlet, date, link —
never a file name).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from bot.analysis.themes import default_taxonomy
from bot.registry.countries import default_countries
from bot.store import Store
from digests.compare import Formulation, MeetingComparison, OneSided
from digests.lexicon import default_rules, registry

MAX_BULLETS = 8
MAX_WORDS = 150
# Quoted phrases in one "New from ..." bullet. Measured on 23 labelled relationships (round 26):
# analyst-flagged new formulations in the summary 182 (3) -> 198 (4) -> 219 (5) -> 239 (6) of
# 279 caught, one-sided themes in it 111 until 6 (99: the longer bullets crowd them out); mean
# summary 79 -> 88 words, never over MAX_WORDS.
PHRASES_PER_BULLET = 5
TONE_MIN = 0.5  # a smaller shift is noise
TONE_MIN_CUES = 3  # cues each readout needs before its tone shift is a headline


@dataclass
class Bullet:
    text: str
    kind: str  # tone | silence | only | changed | new | dropped | repeated
    theme: str | None
    side: str | None
    statements: list[str] = field(default_factory=list)
    sources: list[dict[str, str | None]] = field(default_factory=list)
    meeting: str | None = None
    salience: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind, "theme": self.theme, "side": self.side,
                "statements": self.statements, "sources": self.sources,
                "meeting": self.meeting}


@cache
def side_name(side: str | None) -> str:
    if side in (None, ""):
        return "Narration"
    if side == "both":
        return "Both sides"
    c = default_countries().by_id.get(side)
    return c.names[0] if c is not None and c.names else side.replace("_", " ").title()


def in_readout(side: str | None) -> str:
    """" (in China's readout)": said of a side's words known only from the other readout."""
    return f" (in {side_name(side)}'s readout)" if side else ""


def theme_label(theme: str | None) -> str:
    t = default_taxonomy().themes.get(theme or "")
    return t.label if t is not None else (theme or "").replace("_", " ")


def cut_note(o: OneSided) -> str:
    """What a one-sided claim rests on when the other readout at hand is cut off."""
    if not o.cut_off:
        return ""
    return f" ({' and '.join(side_name(s) + chr(8217) + 's' for s in o.cut_off)} report is" \
        " cut off)"


def _q(phrase: str) -> str:
    return f"“{phrase}”"


def _words(text: str) -> int:
    return len(text.split())


def candidates(comp: MeetingComparison) -> list[Bullet]:
    """Every bullet this meeting could have, with its salience."""
    out: list[Bullet] = []
    mid = comp.sections[0].meeting if comp.sections else None
    for t in comp.tone:
        if t.delta is None or abs(t.delta) < TONE_MIN:
            continue
        if min(len(t.drivers), len(t.previous_drivers)) < TONE_MIN_CUES:
            continue  # two or three cues on a side: a mean that moves with one word
        cooler = t.delta < 0
        shown = [(c, d) for c, d in t.moved if (c.weight * d < 0) == cooler][:3]
        # A cue that came is shown as written; one that went is "less ...".
        cues = ", ".join(_q(c.shown) if d > 0 else f"less {_q(c.shown)}" for c, d in shown)
        text = (f"{side_name(t.side)}'s tone {'cooler' if cooler else 'warmer'}"
                f" ({t.delta:+.1f} since {t.previous_date})" + (f": {cues}" if cues else ""))
        out.append(Bullet(text, "tone", "relations", t.side, t.statements[:4],
                          meeting=t.meeting, salience=5 + min(3.0, abs(t.delta))))
        mid = mid or t.meeting
    for s in comp.silences:
        text = (f"{side_name(s.side)} silent on {theme_label(s.theme)} (raised at {s.raised} of"
                f" its {s.readouts} earlier readouts, last {s.last_raised})")
        sal = 6.0 if s.watch == "always" else 2.5 + 2 * s.regularity
        out.append(Bullet(text, "silence", s.theme, s.side, s.statements, meeting=s.meeting,
                          salience=sal))
    forms = comp.formulations
    for o in comp.one_sided:
        # the quote must carry the theme's own words: a formulation of a statement tagged
        # with several themes ("... community with a shared future ... the SCO") is no
        # evidence of the multilateral theme, and an analyst reads it as the claim's ground
        said = [f for f in forms if f.side == o.side and f.theme == o.theme
                and f.kind in ("new", "repeated", "changed") and f.strength.score >= 1.0
                and o.theme in default_taxonomy().tag(f.phrase)]
        said.sort(key=lambda f: -f.strength.score)
        extra = f": {_q(said[0].phrase)}" if said else ""
        text = f"{theme_label(o.theme)} in {side_name(o.side)}'s readout only{extra}" \
            f"{cut_note(o)}"
        sal = 4.5 if default_taxonomy().themes.get(o.theme) and \
            default_taxonomy().themes[o.theme].watch == "always" else 3.8
        out.append(Bullet(text, "only", o.theme, o.side, (said[0].statements if said else
                                                           o.statements)[:3],
                          meeting=o.meeting, salience=sal))
    changed = [f for f in forms if f.kind == "changed"]
    for side in sorted({f.side for f in changed}):
        mine = sorted((f for f in changed if f.side == side), key=_rank)[:2]
        text = f"{side_name(side)}, same line in new words: " + "; ".join(
            f"{_q(f.phrase)} (was {_q(f.was or '')}, since {f.first_used})" for f in mine)
        out.append(Bullet(text, "changed", mine[0].theme, side,
                          [s for f in mine for s in f.statements[:1]], meeting=mid,
                          salience=4.6 if side != "both" else 2.4))
    by_side: dict[str, list[Formulation]] = {}
    for f in forms:
        if f.kind == "new" and f.strength.score >= 1.0:
            by_side.setdefault(f.side, []).append(f)
    for side, items in by_side.items():
        items.sort(key=_rank)
        # Two wordings of one registry formulation (a ministry's and a newspaper's translation)
        # are one item in a bullet.
        families: set[str] = set()
        once = []
        for f in items:
            if f.formulation is None or f.formulation not in families:
                once.append(f)
                if f.formulation is not None:
                    families.add(f.formulation)
        items = once
        strong = [f for f in items if f.strength.score >= 2.5]
        rest = [f for f in items if f.strength.score < 2.5]
        # (the rest past the first bullet's five make a second, less salient one: it is shown
        # only where the words and bullets left allow)
        groups = ((strong, 5.5), (rest[:PHRASES_PER_BULLET], 3.2),
                  (rest[PHRASES_PER_BULLET:], 2.0))
        for group, sal in groups:
            if not group:
                continue
            top = group[:PHRASES_PER_BULLET]
            if top[0].reported_in is not None:
                # the side's words as the other government's readout renders them: worth a
                # line, but below what either government put in its own words
                sal = min(sal, 2.6)
            lead = "Also new from" if group is groups[2][0] else "New from"
            text = (f"{lead} {side_name(side)}{in_readout(top[0].reported_in)}: "
                    + ", ".join(_q(f.phrase) for f in top))
            themes = [f.theme for f in top]
            if side == "both":
                sal = 2.3  # what both sides agreed is rarely what moved
            out.append(Bullet(text, "new", max(set(themes), key=themes.count), side,
                              [s for f in top for s in f.statements[:1]], meeting=mid,
                              salience=sal + 0.1 * len(top)))
    dropped = [f for f in forms if f.kind == "dropped"]
    for side in sorted({f.side for f in dropped}):
        mine = [f for f in dropped if f.side == side][:PHRASES_PER_BULLET]
        text = (f"{side_name(side)} no longer says " + ", ".join(_q(f.phrase) for f in mine)
                + f" (used {mine[0].first_used})")
        out.append(Bullet(text, "dropped", mine[0].theme, side,
                          [s for f in mine for s in f.statements[:1]], meeting=mid,
                          salience=3.0))
    repeated = [f for f in forms if f.kind == "repeated" and f.strength.score >= 2.5
                and f.strength.why in ("registry", "key term", "quoted")]
    repeated.sort(key=lambda f: (-len(f.key), f.phrase))
    for i, f in enumerate(repeated[:2]):
        text = (f"{side_name(f.side)} repeats {_q(f.phrase)} (first used {f.first_used},"
                f" {f.count} meetings)")
        out.append(Bullet(text, "repeated", f.theme, f.side, f.statements[:1], meeting=mid,
                          salience=(2.9 if i == 0 else 1.5) + 0.001 * len(f.key)))
    return out


_STANCE_ORDER = {"warning": 0, "demand": 1, "complaint": 2, "condition": 3}


def _rank(f: Formulation) -> tuple[float, int, int]:
    """Strongest first; among registry formulations, one-word slogans and stances
    (warnings, demands, complaints) before plain warmth."""
    stance = 9
    if f.formulation:
        entry = registry().get(f.formulation)
        stance = _STANCE_ORDER.get(entry.stance, 8) if entry is not None else 9
    one_word = 0 if f.key in default_rules().key_terms or " " not in f.key else 1
    return (-f.strength.score, one_word, stance)


def select(bullets: list[Bullet]) -> list[Bullet]:
    """The most salient bullets that fit MAX_BULLETS and MAX_WORDS."""
    chosen: list[Bullet] = []
    words = 0
    for b in sorted(bullets, key=lambda b: -b.salience):
        if len(chosen) >= MAX_BULLETS:
            break
        n = _words(b.text)
        if words + n > MAX_WORDS:
            continue
        chosen.append(b)
        words += n
    return chosen


def attach_sources(store: Store, bullets: list[Bullet]) -> None:
    """Outlet, date and link of each bullet's statements, from the bullet side's own reports
    first; never a file name."""
    uids = sorted({u for b in bullets for u in b.statements})
    if not uids:
        return
    found: dict[str, list[dict[str, Any]]] = {}
    for i in range(0, len(uids), 500):
        chunk = uids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for r in store.conn.execute(
            "SELECT s.uid, a.outlet, a.url, a.published, a.side, s.event_date"
            " FROM statements s JOIN statement_sources ss ON ss.sid = s.sid"
            f" JOIN articles a ON a.id = ss.article_id WHERE s.uid IN ({marks})"
            " ORDER BY a.rowid", chunk,
        ):
            found.setdefault(r[0], []).append(
                {"outlet": r[1], "url": r[2], "date": r[3] or r[5], "side": r[4]})
    for b in bullets:
        seen: set[str] = set()
        for uid in b.statements:
            rows = found.get(uid, [])
            rows = sorted(rows, key=lambda r: r["side"] != b.side)
            for r in rows[:1]:
                url = r["url"] if r["url"] and str(r["url"]).startswith(("http://",
                                                                         "https://")) else None
                tag = url or f"{r['outlet']}|{r['date']}"
                if tag in seen:
                    continue
                seen.add(tag)
                b.sources.append({"outlet": r["outlet"] or _host(url), "date": r["date"],
                                  "url": url})
            if len(b.sources) >= 2:
                break


def _host(url: str | None) -> str | None:
    if not url:
        return None
    return url.split("//", 1)[-1].split("/", 1)[0]


def summarize(store: Store, comparisons: list[MeetingComparison]) -> list[Bullet]:
    out: list[Bullet] = []
    for comp in comparisons:
        out += select(candidates(comp))
    attach_sources(store, out)
    return out
