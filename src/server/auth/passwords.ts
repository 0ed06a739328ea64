/**
 * Password hashes: scrypt with a per-user random salt, stored as `scrypt$N$r$p$salt$hash`
 * (base64url), so the cost can be raised without breaking old hashes: a hash made at a lower cost
 * still verifies and is made again at PASSWORD_COST at its owner's next sign-in (decision 0025).
 */
import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** The one place the cost is set: OWASP's current guidance for scrypt (N=2^17, r=8, p=1; 128 MiB, ~0.4 s). */
export const PASSWORD_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
/**
 * Tests only: with OKNO_TEST_FAST_PASSWORDS=1 new hashes use N=2^12 (a few ms), so suites that sign in
 * hundreds of times stay quick on a busy machine. Never set it for a real hub.
 */
const TEST_COST: ScryptCost = { N: 2 ** 12, r: 8, p: 1 };

/** The cost new hashes are made at (and below which stored ones are upgraded). */
export function passwordCost(): ScryptCost {
  return process.env.OKNO_TEST_FAST_PASSWORDS === '1' ? TEST_COST : PASSWORD_COST;
}
const KEY_LENGTH = 64;
const SALT_BYTES = 16;
/** Stored hashes are read with bounds, so a damaged row cannot make one check take minutes or gigabytes. */
const MAX_N = 2 ** 20;
const MAX_RP = 16;

/** scrypt needs 128·N·r bytes (plus a little); Node refuses more than `maxmem`. */
function maxmemOf(cost: ScryptCost): number {
  return 128 * cost.N * cost.r * cost.p + 4 * 1024 * 1024;
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...cost, maxmem: maxmemOf(cost) }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function format(cost: ScryptCost, salt: Buffer, key: Buffer): string {
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function hashPassword(password: string, cost: ScryptCost = passwordCost()): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  return format(cost, salt, await derive(password, salt, cost));
}

/** The cost a stored hash was made with, or null when it is not a hash this module reads. */
export function costOf(stored: string): ScryptCost | null {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = Number.isInteger(cost.N) && cost.N >= 2 && cost.N <= MAX_N && (cost.N & (cost.N - 1)) === 0;
  const small = (v: number) => Number.isInteger(v) && v >= 1 && v <= MAX_RP;
  if (scheme !== 'scrypt' || !salt || !hash || !powerOfTwo || !small(cost.r) || !small(cost.p)) return null;
  return cost;
}

/** Whether a stored hash was made below today's cost (it is made again at the next sign-in). */
export function needsRehash(stored: string, cost: ScryptCost = passwordCost()): boolean {
  const current = costOf(stored);
  return !current || current.N * current.r * current.p < cost.N * cost.r * cost.p;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const cost = costOf(stored);
  if (!cost) return false;
  const [, , , , salt = '', hash = ''] = stored.split('$');
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), cost);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash no password matches, at today's cost; verified against for unknown logins so they take as long as known ones. */
export function decoyHash(): string {
  return format(passwordCost(), Buffer.alloc(SALT_BYTES), Buffer.alloc(KEY_LENGTH));
}

/** Letters and digits without look-alikes (0/O, 1/l/I), for passwords people type from a terminal. */
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function randomPassword(length = 16): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
