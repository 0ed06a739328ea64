/**
 * The e2e stack of planned activities: a hub whose clock the test moves forward (POST
 * <controlUrl>/advance?ms=N moves it and runs the hub's clock once), an agent core and the browser
 * host. Prints one JSON line with the addresses, then runs until SIGTERM. Run with tsx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHub } from '../../../src/server/hub.js';
import { setLogLevel } from '../../../src/shared/log.js';
import type { StackInfo } from './stack.js';
import { startWorkstation } from './workstation.js';

export interface ActivitiesStackInfo extends StackInfo {
  controlUrl: string;
}

const ADMIN_PASSWORD = 'e2e-admin-password';

async function main(): Promise<void> {
  setLogLevel('warn');
  const root = mkdtempSync(path.join(tmpdir(), 'okno-e2e-activities-'));
  const repo = path.resolve(import.meta.dirname, '../../..');
  let offset = 0;
  const hub = await createHub({
    dataDir: path.join(root, 'hub'),
    port: 0,
    widgetDir: path.join(repo, 'dist/widget'),
    initialAdminPassword: ADMIN_PASSWORD,
    now: () => Date.now() + offset,
  });
  const control = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://control');
    if (request.method === 'POST' && url.pathname === '/advance') {
      offset += Number(url.searchParams.get('ms') ?? 0);
      hub.tick();
      response.writeHead(204).end();
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const appDir = path.join(root, 'app');
  const workstation = await startWorkstation({ dataDir: appDir, hubUrl: hub.url });
  const info: ActivitiesStackInfo = {
    hubUrl: hub.url,
    agentUrl: workstation.url,
    widgetDemoUrl: `${hub.url}/widget/demo`,
    admin: { login: 'admin', password: ADMIN_PASSWORD },
    controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);

  const stop = async () => {
    control.close();
    await workstation.close();
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
