/** The topics of the open contact, set at wrap-up. */
export function WrapUpTopics(_props: { threadId: string }) {
  return null;
}
