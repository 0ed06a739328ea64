/** The article open beside the conversation. */
export function KnowledgePanel() {
  return null;
}
