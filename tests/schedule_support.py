"""Shared by the scheduling tests: move a stored job's next run as time passing would."""

from __future__ import annotations

import time
from datetime import datetime


def set_next_run(location: str, channel: str, when: datetime, timeout: float = 20) -> None:
    """A paused APScheduler on the same job store rewrites the job's next run time (the
    running poster reads the job store again at its next wakeup, every tick)."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    from bot.store import Store
    from digests.schedule import JOBS_TABLE, job_id

    for attempt in range(5):
        sched = BackgroundScheduler(timezone="UTC", jobstores={"default": SQLAlchemyJobStore(
            url=Store(location).sqlalchemy_url, tablename=JOBS_TABLE)})
        try:
            sched.start(paused=True)
            break
        except Exception:  # the scheduler process is creating the job table this moment
            if attempt == 4:
                raise
            time.sleep(0.5)
    try:
        deadline = time.monotonic() + timeout
        while sched.get_job(job_id(channel)) is None:
            assert time.monotonic() < deadline, "the job was never stored"
            time.sleep(0.2)
        sched.get_job(job_id(channel)).modify(next_run_time=when)
    finally:
        sched.remove_jobstore("default")
        sched.shutdown(wait=False)
