"""Signed /readout commands from 20 concurrent users against `readout serve`, with and without 8
slow lookups and a 429 storm in flight.

    .venv/bin/python benchmarks/slack_bench.py                     # seeds
    .venv/bin/python benchmarks/slack_bench.py --db bench.db --servers serve

For each server it runs, in the same process and on the same database:
  quiet   20 users, each sending a command and waiting for its answer before the next;
  loaded  the same, while 8 `/readout add <url>` lookups hang on a local site that answers only
          at the end of the run, and 8 DM answers are held by 429s (`Retry-After`).
It prints acknowledgement latency (the HTTP response to the signed request) and answer latency
(until the answer reaches the response_url, recorded by a local fake Slack) as p50/p99, the
loaded/quiet ratios, and the serving processes' RSS (the server and its answer workers) before
and after. Aims: loaded ack p99 < 300 ms, loaded answer p99 < 1 s. `--servers serve,dev` adds
Bolt's built-in development server (`app.start()`) with the same app as a second baseline.
Loopback only; bounded by --requests and --timeout.

For a 100k-article index (about 2.5M statements), build it once with the search benchmark
(bulk-filled from corpus_gen's generator, tantivy index rebuilt beside it), copy it so this
run's own tables (slack_events) do not touch the original, and point --db at the copy:
    .venv/bin/python benchmarks/search_bench.py --n 100000 --via bulk --engines tantivy
    cp bench-data/search-100000-bulk.db bench-data/slack-100k.db
    cp -r bench-data/search-100000-bulk.db.search bench-data/slack-100k.db.search
    .venv/bin/python benchmarks/slack_bench.py --db bench-data/slack-100k.db --servers serve
"""

from __future__ import annotations

import argparse
import json
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
from slack_fake.harness import SlowSite  # noqa: E402

SECRET = "bench-signing-secret"
COMMANDS = [
    "supply chains", "China South Korea", "speaker:wang theme:relations",
    "side:south_korea since:2024", "theme supply_chains", 'phrase "strategic cooperative"',
    "meetings", "meetings Park Jin", "compare 2023 2025", "themes",
    '"people-to-people exchanges"', "theme:taiwan", "cooperation until:2024-06",
]
SLOW, STORM = 8, 8

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


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the answer workers), in MB."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def start(kind: str, db: Path, fake: FakeSlack, port: int, answer_threads: int,
          answer_processes: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-bench",
           "SLACK_API_URL": fake.api_url, "READOUT_DB": str(db), "PYTHONPATH": str(ROOT),
           "READOUT_ADMINS": "UADMIN", "READOUT_ALLOW_PRIVATE_URLS": "1"}
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


def post(http: httpx.Client, url: str, body: str, ctype: str) -> int:
    headers = {"Content-Type": ctype, **sign(SECRET, body)}
    try:
        return http.post(url, content=body, headers=headers).status_code
    except httpx.HTTPError:
        return 0


def command(http: httpx.Client, url: str, fake: FakeSlack, text: str, user: str = "U1",
            ) -> tuple[str, int]:
    name = uuid.uuid4().hex
    body = form(team_id="T0FAKE", channel_id="CBENCH", user_id=user, command="/readout",
                text=text, response_url=fake.response_url(name), trigger_id="1.2.3",
                api_app_id="A0READOUT")
    return f"/response/{name}", post(http, url, body, "application/x-www-form-urlencoded")


def load(url: str, fake: FakeSlack, site: SlowSite) -> list[str]:
    """8 slow lookups and 8 DM answers caught in a 429 storm; returns the slow ones' paths."""
    http = httpx.Client(timeout=10)
    paths = [command(http, url, fake, f"add {site.url}/bench{i}.txt", user="UADMIN")[0]
             for i in range(SLOW)]
    fake.fail_next("chat.postMessage", 429, retry_after=30, times=STORM)
    for i in range(STORM):
        event = {"type": "event_callback", "team_id": "T0FAKE", "api_app_id": "A0READOUT",
                 "event_id": f"Ev{uuid.uuid4().hex[:10]}", "event_time": int(time.time()),
                 "event": {"type": "message", "channel_type": "im", "channel": f"DB{i}",
                           "user": "U2", "text": "what did Wang say about Taiwan?",
                           "ts": f"1.{i}"}}
        post(http, url, json.dumps(event), "application/json")
    deadline = time.monotonic() + 10
    while site.hits < min(SLOW, 4) and time.monotonic() < deadline:
        time.sleep(0.05)
    http.close()
    return paths


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
        t0 = time.monotonic()
        path, status = command(http, url, fake, COMMANDS[i % len(COMMANDS)])
        ack = time.monotonic() - t0
        ok = status == 200
        call = fake.wait_path(path, timeout=10) if ok else None
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


def row(label: str, acks: list[float], answers: list[float], failed: int, n: int,
        wall: float) -> None:
    print(f"{label:<30}{pct(acks, 50):>8.0f}ms{pct(acks, 99):>7.0f}ms{pct(answers, 50):>7.0f}ms"
          f"{pct(answers, 99):>7.0f}ms{len(answers):>6}/{len(acks):<4}{failed:>7}"
          f"{n / wall:>8.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="an indexed database (default: the seeds, fresh)")
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--timeout", type=float, default=120, help="max seconds to wait for answers")
    ap.add_argument("--servers", default="serve", help="serve (waitress) and/or dev (Bolt's)")
    ap.add_argument("--answer-threads", type=int, default=4, help="readout serve --answer-threads")
    ap.add_argument("--answer-processes", type=int, default=2,
                    help="readout serve --answer-processes (0: lookups in the serving process)")
    args = ap.parse_args()
    db = args.db or seeds_db()
    fake = FakeSlack(parse=False).start()
    print(f"{args.requests} signed /readout commands per phase, {args.clients} concurrent users,"
          f" db={db}; loaded = {SLOW} slow `add <url>` + {STORM} DM answers held by 429s")
    print(f"{'server / phase':<30}{'ack p50':>9}{'ack p99':>9}{'ans p50':>9}{'ans p99':>9}"
          f"{'answered':>10}{'failed':>8}{'req/s':>8}")
    for kind in [k.strip() for k in args.servers.split(",") if k.strip()]:
        port = free_port()
        proc = start(kind, db, fake, port, args.answer_threads, args.answer_processes)
        site = SlowSite(delay=args.timeout * 3)
        label = f"serve {args.answer_processes}p/{args.answer_threads}t" if kind == "serve" \
            else "Bolt app.start() (dev)"
        results = {}
        try:
            url = f"http://127.0.0.1:{port}/slack/events"
            fire(url, fake, min(40, args.requests), args.clients, args.timeout)  # warm-up
            rss_before = rss_mb(proc.pid)
            for phase in ("quiet", "loaded"):
                slow = load(url, fake, site) if phase == "loaded" else []
                fake.clear()
                t0 = time.monotonic()
                acks, answers, failed = fire(url, fake, args.requests, args.clients,
                                             args.timeout)
                wall = time.monotonic() - t0
                results[phase] = (acks, answers)
                row(f"{label} {phase}", acks, answers, failed, args.requests, wall)
                if answers:
                    print(f"{'':<30}answer mean {statistics.mean(answers) * 1000:.0f} ms")
            still = sum(1 for p in slow if fake.wait_path(p, timeout=0) is None
                        or "Working" in str(fake.wait_path(p, timeout=0).raw))
            print(f"{'':<30}slow lookups still in flight at the end: {still}/{SLOW}")
            rss_after = rss_mb(proc.pid)
        finally:
            site.release()
            time.sleep(0.5)
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                print(f"{'':<30}did not stop within 15 s of SIGTERM: killed")
                proc.kill()
                proc.wait(5)
            site.stop()
        (qa, qn), (la, ln) = results["quiet"], results["loaded"]
        print(f"{'':<30}loaded/quiet: ack p99 {pct(la, 99) / pct(qa, 99):.2f}x,"
              f" answer p99 {pct(ln, 99) / pct(qn, 99):.2f}x")
        print(f"{'':<30}RSS (server + answer workers): {rss_before:.0f} MB before,"
              f" {rss_after:.0f} MB after ({rss_after / rss_before:.2f}x)")
        ok = pct(la, 99) < 300 and pct(ln, 99) < 1000
        print(f"{'':<30}aims (loaded ack p99 < 300 ms, answer p99 < 1 s):"
              f" {'met' if ok else 'NOT met'}")
    fake.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
