/**
 * A customer's products as the bank's own system reports them through the bank adapter
 * (docs/bank-adapter.md): accounts, cards (last four digits only) and loans with balances and statuses.
 * The hub reads the adapter's reply with `readBankReply`: unknown fields are dropped, and anything that
 * looks like a full card number (PAN) in a kept text is cut to its last four digits before it goes on.
 */
import { z } from 'zod';
import { luhnValid, maskCard } from './bankKeys.js';

/** A money amount as a decimal string ("-1520.50"): never a float on the wire. */
export const Amount = z
  .union([z.string(), z.number()])
  .transform((value) => (typeof value === 'number' ? String(value) : value.trim()))
  .pipe(z.string().regex(/^-?\d{1,15}(\.\d{1,4})?$/, 'amount must be a decimal number such as 1520.50'));

/** ISO 4217 ("RUB", "USD"). */
export const Currency = z
  .string()
  .trim()
  .transform((c) => c.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'currency must be a 3-letter ISO 4217 code'));

const Text = (max: number) => z.string().trim().max(max);

export const ProductStatus = z.enum(['active', 'blocked', 'closed', 'overdue', 'pending']);
export type ProductStatus = z.infer<typeof ProductStatus>;

export const BankAccount = z.object({
  id: Text(100).min(1),
  /** The 20-digit account number (shown only to an identified customer's agent). */
  number: z.string().regex(/^\d{20}$/, 'account number must be 20 digits'),
  name: Text(200).default(''),
  currency: Currency,
  balance: Amount,
  status: ProductStatus,
});
export type BankAccount = z.infer<typeof BankAccount>;

export const BankCard = z.object({
  id: Text(100).min(1),
  /** Only the last four digits; a full card number is never accepted (see readBankReply). */
  last4: z.string().regex(/^\d{4}$/, 'card last4 must be exactly 4 digits'),
  name: Text(200).default(''),
  /** e.g. "MIR", "VISA". */
  paymentSystem: Text(40).default(''),
  /** "MM/YY" */
  expires: z
    .string()
    .regex(/^(0[1-9]|1[0-2])\/\d{2}$/, 'card expiry must be MM/YY')
    .nullable()
    .default(null),
  status: ProductStatus,
  /** The account the card draws on, if the bank says. */
  accountId: Text(100).nullable().default(null),
});
export type BankCard = z.infer<typeof BankCard>;

export const BankLoan = z.object({
  id: Text(100).min(1),
  name: Text(200).default(''),
  currency: Currency,
  /** What is still owed. */
  balance: Amount,
  status: ProductStatus,
  nextPaymentDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
    .nullable()
    .default(null),
  nextPaymentAmount: Amount.nullable().default(null),
});
export type BankLoan = z.infer<typeof BankLoan>;

export const BankProducts = z.object({
  accounts: z.array(BankAccount).max(200).default([]),
  cards: z.array(BankCard).max(200).default([]),
  loans: z.array(BankLoan).max(200).default([]),
});
export type BankProducts = z.infer<typeof BankProducts>;

/** What the hub tells the app about a customer's products; every state but `ok` leaves the screen usable. */
export const ProductsReply = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok'), products: BankProducts, fetchedAt: z.number().int() }),
  /** No adapter address is set on the hub. */
  z.object({ state: z.literal('not_configured') }),
  /** The customer has no bank id (a potential customer, or not imported). */
  z.object({ state: z.literal('no_external_id') }),
  /** The bank's system does not know this customer (404). */
  z.object({ state: z.literal('not_found') }),
  /** No answer in time, refused connection, or an HTTP error. */
  z.object({ state: z.literal('unreachable'), reason: z.string() }),
  /** It answered, but not with products this hub can read. */
  z.object({ state: z.literal('unreadable'), reason: z.string() }),
]);
export type ProductsReply = z.infer<typeof ProductsReply>;

/** 13–19 digits, maybe grouped by single spaces or dashes, with no digit right before or after. */
const PAN_LIKE = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;

/** The text with every Luhn-valid 13–19 digit run replaced by `**** 1234`; `cut` says whether any was. */
export function cutPans(text: string): { text: string; cut: number } {
  let cut = 0;
  const out = text.replace(PAN_LIKE, (run) => {
    const digits = run.replace(/[ -]/g, '');
    if (!luhnValid(digits)) return run;
    cut++;
    return maskCard(digits.slice(-4));
  });
  return { text: out, cut };
}

/** Walks a JSON value and cuts every PAN-like run out of its strings (keys included). */
function scrub(value: unknown, counter: { cut: number }): unknown {
  if (typeof value === 'string') {
    const { text, cut } = cutPans(value);
    counter.cut += cut;
    return text;
  }
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) >= 1e12) {
    // A card number sent as a JSON number: 13+ digits.
    const { text, cut } = cutPans(String(value));
    if (cut > 0) {
      counter.cut += cut;
      return text;
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, counter));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[cutPans(key).text] = scrub(item, counter);
    return out;
  }
  return value;
}

export type BankReadResult =
  { ok: true; products: BankProducts; pansCut: number } | { ok: false; reason: string; pansCut: number };

/**
 * Reads the adapter's JSON: PAN-like runs cut first (so no full card number can reach a log or an
 * error message either), then validated; unknown fields are dropped by the schema.
 */
export function readBankReply(json: unknown): BankReadResult {
  const counter = { cut: 0 };
  const clean = scrub(json, counter);
  const parsed = BankProducts.safeParse(clean);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'reply';
    return { ok: false, reason: `${where}: ${issue?.message ?? 'not products'}`, pansCut: counter.cut };
  }
  return { ok: true, products: parsed.data, pansCut: counter.cut };
}
