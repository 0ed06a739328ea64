/**
 * `npm start`: the launcher and composition root of a workstation. It finds the data folder,
 * embeds a hub when none is configured, then runs the desktop app in Electron — or, where no
 * Electron runtime exists, serves the same app to a browser on 127.0.0.1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHub, type Hub } from '../server/hub.js';
import { pbxFromEnv } from '../server/calls/pbxSettings.js';
import { describeHubAddressProblem, hubAddressProblem } from '../shared/hubAddress.js';
import { setLogLevel, type LogLevel } from '../shared/log.js';
import { createFileKeySecretBox, loadSettings, startCoreWorker, type CoreEndpoint } from './core/index.js';
import { electronBinary } from './electron/electronBinary.js';
import { startBrowserHost, type BrowserHost } from './web/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEFAULT_HUB_PORT = 8740;

/** OKNO_DATA_DIR, else the platform's per-user application-data folder. */
function dataDirectory(): string {
  if (process.env.OKNO_DATA_DIR) return path.resolve(process.env.OKNO_DATA_DIR);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Okno');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Okno');
    default:
      return path.join(process.env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'okno');
  }
}

function portFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a whole number from 0 to 65535, got "${text}"`);
  }
  return port;
}

function appVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

async function startEmbeddedHub(dataDir: string): Promise<Hub> {
  const port = portFromEnv('OKNO_HUB_PORT', DEFAULT_HUB_PORT);
  const pbx = pbxFromEnv(process.env);
  const options = {
    dataDir: path.join(dataDir, 'hub'),
    widgetDir: path.join(ROOT, 'dist', 'widget'),
    ...(pbx ? { pbx } : {}),
  };
  try {
    return await createHub({ ...options, port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    console.log(`Port ${port} is busy; the embedded hub takes a free port instead.`);
    return createHub({ ...options, port: 0 });
  }
}

/** The Electron binary, or why there is none. */
function electronRuntime(): { binary: string } | { missing: string } {
  if (process.env.OKNO_NO_ELECTRON) return { missing: 'OKNO_NO_ELECTRON is set' };
  const found = electronBinary();
  if ('missing' in found) return found;
  const { binary } = found;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { missing: 'no graphical display' };
  }
  return { binary };
}

function printBootstrap(hub: Hub): void {
  if (!hub.bootstrap) return;
  console.log('');
  console.log('First start: the embedded hub created an administrator. The password is shown only now:');
  console.log(`  login:    ${hub.bootstrap.login}`);
  console.log(`  password: ${hub.bootstrap.password}`);
  console.log('');
}

function runElectron(binary: string, dataDir: string, hubUrl: string | null): ChildProcess {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build:electron'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) throw new Error('npm run build:electron failed');
  return spawn(binary, ['.'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, OKNO_DATA_DIR: dataDir, OKNO_EMBEDDED_HUB_URL: hubUrl ?? '' },
  });
}

async function main(): Promise<void> {
  setLogLevel((process.env.OKNO_LOG_LEVEL as LogLevel | undefined) ?? 'warn');
  const dataDir = dataDirectory();
  const envHubUrl = process.env.OKNO_HUB_URL || null;
  const envProblem = envHubUrl ? hubAddressProblem(envHubUrl) : null;
  if (envHubUrl && envProblem) throw new Error(`OKNO_HUB_URL: ${describeHubAddressProblem(envHubUrl, envProblem)}`);
  const configuredHub = loadSettings(dataDir).hubUrl ?? envHubUrl;

  let hub: Hub | null = null;
  let core: CoreEndpoint | null = null;
  let host: BrowserHost | null = null;
  let electron: ChildProcess | null = null;
  let stopping = false;

  const stop = async (why: string, code = 0): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`${why}: closing Okno…`);
    try {
      if (electron && electron.exitCode === null) {
        const exited = new Promise((resolve) => electron?.once('exit', resolve));
        electron.kill('SIGTERM');
        await exited;
      }
      await host?.close();
      await core?.close();
      await hub?.close();
    } finally {
      process.exit(code);
    }
  };
  process.on('SIGINT', () => void stop('Ctrl+C'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (!configuredHub) {
    hub = await startEmbeddedHub(dataDir);
    console.log(`Embedded hub: ${hub.url} (data in ${path.join(dataDir, 'hub')})`);
    printBootstrap(hub);
  }
  const hubUrl = hub?.url ?? configuredHub;

  const runtime = electronRuntime();
  if ('binary' in runtime) {
    electron = runElectron(runtime.binary, dataDir, hub?.url ?? null);
    electron.once('exit', (code) => void stop('Okno window closed', code ?? 0));
    return;
  }

  console.log(
    `Electron runtime not available here (${runtime.missing}); serving Okno through the browser host instead.`,
  );
  // The core (and all its SQL) runs in a worker thread; this thread serves the page (decision 0048).
  core = await startCoreWorker({
    dataDir,
    host: 'browser',
    secretBox: createFileKeySecretBox(dataDir),
    embeddedHubUrl: hub?.url ?? null,
    version: appVersion(),
  });
  if (envHubUrl && !loadSettings(dataDir).hubUrl) await core.invoke('settings.update', { hubUrl: envHubUrl });
  const staticDir = path.join(ROOT, 'dist', 'renderer');
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    console.log(`Warning: ${staticDir} has no index.html; run \`npm run build\` first.`);
  }
  host = await startBrowserHost({ core, staticDir, port: portFromEnv('OKNO_PORT', 0) });
  console.log(`Agent app: ${host.url}`);
  if (hubUrl) console.log(`Customer widget demo: ${hubUrl}/widget/demo`);
  console.log('Press Ctrl+C to stop.');
}

main().catch((error: unknown) => {
  console.error(`Okno failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
