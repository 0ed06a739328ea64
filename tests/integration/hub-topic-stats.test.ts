/**
 * Stats by topic on a real hub with an injected clock (decision 0033), against a hand-computed
 * fixture: calls logged through the sync API (real threads), topics and wrap-up topics written into
 * the hub's own SQLite file as the topic tree's repository does (helper below). Parents roll up
 * their subtopics, a contact with two topics counts in each, retired topics keep their names,
 * contacts without a topic make the "No topic" row; periods follow the lead's time zone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_API } from '../../src/shared/sync.js';
import { api, login, type Loose } from './hub-harness.js';
import { addAgent } from './hub-routing-support.js';
import { callLog, STATS_START as START, statsHubs } from './hub-stats-support.js';
import { openHubDatabase } from '../support/testDatabase.js';

let clock = START;
const { startStatsHub } = statsHubs({ now: () => clock, resetClock: () => (clock = START) });

/** The writers' connections, closed before the hubs are (afterEach hooks run last-registered first). */
const writers: { close(): void }[] = [];
afterEach(() => {
  for (const w of writers.splice(0)) w.close();
});

const S = 1000;
const OCT_15 = Date.UTC(2026, 9, 15, 10, 0, 0);
/** 23:30 UTC on the 25th: already the 26th in Moscow (UTC+3). */
const LATE = Date.UTC(2026, 10, 25, 23, 30, 0);

interface TopicSeed {
  id: string;
  parent?: string;
  en: string;
  ru: string;
  position: number;
  retired?: boolean;
}

const TREE: TopicSeed[] = [
  { id: 'x-cards', en: 'Cards', ru: 'Карты', position: 100 },
  { id: 'x-cards.blocked', parent: 'x-cards', en: 'Card blocked', ru: 'Карта заблокирована', position: 0 },
  { id: 'x-cards.limit', parent: 'x-cards', en: 'Card limit', ru: 'Лимит по карте', position: 1 },
  { id: 'x-loans', en: 'Loans', ru: 'Кредиты', position: 101 },
  { id: 'x-deposits', en: 'Deposits', ru: 'Вклады', position: 102 },
  { id: 'x-old', en: 'Old promo', ru: 'Старая акция', position: 103, retired: true },
  { id: 'x-gone', en: 'Gone', ru: 'Удалённая', position: 104, retired: true },
];

/** Writes topics and wrap-up topics straight into the hub's database (its own file, WAL: safe beside the hub). */
function topicWriter(dataDir: string) {
  const db = openHubDatabase(dataDir);
  writers.push(db);
  return {
    tree(topics: TopicSeed[]) {
      const insert = db.prepare(
        `INSERT INTO topics (id, parent_id, name_en, name_ru, keywords, position, retired_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, '[]', ?, ?, ?, ?)`,
      );
      for (const t of topics) {
        insert.run(t.id, t.parent ?? null, t.en, t.ru, t.position, t.retired ? START : null, START, START);
      }
    },
    set(threadId: string, ...topicIds: string[]) {
      const insert = db.prepare(
        'INSERT INTO thread_topics (thread_id, topic_id, set_by, set_at) VALUES (?, ?, NULL, ?)',
      );
      for (const id of topicIds) insert.run(threadId, id, clock);
    },
  };
}

async function setup() {
  clock = START;
  const { hub, admin } = await startStatsHub();
  const ann = await addAgent(hub.url, admin, 'ann', 'Ann');
  let lead = await addAgent(hub.url, admin, 'lea', 'Lea', 'lead');
  const topics = topicWriter(hub.dataDir);
  topics.tree(TREE);
  /** A finished inbound call (a real phone thread once pushed) with the topics to set on it. */
  const call = (startedAt: number, answerAfterMs: number | null, endedAt: number, ...topicIds: string[]) => ({
    log: callLog({ startedAt, answeredAt: answerAfterMs === null ? null : startedAt + answerAfterMs, endedAt }),
    topicIds,
  });
  const push = async (token: string, calls: ReturnType<typeof call>[]) => {
    const pushed = await api(hub.url, SYNC_API.push, { token, json: { mutations: calls.map((c) => c.log) } });
    expect(pushed.status).toBe(200);
    expect(pushed.body.results.map((r: Loose) => r.outcome)).toEqual(calls.map(() => 'applied'));
    for (const c of calls) topics.set(c.log.threadId as string, ...c.topicIds);
  };
  // The fixture (every wait and talk chosen by hand; the expectations below are worked from it):
  // A 25 Nov: answered after 5 s, talk 120 s — Card blocked
  // B 25 Nov: answered after 30 s (outside 20 s), talk 60 s — Card blocked AND Card limit
  // C 25 Nov: the caller hung up after 30 s (not short) — Loans
  // D 25 Nov: answered after 10 s, talk 200 s — Old promo (retired since)
  // E 25 Nov: answered after 10 s, talk 30 s — no topic
  // G 15 Oct: answered after 3 s, talk 100 s — Card blocked
  const e = call(START + 800 * S, 10 * S, START + 840 * S);
  clock = START + 3_600_000;
  await push(ann.token, [
    call(START, 5 * S, START + 125 * S, 'x-cards.blocked'),
    call(START + 200 * S, 30 * S, START + 290 * S, 'x-cards.blocked', 'x-cards.limit'),
    call(START + 400 * S, null, START + 430 * S, 'x-loans'),
    call(START + 500 * S, 10 * S, START + 710 * S, 'x-old'),
    e,
    call(OCT_15, 3 * S, OCT_15 + 103 * S, 'x-cards.blocked'),
  ]);
  // F 25 Nov 23:30 UTC (26 Nov in Moscow): answered after 20 s exactly, talk 40 s — Loans. Sessions end
  // 12 h after sign-in: Ann signs in that night, which ends the older sessions; everyone signs in again after.
  clock = LATE + 61 * S;
  await push(await login(hub.url, 'ann', 'password-123'), [call(LATE, 20 * S, LATE + 60 * S, 'x-loans')]);
  clock = START + 3_600_000;
  lead = { ...lead, token: await login(hub.url, 'lea', 'password-123') };
  const ann2 = { ...ann, token: await login(hub.url, 'ann', 'password-123') };
  return { hub, ann: ann2, lead, topics, e: e.log.threadId as string };
}

const rowOf = (rows: Loose[], topicId: string | null) => {
  const row = rows.find((r) => r.topicId === topicId);
  if (!row) throw new Error(`no row for ${topicId}`);
  return row;
};

describe('stats by topic', { timeout: 120_000 }, () => {
  it('a period: volume, handle time, service level and abandons per topic, parents rolled up, retired kept, "No topic"', async () => {
    const { hub, lead, topics, e } = await setup();
    const reply = await api(hub.url, '/api/v1/stats/topics?from=2026-11-25&to=2026-11-25&timeZone=UTC', {
      token: lead.token,
    });
    expect(reply.status).toBe(200);
    const { rows, total } = reply.body;
    // A, B, C, D, E, F: each once in the total.
    expect(total.offered).toBe(6);
    // Tree order, the retired topic with contacts kept (by name), the unused retired one left out, "No topic" last.
    // (The hub's own topics, roots made by migration 15, come first; the fixture's are after them.)
    const mine = rows.filter((r: Loose) => r.topicId === null || String(r.topicId).startsWith('x-'));
    expect(mine.map((r: Loose) => [r.topicId, r.depth, r.retired])).toEqual([
      ['x-cards', 0, false],
      ['x-cards.blocked', 1, false],
      ['x-cards.limit', 1, false],
      ['x-loans', 0, false],
      ['x-deposits', 0, false],
      ['x-old', 0, true],
      [null, 0, false],
    ]);
    const cards = rowOf(rows, 'x-cards').summary;
    // A and B (B once, though it has two of the subtopics): 1 of 2 within 20 s; AHT (120 + 60) / 2 = 90 s.
    expect(cards).toMatchObject({ offered: 2, answered: 2, answeredWithinThreshold: 1, abandoned: 0 });
    expect(cards.serviceLevel).toBeCloseTo(0.5);
    expect(cards.averageHandleTimeMs).toBe(90_000);
    expect(rowOf(rows, 'x-cards.blocked').summary).toMatchObject({ offered: 2, averageHandleTimeMs: 90_000 });
    // B counts under Card limit too.
    const limit = rowOf(rows, 'x-cards.limit').summary;
    expect(limit).toMatchObject({ offered: 1, answered: 1, serviceLevel: 0, averageHandleTimeMs: 60_000 });
    // Loans: C abandoned after 30 s, F answered at exactly 20 s (inside 80/20): SL 1/2, abandon rate 1/2, AHT 40 s.
    const loans = rowOf(rows, 'x-loans').summary;
    expect(loans).toMatchObject({ offered: 2, answered: 1, abandoned: 1, abandonedShort: 0 });
    expect(loans.serviceLevel).toBeCloseTo(0.5);
    expect(loans.abandonRate).toBeCloseTo(0.5);
    expect(loans.averageHandleTimeMs).toBe(40_000);
    // Unused: zeros and "no data", never NaN.
    expect(rowOf(rows, 'x-deposits').summary).toMatchObject({
      offered: 0,
      serviceLevel: null,
      averageHandleTimeMs: null,
    });
    const old = rowOf(rows, 'x-old');
    expect(old.name).toEqual({ en: 'Old promo', ru: 'Старая акция' });
    expect(old.summary).toMatchObject({ offered: 1, serviceLevel: 1, averageHandleTimeMs: 200_000 });
    expect(rowOf(rows, null).summary).toMatchObject({ offered: 1, averageHandleTimeMs: 30_000 });
    expect(JSON.stringify(reply.body)).not.toContain('NaN');

    // In Moscow the 25th ends at 21:00 UTC: F (23:30 UTC) falls on the 26th.
    const moscow = await api(hub.url, '/api/v1/stats/topics?from=2026-11-25&to=2026-11-25&timeZone=Europe/Moscow', {
      token: lead.token,
    });
    expect(moscow.body.from).toBe(Date.UTC(2026, 10, 24, 21));
    expect(rowOf(moscow.body.rows, 'x-loans').summary).toMatchObject({ offered: 1, answered: 0, abandoned: 1 });
    const next = await api(hub.url, '/api/v1/stats/topics?from=2026-11-26&to=2026-11-26&timeZone=Europe/Moscow', {
      token: lead.token,
    });
    expect(rowOf(next.body.rows, 'x-loans').summary.offered).toBe(1);
    expect(next.body.total.offered).toBe(1);

    // A topic set afterwards is read at once (nothing precomputed to go stale): E moves out of "No topic".
    topics.set(e, 'x-deposits');
    const after = await api(hub.url, '/api/v1/stats/topics?from=2026-11-25&to=2026-11-25&timeZone=UTC', {
      token: lead.token,
    });
    expect(rowOf(after.body.rows, null).summary.offered).toBe(0);
    expect(rowOf(after.body.rows, 'x-deposits').summary).toMatchObject({ offered: 1, averageHandleTimeMs: 30_000 });
  });

  it('seasonality: volume per topic per month and per week across a span', async () => {
    const { hub, lead } = await setup();
    const months = await api(
      hub.url,
      '/api/v1/stats/topics/season?from=2026-10-01&to=2026-12-31&timeZone=UTC&step=month',
      { token: lead.token },
    );
    expect(months.status).toBe(200);
    expect(months.body.buckets).toEqual(['2026-10', '2026-11', '2026-12']);
    const series = (id: string | null) => rowOf(months.body.series, id).values;
    expect(series('x-cards')).toEqual([1, 2, 0]);
    expect(series('x-cards.blocked')).toEqual([1, 2, 0]);
    expect(series('x-cards.limit')).toEqual([0, 1, 0]);
    expect(series('x-loans')).toEqual([0, 2, 0]);
    expect(series('x-old')).toEqual([0, 1, 0]);
    expect(series(null)).toEqual([0, 1, 0]);
    expect(rowOf(months.body.series, 'x-cards').total).toBe(3);

    // Weeks start on Monday: 12 Oct (G), 23 Nov (the 25th's calls), 30 Nov (empty).
    const weeks = await api(
      hub.url,
      '/api/v1/stats/topics/season?from=2026-10-12&to=2026-11-30&timeZone=UTC&step=week',
      { token: lead.token },
    );
    expect(weeks.body.buckets[0]).toBe('2026-10-12');
    expect(weeks.body.buckets.at(-1)).toBe('2026-11-30');
    expect(weeks.body.buckets).toHaveLength(8);
    const cards = rowOf(weeks.body.series, 'x-cards').values;
    expect(cards[0]).toBe(1);
    expect(cards[weeks.body.buckets.indexOf('2026-11-23')]).toBe(2);
    expect(cards.reduce((a: number, b: number) => a + b, 0)).toBe(3);
  });

  it('compares two periods: both figures per topic, the change and the percentage', async () => {
    const { hub, lead } = await setup();
    const reply = await api(
      hub.url,
      '/api/v1/stats/topics/compare?aFrom=2026-10-15&aTo=2026-10-15&bFrom=2026-11-25&bTo=2026-11-25&timeZone=UTC',
      { token: lead.token },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.a.total.offered).toBe(1);
    expect(reply.body.b.total.offered).toBe(6);
    const blocked = rowOf(reply.body.rows, 'x-cards.blocked');
    expect(blocked.a.offered).toBe(1);
    expect(blocked.b.offered).toBe(2);
    expect(blocked.change.offered).toEqual({ delta: 1, pct: 1 });
    // AHT 100 s → 90 s: −10 s, −10 %.
    expect(blocked.change.averageHandleTimeMs.delta).toBe(-10_000);
    expect(blocked.change.averageHandleTimeMs.pct).toBeCloseTo(-0.1);
    // SL 100 % → 50 %: −0.5 (points as a fraction), −50 %.
    expect(blocked.change.serviceLevel.delta).toBeCloseTo(-0.5);
    expect(blocked.change.serviceLevel.pct).toBeCloseTo(-0.5);
    // Nothing in A: the change is there, the percentage is not (no division by zero).
    const loans = rowOf(reply.body.rows, 'x-loans');
    expect(loans.change.offered).toEqual({ delta: 2, pct: null });
    expect(loans.change.serviceLevel).toEqual({ delta: null, pct: null });
    // A retired topic used in either period stays, with its name.
    expect(rowOf(reply.body.rows, 'x-old')).toMatchObject({ retired: true, name: { en: 'Old promo' } });
  });

  it('refuses agents and bad input with a clear message naming the field', async () => {
    const { hub, ann, lead } = await setup();
    const q = (query: string, token = lead.token) => api(hub.url, `/api/v1/stats/topics${query}`, { token });
    expect((await q('?from=2026-11-25&to=2026-11-25&timeZone=UTC', ann.token)).status).toBe(403);
    expect((await api(hub.url, '/api/v1/stats/topics?from=2026-11-25&to=2026-11-25&timeZone=UTC')).status).toBe(401);
    const order = await q('?from=2026-11-25&to=2026-11-20&timeZone=UTC');
    expect(order.status).toBe(400);
    expect(JSON.stringify(order.body.error)).toContain('to');
    expect(order.body.error.message).toContain('2026-11-20 is before 2026-11-25');
    const long = await q('?from=2026-01-01&to=2026-03-31&timeZone=UTC');
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain('at most 62 days');
    const zone = await q('?from=2026-11-25&to=2026-11-25&timeZone=Mars/Olympus');
    expect(zone.status).toBe(400);
    expect(zone.body.error.message).toContain('time zone');
    const day = await q('?from=2026-02-30&to=2026-03-01&timeZone=UTC');
    expect(day.status).toBe(400);
    expect(day.body.error.message).toContain('from');
    const step = await q('/season?from=2026-01-01&to=2026-03-01&timeZone=UTC&step=year');
    expect(step.status).toBe(400);
    expect(step.body.error.message).toContain('step');
    const cmp = await q('/compare?aFrom=2026-11-01&aTo=2026-11-02&bFrom=2026-11-10&bTo=2026-11-01&timeZone=UTC');
    expect(cmp.status).toBe(400);
    expect(cmp.body.error.message).toContain('b.to');
  });
});

describe('stats by topic through the topic tree API', { timeout: 120_000 }, () => {
  it('a contact follows its subtopic when a lead moves it, and stays, named, when the topic is retired', async () => {
    clock = START;
    const { hub, admin } = await startStatsHub();
    const ann = await addAgent(hub.url, admin, 'ann', 'Ann');
    const lead = await addAgent(hub.url, admin, 'lea', 'Lea', 'lead');
    const save = async (body: object) => {
      const reply = await api(hub.url, '/api/v1/topics', { token: lead.token, json: body });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return reply.body.id as string;
    };
    const travel = await save({ name: { en: 'Travel', ru: 'Путешествия' } });
    const premium = await save({ name: { en: 'Premium', ru: 'Премиум' } });
    const lost = await save({ parentId: travel, name: { en: 'Card lost abroad', ru: 'Карта утеряна за границей' } });
    const log = callLog({ startedAt: START, answeredAt: START + 8 * S, endedAt: START + 68 * S });
    clock = START + 70 * S;
    const pushed = await api(hub.url, SYNC_API.push, { token: ann.token, json: { mutations: [log] } });
    expect(pushed.body.results[0].outcome).toBe('applied');
    const set = await api(hub.url, `/api/v1/threads/${log.threadId}/topics`, {
      method: 'PUT',
      token: ann.token,
      json: { topicIds: [lost] },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);

    const figures = async () => {
      const reply = await api(hub.url, '/api/v1/stats/topics?from=2026-11-25&to=2026-11-25&timeZone=UTC', {
        token: lead.token,
      });
      expect(reply.status).toBe(200);
      return reply.body.rows as Loose[];
    };
    let rows = await figures();
    expect(rowOf(rows, travel).summary).toMatchObject({ offered: 1, averageHandleTimeMs: 60_000, serviceLevel: 1 });
    expect(rowOf(rows, lost)).toMatchObject({ parentId: travel, depth: 1 });
    expect(rowOf(rows, premium).summary.offered).toBe(0);

    const moved = await api(hub.url, '/api/v1/topics/move', {
      token: lead.token,
      json: { id: lost, parentId: premium, position: 0 },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    rows = await figures();
    expect(rowOf(rows, premium).summary.offered).toBe(1);
    expect(rowOf(rows, travel).summary.offered).toBe(0);
    expect(rowOf(rows, lost)).toMatchObject({ parentId: premium, depth: 1 });

    const retired = await api(hub.url, `/api/v1/topics/${encodeURIComponent(lost)}/retire`, {
      token: lead.token,
      json: {},
    });
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);
    rows = await figures();
    expect(rowOf(rows, lost)).toMatchObject({
      retired: true,
      name: { en: 'Card lost abroad', ru: 'Карта утеряна за границей' },
      summary: { offered: 1 },
    });
    expect(rowOf(rows, premium).summary.offered).toBe(1);
  });
});
