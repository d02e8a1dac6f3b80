"""/readout and the "Find related statements" message shortcut: acknowledge, then queue.

`help` (and an empty command) is answered in the acknowledgement itself; a bare `subscribe`
opens the subscription form; lookups go to the answerer; subcommands that change state or
need Slack (`subscribe`, `unsubscribe`, `subscriptions`, `digest`) run on the io pool, and
`add <url>` on the slow pool. The answer reaches the user through the response_url.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.slack import answers, commands
from bot.slack.courier import ResponseUrl
from bot.slack.runtime import Runtime, scope
from bot.slack.workers import IN_PROCESS

log = logging.getLogger(__name__)

SHORTCUT_RELATED = "readout_related"


def register(app: App, rt: Runtime) -> None:
    @app.command("/readout")
    def readout(ack: Ack, command: dict[str, Any], client: WebClient,
                context: BoltContext) -> None:
        text = str(command.get("text") or "")
        if commands.is_instant(text):
            ack(response_type="ephemeral", **answers.help_answer().messages()[0])
            return
        ack()
        team, enterprise = scope(context)
        user, channel = str(command.get("user_id") or ""), str(command.get("channel_id") or "")
        if commands.opens_form(text):
            from bot.slack.listen_actions import open_form

            rt.in_io(open_form, rt, client, str(command.get("trigger_id") or ""), user,
                     channel=channel)
            return
        dest = ResponseUrl(url=str(command.get("response_url") or ""))
        first = commands.first_word(text)
        if first in IN_PROCESS:
            inv = commands.Invocation(
                text=text, user_id=user, channel_id=channel, team_id=team,
                enterprise_id=enterprise, settings=rt.settings, store=rt.store,
                on_subscriptions_changed=rt.changed, client=client)
            pool = rt.slow if first == "add" else rt.io
            future = pool.submit(lambda: commands.run(inv).messages())
        else:
            future = rt.answerer.submit("command", {"text": text, "user": user,
                                                    "channel": channel, "team": team})
        rt.courier.answer_when_done(future, dest)

    @app.shortcut(SHORTCUT_RELATED)
    def related(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        text = str((body.get("message") or {}).get("text") or "")
        url = str(body.get("response_url") or "")
        if not url:
            return
        rt.courier.answer_when_done(rt.answerer.submit("related", {"text": text}),
                                    ResponseUrl(url=url))
