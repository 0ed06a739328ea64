/**
 * Every HTTP error leaves the hub as `{ "error": { code, message, issues? } }` with a code from
 * src/shared/errors.ts. Fastify's own errors (bad JSON, body too large, wrong media type) are
 * translated here so clients see one shape.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { OknoError, type ErrorCode, type ErrorInfo } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { describeIssues, issuesOf } from '../../shared/validation.js';
import { DatabaseError } from '../storage/postgres/syncConnection.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  bad_request: 400,
  message_too_long: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}

export function sendError(reply: FastifyReply, info: ErrorInfo, status = statusOf(info.code)): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: info });
}

/** A plain GET on a WebSocket path. */
export function sendUpgradeRequired(reply: FastifyReply): FastifyReply {
  return sendError(reply, { code: 'bad_request', message: 'this path takes WebSocket connections only' }, 426);
}

/** Parses `input` with `schema`, or throws bad_request naming every wrong field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new OknoError('bad_request', `invalid ${what}: ${describeIssues(parsed.error)}`, issuesOf(parsed.error));
  }
  return parsed.data;
}

function fromFastify(error: FastifyError, contentType: string | undefined): { info: ErrorInfo; status: number } | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        info: { code: 'payload_too_large', message: 'request body is larger than the hub accepts (1 MiB)' },
        status: 413,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        info: {
          code: 'bad_request',
          message: `content type "${contentType ?? ''}" is not accepted; send application/json`,
        },
        status: 415,
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { info: { code: 'bad_request', message: 'request body is empty; expected JSON' }, status: 400 };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { info: { code: 'bad_request', message: 'Content-Length does not match the body' }, status: 400 };
    default:
      return null;
  }
}

/** SQLSTATE classes 08 (connection) and 57P (shut down), socket errors and the hub's own lost/timeout. */
function databaseAway(error: unknown): boolean {
  if (!(error instanceof DatabaseError)) return false;
  const code = error.code ?? '';
  return (
    /^(08|57P)/.test(code) ||
    ['OKNO_LOST', 'OKNO_TIMEOUT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code) ||
    /Connection terminated|connect ECONNREFUSED/.test(error.message)
  );
}

export function installErrorHandlers(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof OknoError) {
      log.debug('request refused', { method: request.method, url: request.url, code: error.code });
      return sendError(reply, error.toInfo());
    }
    const known = fromFastify(error, request.headers['content-type']);
    if (known) {
      log.debug('request refused', { method: request.method, url: request.url, code: error.code });
      return sendError(reply, known.info, known.status);
    }
    if (databaseAway(error)) {
      log.warn('request failed: database unreachable', { method: request.method, url: request.url });
      return sendError(
        reply,
        { code: 'internal', message: 'the hub cannot reach its database right now; try again in a moment' },
        503,
      );
    }
    if (typeof error.statusCode === 'number' && error.statusCode < 500) {
      return sendError(reply, { code: 'bad_request', message: error.message }, error.statusCode);
    }
    log.error('request failed', { method: request.method, url: request.url, error: error.stack ?? error.message });
    return sendError(reply, { code: 'internal', message: 'the hub failed to handle this request; see its log' });
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, { code: 'not_found', message: `no route for ${request.method} ${request.url.split('?')[0]}` }),
  );
}
