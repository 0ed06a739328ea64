/**
 * Starts rtpengine (Debian's rtpengine-daemon) in userspace in the foreground on loopback ports, and
 * stops exactly the process it started. Used by `npm run pbx` and by the PBX test harness.
 * Userspace (`--table=-1`) because the kernel module cannot be loaded in containers; recording uses
 * the pcap method for the same reason (the proc method needs the kernel module).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RtpengineOptions {
  /** The address rtpengine relays media on and listens for ng; 127.0.0.1 by default. */
  ip?: string;
  /** ng control port (UDP). */
  ngPort: number;
  /** RTP/RTCP port range for media. */
  portMin: number;
  portMax: number;
  /** Where rtpengine sends one JSON datagram per DTMF digit (the hub's listener); none when absent. */
  dtmfLogDest?: { host: string; port: number };
  /** Directory for pcap recordings; a temporary one (removed on stop) when absent. */
  recordingDir?: string;
  /** rtpengine's log level (syslog numbers, 0 … 7); 4 (warnings) by default. */
  logLevel?: number;
  stdio?: 'inherit' | 'ignore';
}

export interface RunningRtpengine {
  pid: number;
  ngHost: string;
  ngPort: number;
  recordingDir: string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** The rtpengine binary, or null when it is not installed. */
export function findRtpengine(): string | null {
  for (const candidate of ['/usr/bin/rtpengine', '/usr/sbin/rtpengine', '/usr/local/bin/rtpengine']) {
    if (existsSync(candidate)) return candidate;
  }
  const found = spawnSync('sh', ['-c', 'command -v rtpengine'], { encoding: 'utf8' });
  const bin = found.stdout.trim();
  return found.status === 0 && bin !== '' ? bin : null;
}

/** One ng `ping` over UDP: true when rtpengine answered `pong` within `timeoutMs`. */
async function ngPing(host: string, port: number, timeoutMs: number): Promise<boolean> {
  const socket = createSocket('udp4');
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      socket.once('error', () => resolve(false));
      socket.on('message', (data) => {
        if (data.toString('latin1').startsWith('okno-start ')) {
          clearTimeout(timer);
          resolve(data.includes('pong'));
        }
      });
      socket.send(Buffer.from('okno-start d7:command4:pinge'), port, host);
    });
  } finally {
    socket.close();
  }
}

export async function startRtpengine(options: RtpengineOptions): Promise<RunningRtpengine> {
  const bin = findRtpengine();
  if (!bin) throw new Error('rtpengine is not installed (apt-get install -y rtpengine-daemon)');
  const ip = options.ip ?? '127.0.0.1';
  const ownDir = options.recordingDir ? null : mkdtempSync(path.join(tmpdir(), 'okno-rtpengine-'));
  const recordingDir = options.recordingDir ?? (ownDir as string);
  mkdirSync(recordingDir, { recursive: true });
  const args = [
    // without it rtpengine reads /etc/rtpengine/rtpengine.conf
    '--config-file=none',
    '--foreground',
    '--log-stderr',
    `--log-level=${options.logLevel ?? 4}`,
    '--table=-1',
    `--interface=${ip}`,
    `--listen-ng=${ip}:${options.ngPort}`,
    `--port-min=${options.portMin}`,
    `--port-max=${options.portMax}`,
    // a deleted call is gone at once (the default keeps it 30 s, and a reused Call-ID would find it)
    '--delete-delay=0',
    // A caller waiting in the queue may send no RTP (many phones are silent on early media): the queue
    // leg must outlive the longest wait (Kamailio's max_inv_lifetime, 1 h), not rtpengine's 60 s default.
    '--timeout=3700',
    `--recording-dir=${recordingDir}`,
    '--recording-method=pcap',
  ];
  if (options.dtmfLogDest) args.push(`--dtmf-log-dest=${options.dtmfLogDest.host}:${options.dtmfLogDest.port}`);

  const child: ChildProcess = spawn(bin, args, { stdio: ['ignore', 'ignore', options.stdio ?? 'ignore'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pid = child.pid;
  if (pid === undefined) throw new Error('rtpengine did not start');

  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  // Bounded wait until ng answers a ping: Kamailio pings at start and disables a silent node.
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (child.exitCode !== null) break;
    if (await ngPing(ip, options.ngPort, 100)) {
      return { pid, ngHost: ip, ngPort: options.ngPort, recordingDir, exited, stop };
    }
  }
  await stop();
  throw new Error(`rtpengine did not answer ng on ${ip}:${options.ngPort} within 5 s`);
}
