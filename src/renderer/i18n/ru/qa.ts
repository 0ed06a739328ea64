import type { RuResource } from '../ru.js';
import type { qaEn } from '../en/qa.js';

/** Russian strings of quality scoring (issue 16). */
export const qaRu: RuResource<typeof qaEn> = {
  title: 'qa',
};
