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

  it('words the text routing events too: taken, handed over, escalated, closed, queued, assigned, requeued', async () => {
    const i18n = await createI18n('ru');
    const t = i18n.t.bind(i18n);
    const say = (kind: string, data: Record<string, unknown>) => threadEventText(t, { kind, text: 'hub text', data });
    expect(say('taken', { agentName: 'Борис' })).toBe('Взял(а) в работу Борис');
    expect(say('handed_over', { actorName: 'Анна', targetName: 'Борис', note: 'ипотека' })).toBe(
      'Анна передал(а) оператору Борис: ипотека',
    );
    expect(say('handed_over', { actorName: 'Анна', groupName: 'Карты', note: 'блокировка' })).toBe(
      'Анна передал(а) в группу Карты: блокировка',
    );
    expect(say('queued', { reason: 'no_ready_agent' })).toBe('Ожидает в очереди: нет готовых операторов');
    expect(say('requeued', { agentName: 'Борис', status: 'away' })).toBe('Возвращён в очередь: Борис отошёл(ла)');
    await i18n.changeLanguage('en');
    expect(say('assigned', { agentName: 'Boris', skill: 'cards', load: 1, capacity: 3 })).toBe(
      'Assigned to Boris (skill cards, load 1/3)',
    );
    expect(say('escalated', { actorName: 'Anna', fromGroup: 'Cards', toGroup: 'Second line', note: 'fraud' })).toBe(
      'Anna escalated it from Cards to Second line: fraud',
    );
    expect(say('closed', { actorName: 'Anna' })).toBe('Closed by Anna');
    expect(say('requeued', { agentName: 'Boris', status: 'offline' })).toBe('Back in the queue: Boris went offline');
  });

  it('keeps the hub text for kinds it does not know', async () => {
    const i18n = await createI18n('en');
    expect(threadEventText(i18n.t.bind(i18n), { kind: 'imported', text: 'imported by Boris', data: {} })).toBe(
      'imported by Boris',
    );
  });
});
