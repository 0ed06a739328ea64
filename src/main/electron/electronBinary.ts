import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Where the installed Electron runtime is, or why there is none — found without `require('electron')`,
 * which (Electron 45) tries to download a missing binary on the spot (slow, noisy, and impossible
 * on a closed network). The package records the binary's path in path.txt once it has one.
 */
export function electronBinary(from: string = import.meta.url): { binary: string } | { missing: string } {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(from).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'the electron package is installed without its runtime binary' };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, relative) : path.join(packageDir, 'dist', relative);
  return existsSync(binary) ? { binary } : { missing: `no Electron binary at ${binary}` };
}
