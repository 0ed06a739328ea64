import type { RuResource } from '../ru.js';
import type { customerSearchEn } from '../en/customerSearch.js';

/** Russian strings of the customer desk's search part. */
export const customerSearchRu: RuResource<typeof customerSearchEn> = {
  title: 'Найти клиента',
};
