"""The corpus watcher: new and changed files in watched folders, new entries of feeds."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.store import Store
from digests.watcher import watch_once

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ARTICLE = (SEEDS / "004_ea5705f67dcdb256.txt").read_text(encoding="utf-8")


def test_folder_changes_are_indexed_once(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEEDS / "002_51129d58d30bfeb7.txt", folder / "a.txt")
    store = Store(tmp_path / "x.db")
    first = watch_once(store, folders=[folder], feeds=[])
    assert first.files == 1 and first.indexed.added == 1
    assert watch_once(store, folders=[folder], feeds=[]).files == 0  # nothing changed
    shutil.copy(SEEDS / "004_ea5705f67dcdb256.txt", folder / "b.txt")
    again = watch_once(store, folders=[folder], feeds=[])
    assert again.files == 1 and store.counts()["articles"] == 2
    missing = watch_once(store, folders=[tmp_path / "nope"], feeds=[])
    assert missing.errors == [(str(tmp_path / "nope"), "not a folder")]


@pytest.fixture
def site() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/feed.xml":
                body = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
                        f"<item><title>call</title><link>{base}/story.txt</link></item>"
                        f"</channel></rss>").encode()
                ctype = "application/rss+xml"
            elif self.path == "/story.txt":
                body, ctype = ARTICLE.encode(), "text/plain; charset=utf-8"
            else:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("content-type", ctype)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_feed_entries_are_fetched_once(tmp_path: Path, site: str) -> None:
    store = Store(tmp_path / "x.db")
    feed = f"{site}/feed.xml"
    first = watch_once(store, folders=[], feeds=[feed], allow_private=True)
    assert first.links == 1 and first.indexed.added == 1, (first.errors, first.indexed.rejected)
    second = watch_once(store, folders=[], feeds=[feed], allow_private=True)
    assert second.links == 0 and store.counts()["articles"] == 1
    broken = watch_once(store, folders=[], feeds=[f"{site}/missing.xml"], allow_private=True)
    assert broken.errors and broken.errors[0][0].endswith("missing.xml")
