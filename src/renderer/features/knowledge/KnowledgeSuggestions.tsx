/** Articles suggested for the open conversation, next to the templates. */
export function KnowledgeSuggestions(_props: { threadId: string }) {
  return null;
}
