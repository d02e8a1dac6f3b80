"""Loading the shipped TOML registries plus the user's own files, without code changes."""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from bot.errors import ConfigError


def load_layers(
    shipped: str, env_var: str, extra: list[Path] | None = None
) -> list[dict[str, Any]]:
    """The shipped file first, then each user file named in `env_var` (os.pathsep-separated)."""
    layers = [tomllib.loads(resources.files("bot.data").joinpath(shipped).read_text())]
    paths = list(extra or [])
    env = os.environ.get(env_var, "")
    paths += [Path(p) for p in env.split(os.pathsep) if p.strip()]
    for path in paths:
        try:
            layers.append(tomllib.loads(Path(path).read_text(encoding="utf-8")))
        except FileNotFoundError as exc:
            raise ConfigError(f"{path}: no such file (named by {env_var})") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    return layers
