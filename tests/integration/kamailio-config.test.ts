/**
 * resources/kamailio/okno.cfg in its variants, against the real Kamailio: open, with digest auth,
 * and with a WSS listener (a self-signed certificate made here). The WSS PBX is started and a TLS
 * WebSocket speaks SIP to it: a REGISTER without credentials is challenged (401 with a digest).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { checkKamailioConfig, findKamailio, startKamailio, writeUsersDb } from '../../scripts/kamailio.js';
import { freePort } from '../support/freePort.js';

const kamailio = findKamailio();
const TLS_MODULE = '/usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so';
const hasOpenssl = spawnSync('sh', ['-c', 'command -v openssl']).status === 0;
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-kamailio-test-'));
  dirs.push(dir);
  return dir;
}

function selfSignedCert(dir: string): { certFile: string; keyFile: string } {
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  const made = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
  ]);
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
  return { certFile, keyFile };
}

describe.skipIf(!kamailio)('okno.cfg (kamailio -c)', () => {
  it('parses open, with digest auth and with the test statuses', () => {
    expect(checkKamailioConfig({ wsPort: 18088, udpPort: 15060, users: null })).toBeNull();
    expect(
      checkKamailioConfig({ wsPort: 18088, udpPort: 15060, users: { '101': 'secret' }, testStatuses: true }),
    ).toBeNull();
  });

  it.skipIf(!existsSync(TLS_MODULE) || !hasOpenssl)('parses with a WSS listener', () => {
    const wss = { port: 18089, ...selfSignedCert(tempDir()) };
    expect(checkKamailioConfig({ wsPort: 18088, udpPort: 15060, users: { '101': 'secret' }, wss })).toBeNull();
  });

  it('refuses user names and passwords that would break the user table', () => {
    const dir = tempDir();
    expect(() => writeUsersDb(dir, { 'bad user': 'x' })).toThrow('"bad user" is not a SIP user name');
    expect(() => writeUsersDb(dir, { '101': '' })).toThrow('the password of 101 is empty');
    writeUsersDb(dir, { '101': 'pa:ss\\word' });
    expect(readFileSync(path.join(dir, 'subscriber'), 'utf8')).toContain('1:101::pa\\:ss\\\\word::');
  });
});

describe.skipIf(!kamailio || !existsSync(TLS_MODULE) || !hasOpenssl)('okno.cfg over WSS', () => {
  it('accepts a TLS WebSocket and challenges a REGISTER without credentials', async () => {
    const wssPort = await freePort('tcp');
    const pbx = await startKamailio({
      wsPort: await freePort('tcp'),
      udpPort: await freePort('udp'),
      users: { '101': 'secret' },
      wss: { port: wssPort, ...selfSignedCert(tempDir()) },
    });
    try {
      const socket = new WebSocket(`wss://127.0.0.1:${wssPort}`, 'sip', { rejectUnauthorized: false });
      const reply = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no SIP reply over WSS within 10 s')), 10_000);
        socket.once('error', reject);
        socket.once('message', (data: Buffer) => {
          clearTimeout(timer);
          resolve(data.toString('utf8'));
        });
        socket.once('open', () => {
          const branch = `z9hG4bK${randomUUID().slice(0, 8)}`;
          socket.send(
            [
              'REGISTER sip:127.0.0.1 SIP/2.0',
              `Via: SIP/2.0/WSS client.invalid;branch=${branch}`,
              'Max-Forwards: 70',
              'To: <sip:101@127.0.0.1>',
              `From: <sip:101@127.0.0.1>;tag=${randomUUID().slice(0, 8)}`,
              `Call-ID: ${randomUUID()}`,
              'CSeq: 1 REGISTER',
              'Contact: <sip:101@client.invalid;transport=ws>',
              'Expires: 60',
              'Content-Length: 0',
              '',
              '',
            ].join('\r\n'),
          );
        });
      });
      socket.close();
      expect(reply).toMatch(/^SIP\/2\.0 401 /);
      expect(reply).toMatch(/WWW-Authenticate: Digest realm="127\.0\.0\.1"/);
    } finally {
      await pbx.stop();
    }
  }, 30_000);
});
