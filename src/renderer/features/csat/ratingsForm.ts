/**
 * The pure part of Team settings → Ratings: the typed validity (whole hours, 1–720) and link address
 * (http(s), needed when email asks) checked before they go to the hub, each problem as an i18n key.
 */
import type { CsatSettings, RatedChannel } from '../../../shared/csat/csat.js';

export interface RatingsDraft {
  lineIds: string[];
  channels: RatedChannel[];
  validityHours: string;
  linkBase: string;
}

export type RatingsProblemKey =
  'csat.settings.problems.validity' | 'csat.settings.problems.link' | 'csat.settings.problems.linkForEmail';

export type RatingsProblems = Partial<Record<'validityHours' | 'linkBase', RatingsProblemKey>>;

export const draftOf = (settings: CsatSettings): RatingsDraft => ({
  lineIds: settings.lineIds,
  channels: settings.channels,
  validityHours: String(settings.validityHours),
  linkBase: settings.linkBase ?? '',
});

/** The settings to save, or the problems (i18n keys under csat.settings.problems) by field. */
export function settingsOf(draft: RatingsDraft): { settings: CsatSettings } | { problems: RatingsProblems } {
  const problems: RatingsProblems = {};
  const hours = draft.validityHours.trim();
  if (!/^\d+$/.test(hours) || Number(hours) < 1 || Number(hours) > 720) {
    problems.validityHours = 'csat.settings.problems.validity';
  }
  const link = draft.linkBase.trim().replace(/\/+$/, '');
  if (link !== '') {
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(link).protocol);
    } catch {
      ok = false;
    }
    if (!ok) problems.linkBase = 'csat.settings.problems.link';
  } else if (draft.channels.includes('email')) {
    problems.linkBase = 'csat.settings.problems.linkForEmail';
  }
  if (Object.keys(problems).length > 0) return { problems };
  return {
    settings: {
      lineIds: draft.lineIds,
      channels: draft.channels,
      validityHours: Number(hours),
      linkBase: link === '' ? null : link,
    },
  };
}

/** The list with `value` in or out (checkbox toggles keep the order of first choice). */
export function toggled<T>(list: readonly T[], value: T, on: boolean): T[] {
  const without = list.filter((item) => item !== value);
  return on ? [...without, value] : without;
}
