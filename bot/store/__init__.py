"""Store: the source of truth (SQLite embedded, or PostgreSQL shared by several machines).
Everything else (search index, digests) derives from it. `sqlite` holds the Store and its SQLite
backend; `postgres` the PostgreSQL backend, a connection adapter that runs the same SQL through
`dialect`'s translation. `placing` applies `bot.meetings` rules inside a transaction;
`corrections` keeps a user's split/join overrides; `retag` re-tags stored statements; `migrate`
upgrades the schema.

May import: the bot root, `registry`, `analysis`, `meetings`.
"""

from bot.store.sqlite import SCHEMA_VERSION, Store, default_db_path

__all__ = ["SCHEMA_VERSION", "Store", "default_db_path"]
