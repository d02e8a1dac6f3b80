"""The Slack face of Readout: a Bolt app over signed HTTP (`server`) or Socket Mode.

Thin: parse a command, event or action, call a lookup or a digest, render Block Kit (`blocks`,
`answers`, `home`). `client` builds the Web API client everyone uses. May import every package
below the faces (`lookups`, `pipeline`, `search`, `store`, `analysis`, `registry`, `digests`),
never `bot.cli`.
"""
