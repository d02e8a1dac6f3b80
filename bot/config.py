"""Loading the shipped TOML registries plus the user's own files, without code changes."""

from __future__ import annotations

import importlib.util
import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from bot.errors import ConfigError


def load_layers(
    package: str, shipped: str, env_var: str, extra: list[Path] | None = None
) -> list[dict[str, Any]]:
    """The shipped file (`<package>/data/<shipped>`, package data so a plain install has it)
    first, then each user file named in `env_var` (os.pathsep-separated)."""
    data = resources.files(package).joinpath("data", shipped)
    layers = [tomllib.loads(data.read_text(encoding="utf-8"))]
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


def seeds_dir() -> Path:
    """The five bundled seed articles: package data (`bot.seeds`) in an installed wheel, else the
    `seeds/` folder of the checkout an editable install points at."""
    spec = importlib.util.find_spec("bot.seeds")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    checkout = Path(__file__).resolve().parent.parent / "seeds"
    if checkout.is_dir():
        return checkout
    raise ConfigError("the bundled seeds are missing from this install; name a folder instead")
