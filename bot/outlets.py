"""Whose readout an article is: the outlet's country (placeholder: the merge helper replaces)."""

from __future__ import annotations


def side_of_outlet(outlet: str | None, url: str | None = None) -> str | None:
    if outlet and outlet.lower() in {"xinhua", "cgtn", "people's daily"}:
        return "china"
    return None
