/**
 * Numbers and identities that may not reach an agent: a blocked caller hears busy at the PBX, a
 * blocked chat or messenger identity gets the configured reply and is not queued.
 */
import { z } from 'zod';
import { Id, IdentityKind } from '../domain.js';

export const BlockInput = z.object({
  kind: IdentityKind,
  /** A phone number (any format; stored as E.164) or the identity's value. */
  value: z.string().trim().min(1, 'the number or identity is empty').max(320),
  reason: z.string().trim().min(1, 'say why it is blocked').max(500),
  /** When the block ends by itself; null: until removed. */
  expiresAt: z.number().int().nonnegative().nullable().default(null),
});
export type BlockInput = z.infer<typeof BlockInput>;

export const Block = BlockInput.extend({
  id: Id,
  addedBy: Id,
  addedByName: z.string(),
  addedAt: z.number().int().nonnegative(),
});
export type Block = z.infer<typeof Block>;

export function blockActive(block: Pick<Block, 'expiresAt'>, at: number): boolean {
  return block.expiresAt === null || block.expiresAt > at;
}
