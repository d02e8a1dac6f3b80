"""The store backend the suite runs on, and PostgreSQL for the tests that need it.

`READOUT_TEST_BACKEND=postgresql pytest` runs the whole suite on PostgreSQL: a database is
created for the session and every SQLite file a test names is stored in a schema of it instead
(`READOUT_TEST_POSTGRES`, read by bot.store; subprocesses inherit it). `.ci/run` runs the
suite both ways. Without it the suite runs on SQLite, and the tests that need PostgreSQL
(several servers on one database, the backend-parametrised store tests) run whenever a server
is reachable at `$READOUT_TEST_PG_ADMIN` (default postgresql://127.0.0.1:5432/postgres) and
skip with the reason otherwise.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ADMIN_URL = os.environ.get("READOUT_TEST_PG_ADMIN", "postgresql://127.0.0.1:5432/postgres")
BACKEND = os.environ.get("READOUT_TEST_BACKEND", "sqlite").lower()

_state: dict[str, object] = {}


def _admin() -> object:
    import psycopg

    return psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)


def postgres_unavailable() -> str | None:
    """Why PostgreSQL cannot be used here, or None when it can."""
    if "why" not in _state:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            _state["why"] = "psycopg is not installed (pip install -e '.[dev]')"
            return str(_state["why"])
        try:
            with _admin():  # type: ignore[attr-defined]
                pass
            _state["why"] = None
        except Exception as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            _state["why"] = (f"PostgreSQL not reachable at {ADMIN_URL} ({first});"
                             " .ci/postgres-up starts it")
    return _state["why"]  # type: ignore[return-value]


def session_database() -> str:
    """A database for this test session (dropped at its end); its URL."""
    if "db" not in _state:
        why = postgres_unavailable()
        if why:
            pytest.skip(why)
        name = f"readout_t_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        with _admin() as conn:  # type: ignore[attr-defined]
            conn.execute(f'CREATE DATABASE "{name}"')
        base = ADMIN_URL.rsplit("/", 1)[0]
        _state["db"] = (name, f"{base}/{name}")
    return str(_state["db"][1])  # type: ignore[index]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: needs a PostgreSQL server (skips without)")
    config.addinivalue_line("markers", "sqlite_only: about the SQLite file itself")
    if BACKEND in ("postgresql", "postgres", "pg"):
        why = postgres_unavailable()
        if why:
            raise pytest.UsageError(f"READOUT_TEST_BACKEND=postgresql but {why}")
        os.environ["READOUT_TEST_POSTGRES"] = session_database()


def pytest_unconfigure(config: pytest.Config) -> None:
    db = _state.get("db")
    if db is None:
        return
    name = db[0]  # type: ignore[index]
    try:
        with _admin() as conn:  # type: ignore[attr-defined]
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except Exception:  # a server gone at the end leaves a database named after this session
        pass


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    on_pg = "READOUT_TEST_POSTGRES" in os.environ
    for item in items:
        if on_pg and item.get_closest_marker("sqlite_only"):
            item.add_marker(pytest.mark.skip(
                reason="about the SQLite file itself; runs in the SQLite pass"))


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL schema (as a URL Readout accepts), or a skip with why."""
    yield new_schema()


def new_schema() -> str:
    import psycopg

    from bot.store.postgres import with_schema

    name = f"p_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(session_database(), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    return with_schema(session_database(), name)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store location on each backend, as APScheduler tests each of its job stores."""
    if request.param == "sqlite":
        return str(tmp_path / "x.db")
    return new_schema()


@pytest.fixture(autouse=True)
def _no_follower_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    """`follow()` marks its process (READOUT_INDEX_FOLLOWED) so that searches leave catching up
    to the follower; one test starting a follower must not change how the others search."""
    monkeypatch.delenv("READOUT_INDEX_FOLLOWED", raising=False)


@pytest.fixture
def white_house_sides(tmp_path: Path) -> Callable[[str, str], list[str]]:
    """The sides of the one meeting a White House readout (title, body) becomes when indexed."""
    from bot.pipeline.ingest import index_sources
    from bot.store import Store

    def sides(title: str, body: str) -> list[str]:
        path = tmp_path / "r.jsonl"
        path.write_text(json.dumps({"title": title, "text": body, "outlet": "The White House",
                                    "url": "https://example.gov/readout-1",
                                    "published": "2023-03-02"}) + "\n", encoding="utf-8")
        store = Store(tmp_path / "r.db")
        try:
            index_sources(store, [str(path)])
            (meeting,) = store.meetings()
            return sorted(meeting["sides"])
        finally:
            store.close()

    return sides
