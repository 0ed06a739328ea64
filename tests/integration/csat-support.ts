/** Helpers of the rating tests (issue 16): the ratings settings, the stats of a day, a thread's csat events. */
import { expect } from 'vitest';
import { api, type Loose } from './hub-harness.js';

export async function saveCsatSettings(hubUrl: string, token: string, settings: Loose): Promise<Loose> {
  const saved = await api(hubUrl, '/api/v1/csat/settings', {
    method: 'PUT',
    token,
    json: { lineIds: [], channels: [], validityHours: 72, linkBase: null, ...settings },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return saved.body;
}

/** The CSAT figures of one channel on one day (the stats a lead reads). */
export async function channelCsat(hubUrl: string, token: string, day: string, channel: string): Promise<Loose> {
  const stats = await api(hubUrl, `/api/v1/stats?day=${day}`, { token });
  expect(stats.status, JSON.stringify(stats.body)).toBe(200);
  const row = stats.body.byChannel.find((r: Loose) => r.key === channel);
  return { csatAverage: row?.summary.csatAverage ?? null, csatResponses: row?.summary.csatResponses ?? 0 };
}

export async function closeThread(hubUrl: string, token: string, threadId: string): Promise<void> {
  const closed = await api(hubUrl, `/api/v1/threads/${threadId}/close`, { method: 'POST', token, json: {} });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
}

/** The day (UTC) of an epoch time, as the stats take it. */
export const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The thread's `csat` events' data (score and channel). */
export async function csatEvents(hubUrl: string, token: string, threadId: string): Promise<Loose[]> {
  const r = await api(hubUrl, `/api/v1/threads/${threadId}/events`, { token });
  return (r.body.events as Loose[]).filter((e) => e.kind === 'csat').map((e) => e.data);
}
