import { BrowserWindow, shell } from 'electron';
import type { Logger } from '../../shared/log.js';
import { isOurPage } from './trustedPage.js';

const EXTERNAL = /^(https?:|mailto:)/i;

/**
 * The one window: sandboxed, context-isolated, no Node in the page. It never navigates away
 * from our page and never opens other windows; web links go to the system browser.
 */
export function createMainWindow(options: {
  preload: string;
  /** app://okno/index.html (appProtocol.ts). */
  indexUrl: string;
  log: Logger;
}): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Okno',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });

  window.webContents.setWindowOpenHandler(({ url }) => {
    if (EXTERNAL.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (isOurPage(url, options.indexUrl)) return;
    event.preventDefault();
    options.log.warn('blocked navigation away from the app', { url });
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());

  void window.loadURL(options.indexUrl);
  return window;
}
