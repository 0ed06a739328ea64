/**
 * A test script run as its own Node process (the agent core, the hub), so the fault suite can
 * SIGKILL it. The script is bundled once with esbuild (each of many restarts then skips compiling
 * TypeScript; tsx is the fallback) and gets its JSON config as its one argument; the parent reads
 * its stdout line by line and writes commands to its stdin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const REPO = path.resolve(import.meta.dirname, '../..');

export interface ScriptChild {
  process: ChildProcess;
  lines: string[];
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stderr(): string;
  /** Waits for the first line from index `from` on (seen so far or to come) matching; fails after `timeoutMs`. */
  waitFor(match: string | ((line: string) => boolean), timeoutMs: number, from?: number): Promise<string>;
  send(line: string): void;
  kill9(): Promise<void>;
}

/** Returns the node arguments that run `source` (a bundle beside node_modules, or tsx). */
export async function bundleScript(source: string): Promise<string[]> {
  const outfile = path.join(REPO, 'node_modules/.cache/okno', `${path.basename(source, '.ts')}.mjs`);
  try {
    const esbuild = (await import('esbuild')) as { build(options: Record<string, unknown>): Promise<unknown> };
    await esbuild.build({
      entryPoints: [source],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'warning',
    });
    // The PostgreSQL connection's worker is loaded beside the module that starts it: beside the bundle.
    copyFileSync(
      path.join(REPO, 'src/server/storage/postgres/connectionWorker.mjs'),
      path.join(path.dirname(outfile), 'connectionWorker.mjs'),
    );
    return [outfile];
  } catch {
    return ['--import', 'tsx', source];
  }
}

export function startScript(
  args: string[],
  config: unknown,
  onLine: (line: string) => void = () => undefined,
): ScriptChild {
  const child = spawn(process.execPath, [...args, JSON.stringify(config)], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    onLine(line);
    for (const wake of waiters.splice(0)) wake();
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin!.on('error', () => undefined); // writing to a child that was just killed
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    process: child,
    lines,
    exited,
    stderr: () => stderr,
    async waitFor(match, timeoutMs, from = 0) {
      const test = typeof match === 'string' ? (line: string) => line === match : match;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = lines.slice(from).find(test);
        if (found !== undefined) return found;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`child exited: ${stderr}`);
        if (Date.now() > deadline)
          throw new Error(`child did not say "${String(match)}" in ${timeoutMs} ms: ${stderr}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    send(line) {
      if (child.stdin!.writable) child.stdin!.write(`${line}\n`);
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
