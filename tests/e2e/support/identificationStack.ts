/**
 * The e2e stack for identification: the usual hub and agent core (tests/e2e/support/stack.ts) plus
 * the sample bank adapter, and the hub's data folder so the spec can seed customer desk data with the
 * hub's own repositories. Prints one JSON line, then runs until SIGTERM. Run with tsx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHub } from '../../../src/server/hub.js';
import { startSampleBankAdapter } from '../../../src/server/bank/sampleBankAdapter.js';
import { setLogLevel } from '../../../src/shared/log.js';
import type { StackInfo } from './stack.js';
import { startWorkstation } from './workstation.js';

export interface IdentificationStackInfo extends StackInfo {
  hubDataDir: string;
  bankUrl: string;
  bankToken: string;
}

async function main(): Promise<void> {
  setLogLevel('warn');
  const root = mkdtempSync(path.join(tmpdir(), 'okno-e2e-ident-'));
  const repo = path.resolve(import.meta.dirname, '../../..');
  const hubDataDir = path.join(root, 'hub');
  const hub = await createHub({
    dataDir: hubDataDir,
    port: 0,
    widgetDir: path.join(repo, 'dist/widget'),
    initialAdminPassword: 'e2e-admin-password',
  });
  const bank = await startSampleBankAdapter({ token: 'e2e-bank-token' });
  const appDir = path.join(root, 'app');
  const workstation = await startWorkstation({ dataDir: appDir, hubUrl: hub.url });
  const info: IdentificationStackInfo = {
    hubUrl: hub.url,
    agentUrl: workstation.url,
    widgetDemoUrl: `${hub.url}/widget/demo`,
    admin: { login: 'admin', password: 'e2e-admin-password' },
    hubDataDir,
    bankUrl: bank.url,
    bankToken: bank.token,
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);

  const stop = async () => {
    await workstation.close();
    await bank.close();
    await hub.close();
    rmSync(root, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `stack failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
