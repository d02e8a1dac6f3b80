"""A local stand-in for Slack's Socket Mode endpoint (the websocket `apps.connections.open`
hands out), built on the `websockets` library's server.

Slack's side of the protocol: on connect it sends `hello`; every request is an envelope
`{"envelope_id", "type": "slash_commands"|"events_api"|"interactive", "payload",
"accepts_response_payload"}`; the app answers with `{"envelope_id", "payload"?}` within 3
seconds. `send()` sends an envelope and `ack()` waits for its answer, timing it.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve


class FakeSocketMode:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.connections: list[ServerConnection] = []
        self.acks: dict[str, tuple[float, dict[str, Any]]] = {}
        self.sent: dict[str, float] = {}
        self.server = serve(self._handle, "127.0.0.1", 0)
        self.port = self.server.socket.getsockname()[1]
        self.url = f"ws://127.0.0.1:{self.port}/link"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()

    def _handle(self, ws: ServerConnection) -> None:
        ws.send(json.dumps({"type": "hello", "num_connections": 1,
                            "connection_info": {"app_id": "A0READOUT"},
                            "debug_info": {"host": "fake", "approximate_connection_time": 3600}}))
        with self._cond:
            self.connections.append(ws)
            self._cond.notify_all()
        try:
            for raw in ws:
                data = json.loads(raw)
                eid = data.get("envelope_id")
                if eid:
                    with self._cond:
                        self.acks[eid] = (time.monotonic(), data.get("payload") or {})
                        self._cond.notify_all()
        except ConnectionClosed:
            pass
        finally:
            with self._cond:
                if ws in self.connections:
                    self.connections.remove(ws)
                self._cond.notify_all()

    def wait_connected(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self.connections:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("readout socket never connected")
                self._cond.wait(left)

    def send(self, kind: str, payload: dict[str, Any]) -> str:
        eid = uuid.uuid4().hex
        envelope = {"envelope_id": eid, "type": kind, "payload": payload,
                    "accepts_response_payload": kind != "events_api"}
        if kind == "events_api":
            envelope["retry_attempt"] = 0
            envelope["retry_reason"] = ""
        with self._cond:
            ws = self.connections[-1]
            self.sent[eid] = time.monotonic()
        ws.send(json.dumps(envelope))
        return eid

    def ack(self, eid: str, timeout: float = 10.0) -> tuple[float, dict[str, Any]] | None:
        """(seconds from send to the app's answer, its payload), or None on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while eid not in self.acks:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left)
            at, payload = self.acks[eid]
            return at - self.sent[eid], payload
