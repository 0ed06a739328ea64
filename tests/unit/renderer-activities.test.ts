/**
 * Planned activities in the renderer (decision 0036): the plan form's time and "for whom" helpers,
 * and the thread history's wording of activity events in English and Russian.
 */
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/renderer/i18n/index.js';
import { threadEventText } from '../../src/renderer/features/conversation/threadEventText.js';
import {
  fromLocalInput,
  suggestedDue,
  targetOf,
  toLocalInput,
} from '../../src/renderer/features/activities/activityForm.js';

describe('the plan form', () => {
  it('round-trips a local date and time, and refuses what is not one', () => {
    const ms = new Date(2026, 2, 2, 14, 5).getTime();
    expect(toLocalInput(ms)).toBe('2026-03-02T14:05');
    expect(fromLocalInput('2026-03-02T14:05')).toBe(ms);
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
  });

  it('suggests the next quarter of an hour at least an hour ahead', () => {
    const now = new Date(2026, 2, 2, 14, 5, 30).getTime();
    expect(suggestedDue(now)).toBe(new Date(2026, 2, 2, 15, 15).getTime());
    const onQuarter = new Date(2026, 2, 2, 14, 0).getTime();
    expect(suggestedDue(onQuarter)).toBe(new Date(2026, 2, 2, 15, 0).getTime());
  });

  it('reads "for whom": me, an agent or a group', () => {
    expect(targetOf('')).toEqual({ agentId: null, groupId: null });
    expect(targetOf('agent:a1')).toEqual({ agentId: 'a1', groupId: null });
    expect(targetOf('group:g1')).toEqual({ agentId: null, groupId: 'g1' });
  });
});

describe('activity events in the thread history', () => {
  it('are worded from their facts in English and Russian', async () => {
    const i18n = await createI18n('en');
    const t = i18n.t.bind(i18n);
    const due = { kind: 'activity_due', text: 'activity due callback', data: { kind: 'callback', note: 'Loan rate' } };
    expect(threadEventText(t, due)).toBe('Callback is due: Loan rate');
    expect(threadEventText(t, { kind: 'activity_due', text: '', data: { kind: 'meeting', note: '' } })).toBe(
      'Meeting is due',
    );
    expect(threadEventText(t, { kind: 'activity_queued', text: '', data: { kind: 'reminder', number: 42 } })).toBe(
      'Reminder is due: in the queue as #42',
    );
    expect(threadEventText(t, { kind: 'activity_cancelled', text: '', data: { kind: 'callback' } })).toBe(
      'Callback cancelled',
    );
    const planned = threadEventText(t, {
      kind: 'activity_planned',
      text: '',
      data: { kind: 'callback', dueAt: new Date(2026, 2, 2, 14, 5).getTime(), note: 'Loan rate' },
    });
    expect(planned).toMatch(/^Callback planned for .*2:05.*: Loan rate$/);
    await i18n.changeLanguage('ru');
    expect(threadEventText(t, due)).toBe('Обратный звонок: пора выполнить — Loan rate');
    expect(threadEventText(t, { kind: 'activity_done', text: '', data: { kind: 'meeting' } })).toBe(
      'Встреча: выполнено',
    );
  });
});
