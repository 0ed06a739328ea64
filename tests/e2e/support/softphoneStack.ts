/**
 * A whole Okno stack for the softphone tests (like stack.ts), with one customer whose phone the
 * caller dials from already in the hub, written in Russian 8-notation to prove the E.164 match.
 * Prints one JSON line with the addresses, then runs until SIGTERM. Run with tsx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHub } from '../../../src/server/hub.js';
import { openHubStore } from '../../../src/server/storage/hubStore.js';
import { uuidv7 } from '../../../src/shared/ids.js';
import { createLogger, setLogLevel } from '../../../src/shared/log.js';
import { startWorkstation } from './workstation.js';

export interface SoftphoneStackInfo {
  hubUrl: string;
  agentUrl: string;
  admin: { login: string; password: string };
  customer: { name: string; phone: string };
}

const ADMIN_PASSWORD = 'e2e-admin-password';
export const KNOWN_CUSTOMER = { name: 'Анна Петрова', phone: '8 (916) 123-45-67' };

/**
 * The softphone spec's calls follow one another, so the hub's after-call work (which makes the
 * agent busy, 486, after each answered call) is off here; tests/e2e/agent-status.spec.ts covers it.
 */
async function withoutAfterCallWork(hubUrl: string): Promise<void> {
  const login = await fetch(`${hubUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: ADMIN_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const read = await fetch(`${hubUrl}/api/v1/routing-config`, { headers: { authorization: auth.authorization } });
  const config = (await read.json()) as {
    agentStatus: object;
  };
  const saved = await fetch(`${hubUrl}/api/v1/routing-config`, {
    method: 'PUT',
    headers: auth,
    body: JSON.stringify({ ...config, agentStatus: { ...config.agentStatus, afterCallWorkSeconds: 0 } }),
  });
  if (!saved.ok) throw new Error(`turning after-call work off: ${saved.status} ${await saved.text()}`);
}

async function main(): Promise<void> {
  setLogLevel('warn');
  const root = mkdtempSync(path.join(tmpdir(), 'okno-e2e-phone-'));
  const repo = path.resolve(import.meta.dirname, '../../..');
  const hubDir = path.join(root, 'hub');
  const seed = openHubStore(hubDir, Date.now, createLogger('seed'));
  const at = Date.now();
  seed.write((tx) =>
    seed.customers.save(tx, {
      id: uuidv7(),
      name: KNOWN_CUSTOMER.name,
      phone: KNOWN_CUSTOMER.phone,
      email: null,
      createdAt: at,
      updatedAt: at,
    }),
  );
  seed.close();
  const hub = await createHub({
    dataDir: hubDir,
    port: 0,
    widgetDir: path.join(repo, 'dist/widget'),
    initialAdminPassword: ADMIN_PASSWORD,
  });
  await withoutAfterCallWork(hub.url);
  const appDir = path.join(root, 'app');
  const workstation = await startWorkstation({ dataDir: appDir, hubUrl: hub.url });
  const info: SoftphoneStackInfo = {
    hubUrl: hub.url,
    agentUrl: workstation.url,
    admin: { login: 'admin', password: ADMIN_PASSWORD },
    customer: KNOWN_CUSTOMER,
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);

  const stop = async () => {
    await workstation.close();
    await hub.close();
    rmSync(root, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

void main().catch((error: unknown) => {
  process.stderr.write(`stack failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
