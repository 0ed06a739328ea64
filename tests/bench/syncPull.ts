/**
 * The sync client applying pulled messages: a real hub on loopback seeded with N messages,
 * and the core's puller (HTTP pages, zod validation, one transaction per page, FTS indexing)
 * bringing an empty local store up to date.
 */
import path from 'node:path';
import { createLogger, type Logger } from '../../src/shared/log.js';
import { createHub } from '../../src/server/hub.js';
import { openHubStore } from '../../src/server/storage/hubStore.js';
import { openLocalStore } from '../../src/main/core/store/localStore.js';
import { createHubClient } from '../../src/main/core/sync/hubClient.js';
import { createPuller } from '../../src/main/core/sync/puller.js';
import { generatedPages } from './localStoreAtScale.js';

export interface SyncPullFigures {
  messages: number;
  changes: number;
  seconds: number;
  messagesPerSecond: number;
  pageSize: number;
}

export function seedHub(dataDir: string, threads: number, messagesPerThread: number, log: Logger): number {
  const store = openHubStore(dataDir, Date.now, log);
  let changes = 0;
  try {
    for (const page of generatedPages(threads, messagesPerThread, 5000, 99)) {
      store.write((tx) => {
        for (const change of page) {
          if (change.entity === 'customer') store.customers.save(tx, change.data);
          else if (change.entity === 'thread') store.threads.save(tx, change.data);
          else if (change.entity === 'message') store.messages.insert(tx, change.data);
        }
      });
      changes += page.length;
    }
  } finally {
    store.close();
  }
  return changes;
}

export async function benchSyncPull(dir: string, threads: number, messagesPerThread: number): Promise<SyncPullFigures> {
  const log = createLogger('bench');
  const hubDir = path.join(dir, 'hub');
  const changes = seedHub(hubDir, threads, messagesPerThread, log);
  const password = 'bench-password-1';
  const hub = await createHub({ dataDir: hubDir, port: 0, initialAdminPassword: password });
  const store = openLocalStore(path.join(dir, 'app'));
  try {
    const client = createHubClient({ timeoutMs: 60_000 });
    const login = await client.login(hub.url, 'admin', password);
    const pageSize = 1000;
    const puller = createPuller({
      store,
      client,
      session: { hubUrl: hub.url, token: login.token },
      onApplied: () => {},
      onReset: () => {},
      log,
      pageSize,
    });
    const t0 = performance.now();
    await puller.pull();
    const seconds = (performance.now() - t0) / 1000;
    const messages = threads * messagesPerThread;
    const stored = (store.db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
    if (stored !== messages) throw new Error(`pulled ${stored} messages, expected ${messages}`);
    return {
      messages,
      changes,
      seconds: Math.round(seconds * 100) / 100,
      messagesPerSecond: Math.round(messages / seconds),
      pageSize,
    };
  } finally {
    store.close();
    await hub.close();
  }
}
