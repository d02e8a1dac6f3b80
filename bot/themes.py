"""Theme taxonomy and tagging (placeholder: the themes helper replaces the tagging)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from bot.config import load_layers


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str
    phrases: tuple[str, ...]
    keywords: tuple[str, ...]


class Taxonomy:
    def __init__(self, themes: dict[str, Theme]) -> None:
        self.themes = themes

    @classmethod
    def load(cls) -> Taxonomy:
        merged: dict[str, Theme] = {}
        for layer in load_layers("themes.toml", "READOUT_THEMES"):
            for tid, spec in layer.get("theme", {}).items():
                merged[tid] = Theme(
                    tid, spec.get("label", tid), spec.get("description", ""),
                    tuple(spec.get("phrases", [])), tuple(spec.get("keywords", [])),
                )
        return cls(merged)

    def ids(self) -> list[str]:
        return list(self.themes)

    def tag(self, text: str) -> list[str]:
        low = text.lower()
        return [t.id for t in self.themes.values()
                if any(p in low for p in (*t.phrases, *t.keywords))]


@cache
def default_taxonomy() -> Taxonomy:
    return Taxonomy.load()
