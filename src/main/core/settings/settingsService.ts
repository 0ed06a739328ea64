import type { Settings } from '../../../shared/contract.js';
import type { EventBus } from '../events/eventBus.js';
import type { SettingsStore } from './settingsStore.js';

export interface SettingsService {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
}

/** Settings with their change event: whoever changes them, every window hears it. */
export function createSettingsService(store: SettingsStore, events: EventBus): SettingsService {
  return {
    get: () => store.get(),
    update(patch) {
      const before = store.get();
      const after = store.update(patch);
      if (before.language !== after.language || before.hubUrl !== after.hubUrl) events.emit('settings.changed', after);
      return after;
    },
  };
}
