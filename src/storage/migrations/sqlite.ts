/**
 * The SQLite schema, one entry per version; `PRAGMA user_version` records how many have run.
 * Append only; never edit a migration that has shipped. Each version has its PostgreSQL twin in
 * ./postgres.ts with the same number and meaning.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE bot_state (
     key        TEXT PRIMARY KEY,
     etag       TEXT NOT NULL,
     data       TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE feedback (
     id         INTEGER PRIMARY KEY AUTOINCREMENT,
     created_at TEXT NOT NULL,
     article_id TEXT NOT NULL,
     helpful    INTEGER NOT NULL CHECK (helpful IN (0, 1)),
     comment    TEXT,
     question   TEXT,
     language   TEXT NOT NULL,
     channel    TEXT NOT NULL
   );
   CREATE TABLE unanswered (
     id         INTEGER PRIMARY KEY AUTOINCREMENT,
     created_at TEXT NOT NULL,
     question   TEXT NOT NULL,
     language   TEXT NOT NULL,
     audience   TEXT,
     candidates TEXT NOT NULL,
     channel    TEXT NOT NULL
   );`,
  // 2: personal API tokens of the navigator console (src/auth/api-tokens.ts); only a hash is kept.
  `CREATE TABLE navigator_tokens (
     id           TEXT PRIMARY KEY,
     name         TEXT NOT NULL,
     hash         TEXT NOT NULL,
     created_at   TEXT NOT NULL,
     last_used_at TEXT,
     revoked_at   TEXT
   );
   CREATE UNIQUE INDEX navigator_tokens_active_name ON navigator_tokens (name) WHERE revoked_at IS NULL;`,
  // 3: handoff to a navigator (src/handoff/): referral tickets with their transcript, the audit
  // log, webhook deliveries and the Teams channel that receives the tickets.
  `CREATE TABLE tickets (
     id                 INTEGER PRIMARY KEY AUTOINCREMENT,
     status             TEXT NOT NULL CHECK (status IN ('open', 'taken', 'closed')),
     created_at         TEXT NOT NULL,
     updated_at         TEXT NOT NULL,
     name               TEXT NOT NULL,
     organisation       TEXT,
     contact_kind       TEXT NOT NULL CHECK (contact_kind IN ('email', 'phone')),
     contact            TEXT NOT NULL,
     question           TEXT NOT NULL,
     language           TEXT NOT NULL,
     audience           TEXT,
     topics             TEXT NOT NULL,
     reason             TEXT NOT NULL,
     channel            TEXT NOT NULL,
     conversation_id    TEXT NOT NULL,
     conversation_ref   TEXT NOT NULL,
     consent_at         TEXT NOT NULL,
     taken_by_id        TEXT,
     taken_by_name      TEXT,
     taken_at           TEXT,
     closed_by_id       TEXT,
     closed_by_name     TEXT,
     closed_at          TEXT,
     close_note         TEXT,
     teams_activity_id  TEXT,
     teams_team_id      TEXT
   );
   CREATE INDEX tickets_status ON tickets (status, id);
   CREATE INDEX tickets_conversation ON tickets (conversation_id, status);
   CREATE INDEX tickets_contact ON tickets (contact);
   CREATE INDEX tickets_closed ON tickets (closed_at) WHERE status = 'closed';
   CREATE INDEX tickets_teams ON tickets (teams_activity_id);
   CREATE TABLE ticket_messages (
     id          INTEGER PRIMARY KEY AUTOINCREMENT,
     ticket_id   INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
     created_at  TEXT NOT NULL,
     author      TEXT NOT NULL CHECK (author IN ('user', 'bot', 'navigator', 'system')),
     author_name TEXT,
     text        TEXT NOT NULL,
     delivered   INTEGER CHECK (delivered IN (0, 1))
   );
   CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, id);
   CREATE TABLE audit_log (
     id          INTEGER PRIMARY KEY AUTOINCREMENT,
     created_at  TEXT NOT NULL,
     actor_id    TEXT NOT NULL,
     actor_name  TEXT NOT NULL,
     action      TEXT NOT NULL,
     ticket_id   INTEGER,
     detail      TEXT
   );
   CREATE INDEX audit_log_ticket ON audit_log (ticket_id);
   CREATE TABLE webhook_deliveries (
     id              INTEGER PRIMARY KEY AUTOINCREMENT,
     ticket_id       INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
     event           TEXT NOT NULL,
     payload         TEXT NOT NULL,
     status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
     attempts        INTEGER NOT NULL DEFAULT 0,
     last_error      TEXT,
     created_at      TEXT NOT NULL,
     updated_at      TEXT NOT NULL,
     next_attempt_at TEXT
   );
   CREATE INDEX webhook_deliveries_ticket ON webhook_deliveries (ticket_id, id);
   CREATE INDEX webhook_deliveries_status ON webhook_deliveries (status);
   CREATE TABLE navigator_channel (
     team_id    TEXT PRIMARY KEY,
     team_name  TEXT,
     tenant_id  TEXT,
     channel_id TEXT NOT NULL,
     reference  TEXT NOT NULL,
     added_at   TEXT NOT NULL
   );
   CREATE TABLE teams_redactions (
     activity_id TEXT PRIMARY KEY,
     team_id     TEXT NOT NULL,
     number      TEXT NOT NULL,
     created_at  TEXT NOT NULL
   );`,
  // 4: Lotse's own Direct Line channel (src/directline/): each web conversation's activities in
  // order, so a reload or a restart resumes it and a navigator's reply waits for an offline visitor.
  `CREATE TABLE directline_conversations (
     id         TEXT PRIMARY KEY,
     user_id    TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     last_seq   INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX directline_conversations_updated ON directline_conversations (updated_at);
   CREATE TABLE directline_activities (
     conversation_id TEXT NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
     seq             INTEGER NOT NULL,
     body            TEXT NOT NULL,
     created_at      TEXT NOT NULL,
     PRIMARY KEY (conversation_id, seq)
   ) WITHOUT ROWID;`,
  // 5: one vote per conversation and article (src/storage/records.ts): a second click changes it.
  // The conversation is kept as a hash only; older rows (NULL) count as before.
  `ALTER TABLE feedback ADD COLUMN vote_key TEXT;
   ALTER TABLE feedback ADD COLUMN updated_at TEXT;
   CREATE UNIQUE INDEX feedback_vote ON feedback (vote_key, article_id) WHERE vote_key IS NOT NULL;`,
  // 6: knowledge curation in the console (src/curation/): drafts of articles with optimistic
  // locking (revision), four-eyes review, and every published version of an article file.
  `CREATE TABLE article_drafts (
     id                INTEGER PRIMARY KEY AUTOINCREMENT,
     article_id        TEXT,
     kind              TEXT NOT NULL CHECK (kind IN ('new', 'edit', 'rollback')),
     status            TEXT NOT NULL CHECK (status IN ('draft', 'review', 'published', 'discarded')),
     draft_json        TEXT NOT NULL,
     revision          INTEGER NOT NULL DEFAULT 1,
     base_hash         TEXT,
     author_id         TEXT NOT NULL,
     author_name       TEXT NOT NULL,
     updated_by_id     TEXT NOT NULL,
     updated_by_name   TEXT NOT NULL,
     editors_json      TEXT NOT NULL,
     reviewer_id       TEXT,
     reviewer_name     TEXT,
     comment           TEXT,
     created_at        TEXT NOT NULL,
     updated_at        TEXT NOT NULL,
     submitted_at      TEXT,
     published_version INTEGER,
     rollback_of       INTEGER
   );
   CREATE INDEX article_drafts_status ON article_drafts (status, id);
   CREATE INDEX article_drafts_article ON article_drafts (article_id, status);
   CREATE TABLE article_versions (
     article_id    TEXT NOT NULL,
     version       INTEGER NOT NULL,
     kind          TEXT NOT NULL CHECK (kind IN ('imported', 'new', 'edit', 'rollback')),
     yaml          TEXT NOT NULL,
     content_hash  TEXT NOT NULL,
     area          TEXT NOT NULL,
     author_id     TEXT,
     author_name   TEXT,
     reviewer_id   TEXT,
     reviewer_name TEXT,
     published_at  TEXT NOT NULL,
     draft_id      INTEGER,
     note          TEXT,
     PRIMARY KEY (article_id, version)
   ) WITHOUT ROWID;`,
  // 7: the navigators' Teams team only by configuration or pairing (src/handoff/navigator-pairing.ts):
  // one-time pairing codes (hashed), and how a channel became the navigators'. Teams registered
  // before (source NULL: anyone could claim a team) receive no tickets and may not act any more.
  `CREATE TABLE navigator_pairing_codes (
     id              INTEGER PRIMARY KEY AUTOINCREMENT,
     salt            TEXT NOT NULL,
     hash            TEXT NOT NULL,
     status          TEXT NOT NULL CHECK (status IN ('pending', 'used', 'locked', 'replaced')),
     attempts        INTEGER NOT NULL DEFAULT 0,
     created_at      TEXT NOT NULL,
     expires_at      TEXT NOT NULL,
     created_by_id   TEXT NOT NULL,
     created_by_name TEXT NOT NULL,
     used_at         TEXT,
     used_by_team    TEXT
   );
   ALTER TABLE navigator_channel ADD COLUMN source TEXT CHECK (source IN ('config', 'pairing'));
   ALTER TABLE navigator_channel ADD COLUMN paired_by_id TEXT;
   ALTER TABLE navigator_channel ADD COLUMN paired_by_name TEXT;`,
  // 8: one open draft per article also across nodes (two nodes could each pass the service's
  // check at the same moment). Should a race have left two, the older one is discarded.
  `UPDATE article_drafts SET status = 'discarded'
     WHERE status IN ('draft', 'review') AND article_id IS NOT NULL
       AND id NOT IN (SELECT max(id) FROM article_drafts WHERE status IN ('draft', 'review') AND article_id IS NOT NULL GROUP BY article_id);
   CREATE UNIQUE INDEX article_drafts_one_open ON article_drafts (article_id) WHERE status IN ('draft', 'review') AND article_id IS NOT NULL;`,
  // 9: a node claims a ticket before posting its Teams card (src/handoff/store/teams-cards.ts), so
  // that the creating node and another node's sweep of waiting tickets never both post it.
  `ALTER TABLE tickets ADD COLUMN teams_post_claimed_until TEXT;`,
];
