/** A rating in the thread's history, worded in the agent's language with the channel it came through. */
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/renderer/i18n/index.js';
import { threadEventText } from '../../src/renderer/features/conversation/threadEventText.js';

describe('csat events in the thread history', () => {
  it('says the score and the channel, in English and Russian; web chat without a channel', async () => {
    const i18n = await createI18n('en');
    const t = i18n.t.bind(i18n);
    const phone = { kind: 'csat', text: 'the customer rated …', data: { score: 4, channel: 'phone' } };
    const webchat = { kind: 'csat', text: 'the customer rated …', data: { score: 5 } };
    expect(threadEventText(t, phone)).toBe('The customer rated the conversation 4 of 5 (by phone, after the call)');
    expect(threadEventText(t, webchat)).toBe('The customer rated the conversation 5 of 5');
    await i18n.changeLanguage('ru');
    expect(threadEventText(t, { ...phone, data: { score: 2, channel: 'telegram' } })).toBe(
      'Клиент оценил обращение: 2 из 5 (в Telegram)',
    );
  });
});
