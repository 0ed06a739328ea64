/**
 * `npm run simulate`: starts a hub on 127.0.0.1 over a temporary database with a time-compressed
 * clock and drives a simulated hour of mixed traffic into it (web chats through the widget, calls
 * logged by softphones), agents answering. Prints the figures the hub computed; bounded.
 * Knobs: OKNO_SIM_AGENTS (default 8), OKNO_SIM_CONTACTS (default 120), OKNO_SIM_PAUSE_MS (default 0),
 * OKNO_SIM_KEEP=1 leaves the hub running for a demo (Ctrl-C ends it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setLogLevel } from '../src/shared/log.js';
import { createHub } from '../src/server/hub.js';
import { simulateTraffic } from '../src/server/simulator/simulateTraffic.js';

setLogLevel('warn');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'okno-sim-'));
let offset = 0;
const now = () => Date.now() + offset;
const password = 'simulate-admin-password';
const hub = await createHub({ dataDir, initialAdminPassword: password, now, clockMs: 0, seedDefaults: true });
try {
  const login = await fetch(`${hub.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password }),
  });
  const { token } = (await login.json()) as { token: string };
  console.log(`hub ${hub.url} (admin / ${password})`);
  const result = await simulateTraffic({
    hubUrl: hub.url,
    adminToken: token,
    agents: Number(process.env.OKNO_SIM_AGENTS ?? 8),
    contacts: Math.min(5000, Number(process.env.OKNO_SIM_CONTACTS ?? 120)),
    pauseMs: Number(process.env.OKNO_SIM_PAUSE_MS ?? 0),
    now,
    advance: (ms) => {
      offset += ms;
    },
  });
  console.log('simulated', result);
  const stats = await fetch(`${hub.url}/api/v1/stats/now`, { headers: { authorization: `Bearer ${token}` } });
  const snapshot = (await stats.json()) as { today: unknown; staffing: unknown };
  console.log('today', snapshot.today, 'staffing', snapshot.staffing);
  if (process.env.OKNO_SIM_KEEP === '1') await new Promise(() => undefined);
} finally {
  await hub.close();
  rmSync(dataDir, { recursive: true, force: true });
}
