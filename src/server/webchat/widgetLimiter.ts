/**
 * The widget socket's limits in memory (decision 0024): sockets open at once per address and in
 * all; and token buckets for hellos, new visitors, messages, typing notices and the bytes of files,
 * per visitor, per address and for the whole hub. A frame is checked against every level first and
 * spends from all of them only when all allow it, so a refused frame costs no one's allowance.
 * Limits measure real time (a monotonic clock), not the hub's business clock, which tests set.
 * Per-address limits skip `exemptAddresses` (the hub's own machine by default).
 */
import { normalizeIP } from '@fastify/rate-limit';
import type { WidgetLimitName, WidgetLimitScope } from '../../shared/widgetProtocol.js';
import { limitRefusal, type LimitRefusal } from './limitRefusal.js';
import { TokenBuckets } from './tokenBuckets.js';
import type { Bucket, WidgetLimits } from './widgetLimits.js';

/** A socket refused for too many open at once may try again after this (others close meanwhile). */
export const SOCKETS_RETRY_MS = 30_000;
const ALL = '*';

interface Check {
  limit: WidgetLimitName;
  scope: WidgetLimitScope;
  buckets: TokenBuckets;
  key: string;
  cost?: number;
}

/** The key of a network address: IPv4 as is, IPv6 by its /64 (one household or server). */
export function addressKey(ip: string | undefined): string {
  return ip ? normalizeIP(ip) : 'unknown';
}

/** The exempt addresses as keys. */
export function exemptKeys(limits: WidgetLimits): ReadonlySet<string> {
  return new Set(limits.exemptAddresses.map(addressKey));
}

export class WidgetLimiter {
  private readonly exempt: ReadonlySet<string>;
  private readonly openByAddress = new Map<string, number>();
  private openCount = 0;
  private readonly hellos;
  private readonly newVisitors;
  private readonly messages;
  private readonly typing;
  private readonly bytes;

  constructor(
    readonly limits: WidgetLimits,
    now: () => number = () => performance.now(),
  ) {
    this.exempt = exemptKeys(limits);
    const buckets = (rate: Bucket) => new TokenBuckets(rate, now);
    this.hellos = { address: buckets(limits.hellos.perAddress), global: buckets(limits.hellos.global) };
    this.newVisitors = { address: buckets(limits.newVisitors.perAddress), global: buckets(limits.newVisitors.global) };
    this.messages = {
      visitor: buckets(limits.messages.perVisitor),
      address: buckets(limits.messages.perAddress),
      global: buckets(limits.messages.global),
    };
    this.typing = { visitor: buckets(limits.typing.perVisitor), address: buckets(limits.typing.perAddress) };
    this.bytes = { address: buckets(limits.uploadBytes.perAddress), global: buckets(limits.uploadBytes.global) };
  }

  /** Counts a socket as open; a refusal when its address, or the hub, has as many as allowed. */
  openSocket(address: string): LimitRefusal | null {
    const mine = this.openByAddress.get(address) ?? 0;
    const { openPerAddress, openGlobal } = this.limits.sockets;
    if (mine >= openPerAddress && !this.exempt.has(address))
      return limitRefusal('sockets', 'address', SOCKETS_RETRY_MS, { open: openPerAddress });
    if (this.openCount >= openGlobal) return limitRefusal('sockets', 'global', SOCKETS_RETRY_MS, { open: openGlobal });
    this.openByAddress.set(address, mine + 1);
    this.openCount++;
    return null;
  }

  closeSocket(address: string): void {
    const mine = this.openByAddress.get(address) ?? 0;
    if (mine <= 1) this.openByAddress.delete(address);
    else this.openByAddress.set(address, mine - 1);
    this.openCount = Math.max(0, this.openCount - 1);
  }

  get openSockets(): number {
    return this.openCount;
  }

  /** A hello; one without a known visitor secret also makes a new visitor. */
  hello(address: string, newVisitor: boolean): LimitRefusal | null {
    const checks: Check[] = [
      { limit: 'hellos', scope: 'address', buckets: this.hellos.address, key: address },
      { limit: 'hellos', scope: 'global', buckets: this.hellos.global, key: ALL },
    ];
    if (newVisitor) {
      checks.push(
        { limit: 'new_visitors', scope: 'address', buckets: this.newVisitors.address, key: address },
        { limit: 'new_visitors', scope: 'global', buckets: this.newVisitors.global, key: ALL },
      );
    }
    return this.spend(checks);
  }

  /** A message or a rating. */
  message(tokenHash: string, address: string): LimitRefusal | null {
    return this.spend([
      { limit: 'messages', scope: 'visitor', buckets: this.messages.visitor, key: tokenHash },
      { limit: 'messages', scope: 'address', buckets: this.messages.address, key: address },
      { limit: 'messages', scope: 'global', buckets: this.messages.global, key: ALL },
    ]);
  }

  typingNotice(tokenHash: string, address: string): LimitRefusal | null {
    return this.spend([
      { limit: 'typing', scope: 'visitor', buckets: this.typing.visitor, key: tokenHash },
      { limit: 'typing', scope: 'address', buckets: this.typing.address, key: address },
    ]);
  }

  /** The bytes of a file about to be read (the visitor's daily quota is the database's: see VisitorsRepo). */
  uploadBytes(address: string, bytes: number): LimitRefusal | null {
    return this.spend([
      { limit: 'upload_bytes', scope: 'address', buckets: this.bytes.address, key: address, cost: bytes },
      { limit: 'upload_bytes', scope: 'global', buckets: this.bytes.global, key: ALL, cost: bytes },
    ]);
  }

  private spend(all: Check[]): LimitRefusal | null {
    const checks = all.filter((check) => check.scope !== 'address' || !this.exempt.has(check.key));
    for (const check of checks) {
      const wait = check.buckets.wait(check.key, check.cost);
      if (wait > 0) return limitRefusal(check.limit, check.scope, wait, { bucket: check.buckets.rate });
    }
    for (const check of checks) check.buckets.take(check.key, check.cost);
    return null;
  }
}
