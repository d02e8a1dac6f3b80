CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per article; `source` is the file name or URL it came from.
CREATE TABLE IF NOT EXISTS articles (
    id           TEXT PRIMARY KEY,
    source       TEXT NOT NULL UNIQUE,
    url          TEXT,
    outlet       TEXT,
    side         TEXT,
    title        TEXT NOT NULL,
    published    TEXT,
    dateline     TEXT,
    event_date   TEXT,
    format       TEXT NOT NULL,
    location     TEXT,
    occasion     TEXT,
    participants TEXT NOT NULL,  -- JSON [{name, side, person_id}]
    paragraphs   TEXT NOT NULL,  -- JSON [str]
    meeting_id   TEXT NOT NULL,
    merge_reason TEXT NOT NULL,
    date_reason  TEXT NOT NULL DEFAULT '',
    month_day    TEXT,  -- "07-28" of a report that gives no year ("on July 28")
    indexed_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_meeting ON articles(meeting_id);
-- Placing looks up the reports of the days around a report's date (bot/store/regroup.py).
CREATE INDEX IF NOT EXISTS articles_date ON articles(event_date);
CREATE INDEX IF NOT EXISTS articles_month_day ON articles(month_day);

CREATE TABLE IF NOT EXISTS meetings (
    id           TEXT PRIMARY KEY,
    event_date   TEXT,
    format       TEXT NOT NULL,
    location     TEXT,
    occasion     TEXT,
    participants TEXT NOT NULL,  -- JSON [{name, side, person_id}]
    sides        TEXT NOT NULL,  -- JSON sorted [side]: the relationship this meeting belongs to
    created_seq  INTEGER NOT NULL,
    origin       TEXT NOT NULL DEFAULT 'auto'  -- auto | split: a split meeting attracts no one
);
CREATE INDEX IF NOT EXISTS meetings_date ON meetings(event_date);

-- One row per distinct statement of a meeting; reprints of it are extra statement_sources.
-- AUTOINCREMENT keeps ids monotonic, which digests rely on for their watermark.
CREATE TABLE IF NOT EXISTS statements (
    sid         INTEGER PRIMARY KEY AUTOINCREMENT,
    uid         TEXT NOT NULL UNIQUE,
    meeting_id  TEXT NOT NULL,
    article_id  TEXT NOT NULL,  -- first source
    paragraph   INTEGER NOT NULL,
    sentence    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    speaker     TEXT,
    side        TEXT,
    themes      TEXT NOT NULL,  -- space-separated theme ids
    event_date  TEXT,
    outlet      TEXT,
    via         TEXT,
    rule        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS statements_meeting ON statements(meeting_id);
CREATE INDEX IF NOT EXISTS statements_date ON statements(event_date);
CREATE INDEX IF NOT EXISTS statements_speaker ON statements(speaker, event_date);
-- An article's own statements (counted and moved when it is indexed, replaced or split):
-- without it each of those is a scan of every statement, and indexing grows quadratically.
CREATE INDEX IF NOT EXISTS statements_article ON statements(article_id);

CREATE TABLE IF NOT EXISTS statement_sources (
    sid        INTEGER NOT NULL REFERENCES statements(sid) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    paragraph  INTEGER NOT NULL,
    sentence   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    -- What this source itself said about the sentence, so an article can be moved to another
    -- meeting (split/join) and a reprint's own attribution is not lost.
    speaker    TEXT,
    side       TEXT,
    themes     TEXT NOT NULL DEFAULT '',
    via        TEXT,
    rule       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, paragraph, sentence)
);
CREATE INDEX IF NOT EXISTS statement_sources_sid ON statement_sources(sid);

-- User corrections to meeting merging, keyed by article id (a content hash), so they survive
-- re-indexing the same files. A join names the meeting and one of its articles (`anchor`):
-- meeting ids depend on which report came first, the anchor's content does not.
CREATE TABLE IF NOT EXISTS meeting_overrides (
    article_id TEXT PRIMARY KEY,
    action     TEXT NOT NULL CHECK (action IN ('split', 'join')),
    meeting_id TEXT,
    anchor     TEXT
);

-- Changes the derived search index has not applied yet; written in the same transaction
-- as the statements, so the index can always catch up after a crash.
CREATE TABLE IF NOT EXISTS search_journal (
    id  INTEGER PRIMARY KEY AUTOINCREMENT,
    sid INTEGER NOT NULL,
    op  TEXT NOT NULL CHECK (op IN ('add', 'delete'))
);
CREATE INDEX IF NOT EXISTS meeting_overrides_anchor ON meeting_overrides(anchor);

-- A file whose text is exactly that of a stored article (a verbatim reprint under its own name,
-- e.g. People's Daily's copy of a Xinhua story): one more source of the same meeting and
-- statements, not another article. Goes with the article it copies.
CREATE TABLE IF NOT EXISTS article_copies (
    source     TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    url        TEXT,
    outlet     TEXT,
    side       TEXT,
    published  TEXT,
    indexed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS article_copies_article ON article_copies(article_id);

-- Each machine's search index (a "node") and how far into search_journal it has applied, so
-- journal rows are pruned only once every index seen in the last day has them.
CREATE TABLE IF NOT EXISTS search_nodes (
    node     TEXT PRIMARY KEY,
    applied  INTEGER NOT NULL,
    host     TEXT NOT NULL,
    seen_at  REAL NOT NULL
);
