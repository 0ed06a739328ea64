import type { Session } from 'electron';
import { APP_ORIGIN } from './appProtocol.js';
import { isOurPage } from './trustedPage.js';

/**
 * Session-wide rules: of all permissions only the microphone (the softphone) is granted, and only
 * to our page on app://okno. The CSP comes with each app:// response (appProtocol.ts).
 */
export function applySessionPolicy(session: Session, options: { indexUrl: string }): void {
  session.setPermissionRequestHandler((webContents, permission, callback) => {
    callback(permission === 'media' && isOurPage(webContents.getURL(), options.indexUrl));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => {
    return permission === 'media' && requestingOrigin.replace(/\/$/, '') === APP_ORIGIN;
  });
}
