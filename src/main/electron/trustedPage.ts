/**
 * Whether a URL is our renderer page: the same file URL as dist/renderer/index.html, ignoring
 * the query and the fragment the renderer may use for routing.
 */
export function isOurPage(url: string | undefined | null, indexUrl: string): boolean {
  if (!url) return false;
  try {
    const given = new URL(url);
    const ours = new URL(indexUrl);
    return given.protocol === 'file:' && given.protocol === ours.protocol && given.pathname === ours.pathname;
  } catch {
    return false;
  }
}
