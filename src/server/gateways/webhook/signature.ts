/**
 * Webhook signatures, both ways: `X-Okno-Signature: sha256=<hex>` is HMAC-SHA256 with the channel's
 * signing secret over `<X-Okno-Timestamp>.<raw body>`. The timestamp (Unix seconds) must be within
 * five minutes of the hub's clock, so a captured call cannot be replayed later.
 */
import { createHmac } from 'node:crypto';
import { secretsEqual } from '../secretCompare.js';

export const SIGNATURE_HEADER = 'x-okno-signature';
export const TIMESTAMP_HEADER = 'x-okno-timestamp';
export const MAX_SKEW_MS = 5 * 60 * 1000;

export function sign(secret: string, timestampSec: number, body: Buffer | string): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestampSec}.`);
  mac.update(body);
  return `sha256=${mac.digest('hex')}`;
}

export type SignatureProblem = 'missing' | 'malformed' | 'stale' | 'mismatch';

export function checkSignature(
  secret: string,
  signature: string | null,
  timestamp: string | null,
  body: Buffer,
  nowMs: number,
): SignatureProblem | null {
  if (!signature || !timestamp) return 'missing';
  if (!/^sha256=[0-9a-f]{64}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) return 'malformed';
  if (Math.abs(nowMs - Number(timestamp) * 1000) > MAX_SKEW_MS) return 'stale';
  return secretsEqual(signature, sign(secret, Number(timestamp), body)) ? null : 'mismatch';
}

export const SIGNATURE_PROBLEMS: Record<SignatureProblem, string> = {
  missing: `missing ${SIGNATURE_HEADER} or ${TIMESTAMP_HEADER} header; sign each call (see docs/channels/webhook.md)`,
  malformed: `${SIGNATURE_HEADER} must be "sha256=<64 hex digits>" and ${TIMESTAMP_HEADER} Unix seconds`,
  stale: `${TIMESTAMP_HEADER} is more than 5 minutes away from the hub's clock`,
  mismatch: `${SIGNATURE_HEADER} does not match the body: wrong secret, or the body was changed after signing`,
};
