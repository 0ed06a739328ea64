/**
 * A real nats-server (Debian's nats-server package) on a loopback port the test picks, in its own
 * temporary folder, stopped by its PID; --pdeathsig stops it if the test process dies.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from './freePort.js';

export interface NatsServer {
  url: string;
  port: number;
  /** SIGKILL: the broker drops every connection at once. */
  kill(): Promise<void>;
  /** Starts it again on the same port (after kill). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export function natsMissing(): string | null {
  try {
    execFileSync('nats-server', ['--version'], { stdio: 'pipe' });
    return null;
  } catch {
    return 'nats-server is not installed (apt-get install nats-server)';
  }
}

export async function startNats(options: { port?: number } = {}): Promise<NatsServer> {
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-nats-'));
  const launch = () =>
    spawn('setpriv', ['--pdeathsig', 'TERM', 'nats-server', '-a', '127.0.0.1', '-p', String(port)], {
      stdio: ['ignore', 'ignore', 'ignore'],
      cwd: dir,
    });
  let child = launch();
  await waitForPort(port, 15_000);
  const halt = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    kill: () => halt('SIGKILL'),
    restart: async () => {
      child = launch();
      await waitForPort(port, 15_000);
    },
    stop: async () => {
      await halt('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
