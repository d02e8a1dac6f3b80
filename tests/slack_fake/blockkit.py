"""Block Kit checks the fake Slack runs on everything the app sends: slack_sdk's models (each
block parsed into its class and validated by the SDK's own validators) plus the limits Slack
publishes that the models leave out (api.slack.com/reference/block-kit)."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
LIMITS = {  # (block type, field) -> characters
    ("section", "text"): 3000, ("header", "text"): 150, ("context", "text"): 3000,
    ("field", "text"): 2000, ("button", "text"): 75, ("button", "value"): 2000,
    ("option", "text"): 75, ("option", "value"): 150, ("input", "label"): 2000,
}
MESSAGE_METHODS = ("chat.postMessage", "chat.postEphemeral", "chat.update", "response_url")
VIEW_METHODS = ("views.publish", "views.open", "views.update")


def _load(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _text(obj: Any) -> str:
    return obj.get("text", "") if isinstance(obj, dict) else str(obj or "")


def _limits(block: dict[str, Any]) -> list[str]:
    out = []
    kind = block.get("type")

    def over(key: tuple[str, str], value: str) -> None:
        if len(value) > LIMITS[key]:
            out.append(f"{key[0]} {key[1]} {len(value)} > {LIMITS[key]}")

    if kind == "section":
        if "text" in block:
            over(("section", "text"), _text(block["text"]))
        fields = block.get("fields") or []
        if len(fields) > 10:
            out.append("section has more than 10 fields")
        for f in fields:
            over(("field", "text"), _text(f))
    if kind == "header":
        over(("header", "text"), _text(block.get("text")))
    if kind == "context":
        if len(block.get("elements") or []) > 10:
            out.append("context has more than 10 elements")
        for el in block.get("elements") or []:
            over(("context", "text"), _text(el))
    if kind == "input":
        over(("input", "label"), _text(block.get("label")))
    elements = block.get("elements") or []
    if kind == "actions" and len(elements) > 25:
        out.append("actions has more than 25 elements")
    if block.get("accessory"):
        elements = [*elements, block["accessory"]]
    if kind == "input" and block.get("element"):
        elements = [*elements, block["element"]]
    for el in elements:
        if el.get("type") == "button":
            over(("button", "text"), _text(el.get("text")))
            over(("button", "value"), str(el.get("value") or ""))
        for opt in (el.get("options") or []) + (el.get("initial_options") or []):
            over(("option", "text"), _text(opt.get("text")))
            over(("option", "value"), str(opt.get("value") or ""))
    if len(str(block.get("block_id") or "")) > 255:
        out.append("block_id longer than 255")
    return out


def block_problems(blocks: Any, limit: int) -> list[str]:
    blocks = _load(blocks) or []
    out = []
    if not isinstance(blocks, list):
        return [f"blocks is {type(blocks).__name__}, not a list"]
    if len(blocks) > limit:
        out.append(f"{len(blocks)} blocks > {limit}")
    for raw in blocks:
        try:
            parsed = Block.parse(raw)
            if parsed is None or parsed.type != raw.get("type"):
                out.append(f"unknown block {raw.get('type')!r}")
                continue
            parsed.validate_json()
        except Exception as exc:  # the SDK's validators raise SlackObjectFormationError
            out.append(f"{raw.get('type')}: {exc}")
        out += _limits(raw)
    return out


def problems(method: str, params: dict[str, Any]) -> list[str]:
    """What is wrong with one call's Block Kit, [] when nothing."""
    if method in MESSAGE_METHODS:
        out = block_problems(params.get("blocks"), MESSAGE_BLOCKS)
        text = params.get("text")
        if text is not None and len(str(text)) > 40000:
            out.append("text longer than 40,000")
        if params.get("blocks") and not text:
            out.append("blocks without a notification text")
        return out
    if method in VIEW_METHODS:
        view = _load(params.get("view")) or {}
        out = block_problems(view.get("blocks"), VIEW_BLOCKS)
        try:
            View(**view).validate_json()
        except Exception as exc:
            out.append(f"view: {exc}")
        if len(str(view.get("private_metadata") or "")) > 3000:
            out.append("private_metadata longer than 3,000")
        return out
    if method == "chat.unfurl":
        out = []
        for url, unfurl in (_load(params.get("unfurls")) or {}).items():
            out += [f"{url}: {p}" for p in block_problems(unfurl.get("blocks"), MESSAGE_BLOCKS)]
        return out
    return []
