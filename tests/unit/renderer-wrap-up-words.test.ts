/**
 * Wrap-up in the agent's language (decision 0032): a contact's `topics_set` history event is worded
 * from the names it carries in both languages, and the hub's "not ready yet" refusal becomes a notice
 * naming the contact.
 */
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/renderer/i18n/index.js';
import { threadEventText } from '../../src/renderer/features/conversation/threadEventText.js';

const event = (names: { en: string; ru: string } | null) => ({
  kind: 'topics_set',
  text: 'hub text',
  data: { agentName: 'Anna', topicIds: names ? ['card-blocked'] : [], names: names ?? { en: '', ru: '' } },
});

describe('wrap-up words', () => {
  it('says which topics were set, in English and in Russian', () => {
    const enI18n = createI18n('en');
    const en = enI18n.t.bind(enI18n);
    const ruI18n = createI18n('ru');
    const ru = ruI18n.t.bind(ruI18n);
    const set = event({ en: 'Cards › Card blocked', ru: 'Карты › Карта заблокирована' });
    expect(threadEventText(en, set)).toBe('Anna set the topics: Cards › Card blocked');
    expect(threadEventText(ru, set)).toBe('Anna указал(а) тематики: Карты › Карта заблокирована');
    expect(threadEventText(en, event(null))).toBe('Anna cleared the topics');
  });

  it('words the refused ready with every contact still waiting', () => {
    const enI18n = createI18n('en');
    const en = enI18n.t.bind(enI18n);
    const ruI18n = createI18n('ru');
    const ru = ruI18n.t.bind(ruI18n);
    expect(en('conversation.notices.wrap_up_needed', { number: 12, detail: '#12, #15' })).toBe(
      'You are not ready yet: set a topic on contact #12, #15 first (its group requires wrap-up). Open contact #12 to set it.',
    );
    expect(ru('conversation.notices.wrap_up_needed', { number: 12, detail: '#12' })).toContain('обращения #12');
  });
});
