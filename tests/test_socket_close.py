"""Socket Mode shutdown cannot hang on slack_sdk's close/runner race (seen once in CI)."""

from __future__ import annotations

import signal
import threading
import time
from types import SimpleNamespace

import pytest
from slack_sdk import WebClient
from slack_sdk.socket_mode.builtin.client import SocketModeClient
from slack_sdk.socket_mode.interval_runner import IntervalRunner

from bot.cli.slack import close_socket, wait_for_stop


def _racing_client() -> SocketModeClient:
    """A real SocketModeClient whose session runner lost the race with close().

    The runner does what slack_sdk's _run_current_session does after its is_active() check:
    reset `terminated` and read until it is set again. close() sets it *before* the runner
    resets it, so close()'s join would wait forever.
    """
    client = SocketModeClient(app_token="xapp-1-test", web_client=WebClient(token="xoxb-test"))
    client.current_session_runner.shutdown()
    started = threading.Event()

    def run() -> None:
        started.set()
        while not client.closed:  # waits for close() to set the flag first
            time.sleep(0.01)
        client.current_session_state.terminated = False  # the late reset
        while not client.current_session_state.terminated:
            time.sleep(0.01)

    client.current_session_runner = IntervalRunner(run, 0.1).start()
    started.wait(2)
    return client


def test_a_close_stuck_behind_the_session_runner_still_returns() -> None:
    client = _racing_client()
    handler = SimpleNamespace(client=client, close=client.close)
    began = time.monotonic()
    finished = close_socket(handler, timeout=0.5)
    assert finished
    assert time.monotonic() - began < 5
    assert client.current_session_runner.thread is None  # the runner's join completed


def test_without_the_bound_the_race_does_hang() -> None:
    """The race is real: slack_sdk's own close() does not return."""
    client = _racing_client()
    closer = threading.Thread(target=client.close, daemon=True)
    closer.start()
    closer.join(1.0)
    assert closer.is_alive()
    client.current_session_state.terminated = True  # let the daemon thread go
    closer.join(2)


def test_a_plain_close_is_not_delayed() -> None:
    client = SocketModeClient(app_token="xapp-1-test", web_client=WebClient(token="xoxb-test"))
    handler = SimpleNamespace(client=client, close=client.close)
    began = time.monotonic()
    assert close_socket(handler, timeout=5)
    assert time.monotonic() - began < 2
    assert client.closed


def test_a_short_bound_still_outlasts_the_message_processor_read() -> None:
    """After the runner ends, close() joins the message processor, which sits in a one-second
    queue read; a bound shorter than that read must not report the close as stuck."""
    client = _racing_client()
    handler = SimpleNamespace(client=client, close=client.close)
    assert close_socket(handler, timeout=0.2)
    assert not client.message_processor.is_alive()


def test_a_stop_signal_handled_before_the_wait_began_still_ends_it() -> None:
    # The race signal.pause() lost in CI: the handler ran between the last check and the
    # pause, so the wait must look at what the handler left behind, not only wait for more.
    stopping = threading.Event()
    stopping.set()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        wait_for_stop(stopping, poll=5)
    assert time.monotonic() - started < 1


def test_a_stop_signal_during_the_wait_ends_it_within_one_poll() -> None:
    stopping = threading.Event()
    threading.Timer(0.2, stopping.set).start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        wait_for_stop(stopping, poll=0.1)
    assert 0.15 < time.monotonic() - started < 3


def test_a_signal_delivered_to_another_thread_still_wakes_the_wait() -> None:
    # What the kernel may do with SIGTERM in a process full of slack_sdk threads: the C-level
    # handler runs on a worker thread and the main thread's pause(2) never returns.
    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGUSR1, handler)
    idle = threading.Event()
    worker = threading.Thread(target=idle.wait, args=(10,), daemon=True)
    worker.start()
    assert worker.ident is not None
    threading.Timer(0.2, signal.pthread_kill, args=(worker.ident, signal.SIGUSR1)).start()
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            wait_for_stop(threading.Event(), poll=0.2)
    finally:
        signal.signal(signal.SIGUSR1, previous)
        idle.set()
    assert time.monotonic() - started < 3
