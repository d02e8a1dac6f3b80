"""Fetching URLs against real local servers: content types, redirects, refusals, caps, timeouts."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.articles import fetch as fetch_module
from bot.articles.feeds import read_feed
from bot.articles.fetch import fetch_url
from bot.errors import ArticleError, FetchError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
NEWS_PAGE = (FIXTURES / "news_page.html").read_bytes()
TEXT = (b"Ministers meet\n\nSEOUL, May 2 (Yonhap) -- The ministers met on Monday and agreed to "
        b"meet again.\n")
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title>
<item><title>One</title><link>https://news.example.com/one</link></item>
<item><title>Two</title><link>https://news.example.com/two</link></item>
<item><title>Two again</title><link>https://news.example.com/two</link></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Example</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>A</title><id>urn:a</id><updated>2024-01-01T00:00:00Z</updated>
<link rel="alternate" href="https://news.example.com/a"/></entry></feed>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def send(self, code: int, body: bytes, ctype: str, extra: dict[str, str] | None = None,
             length: bool = True) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/article.html":
            self.send(200, NEWS_PAGE, "text/html; charset=utf-8")
        elif path == "/legacy.html":
            body = ("<html><body><article><p>" + "Caf\u00e9 talks in S\u00e9oul went well, "
                    "officials said on Monday evening. " * 3 + "</p></article></body></html>")
            self.send(200, body.encode("cp1252"), "text/html; charset=windows-1252")
        elif path == "/plain.txt":
            self.send(200, TEXT, "text/plain")
        elif path == "/feed.xml":
            self.send(200, RSS, "application/rss+xml")
        elif path == "/redirect":
            self.send(302, b"", "text/plain", {"Location": "/article.html"})
        elif path == "/loop":
            self.send(302, b"", "text/plain", {"Location": "/loop"})
        elif path == "/to-metadata":
            self.send(302, b"", "text/plain",
                      {"Location": "http://169.254.169.254/latest/meta-data/"})
        elif path == "/image.png":
            self.send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        elif path == "/big-declared":
            self.send(200, b"x" * 6_000_000, "text/html")
        elif path == "/big-undeclared":
            # no Content-Length: only the streaming cap can stop it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(700):
                    self.wfile.write(b"<p>" + b"y" * 9_997 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/drip":
            # headers at once, then a byte every 0.1 s: no single read times out
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"<p>a</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        else:
            self.send(404, b"not found", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    sock.close()


def test_fetch_html_article(server: str) -> None:
    [article] = fetch_url(f"{server}/article.html", allow_private=True)
    assert article.source == f"{server}/article.html"
    assert article.title == "Wang Yi, Cho Hyun hold talks in Beijing"
    assert article.url == "https://news.example.com/world/2025/09/17/wang-cho-talks"
    assert len(article.paragraphs) == 5


def test_fetch_follows_redirect_and_keeps_requested_url_as_source(server: str) -> None:
    [article] = fetch_url(f"{server}/redirect", allow_private=True)
    assert article.source == f"{server}/redirect"
    assert article.dateline == "BEIJING, Sept. 17"


def test_fetch_plain_text_gets_final_url(server: str) -> None:
    [article] = fetch_url(f"{server}/plain.txt", allow_private=True)
    assert article.url == f"{server}/plain.txt"
    assert article.outlet == "Yonhap"
    assert article.paragraphs == ["The ministers met on Monday and agreed to meet again."]


def test_header_charset_is_used(server: str) -> None:
    [article] = fetch_url(f"{server}/legacy.html", allow_private=True)
    assert article.paragraphs[0].startswith("Caf\u00e9 talks in S\u00e9oul")


def reason(url: str, **kwargs: object) -> str:
    with pytest.raises(FetchError) as info:
        fetch_url(url, **kwargs)  # type: ignore[arg-type]
    text = str(info.value)
    assert text and "\n" not in text
    return text


def test_loopback_refused_by_default(server: str) -> None:
    assert reason(f"{server}/article.html") == "refused: 127.0.0.1 is a loopback address"


@pytest.mark.parametrize("url,why", [
    ("http://10.1.2.3/", "refused: 10.1.2.3 is a private address"),
    ("http://192.168.0.1:8080/x", "refused: 192.168.0.1 is a private address"),
    ("http://169.254.169.254/latest/", "refused: 169.254.169.254 is a link-local address"),
    ("http://[::1]/", "refused: ::1 is a loopback address"),
    ("http://[::ffff:127.0.0.1]/", "refused: 127.0.0.1 is a loopback address"),
    ("http://224.0.0.1/", "refused: 224.0.0.1 is a multicast address"),
    ("http://0.0.0.0/", "refused: 0.0.0.0 is an unspecified address"),
    ("http://localhost/", "refused: "),
    ("file:///etc/passwd", "refused: only http and https URLs, not file"),
    ("ftp://example.com/a.txt", "refused: only http and https URLs, not ftp"),
    ("http:///nohost", "refused: URL has no host"),
])
def test_refusals(url: str, why: str) -> None:
    assert reason(url).startswith(why)


def test_redirect_to_private_address_refused(server: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # the test server counts as public here, so only the redirect hop can be refused
    real = fetch_module._why_not_public

    def loopback_is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
        return None if ip.is_loopback else real(ip)

    monkeypatch.setattr(fetch_module, "_why_not_public", loopback_is_public)
    assert fetch_url(f"{server}/plain.txt")  # the first hop alone is allowed
    assert reason(f"{server}/to-metadata") == \
        "refused: 169.254.169.254 is a link-local address"


def test_redirect_loop(server: str) -> None:
    assert reason(f"{server}/loop", allow_private=True) == "too many redirects (over 5)"


def test_too_large_by_header_and_while_streaming(server: str) -> None:
    assert reason(f"{server}/big-declared", allow_private=True) == "too large: over 5 MB"
    assert reason(f"{server}/big-undeclared", allow_private=True) == "too large: over 5 MB"


def test_server_that_never_answers_times_out(silent_server: str) -> None:
    start = time.monotonic()
    assert reason(silent_server, allow_private=True, timeout=0.5) == "timed out after 0.5 s"
    assert time.monotonic() - start < 3


def test_slow_drip_is_cut_by_the_total_deadline(server: str) -> None:
    start = time.monotonic()
    assert reason(f"{server}/drip", allow_private=True, timeout=0.5) == "timed out after 0.5 s"
    assert time.monotonic() - start < 3


def test_slow_dns_is_inside_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    def hanging_resolver(*args: object, **kwargs: object) -> list[object]:
        time.sleep(2)
        return []

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", hanging_resolver)
    start = time.monotonic()
    assert reason("http://slow.example/", timeout=0.3) == \
        "timed out after 0.3 s resolving slow.example"
    assert time.monotonic() - start < 1.5


def test_http_error_and_unsupported_type(server: str) -> None:
    assert reason(f"{server}/missing", allow_private=True) == "HTTP 404 Not Found"
    assert reason(f"{server}/image.png", allow_private=True) == \
        "unsupported content type image/png"


def test_connection_refused_is_one_line() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    assert reason(f"http://127.0.0.1:{port}/", allow_private=True).startswith("could not fetch")


def test_read_feed_from_bytes_and_url(server: str) -> None:
    assert read_feed(RSS) == ["https://news.example.com/one", "https://news.example.com/two"]
    assert read_feed(ATOM) == ["https://news.example.com/a"]
    assert read_feed(f"{server}/feed.xml", allow_private=True) == [
        "https://news.example.com/one", "https://news.example.com/two"]


def test_read_feed_refuses_private_url_and_non_feed(server: str) -> None:
    with pytest.raises(FetchError, match=r"^refused: 127\.0\.0\.1 is a loopback address$"):
        read_feed(f"{server}/feed.xml")
    with pytest.raises(ArticleError, match=r"^not a feed"):
        read_feed(b"<html><body><p>not a feed at all</p></body></html>")
