/** Customer card mutations: they go through the outbox and /sync/push like every other mutation. */
import { z } from 'zod';
import { Id, Millis } from '../domain.js';
import { CardField, CustomerName, CustomerNotes, IdentityInput } from './customerCard.js';

export const UpdateCustomerMutation = z.object({
  id: Id,
  kind: z.literal('customer.update'),
  customerId: Id,
  fields: z.object({ name: CustomerName.optional(), notes: CustomerNotes.optional() }),
  /** The edited fields as the agent saw them: a field another agent changed since is not overwritten. */
  seen: z.partialRecord(CardField, z.string()),
  createdAt: Millis,
});

/** Linking an identity that belongs to another customer merges that customer into this one. */
export const LinkIdentityMutation = z.object({
  id: Id,
  kind: z.literal('customer.link'),
  customerId: Id,
  identity: IdentityInput,
  createdAt: Millis,
});

export const UnlinkIdentityMutation = z.object({
  id: Id,
  kind: z.literal('customer.unlink'),
  customerId: Id,
  identity: IdentityInput,
  createdAt: Millis,
});

/** A customer made by an agent (an unknown caller); the id is the client's. */
export const CreateCustomerMutation = z.object({
  id: Id,
  kind: z.literal('customer.create'),
  customerId: Id,
  name: CustomerName,
  notes: CustomerNotes.default(''),
  identities: z.array(IdentityInput).max(20),
  createdAt: Millis,
});

export const CUSTOMER_MUTATIONS = [
  UpdateCustomerMutation,
  LinkIdentityMutation,
  UnlinkIdentityMutation,
  CreateCustomerMutation,
] as const;
export type CustomerMutation = z.infer<(typeof CUSTOMER_MUTATIONS)[number]>;
