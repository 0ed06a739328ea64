/**
 * Bearer authentication for /api/v1. The signed-in agent is kept in a WeakMap keyed by request
 * rather than a Fastify request decoration, so this module adds nothing to Fastify's global types
 * that other users of Fastify in the same TypeScript program would see. A live socket opened by
 * a signed-in request is handed to its session, which closes it when the session ends. The
 * sessions come from the composition root (createHub builds them once, createHttpApp hands them on).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { Agent, AgentRole } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import type { Sessions, SignedIn } from '../auth/sessions.js';
import { sendError } from './errorReplies.js';

const signedIn = new WeakMap<FastifyRequest, SignedIn>();
/** Upgrade requests by their raw request, which is all the socket server's `connection` event has. */
const upgrading = new WeakMap<IncomingMessage, SignedIn>();
const watched = new WeakSet<object>();

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

type SessionHook = (request: FastifyRequest) => Promise<void>;

/** A preValidation hook: refuses the request (and, for a socket, the upgrade) without a valid session. */
export function requireSession(sessions: Sessions): SessionHook {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new OknoError('unauthorized', 'missing "Authorization: Bearer <token>" header; sign in first');
    const session = sessions.authenticate(token);
    signedIn.set(request, session);
    if (request.ws) {
      watchSockets(request.server, sessions);
      upgrading.set(request.raw, session);
    }
  };
}

/** Every socket the server accepts for a signed-in request is held by that request's session. */
function watchSockets(server: FastifyInstance, sessions: Sessions): void {
  const wss = server.websocketServer;
  if (watched.has(wss)) return;
  watched.add(wss);
  wss.on('connection', (socket: WebSocket, raw: IncomingMessage) => {
    const session = upgrading.get(raw);
    if (session) sessions.holdSocket(socket, session);
  });
}

export function agentOf(request: FastifyRequest): Agent {
  return sessionOf(request).agent;
}

/** The signed-in session of a request (its agent and token hash). */
export function sessionOf(request: FastifyRequest): SignedIn {
  const session = signedIn.get(request);
  if (!session) throw new Error('route is missing the requireSession hook');
  return session;
}

export function requireRole(agent: Agent, roles: readonly AgentRole[]): void {
  if (!roles.includes(agent.role)) {
    throw new OknoError('forbidden', `this needs the role ${roles.join(' or ')}; you are ${agent.role}`);
  }
}

/**
 * Account refusals whose HTTP status the shared error table does not carry: a paused sign-in
 * (429) and a busy hashing queue (503) with Retry-After, a disabled account and a wrong current
 * password (403 — not 401, which the app reads as "this session has ended").
 */
const ACCOUNT_STATUS: Partial<Record<string, number>> = {
  sign_in_paused: 429,
  hub_busy: 503,
  account_disabled: 403,
  wrong_password: 403,
};

/** Runs `work`; an account refusal is answered here with its status, anything else goes on to the error handler. */
export async function withAccountRefusals<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await work();
  } catch (error) {
    const status = error instanceof OknoError ? ACCOUNT_STATUS[error.code] : undefined;
    if (!(error instanceof OknoError) || status === undefined) throw error;
    const seconds = error.params?.seconds;
    if (typeof seconds === 'number') reply.header('retry-after', String(seconds));
    return sendError(reply, error.toInfo(), status);
  }
}
