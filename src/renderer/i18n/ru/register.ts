import type { RuResource } from '../ru.js';
import type { registerEn } from '../en/register.js';

/** Russian strings of the complaints and requests register. */
export const registerRu: RuResource<typeof registerEn> = {
  title: 'register',
};
