/** A save that lost the race: who saved first and their version, from the hub's conflict (params: savedBy, savedAt, version). */
import type { ErrorInfo } from '../../../shared/errors.js';

export interface ConflictInfo {
  who: string | null;
  version: number | null;
}

export function conflictOf(error: ErrorInfo): ConflictInfo | null {
  if (error.code !== 'conflict') return null;
  const who = error.params?.savedBy;
  const version = error.params?.version;
  return {
    who: typeof who === 'string' && who ? who : null,
    version:
      typeof version === 'number'
        ? version
        : typeof version === 'string' && /^\d+$/.test(version)
          ? Number(version)
          : null,
  };
}
