/**
 * The hub's channel administration and what the channels add to a message: leads and admins
 * configure channels (secrets go in and never come back, only which are set) and group email
 * signatures; admins see, discard and retry dead letters; any agent reads a message's full body
 * with its attachments and delivery. Not rows: an agent's file upload (raw bytes in) and an
 * attachment (raw bytes out), named in CHANNEL_PATHS so the hub and the core share them.
 */
import { z } from 'zod';
import { ChannelInput, ChannelUpdate, ChannelView, DeadLetterView, GroupSignature } from '../channels/channelAdmin.js';
import { ADMINS, ALL, endpoint, LEADS, None } from './endpoint.js';

/** Channel, dead-letter, group and message ids as the hub looks them up (an unknown one: not_found). */
const ById = z.object({ id: z.string() });

export const CHANNEL_PATHS = {
  /** POST: the raw bytes of an agent's file for a reply (uploadRoute.ts). */
  uploads: '/api/v1/uploads',
  /** GET: an inbound attachment's bytes. */
  attachment: '/api/v1/attachments/:id',
} as const;

export const AttachmentInfo = z.object({
  id: z.string(),
  messageId: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
});

/** What became of an agent's reply sent through a channel gateway. */
export const Delivery = z.object({
  messageId: z.string(),
  channelId: z.string(),
  status: z.enum(['pending', 'sent', 'delivered', 'failed']),
  externalId: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number(),
  updatedAt: z.number(),
});

export const MessageBody = z.object({
  messageId: z.string(),
  /** The full text part (the synced message may hold a shortened one). */
  text: z.string(),
  /** Raw as received: the renderer sanitises it before showing it (decision 0011). */
  html: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  attachments: z.array(AttachmentInfo),
  delivery: Delivery.nullable(),
});

export const channelsApi = {
  channels: endpoint({
    method: 'GET',
    path: '/api/v1/channels',
    params: None,
    input: None,
    output: z.object({ channels: z.array(ChannelView) }),
    roles: LEADS,
  }),
  createChannel: endpoint({
    method: 'POST',
    path: '/api/v1/channels',
    params: None,
    input: ChannelInput,
    output: ChannelView,
    roles: LEADS,
    status: 201,
  }),
  /** A partial update: only what is named changes. */
  updateChannel: endpoint({
    method: 'PATCH',
    path: '/api/v1/channels/:id',
    params: ById,
    input: ChannelUpdate,
    output: ChannelView,
    roles: LEADS,
  }),
  /** Turns the channel off (its gateway stops); it stays listed. */
  disableChannel: endpoint({
    method: 'DELETE',
    path: '/api/v1/channels/:id',
    params: ById,
    input: None,
    output: z.void(),
    roles: LEADS,
    status: 204,
  }),
  deadLetters: endpoint({
    method: 'GET',
    path: '/api/v1/admin/dead-letters',
    params: None,
    input: z.object({
      channelId: z.string().optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ deadLetters: z.array(DeadLetterView) }),
    roles: ADMINS,
  }),
  discardDeadLetter: endpoint({
    method: 'DELETE',
    path: '/api/v1/admin/dead-letters/:id',
    params: ById,
    input: None,
    output: z.void(),
    roles: ADMINS,
    status: 204,
  }),
  /** Replays the payload through its channel's running gateway. */
  retryDeadLetter: endpoint({
    method: 'POST',
    path: '/api/v1/admin/dead-letters/:id/retry',
    params: ById,
    input: None,
    output: z.object({ outcome: z.enum(['queued', 'dead_letter']) }),
    roles: ADMINS,
  }),
  /** Every group with its email signature ("" when none). */
  signatures: endpoint({
    method: 'GET',
    path: '/api/v1/signatures',
    params: None,
    input: None,
    output: z.object({ signatures: z.array(GroupSignature) }),
    roles: LEADS,
  }),
  /** A group's signature (by group id). */
  saveSignature: endpoint({
    method: 'PUT',
    path: '/api/v1/signatures/:id',
    params: ById,
    input: z.object({ text: z.string().max(2000, 'a signature has at most 2000 characters') }),
    output: GroupSignature,
    roles: LEADS,
  }),
  messageBody: endpoint({
    method: 'GET',
    path: '/api/v1/messages/:id/body',
    params: ById,
    input: None,
    output: MessageBody,
    roles: ALL,
  }),
} as const;
