import type { RuResource } from '../ru.js';
import type { csatEn } from '../en/csat.js';

/** Russian strings of customer ratings (issue 16). */
export const csatRu: RuResource<typeof csatEn> = {
  title: 'csat',
};
