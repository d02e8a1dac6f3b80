"""Order independence: the same files give the same meetings and statements in any order.

Indexes one corpus into fresh stores: in sorted order (the reference), in shuffled orders, and
by two processes at once (each half of a shuffled order, concurrently, into one store). Each
result is `readout meetings --json` and `readout export` with the store-internal row number
(`sid`) left out and export lines sorted by id; every run must equal the reference exactly
(meeting ids, event dates, participants, sources and their sides and reasons, statement ids,
texts, speakers, sources). Prints one line per run and the meeting count of each.

    .venv/bin/python benchmarks/order_check.py seeds /work/shared/corpus/wh_readouts.jsonl
    .venv/bin/python benchmarks/corpus_gen.py 10000 --out /tmp/c10k
    .venv/bin/python benchmarks/order_check.py /tmp/c10k --orders 2

A `.jsonl` archive is split into one file per line (named by line number), so its articles
are shuffled too. Exit status 1 when any run differs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("READOUT_CODE") or str(ROOT))

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")


def units(sources: list[Path], tmp: Path) -> list[Path]:
    """The files to index, one article each where the corpus allows (archives split)."""
    out: list[Path] = []
    for src in sources:
        files = sorted(p for p in src.rglob("*") if p.is_file()) if src.is_dir() else [src]
        for f in files:
            if f.suffix.lower() not in SUFFIXES:
                continue
            if f.suffix.lower() != ".jsonl":
                out.append(f)
                continue
            part = tmp / f"split-{f.stem}"
            part.mkdir(exist_ok=True)
            for i, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
                if line.strip():
                    one = part / f"{f.stem}-{i:05d}.jsonl"
                    one.write_text(line + "\n", encoding="utf-8")
                    out.append(one)
    return out


def stored_as(f: Path, sources: list[Path]) -> str:
    """The name a file is stored under, as `readout index FOLDER` would store it (its path
    inside the folder given), whichever files share a run: a file named one by one keeps only
    its file name, so two halves of a corpus indexed at once would store two "xinhua.txt"
    under one name, a difference of how they were named, not of order."""
    for src in sources:
        if src.is_dir() and f.is_relative_to(src):
            return f.relative_to(src).as_posix()
    return f.name


def worker(db: str, listing: str) -> int:
    """Index the files named in `listing`, in that order, into `db` (one process)."""
    from bot.pipeline.analyse import FoundPath
    from bot.pipeline.ingest import index_sources
    from bot.store import Store

    files = []
    for line in Path(listing).read_text().splitlines():
        path, _, name = line.partition("\t")
        found = FoundPath(path)
        found.stored_as = name or Path(path).name
        files.append(found)
    report = index_sources(Store(db), files, workers=1)
    return 1 if any(r.startswith("internal error") for _, r in report.rejected) else 0


def _index(db: Path, groups: list[list[Path]], names: dict[Path, str]) -> None:
    """Index each group of files in its own process, all at once (into a store and search
    index created before, as in a deployment)."""
    from bot.search import sync_index
    from bot.store import Store

    store = Store(db)
    sync_index(store)
    store.close()
    procs = []
    for i, files in enumerate(groups):
        listing = db.with_suffix(f".{i}.list")
        listing.write_text("\n".join(f"{f}\t{names[f]}" for f in files))
        procs.append(subprocess.Popen([sys.executable, __file__, "--worker", str(db),
                                       str(listing)], env=_env()))
    codes = [p.wait() for p in procs]
    if any(codes):
        raise SystemExit(f"indexing failed in {db}: exit statuses {codes}")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.environ.get("READOUT_CODE") or str(ROOT)
    return env


def snapshot(db: Path) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    def cli(*args: str) -> list[dict[str, object]]:
        out = subprocess.run([sys.executable, "-m", "bot.cli", "--db", str(db), *args],
                             check=True, capture_output=True, text=True, env=_env()).stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    meetings = cli("meetings", "--json")
    export = cli("export")
    for s in export:
        s.pop("sid", None)
    return meetings, sorted(export, key=lambda s: str(s["id"]))


def first_difference(a: list[dict[str, object]], b: list[dict[str, object]]) -> str:
    if len(a) != len(b):
        return f"{len(a)} vs {len(b)} lines"
    for x, y in zip(a, b, strict=True):
        if x != y:
            keys = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
            return f"line {x.get('id')}: {', '.join(keys)} differ"
    return "same"


def differences(a: list[dict[str, object]], b: list[dict[str, object]],
                limit: int = 3) -> list[str]:
    """The first differing lines, value by value (to find what depends on the order)."""
    out = []
    for x, y in zip(a, b, strict=False):
        if x == y:
            continue
        for k in sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k)):
            out.append(f"    {x.get('id')} {k}:\n      this run: {json.dumps(x.get(k))[:900]}"
                       f"\n      reference: {json.dumps(y.get(k))[:900]}")
        if len(out) >= limit:
            break
    return out


def check(sources: list[Path], orders: int, concurrent: int) -> bool:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        files = units(sources, tmp)
        names = {f: stored_as(f, sources) for f in files}
        runs: list[tuple[str, list[list[Path]]]] = [("sorted", [files])]
        for k in range(orders):
            shuffled = files[:]
            random.Random(k + 1).shuffle(shuffled)
            runs.append((f"shuffled #{k + 1}", [shuffled]))
        if concurrent > 1:
            shuffled = files[:]
            random.Random(99).shuffle(shuffled)
            runs.append((f"{concurrent} concurrent processes",
                         [shuffled[i::concurrent] for i in range(concurrent)]))
        print(f"{len(files)} files from {', '.join(map(str, sources))}")
        reference = None
        ok = True
        for n, (name, groups) in enumerate(runs):
            db = tmp / f"run{n}.db"
            start = time.perf_counter()
            _index(db, groups, names)
            took = time.perf_counter() - start
            meetings, export = snapshot(db)
            line = (f"  {name:<24} {len(meetings):>6} meetings {len(export):>7} statements"
                    f"  ({took:.0f} s)")
            if reference is None:
                reference = (meetings, export)
                print(line + "  reference")
                continue
            same_m = meetings == reference[0]
            same_e = export == reference[1]
            ok &= same_m and same_e
            verdict = "identical" if same_m and same_e else (
                f"DIFFERENT (meetings: {first_difference(meetings, reference[0])};"
                f" export: {first_difference(export, reference[1])})")
            print(f"{line}  {verdict}")
            if not same_m:
                print("\n".join(differences(meetings, reference[0])))
        print("order independent: " + ("yes" if ok else "NO"))
        return ok


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        return worker(sys.argv[2], sys.argv[3])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sources", nargs="+", type=Path)
    ap.add_argument("--orders", type=int, default=3, help="shuffled orders (default 3)")
    ap.add_argument("--concurrent", type=int, default=2, help="processes at once (default 2)")
    args = ap.parse_args()
    return 0 if check(args.sources, args.orders, args.concurrent) else 1


if __name__ == "__main__":
    sys.exit(main())
