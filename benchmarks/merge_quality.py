"""Merge quality on labelled real reports: meetings, sides, dates, formats, comparisons.

Indexes the `.txt` files of a labelled directory (as a user saving pages would: no URL, no
outlet field) into a fresh store and scores the result against its `manifest.jsonl` (one line
a file: file, meeting_key, event_date, side, format, ...), the label set written before tuning:

- meetings -> records: wrong splits (a labelled meeting in several records) and wrong merges
  (a record holding files of several labelled meetings);
- side right per report, event date right per report (the date of the meeting record it is
  in: what `readout meetings` shows for it), format right per report (likewise the record's:
  a report that names no format is stored as `unstated` and shows its meeting's);
- comparison shown: for every labelled meeting with reports of two sides, whether the record
  holding most of its files shows two of them side by side (`readout meeting`);
- attribution, where labelled: `--attribution FILE` (JSON Lines: file, text (a substring of the
  sentence), speaker (expected name, or null for no meeting speaker)).

The real texts stay outside the repository. Run against another checkout's code (the BEFORE
numbers) with READOUT_CODE=/path/to/checkout.

Run: .venv/bin/python benchmarks/merge_quality.py /work/realdata [/work/realdata2 ...] [-v]
     [--only cn-kr]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, os.environ.get("READOUT_CODE") or str(Path(__file__).resolve().parent.parent))

from bot.lookups import readouts
from bot.pipeline.ingest import index_sources
from bot.store import Store

FORMATS = {"video call": "video_call", "phone call": "phone_call", "video": "video_call",
           "call": "phone_call",  # a label of round 14 (a call of no stated kind: by phone)
           "phone": "phone_call", "meeting": "meeting", "message": "message"}


def load_manifest(root: Path) -> list[dict[str, Any]]:
    rows = []
    for line in (root / "manifest.jsonl").read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            if (root / row["file"]).is_file() and row["file"].endswith(".txt"):
                rows.append(row)
    return rows


def score(roots: list[Path], attribution: Path | None, verbose: bool,
          only: str = "") -> dict[str, Any]:
    labels: dict[str, dict[str, Any]] = {}
    for root in roots:
        for row in load_manifest(root):
            if only in row["meeting_key"]:
                labels[str((root / row["file"]).resolve())] = row
    with tempfile.TemporaryDirectory() as tmp:
        # One flat folder of uniquely named files, as a user saving pages would have (and
        # the same for every version of the code: older ones store only a file's name).
        folder = Path(tmp) / "saved"
        folder.mkdir()
        flat = {}
        for f in sorted(labels):
            name = labels[f]["meeting_key"] + "__" + Path(f).name
            shutil.copyfile(f, folder / name)
            flat[name] = f
        store = Store(Path(tmp) / "q.db")
        report = index_sources(store, [str(folder)], workers=1)
        for where, why in report.rejected:
            print(f"rejected {where}: {why}", file=sys.stderr)
        got: dict[str, dict[str, Any]] = {}
        for r in store.conn.execute(
            "SELECT a.source, a.side, m.event_date, m.format, a.meeting_id FROM articles a"
            " JOIN meetings m ON m.id = a.meeting_id"
        ).fetchall():
            got[flat[Path(r["source"]).name]] = dict(r)
        for r in store.conn.execute(
            "SELECT ac.source, ac.side, m.event_date, m.format, a.meeting_id"
            " FROM article_copies ac JOIN articles a ON a.id = ac.article_id"
            " JOIN meetings m ON m.id = a.meeting_id"
        ).fetchall():
            got[flat[Path(r["source"]).name]] = dict(r)
        by_key: dict[str, list[str]] = defaultdict(list)
        for f, lab in labels.items():
            by_key[lab["meeting_key"]].append(f)
        records: dict[str, set[str]] = defaultdict(set)
        for f, g in got.items():
            if f in labels:
                records[g["meeting_id"]].add(labels[f]["meeting_key"])
        splits = sum(len({got[f]["meeting_id"] for f in fs if f in got}) - 1
                     for fs in by_key.values())
        merges = sum(len(keys) - 1 for keys in records.values())
        # (a file whose text another file of the set repeats byte for byte is one article,
        # stored once: it has no row of its own)
        one_record = sum(1 for fs in by_key.values()
                         if len(mids := {got[f]["meeting_id"] for f in fs if f in got}) == 1
                         and len(records[next(iter(mids))]) == 1)
        side_ok = sum(1 for f, lab in labels.items()
                      if f in got and (got[f]["side"] or "unknown") == lab["side"])
        # a government's own report (its ministry, its state or national media) must get that
        # government's side; a wire or aggregator labelled `unknown` is counted apart (Readout
        # gives one the side of the account it says it relays, which a label may not)
        gov = [f for f, lab in labels.items() if lab["side"] != "unknown"]
        gov_ok = sum(1 for f in gov if f in got and got[f]["side"] == labels[f]["side"])
        date_ok = sum(1 for f, lab in labels.items()
                      if f in got and got[f]["event_date"] == lab["event_date"])
        fmt_ok = sum(1 for f, lab in labels.items()
                     if f in got and got[f]["format"] == FORMATS.get(lab["format"], lab["format"]))
        two_sided = compared = 0
        details: list[str] = []
        for key, fs in sorted(by_key.items()):
            # governments' sides only: a wire or aggregator labelled `unknown` is no side
            # of the comparison (a meeting with one government's report and a Reuters story
            # has nothing to put side by side)
            sides = {labels[f]["side"] for f in fs} - {"unknown"}
            mids = Counter(got[f]["meeting_id"] for f in fs if f in got)
            line = f"{key}: {len(mids)} record(s)"
            if len(sides) >= 2:
                two_sided += 1
                mid = mids.most_common(1)[0][0] if mids else None
                result = readouts.compare(store, mid) if mid else {"compared": False,
                                                                    "sides": []}
                # both governments' readouts side by side (a third country's press may
                # also have reported it)
                ok = bool(result["compared"]) and len(sides & set(result["sides"])) >= 2
                compared += ok
                line += f"; compared {'yes' if ok else 'NO'} (sides {result['sides']})"
            details.append(line)
            for f in fs:
                g, lab = got.get(f), labels[f]
                if g is None:
                    details.append(f"   {lab['file']}: NOT INDEXED")
                    continue
                bad = []
                if (g["side"] or "unknown") != lab["side"]:
                    bad.append(f"side {g['side']} (want {lab['side']})")
                if g["event_date"] != lab["event_date"]:
                    bad.append(f"date {g['event_date']} (want {lab['event_date']})")
                if g["format"] != FORMATS.get(lab["format"], lab["format"]):
                    bad.append(f"format {g['format']} (want {lab['format']})")
                details.append(f"   {lab['file']} [{g['meeting_id']}] "
                               + ("; ".join(bad) if bad else "ok"))
        attr = _attribution(store, attribution) if attribution else None
    n = len(labels)
    out = {
        "reports": n, "indexed": len(got), "rejected": len(report.rejected),
        "meetings": len(by_key), "records": len(records), "one_record": one_record,
        "wrong_splits": splits, "wrong_merges": merges,
        "side_right": side_ok, "gov_reports": len(gov), "gov_side_right": gov_ok,
        "date_right": date_ok, "format_right": fmt_ok,
        "two_sided_meetings": two_sided, "compared": compared,
    }
    if attr is not None:
        out["attribution_right"], out["attribution_labelled"] = attr
    if verbose:
        print("\n".join(details))
    return out


def _attribution(store: Store, path: Path) -> tuple[int, int]:
    right = total = 0
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        lab = json.loads(line)
        rows = store.conn.execute(
            "SELECT ss.text, ss.speaker FROM statement_sources ss JOIN articles a"
            " ON a.id = ss.article_id WHERE a.source LIKE ?",
            ("%" + lab["file"].replace("/", "__"),)).fetchall()
        hit = next((r for r in rows if lab["text"] in r["text"]), None)
        total += 1
        if hit is None:  # the sentence is no statement: right only if it should have no speaker
            right += lab["speaker"] is None
            continue
        right += (hit["speaker"] or None) == lab["speaker"]
    return right, total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--attribution", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--only", default="", help="meetings whose key contains this (cn-kr)")
    args = ap.parse_args()
    res = score(args.dirs, args.attribution, args.verbose, args.only)
    print(f"code: {os.environ.get('READOUT_CODE') or 'this checkout'}")
    print(f"reports {res['reports']} (indexed {res['indexed']}, rejected {res['rejected']})")
    print(f"meetings {res['meetings']} -> records {res['records']}: one record each"
          f" {res['one_record']}/{res['meetings']}, wrong splits {res['wrong_splits']},"
          f" wrong merges {res['wrong_merges']}")
    print(f"side right {res['side_right']}/{res['reports']} (governments' own reports"
          f" {res['gov_side_right']}/{res['gov_reports']}), event date right"
          f" {res['date_right']}/{res['reports']}, format right {res['format_right']}/"
          f"{res['reports']}")
    print(f"comparison shown {res['compared']}/{res['two_sided_meetings']} meetings with both"
          " sides' reports")
    if "attribution_right" in res:
        print(f"attribution right {res['attribution_right']}/{res['attribution_labelled']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
