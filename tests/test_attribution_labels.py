"""Attribution and meetings held to hand labels: the seeds (all of it) and a White House sample.

Run with `-s` to see the accuracy lines:
    .venv/bin/pytest tests/test_attribution_labels.py -q -s
Articles are built here from clean paragraphs, independent of the readers.
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from bot.analysis.attribution import attribute
from bot.analysis.meeting_facts import extract_meeting
from bot.analysis.sentences import split_sentences
from bot.models import Article, MeetingInfo, Statement
from bot.registry.people import default_registry

FIXTURES = Path(__file__).parent / "fixtures"
LABELS = FIXTURES / "labels"
NOT_A_STATEMENT = "-"
UNCLEAR = "?"


def wh_article(row: dict[str, str]) -> Article:
    """A White House readout: hard-wrapped lines, blank-line paragraphs, closing "###"."""
    paras = []
    for block in re.split(r"\n[ \t]*\n", row["text"]):
        text = " ".join(block.split())
        if text and text != "###":
            paras.append(text)
    return Article(source=row["path"], title=row["title"], paragraphs=paras,
                   outlet="White House", published=date.fromisoformat(row["date"]),
                   url=row["source_url"])


def seed_articles() -> dict[str, Article]:
    rows = json.loads((LABELS / "seed_articles.json").read_text())
    return {r["source"]: Article(source=r["source"], title=r["title"], paragraphs=r["paragraphs"],
                                 outlet=r["outlet"], published=date.fromisoformat(r["published"]))
            for r in rows}


def expected_speakers(spec: str, names: dict[str, str]) -> list[list[str | None]]:
    """"Wang | N both" -> [["Wang Yi"], [None, "both"]]."""
    out: list[list[str | None]] = []
    for para in spec.split("|"):
        row: list[str | None] = []
        for tok in para.split():
            if tok == "N":
                row.append(None)
            elif tok in ("both", NOT_A_STATEMENT, UNCLEAR):
                row.append(tok)
            else:
                row.append(names.get(tok, tok.replace("_", " ")))
        out.append(row)
    return out


def score(article: Article, statements: list[Statement], spec: str,
          names: dict[str, str]) -> tuple[int, int, list[str]]:
    """(right, scored, mistakes) of one article against its labels."""
    got = {(s.paragraph, s.sentence): s for s in statements}
    expected = expected_speakers(spec, names)
    assert len(expected) == len(article.paragraphs), f"{article.source}: paragraph count"
    right = scored = 0
    mistakes = []
    for pi, (para, labels) in enumerate(zip(article.paragraphs, expected, strict=True)):
        sents = split_sentences(para)
        # the dateline is not a sentence of its own; statements skip it either way
        assert len(sents) == len(labels), f"{article.source} p{pi}: {len(sents)} sentences"
        for si, want in enumerate(labels):
            st = got.get((pi, si))
            if want == UNCLEAR:
                continue
            scored += 1
            if want == NOT_A_STATEMENT:
                ok = st is None
                shown = "a statement" if st else "-"
            else:
                have = st.speaker if st else None
                ok = have == want
                shown = f"{have} ({st.rule if st else 'dropped'})"
            right += ok
            if not ok:
                mistakes.append(f"{article.source} {pi}.{si}: want {want}, got {shown}: "
                                f"{sents[si][:80]}")
    return right, scored, mistakes


def check_meeting(meeting: MeetingInfo, label: dict[str, object]) -> list[str]:
    problems = []
    if str(meeting.event_date) != label["date"]:
        problems.append(f"date {meeting.event_date} != {label['date']} ({meeting.date_reason})")
    if meeting.format != label["format"]:
        problems.append(f"format {meeting.format} != {label['format']}")
    if (meeting.location or "") != label["location"]:
        problems.append(f"location {meeting.location!r} != {label['location']!r}")
    names = sorted(p.name for p in meeting.participants)
    if names != sorted(label["participants"]):  # type: ignore[arg-type]
        problems.append(f"participants {names} != {sorted(label['participants'])}")  # type: ignore[arg-type]
    if "occasion" in label and (meeting.occasion or "") != label["occasion"]:
        problems.append(f"occasion {meeting.occasion!r} != {label['occasion']!r}")
    return problems


SEEDS = tomllib.loads((LABELS / "seeds.toml").read_text())
WH = tomllib.loads((LABELS / "wh_sample.toml").read_text())
WH_ROWS = [json.loads(line) for line in (FIXTURES / "wh_sample.jsonl").open(encoding="utf-8")]


@pytest.mark.parametrize("label", SEEDS["seed"], ids=lambda s: s["source"][:3])
def test_seed_meeting_matches_labels(label: dict[str, object]) -> None:
    article = seed_articles()[label["source"]]  # type: ignore[index]
    meeting = extract_meeting(article, default_registry())
    assert check_meeting(meeting, label) == []
    assert {p.name: p.side for p in meeting.participants}["Wang Yi"] == "china"


@pytest.mark.parametrize("label", SEEDS["seed"], ids=lambda s: s["source"][:3])
def test_seed_speakers_all_right(label: dict[str, object]) -> None:
    article = seed_articles()[label["source"]]  # type: ignore[index]
    reg = default_registry()
    statements = attribute(article, extract_meeting(article, reg), reg)
    right, scored, mistakes = score(article, statements, label["speakers"],  # type: ignore[arg-type]
                                    SEEDS["names"])
    print(f"seed {label['source']}: speaker {right}/{scored}")
    assert mistakes == []


def test_seed_sides_follow_speakers() -> None:
    reg = default_registry()
    for article in seed_articles().values():
        for st in attribute(article, extract_meeting(article, reg), reg):
            want = {"Wang Yi": "china", "both": "both", None: None}.get(st.speaker, "south_korea")
            assert st.side == want, (st.speaker, st.side, st.text)


def test_wh_sample_meetings() -> None:
    reg = default_registry()
    problems = []
    for label in WH["readout"]:
        row = WH_ROWS[label["n"]]
        meeting = extract_meeting(wh_article(row), reg)
        problems += [f"#{label['n']} {row['title'][:60]}: {p}"
                     for p in check_meeting(meeting, label)]
    fields = 4 * len(WH["readout"])
    print(f"WH sample meetings: {fields - len(problems)}/{fields} fields right")
    for p in problems:
        print("  ", p)
    assert problems == []


def test_wh_sample_speakers_at_least_95_percent() -> None:
    reg = default_registry()
    right = scored = 0
    mistakes: list[str] = []
    for label in WH["readout"]:
        article = wh_article(WH_ROWS[label["n"]])
        statements = attribute(article, extract_meeting(article, reg), reg)
        r, s, m = score(article, statements, label["speakers"], WH["names"])
        right, scored = right + r, scored + s
        mistakes += m
    print(f"WH sample speakers: {right}/{scored} = {right / scored:.3f}")
    for m in mistakes:
        print("  ", m)
    assert scored >= 200
    assert right / scored >= 0.95


HOLDOUT = tomllib.loads((LABELS / "wh_holdout.toml").read_text())
HOLDOUT_ROWS = {r["path"]: r for r in (json.loads(line) for line in
                                       (LABELS / "wh_holdout.jsonl").open(encoding="utf-8"))}


def test_wh_holdout_speakers_and_meetings() -> None:
    """Labelled before the code saw these texts; kept as a regression check afterwards."""
    reg = default_registry()
    right = scored = 0
    problems: list[str] = []
    for label in HOLDOUT["readout"]:
        article = wh_article(HOLDOUT_ROWS[label["path"]])
        meeting = extract_meeting(article, reg)
        problems += [f"{label['path'][-60:]}: {p}" for p in check_meeting(meeting, label)]
        r, s, m = score(article, attribute(article, meeting, reg), label["speakers"],
                        HOLDOUT["names"])
        right, scored = right + r, scored + s
        problems += m
    print(f"WH holdout speakers: {right}/{scored} = {right / scored:.3f}")
    for p in problems:
        print("  ", p)
    assert right / scored >= 0.95
    assert not [p for p in problems if ": want " not in p]  # meeting fields all right
