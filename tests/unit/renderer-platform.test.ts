import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../src/shared/contractWire.js';
import { parseCoreEvent, parseHostFrame, unwrapResult } from '../../src/renderer/platform/callResult.js';
import { errorInfoOf, PlatformError } from '../../src/renderer/platform/platform.js';
import {
  reconnectDelay,
  RECONNECT_MAX_MS,
  RECONNECT_MIN_MS,
  RequestTracker,
  resolveToken,
  TOKEN_STORAGE_KEY,
  type KeyValueStore,
} from '../../src/renderer/platform/requestTracker.js';

const LOST = { code: 'internal', message: 'lost' } as const;

function settled(promise: Promise<CallResult>): { value: CallResult | undefined } {
  const box: { value: CallResult | undefined } = { value: undefined };
  void promise.then((v) => (box.value = v));
  return box;
}

describe('RequestTracker', () => {
  it('queues calls until a socket takes them, in call order, with increasing ids', () => {
    const tracker = new RequestTracker();
    void tracker.request('session.get', {}, 0);
    void tracker.request('queue.list', { limit: 5 }, 0);
    expect(tracker.queuedCount).toBe(2);
    const frames = tracker.takeQueued();
    expect(frames.map((f) => f.name)).toEqual(['session.get', 'queue.list']);
    expect(frames[0]).toEqual({ type: 'request', id: 1, name: 'session.get', input: {} });
    expect(frames[1]!.id).toBeGreaterThan(frames[0]!.id);
    expect(tracker.queuedCount).toBe(0);
    expect(tracker.inFlightCount).toBe(2);
    expect(tracker.takeQueued()).toEqual([]);
  });

  it('matches responses to calls by id, whatever order they arrive in', async () => {
    const tracker = new RequestTracker();
    const a = tracker.request('a', {}, 0);
    const b = tracker.request('b', {}, 0);
    const [fa, fb] = tracker.takeQueued();
    expect(tracker.settle({ type: 'response', id: fb!.id, result: { ok: true, output: 'B' } })).toBe(true);
    expect(tracker.settle({ type: 'response', id: fa!.id, result: { ok: true, output: 'A' } })).toBe(true);
    expect(await a).toEqual({ ok: true, output: 'A' });
    expect(await b).toEqual({ ok: true, output: 'B' });
    expect(tracker.inFlightCount).toBe(0);
  });

  it('ignores responses nobody waits for (unknown, duplicate, or for a call not yet sent)', () => {
    const tracker = new RequestTracker();
    void tracker.request('a', {}, 0);
    expect(tracker.settle({ type: 'response', id: 1, result: { ok: true, output: 1 } })).toBe(false);
    const [frame] = tracker.takeQueued();
    expect(tracker.settle({ type: 'response', id: 99, result: { ok: true, output: 1 } })).toBe(false);
    expect(tracker.settle({ type: 'response', id: frame!.id, result: { ok: true, output: 1 } })).toBe(true);
    expect(tracker.settle({ type: 'response', id: frame!.id, result: { ok: true, output: 2 } })).toBe(false);
  });

  it('fails in-flight calls when their socket dies, but keeps queued ones for the next socket', async () => {
    const tracker = new RequestTracker();
    const sent = tracker.request('sent', {}, 0);
    tracker.takeQueued();
    const waiting = settled(tracker.request('waiting', {}, 0));
    expect(tracker.failInFlight(LOST)).toBe(1);
    expect(await sent).toEqual({ ok: false, error: LOST });
    await Promise.resolve();
    expect(waiting.value).toBeUndefined();
    expect(tracker.takeQueued().map((f) => f.name)).toEqual(['waiting']);
  });

  it('expires only calls that waited for a socket too long', async () => {
    const tracker = new RequestTracker();
    const old = tracker.request('old', {}, 1_000);
    const fresh = settled(tracker.request('fresh', {}, 10_000));
    expect(tracker.expireQueued(16_000, 15_000, LOST)).toBe(1);
    expect(await old).toEqual({ ok: false, error: LOST });
    await Promise.resolve();
    expect(fresh.value).toBeUndefined();
    expect(tracker.queuedCount).toBe(1);
  });
});

describe('reconnectDelay', () => {
  it('grows exponentially from the minimum and stays within the cap (with jitter)', () => {
    expect(reconnectDelay(0, 0.5)).toBe(RECONNECT_MIN_MS);
    expect(reconnectDelay(1, 0.5)).toBe(RECONNECT_MIN_MS * 2);
    expect(reconnectDelay(3, 0.5)).toBe(RECONNECT_MIN_MS * 8);
    for (let attempt = 0; attempt < 60; attempt++) {
      for (const random of [0, 0.999]) {
        const delay = reconnectDelay(attempt, random);
        expect(delay).toBeGreaterThanOrEqual(RECONNECT_MIN_MS * 0.8);
        expect(delay).toBeLessThanOrEqual(RECONNECT_MAX_MS * 1.2);
      }
    }
    expect(reconnectDelay(1000, 0.5)).toBe(RECONNECT_MAX_MS);
  });
});

describe('resolveToken', () => {
  function memory(): KeyValueStore & { data: Map<string, string> } {
    const data = new Map<string, string>();
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
  }

  it('takes the token from the URL and remembers it for a reload without one', () => {
    const storage = memory();
    expect(resolveToken('?token=abc123&x=1', storage)).toBe('abc123');
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(resolveToken('', storage)).toBe('abc123');
  });

  it('prefers a new URL token over the remembered one', () => {
    const storage = memory();
    storage.setItem(TOKEN_STORAGE_KEY, 'old');
    expect(resolveToken('?token=new', storage)).toBe('new');
    expect(resolveToken('', storage)).toBe('new');
  });

  it('copes with no token and with storage that throws', () => {
    expect(resolveToken('', memory())).toBeNull();
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(resolveToken('?token=t', broken)).toBe('t');
    expect(resolveToken('', broken)).toBeNull();
  });
});

const AGENT = {
  id: '0190a4c2-1d2e-7f00-8000-000000000001',
  login: 'anna',
  name: 'Anna',
  role: 'agent',
  status: 'ready',
  updatedAt: 1,
};

describe('unwrapResult', () => {
  it('returns the output when it matches the contract', () => {
    expect(unwrapResult('agent.setStatus', { ok: true, output: AGENT })).toEqual(AGENT);
  });

  it('throws the core’s error as a PlatformError carrying its ErrorInfo', () => {
    const error = { code: 'invalid_credentials', message: 'wrong password' };
    expect(() => unwrapResult('session.signIn', { ok: false, error })).toThrow(PlatformError);
    try {
      unwrapResult('session.signIn', { ok: false, error });
    } catch (e) {
      expect(errorInfoOf(e)).toEqual(error);
    }
  });

  it('keeps field issues of a bad_request', () => {
    const error = { code: 'bad_request', message: 'x', issues: [{ path: 'hubUrl', message: 'bad' }] };
    expect(() => unwrapResult('session.signIn', { ok: false, error })).toThrow(
      expect.objectContaining({ info: error }),
    );
  });

  it('turns an unknown error code from a newer core into internal', () => {
    expect(() => unwrapResult('session.get', { ok: false, error: { code: 'brand_new', message: 'm' } })).toThrow(
      expect.objectContaining({ info: { code: 'internal', message: 'm' } }),
    );
  });

  it('refuses a malformed result or an output that breaks the contract', () => {
    expect(() => unwrapResult('session.get', { output: 1 })).toThrow(/malformed result/);
    expect(() => unwrapResult('agent.setStatus', { ok: true, output: { ...AGENT, status: 'dancing' } })).toThrow(
      /agent.setStatus: output does not match the contract.*status/,
    );
  });
});

describe('host frames and events', () => {
  it('parses responses and events, and nothing else', () => {
    expect(parseHostFrame(JSON.stringify({ type: 'response', id: 3, result: { ok: true, output: null } }))).toEqual({
      type: 'response',
      id: 3,
      result: { ok: true, output: null },
    });
    expect(parseHostFrame(JSON.stringify({ type: 'event', name: 'queue.changed', payload: {} }))?.type).toBe('event');
    expect(parseHostFrame('not json')).toBeNull();
    expect(parseHostFrame(JSON.stringify({ type: 'response', id: -1, result: { ok: true } }))).toBeNull();
    expect(parseHostFrame(JSON.stringify({ type: 'hello' }))).toBeNull();
    expect(parseHostFrame(new ArrayBuffer(4))).toBeNull();
  });

  it('validates event payloads against the contract', () => {
    const id = '0190a4c2-1d2e-7f00-8000-000000000002';
    expect(parseCoreEvent('queue.changed', { threadIds: [id] })).toEqual({
      event: { name: 'queue.changed', payload: { threadIds: [id] } },
    });
    expect(parseCoreEvent('queue.changed', { threadIds: ['nope'] })).toHaveProperty('problem');
    expect(parseCoreEvent('fs.changed', {})).toEqual({ problem: 'unknown event "fs.changed"' });
  });
});
