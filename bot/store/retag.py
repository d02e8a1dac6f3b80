"""Re-tagging stored statements when the theme taxonomy changes (a user edited a TOML file).

The taxonomy's fingerprint is kept in `meta`; it is written only after every batch is stored,
so a crash part-way leaves the old fingerprint and the next run simply re-tags again.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.store.sqlite import Store

FINGERPRINT_KEY = "taxonomy_fingerprint"


def tags_current(store: Store, fingerprint: str) -> bool:
    stored = store.get_meta(FINGERPRINT_KEY)
    if stored is None:
        # A new database has nothing to re-tag; an old one predates fingerprints.
        return store.counts()["statements"] == 0
    return stored == fingerprint


def retag(store: Store, tag: Callable[[str], list[str]], fingerprint: str,
          batch: int = 5000) -> int:
    """Re-tag every statement and source; return how many statements changed themes."""
    changed = 0
    last = 0
    while True:
        rows = store.conn.execute(
            "SELECT sid, text, themes FROM statements WHERE sid > ? ORDER BY sid LIMIT ?",
            (last, batch),
        ).fetchall()
        if not rows:
            break
        last = rows[-1]["sid"]
        with store.transaction() as c:
            for r in rows:
                themes = " ".join(tag(r["text"]))
                if themes != r["themes"]:
                    c.execute("UPDATE statements SET themes=? WHERE sid=?", (themes, r["sid"]))
                    c.execute("INSERT INTO search_journal(sid, op) VALUES (?, 'add')", (r["sid"],))
                    changed += 1
            for s in c.execute(
                "SELECT article_id, paragraph, sentence, text, themes FROM statement_sources"
                " WHERE sid BETWEEN ? AND ?", (rows[0]["sid"], last),
            ).fetchall():
                themes = " ".join(tag(s["text"]))
                if themes != s["themes"]:
                    c.execute(
                        "UPDATE statement_sources SET themes=? WHERE article_id=? AND paragraph=?"
                        " AND sentence=?", (themes, s["article_id"], s["paragraph"], s["sentence"]),
                    )
    store.set_meta(FINGERPRINT_KEY, fingerprint)
    return changed
