/**
 * A hub bound to loopback answers only to its own names (DNS rebinding), and keeps its data folder
 * to its own user.
 */
import { statSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, startHub } from './hub-harness.js';
import { testEngine } from '../support/testDatabase.js';

afterAll(() => removeTempDirs());

function get(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      { host: target.hostname, port: target.port, path: '/api/v1/auth/login', method: 'GET', headers: { host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the hub on loopback', () => {
  it('refuses a request under another host name and answers its own and the configured ones', async () => {
    const hub = await startHub({ allowedHosts: ['hub.bank.example'] });
    try {
      const port = new URL(hub.url).port;
      const rebinding = await get(hub.url, `attacker.example:${port}`);
      expect(rebinding.status).toBe(421);
      expect(rebinding.body).toContain('does not answer to the host name \\"attacker.example\\"');
      expect((await get(hub.url, `127.0.0.1:${port}`)).status).not.toBe(421);
      expect((await get(hub.url, `localhost:${port}`)).status).not.toBe(421);
      expect((await get(hub.url, 'hub.bank.example')).status).not.toBe(421);
    } finally {
      await hub.close();
    }
  });

  // On PostgreSQL the database is the server's (its own permissions); the folder is checked either way.
  it('keeps its data folder and database to its own user', async () => {
    const hub = await startHub();
    try {
      expect(statSync(hub.dataDir).mode & 0o777).toBe(0o700);
      if (testEngine() === 'sqlite') expect(statSync(path.join(hub.dataDir, 'hub.sqlite')).mode & 0o077).toBe(0);
    } finally {
      await hub.close();
    }
  });
});
