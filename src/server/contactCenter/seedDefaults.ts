/** Fills an empty hub with the shipped defaults, once (a lead who deletes them all is not overruled). */
import { uuidv7 } from '../../shared/ids.js';
import type { HubStore } from '../storage/hubStore.js';
import type { Defaults } from './defaults.js';
import { saveRoutingConfig } from './routingConfig.js';

const SEEDED = 'defaults_seeded';

export function seedDefaults(store: HubStore, defaults: Defaults, now: number): boolean {
  if (store.meta.get(SEEDED)) return false;
  store.db.transaction(() => {
    for (const input of defaults.templates) {
      store.templates.save({ ...input, id: uuidv7(now), scope: 'shared', ownerId: null, updatedAt: now });
    }
    store.rules.replaceAll(
      defaults.rules.map((rule) => ({ ...rule, id: uuidv7(now) })),
      now,
    );
    for (const group of defaults.groups) store.routing.saveGroup({ ...group, id: uuidv7(now) }, now);
    saveRoutingConfig(store.meta, defaults.routing);
    store.meta.set(SEEDED, String(now));
  })();
  return true;
}
