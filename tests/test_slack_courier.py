"""The courier against the fake Slack: a 429 holds no thread, one destination's messages keep
their order, a response_url gets at most 5 posts, a slow answer is preceded by a working note
that the answer then replaces, and the app's clients never sleep through a long Retry-After."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import pytest
from slack_fake import FakeSlack
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.client import web_client
from bot.slack.courier import Conversation, Courier, ResponseUrl, Timer
from bot.slack.settings import Settings


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture
def courier() -> Iterator[Courier]:
    pool, timer = ThreadPoolExecutor(1), Timer()  # one thread: any wait would show
    yield Courier(pool, timer)
    timer.stop()
    pool.shutdown(wait=False)


def client(fake: FakeSlack) -> WebClient:
    return web_client(Settings(api_url=fake.api_url), "xoxb-test", rate_limit_retries=0)


def msg(text: str) -> dict[str, str]:
    return {"text": text}


def wait(check: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_a_429_holds_no_thread(fake: FakeSlack, courier: Courier) -> None:
    fake.fail_next("chat.postMessage", 429, retry_after=2)
    t0 = time.monotonic()
    courier.deliver(Conversation(client=client(fake), channel="DA"), [msg("a")])
    courier.deliver(Conversation(client=client(fake), channel="DB"), [msg("b")])
    wait(lambda: fake.posts("DB"))
    assert time.monotonic() - t0 < 1.5  # B did not wait behind A's Retry-After
    assert not fake.posts("DA")
    wait(lambda: fake.posts("DA"))
    assert time.monotonic() - t0 >= 2


def test_one_destinations_messages_keep_their_order(fake: FakeSlack, courier: Courier) -> None:
    dest = Conversation(client=client(fake), channel="DO")
    courier.deliver(dest, [msg("1")])
    fake.fail_next("chat.postMessage", 429, retry_after=1)
    courier.deliver(dest, [msg("2"), msg("3")])
    courier.deliver(dest, [msg("4")])
    wait(lambda: len(fake.posts("DO")) == 4)
    assert [p["text"] for p in fake.posts("DO")] == ["1", "2", "3", "4"]


def test_a_response_url_gets_at_most_five_posts(fake: FakeSlack, courier: Courier) -> None:
    dest = ResponseUrl(url=fake.response_url("five"))
    courier.deliver(dest, [msg(str(i)) for i in range(8)])
    courier.deliver(dest, [msg("late")])
    wait(lambda: len(fake.at_path("/response/five")) >= 5)
    fake.quiet(0.5)
    posts = [c.params for c in fake.at_path("/response/five")]
    assert [p["text"] for p in posts[:4]] == ["0", "1", "2", "3"]
    assert len(posts) == 5 and "4 more parts" in posts[4]["text"]


def test_a_slow_answer_gets_a_note_the_answer_replaces(fake: FakeSlack,
                                                       courier: Courier) -> None:
    for dest in (Conversation(client=client(fake), channel="DW"),
                 ResponseUrl(url=fake.response_url("w"))):
        before = len(fake.calls)
        future: Future[list[dict[str, str]]] = Future()
        courier.answer_when_done(future, dest, working_after=0.2)
        time.sleep(0.6)
        future.set_result([msg("answer"), msg("more")])
        wait(lambda b=before: len(fake.calls) >= b + 3)
    dm = fake.posts("DW")
    assert dm[0]["text"].startswith("Working on it")
    update = fake.of("chat.update")[-1].params
    assert update["ts"] == dm[0]["ts"] and update["text"] == "answer"
    assert [p["text"] for p in dm][1:] == ["more"]
    hook = [c.params for c in fake.at_path("/response/w")]
    assert hook[0]["text"].startswith("Working on it") and hook[0]["replace_original"] is False
    assert hook[1]["text"] == "answer" and hook[1]["replace_original"] is True
    assert hook[2]["replace_original"] is False


def test_a_quick_answer_gets_no_note(fake: FakeSlack, courier: Courier) -> None:
    future: Future[list[dict[str, str]]] = Future()
    courier.answer_when_done(future, ResponseUrl(url=fake.response_url("q")),
                             working_after=0.3)
    future.set_result([msg("answer")])
    time.sleep(0.6)
    assert [c.params["text"] for c in fake.at_path("/response/q")] == ["answer"]


def test_the_apps_client_gives_up_on_a_long_retry_after(fake: FakeSlack) -> None:
    c = web_client(Settings(api_url=fake.api_url), "xoxb-test", max_wait=3.0)
    fake.fail_next("views.publish", 429, retry_after=30)
    t0 = time.monotonic()
    with pytest.raises(SlackApiError):
        c.views_publish(user_id="U1", view={"type": "home", "blocks": []})
    assert time.monotonic() - t0 < 2
    fake.fail_next("views.publish", 429, retry_after=1)
    assert c.views_publish(user_id="U1", view={"type": "home", "blocks": []})["ok"]
