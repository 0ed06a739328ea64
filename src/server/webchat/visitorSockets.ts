import type { WebSocket } from 'ws';
import { sendText } from '../sockets/sendJson.js';

/** The open widget sockets of each visitor (one per tab), keyed by the hash of the visitor's secret. */
export class VisitorSockets {
  private readonly byVisitor = new Map<string, Set<WebSocket>>();

  add(tokenHash: string, socket: WebSocket): void {
    let set = this.byVisitor.get(tokenHash);
    if (!set) {
      set = new Set();
      this.byVisitor.set(tokenHash, set);
    }
    set.add(socket);
  }

  remove(tokenHash: string, socket: WebSocket): void {
    const set = this.byVisitor.get(tokenHash);
    if (!set) return;
    set.delete(socket);
    if (set.size === 0) this.byVisitor.delete(tokenHash);
  }

  /** Whether the visitor has a widget open on this hub. */
  has(tokenHash: string): boolean {
    return this.byVisitor.has(tokenHash);
  }

  /** Closes every open socket (the hub is stopping); their close handlers remove them. */
  closeAll(): void {
    for (const set of [...this.byVisitor.values()]) for (const socket of [...set]) socket.close();
  }

  send(tokenHash: string, frame: unknown): void {
    const set = this.byVisitor.get(tokenHash);
    if (!set) return;
    const text = JSON.stringify(frame);
    for (const socket of set) sendText(socket, text);
  }
}
