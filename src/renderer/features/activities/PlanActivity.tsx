/** Plans a callback, meeting or reminder from the open conversation. */
export function PlanActivity(_props: { threadId: string }) {
  return null;
}
