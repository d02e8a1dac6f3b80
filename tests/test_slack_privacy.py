"""Privacy and paging, over a real `readout serve` and `readout socket`:

- *Chart over time* on a private answer uploads the PNG to no channel and shows it in an
  ephemeral message: the channel never sees it.
- *More results* replaces the answer in place when it is the clicker's own (an ephemeral
  answer, or the bot's DM); on an answer shared in a channel it gives the clicker a private
  page and posts nothing for the channel.
- *Share in channel* credits who shared it.
- `/readout digest` previews a long digest in at most 5 response_url posts (Slack's limit).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_fake import FakeSlack, blocks_text
from slack_fake.process import ReadoutProcess, launch, stop_quietly

ALICE = "UALICE1"
STATE = json.dumps({"k": "search", "q": "China", "o": 10})


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()
    assert server.violations == []


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus a meeting long enough that its digest runs to several thread messages."""
    from slack_fake.harness import SEEDS
    from test_digest_fixtures import WANG, meeting

    from bot.pipeline.ingest import index_sources
    from bot.store import Store

    path = tmp_path_factory.mktemp("privacy") / "readout.db"
    store = Store(path)
    index_sources(store, [str(SEEDS)])
    long_text = "Wang said that " + " ".join(f"cooperation item{i} matters" for i in range(900))
    meeting(store, "huge.txt", "2026-01-05", [WANG, ("Cho Hyun", "south_korea")],
            [(WANG, f"{long_text} number {n}.", ["relations", "trade"]) for n in range(40)])
    store.close()
    return path


@pytest.fixture(scope="module", params=["serve", "socket"])
def app(request: pytest.FixtureRequest, db: Path, fake: FakeSlack) -> Iterator[ReadoutProcess]:
    proc = launch(request.param, db, fake)
    yield proc
    stop_quietly(proc)


def test_chart_on_a_private_answer_stays_private(app: ReadoutProcess, fake: FakeSlack) -> None:
    before = len(fake.of("files.completeUploadExternal"))
    _, path = app.action({"action_id": "readout_chart",
                          "value": json.dumps({"k": "chart", "t": "supply_chains"})},
                         channel="C1", ephemeral=True)
    done = fake.wait_for("files.completeUploadExternal", before + 1)[-1]
    assert not done.params.get("channel_id") and not done.params.get("channels")
    msg = fake.wait_path(path)
    assert msg is not None and msg.params["response_type"] == "ephemeral"
    assert msg.params["blocks"][0]["type"] == "image"
    assert msg.params["blocks"][0]["slack_file"]["id"] == "F0CHART"
    assert not [c for c in fake.of("chat.postMessage") if c.params.get("channel") == "C1"]


def test_paging_a_private_answer_replaces_it_in_place(app: ReadoutProcess,
                                                      fake: FakeSlack) -> None:
    _, path = app.action({"action_id": "readout_more", "value": STATE}, ephemeral=True)
    msg = fake.wait_path(path).params
    assert msg["response_type"] == "ephemeral" and msg["replace_original"] is True
    assert "showing 11–" in blocks_text(msg["blocks"])


def test_paging_a_shared_answer_gives_the_clicker_a_private_page(app: ReadoutProcess,
                                                                 fake: FakeSlack) -> None:
    _, path = app.action({"action_id": "readout_more", "value": STATE}, ephemeral=False,
                         user="UBYSTANDER")
    fake.quiet(0.3)
    msgs = [c.params for c in fake.at_path(path)]
    assert msgs and all(m["response_type"] == "ephemeral" for m in msgs)
    assert all(m["replace_original"] is False for m in msgs)  # the shared answer stays
    assert "Share in channel" in blocks_text(msgs[0]["blocks"])


def test_paging_in_the_bots_dm_replaces_the_message(app: ReadoutProcess,
                                                    fake: FakeSlack) -> None:
    _, path = app.action({"action_id": "readout_more", "value": STATE}, ephemeral=False,
                         channel="D1")
    msg = fake.wait_path(path).params
    assert msg["replace_original"] is True
    assert "Share in channel" not in blocks_text(msg["blocks"])


def test_share_in_channel_credits_who_shared_it(app: ReadoutProcess, fake: FakeSlack) -> None:
    _, path = app.action({"action_id": "readout_share",
                          "value": json.dumps({"k": "theme", "t": "supply_chains", "o": 0})},
                         user=ALICE)
    msg = fake.wait_path(path).params
    assert msg["response_type"] == "in_channel"
    assert f"Shared by <@{ALICE}>" in blocks_text(msg["blocks"])
    assert "Share in channel" not in blocks_text(msg["blocks"])


def test_digest_preview_stays_within_five_replies(app: ReadoutProcess, fake: FakeSlack) -> None:
    reply, path = app.command("digest", channel="CPREVIEW")
    assert reply.status == 200
    deadline = time.monotonic() + 60
    while not any("only you can see it" in blocks_text(c.params.get("blocks", []))
                  for c in fake.at_path(path)):
        assert time.monotonic() < deadline, "no preview"
        time.sleep(0.1)
    fake.quiet(1.0)
    msgs = [c.params for c in fake.at_path(path)]
    assert 2 <= len(msgs) <= 5
    assert all(m["response_type"] == "ephemeral" for m in msgs)
    assert "continues in" in blocks_text(msgs[-1]["blocks"])
    assert "only you can see it" in blocks_text(msgs[-1]["blocks"])
