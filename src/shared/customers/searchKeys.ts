/**
 * The keys a customer is searched by (decision 0031, ## Search) and how a typed key is read: one
 * spelling per key, or a problem that names what is wrong. Shared by the hub (which searches), the
 * core (which checks before sending and searches its cache offline) and the renderer (which says
 * the problem in the agent's language). A card number is read only to be hashed by the hub.
 */
import { z } from 'zod';
import { parseDocument, type KeyProblem } from './bankKeys.js';
import { normalizeIdentity } from './customerCard.js';
import { nameWords } from './nameFolding.js';

export const SearchKey = z.enum(['phone', 'name', 'passport', 'card', 'account', 'email', 'telegram', 'vk']);
export type SearchKey = z.infer<typeof SearchKey>;
export const ALL_SEARCH_KEYS: readonly SearchKey[] = SearchKey.options;

/** Longest text a search box sends (a full name with patronymic fits many times over). */
export const SEARCH_VALUE_MAX = 200;
export const SEARCH_LIMIT_MAX = 50;
export const SEARCH_LIMIT_DEFAULT = 20;

export type SearchProblem = KeyProblem | 'phone_invalid' | 'email_invalid' | 'messenger_invalid' | 'name_empty';

export type ParsedSearch =
  | { ok: true; key: 'name'; words: string[] }
  | { ok: true; key: Exclude<SearchKey, 'name'>; value: string }
  | { ok: false; key: SearchKey; problem: SearchProblem; message: string };

/** Reads what the agent typed for one key; the message is English (the hub's 400 reply says it). */
export function parseSearch(key: SearchKey, input: string): ParsedSearch {
  switch (key) {
    case 'name': {
      const words = nameWords(input);
      return words.length > 0
        ? { ok: true, key, words }
        : { ok: false, key, problem: 'name_empty', message: 'name to search for has no letters' };
    }
    case 'passport':
    case 'card':
    case 'account': {
      const parsed = parseDocument(key, input);
      return parsed.ok
        ? { ok: true, key, value: parsed.value }
        : { ok: false, key, problem: parsed.problem, message: parsed.message };
    }
    case 'phone':
    case 'email':
    case 'telegram':
    case 'vk': {
      const normalized = normalizeIdentity(key, input);
      if (normalized.ok) return { ok: true, key, value: normalized.identity.value };
      const problem = key === 'phone' ? 'phone_invalid' : key === 'email' ? 'email_invalid' : 'messenger_invalid';
      return { ok: false, key, problem, message: normalized.message };
    }
  }
}
