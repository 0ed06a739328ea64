/**
 * Must be the first import of main.ts. zod probes `new Function` when the first schema is built,
 * and under a strict CSP (no 'unsafe-eval', as on sites that embed us) that probe is reported as a
 * security-policy violation even though zod catches it. Jitless mode skips the probe; the widget
 * parses a few small frames, so the compiled fast path buys nothing here.
 */
import { config } from 'zod';

config({ jitless: true });
