"""Which way of finding formulations agrees best with an analyst? Measured on the labels of
benchmarks/labels/digest_quality.toml (real readouts, /work/realdata, not in the repo).

    .venv/bin/python benchmarks/formulation_methods.py [--realdata DIR] [--top 12]

For every meeting and side, the text of that side's statements (as the digest groups them) goes
through each method; a listed phrase counts as a real formulation when it holds every content
word of one labelled wording and at most two more (digest_quality.matches). Printed per method:
phrases listed, precision (real / listed), recall (labelled formulations found), and F1.

Methods:
- `rules`: digests.phrases.extract without the registry (runs, clause edges, quotes), filtered
  by digests.strength.score (filler out);
- `rules+registry`: the same with the shipped registry of standard formulations (what Readout
  uses); the registry was written knowing these readouts, so this row is optimistic;
- `yake`: YAKE keyphrases (n ≤ 4), the top N per side and meeting — a statistical keyphrase
  extractor with no model to download (pip install yake);
- `nltk-collocations`: word pairs and triples that NLTK's collocation finders rank as
  collocations (likelihood ratio) over the White House corpus plus these readouts, found in the
  side's text (pip install nltk; no data download needed).
Methods whose package is missing are skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import digest_quality as dq  # noqa: E402

WH = Path(os.environ.get("READOUT_WH_CORPUS", "/work/shared/corpus/wh_readouts.jsonl"))


def side_texts(realdata: Path, labels: dict[str, Any]) -> dict[tuple[str, str], list[str]]:
    """(meeting, side) -> the side's statements, from a digest run's store."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "m.db"
        dq.run_digests(realdata, labels, keep=db)
        from bot.store import Store

        store = Store(db)
        dates = {m["key"]: m["key"][:10] for m in labels["meeting"]}
        for key, day in dates.items():
            for r in store.conn.execute(
                "SELECT s.side, s.text FROM statements s JOIN meetings m ON m.id = s.meeting_id"
                " WHERE m.event_date BETWEEN ? AND date(?, '+1 day')", (day, day)):
                if r[0] in dq.SIDES:
                    out[(key, r[0])].append(r[1])
        store.close()
    return out


def rules_method(registry: bool) -> Any:
    from digests import formulations, phrases, strength

    def run(texts: list[str], _top: int) -> list[str]:
        found: dict[str, str] = {}
        quoted: set[str] = set()
        for t in texts:
            found.update(phrases.extract(t))
            quoted |= set(phrases.quoted(t))
        keep = [v for k, v in found.items()
                if strength.score(k, v, quoted_keys=frozenset(quoted)).score >= 1.0]
        return keep

    def wrapped(texts: list[str], top: int) -> list[str]:
        if registry:
            return run(texts, top)
        saved = os.environ.get("READOUT_FORMULATIONS")
        ids = list(formulations.default_registry().entries)
        path = Path(os.environ.get("TMPDIR", "/tmp")) / "no-registry.toml"
        path.write_text("".join(f"[formulation.{i}]\ndisabled = true\n" for i in ids))
        os.environ["READOUT_FORMULATIONS"] = str(path)
        formulations.default_registry.cache_clear()
        try:
            return run(texts, top)
        finally:
            if saved is None:
                os.environ.pop("READOUT_FORMULATIONS", None)
            else:
                os.environ["READOUT_FORMULATIONS"] = saved
            formulations.default_registry.cache_clear()

    return wrapped


def yake_method() -> Any:
    import yake

    extractor = yake.KeywordExtractor(lan="en", n=4, top=40, dedupLim=0.7)

    def run(texts: list[str], top: int) -> list[str]:
        return [k for k, _s in extractor.extract_keywords(" ".join(texts))[:top]]

    return run


def nltk_method(realdata: Path) -> Any:
    from nltk.collocations import (
        BigramAssocMeasures,
        BigramCollocationFinder,
        TrigramAssocMeasures,
        TrigramCollocationFinder,
    )

    words: list[str] = []
    if WH.exists():
        for line in WH.read_text(encoding="utf-8").splitlines():
            words += re.findall(r"[a-z][a-z\-']+", json.loads(line).get("text", "").lower())
            words.append("<s>")
    for f in (realdata / "reports").rglob("*.txt"):
        words += re.findall(r"[a-z][a-z\-']+", f.read_text(encoding="utf-8").lower())
        words.append("<s>")
    stop = {"the", "a", "an", "of", "and", "to", "in", "on", "for", "with", "that", "is", "are",
            "was", "were", "be", "by", "as", "at", "he", "she", "it", "its", "his", "their",
            "said", "<s>", "from", "this", "will", "would", "has", "have", "also"}
    bi = BigramCollocationFinder.from_words(words)
    bi.apply_freq_filter(3)
    bi.apply_word_filter(lambda w: w in stop)
    tri = TrigramCollocationFinder.from_words(words)
    tri.apply_freq_filter(3)
    tri.apply_word_filter(lambda w: w in stop)
    colloc = {" ".join(g) for g in bi.nbest(BigramAssocMeasures.likelihood_ratio, 4000)}
    colloc |= {" ".join(g) for g in tri.nbest(TrigramAssocMeasures.likelihood_ratio, 4000)}

    def run(texts: list[str], top: int) -> list[str]:
        text = " ".join(re.findall(r"[a-z][a-z\-']+", " ".join(texts).lower()))
        return [c for c in colloc if f" {c} " in f" {text} "]

    return run


def score(method: Any, cases: dict[tuple[str, str], list[str]], labels: dict[str, Any],
          top: int) -> tuple[int, int, int, int]:
    listed = real = found = total = 0
    by_key = {m["key"]: m for m in labels["meeting"]}
    for (key, side), texts in cases.items():
        forms = by_key[key].get("formulations", {}).get(side, [])
        if not forms:
            continue
        got = method(texts, top)
        listed += len(got)
        real += sum(1 for p in got if any(dq.matches(p, f) == "real" for f in forms))
        total += len(forms)
        found += sum(1 for f in forms if any(dq.matches(p, f) == "real" for p in got))
    return listed, real, found, total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--realdata", type=Path, default=dq.DEFAULT_REALDATA)
    ap.add_argument("--labels", type=Path, default=dq.DEFAULT_LABELS)
    ap.add_argument("--top", type=int, default=12, help="phrases per side and meeting (yake)")
    args = ap.parse_args(argv)
    if not (args.realdata / "manifest.jsonl").exists():
        print(f"skipped: no real readouts at {args.realdata}")
        return 0
    labels = tomllib.loads(args.labels.read_text(encoding="utf-8"))
    cases = side_texts(args.realdata, labels)
    methods: list[tuple[str, Any]] = [("rules", rules_method(False)),
                                      ("rules+registry", rules_method(True))]
    for name, make in (("yake", yake_method), ("nltk-collocations",
                                               lambda: nltk_method(args.realdata))):
        try:
            methods.append((name, make()))
        except ImportError as exc:
            print(f"{name}: skipped ({exc.name} not installed)")
    print("| method | listed | precision | recall | F1 |\n|---|---|---|---|---|")
    for name, method in methods:
        listed, real, found, total = score(method, cases, labels, args.top)
        p = real / listed if listed else 0.0
        r = found / total if total else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| {name} | {listed} | {p:.2f} ({real}/{listed}) | {r:.2f} ({found}/{total}) |"
              f" {f1:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
