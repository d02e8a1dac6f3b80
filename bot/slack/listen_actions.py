"""Buttons and the subscription form.

Answer buttons: *More results* / *Earlier on this theme* replace the answer in place when it is
the clicker's own (an ephemeral answer, or the bot's DM); on an answer shared in a channel they
give the clicker a private page instead of posting for everyone. *Share in channel* posts the
answer with "Shared by @user". *Chart over time* uploads the PNG privately (a file shared to no
channel) and shows it in an ephemeral message, so a private answer's chart stays private.

App Home buttons (new, pause/resume, edit, delete) and the form's submission act only on the
clicker's workspace's subscriptions, and on a private channel's only for its members.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import ReadoutError
from bot.slack import home, subscribing
from bot.slack.blocks import (
    ACTION_CHART,
    ACTION_EARLIER,
    ACTION_MORE,
    ACTION_SHARE,
    esc,
    plain,
)
from bot.slack.courier import ResponseUrl
from bot.slack.runtime import Runtime, scope

log = logging.getLogger(__name__)


def button_state(body: dict[str, Any]) -> dict[str, Any]:
    try:
        action = body["actions"][0]
        raw = action.get("value") or (action.get("selected_option") or {}).get("value") or "{}"
        value = json.loads(raw)
        return value if isinstance(value, dict) else {"k": "unreadable"}
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return {"k": "unreadable"}


def _where(body: dict[str, Any]) -> tuple[bool, str]:
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id") or ""
    return bool(container.get("is_ephemeral")), str(channel)


def _user(body: dict[str, Any]) -> str:
    return str((body.get("user") or {}).get("id") or "")


def open_form(rt: Runtime, client: WebClient, trigger_id: str, user_id: str,
              channel: str | None = None, sub: Any = None) -> None:
    """The subscription form, with the user's own time zone filled in."""
    tz = subscribing.user_zone(client, user_id) if sub is None else sub.tz
    view = subscribing.modal(tz, sub=sub, channel=channel if channel and
                             not channel.startswith("D") else None)
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as exc:
        log.warning("views.open failed: %s", exc.response.get("error"))


def _dm(client: WebClient, user_id: str, text: str) -> None:
    try:
        client.chat_postMessage(channel=user_id, text=plain(text), blocks=[
            {"type": "section", "text": {"type": "mrkdwn", "text": text}}])
    except SlackApiError as exc:
        log.warning("could not DM a user: %s", exc.response.get("error"))


def _manageable(rt: Runtime, client: WebClient, context: BoltContext, user: str,
                channel: str) -> Any:
    """The subscription if this user of this workspace may change it, else None."""
    from digests.subscriptions import get_subscription

    team, enterprise = scope(context)
    sub = get_subscription(rt.store, channel, team, enterprise)
    if sub is None:
        return None
    if sub.is_private:
        mine = home.user_channels(client, user)
        if mine is None or channel not in mine:
            return None
    return sub


def register(app: App, rt: Runtime) -> None:
    # -- answer buttons ----------------------------------------------------------------------
    def page(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        ephemeral, channel = _where(body)
        in_dm = channel.startswith("D")
        url = str(body.get("response_url") or "")
        # Replace the answer in place when it is the clicker's own; else a private page.
        dest = ResponseUrl(url=url, ephemeral=ephemeral or not in_dm,
                           replace=ephemeral or in_dm)
        future = rt.answerer.submit("state", {"state": button_state(body),
                                              "ephemeral": not in_dm})
        rt.courier.answer_when_done(future, dest)

    def share(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        url = str(body.get("response_url") or "")
        future = rt.answerer.submit("state", {"state": button_state(body), "ephemeral": False,
                                              "shared_by": _user(body)})
        rt.courier.answer_when_done(future, ResponseUrl(url=url, ephemeral=False))

    def chart(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        rt.in_io(_chart, rt, client, body)

    app.action(ACTION_MORE)(page)
    app.action(ACTION_EARLIER)(page)
    app.action(ACTION_SHARE)(share)
    app.action(ACTION_CHART)(chart)

    # -- App Home ----------------------------------------------------------------------------
    def home_button(ack: Ack, body: dict[str, Any], client: WebClient,
                    context: BoltContext) -> None:
        ack()
        rt.in_io(_home_action, rt, client, context, body)

    for action_id in home.HOME_ACTIONS:
        app.action(action_id)(home_button)

    # -- the form ----------------------------------------------------------------------------
    @app.view(subscribing.MODAL)
    def submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                  context: BoltContext) -> None:
        channel, spec, errors = subscribing.read_modal(view)
        if errors:
            ack(response_action="errors", errors=errors)
            return
        ack()
        try:
            edit = json.loads(view.get("private_metadata") or "{}").get("edit")
        except ValueError:
            edit = None
        rt.in_io(_save, rt, client, context, _user(body), str(channel), spec, edit)


def _chart(rt: Runtime, client: WebClient, body: dict[str, Any]) -> None:
    from bot.analysis.themes import default_taxonomy
    from bot.lookups.queries import check_theme, theme_counts
    from bot.slack.charts import theme_chart

    dest = ResponseUrl(url=str(body.get("response_url") or ""), ephemeral=True)
    try:
        theme = check_theme(str(button_state(body).get("t")))
    except ReadoutError as exc:
        rt.courier.deliver(dest, [{"text": plain(f"No chart: {exc}")}])
        return
    tax = default_taxonomy()
    label = tax.themes[theme].label if theme in tax.themes else theme
    png = theme_chart(label, theme_counts(rt.store, theme))
    try:
        # No channel: the file is private to the app, shown only in the ephemeral answer.
        upload = client.files_upload_v2(file=png, filename=f"{theme}.png",
                                        title=f"{label} over time",
                                        alt_txt=f"{label}: statements per year by side")
        file_id = (upload.get("file") or {}).get("id") or upload["files"][0]["id"]
    except (SlackApiError, KeyError, IndexError) as exc:
        error = exc.response.get("error") if isinstance(exc, SlackApiError) else exc
        rt.courier.deliver(dest, [{"text": plain(f"I could not make the chart ({error}).")}])
        return
    title = f"{label} over time"
    rt.courier.deliver(dest, [{"text": plain(title), "blocks": [{
        "type": "image", "slack_file": {"id": file_id},
        "alt_text": plain(f"{label}: statements per year by side", 2000),
        "title": {"type": "plain_text", "text": plain(title, 2000)}}]}])


def _home_action(rt: Runtime, client: WebClient, context: BoltContext,
                 body: dict[str, Any]) -> None:
    from digests.subscriptions import set_paused, unsubscribe

    action = (body.get("actions") or [{}])[0].get("action_id")
    user = _user(body)
    team, enterprise = scope(context)
    if action == home.ACTION_NEW:
        open_form(rt, client, str(body.get("trigger_id") or ""), user)
        return
    channel = str(button_state(body).get("c") or "")
    sub = _manageable(rt, client, context, user, channel)
    if sub is None:
        _dm(client, user, "That subscription is not yours to change (or no longer exists).")
    elif action == home.ACTION_EDIT:
        open_form(rt, client, str(body.get("trigger_id") or ""), user, sub=sub)
        return
    elif action in (home.ACTION_PAUSE, home.ACTION_RESUME):
        set_paused(rt.store, channel, action == home.ACTION_PAUSE, team, enterprise)
        rt.changed()
    elif action == home.ACTION_DELETE:
        unsubscribe(rt.store, channel, team_id=team)
        rt.changed()
    home.publish_home(client, rt.store, user, team, enterprise)


def _save(rt: Runtime, client: WebClient, context: BoltContext, user: str, channel: str,
          spec: subscribing.Spec, edit: str | None) -> None:
    from digests.subscriptions import unsubscribe

    team, enterprise = scope(context)
    try:
        if edit and edit != channel and _manageable(rt, client, context, user, edit) is None:
            raise ReadoutError("that subscription is not yours to change")
        sub = subscribing.subscribe_channel(client, rt.store, team_id=team,
                                            enterprise_id=enterprise, user_id=user,
                                            channel=channel, spec=spec)
        if edit and edit != channel:
            unsubscribe(rt.store, edit, team_id=team)
        rt.changed()
        _dm(client, user, f"Subscribed: {subscribing.describe(sub)}.")
    except ReadoutError as exc:
        where = f"<#{channel}>" if re.fullmatch(r"[CG][A-Z0-9]{2,20}", channel) else \
            "that channel"
        _dm(client, user, f":warning: No subscription for {where}: {esc(exc)}.")
    home.publish_home(client, rt.store, user, team, enterprise)

