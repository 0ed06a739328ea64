/** Frames between the customer's web-chat widget and the hub's web-chat gateway. */
import { z } from 'zod';
import { LIMITS } from './domain.js';

export const WIDGET_SOCKET_PATH = '/widget/v1/socket';

export const WidgetMessage = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  authorName: z.string(),
  text: z.string(),
  createdAt: z.number(),
});
export type WidgetMessage = z.infer<typeof WidgetMessage>;

export const WidgetClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    /** The visitor's secret from an earlier visit, so a reload keeps the conversation. */
    visitorToken: z.string().min(32).max(128).optional(),
    name: z.string().trim().max(LIMITS.customerName).optional(),
  }),
  z.object({
    type: z.literal('message'),
    clientId: z.uuid(),
    text: z.string(),
  }),
]);
export type WidgetClientFrame = z.infer<typeof WidgetClientFrame>;

export const WidgetServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), visitorToken: z.string(), history: z.array(WidgetMessage) }),
  z.object({ type: z.literal('message'), message: WidgetMessage, clientId: z.string().optional() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string(), clientId: z.string().optional() }),
]);
export type WidgetServerFrame = z.infer<typeof WidgetServerFrame>;
