/**
 * Starts Kamailio in the foreground with resources/kamailio/okno.cfg on the addresses given,
 * and stops exactly the process it started. Used by `npm run pbx` and by the e2e harness.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const OKNO_KAMAILIO_CFG = path.resolve(import.meta.dirname, '../resources/kamailio/okno.cfg');
/** The app_jsdt helper okno.cfg loads when the queue is on. */
export const OKNO_KAMAILIO_QUEUE_JS = path.resolve(import.meta.dirname, '../resources/kamailio/okno-queue.js');

export interface KamailioOptions {
  ip?: string;
  wsPort: number;
  udpPort: number;
  /** Kamailio's own debug level (-1 … 3); 1 keeps the tests quiet. */
  debug?: number;
  /** Where Kamailio's stderr goes; 'ignore' by default. */
  stdio?: 'inherit' | 'ignore';
  /**
   * SIP users and their passwords (digest auth against a db_text table written here). null runs
   * the PBX open (OKNO_NO_AUTH), for a trusted network only.
   */
  users: Readonly<Record<string, string>> | null;
  /** Extensions 900403/404/480/486/503 answer that status (OKNO_TEST_STATUS), for the tests. */
  testStatuses?: boolean;
  /** A wss:// listener with this certificate (needs kamailio-tls-modules). */
  wss?: { port: number; certFile: string; keyFile: string };
  /**
   * The call queue (docs/pbx-queue-protocol.md): rtpengine's ng port on 127.0.0.1 (start rtpengine
   * first), the evapi port the hub connects to (127.0.0.1), and trunk source IPs that are never
   * digest-challenged. Needs kamailio-extra-modules. With no hub connected for `hubGraceSeconds`
   * (default 20), waiting callers are released with 480.
   */
  queue?: { rtpengineNg: number; evapiPort: number; trunkIps?: readonly string[]; hubGraceSeconds?: number };
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

/** A string define for Kamailio's preprocessor: quoted, with no quote inside to break out. */
function quoted(value: string): string {
  if (/["\\\n]/.test(value)) throw new Error(`a Kamailio define cannot hold quotes, backslashes or newlines: ${value}`);
  return `"${value}"`;
}

function defines(options: KamailioOptions, usersDir: string | null): string[] {
  const ip = options.ip ?? '127.0.0.1';
  const out = [`OKNO_LISTEN_IP=${ip}`, `OKNO_WS_PORT=${options.wsPort}`, `OKNO_UDP_PORT=${options.udpPort}`];
  if (usersDir === null) out.push('OKNO_NO_AUTH');
  else out.push(`OKNO_USERS_DB=${quoted(`text://${usersDir}`)}`);
  if (options.testStatuses) out.push('OKNO_TEST_STATUS');
  if (options.wss) {
    out.push(`OKNO_WSS_PORT=${options.wss.port}`);
    out.push(`OKNO_TLS_CERT=${quoted(options.wss.certFile)}`, `OKNO_TLS_KEY=${quoted(options.wss.keyFile)}`);
  }
  if (options.queue) {
    const { rtpengineNg, evapiPort, trunkIps = [] } = options.queue;
    out.push('OKNO_QUEUE', `OKNO_RTPENGINE_SOCK=${quoted(`udp:127.0.0.1:${rtpengineNg}`)}`);
    // the preprocessor cannot join strings: the port for the record, the bind address for evapi
    out.push(`OKNO_EVAPI_PORT=${evapiPort}`, `OKNO_EVAPI_BIND=${quoted(`127.0.0.1:${evapiPort}`)}`);
    out.push(`OKNO_QUEUE_JS=${quoted(OKNO_KAMAILIO_QUEUE_JS)}`);
    for (const trunk of trunkIps) {
      if (!/^[0-9a-fA-F.:]+$/.test(trunk)) throw new Error(`a trunk must be an IP address, got "${trunk}"`);
    }
    if (trunkIps.length > 0) out.push(`OKNO_TRUNK_IPS=${quoted(trunkIps.join(','))}`);
    const grace = options.queue.hubGraceSeconds;
    if (grace !== undefined) {
      if (!Number.isInteger(grace) || grace < 1 || grace > 3600)
        throw new Error(`hubGraceSeconds must be 1-3600, got ${grace}`);
      out.push(`OKNO_HUB_GRACE=${grace}`);
    }
  }
  return out.flatMap((define) => ['-A', define]);
}

/** db_text wants ':' and '\\' escaped inside a field. */
function dbTextField(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
}

const SIP_USER = /^[A-Za-z0-9+._-]{1,64}$/;

/**
 * Writes the db_text `subscriber` table (and the `version` table auth_db checks) that okno.cfg
 * authenticates against: plain passwords, the HA1 is computed per request (calculate_ha1).
 */
export function writeUsersDb(dir: string, users: Readonly<Record<string, string>>): void {
  mkdirSync(dir, { recursive: true });
  const rows = Object.entries(users).map(([user, password], index) => {
    if (!SIP_USER.test(user)) throw new Error(`"${user}" is not a SIP user name (letters, digits, + . _ -)`);
    if (password === '' || /[\r\n]/.test(password))
      throw new Error(`the password of ${user} is empty or has a line break`);
    return `${index + 1}:${dbTextField(user)}::${dbTextField(password)}::`;
  });
  writeFileSync(path.join(dir, 'version'), 'table_name(string) table_version(int)\nsubscriber:7\n');
  writeFileSync(
    path.join(dir, 'subscriber'),
    ['id(int,auto) username(string) domain(string,null) password(string) ha1(string,null) ha1b(string,null)', ...rows]
      .map((line) => `${line}\n`)
      .join(''),
  );
}

/** `kamailio -c` on okno.cfg with these options: null when it parses, else Kamailio's complaint. */
export function checkKamailioConfig(options: KamailioOptions): string | null {
  const bin = findKamailio();
  if (!bin) throw new Error('kamailio is not installed');
  const dir = options.users ? mkdtempSync(path.join(tmpdir(), 'okno-kamailio-check-')) : null;
  try {
    if (dir && options.users) writeUsersDb(dir, options.users);
    const check = spawnSync(bin, ['-c', '-f', OKNO_KAMAILIO_CFG, ...defines(options, dir)], { encoding: 'utf8' });
    return check.status === 0 ? null : check.stderr.slice(-2000);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
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
  const runDir = mkdtempSync(path.join(tmpdir(), 'okno-kamailio-'));
  const usersDir = options.users ? path.join(runDir, 'users') : null;
  if (usersDir && options.users) writeUsersDb(usersDir, options.users);
  const check = spawnSync(bin, ['-c', '-f', OKNO_KAMAILIO_CFG, ...defines(options, usersDir)], { encoding: 'utf8' });
  if (check.status !== 0) {
    rmSync(runDir, { recursive: true, force: true });
    throw new Error(`kamailio refused ${OKNO_KAMAILIO_CFG}:\n${check.stderr.slice(-2000)}`);
  }

  const args = ['-DD', '-E', '-f', OKNO_KAMAILIO_CFG, '-P', path.join(runDir, 'kamailio.pid'), '-m', '64', '-M', '8'];
  args.push(...defines(options, usersDir), '--debug', String(options.debug ?? 1));
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
