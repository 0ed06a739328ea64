import type { Customer } from '../../../shared/domain.js';
import { toE164 } from '../../../shared/softphone/phoneNumber.js';
import type { CustomersRepo } from '../store/customersRepo.js';

/** Digits compared in SQL to narrow the candidates; the match itself is on E.164. */
const TAIL_DIGITS = 7;

/**
 * The customer with this number in the local cache, whatever notation either side was written
 * in: both are normalized to E.164 (8-prefix and +7 as one) before they are compared.
 */
export function findCustomerByPhone(
  customers: CustomersRepo,
  phone: string,
): { e164: string | null; customer: Customer | null } {
  const e164 = toE164(phone);
  if (!e164) return { e164: null, customer: null };
  // Any of the customer's numbers (their phone identities), then the stored phone in any notation.
  const byIdentity = customers.byIdentity({ kind: 'phone', value: e164 });
  if (byIdentity) return { e164, customer: byIdentity };
  const candidates = customers.withPhoneEnding(e164.slice(-TAIL_DIGITS), 50);
  const customer = candidates.find((c) => c.phone !== null && toE164(c.phone) === e164) ?? null;
  return { e164, customer };
}
