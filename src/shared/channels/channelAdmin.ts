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

/**
 * A channel as the hub's API takes it (channelsApi) and the app's form sends it; the hub then
 * validates its settings and secrets per kind.
 */
export const ChannelInput = z.object({
  kind: ChannelKindName,
  name: z.string().trim().min(1, 'channel name is empty').max(200),
  settings: Settings.default({}),
  secrets: Secrets.default({}),
  enabled: z.boolean().default(true),
});
export type ChannelInput = z.infer<typeof ChannelInput>;

/** A change to a channel as the hub's API takes it: only what is named changes. */
export const ChannelUpdate = z.object({
  name: z.string().trim().min(1, 'channel name is empty').max(200).optional(),
  settings: Settings.optional(),
  /** Only the secrets named are replaced; an absent secret keeps its stored value. */
  secrets: Secrets.optional(),
  enabled: z.boolean().optional(),
});
export type ChannelUpdate = z.infer<typeof ChannelUpdate>;

/** The app's contract forms: the same, the update naming its channel. */
export const ChannelCreateInput = ChannelInput;
export const ChannelUpdateInput = ChannelUpdate.extend({ channelId: z.string().min(1) });

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

/**
 * The settings that say where a channel's secrets are sent, with the secrets sent there. Changing
 * one of them without typing those secrets again is refused: otherwise a lead could point a channel
 * at their own server and have the hub hand it the stored token or password.
 */
export const CHANNEL_ENDPOINTS: Record<
  ChannelKindName,
  readonly { settings: readonly string[]; secrets: readonly string[] }[]
> = {
  email: [
    { settings: ['imap.host', 'imap.port', 'imap.secure', 'allowInsecureTls'], secrets: ['imapPassword'] },
    { settings: ['smtp.host', 'smtp.port', 'smtp.secure', 'allowInsecureTls'], secrets: ['smtpPassword'] },
  ],
  telegram: [{ settings: ['apiBase'], secrets: ['botToken'] }],
  vk: [{ settings: ['apiBase'], secrets: ['accessToken'] }],
  webhook: [{ settings: ['callbackUrl'], secrets: ['signingSecret'] }],
};

function settingAt(settings: Record<string, unknown>, path: string): unknown {
  let value: unknown = settings;
  for (const key of path.split('.')) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value ?? null;
}

/**
 * Which endpoint settings an update changes and which stored secrets must then be typed again:
 * empty lists when the update may go through. A secret that is not stored cannot leak, so it is
 * not asked for.
 */
export function secretsToRetype(
  kind: ChannelKindName,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  stored: readonly string[],
  typed: readonly string[],
): { settings: string[]; secrets: string[] } {
  const settings = new Set<string>();
  const secrets = new Set<string>();
  for (const endpoint of CHANNEL_ENDPOINTS[kind]) {
    const changed = endpoint.settings.filter(
      (path) => JSON.stringify(settingAt(before, path)) !== JSON.stringify(settingAt(after, path)),
    );
    const missing = endpoint.secrets.filter((name) => stored.includes(name) && !typed.includes(name));
    if (changed.length === 0 || missing.length === 0) continue;
    for (const path of changed) settings.add(path);
    for (const name of missing) secrets.add(name);
  }
  return { settings: [...settings], secrets: [...secrets] };
}
