/**
 * Phone numbers are E.164 at every boundary (DESIGN.md). Russian numbers written with the
 * trunk prefix 8 ("8 916 123-45-67") and with +7 become the same E.164 string.
 */
import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js';

export type PhoneProblem = 'empty' | 'not_a_number' | 'too_short' | 'too_long' | 'invalid';

export type NormalizedPhone = { ok: true; e164: string } | { ok: false; problem: PhoneProblem; input: string };

/** The country assumed for numbers written without a + (the product ships for Russia first). */
export const DEFAULT_PHONE_COUNTRY: CountryCode = 'RU';

const PROBLEM_BY_ERROR: Record<string, PhoneProblem> = {
  NOT_A_NUMBER: 'not_a_number',
  INVALID_COUNTRY: 'invalid',
  TOO_SHORT: 'too_short',
  TOO_LONG: 'too_long',
  INVALID_LENGTH: 'invalid',
};

/** Normalizes what a person typed (spaces, dashes, brackets, 8- or +7-prefix) to E.164, or says why not. */
export function normalizePhone(input: string, country: CountryCode = DEFAULT_PHONE_COUNTRY): NormalizedPhone {
  const text = input.trim();
  if (text === '') return { ok: false, problem: 'empty', input };
  // Letters are a typo, not a vanity number, in a contact center.
  if (/[a-z]/i.test(text.replace(/^tel:/i, ''))) return { ok: false, problem: 'not_a_number', input };
  try {
    const parsed = parsePhoneNumberWithError(text.replace(/^tel:/i, ''), country);
    if (!parsed.isValid()) return { ok: false, problem: 'invalid', input };
    return { ok: true, e164: parsed.number };
  } catch (error) {
    const code = error instanceof Error ? error.message : '';
    return { ok: false, problem: PROBLEM_BY_ERROR[code] ?? 'invalid', input };
  }
}

/** E.164 or null: for lookups where an unparseable number simply finds nobody. */
export function toE164(input: string, country: CountryCode = DEFAULT_PHONE_COUNTRY): string | null {
  const result = normalizePhone(input, country);
  return result.ok ? result.e164 : null;
}

export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
