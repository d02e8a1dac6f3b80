"""Digest quality on real readouts, judged against an analyst's labels.

    .venv/bin/python benchmarks/digest_quality.py [--realdata DIR] [--labels FILE] [--show]

Reads the real China–South Korea readouts of /work/realdata (`READOUT_REALDATA`; third-party
text, never in the repo) and the labels in benchmarks/labels/digest_quality.toml (our own
judgements, written before tuning). Skips with a message when the texts are absent.

How it runs: meeting by meeting in date order, that meeting's English reports are indexed
through the real pipeline (a JSON Lines archive: title, text, url, outlet, published = the
manifest's event date), then a digest is built for a destination whose watermark is moved after
each, exactly as a channel receiving a digest after every meeting. So that the digest is
measured on its own, not the merging of reports (issue 10), the manifest's meeting identity is
applied as corrections (`readout meetings join`: every report of a meeting joined to the first)
and the manifest's side of each report is written onto the article (the outlet registry does not
know every repost site).

What it prints (the numbers of the issue's table):
- new / repeated / dropped formulations: precision. A listed phrase is a *real formulation* of
  that side at that meeting when its content words include all the content words of one wording
  of a labelled formulation (all but one, for a wording of four or more) and at most two more
  (country words around it not counted); a *fragment* when it holds only some of them.
  It is *correct* when, in addition, it is new (no wording of it was labelled for that side at
  an earlier meeting), repeated (one was), or dropped (labelled at the side's previous meeting,
  none now).
- analyst-flagged changes: recall (anywhere in the digest, and in the summary).
- silence claims: true and meaningful / trivial / false (the side raised the theme, or its
  readout of the meeting was a brief or absent).
- tone: Spearman between a side's score per meeting and the analyst's warmth ranking of that
  side's readouts in one relationship (`warmth.<side>`, or `china_warmth`).

A label file may hold several relationships (the sides of a meeting's `readout`): "rightly
new/repeated/dropped" is judged against the side's earlier labels in the same relationship, as
the digest compares. A readout labelled anything but "full" ("brief", "cut", "none") cannot
be silent: a silence claimed there is false.

Label sets: digest_quality.toml (China–South Korea, /work/realdata), digest_quality_us.toml
(China–United States, /work/realdata), digest_quality_fresh.toml (China–Japan, United
States–Japan, Japan–South Korea; --realdata /work/realdata2), digest_quality_final.toml
(United States–South Korea; --realdata /work/realdata3), digest_quality_au.toml (China–
Australia, round 13, labelled by a helper before any run; --realdata /work/realdata9, its
reports' addresses in merge_manifest_9.jsonl); round 14, each labelled by a helper before any run:
digest_quality_uk.toml (China–UK, /work/realdata11), _eu (China–EU, /work/realdata12), _fr
(China–France, /work/realdata13), _ru (China–Russia, /work/realdata14), _sgnz (China–Singapore
and China–New Zealand, /work/realdata15), addresses in merge_manifest_11..15.jsonl; round 15,
the same way: _de (China–Germany, /work/realdata16), _in (China–India, /work/realdata17), _id
(China–Indonesia, /work/realdata18) and _ph (China–Philippines and China–Vietnam,
/work/realdata19), addresses in merge_manifest_16..19.jsonl; round 16, the same way: _pk
(China–Pakistan, /work/realdata20) and _brza (China–Brazil and China–South Africa, many texts
in Portuguese, Spanish, French or Chinese, /work/realdata21), addresses in
merge_manifest_20..21.jsonl; round 17: _kz (China–Kazakhstan, /work/realdata22) and _tr
(China–Turkey, /work/realdata23); round 18: _eg (China–Egypt, /work/realdata24) and _th
(China–Thailand, /work/realdata25); round 19: _my (China–Malaysia, /work/realdata26) and _jp
(China–Japan, /work/realdata27); round 20: _lk (China–Sri Lanka, /work/realdata28) and _bd
(China–Bangladesh, /work/realdata29); round 21: _np (China–Nepal, /work/realdata30) and _kh
(China–Cambodia, /work/realdata31); round 22: _ir (China–Iran, /work/realdata32) and _mn
(China–Mongolia, /work/realdata33); round 23: _la (China–Laos, /work/realdata34) and _sa
(China–Saudi Arabia and China–UAE, /work/realdata35); round 24: _mm (China–Myanmar,
/work/realdata36); addresses in merge_manifest_22..36.jsonl; rounds 25 to 29, one relationship
each: _ca (China–Canada, /work/realdata37), _it (China–Italy, 38), _hu (China–Hungary, 39), _uz
(China–Uzbekistan, 40), _mv (China–Maldives, 41) and _ar (China–Argentina, 42), addresses in
merge_manifest_37..42.jsonl. Round 32: six United States relationships labelled from the White
House corpus alone (France, Israel, India, Ukraine, Egypt, Canada), each a folder
benchmarks/labels/wh/<set> holding pairs.jsonl and labels.toml and no saved pages: run with
--realdata benchmarks/labels/wh/<set> --labels benchmarks/labels/wh/<set>/labels.toml.
- summary words per meeting, and phrases listed both new and repeated (must be 0).

Label audit (printed first; `--audit` lists the items): the labels were written from earlier
copies of the reports, and a re-collected copy may be another outlet's, an excerpt, or a page
with menus. A labelled formulation (or flagged new/changed phrase) that no text of its meeting at
hand holds — no sentence, or two neighbouring ones, with every content word of one wording (all
but one for four or more) — is not asked of the digest: it is left out of that meeting's labels,
of the side's history, and of recall. A side labelled "none" that has reports now was never
labelled: what the digest lists for it is counted apart, not judged. Likewise a flagged silence
or tone change of a side none of whose reports of the meeting is at hand, and a theme flagged as
raised by one side only when the other government's reports are not at hand (round 21: on
China–Japan six such flags of one call whose Chinese report was not re-collected counted as
misses).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import tomllib
from collections import defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("READOUT_CODE") or str(ROOT))

from bot.articles.text import parse_text  # noqa: E402
from bot.errors import ArticleError  # noqa: E402
from bot.pipeline.ingest import index_sources  # noqa: E402
from bot.store import Store  # noqa: E402
from digests import state  # noqa: E402
from digests.build import build_digest  # noqa: E402
from digests.render import render_json, render_text  # noqa: E402

DEFAULT_REALDATA = Path(os.environ.get("READOUT_REALDATA", "/work/realdata"))
DEFAULT_LABELS = ROOT / "benchmarks" / "labels" / "digest_quality.toml"
SIDES: tuple[str, ...] = ("china", "south_korea")  # set from the labels' readouts

_FUNCTION = frozenset([
    "a", "an", "the", "of", "and", "to", "in", "for", "on", "at", "with", "by", "from", "as",
    "its", "their", "his", "her", "our", "this", "that", "these", "those", "be", "is", "are",
    "was", "were", "will", "would", "should", "can", "could", "it", "they", "them", "two",
    "both", "each", "other", "other's", "s",
])


_COUNTRY_WORDS = frozenset(["china", "chinese", "korea", "korean", "south", "rok", "us", "u",
                            "united", "state", "american", "japan", "japanese", "seoul",
                            "beijing", "washington", "relation", "relations"])


def content(phrase: str) -> frozenset[str]:
    """Folded content words: lower case, hyphens split, plural -s dropped, function words out."""
    # "can not" and "cannot" are one spelling of one word (two reports of one sentence)
    low = re.sub(r"\bcan not\b", "cannot", phrase.lower())
    # letters of any script: "Türkiye" is one word, not "t" and "rkiye"
    words = re.findall(r"[^\W_]+(?:'[^\W_]+)?", low.replace("’", "'").replace("-", " "))
    out = set()
    for w in words:
        w = w.removesuffix("'s")
        if w in _FUNCTION:
            continue
        if w.endswith("ies") and len(w) > 4:
            w = w[:-3] + "y"
        elif w.endswith("s") and len(w) > 3 and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        out.add(w)
    return frozenset(out)


def variants(label: str) -> list[frozenset[str]]:
    return [c for c in (content(v) for v in label.split("|")) if c]


def matches(phrase: str, label: str) -> str | None:
    """'real' when the phrase holds all of one wording's content words and at most 2 more,
    'fragment' when it holds some (and no more than 2 others), else None."""
    p = content(phrase)
    if not p:
        return None
    best = None
    for v in variants(label):
        # Country words added around a formulation ("... in China-South Korea relations") do
        # not make it longer: count them out of the extras.
        extra = p - v - _COUNTRY_WORDS
        missing = v - p
        if len(extra) <= 2 and (not missing or (len(missing) == 1 and len(v) >= 4)):
            return "real"
        if p & v and len(extra) <= 2 and (len(p & v) >= 2 or len(v) <= 2):
            best = "fragment"
    return best


def same_formulation(a: str, b: str) -> bool:
    """Two labels name one formulation when a wording of one is a wording of the other, give
    or take one content word."""
    return any((x <= y or y <= x) and len(x ^ y) <= 1 and x & y
               for x in variants(a) for y in variants(b))


# -- which labels the texts still hold ----------------------------------------------------------
def passages(texts: list[str]) -> list[frozenset[str]]:
    """Content words of every sentence of a meeting's texts, and of every two neighbouring
    sentences (a saved page may break a sentence across lines)."""
    out: list[frozenset[str]] = []
    for text in texts:
        parts = [content(s) for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if s.strip()]
        out.extend(parts)
        out.extend(a | b for a, b in pairwise(parts))
    return out


def present(label: str, where: list[frozenset[str]]) -> bool:
    """A labelled formulation is in a meeting's texts when one passage holds every content word
    of one of its wordings (all but one, for a wording of four or more) — case, hyphens,
    plurals and word order aside. The labels were written from earlier copies of the reports:
    a formulation no copy at hand holds cannot be asked of the digest."""
    for v in variants(label):
        need = len(v) - 1 if len(v) >= 4 else len(v)
        if any(len(v & p) >= need for p in where):
            return True
    return False


# -- running the digest over the real readouts ------------------------------------------------
WH_CORPUS = Path(os.environ.get("READOUT_WH_CORPUS", "/work/shared/corpus/wh_readouts.jsonl"))


def load_manifest(realdata: Path, keys: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Each meeting's English reports; for the meetings of pairs.jsonl, the White House
    readout of it too (from the White House corpus, as the United States' readout)."""
    by_meeting: dict[str, list[dict[str, Any]]] = defaultdict(list)
    dates: dict[str, str] = {}
    manifest = realdata / "manifest.jsonl"
    # A folder of White House readouts only (pairs.jsonl, no saved pages) has no manifest.
    lines = manifest.read_text(encoding="utf-8").splitlines() if manifest.exists() else []
    for line in lines:
        rec = json.loads(line)
        dates[rec["meeting_key"]] = rec["event_date"]
        if rec["meeting_key"] not in keys:
            continue
        if "Language:" in rec.get("notes", "") and "Language: English" not in rec["notes"]:
            continue  # the pipeline reads English
        if not (realdata / rec["file"]).is_file():
            # A report not (re-)collected: say so and judge the rest, rather than stop.
            print(f"missing report text: {rec['file']}", file=sys.stderr)
            continue
        by_meeting[rec["meeting_key"]].append(rec)
    pairs = realdata / "pairs.jsonl"
    if pairs.exists() and WH_CORPUS.exists():
        wanted = {}
        for line in pairs.read_text(encoding="utf-8").splitlines():
            p = json.loads(line)
            dates.setdefault(p["meeting_key"], p.get("event_date") or p["us_wh_date"])
            if p["meeting_key"] in keys:
                wanted[(p["us_wh_title"], p["us_wh_date"])] = p["meeting_key"]
        for line in WH_CORPUS.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            key = wanted.pop((d.get("title"), d.get("date")), None)
            if key is not None:
                by_meeting[key].append({
                    "text": d["text"].replace("###", "").strip(), "title": d["title"],
                    "url": d.get("source_url"), "outlet": "The White House",
                    "side": "united_states", "event_date": dates.get(key, d["date"]),
                    "notes": ""})
    return by_meeting


def index_meeting(store: Store, realdata: Path, key: str, reports: list[dict[str, Any]],
                  work: Path) -> None:
    archive = work / f"{key}.jsonl"
    with archive.open("w", encoding="utf-8") as out:
        for rec in reports:
            if "text" in rec:
                out.write(json.dumps({"title": rec["title"], "text": rec["text"],
                                      "url": rec["url"], "outlet": rec["outlet"],
                                      "published": rec["event_date"]},
                                     ensure_ascii=False) + "\n")
                continue
            text = (realdata / rec["file"]).read_text(encoding="utf-8").strip()
            # The saved page read as `readout index` reads a .txt (headline or none, stamps,
            # menus, captions, datelines), then archived with the manifest's URL, outlet and
            # date: the digest is measured on what a user saving the page would have.
            try:
                art = parse_text(text, Path(rec["file"]).name)
            except ArticleError as exc:  # as `readout index` does: one line, the others go on
                print(f"skipped {rec['file']}: {exc}", file=sys.stderr)
                continue
            title, body = art.title, "\n\n".join(art.paragraphs)
            out.write(json.dumps({"title": title, "text": body, "url": rec["url"],
                                  "outlet": rec["outlet"], "published": rec["event_date"]},
                                 ensure_ascii=False) + "\n")
    index_sources(store, [str(archive)], workers=1)
    urls = [rec["url"] for rec in reports]
    side_of = {rec["url"]: rec["side"] for rec in reports}
    rows = [store.conn.execute("SELECT id, meeting_id FROM articles WHERE url=?", (u,)).fetchone()
            for u in urls]
    rows = [r for r in rows if r is not None]
    if not rows:
        return
    # Joined to the first report, not to its meeting id: a join may re-date or rename the
    # meeting it changes, so an id read before the first join can be gone by the next one.
    anchor = rows[0]["id"]
    for r in rows[1:]:
        now = store.conn.execute("SELECT meeting_id FROM articles WHERE id=?", (r["id"],))
        there = store.conn.execute("SELECT meeting_id FROM articles WHERE id=?", (anchor,))
        if now.fetchone()[0] != there.fetchone()[0]:
            store.join_article(r["id"], anchor)
    with store.transaction() as c:
        for url, side in side_of.items():
            c.execute("UPDATE articles SET side=? WHERE url=?", (side, url))
            c.execute("UPDATE article_copies SET side=? WHERE url=?", (side, url))


def run_digests(realdata: Path, labels: dict[str, Any],
                keep: Path | None = None) -> dict[str, dict[str, Any]]:
    keys = [m["key"] for m in labels["meeting"]]
    manifest = load_manifest(realdata, set(keys))
    order = sorted(keys, key=lambda k: manifest[k][0]["event_date"] if manifest[k] else k)
    out: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if keep is not None and keep.exists():
            keep.unlink()
        store = Store(keep or work / "bench.db")
        for key in order:
            if not manifest[key]:
                continue
            index_meeting(store, realdata, key, manifest[key], work)
            digest = build_digest(store, "bench")
            texts = [rec["text"] if "text" in rec
                     else (realdata / rec["file"]).read_text(encoding="utf-8")
                     for rec in manifest[key]]
            out[key] = {"json": render_json(digest), "text": render_text(digest),
                        "texts": texts, "sides": {rec["side"] for rec in manifest[key]}}
            state.move_watermark(store, "bench", digest.to_sid)
        store.close()
    return out


# -- judging ----------------------------------------------------------------------------------
def listed(js: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
    """kind -> side -> phrases (each once) in one digest's JSON."""
    got: dict[str, dict[str, list[str]]] = {k: defaultdict(list)
                                            for k in ("new", "repeated", "dropped", "changed")}

    def add(kind: str, side: str, phrase: str) -> None:
        if phrase not in got[kind][side]:
            got[kind][side].append(phrase)

    for sec in js["themes"]:
        for side, phrases in sec.get("new_phrases_by_side", {}).items():
            for p in phrases:
                add("new", side, p)
        for r in sec.get("repeated_phrases", []):
            add("repeated", r["side"], r["phrase"])
        for side, phrases in sec.get("dropped_phrases_by_side", {}).items():
            for p in phrases:
                add("dropped", side, p)
        for ch in sec.get("changed_phrases", []):
            add("changed", ch["side"], ch["phrase"])
    return got


def spearman(xs: list[float], ys: list[float]) -> float:
    def ranks(v: list[float]) -> list[float]:
        order = sorted(range(len(v)), key=lambda i: v[i])
        r = [0.0] * len(v)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return r

    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def summary_of(entry: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """(bullets, words) of the digest's "What moved"; before `summary` existed in the JSON,
    the text rendering's "What moved" block."""
    bullets = entry["json"].get("summary")
    if bullets is not None:
        return bullets, sum(len(b["text"].split()) for b in bullets)
    text = entry["text"]
    if "What moved" not in text:
        return [], 0
    block = text.split("What moved", 1)[1].split("\n\n", 1)[0]
    return [{"text": ln.strip()} for ln in block.splitlines() if ln.strip()], len(block.split())


def relationship(meeting: dict[str, Any]) -> frozenset[str]:
    """The sides whose readouts a meeting's labels describe: its relationship."""
    return frozenset(meeting.get("readout", {}))


def warmth(meeting: dict[str, Any]) -> dict[str, int]:
    """side -> the analyst's warmth rank of that side's readout (1 = warmest); the China–South
    Korea labels spell it `china_warmth`."""
    ranks = dict(meeting.get("warmth", {}))
    if "china_warmth" in meeting:
        ranks["china"] = meeting["china_warmth"]
    return ranks


def judge(labels: dict[str, Any], runs: dict[str, dict[str, Any]], show: bool) -> dict[str, Any]:
    meetings = [m for m in labels["meeting"] if m["key"] in runs]
    meetings.sort(key=lambda m: m["key"])
    # (relationship, side) -> that side's earlier meetings in the relationship: a digest compares
    # a meeting with the same relationship's history only, so "rightly new" is judged the same way.
    history: dict[tuple[frozenset[str], str], list[tuple[str, list[str]]]] = defaultdict(list)
    tally: dict[str, dict[str, int]] = {k: defaultdict(int)
                                        for k in ("new", "repeated", "dropped", "changed")}
    flagged = defaultdict(int)
    caught = defaultdict(int)
    caught_summary = 0
    in_summary: dict[str, int] = defaultdict(int)  # kind -> flagged changes the summary holds
    silences = defaultdict(int)
    # one-sided claims ("Taiwan in China's readout only") made where both governments'
    # readouts are at hand, and how many an analyst flagged
    only_claims: dict[str, Any] = {"made": 0, "flagged": 0, "verdicts": {}}
    tone_pairs: dict[str, list[tuple[float, float, str]]] = defaultdict(list)  # group -> pairs
    words: list[int] = []
    contradictions = 0
    missed: list[str] = []
    audit: dict[str, Any] = {"labels": 0, "absent": [], "flagged_absent": [], "unlabelled": []}
    for m in meetings:
        js = runs[m["key"]]["json"]
        got = listed(js)
        whys = {(f["side"], f["phrase"]): f"{f['why']} {f['strength']:.1f}"
                for f in js.get("formulations", [])}
        rel = relationship(m)
        held = passages(runs[m["key"]].get("texts", []))
        forms = {}
        for s in SIDES:
            labelled = m.get("formulations", {}).get(s, [])
            forms[s] = [f for f in labelled if present(f, held)]
            audit["labels"] += len(labelled)
            audit["absent"] += [f"{m['key']} {s}: {f}" for f in labelled if f not in forms[s]]
        # A side labelled "none" (no report of it then) that has reports now was never labelled:
        # what the digest lists for it cannot be judged, so it is counted apart.
        unlabelled = {s for s in SIDES if m["readout"].get(s, "none") == "none"
                      and s in runs[m["key"]].get("sides", set())}
        for s in sorted(unlabelled):
            n = sum(len(got[k].get(s, [])) for k in got)
            audit["unlabelled"].append(f"{m['key']} {s}: {n} phrases not judged")
        earlier = {s: [f for _k, fs in history[rel, s] for f in fs] for s in SIDES}
        previous = {s: (history[rel, s][-1][1] if history[rel, s] else []) for s in SIDES}
        for kind in ("new", "repeated", "dropped", "changed"):
            for side, phrases in got[kind].items():
                if side not in SIDES or side in unlabelled:
                    continue
                for p in phrases:
                    t = tally[kind]
                    t["listed"] += 1
                    pool = previous[side] if kind == "dropped" else forms[side]
                    verdicts = [(matches(p, f), f) for f in pool]
                    real = [f for v, f in verdicts if v == "real"]
                    if real:
                        t["real"] += 1
                        f = real[0]
                        seen = any(same_formulation(f, e) for e in earlier[side])
                        now = any(same_formulation(f, g) for g in forms[side])
                        ok = {"new": not seen, "repeated": seen, "changed": seen,
                              "dropped": not now}[kind]
                        t["correct"] += ok
                        verdict = "ok" if ok else "real, wrong kind"
                    elif any(v == "fragment" for v, _f in verdicts):
                        t["fragment"] += 1
                        verdict = "fragment"
                    else:
                        verdict = "filler"
                    if show:
                        why = whys.get((side, p), "")
                        print(f"  {m['key']} {kind:8} {side:11} {verdict:16} {p}  [{why}]")
        for side in SIDES:
            news = {content(p) for p in got["new"].get(side, [])}
            reps = {content(p) for p in got["repeated"].get(side, [])}
            contradictions += len(news & reps)
        bullets, nwords = summary_of(runs[m["key"]])
        words.append(nwords)
        summary_text = " ".join(b["text"] for b in bullets)
        claimed = {(s["side"], s["theme"]) for s in js["silent_themes"]}
        tone = {t["side"]: t for t in js["tone"]}
        one_sided = {(o["side"], o["theme"]) for o in js.get("one_sided", [])}
        for item in m.get("flagged", []):
            kind, side = item["kind"], item["side"]
            if kind in ("new", "changed") and not present(item["phrase"], held):
                audit["flagged_absent"].append(f"{m['key']} {side} {kind}: {item['phrase']}")
                continue
            at_hand = runs[m["key"]].get("sides", set()) - {"unknown"}
            if (kind in ("silence", "tone") and side not in at_hand) or (
                    kind == "only" and not (side in at_hand and at_hand - {side})):
                # a side's silence or tone needs its readout at hand; a theme only one side
                # raised needs both governments' (a report not re-collected is not the digest's)
                audit["flagged_absent"].append(
                    f"{m['key']} {side} {kind}: {item.get('theme') or item.get('direction')}"
                    " (a side's readout not at hand)")
                continue
            flagged[kind] += 1
            hit = False
            where = ""
            if kind in ("new", "changed"):
                pool = got["new"].get(side, []) + got["changed"].get(side, [])
                hit = any(matches(p, item["phrase"]) == "real" for p in pool)
                where = item["phrase"].split("|")[0].strip()
                in_sum = hit and any(matches(p, item["phrase"]) == "real"
                                     for p in re.findall(r"[\"“]([^\"”]+)[\"”]", summary_text))
            elif kind == "silence":
                hit = (side, item["theme"]) in claimed
                where = item["theme"]
                in_sum = hit and (any(b.get("kind") == "silence" and b.get("side") == side
                                          and b.get("theme") == item["theme"] for b in bullets)
                                      or (not any("kind" in b for b in bullets)
                                          and item["theme"].replace("_", " ")
                                          in summary_text.lower()))
            elif kind == "tone":
                t = tone.get(side)
                delta = t["delta"] if t else None
                hit = delta is not None and (delta < 0 if item["direction"] == "cooler"
                                             else delta > 0)
                where = f"tone {item['direction']}"
                in_sum = hit and "tone" in summary_text.lower()
            else:  # only
                hit = (side, item["theme"]) in one_sided
                where = f"only {item['theme']}"
                in_sum = hit and any(b.get("kind") == "only" and b.get("theme") == item["theme"]
                                     for b in bullets)
            caught[kind] += hit
            caught_summary += bool(in_sum)
            in_summary[kind] += bool(in_sum)
            if not hit:
                missed.append(f"{m['key']} {side} {kind}: {where}")
        flagged_only = {(i["side"], i["theme"]) for i in m.get("flagged", [])
                        if i["kind"] == "only"}
        at_hand = runs[m["key"]].get("sides", set()) - {"unknown"}
        for side, theme in sorted(one_sided):
            if side in at_hand and at_hand - {side}:
                only_claims["made"] += 1
                only_claims["flagged"] += (side, theme) in flagged_only
                # not flagged: the labels say the other government raised it too (a false
                # claim), or that this side did not raise it (a wrong tag), or it is true but
                # not worth an analyst's line
                others = set().union(*(m["raised"].get(o, []) for o in at_hand - {side}))
                verdict = ("flagged by the analyst" if (side, theme) in flagged_only
                           else "other side raised it" if theme in others
                           else "not raised" if theme not in m["raised"].get(side, [])
                           else "true, unflagged")
                only_claims["verdicts"][verdict] = only_claims["verdicts"].get(verdict, 0) + 1
                if show:
                    print(f"  {m['key']} only     {side:11} {verdict[:16]:16} {theme}")
        for side, theme in sorted(claimed):
            status = m["readout"].get(side, "none")
            if status != "full" or theme in m["raised"].get(side, []):
                silences["false"] += 1
                verdict = "FALSE"
            elif [side, theme] in m.get("silences", []):
                silences["meaningful"] += 1
                verdict = "meaningful"
            else:
                silences["trivial"] += 1
                verdict = "trivial"
            if show:
                print(f"  {m['key']} silence  {side:11} {verdict:16} {theme}")
        for side, rank in warmth(m).items():
            if side in tone and tone[side]["current"] is not None:
                group = f"{side} ({'–'.join(sorted(rel))})"
                tone_pairs[group].append((tone[side]["current"], -rank, m["key"]))
                if show:
                    delta = tone[side].get("delta")
                    print(f"  {m['key']} tone     {side:11} score {tone[side]['current']:+.2f}"
                          f" rank {rank} delta {'none' if delta is None else f'{delta:+.2f}'}")
        for side in SIDES:
            if forms[side]:
                history[rel, side].append((m["key"], forms[side]))
    total_flagged = sum(flagged.values())
    return {
        "tally": tally, "flagged": flagged, "caught": caught, "caught_summary": caught_summary,
        "in_summary": in_summary,
        "total_flagged": total_flagged, "silences": silences, "only_claims": only_claims,
        "tone": {g: spearman([a for a, _b, _k in ps], [b for _a, b, _k in ps])
                 for g, ps in tone_pairs.items() if len(ps) > 2},
        "tone_n": {g: len(ps) for g, ps in tone_pairs.items()}, "tone_pairs": tone_pairs,
        "words": words,
        "contradictions": contradictions, "missed": missed, "meetings": len(meetings),
        "audit": audit,
    }


def report(res: dict[str, Any], audit_details: bool = False) -> None:
    def ratio(a: int, b: int) -> str:
        return f"{a / b:.2f} ({a}/{b})" if b else "n/a (0)"

    print(f"digest quality on {res['meetings']} real meetings (sides: {', '.join(SIDES)})")
    a = res["audit"]
    print(f"label audit: {len(a['absent'])} of {a['labels']} labelled formulations and"
          f" {len(a['flagged_absent'])} flagged changes are in no text of their meeting at hand"
          f" or need a side's readout that is not"
          f" (not counted); {len(a['unlabelled'])} side(s) with reports now but labelled 'none'"
          f" (not judged)")
    print("| what the digest says | listed | real formulation | fragment | correct (precision) |")
    print("|---|---|---|---|---|")
    for kind in ("new", "repeated", "dropped", "changed"):
        t = res["tally"][kind]
        print(f"| {kind} | {t['listed']} | {ratio(t['real'], t['listed'])} |"
              f" {ratio(t['fragment'], t['listed'])} | {ratio(t['correct'], t['listed'])} |")
    caught = sum(res["caught"].values())
    print(f"\nanalyst-flagged changes: recall {ratio(caught, res['total_flagged'])};"
          f" in the summary {ratio(res['caught_summary'], res['total_flagged'])}")
    for kind, n in sorted(res["flagged"].items()):
        print(f"  {kind:8} {ratio(res['caught'][kind], n)};"
              f" in the summary {res['in_summary'][kind]}")
    oc = res["only_claims"]
    print(f"one-sided claims: {oc['made']};"
          f" flagged by the analyst {ratio(oc['flagged'], oc['made'])}")
    print("  not flagged: " + ", ".join(
        f"{k} {oc['verdicts'].get(k, 0)}" for k in ("other side raised it", "not raised",
                                         "true, unflagged")))
    s = res["silences"]
    n = sum(s.values())
    print(f"silence claims: {n}; true and meaningful {ratio(s['meaningful'], n)};"
          f" trivial {ratio(s['trivial'], n)}; false {ratio(s['false'], n)}")
    if not res["tone"]:
        print("tone: n/a (no warmth ranking with 3 or more scored readouts)")
    for group, rho in res["tone"].items():
        print(f"tone: Spearman {rho:.2f} against the warmth ranking of {group} readouts"
              f" ({res['tone_n'][group]} meetings)")
    w = res["words"]
    print(f"summary words a meeting: max {max(w)}, mean {sum(w) / len(w):.0f}")
    print(f"phrases both new and repeated: {res['contradictions']}")
    if res["missed"]:
        print("missed: " + "; ".join(res["missed"]))
    if audit_details:
        for title, key in (("absent labels", "absent"), ("absent flagged", "flagged_absent"),
                           ("unlabelled", "unlabelled")):
            for line in a[key]:
                print(f"  {title}: {line}")


def _disable_registry() -> None:
    import atexit
    import tempfile as tf

    from digests import formulations, phrases

    ids = list(formulations.default_registry().entries)
    fd, name = tf.mkstemp(suffix=".toml")
    with os.fdopen(fd, "w") as f:
        f.write("".join(f"[formulation.{i}]\ndisabled = true\n" for i in ids))
    atexit.register(os.unlink, name)
    os.environ["READOUT_FORMULATIONS"] = name
    formulations.default_registry.cache_clear()
    phrases.default_rules.cache_clear()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--realdata", type=Path, default=DEFAULT_REALDATA)
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    ap.add_argument("--show", action="store_true", help="print every judged item")
    ap.add_argument("--digests", action="store_true", help="print each meeting's digest text")
    ap.add_argument("--audit", action="store_true",
                    help="list the labels no text at hand holds (they are not counted)")
    ap.add_argument("--keep", type=Path, help="keep the database here (to inspect it)")
    ap.add_argument("--no-registry", action="store_true",
                    help="disable the shipped registry of standard formulations (it was written"
                         " knowing these readouts: this shows the method without it)")
    args = ap.parse_args(argv)
    if not any((args.realdata / f).exists() for f in ("manifest.jsonl", "pairs.jsonl")):
        print(f"skipped: no real readouts at {args.realdata} (set READOUT_REALDATA or --realdata)")
        return 0
    labels = tomllib.loads(args.labels.read_text(encoding="utf-8"))
    global SIDES
    SIDES = tuple(sorted({s for m in labels["meeting"] for s in m.get("readout", {})}))
    if args.no_registry:
        _disable_registry()
    runs = run_digests(args.realdata, labels, args.keep)
    if args.digests:
        for key, entry in runs.items():
            print(f"===== {key}\n{entry['text']}")
    report(judge(labels, runs, args.show), args.audit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
