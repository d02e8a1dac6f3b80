"""Only what pyproject.toml cannot say: the packages found under bot/ and digests/, plus the
top-level seeds/ folder shipped as the `bot.seeds` package (package data for `readout demo`)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["bot", "bot.*", "digests", "digests.*"]), "bot.seeds"],
    package_dir={"bot.seeds": "seeds"},
)
