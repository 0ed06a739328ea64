/**
 * Keyed hashes for what the hub must recognise but must not keep: card numbers (searched by their
 * hash, shown by their last four digits) and passport/account numbers in the search index, and the
 * customer's code word (checked, never shown). HMAC-SHA256 under keys derived (HKDF) from the hub's
 * secret key, one per purpose, so a copied database alone cannot be brute-forced offline; a code word
 * is short, so the online side is guarded by the attempt limit (decision 0031).
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { DocumentKind } from '../../shared/customers/bankKeys.js';

export interface KeyedHash {
  /** The search key of a parsed document (digits only). */
  document(kind: DocumentKind, digits: string): string;
  /** The stored form of a code word (case, ё/е and spaces do not matter). */
  codeWord(word: string): string;
  /** Constant-time check of a spoken code word against its stored hash. */
  codeWordMatches(word: string, stored: string): boolean;
}

/** Case, ё/е and inner spaces do not change a code word said over the phone. */
export function normalizeCodeWord(word: string): string {
  return word.normalize('NFC').toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();
}

export function createKeyedHash(secretKey: Buffer): KeyedHash {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), purpose, 32));
  const documentKey = derive('okno customer document lookup v1');
  const codeWordKey = derive('okno customer code word v1');
  const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest('base64url');
  const codeWord = (word: string) => `hmac1$${mac(codeWordKey, normalizeCodeWord(word))}`;
  return {
    document: (kind, digits) => mac(documentKey, `${kind}:${digits}`),
    codeWord,
    codeWordMatches(word, stored) {
      const given = Buffer.from(codeWord(word));
      const kept = Buffer.from(stored);
      return given.length === kept.length && timingSafeEqual(given, kept);
    },
  };
}
