/**
 * The sandboxed preload: exposes the allow-listed contract pipe as window.okno and nothing else.
 * Bundled to out/electron/preload.cjs (vite.electron.config.ts), since a sandboxed preload can
 * require only 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('okno', createBridge(ipcRenderer));
