"""Bad input: every case gets a one-line ArticleError reason, or is read with a stated policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.articles.read import MAX_BYTES, SUFFIXES, read_path
from bot.errors import ArticleError

BODY = "Title line\n\nThe ministers met on Monday and agreed to meet again.\n"


def reject_reason(path: Path) -> str:
    with pytest.raises(ArticleError) as info:
        read_path(path)
    reason = str(info.value)
    assert reason and "\n" not in reason
    return reason


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert reject_reason(path).startswith("empty file")


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    assert reject_reason(path) == "binary file (contains NUL bytes), not text"


def test_binary_file_of_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "blob.html"
    path.write_bytes(bytes(range(1, 32)) * 400)
    assert reject_reason(path).startswith("binary file")


def test_cp1252_file_is_detected_and_read(tmp_path: Path) -> None:
    text = ("Minister\u2019s visit\n\nThe minister\u2019s caf\u00e9 visit in S\u00e9oul was "
            "\u201cconstructive\u201d, officials said \u2014 and both sides agreed to meet "
            "again soon.\n")
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    [article] = read_path(path)
    assert article.title == "Minister\u2019s visit"
    assert article.paragraphs[0].startswith("The minister\u2019s caf\u00e9 visit in S\u00e9oul "
                                            "was \u201cconstructive\u201d")


def test_utf8_with_a_few_bad_bytes_is_read_with_replacement(tmp_path: Path) -> None:
    good = ("Talks in Seoul\n\n" + "The minister\u2019s caf\u00e9 visit was constructive. " * 20
            + "\n\nOfficials said both sides would meet again.\n")
    data = good.encode("utf-8").replace(b"constructive. The", b"constructive. \xff The", 1)
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    [article] = read_path(path)
    assert "\ufffd" in article.paragraphs[0]
    assert "caf\u00e9" in article.paragraphs[0]  # the good UTF-8 is not re-read as cp1252
    assert article.paragraphs[-1] == "Officials said both sides would meet again."


def test_fifty_megabyte_file_rejected_by_size_before_reading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: nothing is written or read
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("file was read"))
    assert reject_reason(path) == f"file is 50 MB, over the {MAX_BYTES >> 20} MB cap"


def test_html_with_no_article(tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_text("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
                    "<a href='/news'>News</a></nav><footer>Copyright 2024</footer></body></html>")
    assert reject_reason(path) == "no article body found"


def test_text_with_title_only_has_no_body(tmp_path: Path) -> None:
    path = tmp_path / "title.txt"
    path.write_text("Just a title\n\n")
    assert reject_reason(path) == "no article body found"


@pytest.mark.parametrize("name", ["report.pdf", "notes", "page.xml"])
def test_unsupported_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(BODY)
    reason = reject_reason(path)
    assert reason.startswith("unsupported file type")
    assert all(suffix in reason for suffix in SUFFIXES)


def test_never_an_article_without_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "footer_only.txt"
    path.write_text("Title\n\nCopyright \u00a9 2024 Example\n\nRELATED STORIES\n")
    assert reject_reason(path) == "no article body found"
