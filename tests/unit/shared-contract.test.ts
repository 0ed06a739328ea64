import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, REQUEST_NAMES, requests, type ContractHandlers } from '../../src/shared/contract.js';
import { dispatch } from '../../src/shared/contractWire.js';
import { OknoError } from '../../src/shared/errors.js';

function handlersThatEcho(): ContractHandlers {
  return new Proxy({} as ContractHandlers, {
    get: (_target, name) => async (input: unknown) => {
      if (name === 'thread.get') throw new OknoError('not_found', 'thread is not in the local cache');
      return { name, input };
    },
  });
}

describe('contract dispatch', () => {
  it('names every request and event under one table', () => {
    expect(REQUEST_NAMES).toContain('message.send');
    expect(EVENT_NAMES).toContain('queue.changed');
    for (const name of REQUEST_NAMES) expect(requests[name].input).toBeDefined();
  });

  it('refuses a request the contract does not name', async () => {
    const result = await dispatch(handlersThatEcho(), 'fs.readFile', {});
    expect(result).toEqual({ ok: false, error: { code: 'unknown_request', message: 'unknown request "fs.readFile"' } });
  });

  it('names the field that was wrong', async () => {
    const result = await dispatch(handlersThatEcho(), 'message.send', { threadId: 'nope', text: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad_request');
    expect(result.error.issues?.map((i) => i.path).sort()).toEqual(['text', 'threadId']);
    expect(result.error.message).toContain('message.send');
  });

  it('rejects oversized text', async () => {
    const result = await dispatch(handlersThatEcho(), 'message.send', {
      threadId: '0190a4c2-1d2e-7f00-8000-000000000001',
      text: 'x'.repeat(4001),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('longer than 4000');
  });

  it('passes parsed input with defaults to the handler', async () => {
    const result = await dispatch(handlersThatEcho(), 'queue.list', {});
    expect(result).toEqual({
      ok: true,
      output: { name: 'queue.list', input: { status: 'open', offset: 0, limit: 100 } },
    });
  });

  it('carries a handler error code across the boundary', async () => {
    const result = await dispatch(handlersThatEcho(), 'thread.get', {
      threadId: '0190a4c2-1d2e-7f00-8000-000000000001',
    });
    expect(result).toEqual({ ok: false, error: { code: 'not_found', message: 'thread is not in the local cache' } });
  });
});
