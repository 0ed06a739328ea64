import type { RuResource } from '../ru.js';
import type { activitiesEn } from '../en/activities.js';

/** Russian strings of planned activities. */
export const activitiesRu: RuResource<typeof activitiesEn> = {
  title: 'activities',
};
