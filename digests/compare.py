"""Compare one new meeting's statements with the earlier ones on the same theme.

For each theme the new meeting touched, and each side that spoke on it:
- history: statements on the theme at meetings of the same relationship (the same set of
  countries) with an earlier event date; `widen` compares against every relationship;
- new / repeated / dropped formulations against that side's history (a joint "both" statement
  counts for each side, and is compared with every side's history);
- the closest earlier statement by the same side and overall (TF-IDF cosine);
- silences: themes a side raised at earlier meetings of the relationship and not at this one;
- tone of `relations`: the side's cue score here against its previous meeting.
Counts are of meetings, not articles: reprints of a meeting are one meeting in the store.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from bot.store import Store
from digests import state
from digests.phrases import contains, default_rules, parts
from digests.similarity import TfIdf, terms
from digests.tone import Cue, default_lexicon

SIMILARITY_HISTORY = 20  # latest earlier statements (overall and per side) scored for closeness
EARLIER_SHOWN = 6
TONE_THEME = "relations"
_LATEST = "9999-12-31"


@dataclass
class Section:
    theme: str
    meeting: str
    event_date: str | None
    new: list[dict[str, Any]]
    earlier: list[dict[str, Any]] = field(default_factory=list)
    new_phrases: list[str] = field(default_factory=list)
    new_phrases_by_side: dict[str, list[str]] = field(default_factory=dict)
    repeated_phrases: list[dict[str, Any]] = field(default_factory=list)
    dropped_phrases: list[str] = field(default_factory=list)
    dropped_by_side: dict[str, list[str]] = field(default_factory=dict)

    @property
    def tier(self) -> int:
        """0 new formulations, 1 dropped ones, 2 repetitions only, 3 nothing to compare."""
        if self.new_phrases:
            return 0
        if self.dropped_phrases:
            return 1
        return 2 if self.repeated_phrases else 3


@dataclass
class Silence:
    theme: str
    side: str
    last_raised: str
    meeting: str
    event_date: str | None


@dataclass
class ToneShift:
    side: str
    meeting: str
    event_date: str | None
    current: float
    previous: float | None
    previous_date: str | None
    delta: float | None
    drivers: list[Cue]
    previous_drivers: list[Cue]


@dataclass
class MeetingComparison:
    sections: list[Section]
    silences: list[Silence]
    tone: list[ToneShift]


def _sides_of(side: str | None) -> tuple[str, ...]:
    """Whose history a statement is compared with: a joint statement is every side's."""
    return () if side is None else (side, "both")


class Comparer:
    """One digest's comparisons. Every read is an indexed range of one relationship and theme;
    per-statement results (phrases, term bags) are cached for the digest's lifetime."""

    def __init__(self, store: Store, widen: bool = False) -> None:
        self.store = store
        self.widen = widen
        self.rules = default_rules()
        self.tone = default_lexicon()
        self._texts: dict[int, str] = {}
        self._rows: dict[int, dict[str, Any]] = {}
        self._bags: dict[str, Counter[str]] = {}
        self._said_cache: tuple[str, dict[str, set[str]]] = ("", {})

    def bag(self, text: str) -> Counter[str]:
        found = self._bags.get(text)
        if found is None:
            found = self._bags[text] = terms(text, self.rules)
        return found

    # -- reads -----------------------------------------------------------------------------
    def rows(self, sids: list[int]) -> dict[int, dict[str, Any]]:
        missing = [s for s in sids if s not in self._rows]
        if missing:
            self._rows.update(state.index_rows(self.store, missing))
        return {s: self._rows[s] for s in sids if s in self._rows}

    def texts(self, sids: list[int]) -> dict[int, str]:
        missing = [s for s in sids if s not in self._texts]
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            for r in self.store.conn.execute(
                f"SELECT sid, text FROM statements WHERE sid IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                self._texts[r[0]] = r[1]
        return {s: self._texts[s] for s in sids if s in self._texts}

    def meeting_sets(self, rel: str, theme: str, before: str) -> list[tuple[str, str, str, Any]]:
        """(meeting, date, side, phrase-hash set) of earlier meetings on the theme, oldest first."""
        if self.widen:
            cur = self.store.conn.execute(
                "SELECT meeting_id, event_date, side, keys FROM digest_meeting_phrases"
                " WHERE theme=? AND event_date < ? ORDER BY event_date", (theme, before))
        else:
            cur = self.store.conn.execute(
                "SELECT meeting_id, event_date, side, keys FROM digest_meeting_phrases"
                " WHERE rel=? AND theme=? AND event_date < ? ORDER BY event_date",
                (rel, theme, before))
        return [(r[0], r[1], r[2], state.meeting_keys(r[3])) for r in cur]

    def recent(self, rel: str, theme: str, before: str, side: str | None, limit: int) -> list[int]:
        """The latest earlier statements on the theme (by one side, or any)."""
        where, params = "theme=? AND event_date < ?", [theme, before]
        if not self.widen:
            where, params = "rel=? AND " + where, [rel, *params]
        if side is not None:
            where, params = where + " AND side IN (?, 'both')", [*params, side]
        return [r[0] for r in self.store.conn.execute(
            f"SELECT sid FROM digest_theme_index WHERE {where}"
            f" ORDER BY event_date DESC, sid DESC LIMIT ?", (*params, limit))]

    def _statements_at(self, mid: str) -> list[dict[str, Any]]:
        sids = [r[0] for r in self.store.conn.execute(
            "SELECT sid FROM digest_index WHERE meeting_id=? ORDER BY sid", (mid,))]
        rows = self.rows(sids)
        return [rows[s] for s in sids if s in rows]

    # -- one meeting -----------------------------------------------------------------------
    def compare_meeting(
        self, meeting: dict[str, Any], new: list[dict[str, Any]], themes: set[str] | None
    ) -> MeetingComparison:
        rel = state.rel_key(meeting.get("sides") or [])
        date = meeting.get("event_date") or _LATEST
        by_theme: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for st in new:
            for t in st["themes"]:
                if themes is None or t in themes:
                    by_theme[t].append(st)
        at_meeting = self._statements_at(meeting["id"])
        sections = [self._section(rel, date, meeting, t, sts, at_meeting)
                    for t, sts in by_theme.items()]
        silences = self._silences(rel, date, meeting, at_meeting, themes)
        tone = self._tone(rel, date, meeting, at_meeting) \
            if themes is None or TONE_THEME in themes else []
        return MeetingComparison(sections, silences, tone)

    def _section(
        self, rel: str, date: str, meeting: dict[str, Any], theme: str,
        new: list[dict[str, Any]], at_meeting: list[dict[str, Any]],
    ) -> Section:
        sec = Section(theme, meeting["id"], meeting.get("event_date"), new)
        sets = self.meeting_sets(rel, theme, date)
        new_rows = self.rows([st["sid"] for st in new])
        said_here = self._said(meeting["id"], at_meeting)
        evidence: dict[int, tuple[float, str, str]] = {}
        for side in sorted({st["side"] for st in new if st["side"]}):
            mine = [st for st in new if st["side"] == side]
            phrases: dict[str, str] = {}
            for st in mine:
                phrases.update(new_rows.get(st["sid"], {}).get("phrases", {}))
            every = {**parts(phrases, self.rules), **phrases}
            mine_sets = sets if side == "both" else [x for x in sets if x[2] in (side, "both")]
            used = _uses(every, mine_sets)
            fresh = [k for k in phrases if k not in used]
            fresh = [k for k in fresh if k in self.rules.key_terms
                     or not any(contains(o, k) for o in fresh)]
            if fresh:
                sec.new_phrases_by_side[side] = [phrases[k] for k in fresh]
            repeated = [k for k in every if k in used]
            repeated = [k for k in repeated if not any(contains(o, k) for o in repeated)]
            for k in repeated:
                first_date, first_meeting, meetings = used[k]
                sec.repeated_phrases.append({
                    "phrase": every[k], "first_used": first_date,
                    "count": len(meetings | {meeting["id"]}), "side": side,
                })
                first = self._first_statement(first_meeting, k, theme, side)
                if first is not None:
                    evidence.setdefault(first, (0.0, mine[0]["id"], f'first use of "{every[k]}"'))
            # Joint statements are too rare to say what "both" stopped saying.
            previous = [x for x in mine_sets if x[2] == side and side != "both"]
            if previous:
                gone: dict[str, str] = {}
                for row in self._statements_at(previous[-1][0]):
                    if row["side"] != side or theme not in row["themes"]:
                        continue
                    for k, v in row["phrases"].items():
                        if k not in said_here[side] and k not in every:
                            gone.setdefault(k, v)
                            evidence.setdefault(row["sid"], (0.0, mine[0]["id"],
                                                             "previous meeting"))
                if gone:
                    sec.dropped_by_side[side] = list(gone.values())
        sec.new_phrases = _unique(p for ps in sec.new_phrases_by_side.values() for p in ps)
        sec.dropped_phrases = _unique(p for ps in sec.dropped_by_side.values() for p in ps)
        self._closest(sec, rel, date, evidence)
        return sec

    def _said(self, mid: str, at_meeting: list[dict[str, Any]]) -> dict[str, set[str]]:
        """Everything each side said at this meeting, on any theme: a formulation that moved
        to another theme's statement has not been dropped."""
        if self._said_cache[0] != mid:
            said: dict[str, set[str]] = defaultdict(set)
            for row in at_meeting:
                for s in _sides_of(row["side"]):
                    said[s].update(row["phrases"])
                    said[s].update(parts(row["phrases"], self.rules))
            self._said_cache = (mid, said)
        return self._said_cache[1]

    def _first_statement(self, mid: str, key: str, theme: str, side: str) -> int | None:
        for row in self._statements_at(mid):
            if theme in row["themes"] and (side == "both" or row["side"] in (side, "both")) \
                    and (key in row["phrases"] or key in parts(row["phrases"], self.rules)):
                return int(row["sid"])
        return None

    def _closest(
        self, sec: Section, rel: str, date: str, evidence: dict[int, tuple[float, str, str]]
    ) -> None:
        pool_sids = self.recent(rel, sec.theme, date, None, SIMILARITY_HISTORY)
        for side in {st["side"] for st in sec.new if st["side"]}:
            pool_sids += self.recent(rel, sec.theme, date, side, SIMILARITY_HISTORY)
        pool_sids = list(dict.fromkeys([*pool_sids, *evidence]))
        if not pool_sids:
            return
        rows = self.rows(pool_sids)
        texts = self.texts(pool_sids)
        sids = [s for s in pool_sids if s in texts]
        docs = [st["text"] for st in sec.new] + [texts[s] for s in sids]
        model = TfIdf(docs, [self.bag(d) for d in docs])
        n = len(sec.new)
        chosen: dict[int, tuple[float, str, str]] = {}
        for i, st in enumerate(sec.new):
            scores = [(model.cosine(i, n + j), sids[j]) for j in range(len(sids))]
            best_all = max(scores, default=None)
            same = [(sc, s) for sc, s in scores
                    if rows.get(s, {}).get("side") in _sides_of(st["side"])]
            best_same = max(same, default=None) if st["side"] else None
            for best, why in ((best_same, "closest by the same side"),
                              (best_all, "closest overall")):
                if best is not None and best[0] > chosen.get(best[1], (-1.0,))[0]:
                    chosen[best[1]] = (best[0], st["id"], why)
            for j, s in enumerate(sids):
                if s in evidence and s not in chosen:
                    _score, _cid, why = evidence[s]
                    chosen[s] = (model.cosine(i, n + j), st["id"], why)
        ranked = sorted(chosen.items(), key=lambda kv: (kv[1][2].startswith("closest"),
                                                        kv[1][0]), reverse=True)
        shown = ranked[:EARLIER_SHOWN]
        full = self.store.statements_by_sid([s for s, _v in shown])
        for sid, (score, compared_with, why) in shown:
            if sid in full:
                sec.earlier.append({**full[sid], "similarity": round(score, 3),
                                    "compared_with": compared_with, "why": why})
        sec.earlier.sort(key=lambda e: (e["event_date"] or "", e["sid"]))

    # -- silences and tone -----------------------------------------------------------------
    def _silences(
        self, rel: str, date: str, meeting: dict[str, Any], at_meeting: list[dict[str, Any]],
        themes: set[str] | None,
    ) -> list[Silence]:
        if not rel:
            return []
        spoken = sorted({r["side"] for r in at_meeting if r["side"] not in (None, "both")})
        raised: dict[str, set[str]] = defaultdict(set)
        for r in at_meeting:
            for s in spoken if r["side"] == "both" else [r["side"]]:
                raised[s].update(r["themes"])
        known = [r[0] for r in self.store.conn.execute(
            "SELECT DISTINCT theme FROM digest_meeting_phrases WHERE rel=?", (rel,))]
        out: list[Silence] = []
        for side in spoken:
            for theme in known:
                if theme in raised[side] or (themes is not None and theme not in themes):
                    continue
                row = self.store.conn.execute(
                    "SELECT max(event_date) FROM digest_theme_index WHERE rel=? AND theme=?"
                    " AND side IN (?, 'both') AND event_date < ?", (rel, theme, side, date),
                ).fetchone()
                if row and row[0]:
                    out.append(Silence(theme, side, row[0], meeting["id"],
                                       meeting.get("event_date")))
        out.sort(key=lambda s: (s.last_raised, s.theme), reverse=True)
        return out

    def _tone(
        self, rel: str, date: str, meeting: dict[str, Any], at_meeting: list[dict[str, Any]]
    ) -> list[ToneShift]:
        out: list[ToneShift] = []
        sides = sorted({r["side"] for r in at_meeting if r["side"]} - {"both"})
        for side in sides:
            here = [r["sid"] for r in at_meeting
                    if r["side"] == side and TONE_THEME in r["themes"]]
            if not here:
                continue
            current, drivers = self._score(here)
            last = self.store.conn.execute(
                "SELECT t.event_date, d.meeting_id FROM digest_theme_index t JOIN digest_index d"
                " ON d.sid = t.sid WHERE t.rel=? AND t.theme=? AND t.side=? AND t.event_date < ?"
                " ORDER BY t.event_date DESC, t.sid DESC LIMIT 1",
                (rel, TONE_THEME, side, date),
            ).fetchone()
            previous = previous_date = None
            previous_drivers: list[Cue] = []
            if last is not None:
                before = [r["sid"] for r in self._statements_at(last[1])
                          if r["side"] == side and TONE_THEME in r["themes"]]
                previous, previous_drivers = self._score(before)
                previous_date = last[0]
            delta = None if previous is None else round(current - previous, 2)
            out.append(ToneShift(side, meeting["id"], meeting.get("event_date"), current,
                                 previous, previous_date, delta, drivers, previous_drivers))
        return out

    def _score(self, sids: list[int]) -> tuple[float, list[Cue]]:
        texts = self.texts(sids)
        total, cues = 0.0, []
        for s in sids:
            score, found = self.tone.score(texts.get(s, ""))
            total += score
            cues += found
        return round(total / max(1, len(sids)), 2), cues


def _uses(
    keys: dict[str, str], sets: list[tuple[str, str, str, Any]]
) -> dict[str, tuple[str, str, set[str]]]:
    """normalised phrase -> (first date, first meeting, meetings that used it), from the
    per-meeting hash sets (oldest first); one C-level set intersection per earlier meeting."""
    wanted: dict[int, str] = {state.key_hash(k): k for k in keys}
    probe = frozenset(wanted)
    used: dict[str, tuple[str, str, set[str]]] = {}
    for mid, when, _side, hashes in sets:
        for h in probe.intersection(hashes):
            k = wanted[h]
            if k in used:
                used[k][2].add(mid)
            else:
                used[k] = (when, mid, {mid})
    return used


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))
