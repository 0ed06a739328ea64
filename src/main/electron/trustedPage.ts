import { APP_INDEX_URL } from './appProtocol.js';

/**
 * Whether a URL is our renderer page: app://okno/index.html (the app's own protocol), ignoring
 * the query and the fragment the renderer may use for routing. file:// pages never are.
 */
export function isOurPage(url: string | undefined | null, indexUrl: string = APP_INDEX_URL): boolean {
  if (!url) return false;
  try {
    const given = new URL(url);
    const ours = new URL(indexUrl);
    return (
      given.protocol !== 'file:' &&
      given.protocol === ours.protocol &&
      given.host === ours.host &&
      given.pathname === ours.pathname
    );
  } catch {
    return false;
  }
}
