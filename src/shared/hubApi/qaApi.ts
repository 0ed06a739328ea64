/**
 * The hub's API for quality scoring (decision 0042), read by the hub's routes and the core's client
 * alike (src/shared/hubApi/endpoint.ts). Leads and admins build forms, score and read the report;
 * everyone reads their own scores.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import {
  QaForm,
  QaFormInput,
  QaFormList,
  QaReport,
  QaReportInput,
  QaScore,
  QaScoreList,
  ScoreInput,
  ThreadScores,
} from '../qa/qaForm.js';
import { ALL, endpoint, LEADS, None } from './endpoint.js';

const ByForm = z.object({ formId: Id });
const ByThread = z.object({ threadId: Id });

export const qaApi = {
  forms: endpoint({
    method: 'GET',
    path: '/api/v1/qa/forms',
    params: None,
    input: None,
    output: QaFormList,
    roles: LEADS,
  }),
  createForm: endpoint({
    method: 'POST',
    path: '/api/v1/qa/forms',
    params: None,
    input: QaFormInput,
    output: QaForm,
    roles: LEADS,
  }),
  /** Edits the form; if scores use its current version, the edit becomes a new version. */
  updateForm: endpoint({
    method: 'PUT',
    path: '/api/v1/qa/forms/:formId',
    params: ByForm,
    input: QaFormInput,
    output: QaForm,
    roles: LEADS,
  }),
  retireForm: endpoint({
    method: 'POST',
    path: '/api/v1/qa/forms/:formId/retire',
    params: ByForm,
    input: z.object({ retired: z.boolean().default(true) }),
    output: QaForm,
    roles: LEADS,
  }),
  threadScores: endpoint({
    method: 'GET',
    path: '/api/v1/qa/threads/:threadId/scores',
    params: ByThread,
    input: None,
    output: ThreadScores,
    roles: LEADS,
  }),
  score: endpoint({
    method: 'POST',
    path: '/api/v1/qa/threads/:threadId/scores',
    params: ByThread,
    input: ScoreInput,
    output: QaScore,
    roles: LEADS,
  }),
  /** The caller's own scores (as the agent whose work was scored), newest first. */
  myScores: endpoint({
    method: 'GET',
    path: '/api/v1/qa/my-scores',
    params: None,
    input: None,
    output: QaScoreList,
    roles: ALL,
  }),
  report: endpoint({
    method: 'GET',
    path: '/api/v1/qa/report',
    params: None,
    input: QaReportInput,
    output: QaReport,
    roles: LEADS,
  }),
} as const;
