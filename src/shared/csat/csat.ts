/**
 * Ratings in every channel (issue 16): the settings an admin keeps (which lines offer the rating after
 * a call, which channels get a rating request when a thread closes, how long an answer is taken) and the
 * one-time rating address a softphone transfers a caller to instead of hanging up.
 */
import { z } from 'zod';
import { Id } from '../domain.js';

/** The channels that get a rating request when their thread closes (web chat asks in its widget). */
export const RATED_CHANNELS = ['email', 'telegram', 'vk'] as const;
export const RatedChannel = z.enum(RATED_CHANNELS);
export type RatedChannel = z.infer<typeof RatedChannel>;

export const CsatSettings = z.object({
  /** Lines whose callers are offered the one-digit rating after the agent hangs up. */
  lineIds: z.array(Id).max(500),
  /** Channels that get a rating request on close. */
  channels: z.array(RatedChannel),
  /** How long a rating request is answered, in hours (1 hour to 30 days). */
  validityHours: z
    .number()
    .int('the validity is a whole number of hours')
    .min(1, 'a rating request is valid for at least 1 hour')
    .max(720, 'a rating request is valid for at most 720 hours (30 days)'),
  /**
   * The address customers reach the hub at (the email link starts with it), e.g. https://hub.example.com.
   * Null: email requests are not sent (the hub cannot know its public name behind a proxy).
   */
  linkBase: z
    .string()
    .trim()
    .url('the link address is not a URL')
    .refine((url) => /^https?:\/\//.test(url), 'the link address must start with http:// or https://')
    .nullable(),
});
export type CsatSettings = z.infer<typeof CsatSettings>;

export const DEFAULT_CSAT_SETTINGS: CsatSettings = {
  lineIds: [],
  channels: [],
  validityHours: 72,
  linkBase: null,
};

/** A one-time address the softphone transfers the caller to (`csat-<token>`), or null when the line does not rate. */
export const RatingAddress = z.object({ address: z.string().nullable() });
export type RatingAddress = z.infer<typeof RatingAddress>;

export const RatingAddressInput = z.object({ threadId: Id });

/** The prefix of rating addresses at the PBX (the queue route takes them, the rating hook claims them). */
export const RATING_ADDRESS_PREFIX = 'csat-';
