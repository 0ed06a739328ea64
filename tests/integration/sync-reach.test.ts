/**
 * An agent's cache holds only their reach (decision 0031), on a real hub with four real agent cores:
 * Anna (agent, Cards), Boris (agent, Loans), Lena (lead of Cards) and the admin. Each cache file is
 * opened with its key and read; its raw bytes are grepped (encrypted: no known text in them).
 * Threads move between groups and agents live and while an agent is offline (a catch-up pull),
 * and leave the disk of whoever can no longer see them; a reply typed into a thread taken away
 * meanwhile stays, failed and visible, until the agent discards it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../src/main/core/store/localStore.js';
import { openSqlite } from '../../src/main/core/store/sqlite.js';
import type { Agent, Message } from '../../src/shared/domain.js';
import { SYNC_API } from '../../src/shared/sync.js';
import { ftsQuery } from '../../src/shared/text/searchTerms.js';
import { cacheKeyOf } from '../support/cacheKey.js';
import { addAgent, hubSeqOf, queuedThread, startAgent, waitFor, type TestAgent } from './agent-harness.js';
import {
  ADMIN_PASSWORD,
  api,
  closeAll,
  customerSays,
  login,
  openLive,
  openWidget,
  removeTempDirs,
  startHub,
  type FrameQueue,
  type Loose,
} from './hub-harness.js';

type Hub = Awaited<ReturnType<typeof startHub>>;

let hub: Hub;
let adminToken: string;
let hubSeq: () => Promise<number>;
let anna: TestAgent;
let boris: TestAgent;
let lena: TestAgent;
let admin: TestAgent;
const ids: Record<string, string> = {};
const groups: Record<string, string> = {};
const widgets: FrameQueue[] = [];

/** What an agent's cache file holds, read with the cache key as the core would. */
function cacheOf(agent: TestAgent) {
  const db = openSqlite(path.join(agent.dataDir, STORE_FILE), cacheKeyOf(agent.dataDir));
  try {
    const threads = (db.prepare('SELECT id, customer_id FROM threads').all() as { id: string; customer_id: string }[])
      .map((r) => r.id)
      .sort();
    const customers = (db.prepare('SELECT id FROM customers').all() as { id: string }[]).map((r) => r.id);
    const texts = (db.prepare('SELECT text FROM messages').all() as { text: string }[]).map((r) => r.text);
    const search = db.prepare('SELECT count(*) AS n FROM message_search WHERE message_search MATCH ?');
    const hits = new Map(
      ['zebu', 'okapi', 'quokka', 'lemur'].map((word) => [word, (search.get(ftsQuery(word)!) as { n: number }).n]),
    );
    const searchHits = (word: string) => hits.get(word) ?? -1;
    const reach = (
      db.prepare('SELECT thread_id, state FROM thread_reach').all() as { thread_id: string; state: string }[]
    ).map((r) => `${r.thread_id}:${r.state}`);
    return { threads, customers, texts, searchHits, reach };
  } finally {
    db.close();
  }
}

/** Every byte of the agent's cache on disk (the file and its WAL), as a thief would copy them. */
function rawBytes(agent: TestAgent): Buffer {
  return Buffer.concat(
    readdirSync(agent.dataDir)
      .filter((name) => name.startsWith(STORE_FILE))
      .map((name) => readFileSync(path.join(agent.dataDir, name))),
  );
}

async function newThread(text: string): Promise<{ threadId: string; customerId: string }> {
  const { widget } = await openWidget(hub.url, { name: `Customer ${text.split(' ')[0]}` });
  widgets.push(widget);
  await customerSays(widget, text);
  const item = await queuedThread(admin, text);
  return { threadId: item.id, customerId: item.customerId };
}

async function handOver(threadId: string, to: { groupId?: string; agentId?: string }): Promise<void> {
  const reply = await api(hub.url, `/api/v1/threads/${threadId}/handover`, {
    token: adminToken,
    json: { ...to, note: 'moved by the test' },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
}

async function settledAll(): Promise<void> {
  for (const agent of [anna, boris, lena, admin]) await agent.settled(hubSeq);
}

beforeAll(async () => {
  hub = await startHub({ heartbeatMs: 500 });
  adminToken = await login(hub.url);
  hubSeq = hubSeqOf(hub.url);
  await addAgent(hub.url, adminToken, 'anna', 'Anna Cards');
  await addAgent(hub.url, adminToken, 'boris', 'Boris Loans');
  const created = await api(hub.url, '/api/v1/agents', {
    token: adminToken,
    json: { login: 'lena', name: 'Lena Lead', password: 'lena-password', role: 'lead' },
  });
  expect(created.status).toBe(201);
  anna = await startAgent(hub.url, 'anna', 'anna-password');
  boris = await startAgent(hub.url, 'boris', 'boris-password');
  lena = await startAgent(hub.url, 'lena', 'lena-password');
  admin = await startAgent(hub.url, 'admin', ADMIN_PASSWORD);
  for (const [name, agent] of Object.entries({ anna, boris, lena, admin })) {
    ids[name] = (await agent.call<{ agent: Agent }>('session.get')).agent.id;
  }
  for (const [name, memberIds] of [
    ['Cards', [ids.anna!, ids.lena!]],
    ['Loans', [ids.boris!]],
  ] as const) {
    const reply = await api(hub.url, '/api/v1/groups', { token: adminToken, json: { name, memberIds } });
    expect(reply.status).toBe(201);
    groups[name] = reply.body.id as string;
  }
});

afterAll(async () => {
  closeAll(...widgets);
  for (const agent of [anna, boris, lena, admin]) await agent?.close();
  await hub?.close();
  removeTempDirs();
});

describe("an agent's cache holds only their reach", () => {
  let loans: { threadId: string; customerId: string };
  let cards: { threadId: string; customerId: string };

  it('a thread queued for a group leaves the disk of everyone outside it: thread, messages, search rows, customer', async () => {
    loans = await newThread('zebu-alpha my loan payment did not arrive');
    // Unrouted, unassigned: the shared queue, in every cache.
    await settledAll();
    for (const agent of [anna, boris, lena, admin]) expect(cacheOf(agent).threads).toContain(loans.threadId);
    expect(cacheOf(anna).searchHits('zebu')).toBe(1);

    await handOver(loans.threadId, { groupId: groups.Loans });
    await settledAll();
    for (const agent of [anna, lena]) {
      const cache = cacheOf(agent);
      expect(cache.threads).not.toContain(loans.threadId);
      expect(cache.texts.some((t) => t.includes('zebu-alpha'))).toBe(false);
      expect(cache.searchHits('zebu')).toBe(0);
      expect(cache.customers).not.toContain(loans.customerId);
    }
    for (const agent of [boris, admin]) {
      const cache = cacheOf(agent);
      expect(cache.threads).toContain(loans.threadId);
      expect(cache.customers).toContain(loans.customerId);
      expect(cache.texts.some((t) => t.includes('zebu-alpha'))).toBe(true);
    }
    // The renderer hears that the thread left.
    expect(
      anna.events.some(([name, p]) => name === 'queue.changed' && JSON.stringify(p).includes(loans.threadId)),
    ).toBe(true);

    // Nor can Anna read it from the hub.
    const annaToken = await login(hub.url, 'anna', 'anna-password');
    const refused = await api(hub.url, SYNC_API.threadMessages.replace(':id', loans.threadId), { token: annaToken });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(loans.threadId);
    const borisToken = await login(hub.url, 'boris', 'boris-password');
    const allowed = await api(hub.url, SYNC_API.threadMessages.replace(':id', loans.threadId), { token: borisToken });
    expect(allowed.status).toBe(200);
  });

  it("a lead sees their team's threads, an agent only their own and their groups' queue; the admin sees all", async () => {
    cards = await newThread('okapi-beta my card is blocked abroad');
    await handOver(cards.threadId, { groupId: groups.Cards });
    await settledAll();
    expect(cacheOf(boris).threads).not.toContain(cards.threadId);
    for (const agent of [anna, lena, admin]) expect(cacheOf(agent).threads).toContain(cards.threadId);

    // Given to Anna: still Lena's team; Boris never had it.
    await handOver(cards.threadId, { agentId: ids.anna! });
    await settledAll();
    expect(cacheOf(anna).threads).toContain(cards.threadId);
    expect(cacheOf(lena).threads).toContain(cards.threadId);
    expect(cacheOf(boris).threads).not.toContain(cards.threadId);
    expect(cacheOf(boris).customers).not.toContain(cards.customerId);
    expect(cacheOf(admin).threads).toEqual(expect.arrayContaining([cards.threadId, loans.threadId]));

    // "All" stays for leads and admins; for Lena it is her teams' threads, nothing of Loans.
    await expect(anna.call('queue.list', { view: 'all' })).rejects.toMatchObject({ code: 'forbidden' });
    const lenaAll = await lena.call<{ items: { id: string }[] }>('queue.list', { view: 'all' });
    expect(lenaAll.items.map((i) => i.id)).toContain(cards.threadId);
    expect(lenaAll.items.map((i) => i.id)).not.toContain(loans.threadId);
  });

  it('live frames carry only what the socket’s agent may see, revocations included, chained and with the cursor exact', async () => {
    const borisToken = await login(hub.url, 'boris', 'boris-password');
    const { live, helloSeq } = await openLive(hub.url, borisToken);
    widgets.push(live);
    // The Cards thread, Anna's, changes: nothing of it for Boris but a revocation.
    const closed = await api(hub.url, `/api/v1/threads/${cards.threadId}/close`, { token: adminToken, json: {} });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const revokes = (f: Loose) =>
      f.type === 'changes' &&
      (f.changes as Loose[]).some((c) => c.entity === 'revoked' && c.data.id === cards.threadId);
    await waitFor('the revocation frame', async () => live.frames.some(revokes));
    const frames = live.frames.filter((f) => f.type === 'changes');
    let cursor = helloSeq;
    for (const frame of frames) {
      expect(frame.prevSeq).toBe(cursor);
      const highest = Math.max(0, ...(frame.changes as Loose[]).map((c) => c.seq as number));
      expect(frame.seq).toBeGreaterThanOrEqual(highest);
      cursor = frame.seq;
      for (const change of frame.changes as Loose[]) {
        expect(['agent', 'revoked']).toContain(change.entity);
      }
    }
    expect(JSON.stringify(frames)).not.toContain('okapi');
    expect(cursor).toBe(await hubSeq());
  });

  it('a thread taken while the agent was offline leaves their disk on the catch-up pull', async () => {
    const third = await newThread('quokka-gamma please call me back about my deposit');
    await handOver(third.threadId, { agentId: ids.anna! });
    await anna.settled(hubSeq);
    expect(cacheOf(anna).threads).toContain(third.threadId);

    anna.offline();
    await waitFor('anna offline', async () => (await anna.connection()).status !== 'online');
    await handOver(third.threadId, { agentId: ids.boris! });
    anna.online();
    await settledAll();
    const cache = cacheOf(anna);
    expect(cache.threads).not.toContain(third.threadId);
    expect(cache.searchHits('quokka')).toBe(0);
    expect(cache.customers).not.toContain(third.customerId);
    expect(cacheOf(boris).threads).toContain(third.threadId);
  });

  it('a reply typed into a thread taken meanwhile stays, failed and readable, until the agent discards it', async () => {
    const fourth = await newThread('lemur-delta my statement is wrong');
    await handOver(fourth.threadId, { agentId: ids.anna! });
    await anna.settled(hubSeq);

    anna.offline();
    await waitFor('anna offline', async () => (await anna.connection()).status !== 'online');
    const reply = await anna.call<Message>('message.send', {
      threadId: fourth.threadId,
      text: 'lemur-reply we are checking it',
    });
    await handOver(fourth.threadId, { agentId: ids.boris! });
    anna.online();
    await waitFor('the reply failed', async () =>
      (await anna.messages(fourth.threadId)).some((m) => m.id === reply.id && m.status === 'failed'),
    );
    await anna.settled(hubSeq);
    let cache = cacheOf(anna);
    // The thread stays for the reply; the hub's messages (the customer's words) are gone.
    expect(cache.threads).toContain(fourth.threadId);
    expect(cache.reach).toContain(`${fourth.threadId}:revoked`);
    expect(cache.texts).toContain('lemur-reply we are checking it');
    expect(cache.texts.some((t) => t.includes('lemur-delta'))).toBe(false);

    await anna.call('message.discard', { messageId: reply.id });
    // The next batch from the hub sweeps it.
    await newThread('tapir-epsilon unrelated question');
    await anna.settled(hubSeq);
    cache = cacheOf(anna);
    expect(cache.threads).not.toContain(fourth.threadId);
    expect(cache.texts).not.toContain('lemur-reply we are checking it');
    expect(cache.reach.filter((r) => r.startsWith(fourth.threadId))).toEqual([]);
  });

  it("leaving a group takes its open queue off the agent's disk; joining brings it, history read from the hub", async () => {
    const fifth = await newThread('ibis-zeta my card PIN is locked');
    await handOver(fifth.threadId, { groupId: groups.Cards });
    await settledAll();
    expect(cacheOf(anna).threads).toContain(fifth.threadId);
    expect(cacheOf(boris).threads).not.toContain(fifth.threadId);

    const moved = await api(hub.url, `/api/v1/groups/${groups.Cards}`, {
      method: 'PUT',
      token: adminToken,
      json: { name: 'Cards', memberIds: [ids.lena!, ids.boris!] },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await settledAll();
    const annas = cacheOf(anna);
    expect(annas.threads).not.toContain(fifth.threadId);
    expect(annas.customers).not.toContain(fifth.customerId);
    // Her own threads stay hers, whatever group they came through.
    expect(annas.threads).toContain(cards.threadId);
    const boriss = cacheOf(boris);
    expect(boriss.threads).toContain(fifth.threadId);
    expect(boriss.customers).toContain(fifth.customerId);
    // Its first message went by before Boris joined: opening the thread reads it from the hub.
    expect(boriss.texts.some((t) => t.includes('ibis-zeta'))).toBe(false);
    expect((await boris.messages(fifth.threadId)).map((m) => m.text)).toContain('ibis-zeta my card PIN is locked');
    expect(cacheOf(lena).threads).toContain(fifth.threadId);
  });

  it('pull pages hold only the reach, and their cursor passes every row of the log, seen or not', async () => {
    const annaToken = await login(hub.url, 'anna', 'anna-password');
    const total = await hubSeq();
    let after = 0;
    let scanned = 0;
    let pages = 0;
    const seenThreads = new Set<string>();
    for (;;) {
      const { body } = await api(hub.url, `${SYNC_API.pull}?after=${after}&limit=3`, { token: annaToken });
      pages += 1;
      expect(body.cursor).toBeGreaterThanOrEqual(after);
      expect(body.changes.length).toBeLessThanOrEqual(3 + 3); // a page's changes plus the customers they bring
      for (const change of body.changes as Loose[]) {
        if (change.entity === 'thread') seenThreads.add(change.data.id);
        // From the second page on, a thread out of reach is revoked: the hub cannot know whether an
        // earlier page gave this client an older state of it (the log keeps only the latest).
        if (after === 0) expect(change.entity).not.toBe('revoked');
        if (change.entity === 'revoked') expect(Object.keys(change.data)).toEqual(['id']);
      }
      scanned += body.scanned as number;
      after = body.cursor;
      if (!body.hasMore) break;
    }
    expect(after).toBe(total);
    expect(pages).toBeGreaterThan(1);
    // Every row went through once: the scans add up to the log's rows.
    const all = await api(hub.url, `${SYNC_API.pull}?after=0&limit=5000`, { token: adminToken });
    expect(scanned).toBe(all.body.changes.length);
    expect([...seenThreads].sort()).toEqual(cacheOf(anna).threads);
  });

  it('the cache files are encrypted: known text is in the database, never in its raw bytes', () => {
    // Boris holds the Loans thread in his cache (read with the key above); the bytes on disk do not show it.
    expect(cacheOf(boris).texts.some((t) => t.includes('zebu-alpha'))).toBe(true);
    for (const agent of [anna, boris, lena, admin]) {
      const bytes = rawBytes(agent);
      expect(bytes.length).toBeGreaterThan(0);
      for (const needle of ['zebu-alpha', 'okapi-beta', 'quokka-gamma', 'tapir-epsilon', 'SQLite format 3']) {
        expect(bytes.includes(Buffer.from(needle)), `${needle} in ${agent.dataDir}`).toBe(false);
      }
    }
  });
});
