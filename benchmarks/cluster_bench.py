"""Beyond one machine: PostgreSQL against SQLite, readers during an index run, two app servers.

    .venv/bin/python benchmarks/corpus_gen.py 10000
    .venv/bin/python benchmarks/cluster_bench.py bench-data/corpus-10000 \
        [--pg postgresql://127.0.0.1/postgres] [--index-limit N] [--throughput-files 2000]
        [--parts index,search,ack]

Every number is printed next to its baseline from the same run (these machines are shared and
noisy, so ratios are what to compare):

1. index: throughput of `readout index` (the full pipeline, same files, same worker count)
   into a fresh PostgreSQL schema, against a fresh SQLite file.
2. search: a reader node (its own search index following the store's journal, as
   `readout serve` runs it) answers fixed queries back to back while another process indexes
   the corpus into the same store; p50/p95/p99 against the same reader with no indexer
   running. For PostgreSQL (two nodes) and SQLite (two processes on one file). Aim: p99 under
   100 ms during the run.
3. ack: signed `/readout` commands from 20 concurrent users at two `readout serve` nodes on one
   PostgreSQL, round-robin, against one node on SQLite with the same load; ack and answer
   p50/p99 (benchmarks/slack_bench.py's client).

A PostgreSQL database for the run is created on the --pg server and dropped at the end.
Generated data and indexes go to a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from slack_bench import COMMANDS, free_port, pct  # noqa: E402
from slack_fake import FakeSlack  # noqa: E402

READER = r"""
import json, sys, threading, time
from bot.search import follow, search
from bot.store import Store
sys.setswitchinterval(0.001)            # as `readout serve` sets it
store = Store(sys.argv[1])
queries = json.loads(sys.argv[2])
idx = follow(store)                     # a node: its own index, following the journal
while not idx.caught_up_once:
    time.sleep(0.05)
for q in queries[:20]:                  # warm-up
    search(store, q)
print("ready", flush=True)
sys.stdin.readline()                    # go
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
lat, lag = [], []
i = 0
while not stop.is_set():
    q = queries[i % len(queries)]
    t0 = time.perf_counter()
    search(store, q)
    lat.append(time.perf_counter() - t0)
    i += 1
    if i % 50 == 0:
        lag.append(idx.lag())
print(json.dumps({"lat": lat, "lag_max": max(lag or [0]), "applied": idx.applied()}))
"""


def queries() -> list[str]:
    from search_bench import queries as fixed

    return [q for _kind, q in fixed(["relations", "trade", "supply_chains", "taiwan",
                                     "security", "people_to_people"])]


def p(values: list[float], q: float) -> float:
    return pct(values, q)


def run_index(location: str, files: Path, env: dict[str, str]) -> tuple[float, dict]:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "bot.cli", "--db", location, "index",
                          str(files), "--json"], env=env, cwd=ROOT, capture_output=True,
                         text=True, check=True)
    return time.perf_counter() - t0, json.loads(out.stdout)


def limited_corpus(corpus: Path, limit: int | None, work: Path) -> Path:
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".html"))
    if limit:
        files = files[:limit]
    out = work / f"corpus-{len(files)}-{uuid.uuid4().hex[:4]}"
    out.mkdir()
    for f in files:
        os.symlink(f.resolve(), out / f.name)
    return out


class Pg:
    def __init__(self, admin: str) -> None:
        import psycopg

        self.admin = admin
        self.name = f"readout_bench_{os.getpid()}"
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{self.name}"')
        self.url = admin.rsplit("/", 1)[0] + "/" + self.name

    def schema(self, label: str) -> str:
        import psycopg

        from bot.store.postgres import with_schema

        name = f"{label}_{uuid.uuid4().hex[:6]}"
        with psycopg.connect(self.url, autocommit=True) as c:
            c.execute(f'CREATE SCHEMA "{name}"')
        return with_schema(self.url, name)

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def part_index(pg: Pg, files: Path, work: Path, base_env: dict[str, str]) -> None:
    print("\n## 1. index throughput: PostgreSQL vs SQLite (same files, same workers)")
    results = {}
    for label, location in (("sqlite", str(work / "index.db")), ("postgresql", pg.schema("ix"))):
        env = {**base_env, "READOUT_INDEX_DIR": str(work / f"ix-{label}")}
        secs, report = run_index(location, files, env)
        results[label] = (report["added"] / secs, secs, report)
        print(f"{label:<11} {report['added']:>6} articles, {report['statements']:>7} statements"
              f" in {secs:6.1f} s: {report['added'] / secs:6.1f} articles/s")
    ratio = results["postgresql"][0] / results["sqlite"][0]
    print(f"PostgreSQL/SQLite throughput ratio: {ratio:.2f}x")


def part_search(pg: Pg, files: Path, work: Path, base_env: dict[str, str],
                seconds_idle: float) -> None:
    print("\n## 2. search on one node while another indexes the corpus")
    qs = json.dumps(queries())
    print(f"{'store':<11}{'phase':<10}{'queries':>8}{'p50':>9}{'p95':>9}{'p99':>9}"
          f"{'max':>9}  max lag (journal rows)")
    for label in ("postgresql", "sqlite"):
        location = pg.schema("search") if label == "postgresql" else str(work / "search.db")
        env = {**base_env, "READOUT_INDEX_DIR": str(work / f"writer-{label}")}
        run_index(location, ROOT / "seeds", env)  # something to find before the run starts
        reader_env = {**base_env, "READOUT_INDEX_DIR": str(work / f"reader-{label}")}
        stats = {}
        for phase in ("idle", "indexing"):
            reader = subprocess.Popen([sys.executable, "-c", READER, location, qs],
                                      env=reader_env, cwd=ROOT, stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True)
            assert reader.stdout is not None and reader.stdin is not None
            assert reader.stdout.readline().strip() == "ready"
            writer = None
            if phase == "indexing":
                writer = subprocess.Popen([sys.executable, "-m", "bot.cli", "--db", location,
                                           "index", str(files), "--json"], env=env, cwd=ROOT,
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                          text=True)
            reader.stdin.write("go\n")
            reader.stdin.flush()
            if writer is None:
                time.sleep(seconds_idle)
            else:
                _out, werr = writer.communicate()
                assert writer.returncode == 0, werr[-2000:]
            reader.stdin.write("stop\n")
            reader.stdin.flush()
            out = json.loads(reader.communicate(timeout=600)[0])
            lat = out["lat"]
            stats[phase] = lat
            print(f"{label:<11}{phase:<10}{len(lat):>8}{p(lat, 50):>7.1f}ms{p(lat, 95):>7.1f}ms"
                  f"{p(lat, 99):>7.1f}ms{max(lat) * 1000:>7.0f}ms  {out['lag_max']}")
        print(f"{label}: p95 indexing/idle {p(stats['indexing'], 95) / p(stats['idle'], 95):.2f}x,"
              f" p99 {p(stats['indexing'], 99) / p(stats['idle'], 99):.2f}x;"
              f" p99 during the run {p(stats['indexing'], 99):.1f} ms (aim < 100 ms)")


def start_node(location: str, fake: FakeSlack, env: dict[str, str], index_dir: Path
               ) -> tuple[subprocess.Popen, str]:
    import httpx

    port = free_port()
    full = {**env, "SLACK_SIGNING_SECRET": "bench-signing-secret",
            "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_API_URL": fake.api_url,
            "READOUT_DB": location, "READOUT_INDEX_DIR": str(index_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--host", "127.0.0.1",
                             "--port", str(port), "--no-scheduler"], env=full, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return proc, f"http://127.0.0.1:{port}/slack/events"
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("a node did not become ready")


def part_ack(pg: Pg, work: Path, base_env: dict[str, str], requests: int, clients: int) -> None:
    print(f"\n## 3. ack with two nodes behind a round-robin, {clients} concurrent users,"
          f" {requests} signed /readout commands")
    fake = FakeSlack(parse=False).start()
    seeds = ROOT / "seeds"
    setups = [("1 node, SQLite", str(work / "ack.db"), 1),
              ("2 nodes, PostgreSQL, RR", pg.schema("ack"), 2)]
    print(f"{'setup':<26}{'ack p50':>9}{'ack p99':>9}{'ans p50':>9}{'ans p99':>9}{'failed':>8}")
    results = {}
    for label, location, n in setups:
        run_index(location, seeds, {**base_env, "READOUT_INDEX_DIR": str(work / "ack-w")})
        nodes = [start_node(location, fake, base_env, work / f"ack-{label[:1]}-{i}")
                 for i in range(n)]
        urls = [u for _p, u in nodes]
        try:
            fire_round_robin(urls, fake, min(40, requests), clients)  # warm-up
            fake.clear()
            acks, answers, failed = fire_round_robin(urls, fake, requests, clients)
        finally:
            for proc, _u in nodes:
                proc.terminate()
                proc.wait(20)
        results[label] = (acks, answers)
        print(f"{label:<26}{pct(acks, 50):>7.0f}ms{pct(acks, 99):>7.0f}ms"
              f"{pct(answers, 50):>7.0f}ms{pct(answers, 99):>7.0f}ms{failed:>8}")
    (a1, n1), (a2, n2) = results.values()
    print(f"ack p99 two nodes/one node: {pct(a2, 99) / pct(a1, 99):.2f}x;"
          f" answer p99: {pct(n2, 99) / pct(n1, 99):.2f}x")
    fake.stop()


def fire_round_robin(urls: list[str], fake: FakeSlack, n: int, clients: int,
                     timeout: float = 300) -> tuple[list[float], list[float], int]:
    """slack_bench's users (send a command, wait for its answer, send the next), each request
    to the next node in turn, as a round-robin load balancer sends them."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    import httpx
    from slack_fake import form, sign

    acks: list[float] = []
    answers: list[float] = []
    failures = 0
    lock = threading.Lock()
    turn = iter(range(10**9))
    http = httpx.Client(timeout=10, limits=httpx.Limits(max_connections=clients * len(urls)))
    deadline = time.monotonic() + timeout

    def one(i: int) -> None:
        nonlocal failures
        if time.monotonic() > deadline:
            return
        with lock:
            url = urls[next(turn) % len(urls)]
        name = uuid.uuid4().hex
        body = form(team_id="T0FAKE", channel_id="CBENCH", user_id="U1", command="/readout",
                    text=COMMANDS[i % len(COMMANDS)], response_url=fake.response_url(name),
                    trigger_id="1.2.3", api_app_id="A0READOUT")
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   **sign("bench-signing-secret", body)}
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="a corpus from benchmarks/corpus_gen.py")
    ap.add_argument("--pg", default=os.environ.get("READOUT_BENCH_PG",
                                                   "postgresql://127.0.0.1:5432/postgres"),
                    help="a PostgreSQL server to create the run's database on")
    ap.add_argument("--index-limit", type=int, default=None,
                    help="only the first N files of the corpus (default all)")
    ap.add_argument("--throughput-files", type=int, default=2000,
                    help="files for the throughput comparison (part 1; default 2000)")
    ap.add_argument("--parts", default="index,search,ack")
    ap.add_argument("--idle-seconds", type=float, default=20.0)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--clients", type=int, default=20)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: run benchmarks/corpus_gen.py first")
        return 2
    try:
        pg = Pg(args.pg)
    except Exception as exc:
        print(f"PostgreSQL not reachable at {args.pg} ({exc}); nothing measured")
        return 2
    work = Path(tempfile.mkdtemp(prefix="cluster-bench-"))
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("READOUT_", "SLACK_"))},
           "PYTHONPATH": str(ROOT)}
    print(f"# {datetime.now(UTC):%Y-%m-%d %H:%M} UTC  {' '.join(sys.argv)}")
    try:
        files = limited_corpus(args.corpus, args.index_limit, work)
        print(f"corpus: {len(list(files.iterdir()))} files; cores {os.cpu_count()}")
        parts = {x.strip() for x in args.parts.split(",")}
        if "index" in parts:
            few = limited_corpus(files, args.throughput_files, work)
            part_index(pg, few, work, env)
        if "search" in parts:
            part_search(pg, files, work, env, args.idle_seconds)
        if "ack" in parts:
            part_ack(pg, work, env, args.requests, args.clients)
    finally:
        pg.drop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
