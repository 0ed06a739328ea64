/**
 * The hub's features that follow calls and serve their own routes, in the order their call hooks run.
 */
import { startCallQualityFeature } from '../callQuality/callQualityFeature.js';
import { startCsatFeature } from '../csat/csatFeature.js';
import { startMonitoringFeature } from '../monitoring/monitoringFeature.js';
import { startQaFeature } from '../qa/qaFeature.js';
import { startRecordingFeature } from '../recording/recordingFeature.js';
import { startShiftCheckFeature } from '../shiftCheck/shiftCheckFeature.js';
import type { StartHubFeature } from './hubFeature.js';

export const HUB_FEATURES: readonly StartHubFeature[] = [
  startRecordingFeature,
  startMonitoringFeature,
  startCallQualityFeature,
  startCsatFeature,
  startShiftCheckFeature,
  startQaFeature,
];
