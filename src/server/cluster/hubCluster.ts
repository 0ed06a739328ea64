/**
 * A hub instance as one of several on one PostgreSQL database (issue 17, decision 0047): it says
 * who it is (hub_instances, with its settings, seen every few seconds), refuses to start beside
 * instances running with other settings, follows the change log so changes committed anywhere
 * reach its agents, tells the others when it committed (NATS), and runs lease-held work.
 */
import { uuidv7 } from '../../shared/ids.js';
import type { Logger } from '../../shared/log.js';
import type { HubStore } from '../storage/hubStore.js';
import { InstancesRepo } from '../storage/instancesRepo.js';
import { LeasesRepo } from '../storage/leasesRepo.js';
import { connectBus, LOCAL_BUS, type ClusterBus } from './clusterBus.js';
import { LEASE_MS, LeasedWork, SOLO_LEASES } from './leasedWork.js';

export interface ClusterOptions {
  /** nats://host:4222: the broker the instances tell each other through. */
  natsUrl: string;
  /** This instance's name in the cluster; default a new id each start. */
  instanceId?: string;
  /** How often the change log is read even without a message from the broker; default 1000 ms. */
  pollMs?: number;
  /** How long a lease lasts without renewal; default 6000 ms. */
  leaseMs?: number;
  /**
   * How often the sessions behind this instance's live sockets are looked up, so a socket whose
   * session ended elsewhere closes even when the broker dropped the message; default 15000 ms.
   */
  sessionCheckMs?: number;
}

/** Settings every instance of one hub must share: they change what the hub does with the same data. */
export type SharedSettings = Record<string, string | number | boolean | null>;

export interface HubCluster {
  readonly instanceId: string;
  readonly bus: ClusterBus;
  readonly work: LeasedWork;
  /** How often held sockets' sessions are checked in the database; null alone (every end is local). */
  readonly sessionCheckMs: number | null;
  /** Called by the hub once it listens, with its own address. */
  announce(url: string): void;
  close(): Promise<void>;
}

export const SEEN_EVERY_MS = 2000;
/** An instance not seen for this long is taken for dead. */
export const ALIVE_MS = 3 * SEEN_EVERY_MS;
export const SESSION_CHECK_MS = 15_000;

function differences(a: SharedSettings, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((key) => JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null)).sort();
}

export async function startCluster(
  store: HubStore,
  options: ClusterOptions,
  settings: SharedSettings,
  now: () => number,
  log: Logger,
): Promise<HubCluster> {
  const instanceId = options.instanceId ?? uuidv7(now());
  const instances = new InstancesRepo(store.db);
  const startedAt = now();
  for (const other of instances.alive(startedAt - ALIVE_MS)) {
    if (other.id === instanceId) continue;
    const differ = differences(settings, other.settings);
    if (differ.length > 0) {
      throw new Error(
        `hub instance ${other.id} (${other.url}) runs with other settings: ${differ
          .map(
            (key) =>
              `${key} ${JSON.stringify(other.settings[key] ?? null)} there, ${JSON.stringify(settings[key] ?? null)} here`,
          )
          .join('; ')}; start every instance with the same settings`,
      );
    }
  }
  instances.register({ id: instanceId, startedAt, seenAt: startedAt, url: '', settings });
  const bus = await connectBus(options.natsUrl, store.hubId, instanceId, log.child('bus'));
  // Changes committed anywhere reach this instance's agents through the change log, in seq order.
  store.feed.followLog(
    (afterSeq, limit) => store.changeLog.page(afterSeq, limit),
    () => bus.publish('changes', { from: instanceId }),
  );
  const unsubscribe = bus.subscribe('changes', () => store.feed.catchUp());
  const poll = setInterval(() => {
    try {
      store.feed.catchUp();
    } catch (error) {
      log.warn('change log not read', { error: String(error) });
    }
  }, options.pollMs ?? 1000);
  poll.unref();
  const seen = setInterval(() => {
    try {
      instances.seen(instanceId, now());
    } catch (error) {
      log.warn('instance heartbeat not written', { error: String(error) });
    }
  }, SEEN_EVERY_MS);
  seen.unref();
  const work = new LeasedWork(
    new LeasesRepo(store.db),
    instanceId,
    now,
    log.child('leases'),
    options.leaseMs ?? LEASE_MS,
  );
  log.info('joined the cluster', { instanceId });
  return {
    instanceId,
    bus,
    work,
    sessionCheckMs: options.sessionCheckMs ?? SESSION_CHECK_MS,
    announce(url) {
      instances.register({ id: instanceId, startedAt, seenAt: now(), url, settings });
    },
    async close() {
      clearInterval(poll);
      clearInterval(seen);
      unsubscribe();
      await work.stop();
      try {
        instances.remove(instanceId, now() - 24 * 3_600_000);
      } catch (error) {
        log.warn('instance not removed from the list; it ages out', { error: String(error) });
      }
      await bus.close();
    },
  };
}

/** A hub that runs alone: leases are taken at once and the bus goes nowhere. */
export function soloCluster(now: () => number, log: Logger): HubCluster {
  const work = new LeasedWork(SOLO_LEASES, 'solo', now, log.child('leases'));
  return {
    instanceId: 'solo',
    bus: LOCAL_BUS,
    work,
    sessionCheckMs: null,
    announce: () => undefined,
    close: () => work.stop(),
  };
}
