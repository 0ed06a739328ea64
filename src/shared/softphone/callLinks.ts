/**
 * tel: (RFC 3966) and sip:/sips: links, as clicked in a message or handed over by the operating
 * system: what the dial pad should dial, or null when the link is not a call.
 */
import { normalizePhone } from './phoneNumber.js';
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

export interface TextPiece {
  text: string;
  /** tel:+E164 or the sip: URI when this piece is something to call. */
  href: string | null;
}

/** Phone numbers (10+ digits, valid once normalized) and sip: addresses, as written in a message. */
const CALLABLE = /sips?:[^\s<>"']+|\+?\d[\d\s().-]{8,}\d/g;

/**
 * Splits message text into plain pieces and callable ones, so a number a customer wrote can be
 * clicked to call. Conservative: a digit run is linked only when it normalizes to a valid number.
 */
export function splitCallLinks(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(CALLABLE)) {
    const found = match[0].replace(/[.,;:!?)]+$/, '');
    const start = match.index;
    const href = callableHref(found);
    if (href === null) continue;
    if (start > last) pieces.push({ text: text.slice(last, start), href: null });
    pieces.push({ text: found, href });
    last = start + found.length;
  }
  if (last < text.length || pieces.length === 0) pieces.push({ text: text.slice(last), href: null });
  return pieces;
}

function callableHref(found: string): string | null {
  if (/^sips?:/i.test(found)) return isSipUri(found) ? found : null;
  if ((found.match(/\d/g) ?? []).length < 10) return null;
  const phone = normalizePhone(found);
  return phone.ok ? `tel:${phone.e164}` : null;
}
