/**
 * Channel administration (admins and leads): configure channels, whose secrets go in and never
 * come back; list dead letters; link and unlink customer identities; read a message's full body,
 * attachments and delivery. Registered inside the authenticated scope.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OknoError } from '../../../shared/errors.js';
import type { ChannelAdmin } from '../../gateways/channelAdmin.js';
import type { ChannelStore } from '../../gateways/channelStore.js';
import { IDENTITY_KINDS } from '../../gateways/gateway.js';
import type { GatewayHost } from '../../gateways/gatewayHost.js';
import { normalizeIdentity } from '../../gateways/recognizeCustomer.js';
import type { HubStore } from '../../storage/hubStore.js';
import { agentOf, requireRole } from '../auth.js';
import { parseInput } from '../errorReplies.js';
import { registerUploadRoute } from './uploadRoute.js';

export const CHANNEL_API = {
  channels: '/api/v1/channels',
  deadLetters: '/api/v1/admin/dead-letters',
  identities: '/api/v1/customers/:id/identities',
  messageBody: '/api/v1/messages/:id/body',
  attachment: '/api/v1/attachments/:id',
  uploads: '/api/v1/uploads',
  signatures: '/api/v1/signatures',
} as const;

const SignatureInput = z.object({ text: z.string().max(2000, 'a signature has at most 2000 characters') });

const DeadLetterQuery = z.object({
  channelId: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const IdentityInput = z.object({ kind: z.enum(IDENTITY_KINDS), value: z.string().trim().min(1).max(320) });

export interface ChannelRouteDeps {
  store: HubStore;
  channels: ChannelStore;
  admin: ChannelAdmin;
  /** Replays dead letters through their channel's running gateway. */
  host: GatewayHost;
  /** The hub's clock (tests inject it). */
  now?: () => number;
}

export function registerChannelRoutes(
  app: FastifyInstance,
  { store, channels, admin, host, now = Date.now }: ChannelRouteDeps,
): void {
  const lead = (request: Parameters<typeof agentOf>[0]) => requireRole(agentOf(request), ['admin', 'lead']);

  app.get(CHANNEL_API.channels, async (request) => {
    lead(request);
    return { channels: admin.list() };
  });
  app.post(CHANNEL_API.channels, async (request, reply) => {
    lead(request);
    const view = await admin.create(request.body);
    reply.code(201);
    return view;
  });
  app.patch<{ Params: { id: string } }>(`${CHANNEL_API.channels}/:id`, async (request) => {
    lead(request);
    return admin.update(request.params.id, request.body);
  });
  // The same partial update for clients that speak PUT only (the agent core's hub calls).
  app.put<{ Params: { id: string } }>(`${CHANNEL_API.channels}/:id`, async (request) => {
    lead(request);
    return admin.update(request.params.id, request.body);
  });
  app.delete<{ Params: { id: string } }>(`${CHANNEL_API.channels}/:id`, async (request, reply) => {
    lead(request);
    await admin.disable(request.params.id);
    return reply.code(204).send();
  });

  app.get(CHANNEL_API.deadLetters, async (request) => {
    requireRole(agentOf(request), ['admin']);
    const query = parseInput(DeadLetterQuery, request.query, 'dead-letter query');
    const letters = channels.deadLetters.list(query.channelId ?? null, query.limit).map((l) => ({
      ...l,
      payload: l.payload.length > 64 * 1024 ? null : l.payload.toString('base64'),
      payloadBytes: l.payload.length,
    }));
    return { deadLetters: letters };
  });
  app.delete<{ Params: { id: string } }>(`${CHANNEL_API.deadLetters}/:id`, async (request, reply) => {
    requireRole(agentOf(request), ['admin']);
    if (!channels.deadLetters.remove(request.params.id)) {
      throw new OknoError('not_found', `dead letter ${request.params.id} does not exist`);
    }
    return reply.code(204).send();
  });
  app.post<{ Params: { id: string } }>(`${CHANNEL_API.deadLetters}/:id/retry`, async (request) => {
    requireRole(agentOf(request), ['admin']);
    return host.retryDeadLetter(request.params.id);
  });

  app.get(CHANNEL_API.signatures, async (request) => {
    lead(request);
    const signatures = channels.outbound.signatures();
    return {
      signatures: store.routing
        .groups()
        .map((g) => ({ groupId: g.id, groupName: g.name, text: signatures.get(g.id) ?? '' })),
    };
  });
  app.put<{ Params: { id: string } }>(`${CHANNEL_API.signatures}/:id`, async (request) => {
    lead(request);
    const group = store.routing.groups().find((g) => g.id === request.params.id);
    if (!group) throw new OknoError('not_found', `group ${request.params.id} does not exist`);
    const { text } = parseInput(SignatureInput, request.body, 'signature');
    channels.outbound.setSignature(group.id, text, now());
    return { groupId: group.id, groupName: group.name, text: channels.outbound.signature(group.id) ?? '' };
  });

  registerUploadRoute(app, channels, now);

  app.get<{ Params: { id: string } }>(CHANNEL_API.identities, async (request) => {
    agentOf(request);
    customerOrThrow(store, request.params.id);
    return { identities: channels.identities.of(request.params.id) };
  });
  app.post<{ Params: { id: string } }>(CHANNEL_API.identities, async (request, reply) => {
    agentOf(request);
    const customer = customerOrThrow(store, request.params.id);
    const input = parseInput(IdentityInput, request.body, 'identity');
    const value = normalizeIdentity(input.kind, input.value);
    if (!value) throw new OknoError('bad_request', `"${input.value}" is not a valid ${input.kind}`);
    // Recorded, so replicas see the identity move (the customer-card mutations also merge; this moves).
    store.write((tx) => {
      const previous = channels.identities.find(input.kind, value)?.customerId;
      channels.identities.link(input.kind, value, customer.id, tx.now);
      store.customers.touch(tx, customer.id);
      if (previous && previous !== customer.id && store.customers.byId(previous)) store.customers.touch(tx, previous);
    });
    reply.code(201);
    return { identities: channels.identities.of(customer.id) };
  });
  app.delete<{ Params: { id: string }; Querystring: unknown }>(CHANNEL_API.identities, async (request) => {
    agentOf(request);
    const customer = customerOrThrow(store, request.params.id);
    const input = parseInput(IdentityInput, request.query, 'identity');
    const value = normalizeIdentity(input.kind, input.value) ?? input.value;
    store.write((tx) => {
      if (!channels.identities.unlink(input.kind, value, customer.id)) {
        throw new OknoError('not_found', `${input.kind} ${value} is not linked to customer ${customer.id}`);
      }
      store.customers.touch(tx, customer.id);
    });
    return { identities: channels.identities.of(customer.id) };
  });

  app.get<{ Params: { id: string } }>(CHANNEL_API.messageBody, async (request) => {
    agentOf(request);
    const message = store.messages.byId(request.params.id);
    if (!message) throw new OknoError('not_found', `message ${request.params.id} does not exist`);
    const body = channels.inbound.body(message.id);
    return {
      messageId: message.id,
      text: body?.fullText ?? message.text,
      // Raw as received: the renderer sanitises it before showing it (decision 0011).
      html: body?.html ?? null,
      headers: body?.headers ?? {},
      attachments: channels.inbound.attachments(message.id),
      delivery: channels.deliveries.get(message.id),
    };
  });
  app.get<{ Params: { id: string } }>(CHANNEL_API.attachment, async (request, reply) => {
    agentOf(request);
    const attachment = channels.inbound.attachment(request.params.id);
    if (!attachment) throw new OknoError('not_found', `attachment ${request.params.id} does not exist`);
    return reply
      .type('application/octet-stream')
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('X-Okno-Content-Type', attachment.mime)
      .send(attachment.data);
  });
}

function customerOrThrow(store: HubStore, id: string) {
  const customer = store.customers.byId(id);
  if (!customer) throw new OknoError('not_found', `customer ${id} does not exist`);
  return customer;
}
