/**
 * Which recording policy holds for a call (decision 0037): the group that took the call decides when it
 * names a policy, otherwise the line does. A group is the narrower unit (a team that must, or must not,
 * be recorded whatever number the customer dialled), so its word overrides the line's.
 */
import type { ServiceLine } from '../../shared/calls/serviceLine.js';
import type { RecordingPolicy } from '../../shared/recording/recording.js';
import type { Group } from '../../shared/routing/chooseAgent.js';

export function effectivePolicy(line: ServiceLine | null, group: Group | null): RecordingPolicy {
  return group?.recordingPolicy ?? line?.recording.policy ?? 'none';
}

/**
 * Whether a call on this line may be recorded at all, before anyone knows which group will take it:
 * the line records, or a group that may take its calls does (the line's own group; any group when the
 * line names none or its menu sends calls elsewhere). The spoken notice is said when this holds.
 */
export function mayRecordOnLine(line: ServiceLine, groups: readonly Group[]): boolean {
  const records = (policy: RecordingPolicy | null | undefined) => policy === 'all' || policy === 'on_demand';
  const own = groups.find((group) => group.id === line.groupId) ?? null;
  if (own && !line.menu) return records(effectivePolicy(line, own));
  if (records(line.recording.policy)) return true;
  return groups.some((group) => records(group.recordingPolicy));
}
