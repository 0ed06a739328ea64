import type { RuResource } from '../ru.js';
import type { shiftCheckEn } from '../en/shiftCheck.js';

/** Russian strings of microphone and network check (issue 16). */
export const shiftCheckRu: RuResource<typeof shiftCheckEn> = {
  title: 'shiftCheck',
};
