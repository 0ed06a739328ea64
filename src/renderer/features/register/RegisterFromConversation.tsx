/** Registers a complaint or request from the open conversation. */
export function RegisterFromConversation(_props: { threadId: string }) {
  return null;
}
