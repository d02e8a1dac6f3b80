"""The benchmark corpus generator is deterministic and produces both shapes of article."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import corpus_gen


def test_same_n_same_bytes(tmp_path: Path) -> None:
    a = corpus_gen.generate(12, tmp_path / "a")
    b = corpus_gen.generate(12, tmp_path / "b")
    files_a = sorted(p.relative_to(a) for p in a.rglob("*.*") if p.name != ".complete")
    assert [p.suffix for p in files_a].count(".html") == 6
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*.*") if p.name != ".complete")
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes()


def test_counterpart_and_weekday_follow_the_event_date(tmp_path: Path) -> None:
    seeds = corpus_gen.load_seeds()
    for i in range(40):
        art = corpus_gen.make_article(i, seeds)
        body = " ".join(art["paragraphs"])
        others = {"Park Jin", "Cho Tae-yul", "Cho Hyun"} - {art["counterpart"]}
        assert not any(name in body for name in others), (i, art["counterpart"])
        day = art["event_date"]
        lead = art["paragraphs"][0]
        assert re.match(rf"[A-Z ]+, \S+ {day.day} \((Xinhua|CGTN)\) -- ", lead), lead


def test_html_has_page_furniture_around_the_article(tmp_path: Path) -> None:
    out = corpus_gen.generate(2, tmp_path / "c")
    page = next(out.rglob("*.html")).read_text()
    for part in ("<nav", "share-bar", "RELATED STORIES", "<footer", "<figcaption"):
        assert part in page
    ld = json.loads(re.search(r'ld\+json">(.*?)</script>', page).group(1))
    assert ld["@type"] == "NewsArticle" and ld["datePublished"]
