/** Which addresses an article may link to: the web and email, nothing the page could run or load. */
import { isAllowedHref } from '../../../shared/knowledge/articleDoc.js';

/** A link inside the article's text (http, https, mailto), by the same rule the hub keeps. */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string' || !isAllowedHref(href)) return false;
  const trimmed = href.trim();
  if (/^mailto:/i.test(trimmed)) return true;
  return isWebUrl(trimmed);
}

/** An outside resource listed under the article (web addresses only). */
export function isWebUrl(url: string): boolean {
  if (!/^https?:\/\/[^\s/]+/i.test(url.trim())) return false;
  try {
    const parsed = new URL(url.trim());
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}
