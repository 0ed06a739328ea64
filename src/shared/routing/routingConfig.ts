/**
 * The hub's routing settings a lead edits: topics by keyword, the SLA policy, the average handling
 * time, offer timeouts, the blocked sender's reply and the agent statuses. The hub keeps them
 * (src/server/contactCenter/routingConfig.ts); routingApi reads and replaces them whole.
 */
import { z } from 'zod';
import { AgentStatusSettings, DEFAULT_AGENT_STATUS_SETTINGS } from '../agentStatus/statusMachine.js';
import { SlaPolicy } from '../queue/slaPolicy.js';

export const RoutingConfig = z.object({
  topics: z
    .array(z.object({ id: z.string().trim().min(1).max(100), keywords: z.array(z.string().trim().min(1).max(100)) }))
    .default([]),
  sla: SlaPolicy,
  /** Used to estimate the wait until the live queue has history of its own. */
  averageHandleMinutes: z.number().positive().max(600).default(4),
  /**
   * How long an offer waits for its agent before it goes to the next one (the agent is set not ready:
   * missed offer). Phone: the softphone rings that long. Text: the agent opens, takes or answers the
   * thread within it. 0 turns text re-offers off.
   */
  offerSeconds: z
    .object({
      phone: z.number().int().min(5).max(120).default(15),
      text: z.number().int().min(0).max(3600).default(60),
    })
    .default({ phone: 15, text: 60 }),
  /** What a blocked sender of a chat or message is told (their thread is not queued). */
  blockedReply: z.object({ en: z.string().trim().max(1000), ru: z.string().trim().max(1000) }).default({
    en: 'We cannot accept messages from this account. Please call our contact center.',
    ru: 'Мы не можем принять сообщения с этого аккаунта. Пожалуйста, позвоните в наш контактный центр.',
  }),
  /** Not-ready reasons and the length of after-call work (shared/agentStatus). */
  agentStatus: AgentStatusSettings.default(DEFAULT_AGENT_STATUS_SETTINGS),
});
export type RoutingConfig = z.infer<typeof RoutingConfig>;
