/**
 * A full disk for a child process, as far as SQLite can tell: every better-sqlite3 connection the
 * process opens on a file under `dir` is noted, and `fill()` caps each at the pages it has now
 * (`PRAGMA max_page_count`), so the next write that needs a page fails with SQLITE_FULL exactly as
 * on a full file system (tests/unit/core-bad-input.test.ts does the same to one store). `free()`
 * lifts the cap. Works for the agent core and the hub alike, without a hook in either: the
 * connections are noted as they prepare statements.
 */
import { createRequire } from 'node:module';

interface Connection {
  readonly name: string;
  readonly open: boolean;
  exec(sql: string): void;
  pragma(source: string, options?: { simple?: boolean }): unknown;
}

const UNCAPPED = 1073741823;

export interface DiskCap {
  /** Caps every open connection under the folder; returns how many were capped. */
  fill(): number;
  free(): number;
}

export function watchDisk(dir: string): DiskCap {
  const require = createRequire(import.meta.url);
  const connections = new Set<Connection>();
  // The hub's package and the core's encrypting build of it (decision 0031).
  for (const name of ['better-sqlite3', 'better-sqlite3-multiple-ciphers']) {
    const Database = require(name) as { prototype: { prepare(this: Connection, sql: string): unknown } };
    const prepare = Database.prototype.prepare;
    Database.prototype.prepare = function (this: Connection, sql: string) {
      if (this.name.startsWith(dir)) connections.add(this);
      return prepare.call(this, sql);
    };
  }
  const open = () => [...connections].filter((c) => c.open || !connections.delete(c));
  return {
    fill() {
      const capped = open();
      for (const db of capped) {
        db.exec('PRAGMA incremental_vacuum');
        const pages = db.pragma('page_count', { simple: true }) as number;
        db.pragma(`max_page_count = ${pages}`);
      }
      return capped.length;
    },
    free() {
      const freed = open();
      for (const db of freed) db.pragma(`max_page_count = ${UNCAPPED}`);
      return freed.length;
    },
  };
}
