/**
 * The register's report against a hand-computed fixture (decision 0035): complaints registered,
 * resolved, reopened and left open at set times on a real hub, and the report's received / resolved /
 * overdue per type for a week in Moscow (and the same days in UTC, where one complaint moves in).
 *
 * Calendar Monday–Friday. Type A: 1 business day; type B: 2. Times are Moscow (UTC+3).
 *   #1 A  Mon 2 Nov 10:00, due end of Tue 3; resolved Tue 3 12:00         received, resolved
 *   #2 A  Tue 3 Nov 10:00, due end of Wed 4; resolved Thu 5 10:00         received, resolved, overdue
 *   #3 B  Fri 30 Oct 10:00, due end of Tue 3; resolved Wed 4 10:00        resolved (received before the week)
 *   #4 B  Wed 4 Nov 10:00, due end of Fri 6; resolved Wed 4 11:00, reopened Thu 5, resolved again Tue 10
 *                                                                         received, resolved (the first time)
 *   #5 A  Fri 6 Nov 23:30, due end of Mon 9; still open on Thu 12        received, overdue
 *   #6 A  Sat 7 Nov 00:30 (Fri 6 21:30 UTC)                               outside the week in Moscow, inside in UTC
 * Expected, Moscow: A 3 / 2 / 2, B 1 / 2 / 0, total 4 / 4 / 2. UTC: A received 4, overdue 3 (#6 is
 * open past its deadline, end of Mon 9 in the hub's zone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { api, closeAll, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { customerWrites } from './hub-routing-support.js';

let now = Date.parse('2026-10-30T07:00:00Z');
let hub: Hub & { dataDir: string };
let admin: string;
let customerId: string;
let typeA: string;
let typeB: string;
const numbers = new Map<number, { id: string; version: number }>();

async function at(moscow: string): Promise<void> {
  now = Date.parse(`${moscow}+03:00`);
  admin = await login(hub.url);
}

async function register(n: number, typeId: string): Promise<void> {
  const reply = await api(hub.url, '/api/v1/register/complaints', {
    token: admin,
    json: { typeId, threadId: null, customerId, subject: `Complaint ${n}`, fields: {} },
  });
  expect(reply.status).toBe(200);
  expect(reply.body.number).toBe(n);
  numbers.set(n, { id: reply.body.id, version: reply.body.version });
}

async function move(n: number, ...statuses: string[]): Promise<void> {
  for (const status of statuses) {
    const c = numbers.get(n)!;
    const reply = await api(hub.url, `/api/v1/register/complaints/${c.id}`, {
      method: 'PUT',
      token: admin,
      json: { baseVersion: c.version, status },
    });
    expect(reply.status).toBe(200);
    numbers.set(n, { id: c.id, version: reply.body.version });
  }
}

const TYPE = {
  fields: [],
  ownerGroupId: null,
};

beforeAll(async () => {
  hub = await startHub({ clockMs: 0, now: () => now, timeZone: 'Europe/Moscow' });
  admin = await login(hub.url);
  const written = await customerWrites(hub.url, admin, 'Хочу подать жалобу', 'Ольга');
  customerId = written.thread.customerId;
  closeAll(written.widget);
  typeA = (
    await api(hub.url, '/api/v1/register/types', {
      method: 'PUT',
      token: admin,
      json: { ...TYPE, name: { en: 'A', ru: 'А' }, deadlineDays: 1 },
    })
  ).body.id;
  typeB = (
    await api(hub.url, '/api/v1/register/types', {
      method: 'PUT',
      token: admin,
      json: { ...TYPE, name: { en: 'B', ru: 'Б' }, deadlineDays: 2 },
    })
  ).body.id;

  await at('2026-10-30T10:00:00');
  await register(1, typeB); // the fixture's #3 (numbers follow registration order)
  await at('2026-11-02T10:00:00');
  await register(2, typeA); // #1
  await at('2026-11-03T10:00:00');
  await register(3, typeA); // #2
  await at('2026-11-03T12:00:00');
  await move(2, 'in_progress', 'resolved');
  await at('2026-11-04T10:00:00');
  await move(1, 'in_progress', 'resolved');
  await register(4, typeB); // #4
  await at('2026-11-04T11:00:00');
  await move(4, 'in_progress', 'resolved');
  await at('2026-11-05T10:00:00');
  await move(3, 'in_progress', 'resolved');
  await move(4, 'in_progress');
  await at('2026-11-06T23:30:00');
  await register(5, typeA); // #5
  await at('2026-11-07T00:30:00');
  await register(6, typeA); // #6
  await at('2026-11-10T12:00:00');
  await move(4, 'resolved');
  await at('2026-11-12T12:00:00');
  // Fourteen sign-ins and thirty requests: generous on a loaded machine.
}, 240_000);
afterAll(async () => {
  await hub.close();
  removeTempDirs();
});

const report = async (json: Record<string, unknown>): Promise<Loose> =>
  api(hub.url, '/api/v1/register/report', { token: admin, json });

describe('the register report', () => {
  it('adds up against the hand-computed week in Moscow', async () => {
    const reply = await report({ from: '2026-11-02', to: '2026-11-06' });
    expect(reply.status).toBe(200);
    expect(reply.body.timeZone).toBe('Europe/Moscow');
    expect(new Date(reply.body.fromMs).toISOString()).toBe('2026-11-01T21:00:00.000Z');
    expect(new Date(reply.body.toMs).toISOString()).toBe('2026-11-06T21:00:00.000Z');
    const rows = Object.fromEntries((reply.body.rows as Loose[]).map((r) => [r.typeName.en, r]));
    expect(rows.A).toMatchObject({ typeId: typeA, received: 3, resolved: 2, overdue: 2 });
    expect(rows.B).toMatchObject({ typeId: typeB, received: 1, resolved: 2, overdue: 0 });
    expect(reply.body.total).toEqual({ received: 4, resolved: 4, overdue: 2 });
  });

  it('counts the same days in UTC differently, by the zone asked for', async () => {
    const reply = await report({ from: '2026-11-02', to: '2026-11-06', timeZone: 'UTC' });
    const rows = Object.fromEntries((reply.body.rows as Loose[]).map((r) => [r.typeName.en, r]));
    expect(rows.A).toMatchObject({ received: 4, resolved: 2, overdue: 3 });
  });

  it('refuses an unknown zone and a period that ends before it starts', async () => {
    const zone = await report({ from: '2026-11-02', to: '2026-11-06', timeZone: 'Mars/Olympus' });
    expect(zone.status).toBe(400);
    expect(zone.body.error.message).toContain('Mars/Olympus');
    const backwards = await report({ from: '2026-11-06', to: '2026-11-02' });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body.error)).toContain('ends before it starts');
  });
});
