/**
 * Behind a load balancer every request comes from the balancer's address. With the balancer listed
 * as a trusted proxy the hub takes the client's address from X-Forwarded-For, so the sign-in
 * back-off per address pauses the guessing client and nobody else; without the list the header is
 * ignored, so a client cannot pick the address it is counted under. A bad entry is refused at start,
 * naming it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ADDRESS_RULE } from '../../src/server/auth/signInBackoff.js';
import { ADMIN_PASSWORD, removeTempDirs, startHub } from './hub-harness.js';

afterAll(() => removeTempDirs());

async function signIn(hubUrl: string, forwardedFor: string, loginName: string, password: string): Promise<number> {
  const response = await fetch(`${hubUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ login: loginName, password }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Enough wrong passwords from one address, each for another login, to pause that address (not a login). */
async function guessFrom(hubUrl: string, address: string): Promise<void> {
  for (let i = 0; i <= ADDRESS_RULE.free; i++) {
    expect(await signIn(hubUrl, address, `nobody-${i}`, 'wrong-password')).toBe(401);
  }
}

describe('client addresses behind a trusted proxy', () => {
  it('pauses the guessing client, not everyone behind the balancer', async () => {
    const hub = await startHub({ clockMs: 0, trustedProxies: ['127.0.0.1', '::1', '::ffff:127.0.0.0/104'] });
    try {
      await guessFrom(hub.url, '203.0.113.7');
      expect(await signIn(hub.url, '203.0.113.7', 'admin', ADMIN_PASSWORD)).toBe(429);
      expect(await signIn(hub.url, '198.51.100.9', 'admin', ADMIN_PASSWORD)).toBe(200);
    } finally {
      await hub.close();
    }
  });

  it('ignores X-Forwarded-For from a peer that is not listed', async () => {
    const hub = await startHub({ clockMs: 0 });
    try {
      await guessFrom(hub.url, '203.0.113.7');
      // Counted under the real peer (loopback, exempt from the address rule), not the claimed address.
      expect(await signIn(hub.url, '203.0.113.7', 'admin', ADMIN_PASSWORD)).toBe(200);
    } finally {
      await hub.close();
    }
  });

  it('refuses a bad entry at start, naming it', async () => {
    await expect(startHub({ trustedProxies: ['10.0.0.5', 'balancer.local'] })).rejects.toThrow(
      /trusted proxy "balancer.local" is not an IP address/,
    );
  });
});
