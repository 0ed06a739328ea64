/**
 * The bank's keys to a customer — passport, card and account numbers — as typed by an agent or read
 * from an import: one spelling each, an error that names what is wrong, and the masked form shown
 * before the customer is identified. A full card number (PAN) is only ever parsed here to be hashed
 * and cut to its last four digits; nothing keeps it (DESIGN.md, decision 0031).
 */
import { z } from 'zod';

export const DocumentKind = z.enum(['passport', 'card', 'account']);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** Why a key was refused; the renderer says it in the agent's language, the hub in English. */
export const KeyProblem = z.enum([
  'empty',
  'card_not_digits',
  'card_length',
  'card_checksum',
  'passport_format',
  'account_format',
]);
export type KeyProblem = z.infer<typeof KeyProblem>;

export type ParsedKey =
  | {
      ok: true;
      kind: DocumentKind;
      /** digits only */ value: string;
      /** what may be shown unidentified */ masked: string;
    }
  | { ok: false; kind: DocumentKind; problem: KeyProblem; message: string };

/** Spaces, dashes and dots people type between groups of digits. */
const SEPARATORS = /[\s\-.]/g;

/** The Luhn check digit (ISO/IEC 7812): every second digit from the right doubled. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** `**** 1234`: the only form of a card number anything outside the hashing step ever holds. */
export function maskCard(last4: string): string {
  return `**** ${last4}`;
}

/** Russian passport `45 06 123456` → `45 ** ***456`: the region stays, the rest is hidden. */
export function maskPassport(digits: string): string {
  return `${digits.slice(0, 2)} ** ***${digits.slice(-3)}`;
}

/** 20-digit account `40817810…1234` → `40817 **** 1234`: the account type stays, the rest is hidden. */
export function maskAccount(digits: string): string {
  return `${digits.slice(0, 5)} **** ${digits.slice(-4)}`;
}

/** Passport and account numbers as the identified customer's agent sees them, grouped for reading. */
export function formatDocument(kind: Exclude<DocumentKind, 'card'>, digits: string): string {
  return kind === 'passport'
    ? `${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`
    : `${digits.slice(0, 5)} ${digits.slice(5, 8)} ${digits.slice(8, 9)} ${digits.slice(9, 13)} ${digits.slice(13)}`;
}

/** Parses one key of a kind; never echoes a card number back in the message. */
export function parseDocument(kind: DocumentKind, input: string): ParsedKey {
  const text = input.trim();
  if (text === '') return { ok: false, kind, problem: 'empty', message: `${kind} number is empty` };
  const digits = text.replace(SEPARATORS, '');
  switch (kind) {
    case 'card':
      if (!/^\d+$/.test(digits))
        return { ok: false, kind, problem: 'card_not_digits', message: 'card number may hold only digits' };
      if (digits.length < 13 || digits.length > 19)
        return {
          ok: false,
          kind,
          problem: 'card_length',
          message: `card number has ${digits.length} digits; a card number has 13 to 19`,
        };
      if (!luhnValid(digits))
        return {
          ok: false,
          kind,
          problem: 'card_checksum',
          message: `card number ending ${digits.slice(-4)} fails its check digit (Luhn): a digit is mistyped`,
        };
      return { ok: true, kind, value: digits, masked: maskCard(digits.slice(-4)) };
    case 'passport':
      if (!/^\d{10}$/.test(digits))
        return {
          ok: false,
          kind,
          problem: 'passport_format',
          message: 'passport must be a 4-digit series and a 6-digit number (for example 45 06 123456)',
        };
      return { ok: true, kind, value: digits, masked: maskPassport(digits) };
    case 'account':
      if (!/^\d{20}$/.test(digits))
        return {
          ok: false,
          kind,
          problem: 'account_format',
          message: `account number must be 20 digits (${/^\d+$/.test(digits) ? `${digits.length} given` : 'only digits'})`,
        };
      return { ok: true, kind, value: digits, masked: maskAccount(digits) };
  }
}

/** A key as it crosses a boundary once stored: never the full card number, masked until identified. */
export const StoredDocument = z.object({
  kind: DocumentKind,
  /** Masked (`**** 1234`, `45 ** ***456`), or the full passport/account number once identified. */
  shown: z.string(),
  /** True when `shown` is the full number (passport or account, customer identified for this contact). */
  revealed: z.boolean(),
});
export type StoredDocument = z.infer<typeof StoredDocument>;
