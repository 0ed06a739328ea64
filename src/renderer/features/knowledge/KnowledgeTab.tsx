/** The knowledge base: leads write and arrange articles. */
export function KnowledgeTab() {
  return null;
}
