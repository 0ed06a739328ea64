import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/renderer/i18n/index.js';
import { threadEventText } from '../../src/renderer/features/conversation/threadEventText.js';

describe('thread history in the agent language', () => {
  it('words the queue events from their facts, in English and Russian', async () => {
    const i18n = await createI18n('en');
    const t = i18n.t.bind(i18n);
    const answered = { kind: 'answered', text: 'answered {...}', data: { agentName: 'Anna', waitedMs: 12_400 } };
    expect(threadEventText(t, answered)).toBe('Answered by Anna after 12 s');
    expect(threadEventText(t, { kind: 'abandoned', text: '', data: { waitedMs: 3000, short: true } })).toBe(
      'The caller hung up within 3 s (counted apart)',
    );
    expect(threadEventText(t, { kind: 'callback_done', text: '', data: { result: 'no_answer' } })).toBe(
      'Called back: no answer',
    );
    await i18n.changeLanguage('ru');
    expect(threadEventText(t, answered)).toBe('Ответил(а) Anna через 12 с');
  });

  it('keeps the hub text for kinds it does not know', async () => {
    const i18n = await createI18n('en');
    expect(threadEventText(i18n.t.bind(i18n), { kind: 'taken', text: 'taken by Boris', data: {} })).toBe(
      'taken by Boris',
    );
  });
});
