"""Registries a user can extend without code: people (`data/people.toml`, `READOUT_PEOPLE`),
countries and their words (`data/countries.toml`, `READOUT_COUNTRIES`), outlets and ministries and
whose readout they publish (`data/outlets.toml`, `READOUT_OUTLETS`).

May import: the bot root (models, errors, config) only.
"""
