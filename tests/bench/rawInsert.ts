/**
 * The floor a first sync is compared with: the same message rows inserted straight into a bare
 * better-sqlite3 table (no HTTP, no validation), in transactions of one pull page each, with the
 * same journal settings as the local store. With `fts` each text also goes into a plain FTS5 index
 * (unicode61, as SQLite ships it): the floor issue 18 compares the sync with.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openSqlite } from '../../src/main/core/store/sqlite.js';
import { generatedPages } from './localStoreAtScale.js';

export interface RawInsertFigures {
  messages: number;
  seconds: number;
  messagesPerSecond: number;
}

export function benchRawInsert(
  dir: string,
  threads: number,
  messagesPerThread: number,
  pageSize: number,
  options: { fts?: boolean } = {},
): RawInsertFigures {
  mkdirSync(dir, { recursive: true });
  const db = openSqlite(path.join(dir, options.fts ? 'raw-fts.sqlite' : 'raw.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE messages (
      pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, seq INTEGER NOT NULL, thread_id TEXT NOT NULL,
      direction TEXT NOT NULL, author_kind TEXT NOT NULL, author_id TEXT, author_name TEXT NOT NULL,
      text TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT`);
    const insert = db.prepare(
      'INSERT INTO messages (id, seq, thread_id, direction, author_kind, author_id, author_name, text, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    if (options.fts) db.exec('CREATE VIRTUAL TABLE messages_fts USING fts5(text)');
    const index = options.fts ? db.prepare('INSERT INTO messages_fts (rowid, text) VALUES (?, ?)') : null;
    const pages = [...generatedPages(threads, messagesPerThread, pageSize, 99)];
    const insertPage = db.transaction((page: (typeof pages)[number]) => {
      for (const change of page) {
        if (change.entity !== 'message') continue;
        const m = change.data;
        const row = insert.run(m.id, change.seq, m.threadId, m.direction, m.author.kind, m.author.id, m.author.name, m.text, m.status, m.createdAt);
        index?.run(row.lastInsertRowid, m.text);
      }
    });
    const t0 = performance.now();
    for (const page of pages) insertPage(page);
    const seconds = (performance.now() - t0) / 1000;
    const messages = threads * messagesPerThread;
    return { messages, seconds: Math.round(seconds * 1000) / 1000, messagesPerSecond: Math.round(messages / seconds) };
  } finally {
    db.close();
  }
}
