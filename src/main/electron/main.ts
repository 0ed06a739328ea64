/**
 * The Electron main process: the composition root of the desktop app. It makes the agent core,
 * one sandboxed window, and the IPC pipe between them; everything else lives in the core.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, protocol, safeStorage, session } from 'electron';
import { createLogger } from '../../shared/log.js';
import { contentSecurityPolicy, createFileKeySecretBox, startCoreWorker, type CoreEndpoint } from '../core/index.js';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, registerAppProtocol } from './appProtocol.js';
import { registerContractIpc } from './contractIpc.js';
import { createMainWindow } from './mainWindow.js';
import { createSafeStorageSecretBox, isSafeStorageUsable } from './safeStorageSecretBox.js';
import { applySessionPolicy } from './sessionPolicy.js';

const log = createLogger('electron');

/** tel: and sip: links open Okno's softphone (registered with the OS; the renderer asks before dialing). */
const CALL_SCHEMES = ['tel', 'sip'] as const;
const isCallLink = (arg: string) => /^(tel|sips?):/i.test(arg);
/** Links that arrive before the core is up (macOS open-url at launch). */
const earlyLinks: string[] = [];
let openCallLink: ((href: string) => void) | null = null;
// The renderer's own origin, app://okno: privileges can be given only before the app is ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.on('open-url', (event, url) => {
  event.preventDefault();
  if (openCallLink) openCallLink(url);
  else earlyLinks.push(url);
});

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = process.env.OKNO_DATA_DIR ?? app.getPath('userData');
  const appDir = app.getAppPath();
  const rendererDir = path.join(appDir, 'dist', 'renderer');
  const indexUrl = APP_INDEX_URL;
  const preload = path.join(appDir, 'out', 'electron', 'preload.cjs');

  let secretBox = createSafeStorageSecretBox(safeStorage);
  if (!isSafeStorageUsable(safeStorage)) {
    log.warn('no OS keychain available; sealing the hub token with a key file in the data folder');
    secretBox = createFileKeySecretBox(dataDir);
  }

  // The core and all its SQL run in a worker thread: this thread keeps the window responsive (decision 0048).
  const core: CoreEndpoint = await startCoreWorker({
    dataDir,
    host: 'electron',
    secretBox,
    embeddedHubUrl: process.env.OKNO_EMBEDDED_HUB_URL || null,
    version: app.getVersion(),
    log: createLogger('core'),
  });

  // The renderer from app://okno under the one CSP (the browser host's too): the page reaches only
  // the saved PBX, as of each page load (saving a new PBX reloads the page); nothing else leaves it.
  registerAppProtocol(protocol, { root: rendererDir, csp: () => contentSecurityPolicy(core.connectSources()) });
  applySessionPolicy(session.defaultSession, { indexUrl });

  for (const scheme of CALL_SCHEMES) {
    if (!app.isDefaultProtocolClient(scheme)) app.setAsDefaultProtocolClient(scheme);
  }
  openCallLink = (href) => {
    if (!core.openCallLink(href)) log.warn('ignored a link that is not a call', { href: href.slice(0, 80) });
  };

  let window: BrowserWindow | null = null;
  const openWindow = () => {
    window = createMainWindow({ preload, indexUrl, log });
    window.on('closed', () => {
      window = null;
    });
  };
  const unregister = registerContractIpc({ core, window: () => window, indexUrl, log });
  openWindow();
  // Windows and Linux start the app with the link as an argument; macOS sends open-url.
  const firstLinks = [...earlyLinks.splice(0), ...process.argv.filter(isCallLink)];
  if (firstLinks.length > 0) window!.webContents.once('did-finish-load', () => firstLinks.forEach(openCallLink!));

  app.on('second-instance', (_event, argv) => {
    argv.filter(isCallLink).forEach((href) => openCallLink?.(href));
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => app.quit());

  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    unregister();
    core
      .close()
      .catch((error: unknown) => log.error('closing the core failed', { error: String(error) }))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another Okno is running: it gets focus through 'second-instance'; this one leaves.
  app.quit();
} else {
  start().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log.error('Okno failed to start', { error: message });
    dialog.showErrorBox('Okno cannot start', message);
    app.exit(1);
  });
}
