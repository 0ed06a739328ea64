/** Picks the platform once, in the composition root (main.tsx). */
import { BrowserHostPlatform, browserHostSocketUrl } from './browserHostPlatform.js';
import { ElectronPlatform } from './electronPlatform.js';
import type { Platform } from './platform.js';

export function createPlatform(): Platform {
  if (window.okno) return new ElectronPlatform(window.okno);
  return new BrowserHostPlatform(browserHostSocketUrl());
}

export type { HostLink, Platform } from './platform.js';
export { PlatformError, errorInfoOf } from './platform.js';
