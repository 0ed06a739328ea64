/**
 * The hub filtering pulls to an agent's reach (decision 0031): a hub seeded with N threads spread
 * over 10 groups (10 messages each), and full catch-ups from cursor 0 through pullChanges for an
 * admin (no filter), a lead of one group and an agent of one group (a tenth of the threads each).
 * `npx tsx tests/bench/syncReach.ts [threads]` writes bench/sync-reach.json; run.ts includes it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Agent } from '../../src/shared/domain.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { createLogger, setLogLevel } from '../../src/shared/log.js';
import { openHubStore, type HubStore } from '../../src/server/storage/hubStore.js';
import { createHubReach } from '../../src/server/sync/hubReach.js';
import { pullChanges } from '../../src/server/sync/pullChanges.js';
import { generatedPages } from './localStoreAtScale.js';

const GROUPS = 10;
const PAGE = 1000;

export interface SyncReachFigures {
  threads: number;
  logRows: number;
  pageSize: number;
  byRole: Record<'admin' | 'lead' | 'agent', { changes: number; pages: number; seconds: number; rowsPerSecond: number }>;
}

function agent(role: Agent['role'], now: number): Agent {
  const id = uuidv7(now);
  return { id, login: `${role}-${id}`, name: role, role, status: 'offline', updatedAt: now };
}

function seed(store: HubStore, threads: number): { lead: Agent; member: Agent; admin: Agent } {
  const now = Date.now();
  const admin = agent('admin', now);
  const lead = agent('lead', now);
  const member = agent('agent', now);
  const groupIds = Array.from({ length: GROUPS }, () => uuidv7(now));
  store.write((tx) => {
    for (const a of [admin, lead, member]) store.agents.create(tx, a, 'not-a-real-hash');
  });
  groupIds.forEach((id, i) =>
    store.routing.saveGroup(
      {
        id,
        name: `Group ${i}`,
        skills: { topics: [], languages: [], channels: [] },
        escalationGroupId: null,
        memberIds: i === 0 ? [lead.id, member.id] : [],
      },
      now,
    ),
  );
  let n = 0;
  for (const page of generatedPages(threads, 10, 5000, 7)) {
    store.write((tx) => {
      for (const change of page) {
        if (change.entity === 'customer') store.customers.save(tx, change.data);
        else if (change.entity === 'message') store.messages.insert(tx, change.data);
        else if (change.entity === 'thread') {
          // Unassigned and queued for one group in ten each: a group member sees a tenth.
          const thread = { ...change.data, assigneeId: null };
          store.threads.save(tx, thread);
          const groupId = groupIds[n++ % GROUPS]!;
          store.routing.saveThreadRouting({ threadId: thread.id, topic: null, language: 'en', groupId, queuedAt: now });
          store.threads.save(tx, thread);
        }
      }
    });
  }
  return { admin, lead, member };
}

export function benchSyncReach(dir: string, threads: number): SyncReachFigures {
  const store = openHubStore(path.join(dir, 'hub'), Date.now, createLogger('bench'));
  try {
    const agents = seed(store, threads);
    const reach = createHubReach(store);
    const logRows = store.changeLog.countAfter(0);
    const byRole = {} as SyncReachFigures['byRole'];
    for (const [role, who] of [
      ['admin', agents.admin],
      ['lead', agents.lead],
      ['agent', agents.member],
    ] as const) {
      let after = 0;
      let changes = 0;
      let pages = 0;
      const started = performance.now();
      for (;;) {
        // As the core pulls: the first page counts what remains, the later ones do not.
        const page = pullChanges(store, reach, who, after, PAGE, pages > 0);
        changes += page.changes.length;
        pages += 1;
        after = page.cursor;
        if (!page.hasMore) break;
      }
      const seconds = (performance.now() - started) / 1000;
      byRole[role] = { changes, pages, seconds: Math.round(seconds * 1000) / 1000, rowsPerSecond: Math.round(logRows / seconds) };
    }
    return { threads, logRows, pageSize: PAGE, byRole };
  } finally {
    store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  setLogLevel('error');
  const threads = Number(process.argv[2] ?? '20000');
  const root = mkdtempSync(path.join(os.tmpdir(), 'okno-bench-reach-'));
  try {
    const figures = { when: new Date().toISOString(), node: process.version, cpus: os.cpus().length, ...benchSyncReach(root, threads) };
    console.log(JSON.stringify(figures, null, 2));
    mkdirSync('bench', { recursive: true });
    writeFileSync(path.join('bench', 'sync-reach.json'), `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
