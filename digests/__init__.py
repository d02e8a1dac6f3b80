"""Digests: what moved since the last digest — new, repeated, dropped formulations, silences, tone.

compare.py decides, build.py assembles a Digest, render_*.py show it, post.py delivers it exactly
once, schedule.py runs subscriptions with APScheduler, watcher.py indexes new corpus files/feeds.
"""
