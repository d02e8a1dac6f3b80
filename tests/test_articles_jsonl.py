"""JSON Lines archives: fields and their aliases, hard-wrapped text, partial rejects."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.articles.read import read_path, read_path_detailed
from bot.errors import ArticleError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"


def write_jsonl(path: Path, *lines: object) -> Path:
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    return path


def test_white_house_sample_hard_wrapped_with_end_mark() -> None:
    result = read_path_detailed(FIXTURES / "wh_sample.jsonl")
    assert result.rejected == []
    sullivan, saudi, melania = result.articles
    assert sullivan.source == sullivan.url
    assert sullivan.url is not None and sullivan.url.startswith("https://")
    assert sullivan.published == date(2023, 10, 27)  # from the `date` field
    assert sullivan.paragraphs == [
        "National Security Advisor Jake Sullivan met today with People\u2019s Republic of China "
        "Director of the Office of the Foreign Affairs Commission and Foreign Minister Wang Yi "
        "in Washington, D.C.",
        "National Security Advisor Sullivan and Director Wang had candid, constructive, and "
        "substantive discussions on key issues in the U.S.-China bilateral relationship, the "
        "Israel-Hamas conflict, Russia\u2019s war against Ukraine, and cross-Strait issues, "
        "among other topics.",
        "National Security Advisor Sullivan discussed concerns over China\u2019s dangerous and "
        "unlawful actions in the South China Sea. He raised the importance of peace and "
        "stability across the Taiwan Strait.",
        "The two sides reaffirmed their desire to maintain this strategic channel of "
        "communication and to pursue additional high-level diplomacy, including working "
        "together towards a meeting between President Biden and President Xi Jinping in San "
        "Francisco in November.",
        "National Security Advisor Sullivan expressed his condolences on the passing of former "
        "Premier Li Keqiang.",
    ]
    # one wrapped paragraph with no blank lines stays one paragraph
    assert len(saudi.paragraphs) == 1
    assert saudi.paragraphs[0].startswith("On Wednesday, President Donald J. Trump held his "
                                          "first foreign leader call with Crown Prince")
    # a place-only dateline, Markdown links and emphasis reduced to their text
    assert melania.dateline == "WASHINGTON, D.C."
    assert melania.paragraphs[0].startswith("Today, First Lady Melania Trump")
    assert "S.146/H.R.633, the Take It Down Act." in melania.paragraphs[0]
    assert not any("](" in p or "###" in p for p in melania.paragraphs)


def test_fields_aliases_and_names(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl",
        {"title": "With url", "text": "Body one.", "url": "https://x.example/1",
         "published": "2024-05-01", "outlet": "Yonhap"},
        {"title": "Source url", "text": "Body two.", "source_url": "https://x.example/2",
         "date": "May 2, 2024"},
        {"title": "Named by title", "text": "BEIJING, May 3 (Xinhua) -- Body three."},
    )
    first, second, third = read_path(path)
    assert (first.source, first.url, first.published, first.outlet) == (
        "https://x.example/1", "https://x.example/1", date(2024, 5, 1), "Yonhap")
    assert (second.source, second.published) == ("https://x.example/2", date(2024, 5, 2))
    assert (third.source, third.url, third.outlet, third.dateline) == (
        "Named by title", None, "Xinhua", "BEIJING, May 3")
    assert third.paragraphs == ["Body three."]


def test_bad_lines_reported_with_numbers_and_rest_read(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "mixed.jsonl",
        {"title": "Good", "text": "Good body."},
        "{not json",
        {"title": "No text"},
        "",
        ["a", "list"],
        {"title": "Empty text", "text": "   "},
        {"title": "Also good", "text": "Another body."},
    )
    result = read_path_detailed(path)
    assert [a.title for a in result.articles] == ["Good", "Also good"]
    where = [w for w, _ in result.rejected]
    assert where == ["mixed.jsonl:2", "mixed.jsonl:3", "mixed.jsonl:5", "mixed.jsonl:6"]
    reasons = [r for _, r in result.rejected]
    assert reasons[0].startswith("line 2: invalid JSON")
    assert reasons[1] == "line 3: no text field"
    assert reasons[2] == "line 5: expected a JSON object, got list"
    assert all("\n" not in r for r in reasons)
    # the plain contract still returns the good ones
    assert [a.title for a in read_path(path)] == ["Good", "Also good"]


def test_archive_with_no_readable_line_is_rejected(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", "{oops", {"title": "x"})
    with pytest.raises(ArticleError, match=r"^no readable article in 2 line\(s\); first: line 1"):
        read_path(path)


def test_invalid_utf8_line_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(b'{"title": "ok", "text": "fine."}\n{"title": "\xff\xfe", "text": "x"}\n')
    result = read_path_detailed(path)
    assert len(result.articles) == 1
    assert result.rejected == [("enc.jsonl:2", "line 2: not UTF-8")]
