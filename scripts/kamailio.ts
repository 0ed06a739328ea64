/**
 * Starts Kamailio in the foreground with resources/kamailio/okno.cfg on the addresses given,
 * and stops exactly the process it started. Used by `npm run pbx` and by the e2e harness.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const OKNO_KAMAILIO_CFG = path.resolve(import.meta.dirname, '../resources/kamailio/okno.cfg');

export interface KamailioOptions {
  ip?: string;
  wsPort: number;
  udpPort: number;
  /** Kamailio's own debug level (-1 … 3); 1 keeps the tests quiet. */
  debug?: number;
  /** Where Kamailio's stderr goes; 'ignore' by default. */
  stdio?: 'inherit' | 'ignore';
}

export interface RunningKamailio {
  pid: number;
  /** ws://IP:PORT — the SIP-over-WebSocket address for SIP.js. */
  wsUrl: string;
  /** The SIP domain clients register in. */
  domain: string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** The kamailio binary, or null when it is not installed. */
export function findKamailio(): string | null {
  for (const candidate of ['/usr/sbin/kamailio', '/usr/local/sbin/kamailio']) {
    if (existsSync(candidate)) return candidate;
  }
  const found = spawnSync('sh', ['-c', 'command -v kamailio'], { encoding: 'utf8' });
  const bin = found.stdout.trim();
  return found.status === 0 && bin !== '' ? bin : null;
}

function defines(options: KamailioOptions): string[] {
  const ip = options.ip ?? '127.0.0.1';
  return [
    '-A',
    `OKNO_LISTEN_IP=${ip}`,
    '-A',
    `OKNO_WS_PORT=${options.wsPort}`,
    '-A',
    `OKNO_UDP_PORT=${options.udpPort}`,
  ];
}

async function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startKamailio(options: KamailioOptions): Promise<RunningKamailio> {
  const bin = findKamailio();
  if (!bin) throw new Error('kamailio is not installed (apt-get install -y kamailio kamailio-websocket-modules)');
  const ip = options.ip ?? '127.0.0.1';
  const check = spawnSync(bin, ['-c', '-f', OKNO_KAMAILIO_CFG, ...defines(options)], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`kamailio refused ${OKNO_KAMAILIO_CFG}:\n${check.stderr.slice(-2000)}`);

  const runDir = mkdtempSync(path.join(tmpdir(), 'okno-kamailio-'));
  const args = ['-DD', '-E', '-f', OKNO_KAMAILIO_CFG, '-P', path.join(runDir, 'kamailio.pid'), '-m', '64', '-M', '8'];
  args.push(...defines(options), '--debug', String(options.debug ?? 1));
  const child: ChildProcess = spawn(bin, args, { stdio: ['ignore', 'ignore', options.stdio ?? 'ignore'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pid = child.pid;
  if (pid === undefined) throw new Error('kamailio did not start');

  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(runDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  // Bounded wait until the WebSocket port accepts connections.
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) break;
    if (await portOpen(ip, options.wsPort)) {
      return { pid, wsUrl: `ws://${ip}:${options.wsPort}`, domain: ip, exited, stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`kamailio did not listen on ${ip}:${options.wsPort} within 5 s`);
}
