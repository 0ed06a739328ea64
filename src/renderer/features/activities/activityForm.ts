/** The plan form's pure parts: the local time an <input type="datetime-local"> shows, and "for whom". */

/** "2026-03-02T14:05" in the browser's time zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The epoch ms of a datetime-local value (the browser's zone), or null when it is empty or not a time. */
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** The next whole quarter of an hour at least an hour from now: the form's first suggestion. */
export function suggestedDue(now: number): number {
  const quarter = 15 * 60_000;
  return Math.ceil((now + 3600_000) / quarter) * quarter;
}

export type Target = { agentId: string | null; groupId: string | null };

/** "" is the agent planning it; "agent:<id>" or "group:<id>" another. */
export function targetOf(value: string): Target {
  if (value.startsWith('agent:')) return { agentId: value.slice(6), groupId: null };
  if (value.startsWith('group:')) return { agentId: null, groupId: value.slice(6) };
  return { agentId: null, groupId: null };
}
