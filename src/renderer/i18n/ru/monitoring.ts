import type { RuResource } from '../ru.js';
import type { monitoringEn } from '../en/monitoring.js';

/** Russian strings of live monitoring (issue 16). */
export const monitoringRu: RuResource<typeof monitoringEn> = {
  title: 'monitoring',
};
