/** The complaint status workflow (decision 0035): which moves are allowed, and the refusal that names them. */
import { OknoError } from '../errors.js';
import type { ComplaintStatus } from './registerSchemas.js';

/** new → in_progress → waiting_customer → resolved → closed; reopen: resolved/closed → in_progress. */
export const ALLOWED_MOVES: Readonly<Record<ComplaintStatus, readonly ComplaintStatus[]>> = {
  new: ['in_progress'],
  in_progress: ['waiting_customer', 'resolved'],
  waiting_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export function allowedMoves(from: ComplaintStatus): readonly ComplaintStatus[] {
  return ALLOWED_MOVES[from];
}

export function canMove(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return ALLOWED_MOVES[from].includes(to);
}

/** Throws bad_request naming from, to and the allowed moves when the jump is forbidden. */
export function checkMove(from: ComplaintStatus, to: ComplaintStatus): void {
  if (canMove(from, to)) return;
  const allowed = ALLOWED_MOVES[from];
  throw new OknoError(
    'bad_request',
    `a complaint cannot go from "${from}" to "${to}"; from "${from}" it may go to ${allowed.map((s) => `"${s}"`).join(', ')}`,
    [{ path: 'status', message: `"${from}" → "${to}" is not allowed` }],
    { from, to, allowed: allowed.join(', ') },
  );
}
