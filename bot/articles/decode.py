"""Bytes to text, or a one-line reason why the bytes are not text.

Policy (documented for users in the ArticleError messages):
- a byte-order mark wins; then, for HTML, a declared charset that decodes cleanly;
- UTF-8 that decodes cleanly is UTF-8;
- UTF-8 with a few corrupt bytes (at most 1 in 100 of its non-ASCII characters) is read as UTF-8
  with U+FFFD for the bad bytes: re-reading the whole file as cp1252 would garble every good
  character to save a handful of bad ones;
- anything else is handed to charset-normalizer (cp1252, latin-1, Shift-JIS, ...), and refused
  when it cannot name an encoding;
- UTF-16 without a byte-order mark is recognised by its NUL in every other byte;
- other NUL bytes or a text full of control characters mean a binary file.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from bot.errors import ArticleError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# Browsers read these labels as windows-1252 (WHATWG encoding standard); so do we.
_AS_CP1252 = {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1", "l1"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_BAD_UTF8_RATIO = 0.01


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def declared_html_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data, 0, 4096)
    if not match:
        return None
    return _codec(match.group(1).decode("ascii", "replace"))


def _strict_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _lenient_utf8(data: bytes) -> str | None:
    """UTF-8 with a few bad bytes replaced, or None when the bytes are not mostly UTF-8."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if good > 0 and bad <= max(1, good * MAX_BAD_UTF8_RATIO):
        return text
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark (Windows tools do): mostly-ASCII text has a NUL
    in every other byte, on the high side of each code unit. The text must then decode and
    read as text; binary files with NULs at random places do not look like this."""
    sample = data[:65536]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.3 * len(zeros) and other.count(0) <= 0.01 * len(other):
            try:
                return _check_text(data[: len(data) - len(data) % 2].decode(codec))
            except (UnicodeDecodeError, ArticleError):
                return None
    return None


def _check_text(text: str) -> str:
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > len(sample) * 0.05:
        raise ArticleError("binary file (control characters), not text")
    return text


def _codec(label: str) -> str | None:
    label = label.strip().lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, html: bool = False, charset: str | None = None) -> str:
    """Decode an article file; raise ArticleError with the reason when it is not text.

    `charset` is an encoding declared outside the bytes (an HTTP Content-Type header)."""
    if not data.strip():
        raise ArticleError("empty file")
    bom = _bom_encoding(data)
    if bom:
        try:
            return _check_text(data.decode(bom))
        except UnicodeDecodeError as exc:
            raise ArticleError(f"undecodable: starts with a {bom} byte-order mark but is not "
                               f"{bom}") from exc
    if b"\x00" in data[:65536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise ArticleError("binary file (contains NUL bytes), not text")
    declared_outside = _codec(charset) if charset else None
    for declared in (declared_outside, declared_html_charset(data) if html else None):
        if declared == "cp1252" and not data.isascii() and _strict_utf8(data):
            # a "latin-1" label on bytes that are valid UTF-8 is a stale template: cp1252
            # would garble every accented letter, and real cp1252 text is almost never UTF-8
            declared = "utf-8"
        if declared:
            try:
                return _check_text(data.decode(declared))
            except UnicodeDecodeError:
                pass  # a wrong declaration is common; fall through to detection
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    lenient = _lenient_utf8(data)
    if lenient is not None:
        return _check_text(lenient)
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise ArticleError("undecodable: not UTF-8 and no other text encoding fits")
    try:
        return _check_text(data.decode(best.encoding))
    except UnicodeDecodeError:
        # the sample fitted but a later byte does not: keep the text, mark the bad bytes
        return _check_text(data.decode(best.encoding, errors="replace"))
