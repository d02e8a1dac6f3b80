"""Operations from the command line: subscriptions, the watcher (and the private-address
allowance reaching its feeds), readers during an index run, readiness, JSON logs."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from bot.cli import main
from bot.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ARTICLE = (SEEDS / "004_ea5705f67dcdb256.txt").read_text(encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- subscriptions --------------------------------------------------------------------------------
def test_subscriptions_from_the_command_line(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from digests.subscriptions import list_subscriptions

    db = str(tmp_path / "x.db")
    code, out, _ = run(capsys, "--db", db, "subscriptions", "add", "C1", "weekly", "--at", "7:30",
                       "--tz", "Asia/Seoul", "--weekday", "thursday", "--theme", "taiwan",
                       "--theme", "trade", "--team", "T1")
    assert code == 0 and "every Thu at 07:30 Asia/Seoul on taiwan, trade" in out
    run(capsys, "--db", db, "subscriptions", "add", "C2", "daily")
    [c1, c2] = list_subscriptions(Store(db))
    assert (c1.cadence, c1.at, c1.tz, c1.weekday, c1.themes, c1.team_id) == \
        ("weekly", "07:30", "Asia/Seoul", "thu", ["taiwan", "trade"], "T1")
    assert (c2.cadence, c2.at, c2.tz, c2.themes) == ("daily", "08:00", "UTC", [])
    code, out, _ = run(capsys, "--db", db, "subscriptions", "list", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["channel"] for r in rows] == ["C1", "C2"] and rows[0]["weekday"] == "thu"
    # The same validation as Slack's /readout subscribe: one line, nothing stored.
    code, _, err = run(capsys, "--db", db, "subscriptions", "add", "C3", "daily", "--tz",
                       "Mars/Base")
    assert code == 1 and err.startswith("readout: unknown time zone 'Mars/Base'")
    code, _, err = run(capsys, "--db", db, "subscriptions", "add", "C3", "daily", "--theme",
                       "taiwn")
    assert code == 1 and "valid themes" in err and len(list_subscriptions(Store(db))) == 2
    assert run(capsys, "--db", db, "subscriptions", "remove", "C1")[0] == 0
    code, _, err = run(capsys, "--db", db, "subscriptions", "remove", "C1")
    assert code == 1 and "C1 has no subscription" in err
    assert [s.channel for s in list_subscriptions(Store(db))] == ["C2"]


def test_a_subscription_added_anywhere_reaches_the_running_poster(tmp_path: Path) -> None:
    from digests.schedule import ReadoutScheduler
    from digests.subscriptions import subscribe

    store = Store(tmp_path / "x.db")
    sched = ReadoutScheduler(store, lambda _t: None, watch_minutes=0).start(paused=True,
                                                                          keeper=False)
    try:
        subscribe(Store(tmp_path / "x.db"), "C4", "daily", at="09:15")  # another process
        assert sched.scheduler.get_job("digest:C4") is None
        sched.tick()
        assert sched.scheduler.get_job("digest:C4") is not None
    finally:
        sched.shutdown()


# -- the watcher ----------------------------------------------------------------------------------
@pytest.fixture
def feed_site() -> Iterator[str]:
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
            else:
                body, ctype = ARTICLE.encode(), "text/plain; charset=utf-8"
            self.send_response(200)
            self.send_header("content-type", ctype)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_scheduler_watches_intranet_feeds_when_the_configuration_allows_it(
        tmp_path: Path, feed_site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from digests.schedule import ReadoutScheduler

    monkeypatch.setenv("READOUT_FEEDS", f"{feed_site}/feed.xml")
    monkeypatch.setenv("READOUT_WATCH", "")
    refused = Store(tmp_path / "refused.db")
    monkeypatch.delenv("READOUT_ALLOW_PRIVATE_URLS", raising=False)
    sched = ReadoutScheduler(refused, lambda _t: None, watch_minutes=0).start(keeper=False)
    try:
        sched.watch()
    finally:
        sched.shutdown()
    assert refused.counts()["articles"] == 0
    allowed = Store(tmp_path / "allowed.db")
    monkeypatch.setenv("READOUT_ALLOW_PRIVATE_URLS", "1")
    sched = ReadoutScheduler(allowed, lambda _t: None, watch_minutes=0).start(keeper=False)
    try:
        sched.watch()
    finally:
        sched.shutdown()
    assert allowed.counts()["articles"] == 1


def test_watch_once(tmp_path: Path, feed_site: str, monkeypatch: pytest.MonkeyPatch,
                    capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.db")
    monkeypatch.delenv("READOUT_ALLOW_PRIVATE_URLS", raising=False)
    monkeypatch.delenv("READOUT_WATCH", raising=False)
    monkeypatch.delenv("READOUT_FEEDS", raising=False)
    code, _, err = run(capsys, "--db", db, "watch", "--once")
    assert code == 1 and err.startswith("readout: nothing to watch")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    monkeypatch.setenv("READOUT_WATCH", str(folder))
    monkeypatch.setenv("READOUT_FEEDS", f"{feed_site}/feed.xml")
    # Without the allowance the feed on a loopback address is refused, named with its reason,
    # and the folder is indexed anyway; the exit status says something failed.
    code, out, err = run(capsys, "--db", db, "watch", "--once")
    assert code == 1 and "1 changed files" in out and "feed.xml" in err
    code, out, err = run(capsys, "--db", db, "watch", "--once", "--allow-private", "--json")
    report = json.loads(out)
    assert code == 0 and report["links"] == 1 and report["errors"] == [], err
    assert Store(db).counts()["articles"] == 1  # the same story: the feed's copy is known
    code, out, _ = run(capsys, "--db", db, "watch", "--once", "--allow-private")
    assert code == 0 and "0 changed files, 0 new links" in out


# -- readers during an index run ----------------------------------------------------------------
def test_searches_answer_while_an_index_run_is_going(any_store_location: str,
                                                     tmp_path: Path) -> None:
    """A search during a long `readout index` answers from what is stored so far while the
    run goes on (it used to wait for the whole run). Each search opens the index afresh, as a
    new `readout search` process does."""
    from test_store_backends import copies

    from bot.search import search
    from bot.search.index import forget_indexes

    corpus = tmp_path / "corpus"
    copies(corpus, 100)  # 500 reports
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READOUT_WORKERS": "0"}
    writer = subprocess.Popen([sys.executable, "-m", "bot.cli", "--db", any_store_location,
                               "index", str(corpus)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    store = Store(any_store_location)
    try:
        assert _wait(lambda: store.counts()["articles"] >= 5, 120)
        totals = []
        for _ in range(5):
            forget_indexes()
            totals.append(search(Store(any_store_location), "copy filed testing",
                                 limit=1000).total)
            time.sleep(0.2)
        assert writer.poll() is None, "the index run ended before the searches did"
        assert totals[0] > 0  # what was stored so far
    finally:
        _, err = writer.communicate(timeout=600)
    assert writer.returncode == 0, err[-2000:]
    forget_indexes()
    stored = store.conn.execute("SELECT count(*) FROM statements WHERE text LIKE ?",
                                ("%filed for testing%",)).fetchone()[0]
    assert search(Store(any_store_location), "copy filed testing", limit=1000).total == stored
    assert store.counts()["articles"] == 500


def _wait(check, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.1)
    return False


# -- readiness and logs -------------------------------------------------------------------------
def test_readyz_says_when_the_index_is_behind_and_healthz_does_not_care(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.pipeline.ingest import index_sources
    from bot.search.index import forget_indexes, index_for
    from bot.slack import health

    store = Store(tmp_path / "x.db")
    index_sources(store, [str(SEEDS)], workers=0)
    forget_indexes()

    def inner(environ, start_response):  # type: ignore[no-untyped-def]
        start_response("200 OK", [])
        return [b"slack"]

    client = httpx.Client(transport=httpx.WSGITransport(
        app=health.with_health(inner, store)), base_url="http://node")
    assert client.get("/healthz").text == "ok"
    assert client.get("/slack/events").text == "slack"
    index_for(store).open()
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["index"]["lag"] == 0
    store.conn.execute("INSERT INTO search_journal(sid, op) SELECT sid, 'add' FROM statements")
    monkeypatch.setattr(health, "READY_LAG", 10)
    behind = client.get("/readyz")
    assert behind.status_code == 503
    assert behind.json()["problems"][0].startswith("search index ")
    assert client.get("/healthz").status_code == 200
    index_for(store).sync()
    assert client.get("/readyz").status_code == 200


def test_readyz_when_the_store_does_not_answer(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.slack import health

    store = Store(tmp_path / "x.db")

    class Down:
        def execute(self, *a: object) -> None:
            raise OSError("connection refused")

    monkeypatch.setattr(type(store), "conn", property(lambda self: Down()))
    ready, body = health.readiness(store)
    assert not ready and body["problems"] == ["store unreachable"]


def test_json_log_lines_redact_tokens(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import logs

    root = logging.getLogger()
    saved, level = root.handlers[:], root.level
    root.handlers = []
    try:
        logs.configure("json")
        logging.getLogger("readout.test").warning("token %s in use", "xoxb-123-secret")
        line = capsys.readouterr().err.strip().splitlines()[-1]
    finally:
        root.handlers = saved
        root.setLevel(level)  # other tests capture logs at the level they choose
    entry = json.loads(line)
    assert entry["level"] == "warning" and entry["logger"] == "readout.test"
    assert "xoxb-123-secret" not in line and entry["msg"] == "token xoxb-(redacted) in use"
    assert {"ts", "host", "pid", "thread"} <= entry.keys()
