/**
 * Validation of what comes back over the boundary. The host is trusted to run the core,
 * not to be bug-free: a result or an event that does not match the contract becomes a
 * clear error instead of undefined behaviour deep in the UI.
 */
import { z } from 'zod';
import {
  events,
  isEventName,
  requests,
  type EventName,
  type RequestName,
  type RequestOutput,
} from '../../shared/contract.js';
import { ERROR_CODES, type ErrorInfo } from '../../shared/errors.js';
import { describeIssues } from '../../shared/validation.js';
import { PlatformError } from './platform.js';

const ErrorInfoSchema = z.object({
  // An unknown code from a newer core degrades to 'internal' instead of failing the whole result.
  code: z.enum(ERROR_CODES).catch('internal'),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const CallResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), output: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorInfoSchema }),
]);

/** Client-side view of HostFrame (contractWire.ts) with validation. */
export const HostFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('response'), id: z.number().int().nonnegative(), result: CallResultSchema }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type ParsedHostFrame = z.infer<typeof HostFrameSchema>;

/** Parses one text frame from the browser host; null when it is not a frame we understand. */
export function parseHostFrame(data: unknown): ParsedHostFrame | null {
  if (typeof data !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = HostFrameSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * Turns a raw CallResult into the request's output, or throws a PlatformError.
 * The output is checked against the contract's output schema.
 */
export function unwrapResult<N extends RequestName>(name: N, raw: unknown): RequestOutput<N> {
  const result = CallResultSchema.safeParse(raw);
  if (!result.success) {
    throw new PlatformError({
      code: 'internal',
      message: `${name}: malformed result (${describeIssues(result.error)})`,
    });
  }
  if (!result.data.ok) throw new PlatformError(result.data.error as ErrorInfo);
  const schema: z.ZodType = requests[name].output;
  const output = schema.safeParse(result.data.output);
  if (!output.success) {
    throw new PlatformError({
      code: 'internal',
      message: `${name}: output does not match the contract (${describeIssues(output.error)})`,
    });
  }
  return output.data as RequestOutput<N>;
}

/** A core event whose name and payload match the contract. */
export type CoreEvent = { [N in EventName]: { name: N; payload: z.output<(typeof events)[N]> } }[EventName];

/** Validates an event from the host; null (with the reason) when it does not match the contract. */
export function parseCoreEvent(name: unknown, payload: unknown): { event: CoreEvent } | { problem: string } {
  if (!isEventName(name)) return { problem: `unknown event "${String(name).slice(0, 100)}"` };
  const parsed = events[name].safeParse(payload);
  if (!parsed.success) return { problem: `${name}: ${describeIssues(parsed.error)}` };
  return { event: { name, payload: parsed.data } as CoreEvent };
}
