/**
 * The customer card's rules, shared by the hub (which applies them) and the core (which shows the
 * agent's edits before the hub has answered). docs/customer-cards.md explains them in prose.
 */
import { z } from 'zod';
import { CustomerIdentity, Id, IdentityKind, LIMITS, Millis, type Customer } from '../domain.js';
import { normalizePhone } from '../softphone/phoneNumber.js';

export const CUSTOMER_NOTES_MAX = 4000;
export const IDENTITY_VALUE_MAX = 200;

/** The card's own fields; phones and emails are identities (link / unlink), not fields. */
export const CardField = z.enum(['name', 'notes']);
export type CardField = z.infer<typeof CardField>;

export const CustomerName = z
  .string()
  .trim()
  .min(1, 'name is empty')
  .max(LIMITS.customerName, `name is longer than ${LIMITS.customerName} characters`);
export const CustomerNotes = z
  .string()
  .max(CUSTOMER_NOTES_MAX, `notes are longer than ${CUSTOMER_NOTES_MAX} characters`);

export const CardFields = z
  .object({ name: CustomerName.optional(), notes: CustomerNotes.optional() })
  .refine((f) => f.name !== undefined || f.notes !== undefined, 'nothing to change: give name or notes');
export type CardFields = z.infer<typeof CardFields>;

/** An identity as typed: checked and normalized by normalizeIdentity on both sides. */
export const IdentityInput = z.object({
  kind: IdentityKind,
  value: z.string().max(IDENTITY_VALUE_MAX, `identity is longer than ${IDENTITY_VALUE_MAX} characters`),
});

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

export type NormalizedIdentity = { ok: true; identity: CustomerIdentity } | { ok: false; message: string };

/**
 * One spelling per identity (E.164 phones, lower-case emails, bare ids), or an error that names
 * the field and what is wrong with it.
 */
export function normalizeIdentity(kind: IdentityKind, value: string): NormalizedIdentity {
  const text = value.trim();
  if (text === '') return { ok: false, message: `${kind} is empty` };
  switch (kind) {
    case 'phone': {
      const phone = normalizePhone(text);
      return phone.ok
        ? { ok: true, identity: { kind, value: phone.e164 } }
        : { ok: false, message: `phone "${text}" is not a valid phone number (${phone.problem.replaceAll('_', ' ')})` };
    }
    case 'email':
      return EMAIL.test(text)
        ? { ok: true, identity: { kind, value: text.toLowerCase() } }
        : { ok: false, message: `email "${text}" is not an email address` };
    case 'telegram':
    case 'vk':
      return /^\d{1,20}$/.test(text)
        ? { ok: true, identity: { kind, value: text } }
        : { ok: false, message: `${kind} "${text}" is not a numeric ${kind === 'vk' ? 'VK' : 'Telegram'} user id` };
    case 'webhook':
      return { ok: true, identity: { kind, value: text } };
  }
}

export const FieldConflict = z.object({
  field: CardField,
  /** What the card holds now (another agent's edit that reached the hub first). */
  hubValue: z.string(),
  /** What this agent wrote: not applied, kept in the card's history. */
  yourValue: z.string(),
  /** Who made the edit that stands, when the hub knows. */
  by: z.string().nullable(),
});
export type FieldConflict = z.infer<typeof FieldConflict>;

export interface FieldEdits {
  apply: Partial<Record<CardField, string>>;
  conflicts: Omit<FieldConflict, 'by'>[];
}

/**
 * Field-level rule for an edit made without knowing the card's newest state: a field is written
 * when the card still holds what the agent saw (or already holds the new value); otherwise an edit
 * that reached the hub earlier stands, and this one is reported as a conflict (the caller keeps
 * it in the history). Fields the agent did not touch never conflict.
 */
export function resolveFieldEdits(
  current: Record<CardField, string>,
  fields: Partial<Record<CardField, string>>,
  seen: Partial<Record<CardField, string>>,
): FieldEdits {
  const result: FieldEdits = { apply: {}, conflicts: [] };
  for (const field of CardField.options) {
    const value = fields[field];
    if (value === undefined || value === current[field]) continue;
    const base = seen[field];
    if (base === undefined || base === current[field]) result.apply[field] = value;
    else result.conflicts.push({ field, hubValue: current[field], yourValue: value });
  }
  return result;
}

export interface MergedFields {
  name: string;
  notes: string;
  phone: string | null;
  email: string | null;
  /** Values of the absorbed customer that the survivor's replaced (kept in history). */
  replaced: { field: 'name'; value: string }[];
}

/**
 * The survivor keeps its own name, phone and email and takes the absorbed customer's where it has
 * none; both notes are kept, one after the other.
 */
export function mergeFields(survivor: Customer, absorbed: Customer): MergedFields {
  const own = (survivor.notes ?? '').trim();
  const other = (absorbed.notes ?? '').trim();
  const notes = own === '' ? other : other === '' || own.includes(other) ? own : `${own}\n\n${other}`;
  const name = survivor.name.trim() === '' ? absorbed.name : survivor.name;
  return {
    name,
    notes: notes.slice(0, CUSTOMER_NOTES_MAX),
    phone: survivor.phone ?? absorbed.phone,
    email: survivor.email ?? absorbed.email,
    replaced: absorbed.name !== name ? [{ field: 'name', value: absorbed.name }] : [],
  };
}

/** The card's values of the edited fields, as the agent saw them (the hub's conflict rule needs them). */
export function seenFields(
  customer: Customer,
  fields: Partial<Record<CardField, string>>,
): Partial<Record<CardField, string>> {
  const seen: Partial<Record<CardField, string>> = {};
  if (fields.name !== undefined) seen.name = customer.name;
  if (fields.notes !== undefined) seen.notes = customer.notes ?? '';
  return seen;
}

/** What the card's history records: every edit, link, unlink and merge, and values that lost a conflict. */
export const HistoryEntry = z.object({
  id: z.string(),
  customerId: Id,
  kind: z.enum(['created', 'edited', 'kept', 'linked', 'unlinked', 'merged']),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  agentName: z.string().nullable(),
  createdAt: Millis,
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export { CustomerIdentity };
