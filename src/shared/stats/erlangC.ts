/**
 * Erlang C staffing for a queue of calls (M/M/N): the probability that a call waits, the
 * service level and the average speed of answer for N agents, and the fewest agents that meet
 * a service-level target. Computed through the Erlang B recursion, which stays finite for any
 * number of agents where the factorial form overflows.
 */

export interface ErlangInput {
  /** Offered contacts per hour. */
  callsPerHour: number;
  /** Average handle time in seconds (talk + hold + after-call work). */
  ahtSeconds: number;
}

/** Offered traffic in Erlangs: how many agents would be busy all the time. */
export function trafficErlangs({ callsPerHour, ahtSeconds }: ErlangInput): number {
  return (callsPerHour * ahtSeconds) / 3600;
}

/** Erlang C: the probability that an arriving call has to wait. 1 when N cannot carry the traffic. */
export function probabilityOfWaiting(agents: number, erlangs: number): number {
  if (!Number.isInteger(agents) || agents < 0) throw new RangeError(`agents must be a whole number ≥ 0, got ${agents}`);
  if (!(erlangs >= 0) || !Number.isFinite(erlangs))
    throw new RangeError(`traffic must be a finite number ≥ 0, got ${erlangs}`);
  if (erlangs === 0) return 0;
  if (agents <= erlangs) return 1;
  let erlangB = 1;
  for (let n = 1; n <= agents; n++) erlangB = (erlangs * erlangB) / (n + erlangs * erlangB);
  return (agents * erlangB) / (agents - erlangs * (1 - erlangB));
}

/** Share of calls answered within `targetSeconds` with `agents` agents. */
export function serviceLevel(agents: number, input: ErlangInput, targetSeconds: number): number {
  const erlangs = trafficErlangs(input);
  if (erlangs === 0) return 1;
  if (agents <= erlangs) return 0;
  const wait = probabilityOfWaiting(agents, erlangs);
  return 1 - wait * Math.exp((-(agents - erlangs) * targetSeconds) / input.ahtSeconds);
}

/** Average speed of answer in seconds; Infinity when the agents cannot carry the traffic. */
export function averageSpeedOfAnswer(agents: number, input: ErlangInput): number {
  const erlangs = trafficErlangs(input);
  if (erlangs === 0) return 0;
  if (agents <= erlangs) return Number.POSITIVE_INFINITY;
  return (probabilityOfWaiting(agents, erlangs) * input.ahtSeconds) / (agents - erlangs);
}

export interface StaffingHint {
  agents: number;
  serviceLevel: number;
  averageSpeedOfAnswerSeconds: number;
  erlangs: number;
}

/** The fewest agents whose service level reaches `target` (0..1) within `targetSeconds`. */
export function agentsNeeded(
  input: ErlangInput,
  target: number,
  targetSeconds: number,
  maxAgents = 10_000,
): StaffingHint {
  if (!(target > 0 && target < 1)) throw new RangeError(`service-level target must be between 0 and 1, got ${target}`);
  const erlangs = trafficErlangs(input);
  let agents = Math.max(1, Math.floor(erlangs) + 1);
  if (erlangs === 0) agents = 0;
  for (; agents <= maxAgents; agents++) {
    const level = serviceLevel(agents, input, targetSeconds);
    if (level >= target) {
      return { agents, serviceLevel: level, averageSpeedOfAnswerSeconds: averageSpeedOfAnswer(agents, input), erlangs };
    }
  }
  throw new RangeError(`more than ${maxAgents} agents would be needed for ${erlangs.toFixed(1)} Erlangs`);
}
