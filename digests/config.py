"""Shipped lexicons in digests/data plus the user's TOML files, merged key by key."""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from bot.errors import ConfigError


def load_lexicon(shipped: str, env_var: str) -> dict[str, Any]:
    """Lists are extended, tables updated, scalars replaced; `remove_X` drops entries of X."""
    merged: dict[str, Any] = tomllib.loads(
        resources.files("digests.data").joinpath(shipped).read_text(encoding="utf-8")
    )
    for raw in os.environ.get(env_var, "").split(os.pathsep):
        if not raw.strip():
            continue
        path = Path(raw)
        try:
            layer = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"{path}: no such file (named by {env_var})") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        for key, value in layer.items():
            if key.startswith("remove_") and isinstance(value, list):
                target = key.removeprefix("remove_")
                drop = {str(v).lower() for v in value}
                if isinstance(merged.get(target), list):
                    merged[target] = [v for v in merged[target] if str(v).lower() not in drop]
                elif isinstance(merged.get(target), dict):
                    merged[target] = {k: v for k, v in merged[target].items()
                                      if k.lower() not in drop}
            elif isinstance(value, list) and isinstance(merged.get(key), list):
                merged[key] = [*merged[key], *value]
            elif isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
    return merged
