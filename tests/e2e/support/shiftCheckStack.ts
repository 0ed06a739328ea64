/**
 * The stack for tests/e2e/shift-check.spec.ts: a hub driving the PBX the spec started (rtpengine +
 * Kamailio, ports and rtpengine's recording folder in OKNO_E2E_PBX) and one agent core with its browser
 * host. Prints one JSON line with the addresses, then runs until SIGTERM. Run with tsx.
 * OKNO_E2E_RENDERER_DIR serves a renderer built elsewhere (default dist/renderer).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHub } from '../../../src/server/hub.js';
import { setLogLevel } from '../../../src/shared/log.js';
import { startWorkstation } from './workstation.js';

export interface ShiftCheckStackInfo {
  hubUrl: string;
  agentUrl: string;
  admin: { login: string; password: string };
}

export interface ShiftCheckStackPbx {
  evapiPort: number;
  ngPort: number;
  dtmfPort: number;
  recordingDir: string;
}

const ADMIN_PASSWORD = 'e2e-admin-password';

async function main(): Promise<void> {
  setLogLevel('warn');
  const pbx = JSON.parse(process.env.OKNO_E2E_PBX ?? 'null') as ShiftCheckStackPbx | null;
  if (!pbx) throw new Error('OKNO_E2E_PBX (the PBX ports) is not set');
  const root = mkdtempSync(path.join(tmpdir(), 'okno-e2e-shift-check-'));
  const repo = path.resolve(import.meta.dirname, '../../..');
  const hub = await createHub({
    dataDir: path.join(root, 'hub'),
    port: 0,
    widgetDir: path.join(repo, 'dist/widget'),
    initialAdminPassword: ADMIN_PASSWORD,
    pbx: {
      evapi: { host: '127.0.0.1', port: pbx.evapiPort },
      rtpengine: { host: '127.0.0.1', port: pbx.ngPort },
      dtmfPort: pbx.dtmfPort,
      recordingDir: pbx.recordingDir,
    },
  });
  const appDir = path.join(root, 'app');
  const workstation = await startWorkstation({
    dataDir: appDir,
    hubUrl: hub.url,
    staticDir: process.env.OKNO_E2E_RENDERER_DIR,
  });
  const info: ShiftCheckStackInfo = {
    hubUrl: hub.url,
    agentUrl: workstation.url,
    admin: { login: 'admin', password: ADMIN_PASSWORD },
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
