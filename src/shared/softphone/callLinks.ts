/**
 * tel: (RFC 3966) and sip:/sips: links, as clicked in a message or handed over by the operating
 * system: what the dial pad should dial, or null when the link is not a call.
 */
import { isSipUri } from './sipUri.js';

const MAX_LINK = 300;

export function callLinkTarget(href: string): string | null {
  const text = href.trim();
  if (text.length > MAX_LINK) return null;
  const scheme = /^(tel|sips?|callto):/i.exec(text)?.[1]?.toLowerCase();
  if (!scheme) return null;
  let rest: string;
  try {
    rest = decodeURIComponent(text.slice(scheme.length + 1));
  } catch {
    return null;
  }
  if (scheme === 'tel' || scheme === 'callto') {
    // Drop parameters (;ext=, ;phone-context=) and visual separators; keep a leading +.
    const number = (rest.replace(/^\/\//, '').split(';')[0] ?? '').replace(/[\s().-]/g, '');
    return /^\+?[0-9*#]{2,20}$/.test(number) ? number : null;
  }
  const uri = `${scheme}:${rest.replace(/^\/\//, '').split('?')[0] ?? ''}`;
  return isSipUri(uri) ? uri : null;
}
