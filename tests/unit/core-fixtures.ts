/** Builders shared by the agent-core tests: temp folders, entities and hub changes. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Customer, Message, Thread } from '../../src/shared/domain.js';
import { uuidv7 } from '../../src/shared/ids.js';
import type { Change } from '../../src/shared/sync.js';

export const T0 = Date.UTC(2025, 0, 15, 9, 0, 0);

/** A fresh folder under the OS temp dir; call the returned function to delete it. */
export function tempDir(prefix = 'okno-core-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function customer(over: Partial<Customer> = {}): Customer {
  return { id: uuidv7(), name: 'Анна Петрова', phone: null, email: null, createdAt: T0, updatedAt: T0, ...over };
}

let number = 1000;
export function thread(over: Partial<Thread> = {}): Thread {
  return {
    id: uuidv7(),
    number: ++number,
    channel: 'webchat',
    status: 'open',
    customerId: uuidv7(),
    assigneeId: null,
    subject: 'Web chat',
    slaDueAt: null,
    lastMessageAt: T0,
    lastMessagePreview: '',
    createdAt: T0,
    updatedAt: T0,
    topic: null,
    groupId: null,
    ...over,
  };
}

export function message(threadId: string, over: Partial<Message> = {}): Message {
  return {
    id: uuidv7(),
    threadId,
    direction: 'in',
    author: { kind: 'customer', id: null, name: 'Анна' },
    text: 'Здравствуйте',
    status: 'sent',
    createdAt: T0,
    ...over,
  };
}

/** Hands out increasing seqs, like the hub's change log. */
export function changeLog(start = 0) {
  let seq = start;
  return {
    thread: (data: Thread): Change => ({ seq: ++seq, entity: 'thread', data }),
    message: (data: Message): Change => ({ seq: ++seq, entity: 'message', data }),
    customer: (data: Customer): Change => ({ seq: ++seq, entity: 'customer', data }),
    get seq() {
      return seq;
    },
  };
}
