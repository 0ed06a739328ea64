import { createLogger } from '../../../shared/log.js';
import type { Platform } from '../../platform/platform.js';

const log = createLogger('renderer:network');

/**
 * The window's 'online' event (the OS got a network again) goes to the core as connection.online,
 * so it reaches for the hub at once instead of at its next probe. Returns the way to stop listening.
 */
export function forwardNetworkOnline(
  platform: Platform,
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>,
) {
  const onOnline = () => {
    platform.invoke('connection.online', {}).catch((error: unknown) => {
      // The core will still notice by itself at its next probe.
      log.warn('could not tell the core the network is back', { error: String(error) });
    });
  };
  target.addEventListener('online', onOnline);
  return () => target.removeEventListener('online', onOnline);
}
