/**
 * The hub's routing settings as they stand: read once from the store (or the shipped defaults),
 * replaced when a lead saves new ones. The wait estimate a customer is told is read from them too.
 * In a cluster a save on one instance reaches the others over the bus, and each also compares the
 * stored text every second, so a message the broker dropped costs a second, never a stale setting.
 */
import { estimateWaitMinutes } from '../../shared/routing/chooseAgent.js';
import type { HubStore } from '../storage/hubStore.js';
import type { RoutingConfig } from '../../shared/routing/routingConfig.js';
import type { ClusterBus } from '../cluster/clusterBus.js';
import { parseRoutingConfig, saveRoutingConfig, storedRoutingConfig } from './routingConfig.js';

const TOPIC = 'routing-config';

/** What the auto-replies, the status desk and the templates read of routing. */
export interface RoutingOutlook {
  routingConfig(): RoutingConfig;
  /** Minutes until an agent answers this queued thread; null when it is assigned or nobody is ready. */
  estimatedWaitMinutes(threadId: string): number | null;
}

export class RoutingSettings implements RoutingOutlook {
  private config: RoutingConfig;
  private stored: string | null;
  private bus: ClusterBus | null = null;

  constructor(
    private readonly store: HubStore,
    private readonly fallbackConfig: RoutingConfig,
  ) {
    this.stored = storedRoutingConfig(store.meta);
    this.config = parseRoutingConfig(this.stored, fallbackConfig);
  }

  /** Keeps up with saves made on other instances; returns the stopper. */
  follow(bus: ClusterBus, pollMs: number): () => void {
    this.bus = bus;
    const unsubscribe = bus.subscribe(TOPIC, () => this.refresh());
    const poll = setInterval(() => this.refresh(), pollMs);
    poll.unref();
    return () => {
      clearInterval(poll);
      unsubscribe();
      this.bus = null;
    };
  }

  /** Reads the stored settings again when they differ from the ones held. */
  refresh(): void {
    try {
      const stored = storedRoutingConfig(this.store.meta);
      if (stored === this.stored) return;
      this.config = parseRoutingConfig(stored, this.fallbackConfig);
      this.stored = stored;
    } catch {
      // The database is away or the text unreadable: keep the settings held, try again next time.
    }
  }

  routingConfig(): RoutingConfig {
    return this.config;
  }

  setRoutingConfig(config: RoutingConfig): void {
    saveRoutingConfig(this.store.meta, config);
    this.config = config;
    this.stored = storedRoutingConfig(this.store.meta);
    this.bus?.publish(TOPIC, {});
  }

  estimatedWaitMinutes(threadId: string): number | null {
    const position = this.store.routing.queuedThreadIds().indexOf(threadId);
    if (position < 0) return null;
    return estimateWaitMinutes(position, this.store.routing.readyAgents().length, this.config.averageHandleMinutes);
  }
}
