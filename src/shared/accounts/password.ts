/** Passwords as people choose them (decision 0025): length is what counts, no composition rules. */
import { z } from 'zod';
import { LIMITS } from '../domain.js';

export const PASSWORD_MIN_LENGTH = 8;

/** A new password: at least 8 characters, at most LIMITS.password; spaces and any script are fine. */
export const NewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `password is shorter than ${PASSWORD_MIN_LENGTH} characters`)
  .max(LIMITS.password, `password is longer than ${LIMITS.password} characters`);

/** A password being checked (the current one): only its size is limited. */
export const GivenPassword = z.string().min(1, 'password is empty').max(LIMITS.password);
