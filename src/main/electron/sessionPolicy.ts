import type { Session } from 'electron';
import { isOurPage } from './trustedPage.js';

/**
 * Session-wide rules: every response carries the renderer's CSP, and of all permissions only the
 * microphone (the softphone) is granted, and only to our page.
 */
export function applySessionPolicy(session: Session, options: { csp: string; indexUrl: string }): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [options.csp],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  session.setPermissionRequestHandler((webContents, permission, callback) => {
    callback(permission === 'media' && isOurPage(webContents.getURL(), options.indexUrl));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => {
    return permission === 'media' && requestingOrigin.startsWith('file://');
  });
}
