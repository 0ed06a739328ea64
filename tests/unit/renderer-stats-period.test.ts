/** The stats panel's period picker and table rows: hand-computed ranges, bad dates named, no NaN in exports. */
import { describe, expect, it } from 'vitest';
import { intervalLabel, periodRows, type PeriodStats } from '../../src/renderer/features/stats/periodTable.js';
import { periodRange } from '../../src/renderer/features/stats/statsPeriod.js';
import { summarizeContacts } from '../../src/shared/stats/kpi.js';

describe('periodRange', () => {
  it('today, yesterday and the last 7 days end on the hub day; month and year boundaries hold', () => {
    expect(periodRange('today', '2026-03-01')).toEqual({ ok: true, day: '2026-03-01', days: 1 });
    expect(periodRange('yesterday', '2026-03-01')).toEqual({ ok: true, day: '2026-02-28', days: 1 });
    expect(periodRange('last7', '2027-01-03')).toEqual({ ok: true, day: '2026-12-28', days: 7 });
  });

  it('a custom period includes both ends; the future is allowed (the hub answers with zeros)', () => {
    expect(periodRange('custom', '2026-11-25', '2026-11-20', '2026-11-25')).toEqual({
      ok: true,
      day: '2026-11-20',
      days: 6,
    });
    expect(periodRange('custom', '2026-11-25', '2030-01-01', '2030-01-01')).toEqual({
      ok: true,
      day: '2030-01-01',
      days: 1,
    });
  });

  it('missing, reversed or too long custom periods are named, not sent', () => {
    expect(periodRange('custom', '2026-11-25', '', '2026-11-25')).toEqual({ ok: false, problem: 'missing' });
    expect(periodRange('custom', '2026-11-25', '2026-13-40', '2026-11-25')).toEqual({ ok: false, problem: 'missing' });
    expect(periodRange('custom', '2026-11-25', '2026-11-20', '2026-11-10')).toEqual({ ok: false, problem: 'order' });
    expect(periodRange('custom', '2026-11-25', '2026-01-01', '2026-03-04')).toEqual({ ok: false, problem: 'tooLong' });
    expect(periodRange('custom', '2026-11-25', '2026-01-01', '2026-03-03')).toMatchObject({ ok: true, days: 62 });
  });
});

describe('periodRows', () => {
  it('percentages, seconds and CSAT as exported; an empty row says "no data" (null), never NaN', () => {
    const full = {
      ...summarizeContacts([]),
      offered: 4,
      answered: 3,
      abandoned: 1,
      serviceLevel: 2 / 3,
      abandonRate: 1 / 4,
      averageSpeedOfAnswerMs: 15_333.3,
      averageHandleTimeMs: 256_666.6,
      transfers: 1,
      csatAverage: 11 / 3,
      csatResponses: 3,
    };
    const period = {
      from: 0,
      to: 1,
      timeZone: 'Europe/Moscow',
      total: full,
      by15min: [],
      byHour: [],
      byDay: [],
      byAgent: [],
      byGroup: [],
      byChannel: [
        { key: 'phone', summary: full },
        { key: 'email', summary: summarizeContacts([]) },
      ],
    } satisfies PeriodStats;
    const rows = periodRows(period, 'byChannel', (_t, key) => key.toUpperCase());
    expect(rows[0]).toEqual(['PHONE', 4, 3, 1, 66.7, 25, 15, 257, 1, 3.67, 3]);
    expect(rows[1]).toEqual(['EMAIL', 0, 0, 0, null, null, null, null, 0, null, 0]);
  });

  it('interval keys are shown in the hub zone', () => {
    expect(intervalLabel('2026-11-25T21:15:00.000Z', 'Europe/Moscow')).toBe('2026-11-26 00:15');
    expect(intervalLabel('not a time', 'UTC')).toBe('not a time');
  });
});
