/**
 * For a load balancer in front of several hub instances (docs/deployment.md): /healthz answers
 * while the process serves HTTP (liveness); /readyz only while this instance can do its work: the
 * database answers and, in a cluster, the broker is reachable (readiness). Neither needs a session
 * and neither tells more than yes or no and why.
 */
import type { FastifyInstance } from 'fastify';

export interface Readiness {
  ready: boolean;
  /** What is wrong, in words, when not ready. */
  reasons: string[];
  instance: string;
  /** The lease-held work running on this instance. */
  leases: string[];
}

export function registerHealthRoutes(app: FastifyInstance, readiness: () => Readiness): void {
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    const state = readiness();
    return reply.code(state.ready ? 200 : 503).send(state);
  });
}
