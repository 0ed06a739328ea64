import type { RuResource } from '../ru.js';
import type { topicsEn } from '../en/topics.js';

/** Russian strings of the topic tree and wrap-up. */
export const topicsRu: RuResource<typeof topicsEn> = {
  title: 'topics',
};
