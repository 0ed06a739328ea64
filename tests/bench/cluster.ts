/**
 * Hub instances on one PostgreSQL and one NATS (issue 17, decision 0047), for 1, 2 and 3 instances:
 * inbound web-chat messages per second (visitors spread over the instances, each message confirmed),
 * routing decisions per second in the same run (threads assigned or queued), the time a customer's
 * message takes to reach an agent whose live socket is on another instance (median, p95), and the
 * time the leased work takes to move after the holder is killed with SIGKILL.
 * `npm run bench:cluster` alone; part of `npm run bench`. Measures, never fails on speed.
 */
import path from 'node:path';
import { PostgresDatabase } from '../../src/server/storage/postgres/pgDatabase.js';
import { bundleScript, startScript, type ScriptChild } from '../support/childProcess.js';
import type { HubChildConfig } from '../support/hubChild.js';
import { natsMissing, startNats, type NatsServer } from '../support/natsServer.js';
import { postgresMissing, startPostgres, type PostgresServer } from '../support/postgresServer.js';
import { addAgent, setStatus, type TeamAgent } from '../integration/hub-routing-support.js';
import { ADMIN_PASSWORD, api, closeAll, login, openLive, openWidget, tempDir, type FrameQueue } from '../integration/hub-harness.js';

const LEASE_MS = 1500;
const SUPPORT = path.resolve(import.meta.dirname, '../support');

export interface ClusterFigures {
  instances: number;
  messages: number;
  messagesPerSecond: number;
  routingDecisionsPerSecond: number;
  crossInstanceMs: { median: number; p95: number; samples: number } | null;
  failoverMs: number | null;
}

export function clusterBenchMissing(): string | null {
  return postgresMissing() ?? natsMissing();
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readyLeases(url: string): Promise<string[]> {
  try {
    const reply = await api(url, '/readyz');
    return reply.status === 200 ? (reply.body.leases as string[]) : [];
  } catch {
    return [];
  }
}

async function runWith(
  count: number,
  pg: PostgresServer,
  nats: NatsServer,
  hubArgs: string[],
  visitors: number,
  perVisitor: number,
): Promise<ClusterFigures> {
  const database = `okno_bench_${count}`;
  const admin = new PostgresDatabase(pg.url);
  admin.exec(`CREATE DATABASE ${database}`);
  admin.close();
  const dataDir = tempDir('okno-bench-cluster-');
  const widgetDir = tempDir('okno-widget-');
  const children: ScriptChild[] = [];
  const urls: string[] = [];
  const sockets: FrameQueue[] = [];
  const start = async (name: string) => {
    const config: HubChildConfig = {
      dataDir,
      widgetDir,
      adminPassword: ADMIN_PASSWORD,
      heartbeatMs: 5000,
      databaseUrl: pg.urlOf(database),
      cluster: { natsUrl: nats.url, instanceId: name, leaseMs: LEASE_MS, pollMs: 1000 },
    };
    const child = startScript(hubArgs, config);
    const line = await child.waitFor((l) => l.startsWith('listening '), 60_000);
    children.push(child);
    urls.push(line.split(' ')[1]!);
  };
  const db = new PostgresDatabase(pg.urlOf(database));
  try {
    await start('i0');
    for (let i = 1; i < count; i++) await start(`i${i}`);
    const token = await login(urls[0]!);
    const agents: TeamAgent[] = [];
    for (let i = 0; i < 10; i++) agents.push(await addAgent(urls[0]!, token, `bench${i}`, `Bench ${i}`));
    await api(urls[0]!, '/api/v1/groups', { token, json: { name: 'All', memberIds: agents.map((a) => a.id) } });
    for (const [i, agent] of agents.entries()) {
      await setStatus(urls[i % count]!, agent, 'ready');
      sockets.push((await openLive(urls[i % count]!, agent.token)).live);
    }

    // Inbound: every visitor on its instance, messages back to back, each confirmed by the hub.
    const decisionsBefore = (db.prepare("SELECT count(*) AS n FROM thread_events WHERE kind IN ('assigned', 'queued')").get() as { n: number }).n;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: visitors }, async (_, v) => {
        const { widget } = await openWidget(urls[v % count]!, { name: `Visitor ${v}` });
        sockets.push(widget);
        for (let m = 0; m < perVisitor; m++) {
          const clientId = crypto.randomUUID();
          widget.socket.send(JSON.stringify({ type: 'message', clientId, text: `v${v} m${m} карта` }));
          await widget.next((f) => f.clientId === clientId, 30_000);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const decisions =
      (db.prepare("SELECT count(*) AS n FROM thread_events WHERE kind IN ('assigned', 'queued')").get() as { n: number }).n - decisionsBefore;

    // Across instances: the visitor on the last instance, the agent's live socket on the first.
    let crossInstanceMs: ClusterFigures['crossInstanceMs'] = null;
    if (count > 1) {
      const watcher = agents[0]!;
      for (const other of agents.slice(1)) await setStatus(urls[0]!, other, 'not_ready', 'other');
      const { live } = await openLive(urls[0]!, watcher.token);
      sockets.push(live);
      const { widget } = await openWidget(urls[count - 1]!, { name: 'Latency' });
      sockets.push(widget);
      const samples: number[] = [];
      for (let i = 0; i < 100; i++) {
        const clientId = crypto.randomUUID();
        const sentAt = performance.now();
        widget.socket.send(JSON.stringify({ type: 'message', clientId, text: `latency ${i}` }));
        await live.next((f) => f.type === 'changes' && f.changes.some((c: { data: { id: string } }) => c.data.id === clientId), 10_000);
        samples.push(performance.now() - sentAt);
        await sleep(20);
      }
      samples.sort((a, b) => a - b);
      crossInstanceMs = {
        median: Math.round(percentile(samples, 0.5) * 10) / 10,
        p95: Math.round(percentile(samples, 0.95) * 10) / 10,
        samples: samples.length,
      };
    }

    // Failover: kill the holder of the leases, time until a survivor runs the work.
    let failoverMs: number | null = null;
    if (count > 1) {
      const holder = (db.prepare("SELECT holder FROM leases WHERE name = 'channels'").get() as { holder: string }).holder;
      const index = Number(holder.slice(1));
      await children[index]!.kill9();
      const killed = performance.now();
      const survivors = urls.filter((_, i) => i !== index);
      for (let i = 0; i < 400 && failoverMs === null; i++) {
        for (const url of survivors) if ((await readyLeases(url)).includes('channels')) failoverMs = Math.round(performance.now() - killed);
        if (failoverMs === null) await sleep(25);
      }
    }
    return {
      instances: count,
      messages: visitors * perVisitor,
      messagesPerSecond: Math.round((visitors * perVisitor) / seconds),
      routingDecisionsPerSecond: Math.round(decisions / seconds),
      crossInstanceMs,
      failoverMs,
    };
  } finally {
    closeAll(...sockets);
    for (const child of children) await child.kill9();
    db.close();
  }
}

export async function benchCluster(visitors: number, perVisitor: number, counts = [1, 2, 3]): Promise<ClusterFigures[]> {
  process.env.OKNO_TEST_FAST_PASSWORDS = '1';
  // Many visitors from one loopback address, each writing as fast as the hub confirms: the widget's
  // own limits (sized for people) are lifted for the children.
  process.env.OKNO_HUB_WIDGET_LIMITS = JSON.stringify({
    messages: { perVisitor: { burst: 100_000, perMinute: 1_000_000 }, global: { burst: 1_000_000, perMinute: 10_000_000 } },
    hellos: { global: { burst: 100_000, perMinute: 1_000_000 } },
    newVisitors: { global: { burst: 100_000, perMinute: 1_000_000 } },
  });
  const [pg, nats, hubArgs] = await Promise.all([startPostgres(), startNats(), bundleScript(path.join(SUPPORT, 'hubChild.ts'))]);
  try {
    const figures: ClusterFigures[] = [];
    for (const count of counts) figures.push(await runWith(count, pg, nats, hubArgs, visitors, perVisitor));
    return figures;
  } finally {
    await nats.stop();
    await pg.stop();
  }
}
