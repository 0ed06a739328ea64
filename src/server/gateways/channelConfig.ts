/**
 * What an administrator configures per channel kind: settings (shown back) and secrets (sealed,
 * never shown back). Validated on the way in, so a gateway only ever sees a well-formed config.
 */
import { z } from 'zod';
import type { ChannelKind } from './gateway.js';

const Url = z.url({ protocol: /^https?$/ });

export const WebhookSettings = z.object({
  /** Where agent replies are POSTed, signed like inbound calls; none means the platform polls nothing and gets nothing. */
  callbackUrl: Url.nullable().default(null),
});
export const WebhookSecrets = z.object({ signingSecret: z.string().min(16, 'use at least 16 characters') });

export const TelegramSettings = z.object({
  apiBase: Url.default('https://api.telegram.org'),
  mode: z.enum(['polling', 'webhook']).default('polling'),
  /** Long-poll wait passed to getUpdates, seconds. */
  pollTimeoutSec: z.number().int().min(0).max(50).default(25),
  /** Pause after a failed poll, milliseconds. */
  retryDelayMs: z.number().int().min(10).max(600_000).default(5000),
});
export const TelegramSecrets = z.object({
  botToken: z.string().regex(/^\d+:[\w-]+$/, 'a bot token looks like 123456:ABC-def'),
  webhookSecret: z
    .string()
    .regex(/^[\w-]{1,256}$/, 'letters, digits, _ and - only')
    .optional(),
});

export const VkSettings = z.object({
  apiBase: Url.default('https://api.vk.com'),
  groupId: z.number().int().positive(),
  apiVersion: z.string().default('5.199'),
});
export const VkSecrets = z.object({
  accessToken: z.string().min(1),
  confirmationCode: z.string().min(1),
  secret: z.string().min(1),
});

const Endpoint = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().default(false),
  user: z.string().min(1).optional(),
});

export const EmailSettings = z.object({
  address: z.email(),
  displayName: z.string().max(200).default(''),
  imap: Endpoint.extend({ mailbox: z.string().default('INBOX') }),
  smtp: Endpoint,
  /** Attachments larger than this are not kept (the message is, with a note). */
  maxAttachmentBytes: z
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** Polling interval when the server has no IDLE. */
  pollIntervalMs: z.number().int().min(100).default(30_000),
  /** Appended to every reply, plain text. */
  signature: z.string().max(2000).default(''),
  /** Tests and servers with self-signed certificates. */
  allowInsecureTls: z.boolean().default(false),
});
export const EmailSecrets = z.object({
  imapPassword: z.string().min(1),
  smtpPassword: z.string().min(1).optional(),
});

export const CHANNEL_SCHEMAS = {
  webhook: { settings: WebhookSettings, secrets: WebhookSecrets },
  telegram: { settings: TelegramSettings, secrets: TelegramSecrets },
  vk: { settings: VkSettings, secrets: VkSecrets },
  email: { settings: EmailSettings, secrets: EmailSecrets },
} as const satisfies Record<ChannelKind, { settings: z.ZodType; secrets: z.ZodType }>;

export type WebhookSettings = z.infer<typeof WebhookSettings>;
export type TelegramSettings = z.infer<typeof TelegramSettings>;
export type VkSettings = z.infer<typeof VkSettings>;
export type EmailSettings = z.infer<typeof EmailSettings>;

export type WebhookSecrets = z.infer<typeof WebhookSecrets>;
export type TelegramSecrets = z.infer<typeof TelegramSecrets>;
export type VkSecrets = z.infer<typeof VkSecrets>;
export type EmailSecrets = z.infer<typeof EmailSecrets>;
