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
    // The first group takes every channel and line, with the first administrator in it: on a fresh
    // hub the first chat or call is offered to someone instead of "all our agents are busy".
    const firstTeam = store.agents.ids();
    defaults.groups.forEach((group, index) =>
      store.routing.saveGroup(
        {
          ...group,
          id: uuidv7(now),
          memberIds: index === 0 ? [...new Set([...group.memberIds, ...firstTeam])] : group.memberIds,
        },
        now,
      ),
    );
    saveRoutingConfig(store.meta, defaults.routing);
    store.meta.set(SEEDED, String(now));
  })();
  return true;
}
