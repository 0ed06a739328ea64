/**
 * What the app sees of channel administration (leads and admins): channels without their
 * secrets (only which ones are set), dead letters with their payload, group email signatures.
 * The hub validates each channel's settings and secrets per kind; the app only shapes them.
 */
import { z } from 'zod';

export const ChannelKindName = z.enum(['email', 'telegram', 'vk', 'webhook']);
export type ChannelKindName = z.infer<typeof ChannelKindName>;

export const ChannelView = z.object({
  id: z.string(),
  kind: ChannelKindName,
  name: z.string(),
  settings: z.record(z.string(), z.unknown()),
  /** Names of the secrets that are set; their values never leave the hub. */
  secretsSet: z.array(z.string()),
  enabled: z.boolean(),
  webhookPath: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ChannelView = z.infer<typeof ChannelView>;

const Secrets = z.record(z.string(), z.string().max(4096));
const Settings = z.record(z.string(), z.unknown());

export const ChannelCreateInput = z.object({
  kind: ChannelKindName,
  name: z.string().trim().min(1, 'channel name is empty').max(200),
  settings: Settings.default({}),
  secrets: Secrets.default({}),
  enabled: z.boolean().default(true),
});

export const ChannelUpdateInput = z.object({
  channelId: z.string().min(1),
  name: z.string().trim().min(1, 'channel name is empty').max(200).optional(),
  settings: Settings.optional(),
  /** Only the secrets named are replaced; an absent secret keeps its stored value. */
  secrets: Secrets.optional(),
  enabled: z.boolean().optional(),
});

export const DeadLetterView = z.object({
  id: z.string(),
  channelId: z.string().nullable(),
  channelKind: z.string(),
  reason: z.string(),
  detail: z.string(),
  /** Base64 of the payload as received; null when it is over 64 KiB. */
  payload: z.string().nullable(),
  payloadBytes: z.number().int().nonnegative(),
  createdAt: z.number(),
});
export type DeadLetterView = z.infer<typeof DeadLetterView>;

export const GroupSignature = z.object({
  groupId: z.string(),
  groupName: z.string(),
  text: z.string(),
});
export type GroupSignature = z.infer<typeof GroupSignature>;

/** Secrets per kind, in the order the form shows them (the hub says which are required). */
export const CHANNEL_SECRET_NAMES: Record<ChannelKindName, readonly string[]> = {
  email: ['imapPassword', 'smtpPassword'],
  telegram: ['botToken', 'webhookSecret'],
  vk: ['accessToken', 'confirmationCode', 'secret'],
  webhook: ['signingSecret'],
};
