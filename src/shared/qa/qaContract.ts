/**
 * The app contract's part for quality scoring (issue 16, decision 0042): requests forwarded by the
 * core to the hub's qaApi. Nothing is cached; offline, they fail as hub_unreachable.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import { qaApi } from '../hubApi/qaApi.js';

const api = qaApi;

export const qaRequests = {
  /** Every scoring form, current version, retired ones last (leads). */
  'qa.forms': { input: z.object({}), output: api.forms.output },
  /** A new form, or (with formId) an edit; weights must add up to 100. */
  'qa.saveForm': {
    input: api.createForm.input.and(z.object({ formId: Id.optional() })),
    output: api.createForm.output,
  },
  'qa.retireForm': {
    input: z.object({ formId: Id, retired: z.boolean().default(true) }),
    output: api.retireForm.output,
  },
  /** The thread's agent (null: cannot be scored) and its scores, newest first (leads). */
  'qa.threadScores': { input: z.object({ threadId: Id }), output: api.threadScores.output },
  'qa.score': { input: api.score.input.and(z.object({ threadId: Id })), output: api.score.output },
  /** One's own scores and comments, newest first. */
  'qa.myScores': { input: z.object({}), output: api.myScores.output },
  /** Average per agent and per criterion over whole days in a zone (leads). */
  'qa.report': { input: api.report.input, output: api.report.output },
};

export const qaEvents = {};
