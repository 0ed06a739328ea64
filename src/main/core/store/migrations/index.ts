import { migration001 } from './001-initial-schema.js';
import { migration002 } from './002-retention-attachments.js';
import { migration003 } from './003-customer-cards.js';
import { migration004 } from './004-thread-routing-facts.js';
import { migration005 } from './005-thread-reach.js';
import { migration006 } from './006-customer-kind.js';
import { migration007 } from './007-knowledge-cache.js';
import { migration008 } from './008-message-search-terms.js';
import type { Migration } from './migration.js';

/** Every schema step, in order. Add a file per version; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
];

export type { Migration };
