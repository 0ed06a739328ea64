/**
 * The stack for tests/e2e/call-queue.spec.ts: a hub driving the call queue of a PBX the spec started
 * (rtpengine + Kamailio, ports in OKNO_E2E_PBX), and one agent core with its browser host per agent
 * (each agent signs in on their own page, as on their own workstation). Prints one JSON line with the
 * addresses, then runs until SIGTERM. Run with tsx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHub } from '../../../src/server/hub.js';
import { setLogLevel } from '../../../src/shared/log.js';
import { startWorkstation, type Workstation } from './workstation.js';

export interface CallQueueStackInfo {
  hubUrl: string;
  /** One browser host per agent workstation, in the order of OKNO_E2E_AGENTS. */
  agentUrls: string[];
  admin: { login: string; password: string };
}

/** What the spec passes: the PBX's ports on 127.0.0.1 and how long an offer rings. */
export interface CallQueueStackPbx {
  evapiPort: number;
  ngPort: number;
  dtmfPort: number;
  offerSeconds: number;
  workstations: number;
  /** rtpengine's --recording-dir, for specs that record calls (issue 16). */
  recordingDir?: string;
}

const ADMIN_PASSWORD = 'e2e-admin-password';

async function main(): Promise<void> {
  setLogLevel('warn');
  const pbx = JSON.parse(process.env.OKNO_E2E_PBX ?? 'null') as CallQueueStackPbx | null;
  if (!pbx) throw new Error('OKNO_E2E_PBX (the PBX ports) is not set');
  const root = mkdtempSync(path.join(tmpdir(), 'okno-e2e-queue-'));
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
      offerSeconds: pbx.offerSeconds,
      recordingDir: pbx.recordingDir,
    },
  });
  const workstations: Workstation[] = [];
  for (let i = 0; i < pbx.workstations; i += 1) {
    workstations.push(await startWorkstation({ dataDir: path.join(root, `app-${i}`), hubUrl: hub.url }));
  }
  const info: CallQueueStackInfo = {
    hubUrl: hub.url,
    agentUrls: workstations.map((w) => w.url),
    admin: { login: 'admin', password: ADMIN_PASSWORD },
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);

  const stop = async () => {
    for (const workstation of workstations) await workstation.close();
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
