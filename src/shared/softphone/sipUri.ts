/**
 * SIP addresses and the PBX's WebSocket address, checked before SIP.js sees them so the agent
 * gets a clear reason instead of a stack trace.
 */
import { normalizePhone, type PhoneProblem } from './phoneNumber.js';

/** user@host[:port] with an optional sip:/sips: scheme; user is the RFC 3261 unreserved set plus escapes. */
const SIP_URI =
  /^sips?:([A-Za-z0-9\-_.!~*'()&=+$,;?/%]+)@([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?(;[^\s]*)?$/;

export interface SipUriParts {
  scheme: 'sip' | 'sips';
  user: string;
  host: string;
  port: number | null;
}

export function parseSipUri(input: string): SipUriParts | null {
  const text = input.trim();
  const match = SIP_URI.exec(text);
  if (!match) return null;
  const port = match[3] === undefined ? null : Number(match[3]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  const host = match[2] ?? '';
  if (host.startsWith('.') || host.endsWith('.') || host.includes('..')) return null;
  return { scheme: text.startsWith('sips:') ? 'sips' : 'sip', user: match[1] ?? '', host, port };
}

export function isSipUri(input: string): boolean {
  return parseSipUri(input) !== null;
}

/** ws:// or wss:// with a host (RFC 7118); returns the reason when it is not. */
export function webSocketUriProblem(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return 'the PBX address must be a URL such as wss://pbx.example.com:8089/ws';
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return 'the PBX address must start with ws:// or wss://';
  if (url.hostname === '') return 'the PBX address has no host';
  return null;
}

/** The origin a CSP connect-src needs for this WebSocket address (scheme://host:port). */
export function webSocketOrigin(input: string): string | null {
  if (webSocketUriProblem(input) !== null) return null;
  const url = new URL(input.trim());
  return `${url.protocol}//${url.host}`;
}

export type DialTarget =
  | { ok: true; kind: 'phone'; e164: string; uri: string }
  | { ok: true; kind: 'sip'; uri: string }
  | { ok: true; kind: 'extension'; uri: string }
  | { ok: false; problem: PhoneProblem | 'bad_sip_uri' };

/** Short all-digit strings are extensions of the PBX, not phone numbers. */
const EXTENSION = /^[0-9*#]{1,6}$|^[A-Za-z][A-Za-z0-9._-]{0,63}$/;

/**
 * What the agent typed in the dial pad (or clicked: tel:/sip: links), as a SIP request URI in
 * the account's domain: a SIP URI as is, an extension or login as user@domain, a phone number
 * as its E.164 form @domain.
 */
export function dialTarget(input: string, domain: string): DialTarget {
  const text = input.trim();
  if (/^sips?:/i.test(text)) {
    return isSipUri(text) ? { ok: true, kind: 'sip', uri: text } : { ok: false, problem: 'bad_sip_uri' };
  }
  if (text.includes('@')) {
    return isSipUri(`sip:${text}`)
      ? { ok: true, kind: 'sip', uri: `sip:${text}` }
      : { ok: false, problem: 'bad_sip_uri' };
  }
  if (EXTENSION.test(text)) return { ok: true, kind: 'extension', uri: `sip:${text}@${domain}` };
  const phone = normalizePhone(text);
  if (!phone.ok) return { ok: false, problem: phone.problem };
  return { ok: true, kind: 'phone', e164: phone.e164, uri: `sip:${phone.e164}@${domain}` };
}
