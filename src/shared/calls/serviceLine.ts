/**
 * A service number ("line") that customers call: where its calls go, in which language they are
 * greeted, when it is open, its voice menu and how long callers may wait. Edited by leads.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import { BusinessHours } from '../queue/businessHours.js';
import { VoiceMenu } from './voiceMenu.js';
import { LineRecording } from '../recording/recording.js';

/** What a line's dialled number may look like: digits with an optional +, as trunks send them. */
export const LineNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9]{2,20}$/, 'a line number is 2-20 digits, optionally starting with +');

export const Overflow = z.discriminatedUnion('kind', [
  /** After the maximum wait the caller may press a key to be called back; otherwise they keep waiting. */
  z.object({
    kind: z.literal('callback'),
    digit: z
      .string()
      .regex(/^[0-9*#]$/)
      .default('1'),
  }),
  /** After the maximum wait the call moves to another group's queue (keeping its place by deadline). */
  z.object({ kind: z.literal('group'), groupId: Id }),
]);
export type Overflow = z.infer<typeof Overflow>;

export const ServiceLineInput = z.object({
  number: LineNumber,
  name: z.string().trim().min(1, 'name is empty').max(100),
  language: z.enum(['en', 'ru']).default('ru'),
  /** null: always open. */
  hours: BusinessHours.nullable().default(null),
  /** null: straight to the queue after the greeting. */
  menu: VoiceMenu.nullable().default(null),
  /** The group that takes this line's calls unless the menu names another; null: any group taking phone. */
  groupId: Id.nullable().default(null),
  maxWaitSeconds: z.number().int().min(10).max(3600).default(300),
  /** How often a waiting caller hears their position and wait again. */
  announceEverySeconds: z.number().int().min(10).max(600).default(45),
  overflow: Overflow.default({ kind: 'callback', digit: '1' }),
  /** Recording of this line's calls (issue 16): policy, spoken notice, retention. */
  recording: LineRecording.default({ policy: 'none', notice: false, retentionDays: 90 }),
});
export type ServiceLineInput = z.infer<typeof ServiceLineInput>;

export const ServiceLine = ServiceLineInput.extend({ id: Id, updatedAt: z.number().int().nonnegative() });
export type ServiceLine = z.infer<typeof ServiceLine>;

/** How long an offered call rings one agent before it goes to the next, unless leads change it. */
export const DEFAULT_OFFER_SECONDS = 15;
/** Callers who hang up sooner than this are counted apart (a misdial, not a lost customer). */
export const SHORT_ABANDON_MS = 5000;
/** A callback task's own response target. */
export const DEFAULT_CALLBACK_TARGET_MS = 30 * 60_000;
