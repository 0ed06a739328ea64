/**
 * The hub's API for calls in the queue: service lines and their menus, the blocklist, transfers,
 * callbacks, and which SIP user an agent's softphone answers as. Read by the hub's routes and the
 * core's client alike (src/shared/hubApi/endpoint.ts).
 */
import { z } from 'zod';
import { Id, Thread } from '../domain.js';
import { Block, BlockInput } from '../calls/blocklist.js';
import { ServiceLine, ServiceLineInput } from '../calls/serviceLine.js';
import { PROMPT_MAX_BYTES } from '../calls/promptAudio.js';
import { ALL, ById, endpoint, LEADS, None } from './endpoint.js';

export const TransferTarget = z
  .object({
    groupId: Id.optional(),
    lineId: Id.optional(),
    agentId: Id.optional(),
    note: z.string().trim().max(1000).default(''),
  })
  .refine((t) => [t.groupId, t.lineId, t.agentId].filter(Boolean).length === 1, {
    message: 'name one of group, line or agent to transfer to',
  });
export type TransferTarget = z.infer<typeof TransferTarget>;

export const CallbackResult = z.enum(['reached', 'no_answer', 'wrong_number']);
export type CallbackResult = z.infer<typeof CallbackResult>;

/** A callback task as the queue shows it. */
export const CallbackTask = z.object({
  threadId: Id,
  number: z.string(),
  lineId: Id.nullable(),
  requestedAt: z.number(),
  waitedMs: z.number(),
  dueAt: z.number(),
  state: z.enum(['open', 'done', 'cleared']),
  result: CallbackResult.nullable(),
});
export type CallbackTask = z.infer<typeof CallbackTask>;

/** A prompt a lead uploaded; menus name it `upload:<id>`. */
export const UploadedPromptView = z.object({
  id: z.string(),
  name: z.string(),
  durationMs: z.number().int().nonnegative(),
});
export type UploadedPromptView = z.infer<typeof UploadedPromptView>;

export const callsApi = {
  listLines: endpoint({
    method: 'GET',
    path: '/api/v1/lines',
    params: None,
    input: None,
    output: z.object({
      lines: z.array(ServiceLine),
      /** Shipped prompt names (in every language). */
      prompts: z.array(z.string()),
      /** Prompts leads uploaded, named `upload:<uuid>` in menus. */
      uploads: z.array(UploadedPromptView).default([]),
    }),
    roles: ALL,
  }),
  /** A WAV recording for menus (checked by checkPromptWav; at most PROMPT_MAX_BYTES). */
  uploadPrompt: endpoint({
    method: 'POST',
    path: '/api/v1/prompts',
    params: None,
    input: z.object({
      name: z.string().trim().min(1, 'name the recording').max(100),
      dataBase64: z
        .string()
        .min(1)
        .max(Math.ceil(PROMPT_MAX_BYTES / 3) * 4 + 4, 'the recording is too large'),
    }),
    output: UploadedPromptView,
    roles: LEADS,
  }),
  deletePrompt: endpoint({
    method: 'DELETE',
    path: '/api/v1/prompts/:id',
    params: ById,
    input: None,
    output: z.object({ deleted: z.string() }),
    roles: LEADS,
  }),
  createLine: endpoint({
    method: 'POST',
    path: '/api/v1/lines',
    params: None,
    input: ServiceLineInput,
    output: ServiceLine,
    roles: LEADS,
  }),
  updateLine: endpoint({
    method: 'PUT',
    path: '/api/v1/lines/:id',
    params: ById,
    input: ServiceLineInput,
    output: ServiceLine,
    roles: LEADS,
  }),
  deleteLine: endpoint({
    method: 'DELETE',
    path: '/api/v1/lines/:id',
    params: ById,
    input: None,
    output: z.object({ deleted: Id }),
    roles: LEADS,
  }),
  listBlocks: endpoint({
    method: 'GET',
    path: '/api/v1/blocklist',
    params: None,
    input: None,
    output: z.object({ blocks: z.array(Block) }),
    roles: LEADS,
  }),
  addBlock: endpoint({
    method: 'POST',
    path: '/api/v1/blocklist',
    params: None,
    input: BlockInput,
    output: Block,
    roles: LEADS,
  }),
  removeBlock: endpoint({
    method: 'DELETE',
    path: '/api/v1/blocklist/:id',
    params: ById,
    input: None,
    output: z.object({ removed: Id }),
    roles: LEADS,
  }),
  /** Re-queues the thread (a live call keeps ringing in the queue; the softphone REFERs to `sipTarget`). */
  transfer: endpoint({
    method: 'POST',
    path: '/api/v1/threads/:id/transfer',
    params: ById,
    input: TransferTarget,
    output: z.object({ thread: Thread, sipTarget: z.string().nullable() }),
    roles: ALL,
  }),
  callbacks: endpoint({
    method: 'GET',
    path: '/api/v1/callbacks',
    params: None,
    input: None,
    output: z.object({ callbacks: z.array(CallbackTask) }),
    roles: ALL,
  }),
  completeCallback: endpoint({
    method: 'POST',
    path: '/api/v1/threads/:id/callback',
    params: ById,
    input: z.object({ result: CallbackResult }),
    output: z.object({ thread: Thread, callback: CallbackTask }),
    roles: ALL,
  }),
  /** The SIP user the agent's softphone is registered as (null: no phone): calls are offered to it. */
  setMyPhone: endpoint({
    method: 'PUT',
    path: '/api/v1/agents/me/phone',
    params: None,
    input: z.object({
      sipUser: z
        .string()
        .regex(/^[A-Za-z0-9+._-]{1,64}$/, 'a SIP user name')
        .nullable(),
    }),
    output: z.object({ sipUser: z.string().nullable() }),
    roles: ALL,
  }),
} as const;
