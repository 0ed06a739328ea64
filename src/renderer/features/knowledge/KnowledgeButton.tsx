/** Opens the knowledge base from the top bar. */
export function KnowledgeButton() {
  return null;
}
