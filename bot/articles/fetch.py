"""Fetching an article over HTTP(S) without letting a URL reach inside the network.

Every hop (the URL and each redirect, followed by hand) is checked: http or https only, and every
address its host resolves to must be public; then the connection is made to the address that was
checked (the Host header and TLS SNI keep the name), so a DNS answer that changes between the
check and the connect cannot point it elsewhere. The body is streamed under a byte cap and the
whole fetch under one deadline. Failures raise FetchError with a one-line reason.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from bot.errors import FetchError
from bot.models import Article

MAX_REDIRECTS = 5
USER_AGENT = "readout-bot/0.1 (+article fetcher)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass
class Fetched:
    url: str  # after redirects
    content_type: str
    charset: str | None
    data: bytes


def _why_not_public(ip: IPAddress) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for flag, label in (
        ("is_loopback", "a loopback"), ("is_link_local", "a link-local"),
        ("is_multicast", "a multicast"), ("is_unspecified", "an unspecified"),
        ("is_private", "a private"), ("is_reserved", "a reserved"),
    ):
        if getattr(ip, flag):
            return f"{ip} is {label} address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


# getaddrinfo has no timeout of its own; it runs here so the fetch deadline covers DNS too
_RESOLVER = ThreadPoolExecutor(max_workers=4, thread_name_prefix="readout-dns")


def resolve_checked(host: str, port: int, allow_private: bool, timeout: float = 10.0,
                    wait: float | None = None) -> str:
    """The address to connect to; FetchError when any address of the host is not public.
    `wait` is what is left of the fetch's `timeout` (the one the message names)."""
    job = _RESOLVER.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = job.result(timeout=max(timeout if wait is None else wait, 0.01))
    except FutureTimeout as exc:
        raise FetchError(f"timed out after {timeout:g} s resolving {host}") from exc
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host}: {exc}") from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise FetchError(f"cannot resolve host {host}")
    if not allow_private:
        for ip in addresses:
            why = _why_not_public(ip)
            if why:
                raise FetchError(f"refused: {why}")
    return str(addresses[0])


def _pinned(url: str, allow_private: bool, timeout: float,
            wait: float) -> tuple[str, dict[str, str], dict[str, str]]:
    """(url with the checked IP as host, headers, request extensions) for one hop."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused: only http and https URLs, not {parts.scheme or 'no scheme'}")
    host = parts.hostname
    if not host:
        raise FetchError("refused: URL has no host")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    ip = resolve_checked(host, port, allow_private, timeout, wait)
    shown_ip = f"[{ip}]" if ":" in ip else ip
    netloc = f"{shown_ip}:{parts.port}" if parts.port else shown_ip
    host_header = f"{host}:{parts.port}" if parts.port else host
    pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    return pinned, {"Host": host_header, "User-Agent": USER_AGENT}, {"sni_hostname": host}


def _mb(n: int) -> str:
    return f"{n / 1_000_000:g} MB"


def fetch_bytes(url: str, *, allow_private: bool = False, max_bytes: int = 5_000_000,
                timeout: float = 10.0) -> Fetched:
    deadline = time.monotonic() + timeout
    timed_out = FetchError(f"timed out after {timeout:g} s")
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise timed_out
            pinned, headers, extensions = _pinned(url, allow_private, timeout, remaining)
            # connect and each read get only what is left of the one deadline
            remaining = max(deadline - time.monotonic(), 0.01)
            request = client.build_request("GET", pinned, headers=headers, extensions=extensions,
                                           timeout=remaining)
            try:
                response = client.send(request, stream=True)
                try:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"HTTP {response.status_code} "
                                         f"{response.reason_phrase}".strip())
                    declared = response.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError(f"too large: over {_mb(max_bytes)}")
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in response.iter_bytes():  # decoded: caps a gzip bomb too
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(f"too large: over {_mb(max_bytes)}")
                        if time.monotonic() > deadline:
                            raise timed_out
                        chunks.append(chunk)
                finally:
                    response.close()
            except httpx.TimeoutException as exc:
                raise timed_out from exc
            except httpx.HTTPError as exc:
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise FetchError(f"could not fetch: {reason}") from exc
            ctype = response.headers.get("content-type", "")
            media = ctype.split(";")[0].strip().lower()
            return Fetched(url, media, response.charset_encoding, b"".join(chunks))
    raise FetchError(f"too many redirects (over {MAX_REDIRECTS})")


def fetch_url(url: str, *, allow_private: bool = False, max_bytes: int = 5_000_000,
              timeout: float = 10.0) -> list[Article]:
    """The article at `url`: HTML pages and plain text; anything else is refused."""
    from bot.articles.read import read_bytes

    page = fetch_bytes(url, allow_private=allow_private, max_bytes=max_bytes, timeout=timeout)
    if not page.data.strip():
        raise FetchError("empty response")
    if page.content_type in _HTML_TYPES:
        kind = "html"
    elif page.content_type in _TEXT_TYPES:
        kind = "text"
    else:
        raise FetchError(f"unsupported content type {page.content_type or '(none)'}")
    articles = read_bytes(page.data, url, kind, url=page.url, charset=page.charset)
    for article in articles:
        article.source = url
    return articles
