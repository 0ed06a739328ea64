/** The core's slow-query log (slowQueryLog.ts) on a real cache file: slow statements are named, fast ones are not logged. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalStore, type LocalStore } from '../../src/main/core/store/localStore.js';
import type { Logger } from '../../src/shared/log.js';

type Line = { message: string; fields?: Record<string, unknown> };

function capturingLog(lines: Line[]): Logger {
  const log: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (message, fields) => void lines.push({ message, fields }),
    error: (message, fields) => void lines.push({ message, fields }),
    child: () => log,
  };
  return log;
}

// A statement that really takes a while: counting through a recursive CTE.
const SLOW_SQL =
  'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT count(*) AS c FROM n';

let store: LocalStore | null = null;
let dir = '';
afterEach(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the core slow-query log', () => {
  it('logs a statement over the limit with where it was prepared, its SQL head and no parameters', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'okno-slow-'));
    const lines: Line[] = [];
    store = openLocalStore(dir, { log: capturingLog(lines) });
    expect(store.threads.queuePage('open', 0, 10)).toEqual([]);
    expect(lines.filter((l) => l.message === 'slow query')).toEqual([]);

    const row = store.db.prepare(SLOW_SQL).get() as { c: number };
    expect(row.c).toBe(3000000);
    const slow = lines.filter((l) => l.message === 'slow query');
    expect(slow).toHaveLength(1);
    expect(slow[0]!.fields).toMatchObject({ op: 'get', sql: expect.stringContaining('WITH RECURSIVE n(i)') });
    expect(String(slow[0]!.fields!.statement)).toMatch(/core-slow-query-log\.test\.ts:\d+/);
    expect(slow[0]!.fields!.ms as number).toBeGreaterThan(40);
  });

  it('times a whole transaction and names the code that made it', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'okno-slow-'));
    const lines: Line[] = [];
    store = openLocalStore(dir, { log: capturingLog(lines) });
    const count = store.db.prepare(SLOW_SQL);
    const both = store.db.transaction(() => [count.get(), count.get()]);
    both();
    const ops = lines.filter((l) => l.message === 'slow query').map((l) => l.fields!.op);
    expect(ops).toEqual(['get', 'get', 'transaction']);
  });
});
