import type { RuResource } from '../ru.js';
import type { knowledgeEn } from '../en/knowledge.js';

/** Russian strings of the knowledge base. */
export const knowledgeRu: RuResource<typeof knowledgeEn> = {
  title: 'knowledge',
};
