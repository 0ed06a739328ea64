/**
 * What the visitor's message list shows: messages the hub confirmed, plus the visitor's own
 * messages still on their way (or refused). The hub uses the widget's clientId as the message id,
 * so a confirmation replaces its pending entry one for one.
 */
import type { WidgetMessage } from '../shared/widgetProtocol.js';

export interface Entry {
  id: string;
  mine: boolean;
  authorName: string;
  text: string;
  createdAt: number;
  state: 'sent' | 'pending' | 'failed';
  /** Why it was refused, in the visitor's language. */
  error?: string;
  /** Pending, held back by a limit of the hub: why, in the visitor's language (it is sent again later). */
  note?: string;
}

export class Conversation {
  private readonly confirmed = new Map<string, WidgetMessage>();
  private readonly outgoing = new Map<string, Entry>();

  /** The hub's history after a (re)connect; pending messages survive it and are resent. */
  reset(history: WidgetMessage[]): void {
    this.confirmed.clear();
    for (const message of history) this.confirm(message);
  }

  confirm(message: WidgetMessage): void {
    this.confirmed.set(message.id, message);
    this.outgoing.delete(message.id);
  }

  addPending(clientId: string, text: string, now: number): void {
    this.outgoing.set(clientId, { id: clientId, mine: true, authorName: '', text, createdAt: now, state: 'pending' });
  }

  fail(clientId: string, error: string): boolean {
    const entry = this.outgoing.get(clientId);
    if (!entry) return false;
    this.outgoing.set(clientId, { ...entry, state: 'failed', error });
    return true;
  }

  /** A limit of the hub refused the message for now: it stays pending, with the reason, to be sent again. */
  hold(clientId: string, note: string): boolean {
    const entry = this.outgoing.get(clientId);
    if (!entry || entry.state !== 'pending') return false;
    this.outgoing.set(clientId, { ...entry, note });
    return true;
  }

  /** The held messages, now to be sent again (their notes cleared). */
  release(): Entry[] {
    const held = [...this.outgoing.values()].filter((e) => e.state === 'pending' && e.note !== undefined);
    for (const entry of held) this.outgoing.set(entry.id, { ...entry, note: undefined });
    return held;
  }

  /** Messages to (re)send once the link is up. */
  pending(): Entry[] {
    return [...this.outgoing.values()].filter((e) => e.state === 'pending');
  }

  entries(): Entry[] {
    const sent: Entry[] = [...this.confirmed.values()].map((m) => ({
      id: m.id,
      mine: m.direction === 'in',
      authorName: m.authorName,
      text: m.text,
      createdAt: m.createdAt,
      state: 'sent',
    }));
    // Confirmed messages in hub order, then what is still on its way, in the order it was typed.
    sent.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    return [...sent, ...[...this.outgoing.values()].sort((a, b) => a.createdAt - b.createdAt)];
  }
}
