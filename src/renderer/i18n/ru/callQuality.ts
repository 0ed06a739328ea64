import type { RuResource } from '../ru.js';
import type { callQualityEn } from '../en/callQuality.js';

/** Russian strings of call quality (issue 16). */
export const callQualityRu: RuResource<typeof callQualityEn> = {
  title: 'callQuality',
};
