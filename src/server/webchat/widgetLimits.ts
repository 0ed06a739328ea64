/**
 * The limits of the public web-chat endpoints (decision 0024): how much one visitor, one network
 * address and the whole hub may ask of the widget socket and the upload route. Every number has a
 * default sized for people chatting; a hub overrides any of them with OKNO_HUB_WIDGET_LIMITS, a
 * JSON object shaped like WidgetLimits holding only what changes, e.g.
 *   OKNO_HUB_WIDGET_LIMITS='{"messages":{"perAddress":{"burst":60,"perMinute":240}}}'
 *
 * Two shapes: a **bucket** `{ burst, perMinute }` lets `burst` through at once and then
 * `perMinute` a minute (a token bucket: frames on the socket, bytes of files); a **window**
 * `{ max, windowMs }` lets `max` through in each window of `windowMs` (HTTP requests, counted by
 * @fastify/rate-limit).
 */
import { z } from 'zod';
import { OknoError } from '../../shared/errors.js';
import { describeIssues } from '../../shared/validation.js';

const Bucket = z.strictObject({ burst: z.number().positive(), perMinute: z.number().positive() });
export type Bucket = z.infer<typeof Bucket>;
const Window = z.strictObject({ max: z.number().int().positive(), windowMs: z.number().int().positive() });
export type Window = z.infer<typeof Window>;
const Count = z.number().int().positive();

const MINUTE = 60_000;
const MiB = 1024 * 1024;

export const WidgetLimits = z.strictObject({
  /**
   * Addresses the per-address limits skip (the per-visitor and hub-wide ones still apply): the
   * hub's own machine, which is where a local reverse proxy's requests come from (the hub does not
   * read X-Forwarded-For, so behind one every visitor has its address) and where the desktop app's
   * embedded hub is used from. IPv6 addresses stand for their /64.
   */
  exemptAddresses: z.array(z.string().min(1)).max(100),
  /** GET /widget.js and /widget/demo. */
  requests: z.strictObject({ perAddress: Window, global: Window }),
  /** Widget sockets: opened (HTTP upgrades, per window) and open at once. */
  sockets: z.strictObject({
    opensPerAddress: Window,
    opensGlobal: Window,
    openPerAddress: Count,
    openGlobal: Count,
  }),
  /** Every hello (a page load, a reconnect). */
  hellos: z.strictObject({ perAddress: Bucket, global: Bucket }),
  /** Hellos without a known visitor secret: each makes a visitor row. */
  newVisitors: z.strictObject({ perAddress: Bucket, global: Bucket }),
  /** Messages and ratings; each new conversation also starts with one. */
  messages: z.strictObject({ perVisitor: Bucket, perAddress: Bucket, global: Bucket }),
  /** Typing notices (the widget sends at most one every 3 s). */
  typing: z.strictObject({ perVisitor: Bucket, perAddress: Bucket }),
  /** Files, counted as requests to the upload route. */
  uploads: z.strictObject({ perVisitor: Window, perAddress: Window, global: Window }),
  /** Bytes of files: a visitor's quota per UTC day (kept in the database), and buckets in memory. */
  uploadBytes: z.strictObject({ perVisitorPerDay: Count, perAddress: Bucket, global: Bucket }),
  /** Visitor rows: removed after `silentDays` without a message, or `idleDays` after their last visit with no open conversation. */
  visitors: z.strictObject({ silentDays: z.number().positive(), idleDays: z.number().positive(), sweepEveryMs: Count }),
});
export type WidgetLimits = z.infer<typeof WidgetLimits>;

export const DEFAULT_WIDGET_LIMITS: WidgetLimits = {
  exemptAddresses: ['127.0.0.1', '::1'],
  requests: { perAddress: { max: 120, windowMs: MINUTE }, global: { max: 6000, windowMs: MINUTE } },
  sockets: {
    opensPerAddress: { max: 60, windowMs: MINUTE },
    opensGlobal: { max: 3000, windowMs: MINUTE },
    openPerAddress: 20,
    openGlobal: 5000,
  },
  hellos: { perAddress: { burst: 20, perMinute: 20 }, global: { burst: 300, perMinute: 3000 } },
  newVisitors: { perAddress: { burst: 10, perMinute: 2 }, global: { burst: 100, perMinute: 600 } },
  messages: {
    perVisitor: { burst: 6, perMinute: 30 },
    perAddress: { burst: 30, perMinute: 120 },
    global: { burst: 300, perMinute: 6000 },
  },
  typing: { perVisitor: { burst: 5, perMinute: 30 }, perAddress: { burst: 40, perMinute: 400 } },
  uploads: {
    perVisitor: { max: 10, windowMs: 10 * MINUTE },
    perAddress: { max: 30, windowMs: 10 * MINUTE },
    global: { max: 300, windowMs: MINUTE },
  },
  uploadBytes: {
    perVisitorPerDay: 10 * MiB,
    perAddress: { burst: 50 * MiB, perMinute: MiB },
    global: { burst: 500 * MiB, perMinute: 20 * MiB },
  },
  visitors: { silentDays: 1, idleDays: 30, sweepEveryMs: 60 * MINUTE },
};

export const WIDGET_LIMITS_ENV = 'OKNO_HUB_WIDGET_LIMITS';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** The defaults with `changes` laid over them, checked: a wrong or unknown field is named. */
export function widgetLimits(
  changes: DeepPartial<WidgetLimits> | unknown = {},
  source = 'widget limits',
): WidgetLimits {
  const parsed = WidgetLimits.safeParse(overlay(DEFAULT_WIDGET_LIMITS, changes));
  if (!parsed.success) throw new OknoError('bad_request', `${source}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** The limits a hub runs with: the defaults, changed by OKNO_HUB_WIDGET_LIMITS when it is set. */
export function widgetLimitsFromEnv(env: Record<string, string | undefined>): WidgetLimits {
  const text = env[WIDGET_LIMITS_ENV]?.trim();
  if (!text) return widgetLimits();
  let changes: unknown;
  try {
    changes = JSON.parse(text);
  } catch (error) {
    throw new OknoError('bad_request', `${WIDGET_LIMITS_ENV} is not valid JSON: ${(error as Error).message}`);
  }
  return widgetLimits(changes, WIDGET_LIMITS_ENV);
}

function overlay(base: unknown, changes: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(changes)) return changes === undefined ? base : changes;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) result[key] = overlay(base[key], value);
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
