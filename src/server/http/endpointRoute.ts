/**
 * Registers a route from a row of a src/shared/hubApi table: the row's method and path, its params
 * and input checked with its schemas, its roles enforced, and the handler's answer checked against
 * the row's output before it leaves (a hub bug shows up here, not in the app), with the row's status.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Agent } from '../../shared/domain.js';
import type { Endpoint } from '../../shared/hubApi/endpoint.js';
import { agentOf, requireRole } from './auth.js';
import { parseInput } from './errorReplies.js';

export function endpointRoute<P extends z.ZodType, I extends z.ZodType, O extends z.ZodType>(
  app: FastifyInstance,
  row: Endpoint<P, I, O>,
  handler: (agent: Agent, input: z.output<I>, params: z.output<P>) => z.input<O> | Promise<z.input<O>>,
): void {
  app.route({
    method: row.method,
    url: row.path,
    handler: async (request, reply) => {
      const agent = agentOf(request);
      requireRole(agent, row.roles);
      const params = parseInput(row.params, request.params ?? {}, `${row.path} address`);
      const body = row.method === 'GET' || row.method === 'DELETE' ? (request.query ?? {}) : request.body;
      const input = parseInput(row.input, body ?? {}, row.path.split('/').slice(3).join(' '));
      const output = row.output.parse(await handler(agent, input, params));
      if (row.status === 204) return reply.code(204).send();
      if (row.status) reply.code(row.status);
      return output;
    },
  });
}
