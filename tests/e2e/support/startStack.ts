import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { StackInfo } from './stack.js';

export interface RunningStack extends StackInfo {
  stop(): Promise<void>;
}

/**
 * Spawns tests/e2e/support/stack.ts and waits (bounded) for the line that says where everything listens.
 * `widgetLimits` changes the hub's web-chat limits (OKNO_HUB_WIDGET_LIMITS, decision 0024).
 */
export async function startStack(options: { faultProxy?: boolean; widgetLimits?: object } = {}): Promise<RunningStack> {
  return startStackScript<StackInfo>('tests/e2e/support/stack.ts', {
    ...(options.faultProxy ? { OKNO_E2E_FAULT_PROXY: '1' } : {}),
    ...(options.widgetLimits ? { OKNO_HUB_WIDGET_LIMITS: JSON.stringify(options.widgetLimits) } : {}),
  });
}

/** Spawns a stack script that prints one JSON line of addresses, and waits (bounded) for it. */
export async function startStackScript<T extends object>(
  script: string,
  env: Record<string, string> = {},
  // Under the 60 s hook timeout; a loaded 2-core machine took over 30 s to start a stack once.
  startTimeoutMs = 50_000,
): Promise<T & { stop(): Promise<void> }> {
  const repo = path.resolve(import.meta.dirname, '../../..');
  const child: ChildProcess = spawn(path.join(repo, 'node_modules/.bin/tsx'), [script], {
    cwd: repo,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A stack that is still starting would outlive the test (and its mail servers with it).
      child.kill('SIGTERM');
      reject(new Error(`the e2e stack did not start within ${startTimeoutMs / 1000} s`));
    }, startTimeoutMs);
    child.once('exit', (code) => reject(new Error(`the e2e stack exited early with code ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as T);
    });
  });
  return {
    ...info,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
