"""Lookups: one function per question, returning data that the CLI and Slack both render.

`queries` (theme timelines, phrase uses, meetings by person, comparisons, home counts),
`readouts` (one meeting's readouts side by side), `questions` (plain English to the query
language). May import: the bot root, `registry`, `analysis`, `meetings`, `store`, `search`.
"""
