/**
 * Bearer authentication for /api/v1. The signed-in agent is kept in a WeakMap keyed by request
 * rather than a Fastify request decoration, so this module adds nothing to Fastify's global types
 * that other users of Fastify in the same TypeScript program would see.
 */
import type { FastifyRequest } from 'fastify';
import type { Agent, AgentRole } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { authenticate } from '../auth/sessions.js';
import type { HubStore } from '../storage/hubStore.js';

const signedIn = new WeakMap<FastifyRequest, Agent>();

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/** A preValidation hook: refuses the request (and, for a socket, the upgrade) without a valid session. */
export function requireSession(store: HubStore, now: () => number) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new OknoError('unauthorized', 'missing "Authorization: Bearer <token>" header; sign in first');
    signedIn.set(request, authenticate(store, token, now()));
  };
}

export function agentOf(request: FastifyRequest): Agent {
  const agent = signedIn.get(request);
  if (!agent) throw new Error('route is missing the requireSession hook');
  return agent;
}

export function requireRole(agent: Agent, roles: readonly AgentRole[]): void {
  if (!roles.includes(agent.role)) {
    throw new OknoError('forbidden', `this needs the role ${roles.join(' or ')}; you are ${agent.role}`);
  }
}
