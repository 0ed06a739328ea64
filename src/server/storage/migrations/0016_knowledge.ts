import type { Migration } from './migration.js';

/**
 * The knowledge base (issue 15, decision 0034). `kb_articles` is the tree (parent, position) with each
 * article's current title, language and version; `change_seq` grows with every change so the agents'
 * cores pull what changed since their cursor. Every save adds a row to `kb_article_versions` (the
 * TipTap JSON document, its plain text, the outside links, who and when) and none is ever changed or
 * removed. `kb_documents` holds the files (their bytes checked by content on the way in). `kb_search`
 * is the FTS5 index of the current version (rowid = kb_articles.pk; title and body as indexTerms).
 */
export const knowledge: Migration = {
  version: 16,
  name: 'knowledge',
  up(db) {
    db.exec(`
      CREATE TABLE kb_articles (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        parent_id TEXT REFERENCES kb_articles(id),
        position INTEGER NOT NULL DEFAULT 0,
        title TEXT NOT NULL,
        language TEXT NOT NULL CHECK (language IN ('en', 'ru')),
        version INTEGER NOT NULL,
        retired_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        change_seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX kb_articles_by_parent ON kb_articles(parent_id, position);
      CREATE UNIQUE INDEX kb_articles_by_change ON kb_articles(change_seq);

      CREATE TABLE kb_article_versions (
        article_id TEXT NOT NULL REFERENCES kb_articles(id),
        version INTEGER NOT NULL,
        title TEXT NOT NULL,
        language TEXT NOT NULL,
        doc TEXT NOT NULL,
        plain_text TEXT NOT NULL,
        links TEXT NOT NULL DEFAULT '[]',
        saved_by TEXT REFERENCES agents(id),
        saved_by_name TEXT NOT NULL,
        saved_at INTEGER NOT NULL,
        PRIMARY KEY (article_id, version)
      ) STRICT;

      CREATE TABLE kb_documents (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES kb_articles(id),
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        data BLOB NOT NULL,
        uploaded_by TEXT REFERENCES agents(id),
        uploaded_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX kb_documents_by_article ON kb_documents(article_id, uploaded_at);

      CREATE VIRTUAL TABLE kb_search USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
    `);
  },
};
