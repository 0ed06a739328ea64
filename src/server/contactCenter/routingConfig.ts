/** Where the hub keeps its routing settings (their schema: src/shared/routing/routingConfig.ts). */
import { RoutingConfig } from '../../shared/routing/routingConfig.js';
import type { MetaRepo } from '../storage/metaRepo.js';

const KEY = 'routing_config';

export function loadRoutingConfig(meta: MetaRepo, fallback: RoutingConfig): RoutingConfig {
  return parseRoutingConfig(storedRoutingConfig(meta), fallback);
}

/** The settings as stored, unparsed: cheap to compare with what an instance holds. */
export function storedRoutingConfig(meta: MetaRepo): string | null {
  return meta.get(KEY);
}

export function parseRoutingConfig(text: string | null, fallback: RoutingConfig): RoutingConfig {
  return text ? RoutingConfig.parse(JSON.parse(text)) : fallback;
}

export function saveRoutingConfig(meta: MetaRepo, config: RoutingConfig): void {
  meta.set(KEY, JSON.stringify(config));
}
