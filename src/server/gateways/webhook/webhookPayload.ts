/** The inbound call a platform or chatbot makes to hand a customer's message (and its bot transcript) over. */
import { z } from 'zod';

const Text = z.string().max(100_000);

export const WebhookInbound = z.object({
  type: z.literal('message'),
  /** The platform's id of this message: a retried call with the same id is stored once. */
  id: z.string().min(1).max(200),
  /** The platform's conversation: agent replies are called back with it. */
  conversationId: z.string().min(1).max(200),
  sender: z.object({
    id: z.string().min(1).max(200),
    name: z.string().max(200).optional(),
    phone: z.string().max(40).optional(),
    email: z.email().optional(),
  }),
  text: Text.default(''),
  html: Text.optional(),
  attachments: z
    .array(z.object({ name: z.string().min(1).max(200), mime: z.string().max(200), base64: z.base64() }))
    .max(10)
    .default([]),
  /** The bot conversation before the hand-over, oldest first. */
  transcript: z
    .array(z.object({ from: z.enum(['customer', 'bot']), text: Text }))
    .max(200)
    .optional(),
});
export type WebhookInbound = z.infer<typeof WebhookInbound>;

/** The callback the hub makes for each agent reply. */
export interface WebhookCallback {
  type: 'message';
  id: string;
  conversationId: string;
  text: string;
  author: { name: string };
  createdAt: number;
}
