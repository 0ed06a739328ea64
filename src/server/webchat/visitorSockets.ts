import type { WebSocket } from 'ws';
import { LOCAL_BUS, type ClusterBus } from '../cluster/clusterBus.js';
import { sendText } from '../sockets/sendJson.js';

interface VisitorFrame {
  tokenHash: string;
  text: string;
}

/**
 * The open widget sockets of each visitor (one per tab), keyed by the hash of the visitor's secret.
 * With several hub instances a visitor's tabs may be on any of them: every frame also goes out on
 * the cluster bus, and frames from the other instances reach the sockets open here.
 */
export class VisitorSockets {
  private readonly byVisitor = new Map<string, Set<WebSocket>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly bus: ClusterBus = LOCAL_BUS) {
    this.unsubscribe = bus.subscribe('visitor', (data) => {
      const frame = data as VisitorFrame;
      this.sendHere(frame.tokenHash, frame.text);
    });
  }

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
    this.unsubscribe();
    for (const set of [...this.byVisitor.values()]) for (const socket of [...set]) socket.close();
  }

  send(tokenHash: string, frame: unknown): void {
    const text = JSON.stringify(frame);
    this.sendHere(tokenHash, text);
    this.bus.publish('visitor', { tokenHash, text } satisfies VisitorFrame);
  }

  private sendHere(tokenHash: string, text: string): void {
    const set = this.byVisitor.get(tokenHash);
    if (!set) return;
    for (const socket of set) sendText(socket, text);
  }
}
