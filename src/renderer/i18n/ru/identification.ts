import type { RuResource } from '../ru.js';
import type { identificationEn } from '../en/identification.js';

/** Russian strings of the customer desk's identification part. */
export const identificationRu: RuResource<typeof identificationEn> = {
  title: 'Идентификация',
};
