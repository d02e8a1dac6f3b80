"""The indexing flow end to end: `analyse` reads and analyses one source (pure, so `parallel` can
run it in worker processes), `ingest` stores the results in source order and syncs the search
index.

May import: the bot root, `registry`, `articles`, `analysis`, `meetings`, `store`, `search`.
"""
