import { knowledgeSearchTableSql } from '../../../../shared/knowledge/knowledgeSearch.js';
import type { Migration } from './migration.js';

/**
 * The knowledge base's offline copy (decision 0034): the current version of every article (retired
 * ones keep only their place in the tree), an FTS5 index like the hub's, small documents, the pull
 * cursor and the openings made offline that the hub has not recorded yet (each with the agent and hub
 * it belongs to, so nothing is sent under another agent's name or to another hub).
 */
export const migration007: Migration = {
  version: 7,
  name: 'knowledge cache',
  up(db) {
    db.exec(`
      CREATE TABLE kb_articles (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        parent_id TEXT,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        language TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        retired INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        doc TEXT,
        plain_text TEXT NOT NULL DEFAULT '',
        links TEXT NOT NULL DEFAULT '[]',
        documents TEXT NOT NULL DEFAULT '[]'
      );
      ${knowledgeSearchTableSql('kb_search')};
      CREATE TABLE kb_documents (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        data BLOB NOT NULL,
        cached_at INTEGER NOT NULL
      );
      CREATE TABLE kb_pending_opens (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        hub_url TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        thread_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        opened_at INTEGER NOT NULL
      );
      CREATE TABLE kb_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  },
};
