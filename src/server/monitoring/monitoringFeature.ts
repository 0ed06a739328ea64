import type { HubFeature, HubFeatureContext } from '../features/hubFeature.js';
import { MediaTaps } from './mediaTaps.js';
import { MonitorDesk } from './monitorDesk.js';
import { monitoringRoutes } from './monitoringRoutes.js';

/** Live monitoring (issue 16, decision 0039): listen, whisper and barge on live calls. */
export function startMonitoringFeature(context: HubFeatureContext): HubFeature {
  const desk = new MonitorDesk({
    store: context.store,
    taps: context.ng ? new MediaTaps(context.ng) : null,
    now: context.now,
  });
  return {
    name: 'monitoring',
    hook: { ended: (call) => desk.ended(call) },
    routes: (scope) => monitoringRoutes(scope, desk),
  };
}
