"""How well a report's words pick its meeting among other meetings of the same people.

For every labelled report of /work/realdata (manifest.jsonl; third-party text, not in the
repo), as if it gave only a weekday: a duel between its own meeting (its other reports) and
each other labelled meeting of the same two principals, scored as `merge.pick_by_content`
scores them. Prints, for several margins, how many duels the report would win for its own
meeting (right), lose to the other (wrong) or leave undecided (apart).

Run: .venv/bin/python benchmarks/content_pick.py [/work/realdata ...] [--only cn-kr]
(several roots are one set; a file of the manifest that is not at hand is skipped)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.articles.read import read_path  # noqa: E402
from bot.errors import ArticleError  # noqa: E402
from bot.meetings import merge  # noqa: E402
from bot.pipeline.analyse import Pipeline  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("roots", nargs="*", type=Path, default=[Path("/work/realdata")])
    ap.add_argument("--only", default="cn-kr")
    args = ap.parse_args()
    rows = []
    for root in args.roots:
        for line in (root / "manifest.jsonl").read_text().splitlines():
            if line.strip():
                r = json.loads(line)
                r["file"] = str(root / r["file"])
                if args.only in r["meeting_key"] and Path(r["file"]).is_file():
                    rows.append(r)
    pipeline = Pipeline()
    words: dict[str, frozenset[str]] = {}
    people: dict[str, set[str]] = defaultdict(set)
    meeting_of: dict[str, str] = {}
    for r in rows:
        try:
            art = read_path(Path(r["file"]))[0]
        except ArticleError:
            continue  # a report in another script: not indexed, as `readout index` says
        words[r["file"]] = merge.content_words([art.title, *art.paragraphs])
        info = pipeline.analyse(art).meeting
        people[r["meeting_key"]] |= {p.person_id for p in info.participants if p.person_id}
        meeting_of[r["file"]] = r["meeting_key"]
    # a meeting's principals: those most of its reports name (registered ids)
    by_meeting: dict[str, list[str]] = defaultdict(list)
    for f, k in meeting_of.items():
        by_meeting[k].append(f)
    margins = (2.0, 2.5, merge.CONTENT_MARGIN, 4.0)
    floors = sorted({0.05, 0.1, 0.15, 0.2, merge.CONTENT_MIN})
    tally = {(fl, m): {"right": 0, "wrong": 0, "apart": 0} for fl in floors for m in margins}
    n = 0
    for f, own in meeting_of.items():
        mine = [words[g] for g in by_meeting[own] if g != f]
        if not mine:
            continue
        # every other meeting of the same two principals, one duel at a time (a weekday
        # leaves one or two candidates in practice)
        for other in by_meeting:
            if other == own or len(people[other] & people[own]) < 2:
                continue
            n += 1
            reports = {own: mine, other: [words[g] for g in by_meeting[other]]}
            common = frozenset.intersection(*(frozenset().union(*v) for v in reports.values()))
            scored = sorted(((merge.content_score(words[f], reports[k], common), k)
                             for k in reports), reverse=True)
            (best, top), (second, _) = scored
            if len(words[f] - common) < merge.CONTENT_WORDS_MIN:
                best = 0.0  # too few words of its own to say anything (pick_by_content)
            for fl in floors:
                for m in margins:
                    if best < fl or best < m * second:
                        tally[(fl, m)]["apart"] += 1
                    else:
                        tally[(fl, m)]["right" if top == own else "wrong"] += 1
    print(f"{n} duels: a report between its own meeting and another of the same people")
    for fl in floors:
        for m in margins:
            t = tally[(fl, m)]
            used = m == merge.CONTENT_MARGIN and fl == merge.CONTENT_MIN
            mark = "  <- used" if used else ""
            print(f"  floor {fl:<4} margin {m:<4}: right {t['right']}, wrong {t['wrong']},"
                  f" apart {t['apart']}{mark}")


if __name__ == "__main__":
    main()
