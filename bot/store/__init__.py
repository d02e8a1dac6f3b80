"""SQLite store: the source of truth. Everything else (search index, digests) derives from it."""

from bot.store.sqlite import SCHEMA_VERSION, Store, default_db_path

__all__ = ["SCHEMA_VERSION", "Store", "default_db_path"]
