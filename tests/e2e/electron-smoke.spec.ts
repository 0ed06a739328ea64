/**
 * The desktop shell in a real Electron runtime: one sandboxed window, no Node in the page, and a
 * window.okno that carries only the contract. Skips where no Electron binary exists (see
 * docs/decisions/0007); the renderer itself is covered through the browser host.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../src/main/electron/electronBinary.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

const found = electronBinary();
const binary = 'binary' in found ? found.binary : null;
const SKIP_REASON = `no Electron runtime here: ${'missing' in found ? found.missing : ''}`;

type Bridge = { invoke(name: string, input: unknown): Promise<{ ok: boolean; output?: unknown }> };
type PageGlobals = { okno?: Bridge; require?: unknown; process?: unknown };

test('one sandboxed window whose page reaches the core only through window.okno', async () => {
  if (binary === null) {
    // The list reporter does not print skip reasons: say it in one line.
    console.log(`electron smoke test skipped: ${SKIP_REASON}`);
    test.skip(true, SKIP_REASON);
  }
  const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:electron'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  expect(build.status).toBe(0);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'okno-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [ROOT],
    env: { ...process.env, OKNO_DATA_DIR: dataDir },
  });
  try {
    const page = await app.firstWindow();
    // Served from the app's own protocol, never file:// (decision 0028).
    await expect(page).toHaveURL('app://okno/index.html');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    expect(await page.evaluate(() => typeof (globalThis as PageGlobals).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as PageGlobals).process)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((globalThis as PageGlobals).okno ?? {}).sort())).toEqual([
      'invoke',
      'onEvent',
    ]);
    const info = await page.evaluate(() => (globalThis as PageGlobals).okno!.invoke('app.info', {}));
    expect(info).toMatchObject({ ok: true, output: { host: 'electron' } });
    const refused = await page.evaluate(() => (globalThis as PageGlobals).okno!.invoke('fs.readFile', {}));
    expect(refused).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
