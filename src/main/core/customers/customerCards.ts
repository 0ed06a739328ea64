/**
 * The customer card in the core: read from the cache with the agent's pending changes on top,
 * changes written to the outbox (pushed like every mutation), and the timeline and history read
 * from the hub — or, for the timeline, from the cache when the hub is away.
 */
import type { RequestOutput } from '../../../shared/contract.js';
import { normalizeIdentity, seenFields } from '../../../shared/customers/customerCard.js';
import type { CustomerMutation } from '../../../shared/customers/customerMutations.js';
import {
  pageOfRows,
  parseCursor,
  TimelinePage,
  type TimelineItemRow,
} from '../../../shared/customers/customerTimeline.js';
import type { Customer, CustomerIdentity, IdentityKind } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import { customersApi } from '../../../shared/hubApi/customersApi.js';
import { uuidv7 } from '../../../shared/ids.js';
import { Mutation } from '../../../shared/sync.js';
import type { EventBus } from '../events/eventBus.js';
import { callEndpoint } from '../hubApi/callEndpoint.js';
import { createHubCall, type HubCallDeps } from '../hubApi/hubCall.js';
import type { SessionService } from '../session/sessionService.js';
import type { LocalStore } from '../store/localStore.js';
import type { ConnectionTracker } from '../sync/connectionTracker.js';
import { overlayPending } from './pendingOverlay.js';

export interface CustomerCardsDeps {
  store: LocalStore;
  session: SessionService;
  connection: ConnectionTracker;
  events: EventBus;
  now: () => number;
  link: HubCallDeps['link'];
  fetch?: typeof fetch;
}

type CardView = RequestOutput<'customer.get'>;

export interface CustomerCards {
  get(customerId: string): CardView;
  /**
   * The card as `get` has it, or — for a customer outside the agent's cache (found by search, decision
   * 0031) — read from the hub and kept in memory only, never on disk.
   */
  open(customerId: string): Promise<CardView>;
  update(customerId: string, fields: { name?: string; notes?: string }): CardView;
  link(customerId: string, identity: CustomerIdentity): CardView;
  unlink(customerId: string, identity: CustomerIdentity): CardView;
  create(input: { name: string; phone?: string; email?: string; notes?: string }): CardView;
  timeline(customerId: string, before: string | undefined, limit: number): Promise<RequestOutput<'customer.timeline'>>;
  history(customerId: string): Promise<RequestOutput<'customer.history'>>;
}

/** Errors that mean "the hub is away", where the cache answers instead. */
const OFFLINE = new Set(['hub_unreachable', 'not_signed_in', 'hub_error']);

/** Cards read from the hub for customers outside the cache, kept in memory; the oldest go first. */
const OPENED_CARDS_MAX = 200;

export function createCustomerCards(deps: CustomerCardsDeps): CustomerCards {
  const { store, session, connection, events, now } = deps;
  const call = createHubCall({ link: deps.link, fetch: deps.fetch }, 'customer card');
  const pendingRows = store.db.prepare(
    "SELECT payload FROM outbox WHERE state = 'pending' AND kind LIKE 'customer.%' ORDER BY position",
  );
  const cachedThreads = store.db.prepare(
    `SELECT id, number, channel, status, subject, last_message_at AS lastMessageAt FROM threads
     WHERE customer_id = ? ORDER BY last_message_at DESC, number DESC`,
  );
  const cachedItems = store.db.prepare(
    `SELECT m.id, m.thread_id, t.number, t.channel, m.direction, m.author_kind, m.author_id, m.author_name,
            m.text, m.created_at
     FROM threads t JOIN messages m ON m.thread_id = t.id
     WHERE t.customer_id = ? AND (m.created_at, m.id) < (?, ?)
     ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
  );

  function pendingFor(customerIds: ReadonlySet<string>): CustomerMutation[] {
    return (pendingRows.all() as { payload: string }[])
      .map((row) => Mutation.safeParse(JSON.parse(row.payload)))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []))
      .filter(
        (m): m is CustomerMutation =>
          m.kind.startsWith('customer.') && customerIds.has((m as CustomerMutation).customerId),
      );
  }

  const opened = new Map<string, Customer>();
  const openedCurrent = (id: string): Customer | null => {
    let customer = opened.get(id) ?? null;
    for (let hops = 0; customer?.mergedInto && hops < 20; hops++) customer = opened.get(customer.mergedInto) ?? null;
    return customer;
  };
  const remember = (asked: string, customer: Customer) => {
    for (const id of [asked, customer.id]) {
      opened.delete(id);
      opened.set(id, customer);
    }
    while (opened.size > OPENED_CARDS_MAX) opened.delete(opened.keys().next().value!);
  };

  function view(customerId: string): CardView {
    const customer = store.customers.current(customerId) ?? openedCurrent(customerId);
    if (!customer) return { customer: null, pending: 0 };
    const pending = pendingFor(new Set([customerId, customer.id]));
    return { customer: overlayPending(customer, pending), pending: pending.length };
  }

  function known(customerId: string): CardView & { customer: Customer } {
    const card = view(customerId);
    if (!card.customer) throw new OknoError('not_found', `customer ${customerId} is not in the local cache`);
    return card as CardView & { customer: Customer };
  }

  function enqueue(mutation: CustomerMutation, at: number, local?: () => void): void {
    store.transaction(() => {
      local?.();
      store.outbox.add(mutation, at);
    });
    connection.setPending(store.outbox.countPending());
    session.kickPush();
    events.emit('customers.changed', { customerIds: [mutation.customerId] });
  }

  function identityOf(kind: IdentityKind, value: string): CustomerIdentity {
    const result = normalizeIdentity(kind, value);
    if (!result.ok) throw new OknoError('bad_request', result.message, [{ path: 'value', message: result.message }]);
    return result.identity;
  }

  return {
    get: view,
    async open(customerId) {
      if (store.customers.current(customerId)) return view(customerId);
      try {
        const card = await callEndpoint(call, customersApi.card, { params: { id: customerId }, input: {} });
        remember(customerId, card.customer);
      } catch (error) {
        // Away from the hub, the last card read stands (or none); any other refusal is the answer.
        if (!(error instanceof OknoError && OFFLINE.has(error.code))) throw error;
      }
      return view(customerId);
    },
    update(customerId, fields) {
      session.requireAgent();
      const { customer } = known(customerId);
      const at = now();
      enqueue(
        {
          id: uuidv7(at),
          kind: 'customer.update',
          customerId: customer.id,
          fields,
          // What the agent saw (their own pending edits included): the hub's conflict rule compares it.
          seen: seenFields(customer, fields),
          createdAt: at,
        },
        at,
      );
      return view(customer.id);
    },
    link(customerId, input) {
      session.requireAgent();
      const { customer } = known(customerId);
      const identity = identityOf(input.kind, input.value);
      const at = now();
      enqueue({ id: uuidv7(at), kind: 'customer.link', customerId: customer.id, identity, createdAt: at }, at);
      return view(customer.id);
    },
    unlink(customerId, input) {
      session.requireAgent();
      const { customer } = known(customerId);
      const identity = normalizeIdentity(input.kind, input.value);
      const value = identity.ok ? identity.identity.value : input.value.trim();
      if (!customer.identities?.some((i) => i.kind === input.kind && i.value === value)) {
        throw new OknoError('not_found', `${input.kind} ${value} is not linked to ${customer.name}`);
      }
      const at = now();
      enqueue(
        {
          id: uuidv7(at),
          kind: 'customer.unlink',
          customerId: customer.id,
          identity: { kind: input.kind, value },
          createdAt: at,
        },
        at,
      );
      return view(customer.id);
    },
    create(input) {
      session.requireAgent();
      const at = now();
      const identities: CustomerIdentity[] = [];
      if (input.phone) identities.push(identityOf('phone', input.phone));
      if (input.email) identities.push(identityOf('email', input.email));
      const customer: Customer = {
        id: uuidv7(at),
        name: input.name,
        phone: identities.find((i) => i.kind === 'phone')?.value ?? null,
        email: identities.find((i) => i.kind === 'email')?.value ?? null,
        createdAt: at,
        updatedAt: at,
        notes: input.notes ?? '',
        identities,
        mergedInto: null,
      };
      enqueue(
        {
          id: uuidv7(at),
          kind: 'customer.create',
          customerId: customer.id,
          name: customer.name,
          notes: customer.notes ?? '',
          identities,
          createdAt: at,
        },
        at,
        // Seq 0: shown at once, replaced by the hub's state when it answers.
        () => store.customers.upsert(customer, 0),
      );
      return view(customer.id);
    },
    async timeline(customerId, before, limit) {
      try {
        const page = await callEndpoint(call, customersApi.timeline, {
          params: { id: customerId },
          input: { limit, before: before || undefined },
        });
        return { ...page, source: 'hub' as const };
      } catch (error) {
        if (!(error instanceof OknoError) || !OFFLINE.has(error.code)) throw error;
      }
      const id = store.customers.current(customerId)?.id ?? customerId;
      const cursor = parseCursor(before) ?? { at: Number.MAX_SAFE_INTEGER, id: '~' };
      // The cache's columns are not trusted as typed: the items are checked against the schema below.
      const rows = cachedItems.all(id, cursor.at, cursor.id, limit + 1) as TimelineItemRow[];
      const page = pageOfRows(rows, limit);
      return {
        customerId: id,
        source: 'cache',
        threads: TimelinePage.shape.threads.parse(cachedThreads.all(id)),
        items: TimelinePage.shape.items.parse(page.items),
        nextBefore: page.nextBefore,
      };
    },
    async history(customerId) {
      try {
        const page = await callEndpoint(call, customersApi.card, { params: { id: customerId }, input: {} });
        return { history: page.history, available: true };
      } catch (error) {
        if (error instanceof OknoError && OFFLINE.has(error.code)) return { history: [], available: false };
        throw error;
      }
    },
  };
}
