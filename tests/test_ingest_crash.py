"""A process killed part-way through indexing loses nothing that was stored before it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_corpus(folder: Path, copies: int) -> None:
    """Distinct articles (distinct ids) that are still real seed text."""
    folder.mkdir()
    for i in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            text = seed.read_text()
            lines = text.splitlines()
            # Mid-body, where no reader drops it (footers and captions are dropped).
            lines.insert(len(lines) // 2, f"\nCopy {i} of this report was filed for testing.\n")
            (folder / f"{i:04d}_{seed.name}").write_text("\n".join(lines) + "\n")


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def invariants(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # every stored article has its statements, every statement a live source
        orphans = conn.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM statement_sources s WHERE s.article_id = a.id)"
        ).fetchone()[0]
        assert orphans == 0
        unsourced = conn.execute(
            "SELECT count(*) FROM statements s WHERE NOT EXISTS"
            " (SELECT 1 FROM statement_sources x WHERE x.sid = s.sid)"
        ).fetchone()[0]
        assert unsourced == 0
        no_meeting = conn.execute(
            "SELECT count(*) FROM articles a LEFT JOIN meetings m ON m.id = a.meeting_id"
            " WHERE m.id IS NULL"
        ).fetchone()[0]
        assert no_meeting == 0
        return (conn.execute("SELECT count(*) FROM articles").fetchone()[0],
                conn.execute("SELECT count(*) FROM statements").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.sqlite_only  # reads the SQLite file itself
def test_sigkill_mid_ingest_then_resume(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 120)  # 600 files: enough that the kill lands mid-run
    db = tmp_path / "crash.db"
    cmd = [sys.executable, "-m", "bot.cli", "--db", str(db), "index", str(corpus)]
    env = {**os.environ, "PYTHONPATH": str(SEEDS.parent)}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Kill once the store has some articles but well before the run is done.
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 10:
                break
    assert proc.poll() is None, "indexing finished before it could be killed"
    workers = children(proc.pid)
    assert workers, "expected analysis worker processes"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # Its analysis workers notice and leave rather than linger as orphans.
    deadline = time.monotonic() + 10
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in workers if alive(p)]
    partial_articles, _ = invariants(db)
    assert 0 < partial_articles < 600

    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    articles, statements = invariants(db)
    assert articles == 600 and statements > 0
    assert f"{partial_articles} unchanged" in done.stdout
