/**
 * Debian's HAProxy started by a test with the shipped configuration (resources/deploy/haproxy.cfg):
 * its bind line and its server lines replaced by loopback ports, everything else as shipped, checked
 * with `haproxy -c` first. Foreground (-db), stopped by its PID.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from './freePort.js';

const SHIPPED = path.resolve(import.meta.dirname, '../../resources/deploy/haproxy.cfg');

export interface Haproxy {
  url: string;
  stop(): Promise<void>;
}

export function haproxyMissing(): string | null {
  try {
    execFileSync('haproxy', ['-v'], { stdio: 'pipe' });
    return null;
  } catch {
    return 'haproxy is not installed (apt-get install haproxy)';
  }
}

/** The shipped configuration for these loopback backends, without TLS (tests speak plain HTTP). */
export function haproxyConfig(port: number, backends: readonly { name: string; port: number }[]): string {
  const lines: string[] = [];
  for (const line of readFileSync(SHIPPED, 'utf8').split('\n')) {
    if (line.includes('# OKNO-BIND')) lines.push(`  bind 127.0.0.1:${port}`);
    else if (line.includes('# OKNO-TLS')) continue;
    else if (line.includes('# OKNO-SERVERS')) {
      for (const b of backends) lines.push(`  server ${b.name} 127.0.0.1:${b.port} check`);
    } else if (/^\s+server hub\d/.test(line)) continue;
    else lines.push(line);
  }
  return lines.join('\n');
}

export async function startHaproxy(backends: readonly { name: string; port: number }[]): Promise<Haproxy> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-haproxy-'));
  const file = path.join(dir, 'haproxy.cfg');
  writeFileSync(file, haproxyConfig(port, backends));
  execFileSync('haproxy', ['-c', '-q', '-f', file]);
  const child = spawn('setpriv', ['--pdeathsig', 'TERM', 'haproxy', '-f', file, '-db'], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  await waitForPort(port, 15_000);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
