/**
 * The hub's API for the complaints and requests register (issue 15, decision 0035). Read by the hub's
 * routes and the core's client alike (src/shared/hubApi/endpoint.ts). Reads with filters are POSTs so
 * their arrays and numbers travel as JSON, not as query strings.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import {
  AttachInput,
  Calendar,
  CalendarInput,
  CommentInput,
  Complaint,
  ComplaintDetail,
  ComplaintType,
  ComplaintTypeInput,
  CreateInput,
  ExportInput,
  FileData,
  LetterInput,
  ListInput,
  ListOutput,
  ReportInput,
  ReportOutput,
  UpdateInput,
} from '../register/registerSchemas.js';
import { endpoint } from './endpoint.js';

const ALL = ['agent', 'lead', 'admin'] as const;
const LEADS = ['lead', 'admin'] as const;
const None = z.object({});
const ById = z.object({ id: Id });

export const registerApi = {
  types: endpoint({
    method: 'GET',
    path: '/api/v1/register/types',
    params: None,
    input: None,
    output: z.object({ types: z.array(ComplaintType) }),
    roles: ALL,
  }),
  saveType: endpoint({
    method: 'PUT',
    path: '/api/v1/register/types',
    params: None,
    input: ComplaintTypeInput,
    output: ComplaintType,
    roles: LEADS,
  }),
  calendar: endpoint({
    method: 'GET',
    path: '/api/v1/register/calendar',
    params: None,
    input: None,
    output: Calendar,
    roles: ALL,
  }),
  saveCalendar: endpoint({
    method: 'PUT',
    path: '/api/v1/register/calendar',
    params: None,
    input: CalendarInput,
    output: Calendar,
    roles: LEADS,
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/v1/register/complaints',
    params: None,
    input: CreateInput,
    output: Complaint,
    roles: ALL,
  }),
  list: endpoint({
    method: 'POST',
    path: '/api/v1/register/complaints/search',
    params: None,
    input: ListInput,
    output: ListOutput,
    roles: ALL,
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/v1/register/complaints/:id',
    params: ById,
    input: None,
    output: ComplaintDetail,
    roles: ALL,
  }),
  update: endpoint({
    method: 'PUT',
    path: '/api/v1/register/complaints/:id',
    params: ById,
    input: UpdateInput.omit({ id: true }),
    output: Complaint,
    roles: ALL,
  }),
  comment: endpoint({
    method: 'POST',
    path: '/api/v1/register/complaints/:id/comments',
    params: ById,
    input: CommentInput.omit({ id: true }),
    output: ComplaintDetail,
    roles: ALL,
  }),
  link: endpoint({
    method: 'POST',
    path: '/api/v1/register/complaints/:id/threads',
    params: ById,
    input: z.object({ threadId: Id }),
    output: ComplaintDetail,
    roles: ALL,
  }),
  attach: endpoint({
    method: 'POST',
    path: '/api/v1/register/complaints/:id/files',
    params: ById,
    input: AttachInput.omit({ id: true }),
    output: ComplaintDetail,
    roles: ALL,
  }),
  file: endpoint({
    method: 'GET',
    path: '/api/v1/register/files/:fileId',
    params: z.object({ fileId: Id }),
    input: None,
    output: FileData,
    roles: ALL,
  }),
  letter: endpoint({
    method: 'POST',
    path: '/api/v1/register/complaints/:id/letter',
    params: ById,
    input: LetterInput.omit({ id: true }),
    output: FileData,
    roles: ALL,
  }),
  export: endpoint({
    method: 'POST',
    path: '/api/v1/register/export',
    params: None,
    input: ExportInput,
    output: FileData,
    roles: ALL,
  }),
  report: endpoint({
    method: 'POST',
    path: '/api/v1/register/report',
    params: None,
    input: ReportInput,
    output: ReportOutput,
    roles: ALL,
  }),
};
