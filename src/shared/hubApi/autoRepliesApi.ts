/**
 * The hub's auto-reply rules: everyone reads them, leads and admins replace them, as JSON or as a
 * rule file whose errors name their line. A rule sent with its id keeps it (and its once-per-thread
 * guard).
 */
import { z } from 'zod';
import { AutoReplyRule, AutoReplyRuleInput } from '../autoReplies/autoReplyRule.js';
import { Id } from '../domain.js';
import { ALL, endpoint, LEADS, None } from './endpoint.js';

const Rules = z.object({ rules: z.array(AutoReplyRule) });

export const autoRepliesApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/v1/auto-replies',
    params: None,
    input: None,
    output: Rules,
    roles: ALL,
  }),
  /** Replaces every rule. */
  replace: endpoint({
    method: 'PUT',
    path: '/api/v1/auto-replies',
    params: None,
    input: z.object({ rules: z.array(AutoReplyRuleInput.extend({ id: Id.optional() })) }),
    output: Rules,
    roles: LEADS,
  }),
  /** Replaces every rule with a rule file's (JSON text; its errors name their line). */
  import: endpoint({
    method: 'POST',
    path: '/api/v1/auto-replies/import',
    params: None,
    input: z.object({ source: z.string().max(1_000_000) }),
    output: Rules,
    roles: LEADS,
  }),
} as const;
