/**
 * The app contract's part for the complaints and requests register (issue 15, decision 0035): requests
 * and events. The core forwards each request to the hub's registerApi; the shapes live in registerSchemas.ts.
 * Leads and admins change types and the calendar; everyone signed in reads them and works complaints.
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
  FileInput,
  LetterInput,
  LinkInput,
  ListInput,
  ListOutput,
  ReportInput,
  ReportOutput,
  UpdateInput,
} from './registerSchemas.js';

function request<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const registerRequests = {
  /** Every complaint type, retired ones included (pickers hide them). */
  'register.types': request(z.object({}), z.object({ types: z.array(ComplaintType) })),
  /** Leads: creates (no id) or replaces a type. */
  'register.saveType': request(ComplaintTypeInput, ComplaintType),
  /** The business calendar: working weekdays, holidays, the hub's time zone. */
  'register.calendar': request(z.object({}), Calendar),
  /** Leads. */
  'register.saveCalendar': request(CalendarInput, Calendar),
  /** From a conversation (threadId: its customer and channel) or a customer card (customerId). */
  'register.create': request(CreateInput, Complaint),
  'register.list': request(ListInput, ListOutput),
  'register.get': request(z.object({ id: Id }), ComplaintDetail),
  /** A 409 `conflict` (params: by, at, changed) when someone changed it since `baseVersion`. */
  'register.update': request(UpdateInput, Complaint),
  'register.comment': request(CommentInput, ComplaintDetail),
  /** Links one more contact (thread) to the complaint. */
  'register.link': request(LinkInput, ComplaintDetail),
  'register.attach': request(AttachInput, ComplaintDetail),
  'register.file': request(FileInput, FileData),
  /** The letter to the customer from the type's template (recorded in the history). */
  'register.letter': request(LetterInput, FileData),
  'register.export': request(ExportInput, FileData),
  'register.report': request(ReportInput, ReportOutput),
};

/** None: the register is read from the hub when shown (the renderer reloads after its own changes). */
export const registerEvents = {};
