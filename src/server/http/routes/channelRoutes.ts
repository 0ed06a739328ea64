/**
 * Channel administration (admins and leads): configure channels, whose secrets go in and never
 * come back; list dead letters; link and unlink customer identities; read a message's full body,
 * attachments and delivery. Each JSON route is built from its row in
 * src/shared/hubApi/channelsApi.ts (the identities: customersApi.ts); the upload (raw bytes in)
 * and an attachment (raw bytes out) are hand-written on CHANNEL_PATHS. Registered inside the
 * authenticated scope.
 */
import type { FastifyInstance } from 'fastify';
import { OknoError } from '../../../shared/errors.js';
import { CHANNEL_PATHS, channelsApi } from '../../../shared/hubApi/channelsApi.js';
import { customersApi } from '../../../shared/hubApi/customersApi.js';
import type { ChannelAdmin } from '../../gateways/channelAdmin.js';
import type { ChannelStore } from '../../gateways/channelStore.js';
import type { GatewayHost } from '../../gateways/gatewayHost.js';
import { normalizeIdentity } from '../../gateways/recognizeCustomer.js';
import type { HubStore } from '../../storage/hubStore.js';
import { agentOf } from '../auth.js';
import { endpointRoute } from '../endpointRoute.js';
import { registerUploadRoute } from './uploadRoute.js';

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
  const api = channelsApi;
  endpointRoute(app, api.channels, () => ({ channels: admin.list() }));
  endpointRoute(app, api.createChannel, (_agent, input) => admin.create(input));
  endpointRoute(app, api.updateChannel, (_agent, patch, { id }) => admin.update(id, patch));
  endpointRoute(app, api.disableChannel, async (_agent, _input, { id }) => {
    await admin.disable(id);
  });

  endpointRoute(app, api.deadLetters, (_agent, query) => {
    const letters = channels.deadLetters.list(query.channelId ?? null, query.limit).map((l) => ({
      ...l,
      payload: l.payload.length > 64 * 1024 ? null : l.payload.toString('base64'),
      payloadBytes: l.payload.length,
    }));
    return { deadLetters: letters };
  });
  endpointRoute(app, api.discardDeadLetter, (_agent, _input, { id }) => {
    if (!channels.deadLetters.remove(id)) throw new OknoError('not_found', `dead letter ${id} does not exist`);
  });
  endpointRoute(app, api.retryDeadLetter, (_agent, _input, { id }) => host.retryDeadLetter(id));

  endpointRoute(app, api.signatures, () => {
    const signatures = channels.outbound.signatures();
    return {
      signatures: store.routing
        .groups()
        .map((g) => ({ groupId: g.id, groupName: g.name, text: signatures.get(g.id) ?? '' })),
    };
  });
  endpointRoute(app, api.saveSignature, (_agent, { text }, { id }) => {
    const group = store.routing.groups().find((g) => g.id === id);
    if (!group) throw new OknoError('not_found', `group ${id} does not exist`);
    channels.outbound.setSignature(group.id, text, now());
    return { groupId: group.id, groupName: group.name, text: channels.outbound.signature(group.id) ?? '' };
  });

  registerUploadRoute(app, channels, now);

  endpointRoute(app, customersApi.identities, (_agent, _input, { id }) => {
    customerOrThrow(store, id);
    return { identities: channels.identities.of(id) };
  });
  endpointRoute(app, customersApi.linkIdentity, (_agent, input, { id }) => {
    const customer = customerOrThrow(store, id);
    const value = normalizeIdentity(input.kind, input.value);
    if (!value) throw new OknoError('bad_request', `"${input.value}" is not a valid ${input.kind}`);
    // Recorded, so replicas see the identity move (the customer-card mutations also merge; this moves).
    store.write((tx) => {
      const previous = channels.identities.find(input.kind, value)?.customerId;
      channels.identities.link(input.kind, value, customer.id, tx.now);
      store.customers.touch(tx, customer.id);
      if (previous && previous !== customer.id && store.customers.byId(previous)) store.customers.touch(tx, previous);
    });
    return { identities: channels.identities.of(customer.id) };
  });
  endpointRoute(app, customersApi.unlinkIdentity, (_agent, input, { id }) => {
    const customer = customerOrThrow(store, id);
    const value = normalizeIdentity(input.kind, input.value) ?? input.value;
    store.write((tx) => {
      if (!channels.identities.unlink(input.kind, value, customer.id)) {
        throw new OknoError('not_found', `${input.kind} ${value} is not linked to customer ${customer.id}`);
      }
      store.customers.touch(tx, customer.id);
    });
    return { identities: channels.identities.of(customer.id) };
  });

  endpointRoute(app, api.messageBody, (_agent, _input, { id }) => {
    const message = store.messages.byId(id);
    if (!message) throw new OknoError('not_found', `message ${id} does not exist`);
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
  app.get<{ Params: { id: string } }>(CHANNEL_PATHS.attachment, async (request, reply) => {
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
