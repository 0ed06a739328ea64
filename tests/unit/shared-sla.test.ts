import { describe, expect, it } from 'vitest';
import { compareByDeadline, DEFAULT_RESPONSE_TARGETS, slaDeadline } from '../../src/shared/sla.js';

describe('SLA deadlines', () => {
  it('uses the response-time target of the channel', () => {
    expect(slaDeadline('phone', 1000)).toBe(21_000);
    expect(slaDeadline('webchat', 0)).toBe(60_000);
    expect(slaDeadline('email', 0)).toBe(7_200_000);
    expect(slaDeadline('telegram', 0, { ...DEFAULT_RESPONSE_TARGETS, telegram: 5 })).toBe(5);
  });

  it('orders by deadline, nothing-waiting last, then newest activity', () => {
    const t = (id: string, slaDueAt: number | null, lastMessageAt = 0) => ({ id, slaDueAt, lastMessageAt });
    const sorted = [t('a', null, 9), t('b', 500), t('c', 100), t('d', null, 10), t('e', 100)].sort(compareByDeadline);
    expect(sorted.map((x) => x.id)).toEqual(['c', 'e', 'b', 'd', 'a']);
  });
});
