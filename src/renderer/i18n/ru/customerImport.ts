import type { RuResource } from '../ru.js';
import type { customerImportEn } from '../en/customerImport.js';

/** Russian strings of the customer desk's import part. */
export const customerImportRu: RuResource<typeof customerImportEn> = {
  title: 'Загрузка клиентов',
};
