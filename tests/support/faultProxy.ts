/**
 * A TCP proxy on 127.0.0.1 that stands between the agent core and the hub and misbehaves on
 * purpose. Each new connection may get one fault:
 *   drop      – accepted, then reset before a byte goes through;
 *   stall     – bytes stop flowing both ways for a while, then the link resumes or dies;
 *   delay     – every chunk is held back, in order;
 *   cut       – both sides are destroyed after a random number of bytes or a random time
 *               (often after the request reached the hub and before the answer got back);
 *   duplicate – what the client sent is replayed to the hub on a second connection (a
 *               retransmitted request), and that answer is thrown away;
 *   garbage   – the request reaches the hub, but the client gets a broken answer instead of the
 *               hub's (a captive portal, a confused middlebox): 200 with JSON that is not the protocol.
 * `setOffline(true)` refuses everything and cuts what is open: the agent's Wi-Fi is gone.
 */
import net from 'node:net';

export const FAULT_KINDS = ['drop', 'stall', 'delay', 'cut', 'duplicate', 'garbage'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface ChaosOptions {
  /** Chance that a new connection gets a fault, 0..1. */
  rate: number;
  /** Which faults may be picked; default all. */
  kinds?: readonly FaultKind[];
  random?: () => number;
}

export interface FaultProxy {
  readonly url: string;
  readonly port: number;
  /** Where the hub listens now (it may come back on another port after a restart). */
  setTarget(port: number): void;
  setChaos(options: ChaosOptions | null): void;
  setOffline(offline: boolean): void;
  /** Destroys every open connection now. */
  cutAll(): number;
  /** Open connections stop passing bytes, without closing: a dead link the OS has not noticed. */
  stallAll(): number;
  readonly counts: Readonly<Record<FaultKind | 'offline' | 'connections' | 'cutAll', number>>;
  close(): Promise<void>;
}

interface Link {
  client: net.Socket;
  upstream: net.Socket | null;
  destroy(): void;
  stall(): void;
}

export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  let target = targetPort;
  let chaos: ChaosOptions | null = null;
  let offline = false;
  const links = new Set<Link>();
  const counts = {
    drop: 0,
    stall: 0,
    delay: 0,
    cut: 0,
    duplicate: 0,
    garbage: 0,
    offline: 0,
    connections: 0,
    cutAll: 0,
  };

  const rnd = (): number => (chaos?.random ?? Math.random)();
  const between = (min: number, max: number): number => Math.round(min + rnd() * (max - min));

  function pickFault(): FaultKind | null {
    if (!chaos || rnd() >= chaos.rate) return null;
    const kinds = chaos.kinds ?? FAULT_KINDS;
    return kinds[Math.floor(rnd() * kinds.length)] ?? null;
  }

  function replay(bytes: Buffer): void {
    if (bytes.length === 0) return;
    const extra = net.connect({ host: '127.0.0.1', port: target });
    extra.on('error', () => extra.destroy());
    extra.on('data', () => undefined);
    extra.setTimeout(3000, () => extra.destroy());
    extra.on('connect', () => extra.write(bytes));
  }

  const server = net.createServer((client) => {
    counts.connections += 1;
    client.on('error', () => undefined);
    if (offline) {
      counts.offline += 1;
      client.resetAndDestroy();
      return;
    }
    const fault = pickFault();
    if (fault) counts[fault] += 1;
    if (fault === 'drop') {
      client.resetAndDestroy();
      return;
    }

    const upstream = net.connect({ host: '127.0.0.1', port: target });
    const timers: NodeJS.Timeout[] = [];
    let stalledForGood = false;
    const link: Link = {
      client,
      upstream,
      destroy() {
        for (const timer of timers) clearTimeout(timer);
        links.delete(link);
        client.destroy();
        upstream.destroy();
      },
      stall() {
        stalledForGood = true;
      },
    };
    links.add(link);
    upstream.on('error', () => link.destroy());
    client.on('close', () => link.destroy());
    upstream.on('close', () => link.destroy());

    let stalled = fault === 'stall';
    const delayMs = fault === 'delay' ? between(20, 400) : 0;
    let cutAfterBytes = fault === 'cut' ? between(1, 4000) : Infinity;
    const sent: Buffer[] = [];
    const held: { to: net.Socket; chunk: Buffer }[] = [];

    if (fault === 'cut') timers.push(setTimeout(() => link.destroy(), between(20, 3000)));
    if (fault === 'stall') {
      timers.push(
        setTimeout(
          () => {
            if (rnd() < 0.5) {
              link.destroy();
              return;
            }
            stalled = false;
            for (const { to, chunk } of held.splice(0)) if (!to.destroyed) to.write(chunk);
          },
          between(300, 4000),
        ),
      );
    }
    if (fault === 'duplicate') {
      timers.push(setTimeout(() => replay(Buffer.concat(sent)), between(0, 600)));
    }

    function forward(to: net.Socket, chunk: Buffer): void {
      if (cutAfterBytes !== Infinity) {
        cutAfterBytes -= chunk.length;
        if (cutAfterBytes <= 0) {
          // Let part of the chunk through, then cut in the middle of it.
          const part = chunk.subarray(0, Math.max(0, chunk.length + cutAfterBytes));
          if (part.length > 0 && !to.destroyed) to.write(part);
          link.destroy();
          return;
        }
      }
      if (stalledForGood) return;
      if (stalled) {
        held.push({ to, chunk });
        return;
      }
      if (delayMs > 0) {
        timers.push(setTimeout(() => !to.destroyed && to.write(chunk), delayMs));
        return;
      }
      if (!to.destroyed) to.write(chunk);
    }

    client.on('data', (chunk: Buffer) => {
      if (fault === 'duplicate' && sent.length < 64) sent.push(Buffer.from(chunk));
      forward(upstream, chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (fault === 'garbage') {
        const body = '{"hubId":42,"changes":"not a list","results":[{"id":null}]';
        client.write(
          `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
        );
        link.destroy();
        return;
      }
      forward(client, chunk);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;

  function cutAll(): number {
    const n = links.size;
    for (const link of [...links]) link.destroy();
    return n;
  }

  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    setTarget: (port) => {
      target = port;
    },
    setChaos: (options) => {
      chaos = options;
    },
    setOffline(next) {
      offline = next;
      if (next) counts.cutAll += cutAll();
    },
    cutAll() {
      const n = cutAll();
      counts.cutAll += n;
      return n;
    },
    stallAll() {
      for (const link of links) link.stall();
      return links.size;
    },
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        cutAll();
        server.close(() => resolve());
      }),
  };
}
