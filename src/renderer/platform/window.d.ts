import type { OknoBridge } from '../../shared/contractWire.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent when served by the browser host. */
    okno?: OknoBridge;
  }
}
