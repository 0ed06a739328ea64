/**
 * The widget's HTTP endpoints are limited with @fastify/rate-limit (decision 0024): each level
 * (visitor, address, everyone) is its own counter, checked in that order; the first one over its
 * window refuses with 429 rate_limited naming the limit and the level, and a Retry-After header.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WidgetLimitName, WidgetLimitScope } from '../../shared/widgetProtocol.js';
import { limitRefusal, refusalError } from './limitRefusal.js';
import { addressKey } from './widgetLimiter.js';
import type { Window } from './widgetLimits.js';

export interface HttpLimitLevel {
  scope: WidgetLimitScope;
  window: Window;
  /** Whose counter a request spends; default its address for `address`, one counter for `global`. */
  key?: (request: FastifyRequest) => string;
}

/** Registers @fastify/rate-limit in an encapsulated scope; it counts nothing until `httpLimit` asks. */
export async function useRateLimit(scope: FastifyInstance): Promise<void> {
  await scope.register(rateLimit, { global: false });
}

export const byAddress = (request: FastifyRequest): string => addressKey(request.ip);
const everyone = (): string => '*';

/** An onRequest hook refusing `limit` past any of `levels`; `exempt` addresses skip the address level. */
export function httpLimit(
  scope: FastifyInstance,
  limit: WidgetLimitName,
  levels: HttpLimitLevel[],
  exempt: ReadonlySet<string>,
) {
  const checks = levels.map((level) => {
    const options = {
      ...(level.scope === 'address' ? { allowList: (_request: FastifyRequest, key: string) => exempt.has(key) } : {}),
      max: level.window.max,
      timeWindow: level.window.windowMs,
      keyGenerator: level.key ?? (level.scope === 'global' ? everyone : byAddress),
      // Keys kept per level (least recently used go first); the library's default is 5000.
      cache: 20_000,
    };
    return { level, check: scope.createRateLimit(options) };
  });
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    for (const { level, check } of checks) {
      const result = await check(request);
      if (result.isAllowed || !result.isExceeded) continue;
      const refusal = limitRefusal(limit, level.scope, result.ttl, { window: level.window });
      void reply.header('retry-after', String(Math.max(1, Math.ceil(refusal.retryAfterMs / 1000))));
      throw refusalError(refusal);
    }
  };
}
