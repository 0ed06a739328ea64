import type { Database } from './database.js';

/** Small key-value facts about the database itself (its hub id). */
export class MetaRepo {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: Database) {
    this.getStmt = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.setStmt = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  get(key: string): string | null {
    return (this.getStmt.get(key) as { value: string } | undefined)?.value ?? null;
  }

  set(key: string, value: string): void {
    this.setStmt.run(key, value);
  }
}
