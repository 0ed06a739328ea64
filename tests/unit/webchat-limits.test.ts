/**
 * The widget's limits in pieces: token buckets on a moved clock, the limiter's levels (a refused
 * frame spends no one's allowance; the hub's own address skips per-address limits; IPv6 by /64),
 * the settings read from OKNO_HUB_WIDGET_LIMITS, the English refusal, and what the widget says in
 * en/ru and does with a held message.
 */
import { describe, expect, it } from 'vitest';
import { OknoError } from '../../src/shared/errors.js';
import { WidgetServerFrame } from '../../src/shared/widgetProtocol.js';
import { limitRefusal, refusalError } from '../../src/server/webchat/limitRefusal.js';
import { TokenBuckets } from '../../src/server/webchat/tokenBuckets.js';
import { addressKey, WidgetLimiter } from '../../src/server/webchat/widgetLimiter.js';
import {
  DEFAULT_WIDGET_LIMITS,
  widgetLimits,
  widgetLimitsFromEnv,
  WIDGET_LIMITS_ENV,
} from '../../src/server/webchat/widgetLimits.js';
import { Conversation } from '../../src/widget/conversation.js';
import { slowDownText } from '../../src/widget/limitText.js';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('token buckets', () => {
  it('let the burst through, then refill at the rate, and say how long to wait', () => {
    const time = clock();
    const buckets = new TokenBuckets({ burst: 3, perMinute: 30 }, time.now);
    for (let i = 0; i < 3; i++) {
      expect(buckets.wait('v')).toBe(0);
      buckets.take('v');
    }
    expect(buckets.wait('v')).toBe(2000);
    expect(buckets.wait('other')).toBe(0);
    time.advance(1500);
    expect(buckets.wait('v')).toBe(500);
    time.advance(500);
    expect(buckets.wait('v')).toBe(0);
    time.advance(60_000);
    // Never more than the burst, however long it rested.
    for (let i = 0; i < 3; i++) buckets.take('v');
    expect(buckets.wait('v')).toBeGreaterThan(0);
  });

  it('charge a cost (bytes) and cap a cost above the burst at the burst', () => {
    const time = clock();
    const buckets = new TokenBuckets({ burst: 100, perMinute: 60 }, time.now);
    expect(buckets.wait('a', 70)).toBe(0);
    buckets.take('a', 70);
    expect(buckets.wait('a', 70)).toBe(40_000);
    expect(buckets.wait('b', 1000)).toBe(0);
  });

  it('stay bounded: full buckets go first, then the least recently used', () => {
    const time = clock();
    const buckets = new TokenBuckets({ burst: 2, perMinute: 60 }, time.now, 100);
    for (let i = 0; i < 100; i++) buckets.take(`old${i}`);
    time.advance(10_000); // the old ones are full again
    for (let i = 0; i < 50; i++) buckets.take(`new${i}`);
    expect(buckets.size).toBe(50);
    for (let i = 0; i < 500; i++) buckets.take(`flood${i}`);
    expect(buckets.size).toBeLessThanOrEqual(100);
  });
});

describe('the widget limiter', () => {
  const limits = widgetLimits({
    messages: { perVisitor: { burst: 2, perMinute: 60 }, perAddress: { burst: 3, perMinute: 60 } },
    sockets: { openPerAddress: 2, openGlobal: 3 },
  });

  it('checks every level before spending: a refused message costs no one', () => {
    const time = clock();
    const limiter = new WidgetLimiter(limits, time.now);
    expect(limiter.message('v1', '10.0.0.1')).toBeNull();
    expect(limiter.message('v1', '10.0.0.1')).toBeNull();
    expect(limiter.message('v1', '10.0.0.1')).toMatchObject({ limit: 'messages', scope: 'visitor', max: 2 });
    // v1's refusal spent nothing of the address: v2 still gets the third.
    expect(limiter.message('v2', '10.0.0.1')).toBeNull();
    expect(limiter.message('v3', '10.0.0.1')).toMatchObject({ limit: 'messages', scope: 'address', max: 3 });
    expect(limiter.message('v3', '10.0.0.2')).toBeNull();
  });

  it('counts open sockets per address and in all; the hub’s own machine skips the per-address count', () => {
    const limiter = new WidgetLimiter(limits, clock().now);
    expect(limiter.openSocket('10.0.0.1')).toBeNull();
    expect(limiter.openSocket('10.0.0.1')).toBeNull();
    expect(limiter.openSocket('10.0.0.1')).toMatchObject({ limit: 'sockets', scope: 'address', max: 2 });
    expect(limiter.openSocket(addressKey('127.0.0.1'))).toBeNull();
    expect(limiter.openSocket('10.0.0.9')).toMatchObject({ limit: 'sockets', scope: 'global', max: 3 });
    limiter.closeSocket('10.0.0.1');
    expect(limiter.openSockets).toBe(2);
    expect(limiter.openSocket('10.0.0.9')).toBeNull();
  });

  it('takes new visitors on top of hellos, and IPv6 addresses by their /64', () => {
    const limiter = new WidgetLimiter(
      widgetLimits({ newVisitors: { perAddress: { burst: 1, perMinute: 1 } } }),
      clock().now,
    );
    const home = addressKey('2001:db8:1:2::10');
    expect(addressKey('2001:db8:1:2:ffff::1')).toBe(home);
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(limiter.hello(home, true)).toBeNull();
    expect(limiter.hello(addressKey('2001:db8:1:2::99'), true)).toMatchObject({ limit: 'new_visitors' });
    // A returning visitor is only a hello.
    expect(limiter.hello(home, false)).toBeNull();
  });
});

describe('limit settings', () => {
  it('default when OKNO_HUB_WIDGET_LIMITS is not set, and lay a partial JSON over the defaults', () => {
    expect(widgetLimitsFromEnv({})).toEqual(DEFAULT_WIDGET_LIMITS);
    const changed = widgetLimitsFromEnv({
      [WIDGET_LIMITS_ENV]: '{"messages":{"perAddress":{"burst":60}},"exemptAddresses":[]}',
    });
    expect(changed.messages.perAddress).toEqual({ burst: 60, perMinute: 120 });
    expect(changed.messages.perVisitor).toEqual(DEFAULT_WIDGET_LIMITS.messages.perVisitor);
    expect(changed.exemptAddresses).toEqual([]);
  });

  it('refuse bad JSON, an unknown field and a wrong number, naming them', () => {
    expect(() => widgetLimitsFromEnv({ [WIDGET_LIMITS_ENV]: '{oops' })).toThrow(
      /OKNO_HUB_WIDGET_LIMITS is not valid JSON/,
    );
    expect(() => widgetLimitsFromEnv({ [WIDGET_LIMITS_ENV]: '{"mesages":{}}' })).toThrow(/mesages/);
    expect(() => widgetLimitsFromEnv({ [WIDGET_LIMITS_ENV]: '{"messages":{"perVisitor":{"burst":-1}}}' })).toThrow(
      /messages\.perVisitor\.burst/,
    );
  });
});

describe('refusals', () => {
  it('say in English what was refused, whose allowance, the rule and the wait; HTTP carries the fields', () => {
    const refusal = limitRefusal('messages', 'visitor', 1500, { bucket: { burst: 6, perMinute: 30 } });
    expect(refusal).toEqual({
      limit: 'messages',
      scope: 'visitor',
      retryAfterMs: 1500,
      max: 6,
      message: 'slow down: too many messages from this visitor (at most 6 at once, then 30 a minute); try again in 2 s',
    });
    expect(limitRefusal('upload_bytes', 'visitor', 3_600_000 * 5, { perDay: 10 * 1024 * 1024 }).message).toBe(
      'slow down: too many bytes of files from this visitor (at most 10 MiB a day (UTC)); try again in 5 h',
    );
    const error = refusalError(refusal);
    expect(error).toBeInstanceOf(OknoError);
    expect(error.toInfo()).toMatchObject({
      code: 'rate_limited',
      params: { limit: 'messages', scope: 'visitor', retryAfterMs: 1500, max: 6 },
    });
    // The socket's frame is part of the protocol the widget validates.
    expect(WidgetServerFrame.safeParse({ type: 'slow_down', ...refusal, clientId: 'c1' }).success).toBe(true);
  });
});

describe('what the widget says', () => {
  it('asks the customer to slow down in en and ru, naming what and when', () => {
    const messages = { limit: 'messages', scope: 'visitor', retryAfterMs: 2000, max: 6 } as const;
    expect(slowDownText('en', messages)).toBe(
      'Please slow down: you are sending messages too quickly. Your message will be sent again in 2 seconds.',
    );
    expect(slowDownText('ru', messages)).toBe(
      'Пожалуйста, помедленнее: вы отправляете сообщения слишком часто. Сообщение будет отправлено снова через 2 секунды.',
    );
    expect(slowDownText('ru', { ...messages, retryAfterMs: 1000 })).toContain('через 1 секунду.');
    expect(slowDownText('ru', { ...messages, retryAfterMs: 5000 })).toContain('через 5 секунд.');
    expect(slowDownText('en', { ...messages, scope: 'global' })).toBe(
      'Please slow down: the chat is very busy right now. Your message will be sent in 2 seconds.',
    );
    const connect = { limit: 'new_visitors', scope: 'address', retryAfterMs: 30_000, max: 10 } as const;
    expect(slowDownText('en', connect)).toBe(
      'Please slow down: too many chats were opened from your network. Trying again in 30 seconds.',
    );
    expect(slowDownText('ru', connect)).toBe(
      'Пожалуйста, помедленнее: из вашей сети открыто слишком много чатов. Подключимся снова через 30 секунд.',
    );
    const quota = {
      limit: 'upload_bytes',
      scope: 'visitor',
      retryAfterMs: 3 * 3_600_000,
      max: 10 * 1024 * 1024,
    } as const;
    expect(slowDownText('en', quota)).toBe(
      "Please slow down: you have sent today's maximum of files (10 MB). You can send more in 3 hours.",
    );
    expect(slowDownText('ru', quota)).toBe(
      'Пожалуйста, помедленнее: на сегодня отправлено максимум файлов (10 МБ). Отправить ещё можно будет через 3 часа.',
    );
    expect(slowDownText('en', { limit: 'uploads', scope: 'address', retryAfterMs: 120_000, max: 30 })).toBe(
      'Please slow down: too many files were sent. Try again in 2 minutes.',
    );
  });

  it('keeps a held message pending with the reason and gives it back once to send again', () => {
    const conversation = new Conversation();
    conversation.addPending('m1', 'hello', 1);
    conversation.addPending('m2', 'again', 2);
    expect(conversation.hold('m2', 'Please slow down')).toBe(true);
    expect(conversation.hold('unknown', 'Please slow down')).toBe(false);
    expect(conversation.entries().map((e) => [e.id, e.state, e.note])).toEqual([
      ['m1', 'pending', undefined],
      ['m2', 'pending', 'Please slow down'],
    ]);
    expect(conversation.release().map((e) => e.id)).toEqual(['m2']);
    expect(conversation.release()).toEqual([]);
    expect(conversation.pending().map((e) => e.id)).toEqual(['m1', 'm2']);
  });
});
