/**
 * Presence beyond one process (issue 17, decision 0052). Each agent's live sockets are counted per
 * hub instance in the database; the leased sweep closes the sockets of an instance that stopped
 * being seen and takes offline, after the grace, every agent with no socket left anywhere.
 *
 * - An agent whose socket was on an instance that died goes offline; one who moved to an instance
 *   that is alive stays ready although their socket here closed; one connected here stays ready.
 * - An agent who was connected when the hub last stopped, and did not come back, goes offline after
 *   the grace once the hub is up again.
 * The other instances are rows in hub_instances and agent_sockets, as a real instance writes them;
 * tests/integration/hub-cluster.test.ts shows the same with real instances killed.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/storage/database.js';
import { openHubDatabase } from '../support/testDatabase.js';
import { closeAll, login, openLive, removeTempDirs, startHub, type FrameQueue } from './hub-harness.js';
import { addAgent, setStatus, waitFor, type TeamAgent } from './hub-routing-support.js';

const GRACE_MS = 100;
const open: { close(): unknown }[] = [];
const sockets: FrameQueue[] = [];

afterEach(async () => {
  closeAll(...sockets.splice(0));
  for (const item of open.splice(0).reverse()) await item.close();
});
afterAll(() => removeTempDirs());

function statusOf(db: Database, agent: TeamAgent): () => Promise<string> {
  const statement = db.prepare('SELECT status FROM agents WHERE id = ?');
  return async () => (statement.get(agent.id) as { status: string }).status;
}

describe('presence across hub instances', () => {
  it('takes offline the agents of a dead instance, and keeps those connected elsewhere or here', async () => {
    const hub = await startHub({ offlineGraceMs: GRACE_MS, clockMs: 0 });
    open.push(hub);
    const db = openHubDatabase(hub.dataDir);
    open.push(db);
    const admin = await login(hub.url);
    const gone = await addAgent(hub.url, admin, 'gone', 'Gone');
    const moved = await addAgent(hub.url, admin, 'moved', 'Moved');
    const here = await addAgent(hub.url, admin, 'here', 'Here');
    for (const agent of [gone, moved, here]) await setStatus(hub.url, agent, 'ready');

    const now = Date.now();
    const instance = db.prepare(
      'INSERT INTO hub_instances (id, started_at, seen_at, url, settings_json) VALUES (?, ?, ?, ?, ?)',
    );
    instance.run('dead', now - 120_000, now - 60_000, 'http://127.0.0.1:9', '{}');
    instance.run('alive', now - 120_000, now + 3_600_000, 'http://127.0.0.1:9', '{}');
    const socket = db.prepare(
      'INSERT INTO agent_sockets (agent_id, instance_id, sockets, changed_at) VALUES (?, ?, 1, ?)',
    );
    socket.run(gone.id, 'dead', now - 60_000);
    socket.run(moved.id, 'alive', now);
    // Moved's socket on this hub closes: their socket on the other instance keeps them ready.
    const { live: left } = await openLive(hub.url, moved.token);
    closeAll(left);
    const { live } = await openLive(hub.url, here.token);
    sockets.push(live);

    expect(await waitFor(statusOf(db, gone), (status) => status === 'offline', 10_000)).toBe('offline');
    // The sweep that took Gone offline ran after Moved's grace had passed on this hub.
    expect(await statusOf(db, moved)()).toBe('ready');
    expect(await statusOf(db, here)()).toBe('ready');
    const rows = db
      .prepare(
        'SELECT agent_id AS agentId, instance_id AS instanceId, sockets FROM agent_sockets ORDER BY agent_id, instance_id',
      )
      .all();
    expect(rows).toEqual(
      expect.arrayContaining([
        { agentId: moved.id, instanceId: 'alive', sockets: 1 },
        { agentId: here.id, instanceId: 'solo', sockets: 1 },
      ]),
    );
    // Gone's closed row said all it had to: it is dropped.
    expect(rows.filter((row) => (row as { agentId: string }).agentId === gone.id)).toEqual([]);
  });

  it('takes offline, after the grace, an agent connected when the hub stopped who did not come back', async () => {
    const first = await startHub({ offlineGraceMs: GRACE_MS, clockMs: 0 });
    const admin = await login(first.url);
    const stayed = await addAgent(first.url, admin, 'stayed', 'Stayed');
    const back = await addAgent(first.url, admin, 'back', 'Back');
    for (const agent of [stayed, back]) {
      await setStatus(first.url, agent, 'ready');
      sockets.push((await openLive(first.url, agent.token)).live);
    }
    await first.close();
    closeAll(...sockets.splice(0));

    const hub = await startHub({ dataDir: first.dataDir, offlineGraceMs: GRACE_MS, clockMs: 0 });
    open.push(hub);
    const db = openHubDatabase(hub.dataDir);
    open.push(db);
    sockets.push((await openLive(hub.url, back.token)).live);
    expect(await waitFor(statusOf(db, stayed), (status) => status === 'offline', 10_000)).toBe('offline');
    expect(await statusOf(db, back)()).toBe('ready');
  });
});
