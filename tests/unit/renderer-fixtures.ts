/** Fixtures and a fake platform for the renderer's tests. */
import type { EventName, QueueItem, RequestInput, RequestName, RequestOutput } from '../../src/shared/contract.js';
import type { Agent, Message } from '../../src/shared/domain.js';
import type { ErrorInfo } from '../../src/shared/errors.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { PlatformError, type HostLink, type Platform } from '../../src/renderer/platform/platform.js';

export const agent: Agent = {
  id: uuidv7(1),
  login: 'anna',
  name: 'Anna Agent',
  role: 'agent',
  status: 'ready',
  updatedAt: 1,
};

export function queueItem(over: Partial<QueueItem> = {}): QueueItem {
  return {
    id: uuidv7(),
    number: 1042,
    channel: 'webchat',
    status: 'open',
    customerId: uuidv7(),
    assigneeId: null,
    subject: 'Order',
    slaDueAt: 100_000,
    lastMessageAt: 1_000,
    lastMessagePreview: 'Hello?',
    createdAt: 1_000,
    updatedAt: 1_000,
    customerName: 'Boris Customer',
    ...over,
  };
}

export function message(over: Partial<Message> = {}): Message {
  return {
    id: uuidv7(),
    threadId: uuidv7(),
    direction: 'in',
    author: { kind: 'customer', id: null, name: 'Boris Customer' },
    text: 'Hello',
    status: 'sent',
    createdAt: 1_000,
    ...over,
  };
}

type Handler<N extends RequestName> = (input: RequestInput<N>) => RequestOutput<N> | Promise<RequestOutput<N>>;

/** A platform whose requests are answered by per-test handlers; every call is recorded. */
export class FakePlatform implements Platform {
  readonly calls: { name: RequestName; input: unknown }[] = [];
  private readonly handlers = new Map<RequestName, (input: unknown) => unknown>();
  private readonly eventListeners = new Set<(name: EventName, payload: unknown) => void>();
  private readonly linkListeners = new Set<(link: HostLink) => void>();

  on<N extends RequestName>(name: N, handler: Handler<N>): this {
    this.handlers.set(name, handler as (input: unknown) => unknown);
    return this;
  }

  fail(name: RequestName, error: ErrorInfo): this {
    this.handlers.set(name, () => {
      throw new PlatformError(error);
    });
    return this;
  }

  async invoke<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
    this.calls.push({ name, input });
    const handler = this.handlers.get(name);
    if (!handler) throw new PlatformError({ code: 'unknown_request', message: `no fake for ${name}` });
    return (await handler(input)) as RequestOutput<N>;
  }

  callsOf(name: RequestName): unknown[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input);
  }

  onEvent(listener: (name: EventName, payload: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onHostLink(listener: (link: HostLink) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  emit(name: EventName, payload: unknown): void {
    for (const l of this.eventListeners) l(name, payload);
  }

  setLink(link: HostLink): void {
    for (const l of this.linkListeners) l(link);
  }
}

/** Lets pending promises and listener effects run. */
export async function flush(ms = 0): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}
