/**
 * The desktop shell's configuration, checked without an Electron runtime: a supported Electron
 * major, fuses flipped at package time (the afterPack hook run on a stand-in binary), the renderer
 * served from app://okno with traversal refused, and one CSP for both hosts. Decision 0028.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as Fuses from '@electron/fuses';
import type { Session } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/main/core/security/contentSecurityPolicy.js';
import {
  APP_INDEX_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  appRequestHandler,
  registerAppProtocol,
  resolveAppPath,
} from '../../src/main/electron/appProtocol.js';
import { electronBinary } from '../../src/main/electron/electronBinary.js';
import { applySessionPolicy } from '../../src/main/electron/sessionPolicy.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const require = createRequire(import.meta.url);

/**
 * Electron supports its latest three majors; 45 is the newest as of 2026-12, so 43 is the oldest
 * supported one. Raise this when a new major ships.
 */
const OLDEST_SUPPORTED_ELECTRON = 43;

/** A top-level `key: value` of electron-builder.yml (a flat YAML map; no YAML parser needed). */
function builderValue(key: string): string | null {
  const line = read('electron-builder.yml')
    .split('\n')
    .find((l) => l.startsWith(`${key}:`));
  return line === undefined ? null : line.slice(key.length + 1).trim();
}

describe('Electron version', () => {
  it('is a supported major, installed as a dev dependency electron-builder can read', () => {
    const pkg = JSON.parse(read('package.json')) as Record<string, Record<string, string> | undefined>;
    const range = pkg.devDependencies?.electron;
    expect(range, 'electron belongs in devDependencies (electron-builder reads its version there)').toBeDefined();
    expect(pkg.dependencies?.electron).toBeUndefined();
    expect(pkg.optionalDependencies?.electron).toBeUndefined();
    const major = Number(/(\d+)\./.exec(range!)?.[1]);
    expect(major).toBeGreaterThanOrEqual(OLDEST_SUPPORTED_ELECTRON);
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version?: string }> };
    expect(Number(lock.packages['node_modules/electron']?.version?.split('.')[0])).toBe(major);
  });
});

describe('finding the runtime', () => {
  it('never requires electron (which would try a download); says why there is none', () => {
    const found = electronBinary();
    if ('binary' in found) expect(found.binary).toMatch(/electron/i);
    else expect(found.missing).toMatch(/electron/i);
    expect(read('src/main/start.ts')).not.toMatch(/require\)?\(['"]electron['"]\)/);
    expect(read('tests/e2e/electron-smoke.spec.ts')).not.toMatch(/require\)?\(['"]electron['"]\)/);
  });
});

describe('fuses flipped at package time', () => {
  type Context = {
    appOutDir: string;
    electronPlatformName: string;
    arch: number;
    packager: { executableName?: string; appInfo: { productFilename: string } };
  };
  const hook = require('../../scripts/electron-fuses.cjs') as ((context: Context) => Promise<void>) & {
    FUSES: Record<string, boolean>;
    electronBinary(context: Context): string;
  };
  const fuses = require('@electron/fuses') as typeof Fuses;
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  /** A fuse's byte: '1' on, '0' off. */
  const ENABLED = '1'.charCodeAt(0);
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'okno-fuses-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('electron-builder runs the hook after packing an asar app', () => {
    expect(builderValue('afterPack')).toBe('scripts/electron-fuses.cjs');
    expect(builderValue('asar')).not.toBe('false');
    expect(typeof hook).toBe('function');
  });

  it('turns off run-as-node, NODE_OPTIONS and --inspect, turns on asar integrity and asar-only', () => {
    expect(hook.FUSES).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
    // Every fuse @electron/fuses knows is set explicitly.
    const known = Object.keys(fuses.FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(Object.keys(hook.FUSES).sort()).toEqual(known.sort());
  });

  it('flips the wire of the packaged Linux binary (a stand-in with a stock fuse wire)', async () => {
    const executableName = builderValue('  executableName') ?? 'okno';
    const outDir = path.join(dir, 'linux-unpacked');
    mkdirSync(outDir);
    const binary = path.join(outDir, executableName);
    // A stock Electron: run-as-node, NODE_OPTIONS, --inspect and file:// privileges on; the rest off.
    const stock = '10110001';
    writeFileSync(
      binary,
      Buffer.concat([Buffer.from('ELF…'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from(stock)]),
    );
    await hook({
      appOutDir: outDir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { executableName, appInfo: { productFilename: 'Okno' } },
    });
    const wire = await fuses.getCurrentFuseWire(binary);
    const on = (fuse: number) => (wire as unknown as Record<number, number>)[fuse] === ENABLED;
    expect(on(fuses.FuseV1Options.RunAsNode)).toBe(false);
    expect(on(fuses.FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false);
    expect(on(fuses.FuseV1Options.EnableNodeCliInspectArguments)).toBe(false);
    expect(on(fuses.FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(false);
    expect(on(fuses.FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
    expect(on(fuses.FuseV1Options.OnlyLoadAppFromAsar)).toBe(true);
    expect(on(fuses.FuseV1Options.EnableCookieEncryption)).toBe(true);
  });

  it('finds the binary on each platform', () => {
    const packager = { executableName: 'okno', appInfo: { productFilename: 'Okno' } };
    const at = (electronPlatformName: string) =>
      hook.electronBinary({ appOutDir: '/out', electronPlatformName, arch: 1, packager });
    expect(at('linux')).toBe(path.join('/out', 'okno'));
    expect(at('win32')).toBe(path.join('/out', 'Okno.exe'));
    expect(at('darwin')).toBe(path.join('/out', 'Okno.app'));
    expect(() => at('plan9')).toThrow(/plan9/);
  });
});

describe('the renderer from app://okno', () => {
  let root: string;
  const csp = contentSecurityPolicy(['wss://pbx.example.ru:8089']);
  const handler = () => appRequestHandler({ root, csp: () => csp });

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'okno-app-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Okno</title>');
    writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(path.dirname(root), 'okno-secret.txt'), 'secret');
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(path.join(path.dirname(root), 'okno-secret.txt'), { force: true });
  });

  it('the window loads app://okno, never file://', () => {
    const main = read('src/main/electron/main.ts');
    const window = read('src/main/electron/mainWindow.ts');
    expect(APP_INDEX_URL).toBe('app://okno/index.html');
    expect(main).toContain('registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])');
    expect(main).toContain('registerAppProtocol(protocol');
    expect(main).toContain('APP_INDEX_URL');
    expect(window).toContain('loadURL(options.indexUrl)');
    for (const file of readdirSync(path.join(ROOT, 'src/main/electron'))) {
      const source = read(`src/main/electron/${file}`);
      expect(source, file).not.toMatch(/\.loadFile\(|pathToFileURL/);
    }
  });

  it('is registered as a privileged, secure, standard scheme without CSP bypass', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.corsEnabled).toBeFalsy();
  });

  it('maps paths into the renderer folder and refuses everything else', () => {
    const file = (url: string) => {
      const found = resolveAppPath(root, url);
      return found.kind === 'file' ? path.relative(root, found.file) : found.status;
    };
    expect(file('app://okno/index.html')).toBe('index.html');
    expect(file('app://okno/')).toBe('index.html');
    expect(file('app://okno/assets/app.js?v=1#x')).toBe(path.join('assets', 'app.js'));
    expect(file('app://okno/inbox/thread/42')).toBe('index.html');
    for (const bad of [
      'app://okno/..%2fokno-secret.txt',
      'app://okno/assets/..%2f..%2fokno-secret.txt',
      'app://okno/%2e%2e%2fokno-secret.txt',
      'app://okno/..%5cokno-secret.txt',
      'app://okno/assets%5c..%5c..%5cokno-secret.txt',
      'app://okno/index.html%00.js',
    ]) {
      expect(file(bad), bad).toBe(403);
    }
    expect(file('app://okno/%E0%A4%A')).toBe(400);
    expect(file('app://evil/index.html')).toBe(404);
    expect(file('file:///etc/passwd')).toBe(404);
    expect(file('not a url')).toBe(400);
  });

  it('serves files with their type, the one CSP and nosniff; refuses traversal and writes', async () => {
    const serve = handler();
    const index = await serve(new Request(APP_INDEX_URL));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(csp);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>Okno</title>');
    const script = await serve(new Request('app://okno/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const escaped = await serve(new Request('app://okno/assets/..%2f..%2fokno-secret.txt'));
    expect(escaped.status).toBe(403);
    expect(await escaped.text()).not.toBe('secret');
    expect((await serve(new Request('app://okno/missing.js'))).status).toBe(404);
    expect((await serve(new Request(APP_INDEX_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('registers and unregisters the handler on the app scheme', () => {
    const calls: string[] = [];
    const undo = registerAppProtocol(
      {
        handle: (scheme) => void calls.push(`handle ${scheme}`),
        unhandle: (scheme) => void calls.push(`unhandle ${scheme}`),
      },
      { root, csp: () => csp },
    );
    undo();
    expect(calls).toEqual(['handle app', 'unhandle app']);
  });

  it('grants the microphone only to app://okno', () => {
    let check: ((webContents: unknown, permission: string, origin: string) => boolean) | null = null;
    const session = {
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: (handler: typeof check) => {
        check = handler;
      },
    } as unknown as Session;
    applySessionPolicy(session, { indexUrl: APP_INDEX_URL });
    expect(check!(null, 'media', APP_ORIGIN)).toBe(true);
    expect(check!(null, 'media', 'file://')).toBe(false);
    expect(check!(null, 'media', 'https://evil.example')).toBe(false);
    expect(check!(null, 'geolocation', APP_ORIGIN)).toBe(false);
  });
});

describe('one CSP', () => {
  it('the page carries none of its own: the hosts send the one policy as a header', () => {
    expect(read('src/renderer/index.html')).not.toMatch(/http-equiv\s*=\s*["']?content-security-policy/i);
  });

  it('both hosts build it with the same function, Electron without a wildcard', () => {
    const electron = read('src/main/electron/main.ts');
    const browser = read('src/main/web/browserHost.ts');
    const from = /import \{[^}]*\bcontentSecurityPolicy\b[^}]*\} from '\.\.\/core\/index\.js'/;
    expect(electron).toMatch(from);
    expect(browser).toMatch(from);
    expect(electron).toContain('contentSecurityPolicy(core.connectSources())');
    expect(electron).not.toMatch(/['"]wss?:['"]/);
    // No other policy text in either host (the page's own is checked above).
    const sources = (readdirSync(path.join(ROOT, 'src/main'), { recursive: true }) as string[])
      .filter((f) => /\.(ts|tsx|html)$/.test(f))
      .map((f) => path.join('src/main', f));
    const withPolicy = sources.filter((f) => read(f).includes('default-src'));
    expect(withPolicy).toEqual([path.join('src/main/core/security/contentSecurityPolicy.ts')]);
  });

  it('is strict: own scripts and styles only, no plugins, no framing, no base', () => {
    const directives = new Map(
      contentSecurityPolicy(['wss://pbx.example.ru'])
        .split('; ')
        .map((d) => [d.split(' ')[0], d] as const),
    );
    expect(directives.get('default-src')).toBe("default-src 'self'");
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('style-src')).toBe("style-src 'self'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('base-uri')).toBe("base-uri 'none'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directives.get('connect-src')).toBe("connect-src 'self' wss://pbx.example.ru");
    expect(directives.get('media-src')).toBe("media-src 'self' blob:");
  });
});
