import type { RuResource } from '../ru.js';
import type { recordingEn } from '../en/recording.js';

/** Russian strings of call recordings (issue 16). */
export const recordingRu: RuResource<typeof recordingEn> = {
  title: 'recording',
};
