/**
 * The hub's routing settings as they stand: read once from the store (or the shipped defaults),
 * replaced when a lead saves new ones. The wait estimate a customer is told is read from them too.
 */
import { estimateWaitMinutes } from '../../shared/routing/chooseAgent.js';
import type { HubStore } from '../storage/hubStore.js';
import type { RoutingConfig } from '../../shared/routing/routingConfig.js';
import { loadRoutingConfig, saveRoutingConfig } from './routingConfig.js';

/** What the auto-replies, the status desk and the templates read of routing. */
export interface RoutingOutlook {
  routingConfig(): RoutingConfig;
  /** Minutes until an agent answers this queued thread; null when it is assigned or nobody is ready. */
  estimatedWaitMinutes(threadId: string): number | null;
}

export class RoutingSettings implements RoutingOutlook {
  private config: RoutingConfig;

  constructor(
    private readonly store: HubStore,
    fallbackConfig: RoutingConfig,
  ) {
    this.config = loadRoutingConfig(store.meta, fallbackConfig);
  }

  routingConfig(): RoutingConfig {
    return this.config;
  }

  setRoutingConfig(config: RoutingConfig): void {
    saveRoutingConfig(this.store.meta, config);
    this.config = config;
  }

  estimatedWaitMinutes(threadId: string): number | null {
    const position = this.store.routing.queuedThreadIds().indexOf(threadId);
    if (position < 0) return null;
    return estimateWaitMinutes(position, this.store.routing.readyAgents().length, this.config.averageHandleMinutes);
  }
}
