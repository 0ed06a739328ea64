/**
 * The core's slow-query log: every statement and transaction on the cache is timed, and one that
 * takes longer than the limit (40 ms: a frame and a half of a scrolling list) is logged with its
 * name, where it was prepared, so a slow screen points at its query. The SQL's first words go
 * with it; parameters (customer data) never do.
 */
import path from 'node:path';
import type { Logger } from '../../../shared/log.js';
import type { RunResult, SqliteDatabase, Statement } from './sqlite.js';

const SLOW_QUERY_MS = 40;

/** `createMessagesRepo (messagesRepo.ts:42)`: the first frame outside this file. */
function callerName(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  for (const frame of frames) {
    const match = /at (?:(.+?) \()?(?:file:\/\/)?([^()]+?):(\d+):\d+\)?$/.exec(frame.trim());
    if (!match) continue;
    const file = path.basename(match[2]!);
    if (file.startsWith('slowQueryLog.')) continue;
    return match[1] ? `${match[1]} (${file}:${match[3]})` : `${file}:${match[3]}`;
  }
  return 'unknown';
}

const sqlHead = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 80);

/** The same database, with statements and transactions that report themselves when slow. */
export function withSlowQueryLog(db: SqliteDatabase, log: Logger): SqliteDatabase {
  const timed = <R>(name: string, sql: string | null, op: string, run: () => R): R => {
    const started = performance.now();
    try {
      return run();
    } finally {
      const ms = performance.now() - started;
      if (ms > SLOW_QUERY_MS) {
        log.warn('slow query', { statement: name, op, ms: Math.round(ms), ...(sql ? { sql: sqlHead(sql) } : {}) });
      }
    }
  };

  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') {
        return (sql: string): Statement => {
          const statement = target.prepare(sql);
          const name = callerName();
          return {
            run: (...params: unknown[]): RunResult => timed(name, sql, 'run', () => statement.run(...params)),
            get: (...params: unknown[]) => timed(name, sql, 'get', () => statement.get(...params)),
            all: (...params: unknown[]) => timed(name, sql, 'all', () => statement.all(...params)),
          };
        };
      }
      if (property === 'transaction') {
        return <A extends unknown[], R>(fn: (...args: A) => R) => {
          const transaction = target.transaction(fn);
          const name = callerName();
          return (...args: A): R => timed(name, null, 'transaction', () => transaction(...args));
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
