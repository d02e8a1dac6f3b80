"""Digests: what moved since the last digest — new, repeated, dropped formulations, silences, tone.

phrases.py finds formulation candidates (positions.py the ones said as clauses, on lexicon.py's
word lists and classes), strength.py ranks them, compare.py decides, build.py assembles a
Digest, render_*.py show it, post.py delivers it exactly once, schedule.py runs subscriptions
with APScheduler, watcher.py indexes new corpus files/feeds.
May import: the bot packages below the faces (`pipeline`, `lookups`, `search`, `store`,
`analysis`, `registry`, root), never `bot.slack` or `bot.cli` (a Slack client is passed in).
"""
