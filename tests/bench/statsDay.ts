/**
 * A day of figures at contact-center scale: 500 agents and 200 000 contacts (chats and calls)
 * written straight into a hub store, then (1) the time to compute the day's period stats
 * (by 15 min, hour, day; per agent, group, channel) from the precomputed contact rows and (2) the
 * cost of one live update (the "now" snapshot the hub recomputes and pushes after a change).
 */
import { uuidv7 } from '../../src/shared/ids.js';
import { createLogger } from '../../src/shared/log.js';
import type { Channel } from '../../src/shared/domain.js';
import { LiveStats } from '../../src/server/stats/liveStats.js';
import { StatsService } from '../../src/server/stats/statsService.js';
import { openHubStore } from '../../src/server/storage/hubStore.js';
import { summarize } from './stats.js';

const CHANNELS: Channel[] = ['phone', 'webchat', 'webchat', 'email', 'telegram', 'vk'];

export interface StatsDayFigures {
  agents: number;
  contacts: number;
  seedSeconds: number;
  /** Deriving every thread's contact row once (what a hub does at start over an older database). */
  precomputeSeconds: number;
  periodMs: ReturnType<typeof summarize>;
  liveFirstLoadMs: number;
  liveUpdateMs: ReturnType<typeof summarize>;
  offered: number;
}

export function benchStatsDay(dataDir: string, agents: number, contacts: number): StatsDayFigures {
  const dayStart = Date.UTC(2026, 10, 25);
  const now = dayStart + 23 * 3_600_000;
  const store = openHubStore(dataDir, () => now, createLogger('bench-stats'));
  try {
    const db = store.db;
    const seedStarted = performance.now();
    const agentIds = Array.from({ length: agents }, () => uuidv7());
    const customerId = uuidv7();
    const insertAgent = db.prepare(
      `INSERT INTO agents (id, login, name, role, status, status_since, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, 'agent', ?, 0, 'x', ?, ?)`,
    );
    const insertThread = db.prepare(
      `INSERT INTO threads (id, number, channel, status, customer_id, assignee_id, subject, sla_due_at,
         last_message_at, last_message_preview, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 's', NULL, ?, 'p', ?, ?)`,
    );
    const insertMessage = db.prepare(
      `INSERT INTO messages (id, thread_id, direction, author_kind, author_id, author_name, text, status, created_at)
       VALUES (?, ?, ?, ?, ?, 'n', 't', 'sent', ?)`,
    );
    const insertEvent = db.prepare(
      `INSERT INTO thread_events (id, thread_id, kind, text, data_json, actor_id, created_at) VALUES (?, ?, ?, 't', ?, NULL, ?)`,
    );
    db.transaction(() => {
      db.prepare(
        "INSERT INTO customers (id, name, phone, email, created_at, updated_at) VALUES (?, 'c', NULL, NULL, 0, 0)",
      ).run(customerId);
      agentIds.forEach((id, i) => insertAgent.run(id, `a${i}`, `Agent ${i}`, i % 3 ? 'ready' : 'not_ready', 0, 0));
      for (let i = 0; i < contacts; i++) {
        const id = uuidv7();
        const channel = CHANNELS[i % CHANNELS.length]!;
        const offered = dayStart + Math.floor((i / contacts) * 22 * 3_600_000);
        const agent = agentIds[i % agents]!;
        const outcome = i % 10; // 0: abandoned, 1: waiting, otherwise answered
        const answered = offered + ((i * 7919) % 120) * 1000;
        const open = outcome === 1;
        insertThread.run(id, i + 1, channel, open ? 'open' : 'closed', customerId, open ? null : agent, offered, offered, offered);
        if (channel === 'phone') {
          const call = { direction: 'inbound', startedAt: offered, answeredAt: outcome === 0 ? null : answered, endedAt: answered + 180_000 };
          insertEvent.run(uuidv7(), id, 'call', JSON.stringify(call), offered);
          continue;
        }
        insertMessage.run(uuidv7(), id, 'in', 'customer', null, offered);
        if (outcome >= 2) insertMessage.run(uuidv7(), id, 'out', 'agent', agent, answered);
        if (!open) insertEvent.run(uuidv7(), id, 'closed', '{}', answered + 300_000);
      }
    })();
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const stats = new StatsService(db);
    // The rows a running hub keeps up to date change by change; here the raw seed is caught up at once.
    const precomputeStarted = performance.now();
    stats.catchUp();
    const precomputeSeconds = (performance.now() - precomputeStarted) / 1000;
    const periodSamples: number[] = [];
    let offered = 0;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      offered = stats.period({ day: '2026-11-25', days: 1, timeZone: 'UTC' }).total.offered;
      periodSamples.push(performance.now() - started);
    }
    const live = new LiveStats(stats, () => now);
    const liveSamples: number[] = [];
    const unsubscribe = live.subscribe(() => undefined);
    live.push(); // the first push loads today's contacts; later ones read only the threads a change touched
    const firstLoadMs = live.lastCostMs;
    const touched = db.prepare('SELECT id FROM threads ORDER BY created_at DESC LIMIT 5').all() as { id: string }[];
    for (let run = 0; run < 5; run++) {
      live.changed([touched[run % touched.length]!.id]);
      live.push();
      liveSamples.push(live.lastCostMs);
    }
    unsubscribe();
    return {
      agents,
      contacts,
      seedSeconds: Math.round(seedSeconds * 100) / 100,
      precomputeSeconds: Math.round(precomputeSeconds * 100) / 100,
      periodMs: summarize(periodSamples),
      liveFirstLoadMs: Math.round(firstLoadMs * 1000) / 1000,
      liveUpdateMs: summarize(liveSamples),
      offered,
    };
  } finally {
    store.close();
  }
}
