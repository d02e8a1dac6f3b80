"""The registry of standard formulations: one formulation, several wordings, one theme.

Diplomatic formulations are translated and reworded: "genuine strategic cooperative partners"
and "genuine strategic partners" are one formulation whose wording changed, and a digest should
say so instead of listing one as new and the other as dropped. The shipped registry
(digests/data/formulations.toml) holds the standard formulations of the readouts Readout was
built on; a user extends or overrides it with TOML files named in `READOUT_FORMULATIONS`
(separated by `:`), the same shape:

    [formulation.genuine_partners]
    theme = "relations"
    wordings = ["genuine strategic cooperative partners", "genuine strategic partners"]
    stance = "warmth"          # optional: warmth | demand | complaint | condition | warning

    [formulation.one_china]
    add_wordings = ["one China policy"]   # add_ appends to a shipped entry
    [formulation.old_slogan]
    disabled = true                       # drop a shipped entry

Wordings are matched on folded words (case, plurals), anywhere in a statement.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from bot.errors import ConfigError

ENV = "READOUT_FORMULATIONS"
_FIELDS = {"theme", "wordings", "stance", "label", "disabled", "add_wordings"}
_STANCES = {"warmth", "demand", "complaint", "condition", "warning", ""}
_ID = re.compile(r"[a-z][a-z0-9_]*")
_WORDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")


@dataclass(frozen=True)
class Formulation:
    id: str
    theme: str
    wordings: tuple[str, ...]
    stance: str = ""
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or self.wordings[0]


class Registry:
    def __init__(self, entries: dict[str, Formulation]) -> None:
        self.entries = entries
        self._by_key: dict[str, str] = {}
        self._wording: dict[str, str] = {}
        self._index: dict[tuple[str, ...], list[tuple[tuple[str, ...], str, str]]] = {}
        self._rules: Any = None

    # -- loading ---------------------------------------------------------------------------
    @classmethod
    def load(cls) -> Registry:
        shipped = resources.files("digests.data").joinpath("formulations.toml")
        layers = [("formulations.toml", tomllib.loads(shipped.read_text(encoding="utf-8")))]
        for raw in os.environ.get(ENV, "").split(os.pathsep):
            if not raw.strip():
                continue
            path = Path(raw)
            try:
                layers.append((str(path), tomllib.loads(path.read_text(encoding="utf-8"))))
            except FileNotFoundError as exc:
                raise ConfigError(f"{path}: no such file (named by {ENV})") from exc
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        merged: dict[str, dict[str, Any]] = {}
        for name, layer in layers:
            for fid, spec in (layer.get("formulation") or {}).items():
                if not _ID.fullmatch(fid) or not isinstance(spec, dict):
                    raise ConfigError(f"{name}: formulation id {fid!r} is not lowercase_snake")
                unknown = set(spec) - _FIELDS
                if unknown:
                    raise ConfigError(f"{name}: formulation {fid}: unknown field"
                                      f" {', '.join(sorted(unknown))}")
                if spec.get("disabled"):
                    merged.pop(fid, None)
                    continue
                entry = merged.setdefault(fid, {"wordings": []})
                for k, v in spec.items():
                    if k == "add_wordings":
                        entry["wordings"] = [*entry["wordings"], *v]
                    else:
                        entry[k] = v
                if not entry["wordings"] or not all(isinstance(w, str) for w in
                                                    entry["wordings"]):
                    raise ConfigError(f"{name}: formulation {fid} has no wordings")
                if entry.get("stance", "") not in _STANCES:
                    raise ConfigError(f"{name}: formulation {fid}: stance must be one of"
                                      f" {', '.join(sorted(_STANCES - {''}))}")
        return cls({fid: Formulation(fid, str(e.get("theme", "")),
                                     tuple(dict.fromkeys(e["wordings"])),
                                     str(e.get("stance", "")), str(e.get("label", "")))
                    for fid, e in merged.items()})

    def fingerprint(self) -> str:
        blob = json.dumps({k: [v.theme, v.wordings, v.stance] for k, v in
                           sorted(self.entries.items())})
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    # -- matching --------------------------------------------------------------------------
    def prepare(self, rules: Any) -> None:
        """Fold every wording with the phrase rules' folding (digests.phrases.registry does)."""
        if self._rules is rules:
            return
        self._rules = rules
        self._by_key, self._index = {}, {}
        for f in self.entries.values():
            for w in f.wordings:
                key = tuple(self._fold(w, rules))
                if not key:
                    continue
                self._by_key[" ".join(key)] = f.id
                self._wording.setdefault(" ".join(key), w)
                self._index.setdefault(key[:1], []).append((key, " ".join(key), f.id))
        for bucket in self._index.values():
            bucket.sort(key=lambda e: len(e[0]), reverse=True)

    @staticmethod
    def _fold(text: str, rules: Any) -> list[str]:
        text = re.sub(r"\b([A-Z])\.([A-Z])\.", r"\1\2", text.replace("’", "'"))
        return [rules.fold(w.replace("-", " ")).replace(" ", "-")
                for w in _WORDS.findall(text)]

    def find(self, text: str, rules: Any) -> list[tuple[str, str]]:
        """(key, surface) of every wording of a registered formulation in the text."""
        self.prepare(rules)
        clean = re.sub(r"\b([A-Z])\.([A-Z])\.", r"\1\2", text.replace("’", "'"))
        matches = list(_WORDS.finditer(clean))
        words = [rules.fold(m.group(0)) for m in matches]
        out: list[tuple[str, str]] = []
        i = 0
        while i < len(words):
            for key, joined, _fid in self._index.get((words[i],), []):
                if tuple(words[i : i + len(key)]) == key:
                    # The words as written, punctuation inside included ("stable, sustainable
                    # and predictable").
                    surface = clean[matches[i].start():matches[i + len(key) - 1].end()]
                    out.append((joined, re.sub(r"\s*[\"“”]\s*", " ", surface).strip()))
                    i += len(key) - 1
                    break
            i += 1
        return out

    def key(self, wording: str, rules: Any) -> str:
        """The normalised key of a wording as the registry matches it."""
        return " ".join(self._fold(wording, rules))

    def family(self, key: str) -> str | None:
        """The formulation id a normalised wording belongs to (after `prepare`)."""
        return self._by_key.get(key)

    def wording(self, key: str) -> str:
        """The registry's own spelling of a normalised wording (for display)."""
        return self._wording.get(key, key)

    def keys(self) -> dict[str, str]:
        """Every normalised wording -> its formulation id (after `prepare`)."""
        return dict(self._by_key)

    def get(self, fid: str) -> Formulation | None:
        return self.entries.get(fid)


@cache
def default_registry() -> Registry:
    return Registry.load()
