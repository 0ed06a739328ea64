/**
 * How a limit says no: what was refused, whose allowance ran out, the rule, and when to try again.
 * The socket sends it as a `slow_down` frame; HTTP as 429 `rate_limited` with the same fields in
 * `error.params`. The English sentence is for developers and logs; the widget words it in the
 * customer's language from the fields.
 */
import { OknoError } from '../../shared/errors.js';
import type { WidgetLimitName, WidgetLimitRefusal, WidgetLimitScope } from '../../shared/widgetProtocol.js';
import type { Bucket, Window } from './widgetLimits.js';

export type LimitRefusal = WidgetLimitRefusal & { message: string };

const WHAT: Record<WidgetLimitName, string> = {
  requests: 'requests for the widget',
  sockets: 'chat connections',
  hellos: 'chat openings (hello)',
  new_visitors: 'new visitors',
  messages: 'messages',
  typing: 'typing notices',
  uploads: 'files',
  upload_bytes: 'bytes of files',
};

const WHOSE: Record<WidgetLimitScope, string> = {
  visitor: 'from this visitor',
  address: 'from this network address',
  global: 'from all visitors together',
};

/** A rule in words: a bucket, a window, a number open at once, or a daily quota of bytes. */
export type LimitRule = { bucket: Bucket } | { window: Window } | { open: number } | { perDay: number };

export function limitRefusal(
  limit: WidgetLimitName,
  scope: WidgetLimitScope,
  retryAfterMs: number,
  rule: LimitRule,
): LimitRefusal {
  const retry = Math.max(0, Math.ceil(retryAfterMs));
  return {
    limit,
    scope,
    retryAfterMs: retry,
    max: maxOf(rule),
    message: `slow down: too many ${WHAT[limit]} ${WHOSE[scope]} (${ruleText(rule)}); try again in ${durationText(retry)}`,
  };
}

/** The refusal as an HTTP error: 429 rate_limited, the fields in `params`. */
export function refusalError(refusal: LimitRefusal): OknoError {
  const { message, ...params } = refusal;
  return new OknoError('rate_limited', message, undefined, params);
}

function maxOf(rule: LimitRule): number {
  if ('bucket' in rule) return rule.bucket.burst;
  if ('window' in rule) return rule.window.max;
  if ('open' in rule) return rule.open;
  return rule.perDay;
}

function ruleText(rule: LimitRule): string {
  if ('bucket' in rule)
    return `at most ${amount(rule.bucket.burst)} at once, then ${amount(rule.bucket.perMinute)} a minute`;
  if ('window' in rule) return `at most ${rule.window.max} in ${durationText(rule.window.windowMs)}`;
  if ('open' in rule) return `at most ${rule.open} open at once`;
  return `at most ${amount(rule.perDay)} a day (UTC)`;
}

/** Byte amounts read as MiB; counts as they are. */
function amount(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB` : String(Math.round(n * 100) / 100);
}

export function durationText(ms: number): string {
  if (ms < 90_000) return `${Math.ceil(ms / 1000)} s`;
  if (ms < 90 * 60_000) return `${Math.ceil(ms / 60_000)} min`;
  return `${Math.ceil(ms / 3_600_000)} h`;
}
