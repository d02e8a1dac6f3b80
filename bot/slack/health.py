"""Liveness and readiness for load balancers and orchestrators, around the Slack WSGI app.

- `GET /healthz`: the process serves requests (200 "ok"). Nothing else is checked, so a slow
  database never gets a live server restarted.
- `GET /readyz`: this server should get traffic: the store answers a query within
  READY_TIMEOUT seconds, and this machine's search index has caught up with the store's
  journal at least once and is at most READY_LAG rows behind (a freshly started app server
  is not ready while it catches up). 200 with a JSON body when ready, 503 with the reasons
  when not. The body also says whether this process is the digest poster.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from bot.store import Store

log = logging.getLogger(__name__)

READY_LAG = int(os.environ.get("READOUT_READY_LAG", "5000"))
READY_TIMEOUT = 2.0

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def readiness(store: Store, scheduler: Any = None) -> tuple[bool, dict[str, Any]]:
    """(ready, details); never raises."""
    from bot.search.index import index_for

    body: dict[str, Any] = {}
    problems: list[str] = []
    t0 = time.monotonic()
    try:
        store.conn.execute("SELECT 1").fetchone()
        body["store"] = {"ok": True, "ms": round((time.monotonic() - t0) * 1000, 1)}
    except Exception as exc:
        body["store"] = {"ok": False, "error": str(exc).splitlines()[0] if str(exc) else ""}
        problems.append("store unreachable")
    if body["store"]["ok"]:
        try:
            status = index_for(store).status()
            body["index"] = status
            if not status["caught_up_once"]:
                problems.append("search index still catching up")
            elif status["lag"] > READY_LAG:
                problems.append(f"search index {status['lag']} changes behind")
        except Exception as exc:
            body["index"] = {"ok": False, "error": str(exc).splitlines()[0] if str(exc) else ""}
            problems.append("search index unavailable")
    if scheduler is not None:
        body["poster"] = bool(getattr(scheduler, "is_poster", False))
    body["ready"] = not problems
    if problems:
        body["problems"] = problems
    return not problems, body


def with_health(inner: WsgiApp, store: Store, scheduler: Callable[[], Any] | None = None
                ) -> WsgiApp:
    """`inner` with /healthz and /readyz answered in front of it."""
    lock = threading.Lock()  # one readiness check at a time; probes are frequent

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO")
        if path == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]
        if path == "/readyz":
            with lock:
                ready, body = _with_timeout(store, scheduler() if scheduler else None)
            data = json.dumps(body, default=str).encode()
            start_response("200 OK" if ready else "503 Service Unavailable",
                           [("Content-Type", "application/json"),
                            ("Content-Length", str(len(data)))])
            return [data]
        return inner(environ, start_response)

    return serve


def _with_timeout(store: Store, scheduler: Any) -> tuple[bool, dict[str, Any]]:
    """Readiness, or 'not ready' when the store does not answer within READY_TIMEOUT (a
    hung database must not hang the probe)."""
    result: list[tuple[bool, dict[str, Any]]] = []
    worker = threading.Thread(target=lambda: result.append(readiness(store, scheduler)),
                              daemon=True, name="readout-readyz")
    worker.start()
    worker.join(READY_TIMEOUT)
    if result:
        return result[0]
    return False, {"ready": False, "problems": [f"store did not answer in {READY_TIMEOUT} s"]}
