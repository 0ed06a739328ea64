/**
 * Starts a whole Okno stack on loopback for an end-to-end test: a hub and an agent core served
 * by the browser host, each on a port the OS picks, with data in fresh temporary folders.
 * Prints one JSON line with the addresses, then runs until SIGTERM. Run with tsx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHub } from '../../../src/server/hub.js';
import { setLogLevel } from '../../../src/shared/log.js';
import { startFaultProxy } from '../../support/faultProxy.js';
import { startWorkstation } from './workstation.js';

export interface StackInfo {
  hubUrl: string;
  /** With OKNO_E2E_FAULT_PROXY=1: the address the agent core uses (a proxy in front of the hub). */
  coreHubUrl?: string;
  /** With OKNO_E2E_FAULT_PROXY=1: POST <url>/offline or <url>/online cuts or restores the core's link. */
  proxyControlUrl?: string;
  agentUrl: string;
  widgetDemoUrl: string;
  admin: { login: string; password: string };
}

const ADMIN_PASSWORD = 'e2e-admin-password';

/** A fault proxy between the core and the hub, and a tiny HTTP endpoint the test uses to cut it. */
async function startProxyWithControl(hubUrl: string) {
  const proxy = await startFaultProxy(Number(new URL(hubUrl).port));
  const control = createServer((request, response) => {
    if (request.method === 'POST' && (request.url === '/offline' || request.url === '/online')) {
      proxy.setOffline(request.url === '/offline');
      response.writeHead(204).end();
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const { port } = control.address() as AddressInfo;
  return {
    proxy,
    controlUrl: `http://127.0.0.1:${port}`,
    async close() {
      control.close();
      await proxy.close();
    },
  };
}

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
  const faults = process.env.OKNO_E2E_FAULT_PROXY === '1' ? await startProxyWithControl(hub.url) : null;
  // Production sync timing, also behind the proxy: the core's own probe brings the link back (decision 0026).
  const workstation = await startWorkstation({ dataDir: appDir, hubUrl: faults?.proxy.url ?? hub.url });
  const info: StackInfo = {
    hubUrl: hub.url,
    agentUrl: workstation.url,
    widgetDemoUrl: `${hub.url}/widget/demo`,
    admin: { login: 'admin', password: ADMIN_PASSWORD },
    ...(faults ? { coreHubUrl: faults.proxy.url, proxyControlUrl: faults.controlUrl } : {}),
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);

  const stop = async () => {
    await workstation.close();
    await faults?.close();
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
