/**
 * Starts a whole Okno stack on loopback for an end-to-end test: a hub and an agent core served
 * by the browser host, each on a port the OS picks, with data in fresh temporary folders.
 * Prints one JSON line with the addresses, then runs until SIGTERM. Run with tsx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHub } from '../../../src/server/hub.js';
import { createAgentCore, createFileKeySecretBox } from '../../../src/main/core/index.js';
import { startBrowserHost } from '../../../src/main/web/browserHost.js';
import { setLogLevel } from '../../../src/shared/log.js';

export interface StackInfo {
  hubUrl: string;
  agentUrl: string;
  widgetDemoUrl: string;
  admin: { login: string; password: string };
}

const ADMIN_PASSWORD = 'e2e-admin-password';

async function main(): Promise<void> {
  setLogLevel('warn');
  const root = mkdtempSync(path.join(tmpdir(), 'okno-e2e-'));
  const repo = path.resolve(import.meta.dirname, '../../..');
  const hub = await createHub({
    dataDir: path.join(root, 'hub'),
    port: 0,
    widgetDir: path.join(repo, 'dist/widget'),
    initialAdminPassword: ADMIN_PASSWORD,
  });
  const appDir = path.join(root, 'app');
  const core = await createAgentCore({
    dataDir: appDir,
    host: 'browser',
    secretBox: createFileKeySecretBox(appDir),
    embeddedHubUrl: hub.url,
  });
  const host = await startBrowserHost({ core, staticDir: path.join(repo, 'dist/renderer'), port: 0 });
  const info: StackInfo = {
    hubUrl: hub.url,
    agentUrl: host.url,
    widgetDemoUrl: `${hub.url}/widget/demo`,
    admin: { login: 'admin', password: ADMIN_PASSWORD },
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);

  const stop = async () => {
    await host.close();
    await core.close();
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
