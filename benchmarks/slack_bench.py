"""Signed /readout commands from 20 concurrent clients against `readout serve`.

    .venv/bin/python benchmarks/slack_bench.py                     # seeds, waitress vs dev server
    .venv/bin/python benchmarks/slack_bench.py --db bench.db --servers serve

Prints acknowledgement latency (the HTTP response to the signed request) and answer latency
(until the answer reaches the response_url, recorded by a local fake Slack) as p50/p99, for
`readout serve` (Bolt's WSGI adapter under waitress) and, in the same run, Bolt's built-in
development server (`app.start()`) as the baseline. Loopback only; the run is bounded by
--requests and --timeout. Aims: ack p99 < 300 ms, answer p99 < 1 s.

For a 100k-article index (about 2.5M statements), build it once with the search benchmark
(bulk-filled from corpus_gen's generator, tantivy index rebuilt beside it), copy it so this
run's own tables (slack_events) do not touch the original, and point --db at the copy:
    .venv/bin/python benchmarks/search_bench.py --n 100000 --via bulk --engines tantivy
    cp bench-data/search-100000-bulk.db bench-data/slack-100k.db
    cp -r bench-data/search-100000-bulk.db.search bench-data/slack-100k.db.search
    .venv/bin/python benchmarks/slack_bench.py --db bench-data/slack-100k.db --servers serve
(or through the full pipeline: corpus_gen.py 100000 --out DIR, then `readout --db X index DIR`).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from slack_fake import FakeSlack, form, sign  # noqa: E402

SECRET = "bench-signing-secret"
COMMANDS = [
    "supply chains", "China South Korea", "speaker:wang theme:relations",
    "side:south_korea since:2024", "theme supply_chains", 'phrase "strategic cooperative"',
    "meetings", "meetings Park Jin", "compare 2023 2025", "themes",
    '"people-to-people exchanges"', "theme:taiwan", "cooperation until:2024-06",
]

DEV_SERVER = """
import sys
from bot.slack.app import build_app
from bot.slack.settings import Settings
from bot.store import Store
settings = Settings.from_env()
app = build_app(settings, Store(settings.db_path), answer_threads=int(sys.argv[2]))
app.start(port=int(sys.argv[1]), path="/slack/events")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def seeds_db() -> Path:
    from bot.pipeline.ingest import index_sources
    from bot.store import Store

    path = Path(tempfile.mkdtemp(prefix="slack-bench-")) / "seeds.db"
    report = index_sources(Store(path), [str(ROOT / "seeds")])
    print(f"indexed seeds: {report.added} articles, {report.new_statements} statements")
    return path


def start(kind: str, db: Path, fake: FakeSlack, port: int, answer_threads: int,
          answer_processes: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-bench",
           "SLACK_API_URL": fake.api_url, "READOUT_DB": str(db), "PYTHONPATH": str(ROOT)}
    if kind == "serve":
        cmd = [sys.executable, "-m", "bot.cli", "serve", "--host", "127.0.0.1", "--port",
               str(port), "--no-scheduler", "--answer-threads", str(answer_threads),
               "--answer-processes", str(answer_processes)]
    else:
        cmd = [sys.executable, "-c", DEV_SERVER, str(port), str(answer_threads)]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"{kind} did not start on port {port}")


def fire(url: str, fake: FakeSlack, n: int, clients: int,
         timeout: float) -> tuple[list[float], list[float], int]:
    """Each client is a user: send a command, wait for its answer, send the next."""
    acks: list[float] = []
    answers: list[float] = []
    failures = 0
    lock = threading.Lock()
    http = httpx.Client(timeout=10, limits=httpx.Limits(max_connections=clients))
    deadline = time.monotonic() + timeout

    def one(i: int) -> None:
        nonlocal failures
        if time.monotonic() > deadline:
            return
        name = uuid.uuid4().hex
        body = form(team_id="T0FAKE", channel_id="CBENCH", user_id="U1", command="/readout",
                    text=COMMANDS[i % len(COMMANDS)], response_url=fake.response_url(name),
                    trigger_id="1.2.3", api_app_id="A0READOUT")
        headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)}
        t0 = time.monotonic()
        try:
            ok = http.post(url, content=body, headers=headers).status_code == 200
        except httpx.HTTPError:
            ok = False
        ack = time.monotonic() - t0
        call = fake.wait_path(f"/response/{name}", timeout=10) if ok else None
        with lock:
            if ok:
                acks.append(ack)
            if call is None:
                failures += 1
            else:
                answers.append(call.at - t0)

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, range(n)))
    http.close()
    return acks, answers, failures


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="an indexed database (default: the seeds, fresh)")
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--timeout", type=float, default=120, help="max seconds to wait for answers")
    ap.add_argument("--servers", default="serve,dev", help="serve (waitress) and/or dev (Bolt's)")
    ap.add_argument("--answer-threads", type=int, default=4, help="readout serve --answer-threads")
    ap.add_argument("--answer-processes", type=int, default=2,
                    help="readout serve --answer-processes (0: lookups in the serving process)")
    args = ap.parse_args()
    db = args.db or seeds_db()
    fake = FakeSlack(parse=False).start()
    print(f"{args.requests} signed /readout commands, {args.clients} concurrent clients, db={db}")
    print(f"{'server':<28}{'ack p50':>9}{'ack p99':>9}{'ans p50':>9}{'ans p99':>9}"
          f"{'answered':>10}{'failed':>8}{'req/s':>8}")
    results = {}
    for kind in [k.strip() for k in args.servers.split(",") if k.strip()]:
        port = free_port()
        proc = start(kind, db, fake, port, args.answer_threads, args.answer_processes)
        try:
            url = f"http://127.0.0.1:{port}/slack/events"
            fire(url, fake, min(40, args.requests), args.clients, args.timeout)  # warm-up
            fake.clear()
            t0 = time.monotonic()
            acks, answers, failed = fire(url, fake, args.requests, args.clients, args.timeout)
            wall = time.monotonic() - t0
        finally:
            proc.terminate()
            proc.wait(10)
        label = f"serve {args.answer_processes}p/{args.answer_threads}t" if kind == "serve" \
            else "Bolt app.start() (dev)"
        results[kind] = (pct(acks, 99), pct(answers, 99))
        print(f"{label:<28}{pct(acks, 50):>8.0f}ms{pct(acks, 99):>7.0f}ms{pct(answers, 50):>7.0f}ms"
              f"{pct(answers, 99):>7.0f}ms{len(answers):>6}/{len(acks):<4}{failed:>7}"
              f"{args.requests / wall:>8.1f}")
        if answers:
            print(f"{'':<28}answer mean {statistics.mean(answers) * 1000:.0f} ms")
    if "serve" in results and "dev" in results and results["serve"][0] > 0:
        print(f"ack p99 dev/serve ratio: {results['dev'][0] / results['serve'][0]:.1f}x;"
              f" answer p99 dev/serve ratio: {results['dev'][1] / results['serve'][1]:.1f}x")
    fake.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
